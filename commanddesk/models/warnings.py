"""Warnings received by the post (预警信息), the CAP messages they came in, and their forwarding."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TZDateTime, Versioned


class HazardWarning(Versioned, Base):
    """One warning in the register; an Update or Cancel message changes this row, not a new one.

    ``state`` is stored as active / updated / lifted; whether an active or updated
    warning has expired is read from ``expires_at`` and the clock's now.
    ``revision`` counts the messages that changed what must be forwarded: each
    revision is a forwarding round with its own clock.
    """

    __tablename__ = "warning"
    __label__ = "预警信息"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(40))  # e.g. 暴雨, 地质灾害气象风险
    colour: Mapped[str] = mapped_column(String(10))  # blue/yellow/orange/red
    issuer: Mapped[str] = mapped_column(String(100))
    areas: Mapped[list] = mapped_column(JSON, default=list)  # GB/T 2260 division codes
    area_desc: Mapped[str] = mapped_column(String(200), default="")
    polygon: Mapped[list] = mapped_column(JSON, default=list)  # [[lat, lon], ...], closed ring, optional
    issued_at: Mapped[datetime] = mapped_column(TZDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    received_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)
    headline: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    instruction: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default="active")  # active/updated/lifted
    lifted_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    source: Mapped[str] = mapped_column(String(10), default="manual")  # manual / cap
    identifier: Mapped[str] = mapped_column(String(120), default="", index=True)  # of the first CAP message
    is_drill: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))

    messages: Mapped[list["WarningMessage"]] = relationship(order_by="WarningMessage.id")
    forwards: Mapped[list["WarningForward"]] = relationship(order_by="WarningForward.id")


class WarningMessage(Base):
    """One CAP message (or hand entry) that created or changed a warning."""

    __tablename__ = "warning_message"
    __label__ = "预警消息"

    id: Mapped[int] = mapped_column(primary_key=True)
    warning_id: Mapped[int] = mapped_column(ForeignKey("warning.id"), index=True)
    msg_type: Mapped[str] = mapped_column(String(10))  # Alert/Update/Cancel
    identifier: Mapped[str] = mapped_column(String(120), default="", index=True)
    sender: Mapped[str] = mapped_column(String(120), default="")
    sent_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    received_at: Mapped[datetime] = mapped_column(TZDateTime)
    references: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(String(200), default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    summary: Mapped[str] = mapped_column(Text, default="")


class WarningForward(Base):
    """That the post passed a warning on: to whom, when, by which channel and who did it."""

    __tablename__ = "warning_forward"
    __label__ = "预警转发记录"

    id: Mapped[int] = mapped_column(primary_key=True)
    warning_id: Mapped[int] = mapped_column(ForeignKey("warning.id"), index=True)
    round: Mapped[int] = mapped_column(Integer, default=1)  # the warning's revision it carried
    recipient: Mapped[str] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(20))
    forwarded_at: Mapped[datetime] = mapped_column(TZDateTime)
    recorded_at: Mapped[datetime] = mapped_column(TZDateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    actor_name: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")
