"""Duty records: one roster shift per day and slot, one zero report per unit and day, times kept exactly."""

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from commanddesk.clock import BEIJING
from commanddesk.models import RosterShift, ZeroReport

DAY = date(2026, 11, 23)


def _shift(slot=0):
    return RosterShift(day=DAY, slot=slot, starts_at=datetime(2026, 11, 23, 8, 30, tzinfo=BEIJING),
                       ends_at=datetime(2026, 11, 24, 8, 30, tzinfo=BEIJING), leader="领导乙", officer="值班员甲、值班员戊")


def test_one_shift_per_day_and_slot(store):
    with store.transaction() as s:
        s.add_all([_shift(0), _shift(1)])
    with pytest.raises(IntegrityError):
        with store.transaction() as s:
            s.add(_shift(1))
    with store.read() as s:
        assert s.scalars(select(RosterShift.slot).order_by(RosterShift.slot)).all() == [0, 1]


def test_shift_times_come_back_as_the_same_instant_in_utc(store):
    with store.transaction() as s:
        s.add(_shift())
    with store.read() as s:
        row = s.scalar(select(RosterShift))
    assert row.starts_at == datetime(2026, 11, 23, 0, 30, tzinfo=timezone.utc)
    assert row.starts_at.utcoffset().total_seconds() == 0
    assert row.officer == "值班员甲、值班员戊"


def test_one_zero_report_per_unit_and_day_with_its_chases(store):
    chases = [{"at": "2026-11-23T09:05:00+08:00", "by": "值班员甲"}]
    with store.transaction() as s:
        s.add(ZeroReport(day=DAY, unit="洪门街道", chases=chases))
        s.add(ZeroReport(day=date(2026, 11, 24), unit="洪门街道"))
    with pytest.raises(IntegrityError):
        with store.transaction() as s:
            s.add(ZeroReport(day=DAY, unit="洪门街道", status="nothing"))
    with store.read() as s:
        row = s.scalar(select(ZeroReport).where(ZeroReport.day == DAY))
        assert (row.status, row.chases, row.reported_at) == ("", chases, None)
        assert s.scalar(select(ZeroReport).where(ZeroReport.day == date(2026, 11, 24))).chases == []
