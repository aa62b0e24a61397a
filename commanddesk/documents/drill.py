"""The drill evaluation report (演练评估报告): PDF and .docx, marked as an exercise."""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..clock import format_beijing
from ..drills.scoring import Evaluation
from ..plans.render import STYLE

STATE = {"met": "按时完成", "late": "迟", "missed": "未完成"}
MARK = "演练 EXERCISE — 非真实事件"


def _state(o) -> str:
    return f"迟 {o.late_minutes} 分钟" if o.state == "late" else STATE[o.state]


def report_html(ev: Evaluation, setting: str = "", participants: str = "", comments: str = "",
                improvements: list[str] | None = None, chart_png: str = "") -> str:
    """The evaluation report as HTML: summary, clock compliance, expectations, findings, improvements."""
    counts = ev.counts
    out = [STYLE, f"<p style='color:#b00020; font-weight:bold;'>{MARK}</p>",
           f"<h1>{escape(ev.title)} 评估报告</h1>",
           f"<p>演练形式：桌面推演　得分：<b>{ev.score}</b>（按时 {counts['met']} 项，迟 {counts['late']} 项，"
           f"未完成 {counts['missed']} 项）</p>"]
    if participants:
        out.append(f"<p>参演人员：{escape(participants)}</p>")
    if setting:
        out += ["<h2>情景</h2>", f"<p>{escape(setting)}</p>"]
    out.append("<h2>关键用时（自接报起，分钟）</h2><table><tr>" + "".join(f"<th>{escape(k)}</th>" for k in ev.kpis)
               + "</tr><tr>" + "".join(f"<td>{'—' if v is None else v}</td>" for v in ev.kpis.values()) + "</tr></table>")
    out.append("<h2>报告时限执行情况</h2><table width='100%'><tr><th>时限</th><th>截止</th><th>完成</th><th>结果</th></tr>")
    for o in ev.clocks:
        out.append(f"<tr><td>{escape(o.what)}</td><td>{format_beijing(o.due_at, False)}</td>"
                   f"<td>{format_beijing(o.done_at, False) or '—'}</td><td>{_state(o)}</td></tr>")
    out.append("</table><h2>预期动作完成情况</h2><table width='100%'><tr><th>触发</th><th>动作</th><th>时限</th>"
               "<th>完成</th><th>结果</th><th>说明</th></tr>")
    for o in ev.outcomes:
        out.append(f"<tr><td>{escape(o.trigger)}</td><td>{escape(o.what)}</td><td>{format_beijing(o.due_at, False)}</td>"
                   f"<td>{format_beijing(o.done_at, False) or '—'}</td><td>{_state(o)}</td><td>{escape(o.note)}</td></tr>")
    out.append("</table>")
    problems = [o for o in ev.outcomes + ev.clocks if o.state != "met"]
    out.append("<h2>发现的问题</h2>")
    out.append("<ol>" + "".join(f"<li>{escape(o.what)}（{escape(o.trigger)}）{_state(o)}</li>" for o in problems) + "</ol>"
               if problems else "<p>未发现超时或遗漏。</p>")
    out += ["<h2>导调评语</h2>", f"<p>{escape(comments) or '（未填写）'}</p>", "<h2>改进事项</h2>"]
    items = improvements or [f"针对“{o.what}”{_state(o)}，明确责任岗位并在下次演练中复核" for o in problems[:5]]
    out.append("<ol>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ol>" if items else "<p>无。</p>")
    if chart_png:
        out.append(f"<h2>时间线图</h2><p><img src='file://{escape(chart_png)}' width='600'></p>"
                   "<p class='meta'>黄：插入事件　蓝：处置动作　红：报告时限（横轴为自接报起的分钟）</p>")
    out.append("<h2>推演时间线</h2><table width='100%'><tr><th>时间</th><th>类别</th><th>内容</th></tr>")
    kinds = {"inject": "插入事件", "action": "处置动作", "deadline": "时限"}
    for at, kind, text in ev.events[:200]:
        out.append(f"<tr><td>{format_beijing(at, False)}</td><td>{kinds.get(kind, kind)}</td><td>{escape(text)}</td></tr>")
    out.append(f"</table><p>签字：导调组＿＿＿＿＿＿　参演单位＿＿＿＿＿＿</p><p style='color:#b00020;'>{MARK}</p>")
    return "".join(out)


def write_pdf(ev: Evaluation, path: str | Path, **extra) -> int:
    """The evaluation report as a PDF (needs a QGuiApplication); returns pages."""
    from .plans import paint_html, pdf_device

    return paint_html(report_html(ev, **extra), pdf_device(path, f"{ev.title} 评估报告"))


def write_docx(ev: Evaluation, path: str | Path, comments: str = "", chart_png: str = "", **_extra) -> None:
    """The evaluation report as a Word document, each page headed as an exercise."""
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = MARK
    d.add_heading(f"{ev.title} 评估报告", level=0)
    d.add_paragraph(f"得分 {ev.score}（按时 {ev.counts['met']}，迟 {ev.counts['late']}，未完成 {ev.counts['missed']}）")
    d.add_heading("报告时限执行情况", level=1)
    t = d.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, ("时限", "截止", "结果")):
        cell.text = text
    for o in ev.clocks:
        row = t.add_row().cells
        row[0].text, row[1].text, row[2].text = o.what, format_beijing(o.due_at, False), _state(o)
    d.add_heading("预期动作完成情况", level=1)
    for o in ev.outcomes:
        d.add_paragraph(f"{o.trigger}：{o.what} — {_state(o)}", style="List Bullet")
    if chart_png:
        from docx.shared import Cm

        d.add_heading("时间线图", level=1)
        d.add_picture(chart_png, width=Cm(16))
    d.add_heading("导调评语", level=1)
    d.add_paragraph(comments or "（未填写）")
    d.save(str(path))
