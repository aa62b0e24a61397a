"""Operators (who may sign in) and their shifts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TZDateTime, Versioned


class Operator(Versioned, Base):
    """A user account: name, role and a salted slow hash of the PIN."""

    __tablename__ = "operator"
    __label__ = "用户账户"
    __audit_exclude__ = frozenset({"pin_hash"})

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # duty_officer/shift_leader/trainer/admin
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    post: Mapped[str] = mapped_column(String(100), default="")


class Shift(Base):
    """One sign-in of an operator: the span during which their changes are theirs."""

    __tablename__ = "shift"
    __label__ = "值班班次"

    id: Mapped[int] = mapped_column(primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(TZDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    workstation: Mapped[str] = mapped_column(String(100), default="")


class Setting(Base):
    """A post-wide setting (issuing unit, phone, document number prefix, …)."""

    __tablename__ = "setting"
    __label__ = "设置"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class SeatPresence(Base):
    """Who is signed in at which seat: a heartbeat row per seat, stale when not renewed (services/presence.py)."""

    __tablename__ = "seat_presence"
    __label__ = "席位在线"
    __audited__ = False  # a heartbeat every few seconds; sign-ins are in the audit log already
    __notified__ = False  # nor announced to other seats: they re-read presence on their own timer

    seat: Mapped[str] = mapped_column(String(100), primary_key=True)
    operator_name: Mapped[str] = mapped_column(String(40), default="")
    role: Mapped[str] = mapped_column(String(20), default="")
    since: Mapped[datetime] = mapped_column(TZDateTime)
    seen_at: Mapped[datetime] = mapped_column(TZDateTime)
