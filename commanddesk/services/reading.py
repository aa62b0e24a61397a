"""The message reader's view of the store: the post's own places, and the message kept with a call."""

from __future__ import annotations

import csv
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import HazardSite, Jurisdiction, Organisation
from ..paths import PACKAGE_DATA
from ..reading import PostPlaces, Reader


def post_places(session: Session) -> PostPlaces:
    """The post's divisions, hazard sites and organisations, for the reader."""
    return PostPlaces(
        divisions=[(j.code, j.name, j.level, j.parent_code, j.lat, j.lon) for j in session.scalars(select(Jurisdiction))],
        sites=[(h.name, h.jurisdiction_code, h.lat, h.lon) for h in session.scalars(select(HazardSite))],
        organisations=[(o.name, o.jurisdiction_code, o.kind) for o in session.scalars(select(Organisation))],
    )


def reader_for(session: Session) -> Reader:
    """A reader that knows the post's own places."""
    return Reader(post_places(session))


@cache
def demo_post_places() -> PostPlaces:
    """The demo post's places straight from its data files (tests and benchmarks; no store needed)."""
    def rows(name):
        with open(PACKAGE_DATA / "demo" / name, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    def num(v):
        return float(v) if v else None

    return PostPlaces(
        divisions=[(r["code"], r["name"], r["level"], r["parent_code"] or None, num(r["lat"]), num(r["lon"]))
                   for r in rows("jurisdictions.csv")],
        sites=[(r["name"], r["jurisdiction_code"] or None, num(r["lat"]), num(r["lon"])) for r in rows("hazard_sites.csv")],
        organisations=[(r["name"], r["jurisdiction_code"] or None, r["kind"]) for r in rows("organisations.csv")],
    )
