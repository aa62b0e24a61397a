"""commanddesk db backup: a checked copy, its size and audit count; refusals are one Chinese line, exit 2."""

import json

from commanddesk.cli import main


def test_db_backup_prints_the_checks(store, tmp_path, capsys):
    db, out = str(tmp_path / "test.sqlite"), tmp_path / "copy.sqlite"
    assert main(["db", "backup", "--db", db, "--to", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["integrity"] == "ok" and data["size_bytes"] == out.stat().st_size
    assert data["audit_entries"] >= 0
    assert main(["db", "backup", "--db", db, "--to", str(tmp_path / "b.sqlite")]) == 0
    assert "完整性检查：通过" in capsys.readouterr().out


def test_db_backup_refusals(store, tmp_path, capsys):
    db = str(tmp_path / "test.sqlite")
    for args, words in ((["--to", db], "已存在"), (["--to", str(tmp_path / "no" / "x.sqlite")], "文件夹不存在"),
                        ([], "--to")):
        assert main(["db", "backup", "--db", db, *args]) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and words in err
    assert main(["db", "backup", "--db", "postgresql://u@h/db", "--to", str(tmp_path / "p.sqlite")]) == 2
    assert "pg_dump" in capsys.readouterr().err
    assert not (tmp_path / "p.sqlite").exists()


def test_db_vacuum_counts_progress_on_stderr_and_keeps_json_clean(store, tmp_path, capsys):
    db = str(tmp_path / "test.sqlite")
    assert main(["db", "vacuum", "--db", db, "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)  # stdout is the JSON alone
    assert data["tables"] > 10 and data["size_after_bytes"] <= data["size_before_bytes"]
    lines = captured.err.strip().splitlines()
    assert lines[0] == "整理数据库：0%" and lines[-1] == "整理数据库：100%"
    assert main(["db", "vacuum", "--db", str(tmp_path / "none.sqlite")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "不存在" in err
