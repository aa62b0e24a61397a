"""commanddesk db backups: the backups of a store listed newest first (also when the store cannot be opened);
refusals one Chinese line, exit 2."""

import json
from datetime import datetime

from commanddesk.cli import main
from commanddesk.clock import BEIJING
from commanddesk.services import backup_auto


def test_lists_automatic_and_beside_copies_newest_first(store, tmp_path, capsys):
    for day in (22, 23):
        assert backup_auto.make(store.path, datetime(2026, 11, day, 8, tzinfo=BEIJING), "daily", keep=5).ok
    store.path.with_name(store.path.name + ".bak-0019_x").write_bytes(b"x")
    assert main(["db", "backups", "--db", str(store.path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["folder"] == str(backup_auto.folder_for(store.path))
    daily = [b for b in data["backups"] if b["kind"] == "daily"]
    assert [b["made_at_beijing"] for b in daily] == ["2026-11-23 08:00:00", "2026-11-22 08:00:00"]
    assert {b["kind"] for b in data["backups"]} == {"daily", "upgrade"}
    assert main(["db", "backups", "--db", str(store.path)]) == 0
    out = capsys.readouterr().out
    assert "自动备份文件夹：" in out and "2026-11-23 08:00:00  每日" in out and "升级前" in out


def test_a_damaged_or_missing_store_still_lists_its_backups(store, tmp_path, capsys):
    store.close()
    assert backup_auto.make(store.path, datetime(2026, 11, 23, 8, tzinfo=BEIJING), "start", keep=5).ok
    store.path.write_bytes(b"garbage" * 100)
    assert main(["db", "backups", "--db", str(store.path)]) == 0
    assert "启动时" in capsys.readouterr().out
    assert main(["db", "backups", "--db", str(tmp_path / "never.sqlite")]) == 0
    assert "尚无备份" in capsys.readouterr().out
    assert not (tmp_path / "never.sqlite").exists()


def test_refusals(tmp_path, capsys):
    for args in (["--db", "postgresql://u@h/db"], ["--db", str(tmp_path)]):
        assert main(["db", "backups", *args]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("commanddesk: ") and "\n" not in err
    assert main(["--demo", "db", "backups"]) == 2
    assert "演示数据库" in capsys.readouterr().err


def test_check_says_which_backups_a_restore_would_take(store, capsys):
    store.close()
    out = backup_auto.make(store.path, datetime(2026, 11, 23, 8, tzinfo=BEIJING), "start", keep=5)
    assert main(["db", "backups", "--db", str(store.path), "--check"]) == 0
    assert "可用于恢复" in capsys.readouterr().out
    out.path.write_bytes(out.path.read_bytes()[:2048])  # cut short
    assert main(["db", "backups", "--db", str(store.path), "--check", "--json"]) == 1
    row = json.loads(capsys.readouterr().out)["backups"][0]
    assert row["restorable"] is False and row["check"]
