"""Rotating automatic backups: on start and daily by the injected clock, keep N, off; a failure never raises;
restore only by a shift leader or administrator, audited with who did it."""

import json
import os
from datetime import datetime

import pytest
from sqlalchemy import select

from commanddesk import paths
from commanddesk.clock import BEIJING
from commanddesk.errors import PermissionDenied, UserError
from commanddesk.models import AuditEntry, Operator, Setting
from commanddesk.services import backup_auto
from commanddesk.services.auth import Actor, Role
from commanddesk.store import open_store
from tests.conftest import sign_in

pytestmark = pytest.mark.sqlite_only

ON = backup_auto.Policy(True, 3)


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BEIJING)


def test_backup_folder_is_under_the_user_data_dir_one_per_store(store, tmp_path):
    folder = backup_auto.folder_for(store.path)
    assert folder.parent == paths.backup_dir() and folder.parent.parent == paths.data_dir()
    assert folder.name.startswith("test-")
    other = tmp_path / "elsewhere" / "test.sqlite"
    assert backup_auto.folder_for(other) != folder  # same name, other path: its own folder
    assert not folder.exists()  # made with the first backup


def test_start_then_daily_after_midnight_by_the_injected_clock(store, clock):
    now = _at(23, 22)
    assert backup_auto.due(store.path, now, started=False, plan=ON) == "start"
    made = backup_auto.make(store.path, now, "start", keep=3)
    assert made.ok and made.path.name == "test-20261123-220000-start.sqlite"
    assert backup_auto.due(store.path, _at(23, 23, 59), started=True, plan=ON) is None  # same day
    assert backup_auto.due(store.path, _at(24, 0, 1), started=True, plan=ON) == "daily"  # past midnight
    assert backup_auto.make(store.path, _at(24, 0, 1), "daily", keep=3).ok
    assert backup_auto.due(store.path, _at(24, 23, 0), started=True, plan=ON) is None
    assert backup_auto.due(store.path, _at(25, 0, 0), started=True, plan=ON) == "daily"  # a day later
    # a restart within the hour makes no start backup; an hour later it does
    assert backup_auto.due(store.path, _at(24, 0, 30), started=False, plan=ON) is None
    assert backup_auto.due(store.path, _at(24, 1, 1), started=False, plan=ON) == "start"
    kinds = [(b.kind, b.made_at) for b in backup_auto.list_backups(store.path)]
    assert kinds == [("daily", _at(24, 0, 1)), ("start", _at(23, 22))]  # newest first, aware times


def test_off_makes_nothing(store):
    off = backup_auto.Policy(False, 3)
    assert backup_auto.due(store.path, _at(23, 22), started=False, plan=off) is None
    assert backup_auto.due(store.path, _at(25, 1), started=True, plan=off) is None


def test_keep_n_deletes_the_oldest_automatic_ones_never_manual(store):
    assert backup_auto.make(store.path, _at(20, 9), "manual").ok
    for day in range(21, 27):
        out = backup_auto.make(store.path, _at(day, 8), "daily", keep=3)
        assert out.ok
    left = backup_auto.list_backups(store.path)
    assert [b.made_at.day for b in left if b.automatic] == [26, 25, 24]
    assert [b.kind for b in left if not b.automatic] == ["manual"]
    assert len(out.removed) == 1  # the last one removed the oldest left over


def test_the_backup_opens_and_holds_the_same_accounts(store, clock, tmp_path):
    out = backup_auto.make(store.path, _at(23, 22), "start", keep=3)
    copy = open_store(out.path, clock)
    try:
        with copy.read() as s:
            assert sorted(s.scalars(select(Operator.name))) == sorted(["值班员甲", "领导乙", "导调丙", "管理员丁"])
    finally:
        copy.close()


def test_full_disk_or_unwritable_folder_is_a_chinese_outcome_not_an_exception(store, monkeypatch):
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    with monkeypatch.context() as mp:  # (undo() would also drop the private user directories)
        mp.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 10**9 - 1000, 1000))
        out = backup_auto.make(store.path, _at(23, 22), "start", keep=3)
    assert not out.ok and "磁盘空间不足" in out.message and "工作不受影响" in out.message
    folder = backup_auto.folder_for(store.path)
    assert list(folder.iterdir()) == []  # nothing written
    folder.rmdir()
    folder.write_text("a file where the folder should be")
    out = backup_auto.make(store.path, _at(23, 22), "start", keep=3)
    assert not out.ok and "无法写入备份文件夹" in out.message
    folder.unlink()
    assert backup_auto.list_backups(store.path) == []  # nothing half-written left


def test_a_failing_copy_leaves_no_file_and_earlier_backups_stay(store, monkeypatch):
    from commanddesk.services import backup

    assert backup_auto.make(store.path, _at(22, 8), "daily", keep=1).ok

    def broken(_src, _dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_copy", broken)
    out = backup_auto.make(store.path, _at(23, 8), "daily", keep=1)
    assert not out.ok and "No space left" in out.message
    assert [b.made_at.day for b in backup_auto.list_backups(store.path)] == [22]  # the good one not rotated away
    assert [p.name for p in backup_auto.folder_for(store.path).iterdir()] == ["test-20261122-080000-daily.sqlite"]


def test_a_missing_store_is_an_outcome(tmp_path):
    out = backup_auto.make(tmp_path / "gone.sqlite", _at(23, 22), "start", keep=3)
    assert not out.ok and "数据库不存在" in out.message


def test_policy_settings_checked_and_for_administrators_only(store):
    with store.read() as s:
        assert backup_auto.policy(s) == backup_auto.Policy(True, 14)
    sign_in(store, "领导乙")
    with pytest.raises(PermissionDenied):
        with store.transaction() as s:
            backup_auto.set_policy(s, False, 3)
    sign_in(store, "管理员丁")
    with store.transaction() as s:
        backup_auto.set_policy(s, False, 5)
    with store.read() as s:
        assert backup_auto.policy(s) == backup_auto.Policy(False, 5)
    with pytest.raises(UserError, match="保留份数"):
        with store.transaction() as s:
            backup_auto.set_policy(s, True, 0)
    with store.transaction() as s:  # a value stored out of range counts as the default
        s.get(Setting, "backup_keep").value = "9999"
        s.get(Setting, "backup_auto").value = "x"
    with store.read() as s:
        assert backup_auto.policy(s) == backup_auto.Policy(True, 14)


def test_pre_upgrade_and_replaced_copies_beside_the_store_are_listed(store):
    bak = store.path.with_name(store.path.name + ".bak-0019_x")
    bak.write_bytes(b"x" * 10)
    (store.path.with_name(store.path.name + ".replaced-20261120-101010")).write_bytes(b"y")
    (store.path.with_name("other.sqlite.bak-0019_x")).write_bytes(b"z")
    kinds = sorted(b.kind for b in backup_auto.list_backups(store.path))
    assert kinds == ["replaced", "upgrade"]
    assert backup_auto.list_backups(store.path, beside=False) == []


def test_restore_by_a_leader_is_audited_with_who_duty_officer_refused(store, clock):
    store.close()
    out = backup_auto.make(store.path, _at(23, 22), "start", keep=3)
    officer = Actor(1, "值班员甲", Role.DUTY_OFFICER)
    with pytest.raises(PermissionDenied, match="带班领导 或 系统管理员"):
        backup_auto.restore(out.path, store.path, clock, actor=officer)
    assert not list(store.path.parent.glob("*.replaced-*"))  # nothing changed
    leader = Actor(2, "领导乙", Role.SHIFT_LEADER)
    assert not backup_auto.may_restore(Actor(4, "管理员丁", Role.ADMIN, revoked="已停用"))
    result = backup_auto.restore(out.path, store.path, clock, actor=leader)
    assert result.replaced is not None and result.replaced.exists()
    again = open_store(store.path, clock)
    try:
        with again.read() as s:
            entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "db.restore")).one()
        assert json.loads(entry.after)["by"] == {"name": "领导乙", "role": "shift_leader", "how": "settings"}
    finally:
        again.close()


def test_a_damaged_store_is_restored_from_a_backup_by_pin_checked_against_the_backup(store, clock):
    store.close()
    out = backup_auto.make(store.path, _at(23, 22), "start", keep=3)
    damaged = os.urandom(8192)
    store.path.write_bytes(damaged)
    gate = backup_auto.PinGate()
    with pytest.raises(PermissionDenied, match="PIN 不正确"):
        gate.check(out.path, "领导乙", "000000")
    with pytest.raises(PermissionDenied, match="当前角色：值班员"):
        gate.check(out.path, "值班员甲", "123456")
    by = gate.check(out.path, "管理员丁", "123456")
    assert by == {"name": "管理员丁", "role": "admin", "how": "store_unopenable", "failed_pins": 2}
    result = backup_auto.restore(out.path, store.path, clock, by=by)
    assert result.replaced.read_bytes() == damaged  # the damaged file kept byte for byte
    again = open_store(store.path, clock)
    try:
        with again.read() as s:
            entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "db.restore")).one()
        assert json.loads(entry.after)["by"]["failed_pins"] == 2
    finally:
        again.close()


def test_the_pin_gate_closes_after_five_wrong_pins(store):
    store.close()
    out = backup_auto.make(store.path, _at(23, 22), "start", keep=3)
    gate = backup_auto.PinGate()
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            gate.check(out.path, "管理员丁", "999999")
    with pytest.raises(PermissionDenied, match="次数过多"):
        gate.check(out.path, "管理员丁", "123456")  # even the right PIN
    assert gate.closed


def test_a_backup_whose_audit_key_is_not_on_this_machine_says_so_and_the_restore_names_the_finding(store, clock):
    """Found on Xvfb: a store whose audit key lives on another seat. The backup is made (the copy is what the
    store holds) with a note, and the restore's refusal names the finding, not only the heading."""
    from commanddesk.services import audit

    sign_in(store, "领导乙")  # a signed entry
    with store.read() as s:
        key = audit._keys_dir() / f"{audit.store_id(s.connection())}.key"
    store.close()
    key.rename(key.with_suffix(".away"))
    try:
        out = backup_auto.make(store.path, _at(23, 22), "start", keep=3)
        assert out.ok and not out.restorable and "不能用它恢复" in out.message and "本机没有该数据库的审计密钥" in out.message
        leader = Actor(2, "领导乙", Role.SHIFT_LEADER)
        with pytest.raises(UserError, match="未作任何改动：审计日志发现 1 处问题.*本机没有该数据库的审计密钥"):
            backup_auto.restore(out.path, store.path, clock, actor=leader)
    finally:
        key.with_suffix(".away").rename(key)


def test_verify_says_whether_a_restore_would_take_a_backup(store, tmp_path):
    store.close()
    out = backup_auto.make(store.path, _at(23, 22), "start", keep=3)
    good = backup_auto.verify(out.path)
    assert good.ok and "可用于恢复" in good.message and good.audit_entries > 0
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(out.path.read_bytes()[:4096] + os.urandom(4096))
    verdict = backup_auto.verify(bad)
    assert not verdict.ok and verdict.message
    assert not backup_auto.verify(tmp_path / "none.sqlite").ok


def test_a_backup_stamped_in_the_future_does_not_hold_the_next_ones_back(store):
    assert backup_auto.make(store.path, datetime(2027, 6, 1, 8, tzinfo=BEIJING), "daily", keep=3).ok  # clock wrong
    assert backup_auto.due(store.path, _at(23, 22), started=False, plan=ON) == "start"
    assert backup_auto.due(store.path, _at(23, 22), started=True, plan=ON) == "daily"


def test_two_seats_on_one_machine_in_the_same_second_make_one_backup(store):
    first = backup_auto.make(store.path, _at(23, 22), "start", keep=3)
    second = backup_auto.make(store.path, _at(23, 22), "start", keep=3)
    assert first.ok and second.ok and "另一席位" in second.message and second.path == first.path
    assert len(backup_auto.list_backups(store.path, beside=False)) == 1
