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


def incident_number(sync_site: str, site_number: int | None, local_id: int) -> str:
    """The incident number people see: 7 for the post's (its id, as always), 车1-0007 for a vehicle's.

    A vehicle numbers its incidents in a sequence of its own; the post's incidents keep the post's
    number on a vehicle too (``site_number``), so both stores show one number for one incident.
    """
    if sync_site:
        return number(sync_site, site_number or local_id)
    return str(site_number or local_id)


def incident_heading(sync_site: str, site_number: int | None, local_id: int) -> str:
    """The number as a heading shows it: #7 for the post's, 车1-0007 for a vehicle's."""
    text = incident_number(sync_site, site_number, local_id)
    return text if sync_site else f"#{text}"


def parse_incident_number(text: str) -> tuple[str, int] | None:
    """("车1", 7) from 车1-0007 (or 车1-7), ("", 7) from 7 or #7; None when it is not a number."""
    text = text.strip().lstrip("#")
    site_, _, tail = text.rpartition("-")
    if tail.isdigit() and (not site_ or "/" not in site_):
        return site_, int(tail)
    return None
