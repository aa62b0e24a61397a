"""Hostile intake: control characters never reach the store (they broke the Word export), positions are
checked (lat=inf crashed dispatch, lat=1000 gave a 16,846 km ETA), free text is bounded (10 MB used to be saved
and copied into the audit log), and a receipt back-dated by a typo of 100 years is refused."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from commanddesk.clock import BEIJING
from commanddesk.errors import ValidationError
from commanddesk.models import AuditEntry, CallRecord, ClockInstance
from commanddesk.services import incidents as svc

CALL = dict(category="accident", type="accident.explosion", place_text="海州区某化工厂")


def _save(store, **kw):
    with store.transaction() as s:
        result = svc.record_call(s, svc.CallInput(**{**CALL, **kw}))
        return s.get(CallRecord, result.call_id)


def _rows(store):
    with store.read() as s:
        return (s.scalar(select(func.count()).select_from(CallRecord)),
                s.scalar(select(func.count()).select_from(ClockInstance)),
                s.scalar(select(func.count()).select_from(AuditEntry)))


def test_control_characters_are_removed_before_saving(store, officer):
    call = _save(store, place_text="海州区\x0b某厂\n东门", course="爆炸\x00\x07\x1b[2J\ufffe\ud800起火\n已报119",
                 caller_name="\x08\x08张三")
    assert (call.place_text, call.caller_name) == ("海州区某厂 东门", "张三")  # a line break in one line: a space
    assert call.course == "爆炸[2J起火\n已报119"


@pytest.mark.parametrize("changes,field", [
    (dict(lat=float("inf"), lon=119.2), "lat"), (dict(lat=float("nan"), lon=119.2), "lat"),
    (dict(lat=1000.0, lon=119.2), "lat"), (dict(lat=34.6, lon=-999.0), "lat"), (dict(lat=34.6), "lon"),
    (dict(course="长" * 10_000_000), "course"), (dict(original_message="长" * 1_000_000), "original_message"),
    (dict(place_text="\x07\x08"), "place_text"),
    (dict(occurred_at=datetime(1926, 11, 23, 10, 0, tzinfo=BEIJING)), "occurred_at"),
])
def test_impossible_positions_and_unbounded_text_are_refused_and_nothing_is_saved(store, officer, changes, field):
    before = _rows(store)
    with pytest.raises(ValidationError) as err:
        _save(store, **changes)
    assert err.value.field == field and _rows(store) == before


@pytest.mark.parametrize("years", [100, 2025])
def test_a_receipt_back_dated_by_a_typo_is_refused(store, officer, clock, years):
    """100 years back used to create 73,006 clock rows; a month back (a call logged late) is still taken."""
    now = clock.now()
    before = _rows(store)
    with pytest.raises(ValidationError, match="核对年份") as err:
        _save(store, received_at=now - timedelta(days=365 * years), receipt_edit_reason="补录")
    assert err.value.field == "received_at" and _rows(store) == before
    assert _save(store, received_at=now - timedelta(days=20), receipt_edit_reason="补录")


text_with_controls = st.text(st.characters(codec="utf-8") | st.sampled_from(["\x00", "\x07", "\x1b", "\ufffe", "\x85"]),
                             max_size=30)


@pytest.mark.sqlite_only  # the two cases above run on PostgreSQL too (which refuses NUL in text outright)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(course=text_with_controls, caller=text_with_controls)
def test_any_typed_text_is_saved_printable_or_refused(store, officer, course, caller):
    """Whatever is typed or pasted, the stored call holds no character that XML (Word, PDF, CAP) cannot carry."""
    try:
        call = _save(store, course=course, caller_name=caller)
    except ValidationError:
        return
    for text in (call.course, call.caller_name):
        assert not [c for c in text if c not in "\n\t" and (unicodedata.category(c) in ("Cc", "Cs") or c in "\ufffe\uffff")]


def test_line_ends_from_other_systems_become_one_line_break():
    """A Windows (\\r\\n) or old-Mac (\\r) line end is kept as one \\n in a multi-line field, a space in a one-line one."""
    from commanddesk.services.incidents import visible

    assert visible("罐区起火\r\n3人被困\r待援") == "罐区起火\n3人被困\n待援"
    assert visible("海州区\r\n某厂", multiline=False) == "海州区 某厂"
