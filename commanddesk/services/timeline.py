"""An incident's timeline: every service that changes an incident writes one line here, with who and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from ..models import Incident, TimelineEvent


def record(session: Session, incident: Incident, kind: str, summary: str, data: dict | None = None,
           at: datetime | None = None) -> None:
    """Add one timeline line to *incident*: *kind*, a sentence, optional data; by the signed-in actor, now."""
    actor = session.info.get("actor")
    session.add(TimelineEvent(
        incident=incident, at=at or session.info["clock"].now(), kind=kind, summary=summary,
        actor_id=getattr(actor, "operator_id", None), actor_name=getattr(actor, "name", "系统"),
        data=data or {}))
