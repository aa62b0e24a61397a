"""Place names for completion in the intake form: divisions and hazard sites."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import HazardSite, Jurisdiction


@dataclass(frozen=True)
class Place:
    """A named place with its division and coordinates."""

    text: str
    jurisdiction_code: str | None
    lat: float | None
    lon: float | None
    kind: str  # "division" or "site"


def places(session: Session) -> list[Place]:
    """Every division (with its parent for context) and every hazard site."""
    divisions = {j.code: j for j in session.scalars(select(Jurisdiction))}
    out = []
    for j in divisions.values():
        parent = divisions.get(j.parent_code) if j.parent_code else None
        text = f"{parent.name}{j.name}" if parent is not None and j.level in ("town", "village") else j.name
        out.append(Place(text, j.code, j.lat, j.lon, "division"))
    for h in session.scalars(select(HazardSite)):
        out.append(Place(h.name, h.jurisdiction_code, h.lat, h.lon, "site"))
    return sorted(out, key=lambda p: (p.kind != "site", p.text))
