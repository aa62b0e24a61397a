"""The drill evaluation report: what it says about met, late and missed items, always marked as an exercise."""

from datetime import datetime, timedelta

import docx

from commanddesk.clock import BEIJING
from commanddesk.documents import drill as report
from commanddesk.drills.scoring import Evaluation, Outcome

T0 = datetime(2026, 7, 1, 8, 0, tzinfo=BEIJING)


def evaluation(outcomes=None, clocks=None, events=()):
    if outcomes is None:
        outcomes = (Outcome("记录来电", "初始来电", T0 + timedelta(minutes=5), T0 + timedelta(minutes=3), "met"),
                    Outcome("电话报告市政府", "初始来电", T0 + timedelta(minutes=30), T0 + timedelta(minutes=36),
                            "late", 6, "<先报了区里>"),
                    Outcome("调派队伍", "二次爆炸", T0 + timedelta(minutes=40), None, "missed"))
    if clocks is None:
        clocks = (Outcome("书面初报", "接报", T0 + timedelta(minutes=60), T0 + timedelta(minutes=50), "met"),)
    return Evaluation("t-tank", "测试：罐区泄漏", tuple(outcomes), tuple(clocks), {"首次报告": 36, "首支队伍出动": None},
                      tuple(events))


def test_summary_states_and_exercise_mark():
    html = report.report_html(evaluation(), setting="某化工园区罐区", participants="值班员甲、领导乙")
    assert html.count(report.MARK) == 2
    assert "测试：罐区泄漏 评估报告" in html
    # (2 met + ½ late) of 4 items = 62.5, rounded to 62
    assert "得分：<b>62</b>（按时 2 项，迟 1 项，未完成 1 项）" in html
    assert "参演人员：值班员甲、领导乙" in html and "某化工园区罐区" in html
    assert "<td>迟 6 分钟</td>" in html and "<td>未完成</td>" in html and "<td>按时完成</td>" in html
    assert "<td>36</td><td>—</td>" in html  # a KPI never reached shows a dash


def test_problems_and_default_improvements():
    html = report.report_html(evaluation())
    problems = html.split("<h2>发现的问题</h2>")[1].split("</ol>")[0]
    assert "<li>电话报告市政府（初始来电）迟 6 分钟</li>" in problems
    assert "<li>调派队伍（二次爆炸）未完成</li>" in problems
    assert "记录来电" not in problems
    assert "针对“调派队伍”未完成，明确责任岗位并在下次演练中复核" in html
    assert "（未填写）" in html  # no comments given


def test_given_improvements_and_comments_replace_the_defaults():
    html = report.report_html(evaluation(), comments="报告市政府不及时。", improvements=["修订值班员处置卡"])
    assert "<li>修订值班员处置卡</li>" in html and "明确责任岗位" not in html
    assert "报告市政府不及时。" in html


def test_a_clean_drill_has_no_problems():
    met = (Outcome("记录来电", "初始来电", T0, T0, "met"),)
    html = report.report_html(evaluation(outcomes=met, clocks=()))
    assert "未发现超时或遗漏。" in html
    assert "<h2>改进事项</h2><p>无。</p>" in html


def test_text_is_escaped():
    html = report.report_html(evaluation(), comments="<script>alert(1)</script>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;先报了区里&gt;" in html


def test_timeline_is_capped_at_200_events():
    events = [(T0 + timedelta(minutes=i), "inject", f"事件{i}号") for i in range(250)]
    html = report.report_html(evaluation(events=events))
    assert "事件199号" in html and "事件200号" not in html
    assert "<td>插入事件</td>" in html


def test_word_report(tmp_path):
    path = tmp_path / "eval.docx"
    report.write_docx(evaluation(), path, comments="报告市政府不及时。")
    d = docx.Document(str(path))
    assert d.sections[0].header.paragraphs[0].text == report.MARK
    texts = [p.text for p in d.paragraphs]
    assert "得分 62（按时 2，迟 1，未完成 1）" in texts
    assert "初始来电：电话报告市政府 — 迟 6 分钟" in texts
    assert "二次爆炸：调派队伍 — 未完成" in texts
    assert texts[-1] == "报告市政府不及时。"
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["时限", "截止", "结果"]
    assert [c.text for c in table.rows[1].cells] == ["书面初报", "2026-07-01 09:00", "按时完成"]
