"""Rotating automatic backups of a SQLite store, and restoring one by a leader or administrator. No Qt.

Where: one folder per store under the user data directory (platformdirs), ``backups/<name>-<8 hex>``
where the hex is from the store's full path, so two stores of the same name never mix. A backup is
``<name>-YYYYMMDD-HHMMSS-<kind>.sqlite`` (Beijing time by the store's clock; kind ``start``,
``daily`` or ``manual``), made by ``backup.backup`` (SQLite's online backup API, the copy checked
with integrity_check and the audit verification; an encrypted store's backup has the same key).

When: on start (unless an automatic backup was made within the last hour: a seat restarted many
times must not rotate the older backups away), and once a Beijing calendar day: the first check
after midnight finds no backup of today and makes one. The app asks ``due`` every minute with the
store's clock. Settings (the post's, administrators change them): ``backup_auto`` ("0": off) and
``backup_keep`` (how many automatic backups are kept; the oldest beyond that are deleted after a
new one succeeded). Backups by hand (立即备份, ``manual``) are never rotated away.

A backup that fails (disk full, folder not writable, the copy failing its integrity check) is
removed, logged and reported as an Outcome with a Chinese message: it never raises into the shift.
A PostgreSQL store, an in-memory store, the demo and drill workspaces are not backed up here.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..clock import BEIJING, format_beijing, to_beijing
from ..errors import PermissionDenied, UserError

log = logging.getLogger("commanddesk")

AUTO_KEY, KEEP_KEY = "backup_auto", "backup_keep"
KINDS = {"start": "启动时", "daily": "每日", "manual": "手动", "upgrade": "升级前", "replaced": "恢复前旁存"}
AUTOMATIC = ("start", "daily")
START_GAP = timedelta(hours=1)  # no start backup within this long of the last automatic one
SPARE_BYTES = 50 * 1024 * 1024  # free space wanted beyond the store's size
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>start|daily|manual)\.sqlite$")
RESTORE_ROLES = ("shift_leader", "admin")
RESTORE_ACTION = "从备份恢复数据库"


@dataclass(frozen=True)
class Policy:
    """The post's backup settings: automatic backups on or off, and how many automatic ones are kept."""
    on: bool
    keep: int


@dataclass(frozen=True)
class BackupFile:
    """One backup of a store: where, what kind, when made (aware UTC; None when not known), size."""

    path: Path
    kind: str  # start, daily, manual (in the backup folder); upgrade, replaced (beside the store)
    made_at: datetime | None
    size: int

    @property
    def kind_label(self) -> str:
        """The kind in words (启动时, 每日, 手动, 升级前, 恢复前旁存)."""
        return KINDS.get(self.kind, self.kind)

    @property
    def automatic(self) -> bool:
        """Whether this is an automatic backup (start or daily: the rotation may delete it)."""
        return self.kind in AUTOMATIC

    def as_dict(self) -> dict:
        """The backup for JSON output (db backups --json)."""
        return {"path": str(self.path), "kind": self.kind, "kind_label": self.kind_label,
                "made_at": self.made_at.isoformat() if self.made_at else None,
                "made_at_beijing": format_beijing(self.made_at) if self.made_at else None,
                "size_bytes": self.size}


@dataclass(frozen=True)
class Outcome:
    """What an automatic backup did: ok with the file, or not ok with a Chinese message (never raised)."""

    ok: bool
    message: str
    path: Path | None = None
    removed: tuple[Path, ...] = ()
    restorable: bool = True  # False: the copy's audit verification has a finding (a restore refuses it)


def policy(session) -> Policy:
    """The post's backup settings (a stored value out of range counts as its default)."""
    from . import settings

    def number(key: str, low: int, high: int) -> int:
        try:
            value = int(settings.get(session, key).strip())
        except ValueError:
            value = int(settings.DEFAULTS[key])
        return value if low <= value <= high else int(settings.DEFAULTS[key])

    return Policy(number(AUTO_KEY, 0, 1) == 1, number(KEEP_KEY, 1, 365))


def set_policy(session, on: bool, keep: int) -> None:
    """Store the backup settings (administrators only: they are the post's settings; audited)."""
    from . import settings

    for key, value in ((AUTO_KEY, "1" if on else "0"), (KEEP_KEY, str(keep))):
        value = settings.check_value(key, value)
        if settings.get(session, key) != value:
            settings.put(session, key, value)


def describe(plan: Policy, folder: Path, newest: BackupFile | None) -> str:
    """One Chinese line: whether automatic backups run, how many are kept, where, and the newest."""
    last = f"最近一份：{format_beijing(newest.made_at)}（{newest.kind_label}）" if newest and newest.made_at \
        else "尚无自动备份"
    if not plan.on:
        return f"自动备份已关闭。备份文件夹：{folder}；{last}。"
    return (f"自动备份：每次启动时（距上一份不足 1 小时则不做）和每天一次，保留最近 {plan.keep} 份。"
            f"备份文件夹：{folder}；{last}。")


def folder_for(store_path: Path | str) -> Path:
    """The backup folder of the SQLite store at *store_path* (not created here)."""
    from .. import paths

    path = Path(store_path).expanduser().resolve()
    digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:8]
    return paths.backup_dir() / f"{path.stem}-{digest}"


def _parse_stamp(stamp: str) -> datetime | None:
    from datetime import timezone

    try:
        return datetime.strptime(stamp, "%Y%m%d-%H%M%S").replace(tzinfo=BEIJING).astimezone(timezone.utc)
    except ValueError:
        return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def list_backups(store_path: Path | str, *, beside: bool = True) -> list[BackupFile]:
    """The backups of the store at *store_path*, newest first: the backup folder's (start, daily,
    manual) and, when *beside*, the pre-upgrade ``.bak-`` and restore's ``.replaced-`` copies next to
    the store (their time is the file's modification time). A missing folder is an empty list."""
    from datetime import timezone

    found: list[BackupFile] = []
    folder = folder_for(store_path)
    try:
        entries = sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        entries = []
    for entry in entries:
        m = _NAME.match(entry.name)
        if m and entry.is_file():
            found.append(BackupFile(entry, m["kind"], _parse_stamp(m["stamp"]), _size(entry)))
    if beside:
        store = Path(store_path).expanduser().resolve()
        try:
            neighbours = sorted(store.parent.iterdir()) if store.parent.is_dir() else []
        except OSError:
            neighbours = []
        for entry in neighbours:
            rest = entry.name[len(store.name):] if entry.name.startswith(store.name) else ""
            kind = "upgrade" if rest.startswith(".bak-") else "replaced" if rest.startswith(".replaced-") else None
            if kind is None or rest.endswith(("-wal", "-shm")) or not entry.is_file():
                continue
            try:
                made = datetime.fromtimestamp(entry.stat().st_mtime, timezone.utc)
            except OSError:
                made = None
            found.append(BackupFile(entry, kind, made, _size(entry)))
    far_past = datetime.min.replace(tzinfo=timezone.utc)
    return sorted(found, key=lambda b: (b.made_at or far_past, b.path.name), reverse=True)


@dataclass(frozen=True)
class Verdict:
    """What checking one backup found: whether a restore would take it, and in words."""

    ok: bool
    message: str
    audit_entries: int = 0


def verify(path: Path | str) -> Verdict:
    """Check the backup at *path* as a restore would (integrity_check and the audit verification), read only.
    Never raises: a file that does not open is a Verdict saying why in Chinese."""
    from . import backup

    try:
        entries, integrity, audit_ok, message = backup.check(path)
    except UserError as exc:
        return Verdict(False, f"无法打开：{exc.message}")
    except Exception as exc:  # noqa: BLE001 - a damaged file is an answer, not an error
        return Verdict(False, f"无法打开：{exc}")
    if integrity != "ok":
        return Verdict(False, f"未通过完整性检查：{integrity.splitlines()[0]}", entries)
    if not audit_ok:
        return Verdict(False, f"审计日志未通过校验：{backup.first_finding(message)}", entries)
    return Verdict(True, f"可用于恢复：完整性检查通过，审计记录 {entries} 条校验通过。", entries)


def newest_automatic(store_path: Path | str) -> BackupFile | None:
    """The newest automatic backup of the store, or None."""
    return next((b for b in list_backups(store_path, beside=False) if b.automatic), None)


def due(store_path: Path | str, now: datetime, started: bool, plan: Policy) -> str | None:
    """The automatic backup to make at *now*: "start" (the first check of a run), "daily" or None.

    *started*: whether this run has had its start check already. A start backup is skipped within an
    hour of the newest automatic backup; a daily one is due when no automatic backup bears today's
    Beijing date (so the first check after midnight makes one). Backups stamped ahead of *now* are not
    counted (a clock set wrong once must not stop the backups until that date).
    """
    if not plan.on:
        return None
    # a backup stamped ahead of now (the clock was wrong then) must not hold the next ones back
    newest = next((b for b in list_backups(store_path, beside=False)
                   if b.automatic and b.made_at is not None and b.made_at <= now + timedelta(minutes=5)), None)
    if not started:
        if newest is None or newest.made_at is None or now - newest.made_at >= START_GAP:
            return "start"
        return None
    if newest is None or newest.made_at is None or to_beijing(newest.made_at).date() < to_beijing(now).date():
        return "daily"
    return None


def make(store_path: Path | str, now: datetime, kind: str, keep: int | None = None) -> Outcome:
    """Back the store up into its folder (``kind`` start, daily or manual) and, for an automatic backup,
    delete the oldest automatic ones beyond *keep*. Never raises: a failure is an Outcome saying why
    in Chinese (logged too), with no half-written or unsound file left."""
    from . import backup

    store = Path(store_path).expanduser()
    target = None
    try:
        folder = folder_for(store)
        folder.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(folder).free
        wanted = _size(store) + _size(Path(f"{store}-wal")) + SPARE_BYTES
        if free < wanted:
            raise UserError(f"备份文件夹所在磁盘空间不足（剩余 {free // (1024 * 1024)} MB，"
                            f"需要约 {wanted // (1024 * 1024)} MB）：{folder}")
        resolved = store.resolve()
        name = folder / f"{resolved.stem}-{to_beijing(now):%Y%m%d-%H%M%S}-{kind}.sqlite"
        if name.exists():  # another seat on this machine made it this very second: that backup will do
            return Outcome(True, f"本机另一席位刚刚做了这份备份：{name.name}。", name)
        target = name
        result = backup.backup(store, target)
        if result.integrity != "ok":
            target.unlink(missing_ok=True)
            raise UserError(f"备份副本未通过完整性检查，已删除：{result.integrity.splitlines()[0]}")
    except UserError as exc:  # "已存在": another seat's file appeared meanwhile, not ours to remove
        return _failed(exc.message, None if "已存在" in exc.message else target, kind)
    except OSError as exc:
        return _failed(f"无法写入备份文件夹：{exc.strerror or exc}", target, kind)
    except Exception as exc:  # noqa: BLE001 - a backup must never stop the shift
        return _failed(str(exc) or type(exc).__name__, target, kind)
    removed = rotate(store, keep) if keep is not None and kind in AUTOMATIC else ()
    note = "" if result.audit_ok else f"；注意，副本的审计校验未通过，不能用它恢复：{backup.first_finding(result.audit_message)}"
    log.info("backup %s made: %s (%d bytes, %d removed)", kind, target, result.size, len(removed))
    if not result.audit_ok:
        log.warning("backup %s: %s", target, result.audit_message)
    return Outcome(True, f"已自动备份数据库：{target.name}，{result.size // 1024} KB{note}。"
                   if kind in AUTOMATIC else f"已备份数据库：{target}{note}", target, removed, result.audit_ok)


def _failed(message: str, target: Path | None, kind: str) -> Outcome:
    if target is not None:  # written by this call, then found unsound: removed
        target.unlink(missing_ok=True)
    text = (f"自动备份未完成，工作不受影响，稍后再试：{message.rstrip('。')}。" if kind in AUTOMATIC
            else f"备份未完成：{message.rstrip('。')}。")
    log.warning("backup failed: %s", message)
    return Outcome(False, text)


def rotate(store_path: Path | str, keep: int) -> tuple[Path, ...]:
    """Delete the automatic backups of the store beyond the *keep* newest; the files deleted.
    Backups by hand and files that are not ours are never touched."""
    automatic = [b for b in list_backups(store_path, beside=False) if b.automatic]
    removed = []
    for old in automatic[max(keep, 1):]:
        try:
            old.path.unlink()
            removed.append(old.path)
        except OSError as exc:
            log.warning("old backup not removed: %s (%s)", old.path, exc)
    return tuple(removed)


def may_restore(actor) -> bool:
    """Whether *actor* (an auth.Actor) may restore the store from a backup: shift leaders and administrators."""
    return actor is not None and actor.active and str(actor.role) in RESTORE_ROLES and not actor.drill


def refusal(actor) -> str:
    """The sentence that refuses *actor* a restore, naming the roles that may."""
    from .auth import ROLE_LABELS, Role

    roles = " 或 ".join(ROLE_LABELS[Role(r)] for r in RESTORE_ROLES)
    if actor is None:
        return f"无权执行「{RESTORE_ACTION}」：请先签到上岗。"
    return f"无权执行「{RESTORE_ACTION}」：需要 {roles}（当前角色：{actor.role_label}）。"


def check_restorer(backup_path: Path | str, name: str, pin: str) -> dict:
    """Who may restore when the store itself cannot be opened: *name* and *pin* are checked against the
    accounts in the backup (those who will have access once it is restored), read only. Returns the
    ``by`` record for the audit entry; PermissionDenied for a wrong PIN, a deactivated account or a role
    other than shift leader or administrator (the caller counts the failures)."""
    from sqlalchemy import select

    from ..models import Operator
    from ..store import open_read_only
    from .accounts import check_pin
    from .auth import ROLE_LABELS, Role

    engine = open_read_only(Path(backup_path).expanduser())
    try:
        with engine.connect() as conn:
            row = conn.execute(select(Operator.name, Operator.role, Operator.active, Operator.pin_hash)
                               .where(Operator.name == name.strip())).first()
    finally:
        engine.dispose()
    if row is None or not row.active or not check_pin(pin, row.pin_hash):
        raise PermissionDenied("姓名或 PIN 不正确，或账户已停用（按所选备份中的账户核对）。")
    if row.role not in RESTORE_ROLES:
        roles = " 或 ".join(ROLE_LABELS[Role(r)] for r in RESTORE_ROLES)
        raise PermissionDenied(f"无权执行「{RESTORE_ACTION}」：需要 {roles}（当前角色：{ROLE_LABELS[Role(row.role)]}）。")
    return {"name": row.name, "role": row.role, "how": "store_unopenable"}


def encrypted(path: Path | str) -> bool:
    """Whether the backup at *path* is an encrypted (SQLCipher) file, which needs the store's passphrase."""
    from .. import cipher

    return cipher.is_encrypted(Path(path))


def unlock(path: Path | str, passphrase: str) -> None:
    """Try *passphrase* on the encrypted backup at *path* (read only); when it opens it, it becomes this
    process's passphrase (the restored store has the same key). WrongPassphrase otherwise, nothing kept."""
    from .. import cipher

    cipher.probe(Path(path), passphrase)
    cipher.set_passphrase(passphrase)


class PinGate:
    """Counts the wrong PINs given to ``check_restorer`` in this process: after LIMIT of them no more are
    checked (the store cannot be opened, so the failures cannot be audited in it; they are logged, and
    the count goes into the restore's audit entry)."""

    LIMIT = 5

    def __init__(self) -> None:
        self.failures = 0

    @property
    def closed(self) -> bool:
        """Whether LIMIT wrong PINs have been given: no more are checked in this process."""
        return self.failures >= self.LIMIT

    def check(self, backup_path: Path | str, name: str, pin: str) -> dict:
        """check_restorer, counting its refusals; the ``by`` record with the count of wrong PINs before it."""
        if self.closed:
            raise PermissionDenied("连续输错 PIN 次数过多，本次不再受理恢复；请重新启动程序后再试。")
        try:
            by = check_restorer(backup_path, name, pin)
        except PermissionDenied:
            self.failures += 1
            log.warning("restore refused: wrong PIN or role for %r (%d of %d)", name[:40], self.failures, self.LIMIT)
            raise
        return {**by, "failed_pins": self.failures}


def restore(backup_path: Path | str, store_path: Path | str, clock, *, actor=None, by: dict | None = None):
    """Restore the store at *store_path* from *backup_path* (backup.restore: checked first, the old file
    kept beside, audited in the restored store with who did it). Either a signed-in *actor* that
    ``may_restore``, or *by* from ``check_restorer``; otherwise PermissionDenied, nothing changed."""
    from . import backup

    if by is None:
        if not may_restore(actor):
            raise PermissionDenied(refusal(actor))
        by = {"name": actor.name, "role": str(actor.role), "how": "settings"}
    result = backup.restore(backup_path, store_path, clock, by=by)
    log.info("store %s restored from %s by %s", store_path, backup_path, by.get("name"))
    return result
