"""Audit trail: every change to an audited table is appended, hash-chained, signed and anchored.

Rows are written from SQLAlchemy's ``after_flush`` hook in the same
transaction as the change itself, so a change and its audit entry commit or
vanish together. Each entry's hash covers its content and the previous hash;
``verify`` walks the chain and reports the first entry that does not fit.

The chain alone proves little against someone with the file and a SQLite
shell: they can edit a business row and leave the log alone, cut off the
tail, or rewrite an entry and recompute every later hash. Four more checks:

* **Row digests.** Each row-change entry carries ``digest``, the SHA-256 of
  the row exactly as stored right after the change (``deleted`` when it went),
  and the digest is part of the entry's hash. ``verify`` reads every audited
  table and compares each row with the digest of its last entry: a row edited,
  inserted or deleted outside the app has no matching entry. Rows changed by
  the database itself (``ON DELETE CASCADE``/``SET NULL``) are recorded from
  ``before_flush``; after a schema upgrade ``reseal`` appends one entry per
  row the migration changed, so upgrades are visible in the log and never
  reported as tampering.
* **Keyed MAC.** Each entry's ``mac`` is HMAC-SHA256 of its hash under a
  random per-store key kept outside the database, in the user's config
  directory (``<config>/audit-keys/<store id>.key``; the store id is in
  ``audit_seal``). Every entry from the key's ``signed_from`` on must carry a
  valid MAC, so a chain re-hashed without the key is found. Copy the key file
  to every seat that writes to the same store.
* **Anchor.** After each commit the newest entry's id and hash are written
  next to the key (one file per store id and path). An anchor beyond the last
  entry means entries were cut off; a different hash at the anchored id means
  the tail was rewritten.
* **No REPLACE.** ``BEFORE INSERT`` triggers refuse a row whose id is taken
  (``INSERT OR REPLACE`` would delete without firing the delete trigger), and
  ``verify`` reports a missing protective trigger.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from ..clock import SystemClock
from ..models import AuditEntry, Base

GENESIS = "0" * 64
DELETED = "deleted"  # the digest of a row that no longer exists
_TABLE = AuditEntry.__table__
APPEND_ONLY = ("audit_log", "stock_movement", "team_status_change", "shelter_assignment")
Progress = Callable[[str, int, int], None]  # (phase "chain" or "rows", done, total) while verify runs


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
               action: str, entity: str, entity_id: str, before: str, after: str, digest: str = "") -> str:
    """Hash of one entry's content (and row digest, when it has one) chained to the previous hash."""
    fields = [prev_hash, at.isoformat(), actor_id, actor_name, action, entity, entity_id, before, after]
    if digest:  # entries from before revision 0009 have none and keep their hash
        fields.append(digest)
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_quote_json = json.encoder.encode_basestring  # a str as JSON exactly as json.dumps(ensure_ascii=False) writes it


def _stored_hash(prev_hash: str, at_iso: str, actor_id, actor_name, action, entity, entity_id, before, after,
                 digest) -> str:
    """``entry_hash`` of an entry as read from the store, *at* already in ISO form (the fast path of ``verify``).

    The payload is the JSON text ``entry_hash`` writes, put together without building an encoder per
    entry; a value of a type the app never writes there goes through ``json.dumps`` itself.
    """
    try:
        aid = "null" if actor_id is None else str(actor_id) if type(actor_id) is int \
            else json.dumps(actor_id, ensure_ascii=False)
        payload = (f"[{_quote_json(prev_hash)},{_quote_json(at_iso)},{aid},{_quote_json(actor_name)},"
                   f"{_quote_json(action)},{_quote_json(entity)},{_quote_json(entity_id)},{_quote_json(before)},"
                   f"{_quote_json(after)}" + (f",{_quote_json(digest)}]" if digest else "]"))
    except TypeError:  # not a str (only by an edit behind the app's back): the general encoder decides
        fields = [prev_hash, at_iso, actor_id, actor_name, action, entity, entity_id, before, after]
        if digest:
            fields.append(digest)
        payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def entry_mac(key: bytes, hash_: str) -> str:
    """The keyed signature of an entry's hash."""
    return hmac.new(key, hash_.encode("ascii"), hashlib.sha256).hexdigest()


# --- row digests ---------------------------------------------------------------------------------------

def table_nouns() -> dict[str, str]:
    """Table name → what a user calls one of its records (救援队伍, 事件 …)."""
    return {m.local_table.name: m.class_.__label__ or "记录" for m in Base.registry.mappers}


def _audited_tables() -> dict[str, Any]:
    """name → Table of every audited table."""
    return {m.local_table.name: m.local_table for m in Base.registry.mappers
            if getattr(m.class_, "__audited__", False)}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _digest_default(value: Any) -> Any:
    return value.hex() if isinstance(value, bytes | memoryview) else str(value)


# one encoder for every row: bytes as hex, anything JSON has no form for as str (json.dumps per row built one each time)
_DIGEST_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_digest_default)


if json.encoder.c_make_encoder is not None:  # the C encoder made once (JSONEncoder.encode makes one per call)
    _digest_chunks_of = json.encoder.c_make_encoder(None, _digest_default, json.encoder.encode_basestring, None,
                                                    ":", ",", False, False, True)

    def _digest_json(data: list) -> str:
        return "".join(_digest_chunks_of(data, 0))
else:
    _digest_json = _DIGEST_JSON.encode


def _digest_values(table: str, values: tuple) -> str:
    return hashlib.sha256(_digest_json([table, values]).encode("utf-8")).hexdigest()


def _select_sql(table) -> tuple[str, list[str], int]:
    """SELECT of a table's primary key then all its columns, raw as stored."""
    pk = [c.name for c in table.primary_key.columns]
    cols = [c.name for c in table.columns]
    sql = f"SELECT {', '.join(_quote(c) for c in pk + cols)} FROM {_quote(table.name)}"
    return sql, pk, len(pk)


def _is_int(column) -> bool:
    try:
        return column.type.python_type is int
    except NotImplementedError:
        return False


def row_digest(conn: Connection, table_name: str, entity_id: str) -> str:
    """Digest of one row as it is stored now (``DELETED`` when there is none)."""
    table = _audited_tables()[table_name]
    sql, pk, n = _select_sql(table)
    parts = entity_id.split("/") if len(pk) > 1 else [entity_id]
    cols = [table.c[c] for c in pk]
    # compare with the key's own type so that the primary-key index is used (no table scan per entry)
    values = {f"k{i}": int(p) if _is_int(col) and p.lstrip("-").isdigit() else p
              for i, (p, col) in enumerate(zip(parts, cols))}
    where = " AND ".join(f"{_quote(c)} = :k{i}" for i, c in enumerate(pk))
    row = conn.execute(text(f"{sql} WHERE {where}"), values).first()
    return DELETED if row is None else _digest_values(table_name, tuple(row[n:]))


def row_digests(conn: Connection, table_name: str, entity_ids: set[str]) -> dict[str, str]:
    """Digests of several rows of one table as stored now, a query per 500 (``row_digest`` for each)."""
    table = _audited_tables()[table_name]
    sql, pk, n = _select_sql(table)
    if len(pk) != 1:
        return {ident: row_digest(conn, table_name, ident) for ident in entity_ids}
    col = table.c[pk[0]]
    as_int = _is_int(col)
    keys = [(ident, int(ident) if as_int and ident.lstrip("-").isdigit() else ident) for ident in entity_ids]
    out = {ident: DELETED for ident, _k in keys}
    for i in range(0, len(keys), 500):
        chunk = [k for _ident, k in keys[i:i + 500]]
        params = {f"k{j}": k for j, k in enumerate(chunk)}
        marks = ", ".join(f":k{j}" for j in range(len(chunk)))
        for row in conn.execute(text(f"{sql} WHERE {_quote(pk[0])} IN ({marks})"), params):
            out[str(row[0])] = _digest_values(table_name, tuple(row[n:]))
    return out


def current_digests(conn: Connection, table_name: str) -> dict[str, str]:
    """entity id → digest of every row of an audited table (none if the store does not have it yet)."""
    return {ident: digest for chunk in _digest_chunks(conn, table_name) for ident, digest in chunk}


CHUNK = 5000  # rows fetched at a time by verify: memory stays flat however long the log


def _stream(conn: Connection, sql: str):
    """The rows of the plain query *sql*, as the driver returns them, a chunk (a list) at a time.

    On SQLite straight from the driver's cursor (no result objects per row); elsewhere through a
    server-side cursor, so the server sends a chunk at a time instead of the whole result.
    """
    if conn.dialect.name == "sqlite":
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            cursor.execute(sql)
            while rows := cursor.fetchmany(CHUNK):
                yield rows
        finally:
            cursor.close()
        return
    # per statement: Connection.execution_options() would stream every later statement of the transaction too
    result = conn.exec_driver_sql(sql, execution_options={"stream_results": True, "yield_per": CHUNK})
    try:
        yield from result.partitions(CHUNK)
    finally:
        result.close()


def _digest_chunks(conn: Connection, table_name: str, ordered: bool = False):
    """Lists of (entity id, digest) of an audited table's rows as stored, a chunk at a time.

    *ordered*: by the entity id as text, in code point order (the order of ``_newest_digests``).
    """
    table = _audited_tables()[table_name]
    present = _columns_of(conn, table_name)
    if not present:
        return
    if not {c.name for c in table.columns} <= present:  # a store older than the code: read what it has
        from sqlalchemy import Table

        table = Table(table.name, type(table.metadata)(), *[c.copy() for c in table.columns if c.name in present])
    sql, pk, n = _select_sql(table)
    if ordered:
        sql += f" ORDER BY {_ident_text(conn, table, pk)}"
    sha256 = hashlib.sha256
    if n == 1 and _digest_json is not _DIGEST_JSON.encode:
        # the columns alone (the key read once, from its place among them), and the JSON of [table, row]
        # written as the table's part (the same every row) around the row's part: the same text, less work
        cols = [c.name for c in table.columns]
        sql = f"SELECT {', '.join(_quote(c) for c in cols)} FROM {sql.split(' FROM ', 1)[1]}"
        at, head, chunks_of = cols.index(pk[0]), "[" + _digest_json([table_name])[1:-1] + ",", _digest_chunks_of
        for rows in _stream(conn, sql):
            yield [(str(row[at]), sha256((head + "".join(chunks_of(tuple(row), 0)) + "]").encode("utf-8")).hexdigest())
                   for row in rows]
        return
    encode = _digest_json
    for rows in _stream(conn, sql):
        out = []
        for row in rows:
            ident = str(row[0]) if n == 1 else "/".join(str(v) for v in row[:n])
            payload = encode([table_name, tuple(row[n:])])
            out.append((ident, sha256(payload.encode("utf-8")).hexdigest()))
        yield out


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


ROW_ACTIONS = frozenset({"insert", "update", "delete", "reseal", "set_pin"})


def append(conn: Connection, session_info: dict, records: list[tuple[str, str, str, dict | None, dict | None]]) -> None:
    """Append (action, entity, entity_id, before, after) records to the chain.

    An entry about a row of an audited table carries that row's digest as stored now.
    """
    if not records:
        return
    key = session_info.get("audit_key")
    tables = _audited_tables()
    clock = session_info.get("clock") or SystemClock()
    actor = session_info.get("actor")
    actor_id = getattr(actor, "operator_id", None)
    actor_name = getattr(actor, "name", "系统")
    at = clock.now()
    if conn.dialect.name == "postgresql":  # one chain: no two seats read the same head and fork it
        from ..dblock import write_lock

        write_lock(conn)
    head = conn.execute(select(_TABLE.c.id, _TABLE.c.hash).order_by(_TABLE.c.id.desc()).limit(1)).first()
    prev = head.hash if head is not None else GENESIS
    # the ids are given here, one after the head: PostgreSQL does not give back sequence numbers used by a
    # transaction that rolled back, and a gap reads as deleted entries to the verification
    next_id = (head.id if head is not None else 0) + 1
    wanted: dict[str, set[str]] = {}
    for action, entity, entity_id, _before, _after in records:
        if action in ROW_ACTIONS and entity in tables:
            wanted.setdefault(entity, set()).add(entity_id)
    digests = {entity: row_digests(conn, entity, ids) if len(ids) > 1 else
               {i: row_digest(conn, entity, i) for i in ids} for entity, ids in wanted.items()}
    rows = []
    for action, entity, entity_id, before, after in records:
        b, a = canonical(before), canonical(after)
        digest = digests[entity][entity_id] if action in ROW_ACTIONS and entity in tables else ""
        h = entry_hash(prev, at, actor_id, actor_name, action, entity, entity_id, b, a, digest)
        rows.append(dict(id=next_id + len(rows), at=at, actor_id=actor_id, actor_name=actor_name, action=action,
                         entity=entity, entity_id=entity_id, before=b, after=a,
                         prev_hash=prev, hash=h, digest=digest, mac=entry_mac(key, h) if key else ""))
        prev = h
    conn.execute(_TABLE.insert(), rows)
    last_id = next_id + len(rows) - 1
    if conn.dialect.name == "postgresql":  # keep the sequence past the ids given, for any other writer
        conn.execute(text("SELECT setval(pg_get_serial_sequence('audit_log', 'id'), :n)"), {"n": last_id})
    session_info["audit_head"] = (last_id, prev)


def _fk_dependents(table_name: str) -> list[tuple[str, str, str, str]]:
    """(child table, child column, parent column, ondelete) of the FKs the database acts on."""
    out = []
    for name, table in _audited_tables().items():
        for fk in table.foreign_keys:
            if fk.ondelete and fk.column.table.name == table_name:
                out.append((name, fk.parent.name, fk.column.name, fk.ondelete.upper()))
    return out


def _before_flush(session: Session, _ctx, _instances) -> None:
    """Note the rows the database will change by itself when a parent row is deleted."""
    pending = []
    for obj in session.deleted:
        if not getattr(obj, "__audited__", False):
            continue
        for child, col, parent_col, action in _fk_dependents(obj.__tablename__):
            value = getattr(obj, parent_col, None)
            if value is None:
                continue
            pk = [c.name for c in _audited_tables()[child].primary_key.columns]
            rows = session.connection().execute(text(
                f"SELECT {', '.join(_quote(c) for c in pk)} FROM {_quote(child)} WHERE {_quote(col)} = :v"),
                {"v": value})
            for row in rows:
                pending.append((child, "/".join(str(v) for v in row), col, value, action))
    if pending:
        session.info.setdefault("_audit_cascade", []).extend(pending)


def _after_flush(session: Session, _ctx) -> None:
    records = []
    for child, ident, col, value, action in session.info.pop("_audit_cascade", []):
        if action == "CASCADE":
            records.append(("delete", child, ident, {col: value}, None))
        else:
            records.append(("update", child, ident, {col: value}, {col: None}))
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
    if not event.contains(factory, "before_flush", _before_flush):
        event.listen(factory, "before_flush", _before_flush)


def record(session: Session, action: str, entity: str, entity_id: str = "",
           before: dict | None = None, after: dict | None = None) -> None:
    """Append an entry for something that is not a row change (e.g. a sign-in).

    ``set_pin`` (a change to a column the log leaves out) also carries the row's digest.
    """
    session.flush()
    append(session.connection(), session.info, [(action, entity, entity_id, before, after)])


def reseal(session: Session, reason: str = "upgrade") -> int:
    """Append a ``reseal`` entry for every audited row whose stored state differs from its last entry.

    Run by the app right after it upgraded a store's schema (a migration may add columns or move
    values), so that the upgrade is recorded instead of being reported as tampering later. A store
    from before revision 0009 gets its first row digests this way. A new drill workspace (rows
    removed by the copy) is resealed with *reason* ``drill``. Returns the number of entries.
    """
    note = {"reason": reason} if reason != "upgrade" else None
    conn = session.connection()
    latest = _latest_digests(conn)
    records = []
    for table in sorted(_audited_tables()):
        seen = latest.get(table, {})
        now = current_digests(conn, table)
        for ident, digest in now.items():
            if seen.get(ident) != digest:
                records.append(("reseal", table, ident, None, note))
        for ident, digest in seen.items():
            if ident not in now and digest != DELETED:
                records.append(("reseal", table, ident, None, note))
    append(conn, session.info, records)
    return len(records)


def _latest_digests(conn: Connection, entities: tuple[str, ...] | None = None,
                    bound: int | None = None) -> dict[str, dict[str, str]]:
    """entity → {entity id → digest of its newest entry that has one} (entries up to *bound*)."""
    if "digest" not in _columns_of(conn, "audit_log"):
        return {}
    stmt = select(_TABLE.c.entity, _TABLE.c.entity_id, _TABLE.c.digest).where(_TABLE.c.digest != "")
    if bound is not None:
        stmt = stmt.where(_TABLE.c.id <= bound)
    if entities is not None:
        stmt = stmt.where(_TABLE.c.entity.in_(entities))
    out: dict[str, dict[str, str]] = {}
    for entity, ident, digest in conn.execute(stmt.order_by(_TABLE.c.id)):
        out.setdefault(entity, {})[ident] = digest
    return out


def _columns_of(conn: Connection, table: str) -> set[str]:
    if conn.dialect.name != "sqlite":
        insp = inspect(conn)
        return {c["name"] for c in insp.get_columns(table)} if insp.has_table(table) else set()
    return {r[1] for r in conn.execute(text(f"PRAGMA table_info({_quote(table)})"))}


def _ident_text(conn: Connection, table, pk: list[str]) -> str:
    """SQL for a row's entity id as text, to order by (code point order on both databases)."""
    parts = [_quote(c) if not _is_int(table.c[c]) else f"CAST({_quote(c)} AS TEXT)" for c in pk]
    expr = " || '/' || ".join(parts)
    return f'({expr}) COLLATE "C"' if conn.dialect.name == "postgresql" else expr


def _newest_digests(conn: Connection, bound: int):
    """(entity, entity id, digest) of the newest entry with a digest of every row the log knows,
    entries up to *bound* only, ordered by entity then entity id (code point order), as a stream."""
    if conn.dialect.name == "postgresql":
        c = 'COLLATE "C"'
        sql = (f"SELECT DISTINCT ON (entity {c}, entity_id {c}) entity, entity_id, digest FROM audit_log "
               f"WHERE digest <> '' AND id <= {int(bound)} ORDER BY entity {c}, entity_id {c}, id DESC")
    else:  # SQLite takes the bare columns from the row that has max(id)
        sql = (f"SELECT entity, entity_id, digest, max(id) FROM audit_log WHERE digest != '' AND id <= {int(bound)} "
               "GROUP BY entity, entity_id ORDER BY entity, entity_id")
    for rows in _stream(conn, sql):  # (entity, entity id, digest[, max(id)]): only the first three are read
        yield from rows


class _Unordered(Exception):
    """The database ordered ids differently from Python (only for values the app never writes)."""


class _Lines:
    """The first *limit* sentences about one table, and how many more there were."""

    def __init__(self, limit: int) -> None:
        self.limit, self.lines, self.more = limit, [], 0

    def say(self, line: str) -> None:
        if len(self.lines) < self.limit:
            self.lines.append(line)
        else:
            self.more += 1


def _judge(noun: str, ident: str, last: str | None, digest: str, here: _Lines) -> None:
    if last is None:
        here.say(f"{noun} #{ident} 没有任何审计记录（在程序之外新增）")
    elif last == DELETED:
        here.say(f"{noun} #{ident} 按审计日志已删除，却仍在库中（在程序之外恢复或插入）")
    elif last != digest:
        here.say(f"{noun} #{ident} 与其最后一条审计记录不符（在程序之外被改动）")


def _gone(noun: str, ident: str, last: str, gone: _Lines) -> None:
    if last != DELETED:
        gone.say(f"{noun} #{ident} 已不在库中，审计日志中却没有删除记录（在程序之外被删除）")


def rows_against_log(conn: Connection, bound: int, progress: Progress | None = None,
                     limit: int = 20) -> tuple[int, list[str]]:
    """``row_problems`` for the whole store in constant memory: (rows checked, sentences).

    Each table's rows (ordered by id as text) are merged with the log's newest digest per row (the
    same order, from the database), so neither is ever held whole. Entries after *bound* are left
    out (they were not verified). Should the database order a table's ids differently from Python
    (ids the app never writes), that table is checked the plain way.
    """
    if "digest" not in _columns_of(conn, "audit_log"):
        return 0, []
    tables = sorted(_audited_tables())
    nouns = table_nouns()
    log = _newest_digests(conn, bound)
    pending = next(log, None)
    if pending is None:
        return 0, []  # a store whose rows were never sealed (read before its upgrade)
    total = 0
    if progress is not None:
        for table in tables:
            if _columns_of(conn, table):
                total += conn.execute(text(f"SELECT count(*) FROM {_quote(table)}")).scalar() or 0
    checked, out, more = 0, [], 0
    last_key = (pending[0], pending[1])

    def advance():
        nonlocal pending, last_key
        pending = next(log, None)
        if pending is not None:
            key = (pending[0], pending[1])
            if key <= last_key:
                raise _Unordered("audit_log")
            last_key = key

    for table in tables:
        while pending is not None and pending[0] < table:  # entries about tables no longer audited
            advance()
        noun = nouns.get(table, "记录")
        here, gone = _Lines(limit), _Lines(limit)
        done = 0
        try:
            previous = None
            for chunk in _digest_chunks(conn, table, ordered=True):
                for ident, digest in chunk:
                    if previous is not None and ident <= previous:
                        raise _Unordered(table)
                    previous = ident
                    while pending is not None and pending[0] == table and pending[1] < ident:
                        _gone(noun, pending[1], pending[2], gone)
                        advance()
                    last = None
                    if pending is not None and pending[0] == table and pending[1] == ident:
                        last = pending[2]
                        pending = next(log, None)  # advance(), written out: once per row
                        if pending is not None:
                            key = (pending[0], pending[1])
                            if key <= last_key:
                                raise _Unordered("audit_log")
                            last_key = key
                    if last != digest:  # a digest is hex, never DELETED: equal means nothing to say
                        _judge(noun, ident, last, digest, here)
                    done += 1
                if progress is not None:
                    progress("rows", checked + done, max(total, checked + done))
            while pending is not None and pending[0] == table:
                _gone(noun, pending[1], pending[2], gone)
                advance()
        except _Unordered as exc:
            if str(exc) != table:
                raise
            while pending is not None and pending[0] == table:
                advance()
            here, gone = _Lines(limit), _Lines(limit)
            seen = _latest_digests(conn, (table,), bound).get(table, {})
            done = 0
            for chunk in _digest_chunks(conn, table):
                for ident, digest in chunk:
                    _judge(noun, ident, seen.pop(ident, None), digest, here)
                    done += 1
            for ident, last in seen.items():
                _gone(noun, ident, last, gone)
        checked += done
        for part in (here, gone):
            for line in part.lines:
                if len(out) < limit:
                    out.append(line)
                else:
                    more += 1
            more += part.more
    if more:
        out.append(f"另有 {more} 处同类问题")
    return checked, out


def row_problems(conn: Connection, latest: dict[str, dict[str, str]] | None = None,
                 tables: tuple[str, ...] | None = None, limit: int = 20,
                 progress: Progress | None = None) -> tuple[int, list[str]]:
    """(rows checked, sentences) comparing audited rows with the digest of their last entry.

    The rows are read a chunk at a time; *latest* is used up (each row's entry is taken out as the
    row is met, what is left are rows the log has and the table does not). *progress* is called as
    ``progress("rows", rows done, rows the log knows of)`` after every chunk.
    """
    if latest is None:
        latest = _latest_digests(conn, tables)
    if not any(latest.values()):
        return 0, []  # a store whose rows were never sealed (read before its upgrade)
    nouns = table_nouns()
    checked, out, more = 0, [], 0
    expected = sum(len(v) for v in latest.values())

    def say(line: str) -> None:
        nonlocal more
        if len(out) < limit:
            out.append(line)
        else:
            more += 1

    for table in sorted(tables or _audited_tables()):
        seen = latest.pop(table, {})
        noun = nouns.get(table, "记录")
        for chunk in _digest_chunks(conn, table):
            for ident, digest in chunk:
                checked += 1
                last = seen.pop(ident, None)
                if last is None:
                    say(f"{noun} #{ident} 没有任何审计记录（在程序之外新增）")
                elif last == DELETED:
                    say(f"{noun} #{ident} 按审计日志已删除，却仍在库中（在程序之外恢复或插入）")
                elif last != digest:
                    say(f"{noun} #{ident} 与其最后一条审计记录不符（在程序之外被改动）")
            if progress is not None:
                progress("rows", checked, max(expected, checked))
        for ident, digest in seen.items():
            if digest != DELETED:
                say(f"{noun} #{ident} 已不在库中，审计日志中却没有删除记录（在程序之外被删除）")
    if more:
        out.append(f"另有 {more} 处同类问题")
    return checked, out


# --- the key and the anchor, outside the database --------------------------------------------------------

@dataclass(frozen=True)
class Seal:
    """What ``verify`` and the writer know from outside the database file."""

    store_id: str | None = None
    key: bytes | None = None
    signed_from: int | None = None  # the first entry that must carry a MAC
    anchor_file: Path | None = None
    key_missing: bool = False  # the store has signed entries but this machine has no key


def store_id(conn: Connection) -> str | None:
    """The store's identity from ``audit_seal`` (None before revision 0009 or if it was removed)."""
    if "store_id" not in _columns_of(conn, "audit_seal"):
        return None
    return conn.execute(text("SELECT store_id FROM audit_seal LIMIT 1")).scalar()


def _keys_dir() -> Path:
    from .. import paths

    return paths.keys_dir()


def _write_atomic(path: Path, data: dict, exclusive: bool = False) -> bool:
    """Write JSON to *path* (fsynced, by rename); with *exclusive*, only if it does not exist yet."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    if exclusive:
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        finally:
            tmp.unlink()
        return True
    os.replace(tmp, path)
    return True


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def load_seal(conn: Connection, db_path: Path | None, *, create: bool = False) -> Seal:
    """The key and anchor of the store on *conn* (creating the key for an unsigned store if *create*)."""
    sid = store_id(conn)
    if sid is None:
        return Seal(sid)
    folder = _keys_dir()
    key_file = folder / f"{sid}.key"
    anchor = None
    if db_path is not None:
        label = str(db_path) if "://" in str(db_path) else str(Path(db_path).resolve())  # a server URL as is
        where = hashlib.sha256(label.encode("utf-8")).hexdigest()[:16]
        anchor = folder / f"{sid}-{where}.head"
    else:
        create = False  # an in-memory store is not signed
    data = _read_json(key_file)
    signed = conn.execute(select(_TABLE.c.id).where(_TABLE.c.mac != "").limit(1)).scalar() is not None
    if data is None and create and not signed:
        last = conn.execute(select(_TABLE.c.id).order_by(_TABLE.c.id.desc()).limit(1)).scalar() or 0
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomic(key_file, {"key": secrets.token_hex(32), "signed_from": last + 1}, exclusive=True)
        data = _read_json(key_file)
    if data is None:
        return Seal(sid, anchor_file=anchor, key_missing=signed)
    try:
        return Seal(sid, bytes.fromhex(data["key"]), int(data["signed_from"]), anchor)
    except (KeyError, TypeError, ValueError):
        return Seal(sid, anchor_file=anchor, key_missing=True)


def read_anchor(seal: Seal) -> tuple[int, str] | None:
    """(entry id, hash) last anchored for this store at this path, if any."""
    data = _read_json(seal.anchor_file) if seal.anchor_file else None
    try:
        return (int(data["id"]), str(data["hash"])) if data else None
    except (KeyError, TypeError, ValueError):
        return None


def write_anchor(seal: Seal, head: tuple[int, str]) -> None:
    """Remember the newest committed entry (never moves back; a failure to write is not fatal)."""
    if seal.anchor_file is None:
        return
    current = read_anchor(seal)
    if current is not None and current[0] >= head[0]:
        return
    try:
        seal.anchor_file.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(seal.anchor_file, {"id": head[0], "hash": head[1]})
    except OSError:
        pass  # the chain and MACs still hold; only the tail check is weaker until the next commit


def reset_anchor(seal: Seal, head: tuple[int, str] | None) -> None:
    """Set this machine's anchor for the store to *head*, also backwards (only a restore does this)."""
    if seal.anchor_file is None:
        return
    if head is None:
        seal.anchor_file.unlink(missing_ok=True)
        return
    seal.anchor_file.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(seal.anchor_file, {"id": head[0], "hash": head[1]})


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of a check; ``broken_id`` is the first bad entry, ``problems`` everything else found."""

    checked: int
    broken_id: int | None = None
    reason: str = ""
    problems: tuple[str, ...] = field(default_factory=tuple)
    rows_checked: int = 0
    signed: bool = False
    anchored: bool = False

    @property
    def ok(self) -> bool:
        """Whether the chain, the MACs, the anchor and every row check out."""
        return self.broken_id is None and not self.problems

    def message(self) -> str:
        """What was found, for the user (first line the verdict)."""
        if self.ok:
            extra = []
            if self.signed:
                extra.append("签名有效")
            if self.anchored:
                extra.append("与本机锚点相符")
            if self.rows_checked:
                extra.append(f"{self.rows_checked} 行业务数据与其最后一条审计记录一致")
            tail = ("；" + "，".join(extra)) if extra else ""
            return f"审计日志完整：共 {self.checked} 条，哈希链无断点{tail}。"
        lines = []
        if self.broken_id is not None:
            lines.append(f"审计日志第 {self.broken_id} 条有问题：{self.reason}（已检查 {self.checked} 条）")
        else:
            lines.append(f"审计日志发现 {len(self.problems)} 处问题（已检查 {self.checked} 条）：")
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


def _missing_triggers(conn: Connection) -> list[str]:
    if conn.dialect.name == "postgresql":
        names = {r[0] for r in conn.execute(text(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"))}
        tables = set(inspect(conn).get_table_names())
        return [f"{t}_{k}" for t in APPEND_ONLY if t in tables
                for k in ("no_update", "no_delete", "no_truncate") if f"{t}_{k}" not in names]
    names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))}
    tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    want = []
    for table in APPEND_ONLY:
        if table not in tables:
            continue
        kinds = ("no_update", "no_delete") + (("no_replace",) if "audit_seal" in tables else ())
        want += [f"{table}_{k}" for k in kinds]
    return [w for w in want if w not in names]


def _mac_function(key: bytes) -> Callable[[str], str]:
    """``entry_mac`` under *key* with the key's two padded blocks hashed once (RFC 2104), for verify's many entries."""
    block = 64  # SHA-256's block size
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))

    def mac(hash_: str) -> str:
        i = inner.copy()
        i.update(hash_.encode("ascii"))
        o = outer.copy()
        o.update(i.digest())
        return o.hexdigest()

    return mac


def _iso_reader(conn: Connection) -> Callable[[Any], str]:
    """The ISO text ``entry_hash`` hashes for an ``at`` value as the driver returns it.

    SQLite's stored text (always ``YYYY-MM-DD HH:MM:SS.ffffff``, UTC) is rewritten directly; anything
    else goes through the column's own type, as reading the entry with the ORM would.
    """
    proc = _TABLE.c.at.type.dialect_impl(conn.dialect).result_processor(conn.dialect, None)

    def general(value: Any) -> str:
        value = proc(value) if proc is not None else value
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.isoformat()

    def iso(value: Any) -> str:
        if type(value) is str and len(value) == 26 and value[10] == " " and value[19] == ".":
            frac = value[20:]
            return f"{value[:10]}T{value[11:19]}{'' if frac == '000000' else '.' + frac}+00:00"
        return general(value)

    return iso


def verify(conn: Connection, seal: Seal | None = None, db_path: Path | None = None,
           progress: Progress | None = None) -> VerifyResult:
    """Walk the chain in order, check MACs, the anchor and every audited row; report what does not hold.

    Without *seal* the key is looked up for the store on *conn*, and the anchor for *db_path* (if given).
    The log is read a chunk at a time (a server-side cursor on PostgreSQL). *progress*, if given, is
    called after every chunk as ``progress("chain", entries done, entries in the log)`` and then
    ``progress("rows", rows done, rows known to the log)``; it does not change the result.
    """
    if seal is None:
        seal = load_seal(conn, db_path)
    cols = _columns_of(conn, "audit_log")
    has_digest, has_mac = "digest" in cols, "mac" in cols
    prev = GENESIS
    count = 0
    last_id = 0
    anchored_hash = None
    anchor = read_anchor(seal)
    anchor_id = anchor[0] if anchor is not None else None
    problems: list[str] = []
    # as stored (``at`` too: its ISO text is made below without building a datetime per entry)
    digest_col, mac_col = ("digest" if has_digest else "''"), ("mac" if has_mac else "''")
    sql = ('SELECT id, at, actor_id, actor_name, action, entity, entity_id, "before", "after", prev_hash, hash, '
           f"{digest_col}, {mac_col} FROM audit_log ORDER BY id")
    key, signed_from = seal.key, seal.signed_from
    mac_of = _mac_function(key) if key is not None and signed_from is not None else None
    iso = _iso_reader(conn)
    total = (conn.execute(select(func.max(_TABLE.c.id))).scalar() or 0) if progress is not None else 0
    compare = hmac.compare_digest

    def broken(n: int, at: int, reason: str) -> VerifyResult:
        return VerifyResult(n, at, reason, tuple(f"保护审计与台账的触发器 {t} 被删除" for t in _missing_triggers(conn)))

    for rows in _stream(conn, sql):
        for (id_, at, actor_id, actor_name, action, entity, entity_id, before, after, prev_hash, hash_,
             digest, mac) in rows:
            count += 1
            if id_ != last_id + 1:
                return broken(count, id_, f"前面缺少第 {last_id + 1}–{id_ - 1} 条（记录被删除）")
            if prev_hash != prev:
                return broken(count, id_, "与上一条的哈希不相接（上一条被改动或删除）")
            try:
                expect = _stored_hash(prev_hash, iso(at), actor_id, actor_name, action, entity, entity_id,
                                      before, after, digest)
            except (ValueError, TypeError, AttributeError):  # a time that is no time
                expect = None
            if expect != hash_:
                return broken(count, id_, "内容与其哈希不符（该条被改动）")
            if mac_of is not None and id_ >= signed_from:
                if not compare(mac or "", mac_of(hash_)):
                    return broken(count, id_, "密钥签名不符（该条被改写后重新计算了哈希）")
            if id_ == anchor_id:
                anchored_hash = hash_
            prev = hash_
            last_id = id_
        if progress is not None:
            progress("chain", count, max(total, count))
    if anchor is not None:
        if last_id < anchor[0]:
            problems.append(f"自上次锚定（第 {anchor[0]} 条）以来缺少 {anchor[0] - last_id} 条记录"
                            f"（日志末尾被删除）")
        elif anchored_hash != anchor[1]:
            problems.append(f"第 {anchor[0]} 条与本机锚定的哈希不符（日志被改写）")
    if seal.key_missing:
        problems.append("本机没有该数据库的审计密钥，无法核对签名（请从写入该库的席位复制密钥文件）")
    elif has_mac and seal.store_id is None and \
            conn.execute(select(_TABLE.c.id).where(_TABLE.c.mac != "").limit(1)).scalar() is not None:
        problems.append("数据库的审计密钥标识被删除，无法核对签名")
    for name in _missing_triggers(conn):
        problems.append(f"保护审计与台账的触发器 {name} 被删除")
    try:
        rows_checked, row_lines = rows_against_log(conn, last_id, progress)
    except _Unordered:  # the log's ids ordered unlike Python's strings: compare the plain way
        rows_checked, row_lines = row_problems(conn, _latest_digests(conn, bound=last_id), progress=progress)
    problems += row_lines
    return VerifyResult(count, None, "", tuple(problems), rows_checked,
                        signed=key is not None, anchored=anchor is not None)
