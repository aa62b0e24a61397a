"""The message reader's view of the store: the post's own places, and the message kept with a call."""

from __future__ import annotations

import csv
from datetime import datetime
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import HazardSite, Jurisdiction, Organisation
from ..paths import PACKAGE_DATA
from ..reading import PostPlaces, Reader, Reading


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
        """The rows of a CSV data file."""
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


def channel_of(text: str) -> str:
    """How the message came, when it says so (110/119 转警, 灾害信息员, 网格员), else 短信."""
    if any(w in text[:40] for w in ("110", "119", "120", "转警")):
        return "police_110_119"
    if "灾害信息员" in text:
        return "info_officer"
    if "网格员" in text:
        return "grid"
    return "sms"


def call_input(reading: Reading, *, received: datetime, stamped: datetime):
    """A call from a reading alone (``intake record``): every suggestion taken as it is.

    The receipt time is *received* (given by the gateway, never read from the
    message); when it differs from *stamped* (the moment of recording) the
    difference is recorded with its reason, as a hand edit in the form is.
    """
    from .incidents import CallInput

    counts = {k: v for k, v in reading.counts.items() if v is not None}
    if reading.direct_loss_yuan is not None:
        counts["direct_loss"] = reading.direct_loss_yuan
    place = reading.place
    suggestions = {key: {"value": _plain(s.value), "words": s.words(reading.text), "span": list(s.span),
                         "filled": True, "final": _plain(s.value), "kept": True}
                   for key, s in reading.fields.items() if s.value is not None}
    edited = abs(received - stamped).total_seconds() >= 1
    return CallInput(
        category=reading.category or "", type=reading.type or "",
        place_text=place.text if place is not None else "",
        received_at=received, stamped_at=stamped,
        receipt_edit_reason="消息网关给出的接报时间（--received）" if edited else "",
        occurred_at=reading.occurred, occurred_precision=reading.occurred_precision if reading.occurred else "unknown",
        jurisdiction_code=place.division_code if place is not None and place.source == "post" else None,
        lat=place.lat if place is not None else None, lon=place.lon if place is not None else None,
        counts=counts, course=reading.text.strip()[:2000], channel=channel_of(reading.text),
        caller_unit=(reading.caller_unit or "")[:100],
        original_message=reading.text, suggestions=suggestions)


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "label"):
        return value.label()
    return value
