"""commanddesk db use: sets this machine's store after connecting; a refusal is one Chinese line, exit 2."""

import json

import pytest

from commanddesk import paths
from commanddesk.cli import main
from commanddesk.store import open_store


@pytest.fixture(autouse=True)
def own_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    monkeypatch.setattr(paths, "_DIRS", paths.PlatformDirs("commanddesk", appauthor=False))


def test_db_use_then_verbs_without_db_open_it(tmp_path, capsys):
    db = tmp_path / "seat.sqlite"
    open_store(db).close()
    assert main(["db", "use", "--db", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["db"] == str(db.resolve()) and data["setting"] == str(paths.store_setting())
    assert main(["audit", "verify"]) == 0  # no --db: the chosen store, not the default file
    assert "审计" in capsys.readouterr().out
    assert not paths.default_db().exists()


def test_db_use_refuses_what_it_cannot_connect_to(tmp_path, capsys):
    assert main(["db", "use", "--db", "postgresql://seat1:pw@127.0.0.1:1/commanddesk", "--json"]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert captured.out == "" and err.count("\n") == 0
    assert "无法连接数据库服务器" in err and "未保存设置" in err and "pw@" not in err
    assert not paths.store_setting().exists()
    assert main(["db", "use"]) == 2
    assert "--db" in capsys.readouterr().err


def test_the_duty_and_statistics_verbs_follow_the_setting_but_a_drill_does_not(tmp_path, capsys, monkeypatch):
    from commanddesk import cli

    db = tmp_path / "seat.sqlite"
    open_store(db).close()
    assert main(["db", "use", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["roster", "show", "--json"]) == 0  # no --db: the chosen store (the default file does not exist)
    json.loads(capsys.readouterr().out)
    assert not paths.default_db().exists()
    args = cli.build_parser(["drill", "run", "x.toml"]).parse_args(["drill", "run", "x.toml"])
    assert "drill" not in cli.MACHINE_STORE and args.db is None  # a drill keeps its private workspace
