"""The append-only, hash-chained audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TZDateTime


class AuditEntry(Base):
    """One change: who, when, what, before and after, chained by hash."""

    __tablename__ = "audit_log"
    __audited__ = False
    __label__ = "审计日志"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(TZDateTime)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(20))  # insert/update/delete/sign_in/...
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    before: Mapped[str] = mapped_column(Text, default="")  # canonical JSON
    after: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64), default="", server_default="")  # the row after the change
    mac: Mapped[str] = mapped_column(String(64), default="", server_default="")  # HMAC of hash, keyed


class AuditSeal(Base):
    """The store's identity: names the key file that signs its audit chain."""

    __tablename__ = "audit_seal"
    __audited__ = False
    __label__ = "审计密钥标识"

    store_id: Mapped[str] = mapped_column(String(32), primary_key=True)
