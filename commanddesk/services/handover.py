"""Shift handover (交接班): the record assembled from the services, both signatures, immutable once signed. No Qt.

``assemble`` reads what the incoming shift must take over: open incidents and their state, running and
overdue clocks, reports drafted but not sent, open plan tasks, leaders' instructions not carried out and
materials issued to open incidents and not yet returned or consumed. ``draft`` stores it with the
equipment checklist; the outgoing officer signs with their PIN, then the incoming officer with theirs.
After the second signature the record never changes; a correction is a new record naming it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import format_beijing
from ..errors import PermissionDenied, UserError, ValidationError
from ..models import Handover, Operator, PlanActivation, PlanTask
from ..paths import PACKAGE_DATA
from . import accounts, audit, clocks, deadlines, instructions, overview, roster, settings

CHECKLIST_FILE = PACKAGE_DATA / "handover_checklist.txt"
STATUS_LABELS = {"received": "已接报", "graded": "已定级", "responding": "处置中", "stable": "已稳定"}
LATE_HANDOVER_MINUTES = 60  # an officer of the last shift drafting this long after the change still hands it over
CLOCK_STATE = {"pending": "计时中", "due_soon": "即将到时", "overdue": "已超时"}


def checklist_items(session: Session) -> list[str]:
    """The equipment to check at each handover: the setting ``handover_checklist`` (one per line) or the data file."""
    text = settings.get(session, "handover_checklist") or CHECKLIST_FILE.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def assemble(session: Session) -> dict:
    """What the handover record lists now (plain data, Beijing times as text)."""
    now = session.info["clock"].now()
    drills = bool(session.info.get("drill"))
    board = overview.duty_board(session, drills=drills)
    from ..models import Incident

    status = {i.id: i.status for i in session.scalars(select(Incident).where(Incident.id.in_([b.id for b in board])))}
    incidents = [{"id": b.id, "number": b.number or f"#{b.id}", "title": b.title, "type": b.type_label,
                  "grade": b.grade_label,
                  "status": STATUS_LABELS.get(status.get(b.id, ""), status.get(b.id, "")),
                  "received_at": format_beijing(b.received_at, seconds=False)} for b in board]
    strip = clocks.strip(deadlines.running(session, drills), now)
    clock_rows = [{"incident_id": it.view.incident_id, "incident": it.view.incident_title, "name": it.view.name,
                   "recipient": it.view.recipient, "due_at": format_beijing(it.view.due_at, seconds=False),
                   "state": CLOCK_STATE[it.state], "overdue": it.state == "overdue"} for it in strip]
    drafts = [{"incident_id": b.id, "incident": b.title, "report": d} for b in board for d in b.drafts]
    ids = [b.id for b in board]
    titles = {b.id: b.title for b in board}
    tasks = [{"incident_id": t.incident_id, "incident": titles.get(t.incident_id, ""), "task": t.text,
              "owner": getattr(t, "owner", "") or "", "due_at": format_beijing(t.due_at, seconds=False)}
             for t in session.scalars(
                 select(PlanTask).join(PlanActivation, PlanActivation.id == PlanTask.activation_id)
                 .where(PlanTask.incident_id.in_(ids), PlanTask.state == "open", PlanActivation.status == "active")
                 .order_by(PlanTask.due_at, PlanTask.id))]
    open_instr = [{"id": v.id, "leader": v.leader, "given_at": format_beijing(v.given_at, seconds=False),
                   "text": v.text, "incident": v.incident_title, "assignee": v.assignee,
                   "due_at": format_beijing(v.due_at, seconds=False), "overdue": v.overdue(now)}
                  for v in instructions.open_(session)]
    materials = []
    for b in board:
        for item in overview.incident_materials(session, b.id).items:
            if item.outstanding > 0:
                materials.append({"incident_id": b.id, "incident": b.title, "item": item.item,
                                  "outstanding": item.outstanding, "unit": item.unit})
    shift = roster.now(session)
    actor = session.info.get("actor")
    if actor is not None and now - shift.starts_at < timedelta(minutes=LATE_HANDOVER_MINUTES):
        before = roster.shift_at(session, shift.starts_at - timedelta(minutes=1))
        if roster.on_roster(before, actor.name) and not roster.on_roster(shift, actor.name):
            shift = before  # handing over a little after the change: still the shift that is ending
    nxt = roster.following(session, shift)
    return {"assembled_at": format_beijing(now, seconds=False),
            "shift": {"day": shift.day.isoformat(), "label": shift.label, "times": shift.times_text,
                      "leader": shift.leader, "officer": shift.officer},
            "next_shift": {"day": nxt.day.isoformat(), "label": nxt.label, "times": nxt.times_text,
                           "leader": nxt.leader, "officer": nxt.officer, "starts_at": nxt.starts_at.isoformat()},
            "incidents": incidents, "clocks": clock_rows, "drafts": drafts, "tasks": tasks,
            "instructions": open_instr, "materials": materials}


def _actor(session: Session):
    actor = session.info.get("actor")
    if actor is None:
        raise PermissionDenied("请先签到上岗，再交班。")
    return actor


def _operator(session: Session, name: str, pin: str) -> Operator:
    """The account of *name* if *pin* is theirs; a wrong PIN counts towards the sign-in lock like any other."""
    name = name.strip()
    until = accounts.locked_until(session, name)
    if until is not None:
        raise PermissionDenied(f"{name} 连续输错 PIN 次数过多，账户已锁定至 {format_beijing(until, seconds=False)}。")
    op = session.scalar(select(Operator).where(Operator.name == name))
    if op is None or not op.active or not accounts.check_pin(pin, op.pin_hash):
        accounts.refuse(session, name, None, f"{name or '（未填姓名）'} 的 PIN 不正确，或账户已停用。")
    return op


def draft(session: Session, notes: str = "") -> Handover:
    """Assemble and store an unsigned record for the signed-in (outgoing) officer."""
    actor = _actor(session)
    content = assemble(session)
    row = Handover(assembled_at=session.info["clock"].now(), outgoing=actor.name, incoming="",
                   shift_starts_at=datetime.fromisoformat(content["next_shift"]["starts_at"]),
                   content=content, checklist=[{"item": i, "ok": None, "note": ""} for i in checklist_items(session)],
                   notes=notes.strip())
    session.add(row)
    session.flush()
    return row


def _get(session: Session, handover_id: int) -> Handover:
    row = session.get(Handover, handover_id)
    if row is None:
        raise UserError(f"没有编号为 {handover_id} 的交接班记录。")
    return row


def _open(session: Session, handover_id: int) -> Handover:
    row = _get(session, handover_id)
    if row.incoming_signed_at is not None:
        raise UserError("交接班记录已由双方签字，不能修改；如需更正请新建更正记录。")
    return row


def update(session: Session, handover_id: int, checklist: list[dict] | None = None, notes: str | None = None) -> Handover:
    """Record the equipment checks (ok True/False, note) and the free notes, before signing."""
    row = _open(session, handover_id)
    if row.outgoing_signed_at is not None:
        raise UserError("交班人已签字，内容不能再改。")
    if checklist is not None:
        known = {c["item"] for c in row.checklist}
        for c in checklist:
            if c.get("item") not in known:
                raise ValidationError(f"清单中没有“{c.get('item')}”。", "checklist")
            if c.get("ok") is False and not str(c.get("note", "")).strip():
                raise ValidationError(f"“{c['item']}”检查不正常，请写明情况。", "checklist")
        row.checklist = [{"item": c["item"], "ok": c.get("ok"), "note": str(c.get("note", "")).strip()}
                         for c in checklist]
    if notes is not None:
        row.notes = notes.strip()
    session.flush()
    return row


def sign_outgoing(session: Session, handover_id: int, pin: str) -> Handover:
    """The outgoing officer (the one who drafted it) signs with their PIN; every check must be answered."""
    row = _open(session, handover_id)
    if row.outgoing_signed_at is not None:
        raise UserError("交班人已签字。")
    unchecked = [c["item"] for c in row.checklist if c.get("ok") is None]
    if unchecked:
        raise ValidationError(f"还有 {len(unchecked)} 项装备未检查：{'、'.join(unchecked[:3])}…"
                              if len(unchecked) > 3 else f"还有装备未检查：{'、'.join(unchecked)}。", "checklist")
    _operator(session, row.outgoing, pin)
    row.outgoing_signed_at = session.info["clock"].now()
    session.flush()
    return row


def sign_incoming(session: Session, handover_id: int, name: str, pin: str) -> Handover:
    """The incoming officer signs with their own PIN; from then on the record is fixed."""
    row = _open(session, handover_id)
    if row.outgoing_signed_at is None:
        raise UserError("交班人尚未签字，接班人不能先签。")
    if name.strip() == row.outgoing:
        raise ValidationError("接班人不能与交班人是同一人。", "incoming")
    op = _operator(session, name, pin)
    row.incoming, row.incoming_signed_at = op.name, session.info["clock"].now()
    session.flush()
    return row


def correct(session: Session, handover_id: int, notes: str) -> Handover:
    """A correction to a signed record: a new record naming it, with the same content and the correction as notes."""
    old = _get(session, handover_id)
    if old.incoming_signed_at is None:
        raise UserError("未签字的记录可以直接修改，无需更正。")
    if not notes.strip():
        raise ValidationError("请写明更正内容。", "notes")
    actor = _actor(session)
    row = Handover(assembled_at=session.info["clock"].now(), outgoing=actor.name, incoming="",
                   shift_starts_at=old.shift_starts_at, content=old.content, checklist=old.checklist,
                   notes=f"更正第 {old.id} 号交接班记录：{notes.strip()}", corrects_id=old.id)
    session.add(row)
    session.flush()
    return row


def latest_signed(session: Session) -> Handover | None:
    """The newest record both officers signed."""
    return session.scalar(select(Handover).where(Handover.incoming_signed_at.is_not(None))
                          .order_by(Handover.incoming_signed_at.desc(), Handover.id.desc()))


def pending(session: Session) -> Handover | None:
    """The newest record still waiting for a signature."""
    return session.scalar(select(Handover).where(Handover.incoming_signed_at.is_(None))
                          .order_by(Handover.id.desc()))


def between(session: Session, start: datetime, end: datetime) -> list[Handover]:
    """Records signed by both in [start, end)."""
    return list(session.scalars(select(Handover).where(Handover.incoming_signed_at >= start,
                                                       Handover.incoming_signed_at < end).order_by(Handover.id)))


def _cell(item: dict, key: str):
    """A value of a stored summary; records kept before incidents carried their shown number give #id."""
    if key == "number" and "number" not in item:
        return f"#{item.get('id')}"
    return item.get(key)


SECTIONS = (
    ("incidents", "一、在办事件", (("number", "编号"), ("title", "事件"), ("grade", "等级"), ("status", "状态"),
                                 ("received_at", "接报时间"))),
    ("clocks", "二、正在计时与已超时的时限", (("incident", "事件"), ("name", "时限"), ("recipient", "报送对象"),
                                          ("due_at", "截止"), ("state", "状态"))),
    ("drafts", "三、已起草未报送的报告", (("incident", "事件"), ("report", "报告"))),
    ("tasks", "四、未完成的预案任务", (("incident", "事件"), ("task", "任务"), ("due_at", "时限"))),
    ("instructions", "五、未落实的领导批示", (("leader", "领导"), ("given_at", "批示时间"), ("text", "内容"),
                                         ("assignee", "承办"), ("due_at", "反馈时限"))),
    ("materials", "六、已调用未归还或核销的物资", (("incident", "事件"), ("item", "物资"), ("outstanding", "数量"),
                                             ("unit", "单位"))),
)


def html(row: Handover, unit: str = "") -> str:
    """The record as printable HTML (A4), for the PDF writer."""
    c = row.content
    e = lambda v: escape(str(v if v is not None else ""))  # noqa: E731
    parts = [f"<h2 style='text-align:center'>{e(unit)}交接班记录</h2>",
             f"<p>第 {row.id} 号 · 汇总时间 {e(c.get('assembled_at'))} · 本班 {e(c['shift']['day'])} "
             f"{e(c['shift']['label'])} {e(c['shift']['times'])} · 交班人 {e(row.outgoing)} · 接班人 {e(row.incoming) or '（未签）'}</p>"]
    if row.corrects_id:
        parts.append(f"<p><b>本记录更正第 {row.corrects_id} 号记录。</b></p>")
    for key, title, cols in SECTIONS:
        items = c.get(key, [])
        parts.append(f"<h3>{title}（{len(items)}）</h3>")
        if not items:
            parts.append("<p>无。</p>")
            continue
        head = "".join(f"<th>{t}</th>" for _k, t in cols)
        body = "".join("<tr>" + "".join(f"<td>{e(_cell(it, k))}</td>" for k, _t in cols) + "</tr>" for it in items)
        parts.append(f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{head}</tr>{body}</table>")
    parts.append("<h3>七、装备检查</h3><table border='1' cellspacing='0' cellpadding='3' width='100%'>"
                 "<tr><th>装备</th><th>情况</th><th>说明</th></tr>" + "".join(
                     f"<tr><td>{e(x['item'])}</td><td>{'正常' if x['ok'] else ('异常' if x['ok'] is False else '未检查')}"
                     f"</td><td>{e(x.get('note'))}</td></tr>" for x in row.checklist) + "</table>")
    parts.append(f"<h3>八、其他交接事项</h3><p>{e(row.notes) or '无。'}</p>")
    parts.append(f"<p>交班人签字：{e(row.outgoing)} {format_beijing(row.outgoing_signed_at, seconds=False)}"
                 f"　　接班人签字：{e(row.incoming)} {format_beijing(row.incoming_signed_at, seconds=False)}</p>")
    return "".join(parts)


def recent(session: Session, limit: int = 60) -> list[Handover]:
    """The newest records first (signed or not)."""
    return list(session.scalars(select(Handover).order_by(Handover.id.desc()).limit(limit)))


def get(session: Session, handover_id: int) -> Handover:
    """One record (UserError if there is none)."""
    return _get(session, handover_id)


def state_label(row: Handover) -> str:
    """待交班人签字 / 待接班人签字 / 已交接."""
    if row.incoming_signed_at is not None:
        return "已交接"
    return "待接班人签字" if row.outgoing_signed_at is not None else "待交班人签字"


def awaiting(session: Session, name: str) -> Handover | None:
    """The newest record the outgoing officer has signed and nobody has taken over, unless *name* handed it over."""
    row = session.scalar(select(Handover).where(Handover.outgoing_signed_at.is_not(None),
                                                Handover.incoming_signed_at.is_(None))
                         .order_by(Handover.id.desc()))
    return row if row is not None and row.outgoing != name.strip() else None


def skip(session: Session, handover_id: int, name: str, reason: str) -> None:
    """Sign in without taking over a record waiting for the incoming signature: the reason is audited."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("不签收交接班记录须说明原因（如 交班人未到、临时替班）。", "reason")
    _get(session, handover_id)
    audit.record(session, "handover_skipped", "handover", str(handover_id), None, {"name": name, "reason": reason})
