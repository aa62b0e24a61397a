"""Drills: loading, the accelerated clock, isolation, scoring on time and late (the CLI in tests/cli/test_drills.py)."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from commanddesk.clock import FixedClock
from commanddesk.drills import runner, workspace
from commanddesk.drills.clock import DrillClock
from commanddesk.drills.scenario import ScenarioError, load_scenario


def test_malformed_scenario_names_file_inject_and_reason(tmp_path, scenario_file):
    """A bad inject is refused at load with the file, the inject and the reason."""
    bad = tmp_path / "bad.toml"
    bad.write_text(scenario_file.read_text(encoding="utf-8").replace('kind = "request"', 'kind = "rumour"'),
                   encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(bad)
    assert err.value.inject == "插入事件 i2" and "rumour" in err.value.reason
    assert "bad.toml" in err.value.message


def test_drill_clock_runs_faster_pauses_and_jumps():
    """At 10× a real minute is ten simulated ones; paused time stands still."""
    real = FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    start = datetime(2026, 7, 14, 2, 10, tzinfo=timezone.utc)
    c = DrillClock(start, real)
    real.advance(minutes=5)
    assert c.now() == start  # not started
    c.start()
    c.set_speed(10)
    real.advance(minutes=1)
    assert c.now() == start + timedelta(minutes=10)
    c.pause()
    real.advance(minutes=30)
    assert c.now() == start + timedelta(minutes=10)
    c.jump(start + timedelta(minutes=30))
    assert c.now() == start + timedelta(minutes=30)


def test_drill_database_has_no_real_incidents(tmp_path, demo_store):
    """A drill copy keeps the reference data and drops every incident."""
    from commanddesk.services import incidents

    with demo_store.transaction() as s:
        incidents.record_call(s, incidents.CallInput(category="accident", type="accident.fire",
                                                     place_text="真实事件地点"))
    demo_store.close()
    copy = workspace.create(demo_store.path, tmp_path / "drill.sqlite")
    import sqlite3

    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM incident").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM rescue_team").fetchone()[0] >= 60
    conn.close()


def test_scoring_on_time(scenario_file, action_files):
    """The on-time script meets every expectation and the city clock."""
    ev = runner.run(load_scenario(scenario_file), runner.load_actions(action_files[0]))
    assert {o.state for o in ev.outcomes} == {"met"}, [(o.what, o.state) for o in ev.outcomes]
    city = next(o for o in ev.clocks if "市政府" in o.what and "电话" in o.what)
    assert city.state == "met"
    assert ev.kpis["启动预案"] == 33 and ev.kpis["首次报告"] == 20


def test_scoring_late(scenario_file, action_files):
    """The late script: leader 6 minutes late, city phone late, no written report."""
    ev = runner.run(load_scenario(scenario_file), runner.load_actions(action_files[1]))
    by = {(o.what, o.trigger): o for o in ev.outcomes}
    leader = by[("报告带班领导", "初始来电")]
    assert leader.state == "late" and leader.late_minutes == 6
    assert by[("电话报告市政府", "来电·园区消防站（T+12）")].state == "late"
    assert by[("报送初报", "上级要求·市政府总值班室（T+30）")].state == "missed"
    city = next(o for o in ev.clocks if "市政府" in o.what and "电话" in o.what)
    assert city.state == "late" and city.late_minutes == 7  # 10 dead reported at T+12; phoned at T+39
    assert ev.score <= 60 and ev.counts["missed"] >= 1


def test_evaluation_report_renders_chinese(qapp, tmp_path, scenario_file, action_files):
    """The evaluation report PDF carries the Chinese text and the exercise mark; the page is not blank."""
    import docx
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    from commanddesk.documents import drill as report

    ev = runner.run(load_scenario(scenario_file), runner.load_actions(action_files[1]))
    pages = report.write_pdf(ev, tmp_path / "eval.pdf", comments="报告市政府不及时。")
    pdf = QPdfDocument()
    pdf.load(str(tmp_path / "eval.pdf"))
    assert pages == pdf.pageCount() >= 1
    text = pdf.getAllText(0).text().replace("\n", "")
    assert "测试：罐区泄漏 评估报告" in text and "演练 EXERCISE" in text and "迟 6 分钟" in text
    image = pdf.render(0, QSize(595, 842))
    dark = sum(1 for x in range(0, 595, 5) for y in range(0, 842, 5) if image.pixelColor(x, y).lightness() < 128)
    assert dark > 100
    report.write_docx(ev, tmp_path / "eval.docx", comments="报告市政府不及时。")
    d = docx.Document(str(tmp_path / "eval.docx"))
    assert "演练 EXERCISE" in d.sections[0].header.paragraphs[0].text


def _mini(tmp_path, start: str, category: str, type_: str, counts: str, duration: int) -> Path:
    """A one-call scenario starting at *start* (Beijing time)."""
    path = tmp_path / "mini.toml"
    path.write_text(f'''
id = "t-mini"
title = "测试：接报时刻"
start = {start}
duration_minutes = {duration}

[initial_call]
channel = "phone"
caller_name = "钱伟"
category = "{category}"
type = "{type_}"
place_text = "测试地点"
counts = {counts}
course = "测试"
''', encoding="utf-8")
    return path


def _actions(tmp_path, text: str) -> Path:
    path = tmp_path / "mini-actions.toml"
    path.write_text(text, encoding="utf-8")
    return path


LOG_AND_LEADER = '''
[[actions]]
at = 0.5
action = "log_call"
[[actions]]
at = 2
action = "notify_leader"
'''


def test_accident_received_0755_is_not_scored_missed_for_an_0800_followup(tmp_path):
    """A 较大 accident at 07:55 played past 08:00: no 续报 slot at 08:00, so nothing is missed."""
    sc = load_scenario(_mini(tmp_path, "2026-11-24T07:55:00+08:00", "accident", "accident.explosion",
                             "{ deaths = 3 }", 30))
    ev = runner.run(sc, runner.load_actions(_actions(tmp_path, LOG_AND_LEADER)))
    assert not [o for o in ev.clocks if "续报" in o.what], [(o.what, o.state) for o in ev.clocks]
    assert ev.counts["missed"] == 0


def test_disaster_received_0850_is_not_scored_missed_for_a_0900_zero_report(tmp_path):
    """A flood at 08:50 played past 09:00: no 零报告 that morning, so nothing is missed."""
    sc = load_scenario(_mini(tmp_path, "2026-11-24T08:50:00+08:00", "natural", "natural.flood", "{}", 30))
    ev = runner.run(sc, runner.load_actions(_actions(tmp_path, LOG_AND_LEADER)))
    assert not [o for o in ev.clocks if "零报告" in o.what], [(o.what, o.state) for o in ev.clocks]
    assert ev.counts["missed"] == 0


def test_a_followup_slot_that_does_apply_is_still_scored_missed(tmp_path):
    """Received 05:00 with the 初报 at 05:30: the 08:00 续报 applies, and skipping it is missed."""
    sc = load_scenario(_mini(tmp_path, "2026-11-24T05:00:00+08:00", "accident", "accident.explosion",
                             "{ deaths = 3 }", 200))
    actions = LOG_AND_LEADER + '''
[[actions]]
at = 30
action = "initial_report"
[[actions]]
at = 40
action = "checklist"
items = ["own_government"]
'''
    ev = runner.run(sc, runner.load_actions(_actions(tmp_path, actions)))
    by = {o.what: o for o in ev.clocks}
    assert by["定时续报（2026-11-24 08:00）"].state == "missed"
    assert by["逐级上报（2 小时）"].state == "met"
