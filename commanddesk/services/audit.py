"""Audit trail: every change to an audited table is appended, hash-chained.

Rows are written from SQLAlchemy's ``after_flush`` hook in the same
transaction as the change itself, so a change and its audit entry commit or
vanish together. Each entry's hash covers its content and the previous hash;
``verify`` walks the chain and reports the first entry that does not fit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from ..clock import SystemClock
from ..models import AuditEntry, Base

GENESIS = "0" * 64
_TABLE = AuditEntry.__table__


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def canonical(data: dict[str, Any] | None) -> str:
    """Serialise a dict the same way every time (sorted keys, no spaces)."""
    if not data:
        return ""
    return json.dumps({k: _plain(v) for k, v in data.items()}, ensure_ascii=False,
                      sort_keys=True, separators=(",", ":"))


def entry_hash(prev_hash: str, at: datetime, actor_id: int | None, actor_name: str,
               action: str, entity: str, entity_id: str, before: str, after: str) -> str:
    """Hash of one entry's content chained to the previous entry's hash."""
    payload = json.dumps(
        [prev_hash, at.isoformat(), actor_id, actor_name, action, entity, entity_id, before, after],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _columns(obj: Base) -> list[str]:
    exclude = getattr(type(obj), "__audit_exclude__", frozenset())
    return [a.key for a in inspect(obj).mapper.column_attrs if a.key not in exclude]


def _snapshot(obj: Base, keys: list[str]) -> dict[str, Any]:
    return {k: getattr(obj, k) for k in keys}


def _changes(obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before, after = {}, {}
    for key in _columns(obj):
        hist = state.attrs[key].history
        if hist.has_changes():
            before[key] = hist.deleted[0] if hist.deleted else None
            after[key] = hist.added[0] if hist.added else None
    return before, after


def _identity(obj: Base) -> str:
    ident = inspect(obj).identity or inspect(obj).mapper.primary_key_from_instance(obj)
    return "/".join(str(v) for v in ident)


def append(conn: Connection, session_info: dict, records: list[tuple[str, str, str, dict | None, dict | None]]) -> None:
    """Append (action, entity, entity_id, before, after) records to the chain."""
    if not records:
        return
    clock = session_info.get("clock") or SystemClock()
    actor = session_info.get("actor")
    actor_id = getattr(actor, "operator_id", None)
    actor_name = getattr(actor, "name", "系统")
    at = clock.now()
    prev = conn.execute(select(_TABLE.c.hash).order_by(_TABLE.c.id.desc()).limit(1)).scalar()
    prev = prev or GENESIS
    rows = []
    for action, entity, entity_id, before, after in records:
        b, a = canonical(before), canonical(after)
        h = entry_hash(prev, at, actor_id, actor_name, action, entity, entity_id, b, a)
        rows.append(dict(at=at, actor_id=actor_id, actor_name=actor_name, action=action,
                         entity=entity, entity_id=entity_id, before=b, after=a,
                         prev_hash=prev, hash=h))
        prev = h
    conn.execute(_TABLE.insert(), rows)


def _after_flush(session: Session, _ctx) -> None:
    records = []
    for obj in session.new:
        if getattr(obj, "__audited__", False):
            records.append(("insert", obj.__tablename__, _identity(obj), None,
                            _snapshot(obj, _columns(obj))))
    for obj in session.dirty:
        if getattr(obj, "__audited__", False) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if after:
                records.append(("update", obj.__tablename__, _identity(obj), before, after))
    for obj in session.deleted:
        if getattr(obj, "__audited__", False):
            state = inspect(obj)
            before = {k: state.attrs[k].loaded_value for k in _columns(obj)}
            records.append(("delete", obj.__tablename__, _identity(obj), before, None))
    append(session.connection(), session.info, records)


def install(factory: sessionmaker) -> None:
    """Make every session from *factory* write audit entries on flush."""
    if not event.contains(factory, "after_flush", _after_flush):
        event.listen(factory, "after_flush", _after_flush)


def record(session: Session, action: str, entity: str, entity_id: str = "",
           before: dict | None = None, after: dict | None = None) -> None:
    """Append an entry for something that is not a row change (e.g. a sign-in)."""
    session.flush()
    append(session.connection(), session.info, [(action, entity, entity_id, before, after)])


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of a chain check; ``broken_id`` is the first bad entry, if any."""

    checked: int
    broken_id: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None

    def message(self) -> str:
        """One line for the user."""
        if self.ok:
            return f"审计日志完整：共 {self.checked} 条，哈希链无断点。"
        return f"审计日志第 {self.broken_id} 条有问题：{self.reason}（已检查 {self.checked} 条）"


def verify(conn: Connection) -> VerifyResult:
    """Walk the chain in order and report the first link that does not hold."""
    prev = GENESIS
    count = 0
    last_id = 0
    cols = _TABLE.c
    result = conn.execute(select(_TABLE).order_by(cols.id))
    for row in result:
        count += 1
        if row.id != last_id + 1:
            return VerifyResult(count, row.id, f"前面缺少第 {last_id + 1}–{row.id - 1} 条（记录被删除）")
        if row.prev_hash != prev:
            return VerifyResult(count, row.id, "与上一条的哈希不相接（上一条被改动或删除）")
        expect = entry_hash(row.prev_hash, row.at, row.actor_id, row.actor_name, row.action,
                            row.entity, row.entity_id, row.before, row.after)
        if expect != row.hash:
            return VerifyResult(count, row.id, "内容与其哈希不符（该条被改动）")
        prev = row.hash
        last_id = row.id
    return VerifyResult(count)
