"""`commanddesk warnings import|list`: a CAP file in from a shell, the register out."""

import json

import pytest

from commanddesk import cli
from tests.test_cap import alert

FAR = "2099-01-01T00:00:00+08:00"


def _run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(store):
    """A store on disk with one account per role, closed so the CLI opens it itself."""
    path = store.path
    store.close()
    return path


def test_import_then_list(capsys, tmp_path, db):
    f = tmp_path / "a.xml"
    f.write_bytes(alert(expires=FAR))  # the command line runs on the system clock
    code, out, err = _run(capsys, "warnings", "import", f, "--db", db, "--operator", "值班员甲", "--json")
    assert code == 0, err
    r = json.loads(out)
    assert r["action"] == "created" and r["colour"] == "red" and r["state"] == "active"
    code, out, _ = _run(capsys, "warnings", "list", "--db", db)
    assert code == 0 and "[红] 示例县气象台发布暴雨红色预警" in out and "转发 0/" in out
    code, out, _ = _run(capsys, "warnings", "list", "--db", db, "--json")
    rows = json.loads(out)
    assert rows[0]["type_label"] == "暴雨" and rows[0]["forwarding_clock"] == "计时中"
    f2 = tmp_path / "c.xml"
    f2.write_bytes(alert(ident="W-2", msg_type="Cancel", expires=FAR, refs="qx@example.cn,W-1,2026-11-23T21:30:00+08:00"))
    code, out, _ = _run(capsys, "warnings", "import", f2, "--db", db, "--operator", "值班员甲")
    assert code == 0 and out.startswith("已解除预警 #1")


@pytest.mark.parametrize("content", [b"<<not xml", alert().replace(b"cap:1.2", b"cap:1.1"),
                                     b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'])
def test_bad_files_exit_2_with_one_chinese_line(capsys, tmp_path, db, content):
    f = tmp_path / "bad.xml"
    f.write_bytes(content)
    code, out, err = _run(capsys, "warnings", "import", f, "--db", db, "--operator", "值班员甲")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "未作任何改动" in err and "Traceback" not in err
    code, out, _ = _run(capsys, "warnings", "list", "--db", db, "--json")
    assert json.loads(out) == []


def test_missing_file_operator_and_db(capsys, tmp_path, db):
    for argv in (["warnings", "import", tmp_path / "none.xml", "--db", db, "--operator", "值班员甲"],
                 ["warnings", "list", "--db", tmp_path / "none.sqlite"],
                 ["warnings", "frobnicate"]):
        with pytest.raises(SystemExit) if argv[1] == "frobnicate" else _nothing():
            code, _out, err = _run(capsys, *argv)
            assert code == 2 and len(err.strip().splitlines()) == 1
    f = tmp_path / "a.xml"
    f.write_bytes(alert())
    code, _out, err = _run(capsys, "warnings", "import", f, "--db", db)  # two accounts may import: say who
    assert code == 2 and "--operator" in err


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_stats_json_and_refusals(capsys, db):
    code, out, err = _run(capsys, "stats", "--from", "2026-01-01", "--to", "2026-12-31", "--db", db, "--json")
    assert code == 0, err
    r = json.loads(out)
    assert r["incidents"] == 0 and len(r["by_month"]) == 12 and r["on_time_rate"] is None
    for argv in (["--from", "2026-13-01", "--to", "2026-12-31"], ["--from", "2026-02-01", "--to", "2026-01-01"]):
        code, _out, err = _run(capsys, "stats", *argv, "--db", db)
        assert code == 2 and len(err.strip().splitlines()) == 1 and "日期" in err


def test_import_a_drop_folder(capsys, tmp_path, db):
    import os

    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.xml").write_bytes(alert(expires=FAR))
    (drop / "b.xml").write_bytes(b"junk")
    for f in drop.iterdir():
        os.utime(f, (1e9, 1e9))
    code, out, _ = _run(capsys, "warnings", "import", drop, "--db", db, "--operator", "值班员甲", "--json")
    assert code == 2  # one file was refused
    r = {x["file"]: x for x in json.loads(out)}
    assert r["a.xml"]["action"] == "created" and r["b.xml"]["action"] == "refused" and "XML" in r["b.xml"]["reason"]
    assert (drop / "已导入" / "a.xml").exists() and (drop / "未导入" / "b.xml").exists()


def test_list_and_stats_on_a_demo_copy(capsys, demo_template):
    code, out, err = _run(capsys, "warnings", "list", "--active", "--demo", "--json")
    assert code == 0, err
    assert len(json.loads(out)) == 2  # the demo's two warnings in force
    code, out, err = _run(capsys, "stats", "--from", "2000-01-01", "--to", "2099-12-31", "--demo", "--json")
    assert code == 0, err
    assert json.loads(out)["incidents"] >= 3  # the three calls staged in the demo copy at least
