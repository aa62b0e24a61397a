"""Incidents and their append-only timelines (filled in by the intake work)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TZDateTime, Versioned


class Incident(Versioned, Base):
    """One emergency. Clocks start at ``received_at`` (接报时间)."""

    __tablename__ = "incident"
    __label__ = "事件"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(20))  # natural/accident/health/social
    type: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(20), default="received")
    level: Mapped[str | None] = mapped_column(String(10))  # I/II/III/IV, confirmed grade
    received_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)
    occurred_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    place_text: Mapped[str] = mapped_column(String(200), default="")
    jurisdiction_code: Mapped[str | None] = mapped_column(ForeignKey("jurisdiction.code"))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    summary: Mapped[str] = mapped_column(Text, default="")
    is_drill: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))

    events: Mapped[list["TimelineEvent"]] = relationship(
        back_populates="incident", order_by="TimelineEvent.at"
    )


class TimelineEvent(Base):
    """One entry on an incident's timeline; corrections are new entries."""

    __tablename__ = "timeline_event"
    __label__ = "事件时间线"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id"), index=True)
    at: Mapped[datetime] = mapped_column(TZDateTime)
    kind: Mapped[str] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("timeline_event.id"))
    seq: Mapped[int] = mapped_column(Integer, default=0)

    incident: Mapped[Incident] = relationship(back_populates="events")
