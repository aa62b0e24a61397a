"""demo create on the command line: a fresh store, with a scaled-down year of history; refusals are one line."""

import json

import pytest

from sqlalchemy import func, select

from commanddesk.cli import main
from commanddesk.models import Incident
from commanddesk.services import audit, demo
from commanddesk.store import open_store


def test_create_plain_and_with_history(tmp_path, demo_template, capsys):
    plain = tmp_path / "plain.sqlite"
    assert main(["demo", "create", str(plain), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["years"] == 0
    store = open_store(plain)  # what --demo opens: the past year and today's three calls
    try:
        with store.read() as s:
            marked = s.scalar(select(func.count()).select_from(Incident).where(Incident.title.like("%（演示）")))
            assert marked == demo.HISTORY_INCIDENTS and s.scalar(select(func.count()).select_from(Incident)) == marked + 3
    finally:
        store.close()
    full = tmp_path / "full.sqlite"
    assert main(["demo", "create", str(full), "--years", "1", "--scale", "0.05", "--json"]) == 0
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert data["incidents"] == 500 and data["movements"] == 5000 and data["teams"] == 50
    assert data["audit"] >= 500 * 9 + 5000 + 50  # each row audited (a floor of 5,000 asked for)
    assert "合成历史：500/500 起事件" in out.err
    store = open_store(full)
    try:
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(Incident).where(
                Incident.title.like("%（演示）"), Incident.is_drill.is_(False))) == 500
        with store.engine.connect() as conn:
            assert audit.verify(conn, store.seal).ok
    finally:
        store.close()
    assert main(["audit", "verify", "--db", str(full)]) == 0
    assert "审计日志完整" in capsys.readouterr().out


def test_refusals_are_one_chinese_line(tmp_path, demo_template, capsys):
    there = tmp_path / "there.sqlite"
    there.write_bytes(b"")
    assert main(["demo", "create", str(there)]) == 2
    assert capsys.readouterr().err.strip() == f"commanddesk demo create: “{there}”已存在，不会覆盖"
    assert main(["demo", "create", str(tmp_path / "no" / "x.sqlite")]) == 2
    assert "不存在" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["demo", "create", str(tmp_path / "y.sqlite"), "--years", "zero"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "参数 --years：年数应为 1 至 50 的整数" in err


def test_create_into_an_empty_server_database_and_the_app_goes_on_from_there(pg_server, capsys):
    url = pg_server.create_database(prefix="democreate")
    try:
        assert main(["demo", "create", url, "--years", "1", "--scale", "0.02", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["incidents"] == 200 and data["path"] == url
        store = open_store(url)
        try:
            with store.read() as s:
                marked = s.scalar(select(func.count()).select_from(Incident).where(Incident.title.like("%（演示）")))
                last = s.scalar(select(func.max(Incident.id)))
            assert marked >= 200 and last > 200  # the demo county's incidents, then the history's
        finally:
            store.close()
        assert main(["audit", "verify", "--db", url]) == 0
        assert "审计日志完整" in capsys.readouterr().out
        # a call recorded afterwards takes the next number (the ids given by the bulk load are not handed out again)
        assert main(["intake", "record", "--db", url, "--operator", "李晓明", "海州区一处民房起火，1人受伤"]) == 0
        assert capsys.readouterr().out.strip() == str(last + 1)
        assert main(["demo", "create", url]) == 2
        assert capsys.readouterr().err.strip() == f"commanddesk demo create: 数据库“{url}”不是空的，不会覆盖"
    finally:
        pg_server.drop_database(url)
