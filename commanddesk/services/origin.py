"""Where an incident is, as the point that distances (teams, stock, shelters) are measured to."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import HazardSite, Incident, Jurisdiction


@dataclass(frozen=True)
class Origin:
    """The point distances are measured to, and how it was found."""

    lat: float
    lon: float
    how: str


def incident_origin(session: Session, incident: Incident) -> Origin | None:
    """The incident's coordinates, else its division's centre, else a place named in its text."""
    if incident.lat is not None and incident.lon is not None:
        return Origin(incident.lat, incident.lon, "按事发地点坐标")
    if incident.jurisdiction_code:
        j = session.get(Jurisdiction, incident.jurisdiction_code)
        if j is not None and j.lat is not None:
            return Origin(j.lat, j.lon, f"按所属区划“{j.name}”中心估算")
    text = incident.place_text or ""
    named = [(n, la, lo) for n, la, lo in session.execute(select(Jurisdiction.name, Jurisdiction.lat, Jurisdiction.lon))]
    named += [(n, la, lo) for n, la, lo in session.execute(select(HazardSite.name, HazardSite.lat, HazardSite.lon))]
    hits = [(n, la, lo) for n, la, lo in named if la is not None and len(n) >= 2 and n in text]
    if hits:
        name, lat, lon = max(hits, key=lambda h: len(h[0]))
        return Origin(lat, lon, f"按地名“{name}”估算")
    return None
