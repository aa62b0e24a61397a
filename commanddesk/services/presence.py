"""Who is signed in at which seat of a command centre (one row per seat, renewed by a heartbeat).

A seat renews its row every ``BEAT_SECONDS`` while someone is signed in
there (``beat``) and removes it on sign-out or closing (``leave``). A seat
that stops renewing — its machine switched off, the app killed, the network
gone — is shown as out of touch once its row is ``STALE_SECONDS`` old, and
dropped from the list after a day. The seat's name is the workstation's
(``COMMANDDESK_SEAT`` when set, so two seats on one machine are told apart).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..models import SeatPresence
from .auth import ROLE_LABELS, Actor, Role

BEAT_SECONDS = 15
STALE_SECONDS = 45  # three beats missed
FORGET = timedelta(days=1)


def seat_name() -> str:
    """This seat's name: COMMANDDESK_SEAT, else the machine's host name."""
    return (os.environ.get("COMMANDDESK_SEAT") or socket.gethostname() or "本机")[:100]


@dataclass(frozen=True)
class Seat:
    """A seat signed in to the store: its name, the operator, their role and since when."""
    seat: str
    name: str
    role_label: str
    since: datetime
    seen_at: datetime
    stale: bool  # not heard from for STALE_SECONDS


def beat(session: Session, seat: str, actor: Actor, now: datetime) -> None:
    """This seat is alive with *actor* signed in (a new person at the seat starts a new *since*)."""
    row = session.get(SeatPresence, seat)
    if row is None:
        session.add(SeatPresence(seat=seat, operator_name=actor.name, role=str(actor.role.value),
                                 since=now, seen_at=now))
    else:
        if row.operator_name != actor.name:
            row.operator_name, row.role, row.since = actor.name, str(actor.role.value), now
        row.seen_at = now
    session.execute(delete(SeatPresence).where(SeatPresence.seen_at < now - FORGET))


def leave(session: Session, seat: str) -> None:
    """Nobody is signed in at *seat* any more."""
    session.execute(delete(SeatPresence).where(SeatPresence.seat == seat))


def seats(session: Session, now: datetime, stale_seconds: int = STALE_SECONDS) -> list[Seat]:
    """Every seat heard from in the last day, live ones first, each by seat name."""
    out = []
    for row in session.scalars(select(SeatPresence).where(SeatPresence.seen_at >= now - FORGET)):
        try:
            role = ROLE_LABELS[Role(row.role)]
        except ValueError:
            role = row.role
        out.append(Seat(row.seat, row.operator_name, role, row.since, row.seen_at,
                        (now - row.seen_at).total_seconds() > stale_seconds))
    return sorted(out, key=lambda s: (s.stale, s.seat))


def renew(store, seat: str, actor: Actor) -> bool:
    """Beat for *seat* in its own transaction; False (nothing done) when the server cannot be reached."""
    from sqlalchemy.exc import DBAPIError

    from ..errors import StoreError

    try:
        with store.transaction() as s:
            beat(s, seat, actor, store.clock.now())
    except (DBAPIError, StoreError):  # OperationalError is a DBAPIError
        return False
    return True


def sign_off(store, seat: str) -> bool:
    """Remove *seat*'s row in its own transaction; False when the server cannot be reached (it goes stale)."""
    from sqlalchemy.exc import DBAPIError

    from ..errors import StoreError

    try:
        with store.transaction() as s:
            leave(s, seat)
    except (DBAPIError, StoreError):
        return False
    return True
