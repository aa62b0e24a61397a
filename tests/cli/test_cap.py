"""`commanddesk cap import|export`: CAP 1.2 in and out from a shell; refusals are one Chinese line, no file."""

import json

import pytest

from commanddesk import cap, cli, cap_write
from commanddesk.services import settings
from tests.test_cap import alert

FAR = "2099-01-01T00:00:00+08:00"
UNIT = "32011500100000"


def _run(capsys, *argv):
    try:
        code = cli.main([str(a) for a in argv])
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(store):
    """A store on disk with one account per role and the post's CAP unit code, closed for the CLI to open."""
    with store.transaction() as s:
        settings.put(s, "cap_unit_code", UNIT, check=False)
    path = store.path
    store.close()
    return path


def test_import_then_export_then_import_back(capsys, tmp_path, db):
    f = tmp_path / "in.xml"
    f.write_bytes(alert(expires=FAR))
    code, out, err = _run(capsys, "cap", "import", f, "--db", db, "--operator", "值班员甲", "--json")
    assert code == 0, err
    wid = json.loads(out)["warning_id"]
    target = tmp_path / "out.xml"
    code, out, err = _run(capsys, "cap", "export", "--warning", wid, "--db", db, "--operator", "值班员甲",
                          "-o", target, "--json")
    assert code == 0, err
    r = json.loads(out)
    assert r["msg_type"] == "Update" and r["references"] == ["W-1"]  # ours refers to the issuer's message
    data = target.read_bytes()
    cap_write.validate(data)
    assert cap.parse(data).identifier == r["identifier"] and r["identifier"].startswith(UNIT + "_")
    code, out, err = _run(capsys, "cap", "export", "--warning", wid, "--db", db, "--operator", "值班员甲",
                          "-o", tmp_path / "again.xml")
    assert code == 0 and "已通过 CAP 1.2 模式校验" in out


@pytest.mark.parametrize("argv, words", [
    (["--warning", "999"], "没有编号为 999 的预警信息"),
    (["--incident", "999"], "没有编号为 999 的事件"),
    (["--warning", "x"], "参数 --warning 的取值“x”应为数字"),
    (["--warning", "1", "--incident", "1"], "不能同时使用"),
    ([], "缺少参数"),
])
def test_bad_exports_exit_2_with_one_chinese_line_and_no_file(capsys, tmp_path, db, argv, words):
    target = tmp_path / "out.xml"
    code, out, err = _run(capsys, "cap", "export", *argv, "--db", db, "--operator", "值班员甲", "-o", target)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not target.exists() and not [p for p in tmp_path.iterdir() if not p.name.startswith("test.sqlite")]


def test_import_refuses_non_cap_with_exit_2(capsys, tmp_path, db):
    f = tmp_path / "bad.xml"
    f.write_bytes(b"<alert xmlns='urn:oasis:names:tc:emergency:cap:1.1'/>")
    code, out, err = _run(capsys, "cap", "import", f, "--db", db, "--operator", "值班员甲")
    assert code == 2 and "命名空间" in err and len(err.strip().splitlines()) == 1


def test_export_to_a_missing_folder_is_refused(capsys, tmp_path, db):
    code, _, err = _run(capsys, "cap", "export", "--warning", "1", "--db", db, "--operator", "值班员甲",
                        "-o", tmp_path / "nowhere" / "out.xml")
    assert code == 2 and "文件夹不存在" in err


def test_demo_export_and_import_touch_no_store_and_leave_no_copy(capsys, tmp_path, demo_template):
    from commanddesk import paths

    target = tmp_path / "demo-warning.xml"
    code, out, err = _run(capsys, "cap", "export", "--warning", 1, "--demo", "-o", target, "--json")
    assert code == 0, err
    r = json.loads(out)
    data = target.read_bytes()
    cap_write.validate(data)
    assert r["status"] == "Actual" and cap.parse(data).identifier == r["identifier"]
    code, out, err = _run(capsys, "cap", "export", "--incident", 1, "--demo", "-o", tmp_path / "inc.xml")
    assert code == 0 and "已通过 CAP 1.2 模式校验" in out, err
    f = tmp_path / "in.xml"
    f.write_bytes(alert(ident="DEMO-NEW", expires=FAR))
    code, out, err = _run(capsys, "cap", "import", f, "--demo", "--json")  # signed as the demo's duty officer
    assert code == 0, err
    assert json.loads(out)["action"] == "created"
    assert not list((paths.data_dir() / "demo").glob("demo-*.sqlite*"))  # each demo copy was thrown away
    assert not paths.default_db().exists()  # and the post's own store was never made


def test_demo_and_db_together_are_refused(capsys, tmp_path, db):
    code, _, err = _run(capsys, "cap", "export", "--warning", 1, "--demo", "--db", db, "-o", tmp_path / "x.xml")
    assert code == 2 and "不能同时使用" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.xml").exists()
    code, _, err = _run(capsys, "cap", "import", tmp_path / "x.xml", "--demo", "--db", db)
    assert code == 2 and "不能同时使用" in err
