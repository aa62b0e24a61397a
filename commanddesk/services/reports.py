"""The report chain: 初报 → 续报N → 核报 → 终报 (+ 补报), and logged phone reports.

A written report is drafted from the incident with its twelve mandatory
elements; gaps are marked missing and block sending unless marked 暂不掌握.
A written report has several addressees (主送 and 抄送) and one send record
per delivery: addressee, channel, time and the operator who sent it. The
带班领导 approves it with their own PIN; an edit after approval voids the
approval, and an unapproved report cannot be sent in writing (fax, 政务专网,
当面) — it may be read out by phone first (先电话、后书面), which meets the phone
clocks and leaves it a draft. The first written send numbers it (文号 restart
each Beijing year, unique per year in the database), freezes the content (hash)
and meets the clocks the report satisfies; a report that meets a clock after
its deadline is marked 迟报 with the minutes late.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..catalogues import catalogue, label
from ..clock import to_beijing
from ..errors import PermissionDenied, UserError, ValidationError
from ..models import Incident, Operator, Report, ReportRecipient, ReportSend
from . import accounts, auth, clocks, settings, timeline
from .incidents import COUNT_FIELDS, _count_changes, grade_label, response_label, type_label

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
                    "government": "本级人民政府", "leader": "带班领导", "other": "其他"}
# Decree 493 art. 12 (一): an accident report starts with the unit where it happened.
UNIT_PROFILE = ("unit_profile", "事故发生单位概况")
ADDRESSING = {"main": "主送", "cc": "抄送"}
URGENCY = {"": "", "urgent": "加急", "flash": "特急"}
CLASSIFICATION = {"": "", "secret": "秘密", "confidential": "机密", "top_secret": "绝密"}
WRITTEN_CHANNELS = ("fax", "system", "in_person")  # a send "in writing"; phone and SMS are not
CARRIED = ("unit_profile", "extent", "trend", "planned")  # a 续报 starts from the previous report's text
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


def cn_time(value: datetime) -> str:
    """A time as the report's header writes it, in Beijing time: 2026年11月23日22时05分."""
    t = to_beijing(value)
    return f"{t.year}年{t.month}月{t.day}日{t.hour}时{t.minute:02d}分"


def element_keys(incident: Incident) -> tuple[tuple[str, str], ...]:
    """The mandatory elements for *incident*: an accident adds 事故发生单位概况 first."""
    return ((UNIT_PROFILE,) if incident.category == "accident" else ()) + ELEMENTS


def _elements_from(incident: Incident) -> dict[str, str]:
    calls = incident.calls
    last = calls[-1] if calls else None
    first = calls[0] if calls else None

    def latest(attr: str) -> str:
        """The newest non-empty *attr* among the calls (a later call's account wins)."""
        for c in reversed(calls):
            if getattr(c, attr):
                return getattr(c, attr)
        return ""

    occurred = (cn_time(incident.occurred_at) + (
        "（大约）" if incident.occurred_precision == "approx" else "")) if incident.occurred_at else ""
    time_text = (f"事发时间{occurred}；" if occurred else "事发时间待核实；") + \
        f"接报时间{cn_time(incident.received_at)}"
    source = ""
    if first is not None:
        who = "".join(x for x in (first.caller_unit, first.caller_post, first.caller_name) if x)
        source = f"{cn_time(first.received_at)}，{who or '来电人'}通过{label('call_channel', first.channel)}报告"
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


DUTY_MAX = 100  # as long as a roster cell


def _duty_name(value: str | None, field: str) -> str:
    value = (value or "").strip()
    if len(value) > DUTY_MAX:
        raise ValidationError(f"{'值班员' if field == 'duty_officer' else '带班领导'}过长（最多 {DUTY_MAX} 字）。", field)
    return value


def duty_on_draft(session: Session, at: datetime, duty_officer: str | None = None,
                  duty_leader: str | None = None) -> dict[str, str]:
    """The 值班员 and 带班领导 a report drafted *at* names: what the user typed, else the roster's.

    With nobody rostered as 值班员 the signed-in operator is named; with no rostered leader it stays "".
    """
    from . import roster

    shift = roster.shift_at(session, at)
    actor = session.info.get("actor")
    officer = _duty_name(duty_officer, "duty_officer") or shift.officer.strip() or getattr(actor, "name", "")
    leader = _duty_name(duty_leader, "duty_leader") or shift.leader.strip()
    return {"officer": officer, "leader": leader}


def duty(report: Report) -> tuple[str, str]:
    """(值班员, 带班领导) named on a report ("" where none)."""
    d = (report.snapshot or {}).get("duty") or {}
    return d.get("officer", ""), d.get("leader", "")


def draft(session: Session, incident_id: int, kind: str = "initial", *, duty_officer: str | None = None,
          duty_leader: str | None = None) -> Report:
    """Draft a written report from what the incident knows now.

    A later report (续报, 核报 …) starts from the previous sent report's 事故发生单位概况,
    影响范围, 发展趋势 and 拟采取措施, and keeps its addressees; a first report is
    addressed to the post's city recipient. Its 值班员 and 带班领导 are the roster's for
    the shift running now unless typed (see ``duty_on_draft``).
    """
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
                 "status": "ok" if values.get(k) else "missing"} for k, lab in element_keys(incident)]
    changes: list[str] = []
    previous = _last_sent_written(session, incident_id)
    if previous is not None and kind in ("followup", "verified", "final", "supplementary"):
        before = {e["key"]: e for e in previous.elements}
        for e in elements:
            old = before.get(e["key"])
            if e["key"] in CARRIED and old is not None and (old.get("text") or old.get("status") == "unknown"):
                e["text"], e["status"] = old.get("text", ""), old.get("status", "ok")
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
        snapshot={"counts": incident.counts, "predicted": incident.predicted, "grade": incident.grade,
                  "duty": duty_on_draft(session, now, duty_officer, duty_leader)},
        status="draft", author_id=actor.operator_id, author_name=actor.name, created_at=now,
        recipient=settings.get(session, "city_recipient"), recipient_level="city")
    report.title = f"关于{incident.title}的" + ("续报" if kind == "followup" else KIND_LABELS[kind])
    if previous is not None and previous.recipients:
        addressees = [(r.addressing, r.recipient, r.recipient_level) for r in previous.recipients]
        report.classification = previous.classification
    else:
        addressees = [("main", report.recipient, "city")]
    report.recipients = [ReportRecipient(addressing=a, position=i, recipient=u, recipient_level=lv)
                         for i, (a, u, lv) in enumerate(addressees)]
    session.add(report)
    session.flush()
    timeline.record(session, incident, "report", f"起草{kind_label(report)}", {"report_id": report.id})
    return report


def _approval_hash(report: Report) -> str:
    """What the 带班领导 approves: the text, the addressees and the 版头 elements."""
    parts = [report.kind, report.seq, report.title, report.elements, report.changes,
             [(r.addressing, r.recipient, r.recipient_level) for r in report.recipients],
             report.urgency, report.classification, report.copy_number]
    if any(duty(report)):  # printed on the report, so approved with it (reports from before keep their hash)
        parts.append(list(duty(report)))
    body = json.dumps(parts, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()


def is_approved(report: Report) -> bool:
    """Whether the 带班领导 approved exactly this content."""
    return bool(report.approved_hash) and report.approved_hash == _approval_hash(report)


def _void_if_changed(session: Session, report: Report) -> bool:
    """Clear an approval the content no longer matches; True if one was voided."""
    if not report.approved_hash or is_approved(report):
        return False
    who = report.approver
    report.approver, report.approver_id, report.approved_at, report.approved_hash = "", None, None, ""
    report.signer = ""
    session.flush()
    timeline.record(session, session.get(Incident, report.incident_id), "report",
              f"{kind_label(report)}审批后被修改，{who}的审批作废，须重新审批", {"report_id": report.id})
    return True


def _editable(session: Session, report_id: int) -> Report:
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    report = get(session, report_id)
    if report.status == "sent":
        raise UserError("已报送的报告不能修改；如需更正，请起草补报。")
    return report


def update_draft(session: Session, report_id: int, elements: list[dict] | None = None,
                 title: str | None = None, signer: str | None = None, signer_role: str | None = None,
                 urgency: str | None = None, classification: str | None = None,
                 copy_number: str | None = None, duty_officer: str | None = None,
                 duty_leader: str | None = None) -> Report:
    """Edit a draft; a sent report is never changed, and an edit voids the approval."""
    report = _editable(session, report_id)
    if duty_officer is not None or duty_leader is not None:
        officer, leader = duty(report)
        new_duty = {"officer": officer if duty_officer is None else _duty_name(duty_officer, "duty_officer"),
                    "leader": leader if duty_leader is None else _duty_name(duty_leader, "duty_leader")}
        report.snapshot = {**(report.snapshot or {}), "duty": new_duty}  # a new dict, so the JSON is saved
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
    if urgency is not None:
        if urgency not in URGENCY:
            raise ValidationError("紧急程度只能是特急、加急或不标注。", "urgency")
        report.urgency = urgency
    if classification is not None:
        if classification not in CLASSIFICATION:
            raise ValidationError("密级只能是秘密、机密、绝密或不标注。", "classification")
        report.classification = classification
    if copy_number is not None:
        copy_number = copy_number.strip()
        if copy_number and not (copy_number.isdigit() and copy_number.isascii() and len(copy_number) <= 6):
            raise ValidationError("份号须为 1 至 6 位数字。", "copy_number")
        report.copy_number = copy_number.zfill(6) if copy_number else ""
    if signer is not None and signer.strip() != report.signer and not report.approved_hash:
        report.signer = signer.strip()  # the approver signs; a typed name never replaces an approval
    if signer_role is not None and not report.approved_hash:
        report.signer_role = signer_role.strip()
    session.flush()
    _void_if_changed(session, report)
    return report


def set_recipients(session: Session, report_id: int, recipients: list[dict]) -> Report:
    """Replace a draft's addressees: [{"addressing": "main"|"cc", "recipient": ..., "recipient_level": ...}]."""
    report = _editable(session, report_id)
    rows: list[tuple[str, str, str]] = []
    for r in recipients:
        unit = str(r.get("recipient", "")).strip()
        if not unit:
            continue
        addressing = r.get("addressing", "main")
        level = r.get("recipient_level", "") or "other"
        if addressing not in ADDRESSING:
            raise ValidationError("请选择主送或抄送。", "addressing")
        if level not in RECIPIENT_LEVELS:
            raise ValidationError("请选择接收层级。", "recipient_level")
        if any(unit == u for _a, u, _l in rows):
            raise ValidationError(f"“{unit}”列了两次。", "recipients")
        rows.append((addressing, unit, level))
    if not any(a == "main" for a, _u, _l in rows):
        raise ValidationError("至少要有一个主送单位。", "recipients")
    sent_to = {s.recipient for s in report.sends}
    kept = {r.recipient: r for r in report.recipients}
    dropped = [u for u in kept if u in sent_to and u not in {u for _a, u, _l in rows}]
    if dropped:
        raise UserError("已向" + "、".join(dropped) + "报送过，不能从接收单位中删去。")
    new = []
    for i, (addressing, unit, level) in enumerate(rows):
        row = kept.get(unit) or ReportRecipient(recipient=unit)
        row.addressing, row.position, row.recipient_level = addressing, i, level
        new.append(row)
    for row in report.recipients:
        if row not in new:
            for send_row in report.sends:
                if send_row.recipient_id == row.id:
                    send_row.recipient_id = None
    report.recipients = new
    main = next(r for r in new if r.addressing == "main")
    report.recipient, report.recipient_level = main.recipient, main.recipient_level
    session.flush()
    _void_if_changed(session, report)
    return report


def approve(session: Session, report_id: int, leader: str, pin: str | None = None) -> Report:
    """The 带班领导 *leader* approves (签发) a written draft with their own PIN.

    At their own seat (signed in as *leader*) no PIN is asked again. The record
    keeps who approved and when; any later edit voids the approval.
    """
    actor = auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    report = _editable(session, report_id)
    if report.kind not in WRITTEN:
        raise UserError("只有书面报告需要审批。")
    gaps = missing(report)
    if gaps:
        raise ValidationError("要素未齐，不能送审批：" + "、".join(gaps), "elements")
    op = session.scalar(select(Operator).where(Operator.name == leader.strip()))
    own_seat = op is not None and actor.operator_id == op.id and pin is None
    if not own_seat:  # a PIN typed here is a sign-in attempt: locked out and audited like one
        if accounts.locked_until(session, leader) is not None:
            raise PermissionDenied("带班领导连续输错 PIN 次数过多，账户已锁定，审批未完成。")
        if op is None or not op.active or not accounts.check_pin(pin or "", op.pin_hash):
            accounts.refuse(session, leader.strip(), None, "带班领导姓名或 PIN 不正确，审批未完成。")
    elif not op.active:
        raise PermissionDenied("带班领导姓名或 PIN 不正确，审批未完成。")
    if op.role != auth.Role.SHIFT_LEADER.value:
        raise PermissionDenied(f"{op.name}不是带班领导，不能审批书面报告。")
    now = session.info["clock"].now()
    report.approver_id, report.approver, report.approved_at = op.id, op.name, now
    report.signer, report.signer_role = op.name, settings.get(session, "leader_title")
    report.approved_hash = _approval_hash(report)
    session.flush()
    timeline.record(session, session.get(Incident, report.incident_id), "report",
              f"{settings.get(session, 'leader_title')}{op.name}审批{kind_label(report)}", {"report_id": report.id})
    return report


def missing(report: Report) -> list[str]:
    """Labels of mandatory elements still missing (not filled, not marked 暂不掌握)."""
    return [e["label"] for e in report.elements if e.get("status") == "missing"]


def _hash(report: Report) -> str:
    body = json.dumps([report.kind, report.seq, report.title, report.elements, report.changes, report.signer,
                       report.recipient, report.channel, report.sent_at.isoformat() if report.sent_at else "",
                       [(r.addressing, r.recipient) for r in report.recipients], report.urgency,
                       report.classification, report.copy_number, report.doc_number, report.approver,
                       report.approved_at.isoformat() if report.approved_at else ""],
                      ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()


def tokens_for(kind: str, level: str, in_writing: bool) -> set[str]:
    """Which clock conditions a delivery of a *kind* report to a *level* addressee fulfils."""
    if kind == "notify":
        return {"notify_leader"}
    if kind == "zero":
        return {"zero_report"}
    out: set[str] = set()
    if level == "city":
        out.add("phone_city")  # information has reached the city government
        if kind in WRITTEN and in_writing:
            out.add("written_city")
    if kind in WRITTEN and in_writing:
        out.add({"initial": "written", "followup": "followup", "verified": "verified",
                 "final": "final", "supplementary": "supplementary"}[kind])
    return out


def tokens(report: Report) -> set[str]:
    """Which clock conditions a sent report fulfils (its main addressee, as sent)."""
    return tokens_for(report.kind, report.recipient_level,
                      report.kind not in WRITTEN or report.channel in WRITTEN_CHANNELS)


def next_doc_number(session: Session, at: datetime) -> tuple[int, int]:
    """(year, number) of the next 文号 for a report sent *at*: numbers restart each Beijing year."""
    year = to_beijing(at).year
    last = session.scalar(select(func.max(Report.doc_seq)).where(Report.doc_year == year)) or 0
    return year, last + 1


def _check_time(session: Session, report: Report, sent_at: datetime | None) -> datetime:
    now = session.info["clock"].now()
    sent_at = sent_at or now
    if sent_at > now:
        raise ValidationError("报送时间不能晚于当前时间。", "sent_at")
    incident = session.get(Incident, report.incident_id)
    if sent_at < incident.received_at:
        raise ValidationError("报送时间不能早于接报时间。", "sent_at")
    return sent_at


def _deliver(session: Session, report: Report, addressee: ReportRecipient | None, unit: str, level: str,
             person: str, channel: str, sent_at: datetime | None) -> ReportSend:
    """Record one delivery; the first of a non-written report, or the first written one, sends it."""
    actor = session.info.get("actor")
    sent_at = _check_time(session, report, sent_at)
    incident = session.get(Incident, report.incident_id)
    written = report.kind in WRITTEN
    in_writing = channel in WRITTEN_CHANNELS
    row = ReportSend(report_id=report.id, recipient_id=addressee.id if addressee is not None else None,
                     recipient=unit, recipient_level=level, recipient_person=person, channel=channel,
                     in_writing=in_writing, sent_at=sent_at, sent_by=getattr(actor, "operator_id", None),
                     actor_name=getattr(actor, "name", ""), recorded_at=session.info["clock"].now())
    session.add(row)
    first = report.status != "sent" and (in_writing or not written)
    if first:
        report.sent_at, report.status, report.channel = sent_at, "sent", channel
        if written and not report.doc_number:
            year, n = next_doc_number(session, sent_at)
            report.doc_year, report.doc_seq = year, n
            report.doc_number = f"{settings.get(session, 'doc_prefix')}〔{year}〕{n}号"
        report.content_hash = _hash(report)
    session.flush()
    if first and report.kind == "initial":
        met = clocks.satisfy(session, report, tokens_for(report.kind, level, in_writing))
    else:
        met = clocks.meet(session, report.incident_id, tokens_for(report.kind, level, in_writing), sent_at,
                          report.id)
    late = [m.late_minutes for m in met if m.state == clocks.MET_LATE and m.late_minutes]
    if late:
        report.late_minutes = max(late + [report.late_minutes or 0])
    how = label("report_channel", channel)
    role = f"（{ADDRESSING[addressee.addressing]}）" if addressee is not None and written else ""
    verb = "书面报送" if written and in_writing else ("电话报告" if channel == "phone" and written else "报送")
    text = f"{verb}{kind_label(report)}：{how}至{unit}{role}{('（' + person + '）') if person else ''}"
    if late:
        text += f"；迟报 {max(late)} 分钟"
    timeline.record(session, incident, "report", text, {"report_id": report.id, "send_id": row.id}, at=sent_at)
    session.flush()
    return row


def record_send(session: Session, report_id: int, recipient_id: int, channel: str, recipient_person: str = "",
                sent_at: datetime | None = None) -> ReportSend:
    """Record that a written report went to one of its addressees by *channel* at *sent_at*.

    In writing (传真, 政务专网, 当面) only once the 带班领导 approved it and every
    element is filled or marked 暂不掌握; by phone or SMS also as a draft.
    """
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    report = get(session, report_id)
    if report.kind not in WRITTEN:
        raise UserError("该记录不是书面报告。")
    if channel not in catalogue("report_channel"):
        raise ValidationError("请选择报送方式。", "channel")
    addressee = next((r for r in report.recipients if r.id == recipient_id), None)
    if addressee is None:
        raise ValidationError("请选择接收单位。", "recipient")
    if channel in WRITTEN_CHANNELS:
        if report.status != "sent":
            gaps = missing(report)
            if gaps:
                raise ValidationError("以下要素尚未填写（不清楚的请标记“暂不掌握”）：" + "、".join(gaps), "elements")
            if not is_approved(report):
                raise UserError("该书面报告尚未经带班领导审批（或审批后又被修改），不能书面报送。"
                                "请带班领导输入本人 PIN 审批后再报送。")
        if any(s.recipient == addressee.recipient and s.in_writing for s in report.sends):
            raise UserError(f"已向{addressee.recipient}书面报送过该报告。")
    return _deliver(session, report, addressee, addressee.recipient, addressee.recipient_level,
                    recipient_person.strip(), channel, sent_at)


def send_to_all(session: Session, report_id: int, channel: str, sent_at: datetime | None = None) -> list[ReportSend]:
    """Send to every addressee (主送 first) not yet reached in writing."""
    report = get(session, report_id)
    targets = [r.id for r in report.recipients
               if not any(s.recipient == r.recipient and s.in_writing for s in report.sends)]
    if not targets:
        raise UserError("各接收单位均已书面报送。")
    return [record_send(session, report_id, rid, channel, "", sent_at) for rid in targets]


def send(session: Session, report_id: int, channel: str, recipient: str, recipient_level: str = "city",
         recipient_person: str = "", sent_at: datetime | None = None) -> Report:
    """Send a written report to *recipient* (made its 主送 if it is not an addressee yet)."""
    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT)
    report = get(session, report_id)
    if report.status == "sent" and channel in WRITTEN_CHANNELS and any(
            s.recipient == recipient.strip() and s.in_writing for s in report.sends):
        raise UserError("该报告已报送。")
    _check_recipient(channel, recipient, recipient_level)
    addressee = next((r for r in report.recipients if r.recipient == recipient.strip()), None)
    if addressee is None:
        if report.status == "sent":
            raise UserError("已报送的报告不能增加接收单位；如需报送其他单位，请起草续报或补报。")
        if report.approved_hash and channel in WRITTEN_CHANNELS:
            raise UserError(f"“{recipient.strip()}”不在带班领导审批的接收单位中；请先修改接收单位并重新审批。")
        if not report.recipients or report.recipients[0].recipient == settings.get(session, "city_recipient") \
                and report.recipients[0].addressing == "main" and len(report.recipients) == 1:
            rows = [{"addressing": "main", "recipient": recipient, "recipient_level": recipient_level}]
        else:
            rows = [{"addressing": r.addressing, "recipient": r.recipient, "recipient_level": r.recipient_level}
                    for r in report.recipients]
            rows.insert(0, {"addressing": "main", "recipient": recipient, "recipient_level": recipient_level})
        gaps = missing(report)
        if gaps and channel in WRITTEN_CHANNELS:
            raise ValidationError("以下要素尚未填写（不清楚的请标记“暂不掌握”）：" + "、".join(gaps), "elements")
        set_recipients(session, report_id, rows)
        addressee = next(r for r in report.recipients if r.recipient == recipient.strip())
    record_send(session, report_id, addressee.id, channel, recipient_person, sent_at)
    return report


def sends(session: Session, report_id: int) -> list[ReportSend]:
    """Every delivery of a report, in the order they were made."""
    return list(session.scalars(select(ReportSend).where(ReportSend.report_id == report_id)
                                .order_by(ReportSend.sent_at, ReportSend.id)))


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
    _deliver(session, report, None, report.recipient, recipient_level, report.recipient_person, "phone", at)
    return report


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
    _deliver(session, report, None, report.recipient, "leader", "", "phone", at)
    return report


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
    _deliver(session, report, None, report.recipient, "city", "", "system", at)
    return report


def get(session: Session, report_id: int) -> Report:
    """The report, or a UserError if it no longer exists."""
    report = session.get(Report, report_id)
    if report is None:
        raise UserError("该报告已不存在。")
    return report



def for_incident(session: Session, incident_id: int) -> list[Report]:
    """All reports of an incident, oldest first."""
    return list(session.scalars(select(Report).where(Report.incident_id == incident_id).order_by(Report.id)
                                .options(selectinload(Report.recipients), selectinload(Report.sends))))


def document(session: Session, report: Report, exercise: bool = False):
    """The printable form of a written report (see commanddesk.documents)."""
    from ..documents.model import Element, ReportDocument

    all_settings = settings.get_all(session)
    late = f"迟报：超出时限 {report.late_minutes} 分钟" if report.late_minutes else ""
    mains = [r.recipient for r in report.recipients if r.addressing == "main"] or [report.recipient]
    cc = tuple(r.recipient for r in report.recipients if r.addressing == "cc")
    return ReportDocument(
        issuing_unit=all_settings["issuing_unit"], kind_label=kind_label(report), doc_number=report.doc_number,
        title=report.title, recipient="、".join(mains), signer=report.signer, author=report.author_name,
        copy_number=report.copy_number, classification=CLASSIFICATION.get(report.classification, ""),
        duty_officer=duty(report)[0], duty_leader=duty(report)[1],
        urgency=URGENCY.get(report.urgency, ""), cc=cc, printed_on=report.sent_at or report.approved_at,
        issued_at=report.sent_at or session.info["clock"].now(),
        elements=tuple(Element(e["key"], e["label"], e["text"], e["status"]) for e in report.elements),
        changes=tuple(report.changes or ()),
        contact=f"联系人：{report.author_name}  电话：{all_settings['post_phone']}",
        exercise=exercise or bool(session.info.get("drill")), late_note=late)
