"""Zones drawn on the map: 警戒区、疏散区、管控区 (audited like every other row)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TZDateTime


class MapZone(Base):
    """One named zone: a polygon (WGS-84 ring as JSON [[lat, lon], …]) or a circle (centre and radius)."""

    __tablename__ = "map_zone"
    __label__ = "地图区域"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # cordon / evacuation / control
    name: Mapped[str] = mapped_column(String(100))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"), index=True)
    shape: Mapped[str] = mapped_column(String(10))  # polygon / circle
    points: Mapped[str] = mapped_column(Text, default="")  # polygon ring, JSON [[lat, lon], …]
    lat: Mapped[float | None] = mapped_column(Float)  # circle centre
    lon: Mapped[float | None] = mapped_column(Float)
    radius_m: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(TZDateTime)
    actor_name: Mapped[str] = mapped_column(String(40), default="")
