"""`commanddesk sync` from a shell: a vehicle taken out of a demo post, calls recorded on both, packages both ways."""

import json

from sqlalchemy import select

from commanddesk import cli
from commanddesk.models import Incident
from commanddesk.services import incidents
from commanddesk.store import open_store
from tests.conftest import sign_in

CALL_V = "今天下午3点，灌云县伊山镇一仓库发生火灾，1人受伤。"
CALL_P = "今晚8点许，灌南县堆沟港镇一化工厂发生爆炸，造成2人死亡、5人受伤。"


def _run(capsys, *argv):
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse's own complaints
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _deaths(path, clock, n, where):
    """A follow-up call on the first open incident (the same one on both sides): deaths n."""
    store = open_store(path, clock)
    sign_in(store, "李晓明", "111111")
    with store.transaction() as s:
        inc = s.scalar(select(Incident).where(Incident.status == "received").order_by(Incident.id))
        incidents.record_call(s, incidents.CallInput(category=inc.category, type=inc.type, place_text=where,
                                                     counts={"deaths": n}), incident_id=inc.id)
    store.close()


def test_a_scripted_exchange(capsys, tmp_path, demo_template, clock):
    post, vehicle = tmp_path / "post.sqlite", tmp_path / "vehicle.sqlite"
    assert _run(capsys, "demo", "create", str(post))[0] == 0
    code, out, err = _run(capsys, "sync", "init", "--from", str(post), "--to", str(vehicle), "--site", "车1", "--operator", "周建华",
                           "--json")
    assert code == 0, err
    made = json.loads(out)
    assert made["site"] == "车1" and made["open_incidents"] >= 1
    code, out, _ = _run(capsys, "intake", "record", "--db", str(vehicle), CALL_V, "--operator", "李晓明")
    assert code == 0 and out.strip().endswith("\t车1-0001")  # the vehicle's own number beside the id
    code, out, _ = _run(capsys, "intake", "record", "--db", str(post), CALL_P, "--operator", "李晓明")
    assert code == 0 and out.strip().isdigit()  # the post's numbers stay as they were
    _deaths(vehicle, clock, 5, "现场")
    _deaths(post, clock, 4, "电话核实")

    code, out, err = _run(capsys, "sync", "export", "--db", str(vehicle), "--to", str(tmp_path / "v1.cdsync"), "--operator", "李晓明",
                           "--json")
    assert code == 0, err
    exported = json.loads(out)
    assert exported["seq"] == 1 and exported["counts"]["insert"] >= 2 and len(exported["sha256"]) == 64
    code, out, err = _run(capsys, "sync", "import", "--db", str(post), str(tmp_path / "v1.cdsync"), "--operator", "李晓明",
                           "--json")
    assert code == 0, err
    done = json.loads(out)
    assert done["applied"] >= 2 and done["conflicts"] == 1 and not done["already"]
    code, out, _ = _run(capsys, "sync", "import", "--db", str(post), str(tmp_path / "v1.cdsync"),
                         "--operator", "李晓明")
    assert code == 0 and "已导入过" in out

    code, out, _ = _run(capsys, "sync", "conflicts", "--db", str(post), "--json")
    rows = json.loads(out)
    assert [(r["kind"], r["field"]) for r in rows] == [("field", "counts")]
    assert rows[0]["here"]["value"]["deaths"] == 4 and rows[0]["there"]["value"]["deaths"] == 5
    assert rows[0]["there"]["who"] == "李晓明"
    code, out, _ = _run(capsys, "sync", "conflicts", "--db", str(post))
    assert "本方：" in out and "对方：" in out and "死亡 5" in out
    code, out, err = _run(capsys, "sync", "resolve", "--db", str(post), str(rows[0]["id"]), "--keep", "there",
                          "--reason", "现场核实", "--operator", "李晓明")
    assert code == 0, err
    assert _run(capsys, "sync", "conflicts", "--db", str(post))[1].strip() == "没有未处理的同步冲突。"

    code, out, err = _run(capsys, "sync", "export", "--db", str(post), "--to", str(tmp_path / "p1.cdsync"),
                          "--operator", "李晓明")
    assert code == 0 and "第 1 号交换包" in out, err
    code, out, err = _run(capsys, "sync", "import", "--db", str(vehicle), str(tmp_path / "p1.cdsync"), "--operator", "李晓明",
                          "--json")
    assert code == 0, err
    assert _run(capsys, "audit", "verify", "--db", str(post))[0] == 0
    assert _run(capsys, "audit", "verify", "--db", str(vehicle))[0] == 0


def test_refusals_are_one_chinese_line_and_change_nothing(capsys, tmp_path, demo_template):
    post, vehicle = tmp_path / "post.sqlite", tmp_path / "vehicle.sqlite"
    assert _run(capsys, "demo", "create", str(post))[0] == 0
    assert _run(capsys, "sync", "init", "--from", str(post), "--to", str(vehicle), "--site", "车1", "--operator", "周建华")[0] == 0
    assert _run(capsys, "intake", "record", "--db", str(vehicle), CALL_V, "--operator", "李晓明")[0] == 0
    assert _run(capsys, "sync", "export", "--db", str(vehicle), "--to", str(tmp_path / "v1.cdsync"),
                "--operator", "李晓明")[0] == 0
    raw = bytearray((tmp_path / "v1.cdsync").read_bytes())
    raw[raw.index(b'"content"') + 30] ^= 0x02
    (tmp_path / "bad.cdsync").write_bytes(bytes(raw))
    for argv in (["sync", "import", "--db", str(post), str(tmp_path / "bad.cdsync"), "--operator", "李晓明"],
                 ["sync", "import", "--db", str(post), str(tmp_path / "none.cdsync"), "--operator", "李晓明"],
                 ["sync", "import", "--db", str(post), str(post), "--operator", "李晓明"],
                 ["sync", "init", "--from", str(post), "--to", str(vehicle), "--site", "车2", "--operator", "周建华"],
                 ["sync", "init", "--from", str(post), "--to", str(tmp_path / "v2.sqlite"), "--site", "车1",
                  "--operator", "周建华"],
                 ["sync", "export", "--db", str(vehicle), "--to", str(tmp_path / "v1.cdsync"), "--operator", "李晓明"],
                 ["sync", "resolve", "--db", str(post), "99", "--keep", "here", "--reason", "x", "--operator", "李晓明"],
                 ["sync", "resolve", "--db", str(post), "1", "--keep", "maybe", "--reason", "x"],
                 ["sync", "conflicts", "--db", str(tmp_path / "missing.sqlite")],
                 # a trainer may not exchange packages, a duty officer may not take a vehicle out
                 ["sync", "import", "--db", str(post), str(tmp_path / "v1.cdsync"), "--operator", "陈静"],
                 ["sync", "init", "--from", str(post), "--to", str(tmp_path / "v3.sqlite"), "--site", "车3",
                  "--operator", "李晓明"],
                 # a site name starts every number made there: letters, digits and Chinese only
                 ["sync", "init", "--from", str(post), "--to", str(tmp_path / "v4.sqlite"), "--site", "车\n4",
                  "--operator", "周建华"],
                 ["sync", "init", "--from", str(post), "--to", str(tmp_path / "v4.sqlite"), "--site", "车-4",
                  "--operator", "周建华"],
                 ["sync", "import", "--db", str(post), str(tmp_path / "v1.cdsync")]):  # who? four may
        code, out, err = _run(capsys, *argv)
        assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, (argv, err)
    assert not any((tmp_path / f"v{n}.sqlite").exists() for n in (2, 3, 4))
    code, _out, err = _run(capsys, "sync", "import", "--db", str(post), str(tmp_path / "v1.cdsync"), "--operator", "陈静")
    assert "无权执行" in err and "值班员" in err
    code, out, _ = _run(capsys, "sync", "import", "--db", str(post), str(tmp_path / "v1.cdsync"), "--operator", "李晓明",
                           "--json")
    assert code == 0 and json.loads(out)["applied"] >= 1  # nothing half-applied before: the real one applies


def test_an_encrypted_package_from_a_shell(capsys, tmp_path, demo_template, monkeypatch):
    from commanddesk import cipher

    post, vehicle = tmp_path / "post.sqlite", tmp_path / "vehicle.sqlite"
    assert _run(capsys, "demo", "create", str(post))[0] == 0
    assert _run(capsys, "sync", "init", "--from", str(post), "--to", str(vehicle), "--site", "车1", "--operator", "周建华")[0] == 0
    assert _run(capsys, "intake", "record", "--db", str(vehicle), CALL_V, "--operator", "李晓明")[0] == 0
    package = tmp_path / "v1.cdsync"
    code, _out, err = _run(capsys, "sync", "export", "--db", str(vehicle), "--to", str(package), "--encrypt",
                           "--operator", "李晓明")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "口令" in err and not package.exists()
    (tmp_path / "pass.txt").write_text("车载交换口令2026\n", encoding="utf-8")
    (tmp_path / "wrong.txt").write_text("不是这个口令123\n", encoding="utf-8")
    try:
        code, out, err = _run(capsys, "sync", "export", "--db", str(vehicle), "--to", str(package), "--encrypt",
                              "--passphrase-file", str(tmp_path / "pass.txt"), "--operator", "李晓明", "--json")
        assert code == 0 and json.loads(out)["encrypted"] is True, err
        assert CALL_V.encode() not in package.read_bytes()
        cipher.set_passphrase(None)
        for extra in ([], ["--package-passphrase-file", str(tmp_path / "wrong.txt")]):
            code, out, err = _run(capsys, "sync", "import", "--db", str(post), str(package), "--operator", "李晓明", *extra)
            assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
            assert "未导入任何内容" in err
        monkeypatch.setenv("COMMANDDESK_PACKAGE_PASSPHRASE", "车载交换口令2026")
        code, out, err = _run(capsys, "sync", "import", "--db", str(post), str(package), "--operator", "李晓明", "--json")
        assert code == 0 and json.loads(out)["applied"] >= 1, err
    finally:
        cipher.set_passphrase(None)
