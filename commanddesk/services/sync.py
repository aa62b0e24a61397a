"""The post and its command vehicles: take a copy out, exchange signed packages, merge, show conflicts.

Own change log (docs/sync.md): every flush that touches a synced record appends a ``sync_change``
row; an export collects what changed since the last exchange with a peer, an import applies it in
one transaction, stopping on conflicts (same field changed on both sides, delete against edit, a
stock issue that no longer fits) and applying the rest. Packages are signed with the post's
Ed25519 key, kept beside the audit keys and shared with its vehicles. No Qt here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, bindparam, event, func, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from .. import migrations, paths
from ..errors import UserError
from ..models import (
    CLOSED_STATUSES,
    Base, CallRecord, Contact, RescueTeam, Dispatch, Grading, HazardSite, Incident, MaterialItem, Organisation,
    Shelter, StockLine, StockMovement, SyncChange, SyncConflict, SyncPeer, SyncState, Synced, TeamStatusChange,
    TimelineEvent, Warehouse,
)
from ..models.base import TZDateTime
from .sites import number  # noqa: F401 - 0007 at the post, 车1-0007 for a record a vehicle made

FORMAT = "commanddesk-sync/1"
SEALED_MAGIC = b"CDSYNC-AESGCM-1\n"  # a package encrypted with a passphrase (services/sealing.py)
# The registries (services/registry_specs.py, user accounts excepted: operators and PINs never travel), then
# the incidents and what hangs off them.
REGISTRIES: tuple[type, ...] = (Organisation, Contact, RescueTeam, Warehouse, MaterialItem, StockLine, Shelter,
                                HazardSite)
SYNCED: dict[str, type] = {m.__tablename__: m for m in (
    *REGISTRIES, Incident, CallRecord, Grading, TimelineEvent, Dispatch, TeamStatusChange, StockMovement)}
# Fields each side keeps by other means: a stock line's balance follows its movements, a team's status its
# status changes (both travel as records of their own); edits to them are not logged as field changes.
DERIVED: dict[str, frozenset[str]] = {"stock_line": frozenset({"quantity"}), "rescue_team": frozenset({"status"})}
NOT_COPIED = ("audit_log", "audit_seal", "alembic_version", "sync_state", "sync_peer", "sync_change",
              "sync_conflict")
CLOSED = CLOSED_STATUSES  # incidents a vehicle does not take out
ORDER = list(SYNCED)  # parents before children
APPEND_ONLY = ("team_status_change", "stock_movement")  # the database refuses updates (audit.APPEND_ONLY)


class SyncRefused(UserError):
    """A package or request refused as a whole; nothing applied."""


def _from(site: str) -> str:
    """The change log's origin for changes imported from *site* ("" marks this store's own)."""
    return "=" + site


def site_label(site: str) -> str:
    return site or "指挥部"



# --- capturing changes ------------------------------------------------------------------------------------

def _state(session: Session) -> SyncState | None:
    if "_sync_state" not in session.info:
        row = session.execute(select(SyncState.site, SyncState.role, SyncState.post_id)).first()
        session.info["_sync_state"] = row
    return session.info["_sync_state"]


def _before_flush(session: Session, _ctx, _instances) -> None:
    site = None
    for obj in session.dirty:  # a row written outside the ORM (history.fill) gets its identity when edited
        if isinstance(obj, Synced) and not obj.sync_uid:
            obj.sync_uid = uuid.uuid4().hex
    numbered = None
    for obj in session.new:
        if isinstance(obj, Synced) and not obj.sync_uid:
            if site is None:
                st = _state(session)
                site = st.site if st else ""
            obj.sync_uid = uuid.uuid4().hex
            obj.sync_site = site
            if site and isinstance(obj, Incident) and obj.site_number is None:  # 车1-0001, 车1-0002 …
                if numbered is None:
                    numbered = session.scalar(select(func.max(Incident.site_number))
                                              .where(Incident.sync_site == site)) or 0
                numbered += 1
                obj.site_number = numbered


def _after_flush(session: Session, _ctx) -> None:
    rows = []
    origin = session.info.get("sync_origin", "")
    clock = session.info.get("clock")
    actor = session.info.get("actor")
    at = clock.now() if clock is not None else datetime.now().astimezone()
    who = getattr(actor, "name", "系统")
    for obj in session.new:
        if isinstance(obj, Synced):
            rows.append(dict(entity=obj.__tablename__, uid=obj.sync_uid, op="insert", before={}))
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj, include_collections=False):
            state = inspect(obj)
            before = {}
            derived = DERIVED.get(obj.__tablename__, ())
            for attr in state.mapper.column_attrs:
                if attr.key in ("version", "sync_uid", "sync_site") or attr.key in derived:
                    continue
                hist = state.attrs[attr.key].history
                if hist.has_changes():
                    before[attr.key] = _plain(hist.deleted[0] if hist.deleted else None)
            if before:
                rows.append(dict(entity=obj.__tablename__, uid=obj.sync_uid, op="update", before=before))
    for obj in session.deleted:
        if isinstance(obj, Synced):
            rows.append(dict(entity=obj.__tablename__, uid=obj.sync_uid, op="delete", before={}))
    if rows:
        for r in rows:
            r.update(origin=origin, at=at, actor_name=who)
        session.connection().execute(SyncChange.__table__.insert(), rows)


def install(factory: sessionmaker) -> None:
    """Make every session from *factory* log changes to synced records."""
    if not event.contains(factory, "before_flush", _before_flush):
        event.listen(factory, "before_flush", _before_flush)
    if not event.contains(factory, "after_flush", _after_flush):
        event.listen(factory, "after_flush", _after_flush)


# --- values in a package ------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _fk_targets(model: type) -> dict[str, type]:
    """column → synced model it refers to."""
    out = {}
    for col in model.__table__.columns:
        for fk in col.foreign_keys:
            target = fk.column.table.name
            if target in SYNCED:
                out[col.name] = SYNCED[target]
    return out


def _encode(session: Session, obj: Base) -> dict[str, Any]:
    model = type(obj)
    fks = _fk_targets(model)
    row = {}
    for attr in inspect(model).column_attrs:
        key = attr.key
        if key in ("id", "version"):
            continue
        value = getattr(obj, key)
        if key in fks and value is not None:
            value = {"uid": _uid_of(session, fks[key], value)}
        row[key] = _plain(value)
    if model is Incident and row.get("site_number") is None:
        row["site_number"] = obj.id  # the post's number (its id there) stays the number on a vehicle
    return row


def _uid_of(session: Session, model: type, local_id: int) -> str | None:
    """The site-unique identity of a referenced record (a depot many movements name is asked for once)."""
    cache = session.info.setdefault("_sync_uids", {})
    key = (model.__tablename__, local_id)
    if key not in cache:
        cache[key] = session.scalar(select(model.sync_uid).where(model.id == local_id))
    return cache[key]


def _decode(session: Session, model: type, values: dict[str, Any]) -> dict[str, Any]:
    fks = _fk_targets(model)
    cols = model.__table__.columns
    out = {}
    for key, value in values.items():
        if key not in cols:
            continue  # a column this revision does not have
        if key in fks and isinstance(value, dict):
            target = fks[key]
            local = session.scalar(select(target.id).where(target.sync_uid == value.get("uid")))
            if local is None:
                raise LookupError(key)
            value = local
        elif value is not None and isinstance(cols[key].type, TZDateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(cols[key].type, Date):
            value = date.fromisoformat(value)
        out[key] = value
    return out


# --- keys ------------------------------------------------------------------------------------------------

def key_file(post_id: str) -> Path:
    return paths.keys_dir() / f"sync-{post_id}.key"


def _private_key(post_id: str, create: bool = False):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = key_file(post_id)
    if not path.exists():
        if not create:
            raise SyncRefused(f"本机没有该指挥部的同步密钥（{path.name}），请从指挥部复制后重试；未导入任何内容。")
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = Ed25519PrivateKey.generate().private_bytes_raw()
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(raw.hex())
        path.chmod(0o600)
    try:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(path.read_text(encoding="utf-8").strip()))
    except ValueError as exc:
        raise SyncRefused(f"同步密钥文件已损坏：{path}") from exc


def _this(session: Session) -> SyncState:
    st = session.scalar(select(SyncState))
    if st is None:
        raise SyncRefused("该数据库尚未加入同步（先在指挥部用 sync init 建立指挥车数据库）。")
    return st


def make_post(session: Session) -> SyncState:
    """Make the store a post (its signing key made on first use); idempotent."""
    from . import audit

    st = session.scalar(select(SyncState))
    if st is not None:
        if st.role != "post":
            raise SyncRefused("该数据库是指挥车的数据库，不能再为它建立指挥车。")
        return st
    post_id = audit.store_id(session.connection())
    if not post_id:
        raise SyncRefused("指挥部数据库没有标识（audit_seal），无法建立同步。")
    st = SyncState(site="", role="post", post_id=post_id, post_name="指挥部")
    session.add(st)
    session.flush()
    session.info.pop("_sync_state", None)
    _private_key(post_id, create=True)
    return st


# --- take out -------------------------------------------------------------------------------------------

@dataclass
class InitResult:
    site: str
    vehicle: str
    copied: dict[str, int]
    open_incidents: int
    post_id: str = ""


def _allowed(s: Session, perm: str) -> None:
    """Refuse, changing nothing, unless the acting operator's role may *perm* (auth.GRANTS)."""
    from . import auth

    auth.require(s.info.get("actor"), auth.Permission(perm))


def init(post, vehicle, site: str, actor=None) -> InitResult:
    """Fill *vehicle*, a store just created, from the open *post* store and make it the vehicle *site*.

    *actor* (else the post store's signed-in operator) must be allowed to set up vehicles (带班领导, 管理员).
    """
    from . import audit

    site = site.strip()
    if not site or len(site) > 19 or not site.isalnum():  # it starts every number made there: 车1-0007
        shown = "".join(c if c.isprintable() else "?" for c in site[:20])
        raise SyncRefused(f"站点名称无效：“{shown}”（1 至 19 个汉字、字母或数字，如 车1）")
    with vehicle.read() as s:
        if s.scalar(select(SyncState)) is not None or s.scalar(select(Incident.id).limit(1)) is not None:
            raise SyncRefused(f"目标数据库不是新建的，未作任何改动：{vehicle.label}")
    actor = actor if actor is not None else post.actor
    with post.transaction(actor) as s:
        _allowed(s, "sync_setup")
        st = make_post(s)
        if s.get(SyncPeer, site) is not None:
            raise SyncRefused(f"站点“{site}”已经存在，请换一个名称。")
        post_id = st.post_id
        start = s.scalar(select(func.max(SyncChange.id))) or 0
        s.add(SyncPeer(site=site, sent_seq=0, received_seq=0, received_hash="", sent_change=start,
                       sent_log={"0": start}))
        tables = [t for t in Base.metadata.sorted_tables if t.name not in NOT_COPIED]
        skipped: dict[str, set] = {}
        data: dict[str, list[dict]] = {}
        fill: dict[str, list[dict]] = {}
        conn = s.connection()
        for t in tables:
            rows = []
            gone = skipped.setdefault(t.name, set())
            for r in conn.execute(t.select()).all():
                m = r._asdict()
                if t.name == "incident" and m["status"] in CLOSED:
                    gone.add(m["id"])
                    continue
                if any(m.get(fk.parent.name) in skipped.get(fk.column.table.name, ())
                       for fk in t.foreign_keys):
                    if "id" in m:
                        gone.add(m["id"])
                    continue
                if t.name in SYNCED and not m.get("sync_uid") and t.name not in APPEND_ONLY:
                    m["sync_uid"] = uuid.uuid4().hex  # written outside the ORM: given its identity on both sides
                    fill.setdefault(t.name, []).append({"_id": m["id"], "_uid": m["sync_uid"]})
                rows.append(m)
            data[t.name] = rows
        for name, pairs in fill.items():  # one statement per table, not an ORM load per row
            t = Base.metadata.tables[name]
            conn.execute(t.update().where(t.c.id == bindparam("_id")).values(sync_uid=bindparam("_uid")), pairs)
        s.flush()
    with vehicle.transaction(actor) as s:
        conn = s.connection()
        for t in reversed(tables):  # what a new store starts with gives way to the post's copy
            conn.execute(t.delete())
        for t in tables:
            if data[t.name]:
                conn.execute(t.insert(), data[t.name])
        s.add(SyncState(site=site, role="vehicle", post_id=post_id, post_name="指挥部"))
        s.add(SyncPeer(site="", sent_seq=0, sent_change=0, received_seq=0, received_hash="", sent_log={"0": 0}))
        s.flush()
        audit.reseal(s, "sync_init")
        audit.record(s, "sync_init", "sync_state", site, None, {"post": post_id, "site": site})
    return InitResult(site, vehicle.label, {k: len(v) for k, v in data.items() if v},
                      len(data.get("incident", [])), post_id)


@dataclass
class Status:
    """This store's place in the exchange, for the sync screen."""

    joined: bool  # False: a store that has taken no part yet (a post before its first vehicle)
    role: str  # post / vehicle
    site: str
    peers: list[dict[str, Any]]  # site, label, sent, received (package numbers)
    open_conflicts: int
    key_file: str

    @property
    def label(self) -> str:
        if not self.joined:
            return "指挥部（尚未建立指挥车）"
        return f"指挥车“{self.site}”" if self.role == "vehicle" else "指挥部"


def status(session: Session) -> Status:
    st = session.scalar(select(SyncState))
    open_ = session.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.status == "open")) or 0
    if st is None:
        return Status(False, "post", "", [], open_, "")
    peers = [{"site": p.site, "label": site_label(p.site), "sent": p.sent_seq, "received": p.received_seq}
             for p in session.scalars(select(SyncPeer).order_by(SyncPeer.site))]
    return Status(True, st.role, st.site, peers, open_, str(key_file(st.post_id)))


# --- export ---------------------------------------------------------------------------------------------

@dataclass
class ExportResult:
    path: Path
    peer: str
    seq: int
    counts: dict[str, int]
    size: int
    sha256: str
    encrypted: bool = False


def package_is_sealed(path: Path) -> bool:
    """Whether the package at *path* is encrypted with a passphrase (False if it cannot be read)."""
    from . import sealing

    return sealing.file_is_sealed(Path(path), SEALED_MAGIC)


def _peer(session: Session, st: SyncState, peer: str | None) -> SyncPeer:
    if peer is None:
        peers = session.scalars(select(SyncPeer)).all()
        if st.role == "vehicle":
            peer = ""
        elif len(peers) == 1:
            peer = peers[0].site
        else:
            names = "、".join(p.site for p in peers) or "（无）"
            raise SyncRefused(f"请用 --peer 指定对端站点：{names}")
    row = session.get(SyncPeer, peer)
    if row is None:
        raise SyncRefused(f"没有名为“{site_label(peer)}”的同步对端。")
    return row


def export(store, target: Path, peer: str | None = None, actor=None, passphrase: str | None = None) -> ExportResult:
    """Write everything changed since the last exchange with *peer* into a signed package, encrypted with
    *passphrase* when one is given (AES-256-GCM, scrypt; the signature is inside).

    *actor* (else the store's signed-in operator) must be on duty (值班员, 带班领导, 管理员)."""
    from . import sealing
    from .. import cipher

    target = Path(target)
    if target.exists():
        raise SyncRefused(f"目标文件已存在，未作任何改动：{target}")
    if passphrase is not None:
        try:
            cipher.check_passphrase(passphrase, new=True)
        except ValueError as exc:
            raise SyncRefused(f"交换包口令不可用：{exc}未作任何改动。") from None
    with store.transaction(actor) as s:
        _allowed(s, "sync")
        st = _this(s)
        p = _peer(s, st, peer)
        changes = s.scalars(select(SyncChange).where(SyncChange.id > p.sent_change, SyncChange.origin != _from(p.site))
                            .order_by(SyncChange.id)).all()
        grouped: dict[tuple[str, str], list[SyncChange]] = {}
        for c in changes:
            grouped.setdefault((c.entity, c.uid), []).append(c)
        records = []
        counts: dict[str, int] = {}
        held = {(c.entity, c.uid, c.field) for c in s.scalars(select(SyncConflict).where(
            SyncConflict.status == "open", SyncConflict.kind == "field"))}  # sent once a person has decided
        for (entity, uid), cs in sorted(grouped.items(), key=lambda kv: (ORDER.index(kv[0][0]), kv[1][0].id)):
            model = SYNCED[entity]
            obj = s.scalar(select(model).where(model.sync_uid == uid))
            ops = [c.op for c in cs]
            last = cs[-1]
            rec: dict[str, Any] = {"entity": entity, "uid": uid, "who": last.actor_name,
                                   "at": last.at.isoformat()}
            if "delete" in ops:
                if ops[0] == "insert" or obj is not None:
                    continue  # made and removed between two exchanges: nothing to tell
                rec["op"] = "delete"
            elif ops[0] == "insert":
                if obj is None:
                    continue
                rec.update(op="insert", row=_encode(s, obj))
            else:
                if obj is None:
                    continue
                before: dict[str, Any] = {}
                for c in cs:
                    for k, v in c.before.items():
                        before.setdefault(k, v)
                before = {k: v for k, v in before.items() if (entity, uid, k) not in held}
                if not before:
                    continue
                row = _encode(s, obj)
                rec.update(op="update", before=before, after={k: row[k] for k in before if k in row})
            records.append(rec)
            counts[rec["op"]] = counts.get(rec["op"], 0) + 1
        # deletions last and children first: a depot's stock lines go before the depot
        records.sort(key=lambda r: (1, -ORDER.index(r["entity"])) if r["op"] == "delete" else (0, 0))
        content = zlib.compress(json.dumps(records, ensure_ascii=False, separators=(",", ":"),
                                           default=str).encode("utf-8"), 6)
        digest = hashlib.sha256(content).hexdigest()
        seq = p.sent_seq + 1
        manifest = {"format": FORMAT, "schema": migrations.HEAD, "post": st.post_id, "source": st.site,
                    "target": p.site, "seq": seq, "base": p.received_seq, "counts": counts,
                    "records": len(records), "sha256": digest}
        signature = _private_key(st.post_id).sign(_canonical(manifest))
        package = {"manifest": manifest, "signature": signature.hex(),
                   "content": base64.b64encode(content).decode("ascii")}
        tmp = target.with_name(f".{target.name}.part")
        data = json.dumps(package, ensure_ascii=False).encode("utf-8")
        if passphrase is not None:
            data = sealing.seal(data, passphrase, SEALED_MAGIC)
        tmp.write_bytes(data)
        p.sent_seq = seq
        p.sent_change = changes[-1].id if changes else p.sent_change
        p.sent_log = {**p.sent_log, str(seq): p.sent_change}
        tmp.replace(target)
    return ExportResult(target, p.site, seq, counts, target.stat().st_size, digest, passphrase is not None)


def _canonical(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


# --- import ---------------------------------------------------------------------------------------------

@dataclass
class ImportResult:
    source: str
    seq: int
    applied: int = 0
    conflicts: int = 0
    already: bool = False
    sha256: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    applied_by: dict[str, int] = field(default_factory=dict)  # entity label → records merged
    conflicts_by: dict[str, int] = field(default_factory=dict)  # conflict kind label → conflicts kept


def _unsealed(path: Path, data: bytes, passphrase: str | None) -> bytes:
    """The package inside an encrypted one (the signature is checked after this), or SyncRefused."""
    from . import sealing

    try:
        return sealing.unseal(data, passphrase, SEALED_MAGIC)
    except sealing.SealError as exc:
        raise SyncRefused({
            "missing": "交换包已加密，需要口令（--passphrase-file 或环境变量 COMMANDDESK_PASSPHRASE）；未导入任何内容。",
            "header": f"加密交换包的文件头已损坏，未导入任何内容：{path.name}",
        }.get(exc.kind, "交换包口令不正确，或加密交换包被改动过；未导入任何内容。")) from None


def read_package(path: Path, st: SyncState, passphrase: str | None = None) -> tuple[dict, list[dict], str]:
    """(manifest, records, sha256) of a package addressed to this store, or SyncRefused; an encrypted
    package is opened with *passphrase* first."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise SyncRefused(f"交换包不存在：{path}") from exc
    except OSError as exc:
        raise SyncRefused(f"无法读取交换包，未导入任何内容：{path.name}") from exc
    if data.startswith(SEALED_MAGIC):
        data = _unsealed(path, data, passphrase)
    try:
        package = json.loads(data.decode("utf-8"))
        manifest, signature = package["manifest"], bytes.fromhex(package["signature"])
        content = base64.b64decode(package["content"], validate=True)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ValueError("not a package manifest")
    except FileNotFoundError as exc:
        raise SyncRefused(f"交换包不存在：{path}") from exc
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError) as exc:
        raise SyncRefused(f"文件不是有效的交换包或已损坏，未导入任何内容：{path.name}") from exc
    if manifest.get("post") != st.post_id:
        raise SyncRefused("交换包属于另一个指挥部，未导入任何内容。")
    key: Ed25519PublicKey = _private_key(st.post_id).public_key()
    try:
        key.verify(signature, _canonical(manifest))
    except InvalidSignature as exc:
        raise SyncRefused("交换包签名无效（被改动或不是本指挥部签发），未导入任何内容。") from exc
    schema = manifest.get("schema")
    if schema not in migrations.REVISIONS:
        raise SyncRefused(f"交换包来自更新版本的 commanddesk（结构版本 {schema}），请先升级本程序；未导入任何内容。")
    if hashlib.sha256(content).hexdigest() != manifest.get("sha256"):
        raise SyncRefused("交换包内容与清单的校验值不符（已损坏），未导入任何内容。")
    if manifest.get("target") != st.site:
        raise SyncRefused(f"交换包是发给“{site_label(manifest.get('target', ''))}”的，不是本站点，未导入任何内容。")
    try:
        records = json.loads(zlib.decompress(content).decode("utf-8"))
    except (zlib.error, ValueError) as exc:
        raise SyncRefused("交换包内容无法解压，未导入任何内容。") from exc
    return manifest, records, manifest["sha256"]


def import_package(store, path: Path, actor=None, passphrase: str | None = None) -> ImportResult:
    """Apply a package in one transaction: the rest applied, conflicts kept for a person. An encrypted
    package needs its *passphrase*; without it, or with a wrong one, nothing is applied.

    *actor* (else the store's signed-in operator) must be on duty (值班员, 带班领导, 管理员)."""
    from . import audit

    with store.transaction(actor) as s:
        _allowed(s, "sync")
        st = _this(s)
        manifest, records, digest = read_package(path, st, passphrase)
        source = manifest["source"]
        p = s.get(SyncPeer, source)
        if p is None:
            raise SyncRefused(f"交换包来自未登记的站点“{site_label(source)}”，未导入任何内容。")
        seq = int(manifest["seq"])
        result = ImportResult(source, seq, sha256=digest, counts=manifest.get("counts", {}))
        if seq <= p.received_seq:
            result.already = True
            return result
        if seq != p.received_seq + 1:
            raise SyncRefused(f"缺少来自“{site_label(source)}”的第 {p.received_seq + 1} 号交换包，"
                              f"请按顺序导入；未导入任何内容。")
        s.info["sync_origin"] = _from(source)
        unsent = _unsent(s, p, int(manifest.get("base", 0)))
        entity = None
        with s.no_autoflush:  # one flush (and one audit append) per kind of record, parents before children
            for rec in records:
                if rec.get("entity") != entity:
                    s.flush()
                    entity = rec.get("entity")
                outcome = _apply(s, rec, unsent, source, digest)
                what = ENTITY_LABELS.get(rec.get("entity"), str(rec.get("entity")))
                if outcome == "conflict":
                    result.conflicts += 1
                elif outcome == "applied":
                    result.applied += 1
                    result.applied_by[what] = result.applied_by.get(what, 0) + 1
        s.flush()
        for kind, n in s.execute(select(SyncConflict.kind, func.count()).where(SyncConflict.package == digest)
                                 .group_by(SyncConflict.kind)):
            result.conflicts_by[KIND_LABELS.get(kind, kind)] = n
        s.info.pop("_sync_team_moves", None)
        s.info.pop("_sync_team_conflicts", None)
        touched = {i for i in s.info.pop("_sync_touched", set()) if i is not None}
        uids = [r["uid"] for r in records if r.get("entity") == "incident"]
        for i in range(0, len(uids), 500):
            touched.update(s.scalars(select(Incident.id).where(Incident.sync_uid.in_(uids[i:i + 500]))))
        _rederive(s, touched)
        p.received_seq, p.received_hash = seq, digest
        audit.record(s, "sync_import", "sync_peer", source or "post", None,
                     {"source": site_label(source), "package": digest, "seq": seq,
                      "applied": result.applied, "conflicts": result.conflicts})
    return result


def _unsent(s: Session, p: SyncPeer, base: int) -> dict[tuple[str, str], dict]:
    """(entity, uid) → what changed here that the peer had not received when it wrote its package
    (it had our packages up to *base*): fields, deleted, who, when."""
    known = int(p.sent_log.get(str(base), 0)) if base else int(p.sent_log.get("0", 0))
    out: dict[tuple[str, str], dict] = {}
    for c in s.scalars(select(SyncChange).where(SyncChange.id > known, SyncChange.origin != _from(p.site))
                       .order_by(SyncChange.id)):
        d = out.setdefault((c.entity, c.uid), {"fields": set(), "deleted": False, "who": "", "at": ""})
        d["fields"].update(c.before)
        d["deleted"] = d["deleted"] or c.op == "delete"
        d["who"], d["at"] = c.actor_name, c.at.isoformat()
    return out


def _conflict(s: Session, source: str, digest: str, kind: str, rec: dict, field_: str,
              here: dict, there: dict) -> str:
    s.add(SyncConflict(peer=source, package=digest, kind=kind, entity=rec["entity"], uid=rec["uid"],
                       field=field_, here=here, there=there, status="open", reason="", resolved_by=""))
    return "conflict"


def _apply(s: Session, rec: dict, unsent: dict, source: str, digest: str) -> str:
    model = SYNCED.get(rec.get("entity"))
    if model is None:
        return "skipped"
    uid = rec["uid"]
    obj = s.scalar(select(model).where(model.sync_uid == uid))
    mine = unsent.get((rec["entity"], uid))
    there_who = {"who": rec.get("who", ""), "at": rec.get("at", "")}
    here_who = {"who": mine["who"], "at": mine["at"]} if mine else {"who": "", "at": ""}
    if rec["op"] == "insert":
        if obj is not None:
            return "skipped"
        row = rec["row"]
        if model is StockMovement:  # the line is found (or made) here by depot, item and batch
            row = {k: v for k, v in row.items() if k != "stock_line_id"}
        try:
            values = _decode(s, model, row)
        except LookupError:
            return _conflict(s, source, digest, "orphan", rec, "", {"value": None, **here_who},
                             {"value": None, "row": rec["row"], **there_who})
        _touch(s, values.get("incident_id"))
        if model is StockMovement:
            return _insert_movement(s, values, rec, source, digest, there_who)
        if model is TeamStatusChange:
            return _insert_team_change(s, values, rec, unsent, source, digest, there_who)
        if model in REGISTRIES:
            return _insert_registry(s, model, values, rec, source, digest, there_who)
        s.add(model(**values))
        return "applied"
    if rec["op"] == "delete":
        if obj is None:
            return "skipped"
        if mine:
            return _conflict(s, source, digest, "delete", rec, "", {"value": "已修改", **here_who},
                             {"value": "已删除", **there_who})
        _touch(s, obj.id if model is Incident else getattr(obj, "incident_id", None))
        if model in REGISTRIES:
            if not _delete_registry(s, obj):
                return _conflict(s, source, digest, "in_use", rec, "", {"value": "仍在使用", **here_who},
                                 {"value": "已删除", **there_who})
            return "applied"
        s.delete(obj)
        return "applied"
    # update
    if obj is None:
        return _conflict(s, source, digest, "edit_deleted", rec, "", {"value": "已删除", **here_who},
                         {"value": rec["after"], **there_who})
    after = _decode_soft(s, model, rec["after"])
    _touch(s, obj.id if model is Incident else getattr(obj, "incident_id", None))
    stopped = False
    for key, value in after.items():
        current = getattr(obj, key)
        if _plain(current) == _plain(value):
            _agree(s, rec["entity"], uid, key)
            continue
        if mine and key in mine["fields"]:
            merged = _merge_keys(rec.get("before", {}).get(key), value, current)
            if merged is not None:  # e.g. deaths changed there, injuries here: both kept
                setattr(obj, key, merged)
                continue
            _conflict(s, source, digest, "field", rec, key, {"value": _plain(current), **here_who},
                      {"value": rec["after"][key], **there_who})
            stopped = True
            continue
        setattr(obj, key, value)
    return "conflict" if stopped else "applied"


def _insert_registry(s: Session, model: type, values: dict, rec: dict, source: str, digest: str,
                     there_who: dict) -> str:
    """A depot, item, team, contact … made on the other side; one whose code or name this side has given to
    a record of its own meanwhile is kept for a person (``clash``) instead of failing the whole import."""
    if model is StockLine:
        values = {**values, "quantity": 0}  # its balance arrives with its movements (ledger.check holds)
    s.flush()
    try:
        with s.begin_nested():
            s.add(model(**values))
            s.flush()
    except IntegrityError:
        name = values.get("name") or values.get("code") or values.get("batch") or ""
        return _conflict(s, source, digest, "clash", rec, "", {"value": "本方已有同编号或同名记录"},
                         {"value": name, "row": rec["row"], **there_who})
    return "applied"


def _delete_registry(s: Session, obj: Base) -> bool:
    """Delete *obj* unless this side still uses it (a depot with movements, an item in stock, a team with
    dispatches): tried in a savepoint, so a refusal by the database leaves the rest of the import standing."""
    s.flush()
    try:
        with s.begin_nested():
            s.delete(obj)
            s.flush()
    except IntegrityError:
        return False
    return True


def _merge_keys(base: Any, there: Any, here: Any) -> dict | None:
    """Three-way merge of a dict field (counts) key by key; None when a key changed on both sides differently."""
    if not (isinstance(base, dict) and isinstance(there, dict) and isinstance(here, dict)):
        return None
    merged = dict(here)
    for k in set(base) | set(there):
        b, t, h = base.get(k), there.get(k), here.get(k)
        if t == b or t == h:
            continue
        if h != b:
            return None
        if k in there:
            merged[k] = t
        else:
            merged.pop(k, None)
    return merged


def _agree(s: Session, entity: str, uid: str, key: str) -> None:
    """An open conflict on a field both sides now hold the same value of is closed as agreed."""
    for c in s.scalars(select(SyncConflict).where(SyncConflict.status == "open", SyncConflict.entity == entity,
                                                  SyncConflict.uid == uid, SyncConflict.field == key)):
        c.status, c.reason = "agreed", "两边已一致"


def _decode_soft(s: Session, model: type, values: dict) -> dict:
    out = {}
    for key, value in values.items():
        try:
            out.update(_decode(s, model, {key: value}))
        except LookupError:
            continue
    return out


def _insert_movement(s: Session, values: dict, rec: dict, source: str, digest: str, there_who: dict) -> str:
    line = s.scalar(select(StockLine).where(StockLine.warehouse_id == values["warehouse_id"],
                                            StockLine.item_id == values["item_id"],
                                            StockLine.batch == values.get("batch", "")))
    have = line.quantity if line is not None else 0
    if have + values["quantity"] < 0:
        last = s.scalar(select(StockMovement).where(StockMovement.stock_line_id == line.id)
                        .order_by(StockMovement.id.desc()).limit(1)) if line is not None else None
        return _conflict(s, source, digest, "stock", rec, "quantity",  # here: the stock and its last movement
                         {"value": have, "who": last.actor_name if last else "",
                          "at": last.at.isoformat() if last else ""},
                         {"value": values["quantity"], "row": rec["row"], **there_who})
    if line is None:
        line = StockLine(warehouse_id=values["warehouse_id"], item_id=values["item_id"],
                         batch=values.get("batch", ""), expires_on=values.get("expires_on"), quantity=0)
        s.add(line)
        s.flush()
    line.quantity = have + values["quantity"]
    values["stock_line_id"] = line.id
    values["balance_after"] = line.quantity
    s.add(StockMovement(**values))
    return "applied"


def _team_moves(s: Session, unsent: dict) -> dict[int, dict]:
    """team id → this side's latest status change the peer had not received: status, who, when."""
    if "_sync_team_moves" not in s.info:
        uids = [uid for (entity, uid) in unsent if entity == "team_status_change"]
        moves: dict[int, dict] = {}
        for i in range(0, len(uids), 500):
            for ch in s.scalars(select(TeamStatusChange).where(TeamStatusChange.sync_uid.in_(uids[i:i + 500]))
                                .order_by(TeamStatusChange.at, TeamStatusChange.id)):
                moves[ch.team_id] = {"status": ch.to_status, "who": ch.actor_name, "at": ch.at.isoformat()}
        s.info["_sync_team_moves"] = moves
    return s.info["_sync_team_moves"]


def _insert_team_change(s: Session, values: dict, rec: dict, unsent: dict, source: str, digest: str,
                        there_who: dict) -> str:
    """A team's status change from the other side: kept as history, and the team takes that status,
    unless this side moved the same team meanwhile to another status (a conflict for a person)."""
    s.add(TeamStatusChange(**values))
    team = s.get(RescueTeam, values["team_id"])
    if team is None:
        return "applied"
    mine = _team_moves(s, unsent).get(team.id)
    if mine is not None and mine["status"] != values["to_status"]:
        open_ = s.info.setdefault("_sync_team_conflicts", {})
        there = {"value": values["to_status"], "team_id": team.id, "team": team.name, **there_who}
        if team.id in open_:  # a later move of the same team in the same package: the latest is what they hold
            open_[team.id].there = there
            return "applied"
        open_[team.id] = SyncConflict(peer=source, package=digest, kind="team", entity=rec["entity"], uid=rec["uid"],
                                      field="status", here={"value": team.status, "team": team.name,
                                                            "who": mine["who"], "at": mine["at"]},
                                      there=there, status="open", reason="", resolved_by="")
        s.add(open_[team.id])
        return "conflict"
    if mine is not None or team.status == values["to_status"]:
        return "applied"  # both sides agree on where the team is
    team.status = values["to_status"]
    return "applied"


def _touch(s: Session, incident_id: int | None) -> None:
    if incident_id is not None:
        s.info.setdefault("_sync_touched", set()).add(incident_id)


def _rederive(s: Session, incident_ids: set[int]) -> None:
    """After a merge: the clocks of the incidents it touched from their facts; the ledger's invariant checked."""
    from . import clocks, ledger

    now = s.info["clock"].now()
    ids = sorted(incident_ids)
    found: list[Incident] = []
    for i in range(0, len(ids), 500):  # with their calls and events in three queries, not two per incident
        found += s.scalars(select(Incident).where(Incident.id.in_(ids[i:i + 500]))
                           .options(selectinload(Incident.calls), selectinload(Incident.events))).all()
    with s.no_autoflush:  # every incident's clocks derived, then one flush (one audit entry), not one each
        for inc in found:
            clocks.sync(s, inc, now, flush=False)
    s.flush()
    for inc in found:
        clocks.meet_unit_call(s, inc)
    s.flush()
    problems = ledger.check(s)
    if problems:
        raise SyncRefused("合并后库存台账不一致，未导入任何内容：" + "；".join(problems[:3]))


# --- conflicts ------------------------------------------------------------------------------------------

def conflicts(session: Session, open_only: bool = True) -> list[SyncConflict]:
    stmt = select(SyncConflict).order_by(SyncConflict.id)
    if open_only:
        stmt = stmt.where(SyncConflict.status == "open")
    return list(session.scalars(stmt))


FIELD_LABELS = {"counts": "伤亡人数", "predicted": "预测人数", "grade": "事件等级", "status": "状态", "title": "标题",
                "summary": "概况", "type": "事件类型", "category": "事件类别", "place_text": "地点",
                "quantity": "数量", "response_level": "响应级别", "flags": "标记", "warning": "预警",
                "occurred_at": "发生时间", "task": "任务", "name": "名称", "code": "编号", "mobile": "手机",
                "office_phone": "办公电话", "post": "职务", "phone": "电话", "address": "地址", "manager": "负责人",
                "capacity": "容量", "notes": "备注", "leader": "负责人", "duty_phone": "值班电话",
                "headcount": "总人数", "on_duty": "在岗人数", "batch": "批次", "expires_on": "到期日期",
                "unit": "计量单位", "spec": "规格", "": ""}
OP_LABELS = {"insert": "新增", "update": "修改", "delete": "删除"}
STATUS_LABELS = {"open": "待处理", "here": "已保留本方", "there": "已采用对方", "agreed": "两边已一致"}
ENTITY_LABELS = {name: model.__label__ for name, model in SYNCED.items()}


def _shown(value: Any) -> str:
    if isinstance(value, dict):  # counts: 死亡 5，疏散转移 230 (the labels the incident page uses)
        from .incidents import COUNT_LABELS

        return "，".join(f"{COUNT_LABELS.get(k, k)} {v}" for k, v in value.items()) or "（空）"
    return "（空）" if value is None or value == "" else str(value)


def _when(text_: str) -> str:
    from ..clock import format_beijing

    try:
        return format_beijing(datetime.fromisoformat(text_))
    except (TypeError, ValueError):
        return text_ or ""


def conflict_row(c: SyncConflict) -> dict[str, Any]:
    """A conflict side by side, for the command line and a screen."""
    return {"id": c.id, "kind": c.kind, "kind_label": KIND_LABELS.get(c.kind, c.kind), "entity": c.entity,
            "entity_label": ENTITY_LABELS.get(c.entity, c.entity), "uid": c.uid, "field": c.field,
            "field_label": FIELD_LABELS.get(c.field, c.field), "peer": site_label(c.peer), "status": c.status,
            "status_label": STATUS_LABELS.get(c.status, c.status), "reason": c.reason,
            "here": {"value": c.here.get("value"), "text": _shown(c.here.get("value")),
                     "who": c.here.get("who", ""), "at": _when(c.here.get("at", ""))},
            "there": {"value": c.there.get("value"), "text": _shown(c.there.get("value")),
                      "who": c.there.get("who", ""), "at": _when(c.there.get("at", ""))}}


def conflict_rows(session: Session, open_only: bool = True) -> list[dict[str, Any]]:
    """The conflicts side by side, each with what it is about (incident number and title, team, stock line)
    and, for an over-issue, what is in stock here now and what the other side issued."""
    from . import dispatch as dispatch_svc
    from . import sites

    rows = []
    for c in conflicts(session, open_only):
        row = conflict_row(c)
        model = SYNCED.get(c.entity)
        obj = session.scalar(select(model).where(model.sync_uid == c.uid)) if model is not None else None
        inc = obj if isinstance(obj, Incident) else None
        if inc is None and obj is not None and getattr(obj, "incident_id", None):
            inc = session.get(Incident, obj.incident_id)
        if inc is None and c.kind in ("stock", "orphan", "edit_deleted") and isinstance(c.there.get("row"), dict):
            ref = c.there["row"].get("incident_id")
            if isinstance(ref, dict):
                inc = session.scalar(select(Incident).where(Incident.sync_uid == ref.get("uid")))
        subject = ""
        if obj is not None and model in REGISTRIES:
            subject = f"{model.__label__}：{getattr(obj, 'name', '') or getattr(obj, 'code', '') or obj.id}"
        elif c.kind == "clash":
            subject = f"{model.__label__}：{c.there.get('value', '')}" if model is not None else ""
        if inc is not None:
            subject = f"{sites.incident_heading(inc.sync_site, inc.site_number, inc.id)} {inc.title}"
        if c.kind == "team":
            subject = f"队伍：{c.there.get('team', '')}"
            for side in ("here", "there"):
                code = row[side]["value"]
                row[side]["text"] = dispatch_svc.STATUS_LABELS.get(code, str(code))
        if c.kind == "stock" and isinstance(c.there.get("row"), dict):
            r = {**c.there["row"], **_decode_soft(session, StockMovement, {
                k: c.there["row"].get(k) for k in ("warehouse_id", "item_id") if k in c.there["row"]})}
            line = session.scalar(select(StockLine).where(StockLine.warehouse_id == r.get("warehouse_id"),
                                                          StockLine.item_id == r.get("item_id"),
                                                          StockLine.batch == r.get("batch", "")))
            available = line.quantity if line is not None else 0
            asked = -int(r.get("quantity") or 0)
            names = _stock_names(session, r.get("warehouse_id"), r.get("item_id"))
            subject = f"{names}{('；' + subject) if subject else ''}"
            row["available"], row["asked"] = available, asked
            row["here"]["text"] = f"库存 {available}"
            row["there"]["text"] = f"发放 {asked}（{r.get('doc_number', '')}）"
        row["subject"] = subject
        rows.append(row)
    return rows


def _stock_names(session: Session, warehouse_id: Any, item_id: Any) -> str:
    from ..models import MaterialItem, Warehouse

    w = session.get(Warehouse, warehouse_id) if isinstance(warehouse_id, int) else None
    i = session.get(MaterialItem, item_id) if isinstance(item_id, int) else None
    return f"{getattr(w, 'name', '')} {getattr(i, 'name', '')}".strip()


KIND_LABELS = {"field": "同一字段两边都改了", "delete": "对方删除、本方修改", "edit_deleted": "本方删除、对方修改",
               "stock": "库存不足（两边都发放）", "orphan": "所属记录不在本库", "team": "两边都改了队伍状态",
               "clash": "两边新建了同编号或同名的记录", "in_use": "对方删除、本方仍在使用"}


@dataclass(frozen=True)
class Choice:
    """A person's decision on one conflict: keep *here* (本地) or take *there* (对方), why, and for an
    over-issue (kind stock, there) how much of the other side's issue to book (None: all of it)."""

    conflict_id: int
    keep: str
    reason: str
    quantity: int | None = None


def resolve(store, conflict_id: int, keep: str, reason: str, quantity: int | None = None,
            actor=None) -> SyncConflict:
    """Record a person's choice on a conflict (here or there), with a reason; audited."""
    return resolve_many(store, [Choice(conflict_id, keep, reason, quantity)], actor)[0]


def resolve_many(store, choices: list[Choice], actor=None) -> list[SyncConflict]:
    """Apply several decisions in one transaction (all or none), each audited with its reason; then the
    touched incidents' clocks are re-derived and the ledger checked. *actor* (else the store's signed-in
    operator) must be on duty (值班员, 带班领导, 管理员)."""
    from . import audit

    if not choices:
        raise SyncRefused("没有要处理的冲突。")
    for ch in choices:
        if not (ch.reason or "").strip():
            raise SyncRefused(f"冲突 {ch.conflict_id}：请写明处理理由（--reason）。")
        if ch.keep not in ("here", "there"):
            raise SyncRefused("--keep 只能是 here（保留本方）或 there（采用对方）。")
    done: list[SyncConflict] = []
    with store.transaction(actor) as s:
        _allowed(s, "sync")
        who = getattr(s.info.get("actor"), "name", "系统")
        now = s.info["clock"].now()
        touched: set[int] = set()
        for ch in choices:
            c, incident_id = _resolve_one(s, ch.conflict_id, ch.keep, ch.reason.strip(), ch.quantity, who, now)
            c.status, c.reason = ch.keep, ch.reason.strip()
            c.resolved_at, c.resolved_by = now, who
            if incident_id is not None:
                touched.add(incident_id)
            done.append(c)
            s.flush()
            audit.record(s, "sync_resolve", "sync_conflict", str(c.id), None,
                         {"keep": ch.keep, "reason": ch.reason.strip(), "field": c.field, "entity": c.entity,
                          "kind": c.kind, **({"quantity": ch.quantity} if ch.quantity is not None else {})})
        _rederive(s, touched | {i for i in s.info.pop("_sync_touched", set()) if i is not None})
    return done


def _resolve_one(s: Session, conflict_id: int, keep: str, reason: str, quantity: int | None, who: str,
                 now: datetime) -> tuple[SyncConflict, int | None]:
    c = s.get(SyncConflict, conflict_id)
    if c is None:
        raise SyncRefused(f"没有编号为 {conflict_id} 的同步冲突。")
    if c.status != "open":
        raise SyncRefused(f"冲突 {conflict_id} 已处理（{STATUS_LABELS.get(c.status, c.status)}），未作改动。")
    if quantity is not None and not (c.kind == "stock" and keep == "there"):
        raise SyncRefused(f"冲突 {conflict_id}：只有库存冲突采用对方时可以指定数量。")
    model = SYNCED[c.entity]
    obj = s.scalar(select(model).where(model.sync_uid == c.uid))
    if c.kind == "team":
        return c, _resolve_team(s, c, keep, reason, who, now)
    if keep == "there":
        if c.kind == "field" and obj is not None:
            setattr(obj, c.field, _decode(s, model, {c.field: c.there["value"]})[c.field])
        elif c.kind == "delete" and obj is not None:
            s.delete(obj)
        elif c.kind == "in_use" and obj is not None:
            if not _delete_registry(s, obj):
                raise SyncRefused(f"冲突 {conflict_id}：该记录本方仍在使用（有关联记录），不能删除；请保留本方并写明理由。")
        elif c.kind == "clash":
            raise SyncRefused(f"冲突 {conflict_id}：本方已有同编号或同名的记录，无法采用对方的；"
                              "请保留本方，需要时改了编号或名称后再由对方重新登记。")
        elif c.kind in ("stock", "orphan"):
            try:
                values = _decode(s, model, c.there["row"])
            except LookupError as exc:
                raise SyncRefused("所属记录仍不在本库，无法采用对方的记录。") from exc
            if model is StockMovement:
                asked = -int(values["quantity"])
                if quantity is not None:
                    if not 0 < quantity <= asked:
                        raise SyncRefused(f"冲突 {conflict_id}：数量应在 1 至 {asked} 之间。")
                    if quantity != asked:
                        values["quantity"] = -quantity
                        values["reason"] = f"{values.get('reason', '')}（同步冲突处理：对方发放 {asked}，" \
                                           f"按库存记 {quantity}；{reason}）"
                if _insert_movement(s, values, {"entity": c.entity, "uid": c.uid, "row": c.there["row"]},
                                    c.peer, c.package, {}) == "conflict":
                    raise SyncRefused(f"冲突 {conflict_id}：库存仍然不足，无法记入对方的发放；未作改动。")
                return c, values.get("incident_id")
            s.add(model(**values))
            return c, values.get("incident_id") if model is not Incident else None
        elif c.kind == "edit_deleted":
            raise SyncRefused(f"冲突 {conflict_id}：本方已删除该记录，无法采用对方的修改；请保留本方并写明理由。")
    else:  # keep here: tell the peer our value at the next exchange
        if c.kind == "field" and obj is not None:
            s.add(SyncChange(entity=c.entity, uid=c.uid, op="update", before={c.field: c.there["value"]},
                             origin="", at=now, actor_name=who))
        elif c.kind in ("delete", "in_use") and obj is not None:
            s.add(SyncChange(entity=c.entity, uid=c.uid, op="insert", before={}, origin="", at=now, actor_name=who))
    if obj is None:
        return c, None
    return c, obj.id if isinstance(obj, Incident) else getattr(obj, "incident_id", None)


def _resolve_team(s: Session, c: SyncConflict, keep: str, reason: str, who: str, now: datetime) -> int | None:
    """Both sides moved one team while apart: the chosen status is written as a new status change (history
    kept both ways), which the next package carries, so both sides end with the same status."""
    team = s.get(RescueTeam, c.there.get("team_id"))
    if team is None:
        raise SyncRefused(f"冲突 {c.id}：队伍已不在本库。")
    target = c.there["value"] if keep == "there" else c.here["value"]
    actor = s.info.get("actor")
    s.add(TeamStatusChange(team_id=team.id, at=now, from_status=team.status if keep == "there" else c.there["value"],
                           to_status=target, incident_id=None, dispatch_id=None,
                           reason=f"同步冲突处理：{'采用对方' if keep == 'there' else '保留本方'}（{reason}）",
                           actor_id=getattr(actor, "operator_id", None), actor_name=who))
    team.status = target
    return None
