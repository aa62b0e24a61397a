"""`commanddesk intake parse|record` from a shell or a message gateway."""

import json
import subprocess
import sys

from sqlalchemy import select

from commanddesk import cli
from commanddesk.models import CallRecord, Incident

MSG = "今晚8点许，灌南县堆沟港镇一化工厂发生爆炸，造成2人死亡、5人受伤，其中1人重伤，直接经济损失约300万元。"


def _run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_json_fields(capsys):
    code, out, _ = _run(capsys, "intake", "parse", MSG, "--received", "2026-11-23T22:00:00+08:00", "--json")
    assert code == 0
    r = json.loads(out)
    assert r["occurred"] == "2026-11-23T20:00:00+08:00" and r["occurred_precision"] == "approx"
    assert r["place"]["county_code"] == "320724" and r["place"]["province"] == "江苏省"
    assert r["type"] == "accident.explosion" and r["type_label"] == "爆炸事故" and r["category"] == "accident"
    assert r["counts"]["deaths"] == 2 and r["counts"]["injuries"] == 5 and r["counts"]["serious_injuries"] == 1
    assert r["counts"]["missing"] is None and r["direct_loss_yuan"] == 3_000_000
    a, b = r["fields"]["deaths"]["span"]
    assert MSG[a:b] == "2人死亡" and 0 < r["fields"]["deaths"]["confidence"] <= 1


def test_parse_jsonl_in_order_with_error_lines(capsys, tmp_path):
    f = tmp_path / "m.jsonl"
    f.write_text(json.dumps({"text": MSG, "received": "2026-11-23T22:00:00+08:00"}, ensure_ascii=False) + "\n"
                 + "{not json\n" + json.dumps({"text": "朝阳区一小区起火"}, ensure_ascii=False) + "\n"
                 + json.dumps({"text": "x" * 200_000}) + "\n", encoding="utf-8")
    code, out, _ = _run(capsys, "intake", "parse", "--jsonl", str(f), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 4
    assert lines[0]["type"] == "accident.explosion"
    assert "error" in lines[1] and lines[1]["line"] == 2
    assert lines[2]["place"]["choices"] and lines[2]["place"]["county_code"] is None
    assert "过长" in lines[3]["error"]


def test_parse_bad_input_is_one_line_and_exit_2(capsys, tmp_path):
    for argv in (["intake", "parse", ""], ["intake", "parse"], ["intake", "parse", MSG, "--received", "昨天"],
                 ["intake", "parse", "--jsonl", str(tmp_path / "none.jsonl")], ["intake", "parse", "a\x00\x01b"]):
        code, out, err = _run(capsys, *argv)
        assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_parse_prints_chinese_summary(capsys):
    code, out, _ = _run(capsys, "intake", "parse", MSG, "--received", "2026-11-23T22:00:00+08:00")
    assert code == 0 and "爆炸事故" in out and "死亡 2" in out and "大约" in out


def test_record_writes_a_graded_incident(capsys, demo_store):
    path = str(demo_store.path)
    demo_store.close()
    code, out, err = _run(capsys, "intake", "record", "--db", path, MSG, "--operator", "李晓明")
    assert code == 0, err
    incident_id = int(out.strip())
    from commanddesk.store import open_store

    store = open_store(path)
    try:
        with store.read() as s:
            inc = s.get(Incident, incident_id)
            call = s.scalars(select(CallRecord).where(CallRecord.incident_id == incident_id)).one()
            assert inc.type == "accident.explosion" and inc.counts["deaths"] == 2 and inc.grade is not None
            assert call.original_message == MSG and call.suggestions["deaths"]["value"] == 2
            assert inc.jurisdiction_code and inc.jurisdiction_code.startswith("320724")
    finally:
        store.close()


def test_record_refuses_a_message_without_place_or_type(capsys, demo_store):
    path = str(demo_store.path)
    with demo_store.read() as s:
        before = s.scalar(select(Incident.id).order_by(Incident.id.desc()).limit(1))
    demo_store.close()
    code, out, err = _run(capsys, "intake", "record", "--db", path, "请回电话", "--operator", "李晓明")
    assert code == 2 and "未记录" in err and len(err.strip().splitlines()) == 1
    from commanddesk.store import open_store

    store = open_store(path)
    try:
        with store.read() as s:
            assert s.scalar(select(Incident.id).order_by(Incident.id.desc()).limit(1)) == before
    finally:
        store.close()


def test_help_has_no_traceback():
    r = subprocess.run([sys.executable, "-m", "commanddesk", "intake", "parse", "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "--jsonl" in r.stdout
