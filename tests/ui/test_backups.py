"""Automatic backups in the window (ui/backups.py) by the injected clock, the 备份与恢复 tab, and the offer to
restore a backup when the store cannot be opened."""

import json
import os
from datetime import datetime

from PySide6.QtWidgets import QApplication, QStatusBar
from sqlalchemy import select

from commanddesk.clock import BEIJING
from commanddesk.models import AuditEntry
from commanddesk.services import backup_auto
from commanddesk.store import open_store
from commanddesk.ui.backups import AutoBackup, BackupsTab, RestoreOffer, finish_restore, restorable
from commanddesk.ui.context import AppContext
from tests.conftest import sign_in


def _runner(qtbot, store, demo=False):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    runner = AutoBackup(AppContext(store, demo=demo), bar)
    runner.status_bar = bar
    return runner


def _finish(qtbot, runner):
    runner.wait()
    qtbot.waitUntil(lambda: runner.last is not None, timeout=5000)
    return runner.last


def test_start_backup_then_daily_after_midnight(qtbot, store, officer):
    runner = _runner(qtbot, store)
    assert runner.check() == "start"
    out = _finish(qtbot, runner)
    assert out.ok and "已自动备份数据库" in runner.label.text()
    runner.last = None
    store.clock.advance(hours=1, minutes=59)  # 23:59 Beijing, same day
    assert runner.check() is None
    store.clock.advance(minutes=2)  # past midnight
    assert runner.check() == "daily"
    assert _finish(qtbot, runner).ok
    assert [b.kind for b in backup_auto.list_backups(store.path)] == ["daily", "start"]
    assert runner.check() is None


def test_a_failure_is_shown_in_chinese_and_tried_again_ten_minutes_later(qtbot, store, officer, monkeypatch):
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    runner = _runner(qtbot, store)
    with monkeypatch.context() as mp:  # (undo() would also drop the private user directories)
        mp.setattr(shutil, "disk_usage", lambda _p: usage(1, 1, 0))
        assert runner.check() == "start"
        out = _finish(qtbot, runner)
    assert not out.ok and "磁盘空间不足" in runner.label.text() and runner.label.isVisibleTo(runner.status_bar)
    store.clock.advance(minutes=5)
    assert runner.check() is None  # not yet
    runner.last = None
    store.clock.advance(minutes=6)
    assert runner.check() == "daily"  # the start check was made; the day has no backup yet
    assert _finish(qtbot, runner).ok


def test_nothing_for_the_demo_or_when_off(qtbot, store, officer):
    assert _runner(qtbot, store, demo=True).check() is None
    sign_in(store, "管理员丁")
    with store.transaction() as s:
        backup_auto.set_policy(s, False, 3)
    runner = _runner(qtbot, store)
    assert runner.check() is None
    store.clock.advance(days=2)
    assert runner.check() is None
    assert backup_auto.list_backups(store.path) == []


def _tab(qtbot, store):
    tab = BackupsTab(AppContext(store))
    qtbot.addWidget(tab)
    return tab


def test_tab_lists_backs_up_by_hand_and_gates_restore_by_role(qtbot, store):
    sign_in(store, "值班员甲")
    tab = _tab(qtbot, store)
    assert not tab.btn_restore.isEnabled() and not tab.btn_now.isEnabled() and not tab.btn_save.isEnabled()
    assert "带班领导 或 系统管理员" in tab.btn_restore.toolTip()
    assert not tab.restore_selected(confirm=False)
    sign_in(store, "领导乙")
    tab.refresh_permission()
    assert tab.btn_restore.isEnabled() and tab.btn_now.isEnabled() and not tab.btn_save.isEnabled()
    assert "备份文件夹" in tab.summary.text() and str(backup_auto.folder_for(store.path)) in tab.summary.text()
    tab.back_up_now()
    tab.wait()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=5000)
    assert tab.table.item(0, 1).text() == "手动" and "已备份数据库" in tab.message.text()


def test_administrator_saves_the_settings(qtbot, store):
    sign_in(store, "管理员丁")
    tab = _tab(qtbot, store)
    assert tab.auto.isChecked() and tab.keep.value() == 14
    tab.auto.setChecked(False)
    tab.keep.setValue(5)
    tab.save()
    with store.read() as s:
        assert backup_auto.policy(s) == backup_auto.Policy(False, 5)
    assert "自动备份已关闭" in tab.summary.text()


def test_restore_from_the_tab_closes_then_restores_audited(qtbot, store, clock):
    sign_in(store, "领导乙")
    assert backup_auto.make(store.path, clock.now(), "daily", keep=3).ok
    tab = _tab(qtbot, store)
    tab.table.selectRow(0)
    assert tab.restore_selected(confirm=False)
    app = QApplication.instance()
    assert app._cd_restore[1].name == "领导乙"
    store.close()  # as app.run does once the window has gone
    text = finish_restore(app, store.path, clock, show=False)
    assert "已从备份恢复" in text and ".replaced-" in text and app._cd_restore is None
    again = open_store(store.path, clock)
    try:
        with again.read() as s:
            entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "db.restore")).one()
        assert json.loads(entry.after)["by"]["name"] == "领导乙"
    finally:
        again.close()


def test_a_store_that_cannot_be_opened_is_offered_a_restore(qtbot, store, clock):
    store.close()
    assert not restorable(store.path)  # no backup: the plain message only
    assert backup_auto.make(store.path, clock.now(), "start", keep=3).ok
    store.path.write_bytes(os.urandom(4096))
    assert restorable(store.path)
    dialog = RestoreOffer(store.path, "文件不是 SQLite 数据库", clock)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.selected() is not None
    dialog.name.setText("值班员甲")
    dialog.pin.setText("123456")
    dialog.restore()
    assert "当前角色：值班员" in dialog.message.text() and not dialog.result()
    dialog.name.setText("领导乙")
    dialog.pin.setText("123456")
    dialog.restore()
    assert dialog.result() and "已从备份恢复" in dialog.result_text
    again = open_store(store.path, clock)
    again.close()


def test_settings_page_has_the_tab(qtbot, store):
    from commanddesk.ui.settings_page import SettingsPage

    sign_in(store, "管理员丁")
    page = SettingsPage(AppContext(store))
    qtbot.addWidget(page)
    assert "备份与恢复" in [page.tabText(i) for i in range(page.count())]


def test_a_backup_that_cannot_be_restored_is_said_short_in_red(qtbot, store, officer):
    from commanddesk.services.backup_auto import Outcome

    runner = _runner(qtbot, store)
    runner._done(Outcome(True, "已自动备份数据库：x.sqlite，10 KB；注意，副本的审计校验未通过，不能用它恢复：……。", restorable=False))
    assert runner.label.text() == "已自动备份，但副本的审计校验未通过，不能用它恢复（原因见提示）"
    assert "审计校验未通过" in runner.label.toolTip() and "b00020" in runner.label.styleSheet()


def test_an_encrypted_store_damaged_is_restored_with_its_passphrase(qtbot, store, clock):
    """An encrypted store's backups are encrypted with its key: the offer asks for the passphrase too."""
    from commanddesk import cipher
    from commanddesk.services import encryption

    path = store.path
    store.close()
    encryption.encrypt(path, "车载终端口令-甲", clock)
    assert backup_auto.make(path, clock.now(), "start", keep=3).ok
    cipher.set_passphrase(None)
    path.write_bytes(os.urandom(8192))  # damaged: still looks encrypted, no passphrase opens it
    dialog = RestoreOffer(path, "用口令打不开，文件可能已损坏", clock)
    qtbot.addWidget(dialog)
    assert dialog.needs_phrase
    dialog.name.setText("管理员丁")
    dialog.pin.setText("123456")
    dialog.restore()
    assert "请输入数据库口令" in dialog.message.text() and not dialog.result()
    dialog.phrase.setText("wrong-passphrase")
    dialog.restore()
    assert "口令" in dialog.message.text() and not dialog.result() and cipher.passphrase() is None
    dialog.phrase.setText("车载终端口令-甲")
    dialog.pin.setText("123456")
    dialog.restore()
    assert dialog.result(), dialog.message.text()
    assert cipher.is_encrypted(path)
    open_store(path, clock).close()  # opens with the passphrase now held


def test_tab_checks_the_selected_backup_as_a_restore_would(qtbot, store, clock):
    sign_in(store, "值班员甲")  # reading is for everyone signed in
    assert backup_auto.make(store.path, clock.now(), "daily", keep=3).ok
    tab = _tab(qtbot, store)
    assert tab.btn_check.isEnabled()
    tab.table.selectRow(0)
    tab.check_selected()
    tab.wait_checked()
    qtbot.waitUntil(lambda: "可用于恢复" in tab.check_result.text(), timeout=5000)
    path = tab.selected()
    path.write_bytes(path.read_bytes()[:2048])
    tab.check_selected()
    tab.wait_checked()
    qtbot.waitUntil(lambda: tab.btn_check.isEnabled() and "可用于恢复" not in tab.check_result.text(), timeout=5000)
    assert "b00020" in tab.check_result.styleSheet()


def test_the_offer_leads_to_another_store(qtbot, store, clock, monkeypatch):
    from commanddesk.ui import store_dialog

    store.close()
    store.path.write_bytes(b"")
    dialog = RestoreOffer(store.path, "数据库文件是空的", clock)
    qtbot.addWidget(dialog)
    assert not dialog.table.isVisibleTo(dialog) and dialog.other.isVisibleTo(dialog)
    asked = []
    monkeypatch.setattr(store_dialog, "choose_store", lambda current, parent: asked.append(current) or False)
    dialog.choose_other()
    assert asked == [str(store.path)] and not dialog.result()  # not saved: the dialog stays
    monkeypatch.setattr(store_dialog, "choose_store", lambda current, parent: True)
    dialog.choose_other()
    assert dialog.result() == RestoreOffer.OTHER
