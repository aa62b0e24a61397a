"""The report chain: 初报 → 续报N → 核报 → 终报 (+ 补报), and logged phone reports.

A written report is drafted from the incident with its twelve mandatory
elements; gaps are marked missing and block sending unless marked 暂不掌握.
Sending records channel, recipient and time, freezes the content (hash) and
meets the clocks the report satisfies; a report that meets a clock after its
deadline is marked 迟报 with the minutes late.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..catalogues import catalogue, label
from ..clock import format_beijing, to_beijing
from ..errors import UserError, ValidationError
from ..models import Incident, Report
from . import auth, clocks, settings
from .incidents import COUNT_FIELDS, _count_changes, _timeline, grade_label, response_label, type_label

ELEMENTS: tuple[tuple[str, str], ...] = (
    ("time", "时间"), ("place", "地点"), ("source", "信息来源"), ("cause", "起因性质"),
    ("course", "基本过程"), ("consequences", "已造成后果"), ("extent", "影响范围"),
    ("trend", "发展趋势"), ("handling", "处置情况"), ("planned", "拟采取措施"),
    ("requests", "请求事项"), ("commander", "现场指挥负责人及联系方式"),
)
WRITTEN = ("initial", "followup", "verified", "final", "supplementary")
KIND_LABELS = {"initial": "初报", "followup": "续报", "verified": "核报", "final": "终报",
               "supplementary": "补报", "phone": "电话报告", "notify": "报告带班领导", "zero": "零报告"}
RECIPIENT_LEVELS = {"city": "市政府", "county": "县（区）", "province": "省级", "regulator": "行业主管部门",
                    "leader": "带班领导"}
UNKNOWN = "暂不掌握"
CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (for 续报一, 续报二 …)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def kind_label(report: Report) -> str:
    """初报 / 续报三 / 核报 … of a report."""
    if report.kind == "followup":
        return "续报" + cn_number(report.seq)
    return KIND_LABELS.get(report.kind, report.kind)


def consequences_text(counts: dict, predicted: dict) -> str:
    """Counts as a sentence, e.g. 死亡 3 人、重伤 12 人；直接经济损失约 1200 万元。"""
    parts = [f"{name} {counts[key]} 人" for key, name in COUNT_FIELDS if counts.get(key)]
    text = "、".join(parts) if parts else "暂无人员伤亡报告"
    loss = counts.get("direct_loss")
    if loss:
        text += f"；直接经济损失约 {loss / 10000:g} 万元"
    pred = [f"{name} {predicted[key]} 人" for key, name in COUNT_FIELDS if predicted.get(key)]
    if pred:
        text += "；经研判可能出现" + "、".join(pred)
    return text + "。"


def _elements_from(incident: Incident) -> dict[str, str]:
    calls = incident.calls
    last = calls[-1] if calls else None
    first = calls[0] if calls else None

    def latest(attr: str) -> str:
        for c in reversed(calls):
            if getattr(c, attr):
                return getattr(c, attr)
        return ""

    occurred = (format_beijing(incident.occurred_at, False) + (
        "（大约）" if incident.occurred_precision == "approx" else "")) if incident.occurred_at else ""
    time_text = (f"事发时间 {occurred}；" if occurred else "事发时间待核实；") + \
        f"接报时间 {format_beijing(incident.received_at, False)}"
    source = ""
    if first is not None:
        who = "".join(x for x in (first.caller_unit, first.caller_post, first.caller_name) if x)
        source = f"{format_beijing(first.received_at, False)} {who or '来电人'}通过{label('call_channel', first.channel)}报告"
        if first.caller_phone:
            source += f"（回拨电话 {first.caller_phone}）"
    cause = latest("cause")
    nature = f"{type_label(incident.type)}，初步定级：{grade_label(incident.grade)}" + (
        "（依据研判数字）" if incident.grade_predicted else "")
    if incident.response_level:  # a response level, reported apart from the event grade
        nature += f"；按预案建议启动{response_label(incident.response_level)}"
    return {
        "time": time_text,
        "place": incident.place_text,
        "source": source,
        "cause": f"{cause}。{nature}" if cause else "",
        "course": latest("course"),
        "consequences": consequences_text(incident.counts, incident.predicted)
        if (incident.counts or incident.predicted or last) else "",
        "extent": "",
        "trend": latest("trend"),
        "handling": latest("measures"),
        "planned": "",
        "requests": latest("requests"),
        "commander": latest("commander"),
    }


def _next_seq(session: Session, incident_id: int, kind: str) -> int:
    return (session.scalar(select(func.max(Report.seq)).where(
        Report.incident_id == incident_id, Report.kind == kind)) or 0) + 1


def _last_sent_written(session: Session, incident_id: int) -> Report | None:
    return session.scalars(select(Report).where(
        Report.incident_id == incident_id, Report.kind.in_(WRITTEN), Report.status == "sent")
        .order_by(Report.sent_at.desc(), Report.id.desc()).limit(1)).first()


def draft(session: Session, incident_id: int, kind: str = "initial") -> Report:
    """Draft a written report from what the incident knows now."""
    actor = auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    if kind not in WRITTEN:
        raise UserError(f"未知的报告类型：{kind}")
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise UserError("该事件已不存在。")
    if kind == "followup" and _last_sent_written(session, incident_id) is None:
        raise UserError("尚未报送初报，不能起草续报。请先报送初报。")
    now = session.info["clock"].now()
    values = _elements_from(incident)
    elements = [{"key": k, "label": lab, "text": values.get(k, ""),
                 "status": "ok" if values.get(k) else "missing"} for k, lab in ELEMENTS]
    changes: list[str] = []
    previous = _last_sent_written(session, incident_id)
    if previous is not None and kind in ("followup", "verified", "final", "supplementary"):
        snap = previous.snapshot or {}
        changes = _count_changes(snap.get("counts", {}), incident.counts) + _count_changes(
            snap.get("predicted", {}), incident.predicted, "研判可能")
        if snap.get("grade") != incident.grade:
            changes.append(f"等级：{grade_label(snap.get('grade'))} → {grade_label(incident.grade)}")
        if not changes:
            changes = ["与上次报告相比，伤亡和损失数字无变化"]
    seq = _next_seq(session, incident_id, kind) if kind == "followup" else 0
    report = Report(
        incident_id=incident_id, kind=kind, seq=seq, elements=elements, changes=changes,
        snapshot={"counts": incident.counts, "predicted": incident.predicted, "grade": incident.grade},
        status="draft", author_id=actor.operator_id, author_name=actor.name, created_at=now,
        recipient=settings.get(session, "city_recipient"), recipient_level="city")
    report.title = f"关于{incident.title}的" + ("续报" if kind == "followup" else KIND_LABELS[kind])
    session.add(report)
    session.flush()
    _timeline(session, incident, "report", f"起草{kind_label(report)}", {"report_id": report.id})
    return report


def update_draft(session: Session, report_id: int, elements: list[dict] | None = None,
                 title: str | None = None, signer: str | None = None, signer_role: str | None = None) -> Report:
    """Edit a draft's elements, title or signer; a sent report is never changed."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    report = _get(session, report_id)
    if report.status == "sent":
        raise UserError("已报送的报告不能修改；如需更正，请起草补报。")
    if elements is not None:
        by_key = {e["key"]: e for e in elements}
        merged = []
        for e in report.elements:
            new = by_key.get(e["key"], e)
            text = str(new.get("text", "")).strip()
            status = new.get("status", "ok")
            if status != "unknown":
                status = "ok" if text else "missing"
            merged.append({**e, "text": text, "status": status})
        report.elements = merged
    if title is not None:
        if not title.strip():
            raise ValidationError("报告标题不能为空。", "title")
        report.title = title.strip()
    if signer is not None:
        report.signer = signer.strip()
    if signer_role is not None:
        report.signer_role = signer_role.strip()
    session.flush()
    return report


def missing(report: Report) -> list[str]:
    """Labels of mandatory elements still missing (not filled, not marked 暂不掌握)."""
    return [e["label"] for e in report.elements if e.get("status") == "missing"]


def _hash(report: Report) -> str:
    body = json.dumps([report.kind, report.seq, report.title, report.elements, report.changes, report.signer,
                       report.recipient, report.channel, report.sent_at.isoformat() if report.sent_at else ""],
                      ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()


def tokens(report: Report) -> set[str]:
    """Which clock conditions a sent report fulfils."""
    out: set[str] = set()
    if report.kind == "notify":
        return {"notify_leader"}
    if report.kind == "zero":
        return {"zero_report"}
    if report.recipient_level == "city":
        out.add("phone_city")  # information has reached the city government
        if report.kind in WRITTEN:
            out.add("written_city")
    if report.kind in WRITTEN:
        out.add({"initial": "written", "followup": "followup", "verified": "verified",
                 "final": "final", "supplementary": "supplementary"}[report.kind])
    return out


def _send(session: Session, report: Report, sent_at: datetime | None) -> Report:
    now = session.info["clock"].now()
    sent_at = sent_at or now
    if sent_at > now:
        raise ValidationError("报送时间不能晚于当前时间。", "sent_at")
    incident = session.get(Incident, report.incident_id)
    if sent_at < incident.received_at:
        raise ValidationError("报送时间不能早于接报时间。", "sent_at")
    report.sent_at = sent_at
    report.status = "sent"
    if report.kind in WRITTEN and not report.doc_number:
        year = to_beijing(sent_at).year
        n = session.scalar(select(func.count()).select_from(Report).where(
            Report.kind.in_(WRITTEN), Report.status == "sent", Report.doc_number != "")) or 0
        report.doc_number = f"{settings.get(session, 'doc_prefix')}〔{year}〕{n + 1}号"
    report.content_hash = _hash(report)
    session.flush()
    met = clocks.satisfy(session, report, tokens(report))
    late = [m.late_minutes for m in met if m.state == clocks.MET_LATE and m.late_minutes]
    report.late_minutes = max(late) if late else None
    text = (f"报送{kind_label(report)}：{label('report_channel', report.channel) if report.channel else ''}"
            f"至{report.recipient}{('（' + report.recipient_person + '）') if report.recipient_person else ''}")
    if report.late_minutes:
        text += f"；迟报 {report.late_minutes} 分钟"
    _timeline(session, incident, "report", text, {"report_id": report.id}, at=sent_at)
    session.flush()
    return report


def send(session: Session, report_id: int, channel: str, recipient: str, recipient_level: str = "city",
         recipient_person: str = "", sent_at: datetime | None = None) -> Report:
    """Record a written report as sent; refuse while mandatory elements or the signer are missing."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    report = _get(session, report_id)
    if report.status == "sent":
        raise UserError("该报告已报送。")
    gaps = missing(report)
    if gaps:
        raise ValidationError("以下要素尚未填写（不清楚的请标记“暂不掌握”）：" + "、".join(gaps), "elements")
    if not report.signer:
        raise ValidationError("书面报告须经领导签发，请填写签发人。", "signer")
    _check_recipient(channel, recipient, recipient_level)
    report.channel, report.recipient, report.recipient_level = channel, recipient.strip(), recipient_level
    report.recipient_person = recipient_person.strip()
    return _send(session, report, sent_at)


def _check_recipient(channel: str, recipient: str, level: str) -> None:
    if channel not in catalogue("report_channel"):
        raise ValidationError("请选择报送方式。", "channel")
    if level not in RECIPIENT_LEVELS:
        raise ValidationError("请选择接收层级。", "recipient_level")
    if not recipient.strip():
        raise ValidationError("请填写接收单位。", "recipient")


def log_phone(session: Session, incident_id: int, recipient: str, recipient_level: str = "city",
              recipient_person: str = "", number: str = "", summary: str = "",
              at: datetime | None = None) -> Report:
    """Log a phone report already made (先电话、后书面); it meets the phone clocks."""
    actor = auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    _check_recipient("phone", recipient, recipient_level)
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise UserError("该事件已不存在。")
    now = session.info["clock"].now()
    report = Report(incident_id=incident_id, kind="phone", title=f"电话报告{recipient}", summary=summary.strip(),
                    status="draft", author_id=actor.operator_id, author_name=actor.name, created_at=now,
                    channel="phone", recipient=recipient.strip(), recipient_level=recipient_level,
                    recipient_person=recipient_person.strip(),
                    elements=[{"key": "number", "label": "拨打号码", "text": number.strip(), "status": "ok"}])
    session.add(report)
    session.flush()
    return _send(session, report, at)


def notify_leader(session: Session, incident_id: int, leader: str, summary: str = "",
                  at: datetime | None = None) -> Report:
    """Log that the 带班领导 was told (meets the 10-minute clock)."""
    actor = auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    if not leader.strip():
        raise ValidationError("请填写已报告的带班领导姓名。", "leader")
    now = session.info["clock"].now()
    report = Report(incident_id=incident_id, kind="notify", title=f"报告带班领导{leader.strip()}",
                    summary=summary.strip(), status="draft", author_id=actor.operator_id,
                    author_name=actor.name, created_at=now, channel="phone", recipient=leader.strip(),
                    recipient_level="leader")
    session.add(report)
    session.flush()
    return _send(session, report, at)


def log_zero(session: Session, incident_id: int, recipient: str, summary: str = "",
             at: datetime | None = None) -> Report:
    """Log the daily zero report (零报告) sent while a disaster is unstable."""
    actor = auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    _check_recipient("system", recipient, "city")
    report = Report(incident_id=incident_id, kind="zero", title=f"零报告 {recipient}", summary=summary.strip(),
                    status="draft", author_id=actor.operator_id, author_name=actor.name,
                    created_at=session.info["clock"].now(), channel="system", recipient=recipient.strip(),
                    recipient_level="city")
    session.add(report)
    session.flush()
    return _send(session, report, at)


def _get(session: Session, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None:
        raise UserError("该报告已不存在。")
    return report


def for_incident(session: Session, incident_id: int) -> list[Report]:
    """All reports of an incident, oldest first."""
    return list(session.scalars(select(Report).where(Report.incident_id == incident_id).order_by(Report.id)))


def document(session: Session, report: Report, exercise: bool = False):
    """The printable form of a written report (see commanddesk.documents)."""
    from ..documents.model import Element, ReportDocument

    all_settings = settings.get_all(session)
    late = f"迟报：超出时限 {report.late_minutes} 分钟" if report.late_minutes else ""
    return ReportDocument(
        issuing_unit=all_settings["issuing_unit"], kind_label=kind_label(report), doc_number=report.doc_number,
        title=report.title, recipient=report.recipient, signer=report.signer, author=report.author_name,
        issued_at=report.sent_at or session.info["clock"].now(),
        elements=tuple(Element(e["key"], e["label"], e["text"], e["status"]) for e in report.elements),
        changes=tuple(report.changes or ()),
        contact=f"联系人：{report.author_name}  电话：{all_settings['post_phone']}",
        exercise=exercise or bool(session.info.get("drill")), late_note=late)
