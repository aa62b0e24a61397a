"""Leaders' instructions (领导批示): record, track to done with the feedback given, overdue feedback. No Qt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError, ValidationError
from ..models import Incident, Instruction
from .sites import incident_heading

CHANNELS = ("电话", "书面", "当面", "短信", "视频会议", "其他")


@dataclass(frozen=True)
class InstructionView:
    """One instruction as the duty page and the handover list it."""

    id: int
    leader: str
    given_at: datetime
    channel: str
    text: str
    incident_id: int | None
    incident_title: str
    assignee: str
    due_at: datetime | None
    done_at: datetime | None
    feedback: str
    incident_number: str = ""  # the number people see: #7, or 车1-0007 on a vehicle's own

    def overdue(self, now: datetime) -> bool:
        """Feedback is due and not given."""
        return self.done_at is None and self.due_at is not None and now > self.due_at


def _actor_name(session: Session) -> str:
    actor = session.info.get("actor")
    return actor.name if actor is not None else ""


def record(session: Session, leader: str, text: str, *, given_at: datetime | None = None, channel: str = "电话",
           incident_id: int | None = None, assignee: str = "", due_at: datetime | None = None) -> Instruction:
    """Record an instruction (against an incident or none); *given_at* defaults to the clock's now."""
    leader, text = leader.strip(), text.strip()
    if not leader:
        raise ValidationError("请填写作出批示的领导。", "leader")
    if not text:
        raise ValidationError("请填写批示内容。", "text")
    if channel not in CHANNELS:
        raise ValidationError(f"未知的接收方式：{channel}。", "channel")
    now = session.info["clock"].now()
    given_at = given_at or now
    if given_at > now:
        raise ValidationError("批示时间不能晚于现在。", "given_at")
    if due_at is not None and due_at <= given_at:
        raise ValidationError("反馈时限须晚于批示时间。", "due_at")
    if incident_id is not None and session.get(Incident, incident_id) is None:
        raise ValidationError(f"没有编号为 #{incident_id} 的事件。", "incident_id")
    row = Instruction(leader=leader[:60], given_at=given_at, channel=channel, text=text, incident_id=incident_id,
                      assignee=assignee.strip()[:100], due_at=due_at, feedback="",
                      recorded_by=_actor_name(session))
    session.add(row)
    session.flush()
    return row


def complete(session: Session, instruction_id: int, feedback: str, done_at: datetime | None = None) -> Instruction:
    """Mark an instruction carried out, with how (the feedback given to the leader)."""
    row = session.get(Instruction, instruction_id)
    if row is None:
        raise UserError(f"没有编号为 {instruction_id} 的批示。")
    if row.done_at is not None:
        raise UserError("这条批示已落实，不能再次办结。")
    feedback = feedback.strip()
    if not feedback:
        raise ValidationError("请填写落实情况（向领导反馈的内容）。", "feedback")
    now = session.info["clock"].now()
    done_at = done_at or now
    if done_at > now or done_at < row.given_at:
        raise ValidationError("落实时间须在批示时间与现在之间。", "done_at")
    row.done_at, row.feedback = done_at, feedback
    session.flush()
    return row


def _views(session: Session, stmt) -> list[InstructionView]:
    rows = session.execute(stmt.outerjoin(Incident, Incident.id == Instruction.incident_id)
                           .add_columns(Incident.title, Incident.sync_site, Incident.site_number)).all()
    return [InstructionView(r.id, r.leader, r.given_at, r.channel, r.text, r.incident_id, title or "", r.assignee,
                            r.due_at, r.done_at, r.feedback,
                            incident_heading(site_, n, r.incident_id) if r.incident_id else "")
            for r, title, site_, n in rows]


def open_(session: Session) -> list[InstructionView]:
    """Instructions not yet carried out, the one with the earliest feedback due first."""
    return _views(session, select(Instruction).where(Instruction.done_at.is_(None))
                  .order_by(Instruction.due_at.is_(None), Instruction.due_at, Instruction.given_at))


def between(session: Session, start: datetime, end: datetime) -> list[InstructionView]:
    """Instructions given in [start, end), oldest first."""
    return _views(session, select(Instruction).where(Instruction.given_at >= start, Instruction.given_at < end)
                  .order_by(Instruction.given_at, Instruction.id))


def overdue(session: Session, now: datetime | None = None) -> list[InstructionView]:
    """Open instructions whose feedback is past due (a deadline like any clock)."""
    now = now or session.info["clock"].now()
    return [v for v in open_(session) if v.overdue(now)]


def clock_views(session: Session, drills: bool = False) -> list:
    """Open instructions with a feedback due time, as ClockView rows for the clock strip.

    Their ids are negative (minus the instruction's id) so they never meet a clock's id; a drill workspace
    shows none (instructions are real duty records).
    """
    from .clocks import ClockView

    if drills:
        return []
    rows = session.execute(select(Instruction, Incident.title).outerjoin(Incident, Incident.id == Instruction.incident_id)
                           .where(Instruction.done_at.is_(None), Instruction.due_at.is_not(None))).all()
    return [ClockView(-r.id, r.incident_id, title or f"领导批示：{r.leader}", f"批示反馈（{r.leader}）", r.leader,
                      r.due_at, r.due_at - timedelta(minutes=5)) for r, title in rows]
