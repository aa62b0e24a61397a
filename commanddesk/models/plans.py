"""Plan activations on incidents and the tasks they create."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TZDateTime


class PlanActivation(Base):
    """A decision to activate a plan at a response level for an incident."""

    __tablename__ = "plan_activation"
    __label__ = "预案启动"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    plan_id: Mapped[str] = mapped_column(String(60))
    edition: Mapped[str] = mapped_column(String(30))
    plan_title: Mapped[str] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    level: Mapped[int] = mapped_column(Integer)
    decider: Mapped[str] = mapped_column(String(60))  # who decided (name and post)
    grounds: Mapped[str] = mapped_column(Text)
    activated_at: Mapped[datetime] = mapped_column(TZDateTime)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    status: Mapped[str] = mapped_column(String(12), default="active")  # active/terminated
    terminated_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    termination_grounds: Mapped[str] = mapped_column(Text, default="")
    terminated_by: Mapped[str] = mapped_column(String(60), default="")


class PlanTask(Base):
    """A measure of the active level, owned by a working group."""

    __tablename__ = "plan_task"
    __label__ = "预案任务"

    id: Mapped[int] = mapped_column(primary_key=True)
    activation_id: Mapped[int] = mapped_column(ForeignKey("plan_activation.id"), index=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    measure_id: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(100))  # working group name (or reassigned unit)
    level: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    state: Mapped[str] = mapped_column(String(12), default="open")  # open/done/na/removed
    done_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    done_by: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")
