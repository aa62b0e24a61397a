"""Accounts: PINs stored as slow salted hashes, sign-in audited, guessing locked out, weak PINs refused."""

import pytest
from sqlalchemy import select

from commanddesk.errors import PermissionDenied, ValidationError
from commanddesk.models import AuditEntry, Operator, Shift
from commanddesk.services import accounts, auth, registry, registry_specs
from tests.conftest import sign_in


def _attempt(store, name, pin):
    try:
        sign_in(store, name, pin)
        return "in"
    except PermissionDenied as exc:
        return "locked" if "锁定" in exc.message else "wrong"


def _org(store):
    with store.transaction() as s:
        return registry.create(s, registry_specs.ORGANISATIONS, {"code": "O9", "name": "某单位", "kind": "department"})


def test_pin_is_stored_only_as_salted_slow_hash():
    """Two hashes of one PIN differ (salt) and both check; the PIN is not in them."""
    a, b = accounts.hash_pin("246810"), accounts.hash_pin("246810")
    assert a != b and "246810" not in a
    assert a.startswith("scrypt$16384$")
    assert accounts.check_pin("246810", a) and not accounts.check_pin("246811", a)
    assert not accounts.check_pin("246810", "garbage")


def test_sign_in_starts_a_shift(store, clock):
    """A correct PIN opens a shift at the clock's time and audits it."""
    actor = sign_in(store, "领导乙")
    assert actor.role == auth.Role.SHIFT_LEADER and actor.role_label == "带班领导"
    with store.read() as s:
        shift = s.get(Shift, actor.shift_id)
        assert shift.started_at == clock.now()
        assert s.scalar(select(AuditEntry.actor_name).where(AuditEntry.action == "sign_in")) == "领导乙"


def test_wrong_pin_refused_and_audited(store):
    """A wrong PIN is refused in Chinese and the attempt is in the log although the sign-in failed."""
    with pytest.raises(PermissionDenied, match="PIN 不正确"):
        with store.transaction() as s:
            accounts.sign_in(s, "领导乙", "0000")
    with store.read() as s:
        assert s.scalar(select(AuditEntry.entity_id).where(AuditEntry.action == "sign_in_failed")) == "领导乙"


def test_guessing_pins_is_audited_and_locked_out(store, clock):
    """The attack: one guess every 10 seconds for an hour (360). Every guess is in the audit log; after
    5 wrong PINs the account locks for 15 minutes (even the right PIN is refused), then one guess per
    lock period: 8 PINs are checked in the hour instead of 360."""
    outcomes = []
    for n in range(360):
        outcomes.append(_attempt(store, "领导乙", f"{n:06d}"))
        clock.advance(seconds=10)
    assert outcomes[:5] == ["wrong"] * 5 and outcomes[5] == "locked"
    assert outcomes.count("wrong") == 8
    with store.read() as s:
        logged = s.scalars(select(AuditEntry.after).where(AuditEntry.action == "sign_in_failed",
                                                          AuditEntry.entity_id == "领导乙")).all()
    assert len(logged) == 360 and sum(1 for a in logged if a == "") == 8
    assert _attempt(store, "领导乙", "123456") == "locked"


def test_a_lock_ends_with_time_or_a_leader(store, clock):
    """The right PIN works again after the lock period, or at once when a leader unlocks; a duty
    officer cannot unlock."""
    for _ in range(5):
        assert _attempt(store, "值班员甲", "000000") == "wrong"
    assert _attempt(store, "值班员甲", "123456") == "locked"
    clock.advance(minutes=16)
    assert _attempt(store, "值班员甲", "123456") == "in"
    for _ in range(5):
        _attempt(store, "值班员甲", "000000")
    officer = sign_in(store, "导调丙")
    with pytest.raises(PermissionDenied, match="带班领导 或 系统管理员"):
        with store.transaction() as s:
            accounts.unlock(s, "值班员甲", actor=officer)
    leader = sign_in(store, "领导乙")
    with store.transaction() as s:
        accounts.unlock(s, "值班员甲", actor=leader)
    assert _attempt(store, "值班员甲", "123456") == "in"


def test_bad_pins_refused(store):
    """New PINs must be 6–12 ASCII digits (a 4- or 5-digit PIN is refused)."""
    sign_in(store, "管理员丁")
    for pin in ("12", "1234", "12345", "abcdef", "１２３４５６", "1234567890123"):
        with pytest.raises(ValidationError, match="PIN"):
            with store.transaction() as s:
                registry.create(s, registry_specs.OPERATORS, {"name": f"x{pin}", "role": "trainer", "pin": pin})


@pytest.mark.parametrize("pin", ["000000", "111111", "999999", "123456", "012345", "456789",
                                 "654321", "987654", "543210", "1234567", "99999999"])
def test_trivial_pins_refused_where_a_pin_is_set(store, pin):
    """A new account, an edited account and a PIN change all refuse one repeated digit or a run."""
    actor = sign_in(store, "管理员丁")
    with pytest.raises(ValidationError, match="过于简单"):
        with store.transaction() as s:
            accounts.create_operator(s, "新人", "duty_officer", pin, actor=actor, n=4)
    with pytest.raises(ValidationError, match="过于简单"):
        with store.transaction() as s:
            registry.create(s, registry_specs.OPERATORS, {"name": "新人", "role": "duty_officer", "pin": pin})
    with store.read() as s:
        own = s.scalar(select(Operator.id).where(Operator.name == "管理员丁"))
        assert s.scalar(select(Operator.id).where(Operator.name == "新人")) is None
    with pytest.raises(ValidationError, match="过于简单"):
        with store.transaction() as s:
            accounts.set_pin(s, own, pin, actor=actor)
    with pytest.raises(ValidationError, match="过于简单"):
        with store.transaction() as s:
            registry.update(s, registry_specs.OPERATORS, own, {"pin": pin})
    assert sign_in(store, "管理员丁", "123456").name == "管理员丁"  # the old PIN still works


@pytest.mark.parametrize("pin", ["567890", "098765", "112233", "246810", "135790", "121212", "123455"])
def test_ordinary_pins_are_kept(store, pin):
    """Runs that wrap round (567890), pairs and steps of two are not refused."""
    actor = sign_in(store, "管理员丁")
    with store.transaction() as s:
        accounts.create_operator(s, "新人", "duty_officer", pin, actor=actor, n=4)
    assert sign_in(store, "新人", pin).name == "新人"


def test_demo_and_fixture_accounts_may_keep_trivial_pins(store):
    """Accounts made without the permission check (demo store, first run, tests) take any PIN."""
    from commanddesk.services import demo

    with store.transaction() as s:
        accounts.create_operator(s, "演示", "duty_officer", "111111", check=False, n=4)
    assert sign_in(store, "演示", "111111").name == "演示"
    assert {"111111", "222222"} <= {r["pin"] for r in demo._rows("operators.csv")}


def test_sign_in_to_a_drill_workspace_marks_the_actor(store):
    """Whoever signs in on a drill store is a drill actor (the drill grants apply to them)."""
    store.drill = True
    assert sign_in(store, "导调丙").drill
    assert sign_in(store, "导调丙").can(auth.Permission.RECORD_CALL)


def test_a_demoted_or_deactivated_operator_is_refused_on_the_next_write(store):
    """The administrator demotes a signed-in duty officer to trainer, then deactivates another: each is
    refused on their very next write, without signing out."""
    officer = sign_in(store, "值班员甲")
    _org(store)
    admin = sign_in(store, "管理员丁")
    with store.read() as s:
        ids = dict(s.execute(select(Operator.name, Operator.id)).all())
    with store.transaction(admin) as s:
        registry.update(s, registry_specs.OPERATORS, ids["值班员甲"], {"role": "trainer"})
    leader = sign_in(store, "领导乙")
    with store.transaction(admin) as s:
        registry.update(s, registry_specs.OPERATORS, ids["领导乙"], {"active": False})
    with pytest.raises(PermissionDenied, match="当前角色：演练导调员"):
        with store.transaction(officer) as s:
            registry.create(s, registry_specs.ORGANISATIONS, {"code": "O8", "name": "甲", "kind": "department"})
    with pytest.raises(PermissionDenied, match="账户已停用"):
        with store.transaction(leader) as s:
            registry.create(s, registry_specs.ORGANISATIONS, {"code": "O7", "name": "乙", "kind": "department"})


def test_guessing_the_leaders_pin_through_an_approval_is_audited_and_locked(store):
    """The leader's PIN typed to approve a report is a sign-in attempt too: audited, and locked after 5."""
    from commanddesk.services import reports
    from tests.services.test_reports import _draft, _incident

    sign_in(store, "值班员甲")
    rid = _draft(store, _incident(store))
    outcomes = []
    for n in range(6):
        try:
            with store.transaction() as s:
                reports.approve(s, rid, "领导乙", f"{n:06d}")
        except PermissionDenied as exc:
            outcomes.append("locked" if "锁定" in exc.message else "wrong")
    assert outcomes == ["wrong"] * 5 + ["locked"]
    with store.read() as s:
        assert s.query(AuditEntry).filter(AuditEntry.action == "sign_in_failed",
                                          AuditEntry.entity_id == "领导乙").count() == 5
