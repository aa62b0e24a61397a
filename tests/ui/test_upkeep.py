"""Scheduled housekeeping in the window (ui/upkeep.py), driven by the injected clock: at the quiet hour the
job runs on its thread with a bar in the status bar and is audited; another seat signed in holds it back;
the administrator's schedule is saved from the settings page."""

from datetime import datetime

from PySide6.QtWidgets import QStatusBar
from sqlalchemy import select

from commanddesk.clock import BEIJING
from commanddesk.models import AuditEntry
from commanddesk.services import presence, upkeep
from commanddesk.ui.context import AppContext
from commanddesk.ui.upkeep import ScheduleEditor, Upkeep
from tests.conftest import sign_in


def _runner(qtbot, store):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    runner = Upkeep(AppContext(store), bar)
    runner.status_bar = bar  # kept alive with the runner
    return runner


def _finish(qtbot, runner) -> None:
    runner.wait()
    qtbot.waitUntil(lambda: bool(runner.last_message), timeout=5000)


def test_the_quiet_hour_runs_the_job_audits_it_and_then_waits(qtbot, store, officer):
    runner = _runner(qtbot, store)
    store.clock.set(datetime(2026, 11, 24, 2, 30, tzinfo=BEIJING))
    assert runner.check() is None  # not yet
    store.clock.set(datetime(2026, 11, 24, 3, 10, tzinfo=BEIJING))
    assert runner.check() == "vacuum"
    _finish(qtbot, runner)
    assert "已整理数据库" in runner.last_message
    with store.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "housekeeping")).one()
        assert entry.actor_name == "值班员甲"
        assert upkeep.last_runs(s) == (store.clock.now(), store.clock.now())
    store.clock.set(datetime(2026, 11, 24, 3, 40, tzinfo=BEIJING))
    assert runner.check() is None  # done for tonight
    store.clock.set(datetime(2026, 11, 25, 3, 5, tzinfo=BEIJING))
    assert runner.check() == "analyze"
    _finish(qtbot, runner)
    assert "ANALYZE" in runner.last_message


def test_another_seat_signed_in_holds_it_back(qtbot, store, officer):
    runner = _runner(qtbot, store)
    now = datetime(2026, 11, 24, 3, 10, tzinfo=BEIJING)
    store.clock.set(now)
    with store.transaction() as s:
        presence.beat(s, "另一席位", officer, now)
    assert runner.check() is None
    with store.transaction() as s:
        presence.leave(s, "另一席位")
    assert runner.check() == "vacuum"
    _finish(qtbot, runner)


def test_nobody_signed_in_nothing_runs(qtbot, store):
    runner = _runner(qtbot, store)
    store.clock.set(datetime(2026, 11, 24, 3, 10, tzinfo=BEIJING))
    assert runner.check() is None


def test_the_administrator_saves_the_schedule_others_only_read_it(qtbot, store):
    sign_in(store, "管理员丁")
    editor = ScheduleEditor(AppContext(store))
    qtbot.addWidget(editor)
    assert editor.btn.isEnabled() and "每天更新统计信息、每 7 天整理数据库" in editor.status.text()
    editor.hour.setValue(13)
    editor.vacuum_days.setValue(0)
    editor.save()
    with store.read() as s:
        assert upkeep.schedule(s) == upkeep.Schedule(13, 1, 0)
    assert "13:00–13:59" in editor.status.text() and "整理数据库不定期执行" in editor.status.text()
    sign_in(store, "值班员甲")
    editor.refresh_permission()
    assert not editor.btn.isEnabled() and not editor.hour.isEnabled()
