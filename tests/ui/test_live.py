"""Seats on one PostgreSQL database see each other's changes without F5, and say when the server is gone."""

from __future__ import annotations

import pytest

from commanddesk import live, notify
from commanddesk.services import incidents as svc
from commanddesk.store import open_store
from commanddesk.ui.context import AppContext
from commanddesk.ui.main_window import MainWindow
from tests.conftest import sign_in
from tests.ui.conftest import type_text


@pytest.fixture
def backend() -> str:
    return "postgresql"


def _call(store, place: str) -> int:
    with store.transaction() as s:
        return svc.record_call(s, svc.CallInput(
            category="accident", type="accident.hazmat", place_text=place, counts={"deaths": 11})).incident_id


def _seat(qtbot, store) -> MainWindow:
    w = MainWindow(AppContext(store))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitUntil(lambda: w.live.listener is not None and w.live.listener.connected.is_set(), timeout=10_000)
    return w


def _listed(page) -> list[int]:
    return [page.model.row(i).id for i in range(page.model.rowCount())]


def test_a_call_on_one_seat_appears_on_the_other_keeping_its_selection_and_filter(qtbot, store, clock):
    sign_in(store, "值班员甲")
    seat_a = open_store(store.url, clock)
    try:
        sign_in(seat_a, "领导乙")
        first = _call(seat_a, "甲地罐区")
        window = _seat(qtbot, store)
        window.show_page("incidents")
        page = window.page("incidents")
        assert first in _listed(page)
        type_text(qtbot, page.filter, "罐区")
        page.select(first)
        second = _call(seat_a, "乙地罐区")  # on the other seat; nobody presses F5 here
        qtbot.waitUntil(lambda: second in _listed(page), timeout=5_000)
        assert page.filter.text() == "罐区" and page.current_id == first
        assert page.table.currentIndex().row() == page.model.row_of(first)
        qtbot.waitUntil(lambda: any(i.view.incident_id == second for i in window.strip.items), timeout=5_000)
    finally:
        seat_a.close()


def test_a_report_title_being_typed_is_kept_when_another_seat_records_a_call(qtbot, store, clock):
    from commanddesk.services import reports

    sign_in(store, "值班员甲")
    seat_a = open_store(store.url, clock)
    try:
        sign_in(seat_a, "领导乙")
        first = _call(seat_a, "甲地罐区")
        with seat_a.transaction() as s:
            reports.draft(s, first)
        window = _seat(qtbot, store)
        window.show_page("incidents")
        page = window.page("incidents")
        page.select(first)
        page.tabs.setCurrentWidget(page.report_panel)
        title = page.report_panel.title
        assert not title.isReadOnly()
        title.setFocus()
        title.selectAll()
        type_text(qtbot, title, "关于甲地罐区泄漏的初报（改）")
        second = _call(seat_a, "乙地罐区")
        qtbot.waitUntil(lambda: second in _listed(page), timeout=5_000)
        assert title.text() == "关于甲地罐区泄漏的初报（改）" and page.current_id == first
        page.filter.setFocus()  # the title is still unsaved: leaving its box does not throw it away
        page.tick()
        assert title.text() == "关于甲地罐区泄漏的初报（改）" and page._detail_stale
        page.select(second)  # moving on to another incident shows it as the store has it
        page.select(first)
        assert title.text() != "关于甲地罐区泄漏的初报（改）" and not page._detail_stale
    finally:
        seat_a.close()


def test_a_lost_server_is_said_plainly_and_the_seat_rereads_what_it_missed(qtbot, store, clock, pg_server):
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'seatb') THEN "
                      "CREATE ROLE seatb SUPERUSER LOGIN; END IF; END $$")
    pg_server.execute("ALTER ROLE seatb LOGIN")
    seat_b = open_store(store.url.replace("//cd@", "//seatb@"), clock)
    try:
        sign_in(seat_b, "值班员甲")
        sign_in(store, "领导乙")
        window = _seat(qtbot, seat_b)
        window.live.listener.backoff.most = 1.0  # retry each second here (the app backs off to 10 s)
        window.show_page("incidents")
        page = window.page("incidents")
        from commanddesk.ui.live import LostBanner

        banner = window.findChild(LostBanner)
        assert banner.isHidden()
        type_text(qtbot, page.filter, "罐区")
        pg_server.execute("ALTER ROLE seatb NOLOGIN")  # the server refuses this seat until let in again
        pg_server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'seatb'")
        qtbot.waitUntil(lambda: banner.isVisible(), timeout=20_000)
        assert banner.text() == "与数据库服务器的连接已断开，正在重新连接…"
        missed = _call(store, "丙地罐区")  # its notification never reaches the seat that is away
        pg_server.execute("ALTER ROLE seatb LOGIN")
        qtbot.waitUntil(lambda: banner.isHidden(), timeout=30_000)
        qtbot.waitUntil(lambda: missed in _listed(page), timeout=20_000)
        assert page.filter.text() == "罐区"  # what was typed is still there
    finally:
        window.live.stop()
        seat_b.close()


def test_tables_heard_become_the_keys_views_listen_to():
    assert live.keys_for({"incident", "call_record", "clock_instance", "audit_log"}) == ["incidents"]
    assert live.keys_for({"stock_movement", "stock_level", "dispatch"}) == ["dispatch", "stock"]
    assert live.keys_for({"audit_log", "audit_seal"}) == []  # nothing a view shows
    assert live.keys_for({"*"}) == [live.EVERYTHING]


def test_reconnecting_waits_longer_each_time_up_to_a_limit_and_starts_again_once_connected():
    wait = notify.Backoff(0.5, 4)
    assert [wait.next() for _ in range(5)] == [0.5, 1, 2, 4, 4]
    wait.reset()
    assert wait.next() == 0.5


def test_a_single_seat_on_sqlite_starts_no_listener(qtbot, window):
    assert window.live.listener is None and not window.ctx.store.server


def test_the_duty_page_shows_who_is_at_which_seat_and_a_seat_gone_quiet(qtbot, store, clock, monkeypatch):
    from commanddesk.services import presence

    monkeypatch.setenv("COMMANDDESK_SEAT", "调度席")
    sign_in(store, "值班员甲")
    other = open_store(store.url, clock)
    try:
        leader = sign_in(other, "领导乙")
        with other.transaction() as s:
            presence.beat(s, "带班席", leader, clock.now())
        window = _seat(qtbot, store)
        window.show_page("duty")
        line = window.page("duty").presence_line
        assert line.text() == "在线席位：带班席 领导乙（带班领导） · 调度席 值班员甲（值班员）"
        clock.advance(seconds=presence.STALE_SECONDS + 1)  # 带班席 stops beating; this seat goes on
        window.heartbeat.beat()
        window.page("duty").reload()
        assert line.text().startswith("在线席位：调度席 值班员甲（值班员） · 带班席 失去联系（最后 ")
        window.close()  # closing the app takes this seat off the list
        with other.read() as s:
            assert [x.seat for x in presence.seats(s, clock.now())] == ["带班席"]
    finally:
        other.close()


def test_another_seats_change_to_the_incident_shown_lists_first_then_fills_its_tabs(qtbot, store, clock):
    sign_in(store, "值班员甲")
    seat_a = open_store(store.url, clock)
    try:
        sign_in(seat_a, "领导乙")
        first = _call(seat_a, "甲地罐区")
        window = _seat(qtbot, store)
        window.show_page("incidents")
        page = window.page("incidents")
        page.select(first)
        from PySide6.QtCore import QEvent, QObject

        painted: list[list[int]] = []  # the list's rows at each paint of it

        class Paints(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt override
                if event.type() == QEvent.Type.Paint:
                    painted.append(_listed(page))
                return False

        paints = Paints()
        page.table.viewport().installEventFilter(paints)
        painted_when_reread = []
        shown = page.show_incident
        page.show_incident = lambda iid: (painted_when_reread.append(list(painted)), shown(iid))
        with seat_a.transaction() as s:  # a follow-up call on the other seat: 31 dead, a higher grade
            svc.record_call(s, svc.CallInput(category="accident", type="accident.hazmat", place_text="甲地罐区",
                                             counts={"deaths": 31}), incident_id=first)
        second = _call(seat_a, "乙地罐区")
        with seat_a.read() as s:
            grade = svc.grade_label(svc.get(s, first).grade)
        qtbot.waitUntil(lambda: second in _listed(page) and grade in page.head.text(), timeout=5_000)
        assert page.current_id == first and page.table.currentIndex().row() == page.model.row_of(first)
        # the new row was on the screen before the tabs were re-read (they take a few hundred ms)
        assert any(second in rows for rows in painted_when_reread[-1])
    finally:
        seat_a.close()
