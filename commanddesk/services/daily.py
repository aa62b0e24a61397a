"""值班日报: the duty day's report assembled from the day's records, as data and as an official document. No Qt.

The duty day runs from the first shift start of Beijing day D to the first shift start of D+1 (08:30 to
08:30 by default), so a night's incidents belong to the day the night shift began.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..catalogues import catalogue
from ..clock import format_beijing, to_beijing
from ..models import ClockInstance, Incident, Report, ReportSend
from . import handover, incidents, instructions, opinion, roster, settings, warnings, zero_reports

EXCLUDED = ("voided", "merged")


@dataclass
class DailyReport:
    """The figures of one duty day and the report's sections (heading, text), which the officer may edit."""

    day: date
    start: datetime
    end: datetime
    incidents: int
    by_category: dict[str, int]
    by_grade: dict[str, int]
    reports_sent: int
    sends: int
    clocks_on_time: int
    clocks_late: int
    clocks_missed: int
    instructions_given: int
    instructions_done: int
    instructions_overdue: int
    handovers: int
    marks: tuple[str, ...]
    sections: list[tuple[str, str]] = field(default_factory=list)
    zero_report: dict = field(default_factory=dict)  # units, reported, missing, compulsory
    opinion_items: int = 0
    warnings_received: int = 0
    warnings_live: int = 0

    def as_dict(self) -> dict:
        """Plain data for --json."""
        return {"date": self.day.isoformat(), "from": self.start.isoformat(), "to": self.end.isoformat(),
                "incidents": self.incidents, "by_category": self.by_category, "by_grade": self.by_grade,
                "reports_sent": self.reports_sent, "sends": self.sends,
                "clocks": {"on_time": self.clocks_on_time, "late": self.clocks_late, "missed": self.clocks_missed},
                "instructions": {"given": self.instructions_given, "done": self.instructions_done,
                                 "overdue": self.instructions_overdue},
                "handovers": self.handovers, "marks": list(self.marks),
                "zero_report": self.zero_report, "opinion_items": self.opinion_items,
                "warnings": {"received": self.warnings_received, "live": self.warnings_live},
                "sections": [{"heading": h, "text": t} for h, t in self.sections]}


def duty_day(session: Session, day: date) -> tuple[datetime, datetime]:
    """[start, end) of duty day *day*."""
    times = roster.starts(session)
    return roster.span(day, 0, times)[0], roster.span(day + timedelta(days=1), 0, times)[0]


def build(session: Session, day: date) -> DailyReport:
    """Assemble the day's report from the store (real incidents only; drills, voided and merged left out)."""
    start, end = duty_day(session, day)
    now = session.info["clock"].now()
    cut = min(end, now)
    rows = list(session.scalars(select(Incident).where(
        Incident.received_at >= start, Incident.received_at < end, Incident.is_drill.is_(False),
        Incident.status.not_in(EXCLUDED)).order_by(Incident.received_at)))
    cat_labels = catalogue("incident_category")
    by_cat = Counter(cat_labels.get(i.category, i.category) for i in rows)
    by_grade = Counter(incidents.grade_label(i.grade) for i in rows)
    real = select(Incident.id).where(Incident.is_drill.is_(False))
    sent_reports = session.scalar(select(func.count(Report.id)).where(
        Report.sent_at >= start, Report.sent_at < end, Report.incident_id.in_(real))) or 0
    sends = session.scalar(select(func.count(ReportSend.id)).join(Report, Report.id == ReportSend.report_id).where(
        ReportSend.sent_at >= start, ReportSend.sent_at < end, Report.incident_id.in_(real))) or 0
    due = list(session.scalars(select(ClockInstance).where(
        ClockInstance.due_at >= start, ClockInstance.due_at < cut, ClockInstance.kind != "window",
        ClockInstance.inapplicable_since.is_(None), ClockInstance.incident_id.in_(real))))
    on_time = sum(1 for c in due if c.state == "met")
    late = sum(1 for c in due if c.state == "met_late")
    missed = sum(1 for c in due if c.state == "open")
    given = instructions.between(session, start, end)
    done = sum(1 for v in given if v.done_at is not None)
    overdue = sum(1 for v in given if v.overdue(now))
    signed = handover.between(session, start, end)
    plan = roster.days(session, day, day)[0]
    r = DailyReport(day, start, end, len(rows), dict(by_cat), dict(by_grade), sent_reports, sends, on_time, late,
                    missed, len(given), done, overdue, len(signed), plan.marks)
    unit = settings.get(session, "issuing_unit")
    duty = "；".join(f"{p.label}（{p.times_text}）带班领导 {p.leader or '—'}，值班员 {p.officer or '未排班'}"
                     + (f"，备勤 {p.backup}" if p.backup else "") for p in plan.shifts)
    overview_text = (f"{day.year}年{day.month}月{day.day}日{format_beijing(start, seconds=False)[11:]}至次日"
                     f"{format_beijing(end, seconds=False)[11:]}，{unit}值班室共接报突发事件 {len(rows)} 起"
                     + ("" if not rows else "，其中" + "、".join(f"{k} {v} 起" for k, v in by_cat.items()))
                     + "。" + ("按等级：" + "、".join(f"{k} {v} 起" for k, v in by_grade.items()) + "。" if rows else ""))
    items = "\n".join(f"{n}. {format_beijing(i.received_at, seconds=False)[11:]} {i.title}"
                      f"（{incidents.grade_label(i.grade)}）" for n, i in enumerate(rows, 1)) or "无。"
    reporting = (f"报送书面报告 {sent_reports} 份、送达 {sends} 次；当日到期的报送时限 {len(due)} 项，"
                 f"按时 {on_time} 项，迟报 {late} 项，" + (f"截至 {format_beijing(cut, seconds=False)[11:]} 仍未完成 {missed} 项。"
                                                       if missed else "无逾期未报。"))
    instr = (f"收到领导批示 {len(given)} 条，已落实 {done} 条" + (f"，反馈逾期 {overdue} 条" if overdue else "") + "。"
             + "".join(f"\n{v.leader}：{v.text}" + (f"（已落实：{v.feedback}）" if v.done_at else "（未落实）")
                       for v in given))
    shifts = f"{duty}。完成交接班 {len(signed)} 次。"
    marks = "；".join(plan.marks)
    zero = zero_reports.checklist(session, day)
    seen = opinion.between(session, start, end)
    r.zero_report = {"units": len(zero.lines), "reported": len(zero.lines) - len(zero.outstanding),
                     "missing": zero.missing, "compulsory": list(zero.reasons)}
    r.opinion_items = len(seen)
    warned = warning_section(session, start, end)
    r.warnings_received, r.warnings_live = warned[1], warned[2]
    r.sections = [("值班概况", overview_text + (f"当日为{marks}。" if marks else "")), ("事件情况", items), ("预警信息", warned[0]),
                  ("信息报送", reporting), ("领导批示", instr), ("值班与交接班", shifts),
                  ("零报告", zero.summary()), ("舆情", opinion.summary(seen))]
    return r


def warning_section(session: Session, start: datetime, end: datetime) -> tuple[str, int, int]:
    """(text, received, live): the warnings received in the duty day and those still in force, each with its
    forwarding (done of required, and the forwarding clock's outcome)."""
    rows = [w for w in warnings.listing(session) if start <= w.received_at < end or w.state in warnings.LIVE]
    if not rows:
        return "当日未收到预警信息，无生效预警。", 0, 0
    received = sum(1 for w in rows if start <= w.received_at < end)
    live = sum(1 for w in rows if w.state in warnings.LIVE)
    lines = [f"当日收到预警信息 {received} 条，目前生效 {live} 条。"]
    for n, w in enumerate(sorted(rows, key=lambda w: w.received_at), 1):
        colour = warnings.COLOUR_LABELS.get(w.colour, w.colour)
        lines.append(f"{n}. {w.issuer}{format_beijing(w.issued_at, seconds=False)[5:]}发布{w.type_label}{colour}预警"
                     f"（{w.area_desc or '本辖区'}，{w.state_label}）：已转发 {w.forwarded}/{w.required} 个单位"
                     + (f"，转发时限{w.clock_state}" if w.clock_state else "") + "。")
    return "\n".join(lines), received, live


def document(session: Session, report: DailyReport, sections: list[tuple[str, str]] | None = None):
    """The report as an official document (same layout as incident reports: PDF via documents.pdf, Word via documents.docx)."""
    from ..documents.model import Element, ReportDocument

    s = settings.get_all(session)
    secs = sections if sections is not None else report.sections
    actor = session.info.get("actor")
    d = report.day
    return ReportDocument(
        issuing_unit=s["issuing_unit"], kind_label="值班日报", doc_number="",
        title=f"{s['issuing_unit']}值班日报（{d.year}年{d.month}月{d.day}日）",
        recipient=s.get("city_recipient", ""), signer="", author=actor.name if actor else "",
        issued_at=min(report.end, session.info["clock"].now()),
        elements=tuple(Element(f"s{n}", h, t) for n, (h, t) in enumerate(secs)),
        contact=f"联系人：{actor.name if actor else ''}  电话：{s['post_phone']}",
        exercise=bool(session.info.get("drill")))


def today(session: Session) -> date:
    """The duty day running now (before the first shift of the morning it is still yesterday's)."""
    now = session.info["clock"].now()
    local = to_beijing(now).date()
    return local if now >= duty_day(session, local)[0] else local - timedelta(days=1)
