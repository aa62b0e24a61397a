"""What the post and its command vehicles exchange: site-unique identities, the change log, conflicts.

See docs/sync.md. ``Synced`` gives a record an identity no other site can give (``sync_uid``, a
UUID) and says which site made it (``sync_site``, "" for the post's own records).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TZDateTime


class Synced:
    """Mixin: a record that travels between the post and its vehicles."""

    sync_uid: Mapped[str | None] = mapped_column(String(32), index=True, unique=True)
    sync_site: Mapped[str] = mapped_column(String(20), default="", server_default="")


class SyncState(Base):
    """This store's place in the exchange (one row): its site, its role, the post it belongs to."""

    __tablename__ = "sync_state"
    __label__ = "同步站点"

    id: Mapped[int] = mapped_column(primary_key=True)
    site: Mapped[str] = mapped_column(String(20))  # "" for the post itself, e.g. 车1 for a vehicle
    role: Mapped[str] = mapped_column(String(10))  # post / vehicle
    post_id: Mapped[str] = mapped_column(String(32))  # the post's store id (its signing key's name)
    post_name: Mapped[str] = mapped_column(String(20), default="指挥部")


class SyncPeer(Base):
    """One site this store exchanges packages with, and how far each direction has got."""

    __tablename__ = "sync_peer"
    __label__ = "同步对端"

    site: Mapped[str] = mapped_column(String(20), primary_key=True)
    sent_seq: Mapped[int] = mapped_column(Integer, default=0)  # packages written to it
    sent_change: Mapped[int] = mapped_column(Integer, default=0)  # last change-log id they carried
    received_seq: Mapped[int] = mapped_column(Integer, default=0)  # packages applied from it
    received_hash: Mapped[str] = mapped_column(String(64), default="")
    sent_log: Mapped[dict] = mapped_column(JSON, default=dict)  # package seq → last change id it carried


class SyncChange(Base):
    """One change to a synced record, in order; what an export collects since the last exchange."""

    __tablename__ = "sync_change"
    __audited__ = False  # a by-product of changes the audit log already records
    __label__ = "同步变更"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), index=True)
    uid: Mapped[str] = mapped_column(String(32), index=True)
    op: Mapped[str] = mapped_column(String(10))  # insert / update / delete
    before: Mapped[dict] = mapped_column(JSON, default=dict)  # update: the fields' values before
    origin: Mapped[str] = mapped_column(String(20), default="")  # the site it came from (import), "" local
    at: Mapped[datetime] = mapped_column(TZDateTime)
    actor_name: Mapped[str] = mapped_column(String(40), default="")


class SyncConflict(Base):
    """A change from another site that a person must decide on."""

    __tablename__ = "sync_conflict"
    __label__ = "同步冲突"

    id: Mapped[int] = mapped_column(primary_key=True)
    peer: Mapped[str] = mapped_column(String(20))
    package: Mapped[str] = mapped_column(String(64))  # sha256 of the package it came in
    kind: Mapped[str] = mapped_column(String(12))  # field / delete / edit_deleted / stock
    entity: Mapped[str] = mapped_column(String(40))
    uid: Mapped[str] = mapped_column(String(32))
    field: Mapped[str] = mapped_column(String(40), default="")
    here: Mapped[dict] = mapped_column(JSON, default=dict)  # {"value", "who", "at"}
    there: Mapped[dict] = mapped_column(JSON, default=dict)  # {"value", "who", "at"} (+ "row" for inserts)
    status: Mapped[str] = mapped_column(String(10), default="open")  # open / here / there
    reason: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(TZDateTime)
    resolved_by: Mapped[str] = mapped_column(String(40), default="")
