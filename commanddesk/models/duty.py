"""The duty room's routine: the roster (值班表), marked periods, handovers (交接班) and leaders' instructions (领导批示)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TZDateTime, Versioned


class RosterShift(Versioned, Base):
    """One planned shift of one Beijing day: slot 0 is the first shift of the day (e.g. 08:30–17:30)."""

    __tablename__ = "roster_shift"
    __label__ = "值班表班次"
    __table_args__ = (UniqueConstraint("day", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    slot: Mapped[int] = mapped_column(Integer, default=0)
    starts_at: Mapped[datetime] = mapped_column(TZDateTime)
    ends_at: Mapped[datetime] = mapped_column(TZDateTime)
    leader: Mapped[str] = mapped_column(String(100), default="")  # 带班领导
    officer: Mapped[str] = mapped_column(String(100), default="")  # 值班员 (several: 、-separated)
    backup: Mapped[str] = mapped_column(String(100), default="")  # 备勤
    note: Mapped[str] = mapped_column(String(200), default="")


class DutyPeriod(Base):
    """A holiday or sensitive period (法定节假日、重要会议、重大活动), by Beijing date range."""

    __tablename__ = "duty_period"
    __label__ = "节假日与敏感时段"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # holiday / sensitive
    name: Mapped[str] = mapped_column(String(100))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)


class Handover(Base):
    """One shift change: what was handed over (assembled from the services), checks, notes, both signatures.

    Once the incoming officer has signed, the record is never changed; a correction is a new record
    that names the one it corrects.
    """

    __tablename__ = "handover"
    __label__ = "交接班记录"

    id: Mapped[int] = mapped_column(primary_key=True)
    assembled_at: Mapped[datetime] = mapped_column(TZDateTime)
    shift_starts_at: Mapped[datetime | None] = mapped_column(TZDateTime)  # the incoming shift
    outgoing: Mapped[str] = mapped_column(String(40))
    incoming: Mapped[str] = mapped_column(String(40), default="")
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    checklist: Mapped[list] = mapped_column(JSON, default=list)  # [{"item", "ok", "note"}]
    notes: Mapped[str] = mapped_column(Text, default="")
    outgoing_signed_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    incoming_signed_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("handover.id"))


class Instruction(Versioned, Base):
    """A leader's instruction (领导批示): who gave it, when and how, the text, who must act, the feedback."""

    __tablename__ = "instruction"
    __label__ = "领导批示"

    id: Mapped[int] = mapped_column(primary_key=True)
    leader: Mapped[str] = mapped_column(String(60))
    given_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)
    channel: Mapped[str] = mapped_column(String(20), default="")  # 电话、书面、当面、短信 …
    text: Mapped[str] = mapped_column(Text)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"), index=True)
    assignee: Mapped[str] = mapped_column(String(100), default="")
    due_at: Mapped[datetime | None] = mapped_column(TZDateTime)  # feedback due
    done_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    feedback: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(40), default="")


class ZeroReport(Versioned, Base):
    """One unit's 零报告 for one Beijing day: reported (有情况 / 无情况, when, by whom) or still awaited, and the chases.

    A row exists once the unit reported or was chased; a unit with no row has simply not reported yet.
    """

    __tablename__ = "zero_report"
    __label__ = "下级零报告"
    __table_args__ = (UniqueConstraint("day", "unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    unit: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(10), default="")  # "" awaited, "nothing" 无情况, "situation" 有情况
    reported_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    reporter: Mapped[str] = mapped_column(String(60), default="")  # who reported, at the unit
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(40), default="")
    chases: Mapped[list] = mapped_column(JSON, default=list)  # [{"at": iso, "by": operator}]


class OpinionItem(Base):
    """A public-opinion item (舆情): where and when it was seen, what it says, how hot, the response taken."""

    __tablename__ = "opinion_item"
    __label__ = "舆情"

    id: Mapped[int] = mapped_column(primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)
    source: Mapped[str] = mapped_column(String(60))  # 微博、抖音、本地论坛、12345 …
    link: Mapped[str] = mapped_column(String(500), default="")
    text: Mapped[str] = mapped_column(Text)
    heat: Mapped[str] = mapped_column(String(4), default="低")  # 低 / 中 / 高
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"), index=True)
    response: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(40), default="")
