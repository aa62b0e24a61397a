"""The evidence bundle of one incident for an accountability review: signed, optionally encrypted (no Qt).

A bundle is a zip file:

- ``incident.json``: the incident row and every row that hangs off it (calls, gradings, clocks,
  reports with their recipients and sends, dispatches, plan tasks, materials …), as stored;
- ``timeline.json``: its timeline events in order;
- ``audit.jsonl``: every audit entry about those rows, whole (what changed, who, when, the row digest);
- ``chain.jsonl``: (id, prev_hash, hash) of every entry from the first of those to the log's head,
  so a reviewer can see the entries link up to the head hash printed on handover records and
  daily reports (``verify`` recomputes each whole entry's hash and checks every link);
- ``manifest.json``: the incident, the store, when and by whom, the head, each file's SHA-256 and
  size, and the Ed25519 public key that signed it;
- ``reports/<id>-<kind>.pdf``: each written report as printed (when the caller can render PDFs);
- ``manifest.sig``: the signature over the manifest, made with the post's key (the one its sync
  packages are signed with).

With a passphrase the whole zip is sealed with AES-256-GCM, the key from the passphrase by scrypt
(n=2^15, r=8, p=1, a random salt); the header (format, KDF parameters, nonce) is authenticated too.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import AuditEntry, Base, Incident
from . import audit, sealing

FORMAT = "commanddesk-evidence-1"
SEALED_MAGIC = b"CDEVIDENCE-AESGCM-1\n"
MAX_BUNDLE = 1 << 30  # a bundle read for verification is refused above 1 GiB (and each member above it)
FILES = ("incident.json", "timeline.json", "audit.jsonl", "chain.jsonl")


class EvidenceRefused(UserError):
    """The bundle cannot be made or read; nothing was written."""


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def _rows(session: Session, incident_id: int) -> dict[str, list[dict]]:
    """The incident's row and the rows of every table that references it, then of those that reference them."""
    tables = Base.metadata.tables
    found: dict[str, list[dict]] = {"incident": [dict(r._mapping) for r in session.execute(
        select(tables["incident"]).where(tables["incident"].c.id == incident_id))]}
    for _level in range(2):
        ids = {name: {r["id"] for r in rows if "id" in r} for name, rows in found.items()}
        for name, table in tables.items():
            if name in found or name == "audit_log":
                continue
            for fk in table.foreign_keys:
                target = fk.column.table.name
                if target in ids and ids[target] and fk.column.name == "id":
                    rows = session.execute(select(table).where(fk.parent.in_(sorted(ids[target])))).all()
                    if rows:
                        pk = [c.name for c in table.primary_key.columns]
                        have = found.setdefault(name, [])
                        seen = {tuple(r[c] for c in pk) for r in have}
                        for r in rows:
                            d = dict(r._mapping)
                            if tuple(d[c] for c in pk) not in seen:
                                seen.add(tuple(d[c] for c in pk))
                                have.append(d)
    for name, table in tables.items():  # keep each table's rows in primary-key order
        if name in found:
            pk = [c.name for c in table.primary_key.columns]
            found[name].sort(key=lambda r: tuple(str(r[c]).zfill(12) for c in pk))
    return found


def _identities(rows: dict[str, list[dict]]) -> dict[str, set[str]]:
    tables = Base.metadata.tables
    out: dict[str, set[str]] = {}
    for name, items in rows.items():
        pk = [c.name for c in tables[name].primary_key.columns]
        out[name] = {"/".join(str(r[c]) for c in pk) for r in items}
    return out


def _entry_dict(e: AuditEntry) -> dict:
    return {"id": e.id, "at": e.at.isoformat(), "actor_id": e.actor_id, "actor_name": e.actor_name,
            "action": e.action, "entity": e.entity, "entity_id": e.entity_id, "before": e.before,
            "after": e.after, "digest": e.digest, "prev_hash": e.prev_hash, "hash": e.hash}


def _dump(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, default=_plain).encode("utf-8")


def _lines(items) -> bytes:
    return b"".join(json.dumps(i, ensure_ascii=False, separators=(",", ":"), default=_plain).encode("utf-8") + b"\n"
                    for i in items)


def canonical(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def signing_key(session: Session, create: bool = True):
    """The post's Ed25519 key (its sync key; made for a store that has none yet if *create*, never on a vehicle)."""
    from . import sync
    from ..models import SyncState

    st = session.scalar(select(SyncState))
    if st is not None:
        try:
            return sync._private_key(st.post_id, create=create and st.role == "post")  # noqa: SLF001 - one key per post
        except UserError as exc:
            raise EvidenceRefused(exc.message) from None
    sid = audit.store_id(session.connection())
    if not sid:
        raise EvidenceRefused("数据库没有标识（audit_seal），无法签名证据包。")
    try:
        return sync._private_key(sid, create=create)  # noqa: SLF001
    except UserError as exc:
        raise EvidenceRefused(exc.message) from None


@dataclass(frozen=True)
class Bundle:
    """What ``build`` wrote."""

    target: Path
    size: int
    files: dict[str, str]  # name -> SHA-256
    entries: int  # audit entries about the incident
    chain: int  # links from the first of them to the head
    public_key: str
    encrypted: bool


def build(session: Session, incident_id: int, target: Path | str, *, clock, passphrase: str | None = None,
          render=None) -> Bundle:
    """Write the evidence bundle of incident *incident_id* to *target* (never over an existing file).

    *render* (a ReportDocument -> PDF bytes; the caller brings Qt) adds each written report of the
    incident as ``reports/<id>-<kind>.pdf``, listed and hashed in the manifest like the rest.
    """
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    target = Path(target).expanduser()
    if target.exists():
        raise EvidenceRefused(f"目标文件已存在，未作任何改动：{target}")
    if not target.parent.is_dir():
        raise EvidenceRefused(f"目标所在的文件夹不存在：{target.parent}")
    from . import auth

    auth.require(session.info.get("actor"), auth.Permission.HANDLE_INCIDENT, "导出证据包")
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise EvidenceRefused(f"没有编号为 {incident_id} 的事件。")
    rows = _rows(session, incident_id)
    wanted = _identities(rows)
    entries = []
    for name, idents in wanted.items():
        for chunk in _chunks(sorted(idents), 500):
            entries += session.scalars(select(AuditEntry).where(AuditEntry.entity == name,
                                                                AuditEntry.entity_id.in_(chunk))).all()
    entries.sort(key=lambda e: e.id)
    head = session.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    first = entries[0].id if entries else (head[0] if head else 0)
    chain = session.execute(select(AuditEntry.id, AuditEntry.prev_hash, AuditEntry.hash)
                            .where(AuditEntry.id >= first).order_by(AuditEntry.id)).all()
    timeline = rows.get("timeline_event", [])
    timeline = sorted(timeline, key=lambda r: (str(r.get("at") or r.get("occurred_at") or ""), r.get("id", 0)))
    contents = {
        "incident.json": _dump({name: items for name, items in rows.items()}),
        "timeline.json": _dump(timeline),
        "audit.jsonl": _lines(_entry_dict(e) for e in entries),
        "chain.jsonl": _lines({"id": i, "prev_hash": p, "hash": h} for i, p, h in chain),
    }
    if render is not None:
        from . import reports

        for report in reports.for_incident(session, incident_id):
            name = f"reports/{report.id}-{reports.kind_label(report)}.pdf"
            contents[name] = render(reports.document(session, report, exercise=incident.is_drill))
    key = signing_key(session)
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    actor = session.info.get("actor")
    manifest = {
        "format": FORMAT, "incident": {"id": incident.id, "title": incident.title},
        "store_id": audit.store_id(session.connection()), "made_at": clock.now().isoformat(),
        "made_by": actor.name if actor is not None else "", "head": {"id": head[0], "hash": head[1]} if head else None,
        "entries": len(entries), "chain_from": first,
        "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in contents.items()},
        "public_key": public,
    }
    signature = key.sign(canonical(manifest)).hex()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", _dump(manifest))
        z.writestr("manifest.sig", signature + "\n")
        for name, data in contents.items():
            z.writestr(name, data)
    data = buf.getvalue()
    if passphrase is not None:
        data = seal(data, passphrase)
    _write_new(target, data)
    audit.record(session, "evidence_export", "incident", str(incident.id), after={
        "file": target.name, "sha256": hashlib.sha256(data).hexdigest(), "encrypted": passphrase is not None,
        "entries": len(entries)})
    return Bundle(target, len(data), {n: m["sha256"] for n, m in manifest["files"].items()}, len(entries),
                  len(chain), public, passphrase is not None)


def _chunks(items: list, n: int):
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _write_new(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        tmp.write_bytes(data)
        os.link(tmp, target)  # never over a file that appeared meanwhile
    except FileExistsError:
        raise EvidenceRefused(f"目标文件已存在，未作任何改动：{target}") from None
    except OSError as exc:
        raise EvidenceRefused(f"无法写入证据包：{exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


# --- sealing with a passphrase ------------------------------------------------------------------------

def seal(data: bytes, passphrase: str) -> bytes:
    """*data* encrypted and authenticated under *passphrase* (AES-256-GCM, scrypt: services/sealing.py)."""
    try:
        return sealing.seal(data, passphrase, SEALED_MAGIC)
    except ValueError as exc:
        raise EvidenceRefused(str(exc)) from None


def is_sealed(data: bytes) -> bool:
    return sealing.is_sealed(data, SEALED_MAGIC)


def file_is_sealed(path: Path) -> bool:
    """Whether the file at *path* is a bundle sealed with a passphrase (False if it cannot be read)."""
    return sealing.file_is_sealed(path, SEALED_MAGIC)


def unseal(data: bytes, passphrase: str | None) -> bytes:
    """The zip inside a sealed bundle; EvidenceRefused without the right passphrase or when it was altered."""
    try:
        return sealing.unseal(data, passphrase, SEALED_MAGIC)
    except sealing.SealError as exc:
        raise EvidenceRefused({
            "missing": "证据包已加密，需要口令（--bundle-passphrase-file 或环境变量 COMMANDDESK_BUNDLE_PASSPHRASE）。",
            "header": "加密证据包的文件头已损坏。",
        }.get(exc.kind, "口令不正确，或加密证据包被改动过。")) from None


# --- verification -------------------------------------------------------------------------------------

@dataclass
class Check:
    """What ``verify`` found; ``ok`` only when nothing is wrong."""

    manifest: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    encrypted: bool = False
    key_known: bool | None = None  # the signer is this post's key (None: no key to compare here)

    @property
    def ok(self) -> bool:
        return not self.problems

    def message(self) -> str:
        inc = self.manifest.get("incident") or {}
        head = self.manifest.get("head") or {}
        if self.ok:
            who = {True: "，签名密钥是本指挥部的", False: "，但签名密钥不是本指挥部的", None: ""}[self.key_known]
            return (f"证据包完整：事件 #{inc.get('id')}“{inc.get('title', '')}”，{self.manifest.get('entries', 0)} 条审计记录，"
                    f"哈希链接到第 {head.get('id')} 条（{str(head.get('hash', ''))[:16]}…），签名有效{who}"
                    f"（公钥 {self.manifest.get('public_key', '')[:16]}…）。")
        return "证据包未通过校验：" + "；".join(self.problems[:10]) + ("…" if len(self.problems) > 10 else "")


def verify(path: Path | str, passphrase: str | None = None, expected_key: str | None = None) -> Check:
    """Check a bundle read-only: decrypt, signature, each file's hash, each entry's hash, every link."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    path = Path(path).expanduser()
    try:
        if path.stat().st_size > MAX_BUNDLE:
            raise EvidenceRefused(f"文件过大，不是证据包：{path}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise EvidenceRefused(f"证据包不存在：{path}") from None
    except IsADirectoryError:
        raise EvidenceRefused(f"这是一个目录，不是证据包：{path}") from None
    except OSError as exc:
        raise EvidenceRefused(f"无法读取证据包：{exc.strerror or exc}") from None
    check = Check(encrypted=is_sealed(data))
    if check.encrypted:
        data = unseal(data, passphrase)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = {i.filename: i for i in z.infolist()}
            for name in ("manifest.json", "manifest.sig"):
                if name not in members:
                    raise EvidenceRefused(f"不是证据包（缺少 {name}）：{path.name}")
            if any(i.file_size > MAX_BUNDLE for i in members.values()):
                raise EvidenceRefused(f"证据包中的文件过大：{path.name}")
            manifest = json.loads(z.read("manifest.json").decode("utf-8"))
            signature = bytes.fromhex(z.read("manifest.sig").decode("ascii").strip())
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise EvidenceRefused(f"不是证据包（格式不符）：{path.name}")
            check.manifest = manifest
            contents = {n: z.read(n) for n in manifest.get("files", {}) if n in members}
    except EvidenceRefused:
        raise
    except (zipfile.BadZipFile, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError, EOFError) as exc:
        raise EvidenceRefused(f"文件不是证据包或已损坏：{path.name}") from exc
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(manifest["public_key"])).verify(signature, canonical(manifest))
    except (InvalidSignature, ValueError, KeyError, TypeError):
        check.problems.append("清单的签名无效（清单被改动，或不是所写的密钥签的）")
    if expected_key is not None:
        check.key_known = manifest.get("public_key") == expected_key
        if not check.key_known:
            check.problems.append("签名密钥不是本指挥部的")
    damaged = False
    listed = manifest.get("files", {})
    for name in dict.fromkeys([*FILES, *(listed if isinstance(listed, dict) else {})]):
        meta = listed.get(name) if isinstance(listed, dict) else None
        if meta is None or name not in contents:
            check.problems.append(f"缺少 {name}")
            damaged = True
        elif hashlib.sha256(contents[name]).hexdigest() != meta.get("sha256"):
            check.problems.append(f"{name} 与清单的校验值不符")
            damaged = True
    if not damaged:  # the files are the ones the manifest names: each entry and link is checked, signed or not
        _check_chain(contents, manifest, check)
    return check


def _check_chain(contents: dict[str, bytes], manifest: dict, check: Check) -> None:
    try:
        entries = [json.loads(line) for line in contents["audit.jsonl"].decode("utf-8").splitlines() if line]
        links = [json.loads(line) for line in contents["chain.jsonl"].decode("utf-8").splitlines() if line]
    except (ValueError, UnicodeDecodeError):
        check.problems.append("审计记录无法读取")
        return
    try:
        _links_and_entries(entries, links, manifest, check)
    except (KeyError, TypeError, ValueError, AttributeError):
        check.problems.append("审计记录或哈希链的格式不对")


def _links_and_entries(entries: list, links: list, manifest: dict, check: Check) -> None:
    by_id = {link["id"]: link for link in links}
    for e in entries:
        got = audit.entry_hash(e["prev_hash"], datetime.fromisoformat(e["at"]), e["actor_id"], e["actor_name"],
                               e["action"], e["entity"], e["entity_id"], e["before"], e["after"], e["digest"])
        if got != e["hash"]:
            check.problems.append(f"第 {e['id']} 条审计记录的内容与其哈希不符")
        link = by_id.get(e["id"])
        if link is None or link["hash"] != e["hash"] or link["prev_hash"] != e["prev_hash"]:
            check.problems.append(f"第 {e['id']} 条审计记录不在哈希链中")
    for before, after in zip(links, links[1:]):
        if after["id"] != before["id"] + 1 or after["prev_hash"] != before["hash"]:
            check.problems.append(f"哈希链在第 {before['id']} 条之后断开")
            break
    head = manifest.get("head") or {}
    if links and (links[-1]["id"] != head.get("id") or links[-1]["hash"] != head.get("hash")):
        check.problems.append("哈希链的末尾与清单中的链头不符")
