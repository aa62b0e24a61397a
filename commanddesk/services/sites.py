"""Which site this store is (the post, or a command vehicle such as 车1), for numbers people see.

A vehicle's incident, order and ledger document numbers carry its site (车1-0007, 车1-CK20261123-001),
so numbers made apart never collide or mislead after the stores merge (services/sync.py).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import SyncState


def site(session: Session) -> str:
    """This store's site: "" for the post (or a store outside any exchange), e.g. 车1 on a vehicle."""
    if "_site" not in session.info:
        session.info["_site"] = session.scalar(select(SyncState.site)) or ""
    return session.info["_site"]


def prefix(session: Session) -> str:
    """What a number made here starts with: "" at the post, "车1-" on a vehicle."""
    here = site(session)
    return f"{here}-" if here else ""


def number(site_: str, local_id: int) -> str:
    """The number people see for a record: 0007 at the post, 车1-0007 for one a vehicle made."""
    return f"{site_}-{local_id:04d}" if site_ else f"{local_id:04d}"
