"""What the map keeps of its own: zones (警戒区、疏散区、管控区) and teams' reported positions (audited)."""

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


class TeamTrackPoint(Base):
    """One reported position of a team with its time: typed by the officer or read from a GPX/CSV track."""

    __tablename__ = "team_track_point"
    __label__ = "队伍轨迹点"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("rescue_team.id"), index=True)
    at: Mapped[datetime] = mapped_column(TZDateTime, index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(20), default="typed")  # typed / gpx / csv
    note: Mapped[str] = mapped_column(String(200), default="")
