"""User accounts: operators and their PINs, shift sign-in and sign-out, account locks and the seat lock."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import socket
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import PermissionDenied, UserError, ValidationError
from ..models import AuditEntry, Operator, Shift
from . import audit, settings
from .auth import ROLE_LABELS, Actor, Permission, Role, require

# scrypt cost: about 50 ms per check on the project machine; slow enough to
# make guessing a 6-digit PIN from a stolen file take days, fast enough to sign in.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def hash_pin(pin: str, *, n: int = SCRYPT_N) -> str:
    """Salted scrypt hash of a PIN, as text: scrypt$n$r$p$salt$hash."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(digest)}"


def check_pin(pin: str, stored: str) -> bool:
    """Whether *pin* matches the stored hash (constant-time compare)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                             p=int(p), dklen=32)
        return hmac.compare_digest(got, base64.b64decode(digest))
    except (ValueError, TypeError):
        return False


MAX_PIN = 12


def min_pin_length(session: Session | None = None) -> int:
    """The post's minimum PIN length (setting ``pin_min_length``, never below 6)."""
    try:
        value = int(settings.get(session, "pin_min_length")) if session is not None else 6
    except ValueError:
        value = 6
    return min(max(value, 6), MAX_PIN)


def is_trivial_pin(pin: str) -> bool:
    """Whether *pin* is one digit repeated (000000) or a run up or down (012345, 654321).

    No wrap-around: 567890 and 098765 are not runs.
    """
    if len(pin) < 2 or not (pin.isdigit() and pin.isascii()):
        return False
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:])}
    return steps in ({0}, {1}, {-1})


def validate_pin(pin: str, session: Session | None = None, *, allow_trivial: bool = False) -> str:
    """A new or changed PIN is 6 (or the post's minimum) to 12 ASCII digits, and not trivial
    (one digit repeated, or a run up or down) unless *allow_trivial* (demo and test accounts)."""
    low = min_pin_length(session)
    if not (pin.isdigit() and pin.isascii() and low <= len(pin) <= MAX_PIN):
        raise ValidationError(f"PIN 须为 {low} 至 {MAX_PIN} 位数字。", "pin")
    if not allow_trivial and is_trivial_pin(pin):
        raise ValidationError("PIN 过于简单（同一数字重复或连续升降，如 111111、123456、654321），请另选。",
                              "pin")
    return pin


def create_operator(session: Session, name: str, role: Role | str, pin: str,
                    post: str = "", *, actor: Actor | None = None, check: bool = True,
                    n: int = SCRYPT_N) -> Operator:
    """Create a user account (administrators only, unless *check* is False).

    With *check* a trivial PIN (111111, 123456 …) is refused; without it (the demo store, the
    test fixtures, the first-run administrator) any well-formed PIN is taken.
    """
    if check:
        require(actor, Permission.MANAGE_USERS)
    name = name.strip()
    if not name:
        raise ValidationError("姓名不能为空。", "name")
    try:
        role = Role(role)
    except ValueError:
        raise ValidationError(f"未知角色：{role}", "role") from None
    validate_pin(pin, session, allow_trivial=not check)
    if session.scalar(select(Operator.id).where(Operator.name == name)) is not None:
        raise ValidationError(f"已有名为“{name}”的账户。", "name")
    op = Operator(name=name, role=role.value, pin_hash=hash_pin(pin, n=n), post=post, active=True)
    session.add(op)
    session.flush()
    return op


def set_pin(session: Session, operator_id: int, pin: str, *, actor: Actor) -> None:
    """Change an account's PIN: the owner or an administrator may."""
    if actor.operator_id != operator_id:
        require(actor, Permission.MANAGE_USERS)
    validate_pin(pin, session)
    op = session.get(Operator, operator_id)
    if op is None:
        raise UserError("账户不存在。")
    op.pin_hash = hash_pin(pin)
    audit.record(session, "set_pin", "operator", str(operator_id))


def _lock_policy(session: Session) -> tuple[int, int]:
    """(failures before a lock, minutes locked) from the post settings."""
    def number(key: str, default: int, low: int) -> int:
        try:
            return max(int(settings.get(session, key)), low)
        except ValueError:
            return default
    return number("pin_lock_failures", 5, 1), number("pin_lock_minutes", 15, 1)


def _failures(session: Session, name: str) -> list[datetime]:
    """Times of the wrong PINs for *name* since its last sign-in or unlock (oldest first)."""
    since = session.scalar(select(AuditEntry.id).where(
        ((AuditEntry.action.in_(("sign_in", "screen_unlocked"))) & (AuditEntry.actor_name == name))
        | ((AuditEntry.action == "sign_in_unlocked") & (AuditEntry.entity_id == name[:40])))
        .order_by(AuditEntry.id.desc()).limit(1)) or 0
    return list(session.scalars(select(AuditEntry.at).where(
        AuditEntry.id > since, AuditEntry.action == "sign_in_failed", AuditEntry.entity_id == name[:40],
        AuditEntry.after == "").order_by(AuditEntry.id)))


def locked_until(session: Session, name: str) -> datetime | None:
    """When the account's sign-in lock ends (None: not locked).

    After *pin_lock_failures* wrong PINs in a row (default 5) the account is locked for
    *pin_lock_minutes* (default 15) from the last one, by the injected clock; each wrong PIN after a
    lock ends locks it again, so a guesser gets one try per lock period. A successful sign-in or an
    unlock by a shift leader or administrator starts the count again.
    """
    limit, minutes = _lock_policy(session)
    failures = _failures(session, name.strip())
    if len(failures) < limit:
        return None
    until = failures[-1] + timedelta(minutes=minutes)
    return until if session.info["clock"].now() < until else None


def refuse(session: Session, name: str, after: dict | None, message: str) -> None:
    """Audit a refused sign-in in a transaction of its own (it must survive the refusal), then raise."""
    audit.record(session, "sign_in_failed", "operator", name[:40], None, after)
    session.commit()
    head = session.info.get("audit_head")
    store_seal = session.info.get("audit_seal")
    if head is not None and store_seal is not None:
        audit.write_anchor(store_seal, head)
    raise PermissionDenied(message)


def sign_in(session: Session, name: str, pin: str, workstation: str | None = None) -> Actor:
    """Start a shift for *name* if the PIN matches; every attempt is audited, failures too.

    A refusal commits its audit entry at once (the caller's transaction ends there).
    """
    name = name.strip()
    until = locked_until(session, name)
    if until is not None:
        from ..clock import format_beijing

        refuse(session, name, {"locked": 1},
                f"连续输错 PIN 次数过多，账户已锁定至 {format_beijing(until, seconds=False)}；"
                f"可请带班领导或系统管理员解锁。")
    op = session.scalar(select(Operator).where(Operator.name == name))
    if op is None or not op.active or not check_pin(pin, op.pin_hash):
        refuse(session, name, None, "姓名或 PIN 不正确，或账户已停用。")
    clock = session.info["clock"]
    drill = bool(session.info.get("drill"))
    session.info["actor"] = Actor(op.id, op.name, Role(op.role), drill=drill)  # the shift row is theirs too
    shift = Shift(operator_id=op.id, role=op.role, started_at=clock.now(),
                  workstation=workstation if workstation is not None else socket.gethostname())
    session.add(shift)
    session.flush()
    actor = Actor(op.id, op.name, Role(op.role), shift.id, drill)
    session.info["actor"] = actor
    audit.record(session, "sign_in", "shift", str(shift.id), None, {"role": op.role})
    return actor


def lock_screen(session: Session, actor: Actor, reason: str) -> None:
    """Record that the seat of *actor* was locked (*reason* ``idle`` or ``manual``); the shift goes on."""
    audit.record(session, "screen_locked", "shift", str(actor.shift_id or ""), None, {"reason": reason})


def resume(session: Session, actor: Actor, pin: str) -> None:
    """Unlock the locked seat of *actor* with their own PIN, under the same rules as a sign-in.

    A wrong PIN counts toward the account's lock and is audited (committed at once, like a refused
    sign-in); a locked, deactivated or deleted account cannot unlock the seat.
    """
    session.info["actor"] = actor  # the entries are theirs (the store's check of a revoked actor is bypassed here)
    until = locked_until(session, actor.name)
    if until is not None:
        from ..clock import format_beijing

        refuse(session, actor.name, {"locked": 1},
                f"连续输错 PIN 次数过多，账户已锁定至 {format_beijing(until, seconds=False)}；"
                f"可请带班领导或系统管理员解锁，或换人签到。")
    op = session.get(Operator, actor.operator_id)
    if op is None or not op.active or not check_pin(pin, op.pin_hash):
        refuse(session, actor.name, None, "PIN 不正确，或账户已停用。")
    audit.record(session, "screen_unlocked", "shift", str(actor.shift_id or ""))


def unlock(session: Session, name: str, *, actor: Actor | None) -> None:
    """Lift a sign-in lock (a shift leader or an administrator may); audited."""
    if actor is None or actor.role not in (Role.SHIFT_LEADER, Role.ADMIN):
        raise PermissionDenied(f"无权执行「解除账户锁定」：需要 带班领导 或 系统管理员"
                               f"（当前角色：{actor.role_label if actor else '未签到'}）。")
    audit.record(session, "sign_in_unlocked", "operator", name.strip()[:40])


def current(session: Session, actor: Actor) -> Actor:
    """*actor* as the account stands now: a changed role applies at once, a deactivated or deleted
    account may no longer write (checked by the store at the start of every transaction)."""
    row = session.execute(select(Operator.role, Operator.active).where(Operator.id == actor.operator_id)).first()
    if row is None or not row.active:
        return replace(actor, revoked="账户已停用，请联系系统管理员。")
    try:
        role = Role(row.role)
    except ValueError:
        return replace(actor, revoked="账户角色无效，请联系系统管理员。")
    return actor if role == actor.role and not actor.revoked else replace(actor, role=role, revoked="")


def sign_out(session: Session, actor: Actor) -> None:
    """End the actor's shift."""
    if actor.shift_id is None:
        return
    shift = session.get(Shift, actor.shift_id)
    if shift is not None and shift.ended_at is None:
        shift.ended_at = session.info["clock"].now()


def active_operators(session: Session) -> list[tuple[str, str]]:
    """(name, role label) of the accounts that may sign in, for the sign-in list."""
    rows = session.execute(
        select(Operator.name, Operator.role).where(Operator.active.is_(True)).order_by(Operator.id)
    )
    return [(n, ROLE_LABELS[Role(r)]) for n, r in rows]
