"""What each role may do: permissions by role, in drills too, refusals that say why, settings checked in the service."""

import pytest
from sqlalchemy import select

from commanddesk.errors import PermissionDenied, ValidationError
from commanddesk.models import Operator
from commanddesk.services import auth, registry, registry_specs
from tests.conftest import sign_in


@pytest.mark.parametrize("who, perm, allowed", [
    ("值班员甲", auth.Permission.EDIT_REGISTRY, True),
    ("值班员甲", auth.Permission.MANAGE_USERS, False),
    ("值班员甲", auth.Permission.START_DRILL, False),
    ("导调丙", auth.Permission.START_DRILL, True),
    ("导调丙", auth.Permission.EDIT_REGISTRY, False),
    ("导调丙", auth.Permission.RECORD_CALL, False),
    ("导调丙", auth.Permission.CONTROL_DRILL, True),
    ("值班员甲", auth.Permission.RECORD_CALL, True),
    ("值班员甲", auth.Permission.CONTROL_DRILL, False),
    ("值班员甲", auth.Permission.VIEW_INJECTS, False),
    ("领导乙", auth.Permission.HANDLE_INCIDENT, True),
    ("管理员丁", auth.Permission.EDIT_RULES, True),
    ("领导乙", auth.Permission.EDIT_RULES, False),
])
def test_role_permissions(store, who, perm, allowed):
    """Only administrators manage users and rules; only trainers start drills."""
    actor = sign_in(store, who)
    if allowed:
        assert auth.require(actor, perm) is actor
    else:
        with pytest.raises(PermissionDenied, match=f"无权执行「{auth.PERMISSION_LABELS[perm]}」：需要 "):
            auth.require(actor, perm)


def test_refused_action_says_why(store):
    """A duty officer adding an account is told which role may."""
    sign_in(store, "值班员甲")
    with pytest.raises(PermissionDenied) as err:
        with store.transaction() as s:
            registry.create(s, registry_specs.OPERATORS, {"name": "新人", "role": "duty_officer", "pin": "567890"})
    assert "值班员" in err.value.message and "系统管理员" in err.value.message


def test_admin_manages_accounts(store):
    """An administrator adds an account that can then sign in."""
    sign_in(store, "管理员丁")
    with store.transaction() as s:
        registry.create(s, registry_specs.OPERATORS, {"name": "新人", "role": "duty_officer", "pin": "567890"})
    assert sign_in(store, "新人", "567890").name == "新人"


def test_last_admin_cannot_be_demoted(store):
    """The only administrator cannot take away their own role."""
    sign_in(store, "管理员丁")
    with store.read() as s:
        admin_id = s.scalar(select(Operator.id).where(Operator.name == "管理员丁"))
    with pytest.raises(ValidationError, match="至少须保留一个"):
        with store.transaction() as s:
            registry.update(s, registry_specs.OPERATORS, admin_id, {"role": "duty_officer"})


def test_logging_a_call_is_its_own_permission(store):
    """A trainer logging a real call is refused for 记录接报 (not for the ledger) and told who may."""
    from commanddesk.services import incidents

    sign_in(store, "导调丙")
    with pytest.raises(PermissionDenied) as err:
        with store.transaction() as s:
            incidents.record_call(s, incidents.CallInput(category="accident", type="accident.explosion",
                                                         place_text="开发区朝阳街道"))
    msg = err.value.message
    assert msg.startswith("无权执行「记录接报」：需要 值班员 或 带班领导")
    assert "资源台账" not in msg and "当前角色：演练导调员" in msg


def test_trainer_may_play_the_duty_officer_in_a_drill(store):
    """In a drill workspace the trainer's grants include the duty officer's; outside they do not."""
    trainer = sign_in(store, "导调丙")
    drill_self = trainer.in_drill()
    assert not trainer.can(auth.Permission.RECORD_CALL)
    assert drill_self.can(auth.Permission.RECORD_CALL) and drill_self.can(auth.Permission.HANDLE_INCIDENT)
    officer = sign_in(store, "值班员甲").in_drill()
    assert not officer.can(auth.Permission.CONTROL_DRILL) and not officer.can(auth.Permission.VIEW_INJECTS)
    with pytest.raises(PermissionDenied, match="无权执行「暂停演练」：需要 演练导调员"):
        auth.require(officer, auth.Permission.CONTROL_DRILL, "暂停演练")


def test_nobody_signed_in_is_told_to_sign_in():
    """Without an operator the refusal still names the action."""
    with pytest.raises(PermissionDenied, match="无权执行「记录接报」：请先签到上岗"):
        auth.require(None, auth.Permission.RECORD_CALL)


@pytest.mark.parametrize("who, allowed", [("值班员甲", False), ("领导乙", False), ("导调丙", False),
                                          ("管理员丁", True)])
def test_post_settings_are_checked_in_the_service(store, who, allowed):
    """The attack: a trainer (or anyone but an administrator) calls settings.put directly to switch the
    grading table; the service refuses, whatever the UI shows."""
    from commanddesk.services import settings

    sign_in(store, who)
    if allowed:
        with store.transaction() as s:
            settings.put(s, "grading_table_production_safety", "demo_county_relief")
    else:
        with pytest.raises(PermissionDenied, match="修改值班单位设置"):
            with store.transaction() as s:
                settings.put(s, "grading_table_production_safety", "demo_county_relief")
    with store.read() as s:
        assert (settings.get(s, "grading_table_production_safety") == "demo_county_relief") == allowed


def test_nobody_signed_in_cannot_write_settings_or_drill_records(store):
    """Without an operator no setting is written; drill bookkeeping only inside a drill workspace."""
    from commanddesk.services import settings

    for key in ("alarm_muted", "issuing_unit", "drill_fired"):
        with pytest.raises(PermissionDenied):
            with store.transaction() as s:
                settings.put(s, key, "1")
