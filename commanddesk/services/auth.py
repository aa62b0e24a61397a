"""What each role may do: roles, permissions, the acting operator and the refusals that name who may."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from ..catalogues import catalogue
from ..errors import PermissionDenied


class Role(StrEnum):
    """Roles of the duty post."""

    DUTY_OFFICER = "duty_officer"
    SHIFT_LEADER = "shift_leader"
    TRAINER = "trainer"
    ADMIN = "admin"


ROLE_LABELS = {Role(code): text for code, text in catalogue("operator_role").items()}


class Permission(StrEnum):
    """Things a role may or may not do."""

    EDIT_REGISTRY = "edit_registry"
    RECORD_CALL = "record_call"
    HANDLE_INCIDENT = "handle_incident"
    MANAGE_USERS = "manage_users"
    EDIT_RULES = "edit_rules"
    START_DRILL = "start_drill"
    VIEW_INJECTS = "view_injects"
    CONTROL_DRILL = "control_drill"
    SYNC = "sync"
    SYNC_SETUP = "sync_setup"


PERMISSION_LABELS = {
    Permission.EDIT_REGISTRY: "修改资源台账",
    Permission.RECORD_CALL: "记录接报",
    Permission.HANDLE_INCIDENT: "处置事件",
    Permission.MANAGE_USERS: "管理用户账户",
    Permission.EDIT_RULES: "修改定级与时限规则表",
    Permission.START_DRILL: "启动演练",
    Permission.VIEW_INJECTS: "查看演练插入事件",
    Permission.CONTROL_DRILL: "控制演练进程",
    Permission.SYNC: "导入导出同步交换包、处理同步冲突",
    Permission.SYNC_SETUP: "建立指挥车数据库",
}

_DUTY = frozenset({Permission.EDIT_REGISTRY, Permission.RECORD_CALL, Permission.HANDLE_INCIDENT})

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.DUTY_OFFICER: _DUTY | {Permission.SYNC},
    Role.SHIFT_LEADER: _DUTY | {Permission.SYNC, Permission.SYNC_SETUP},
    Role.TRAINER: frozenset({Permission.START_DRILL, Permission.VIEW_INJECTS, Permission.CONTROL_DRILL}),
    Role.ADMIN: _DUTY | {Permission.MANAGE_USERS, Permission.EDIT_RULES, Permission.SYNC, Permission.SYNC_SETUP},
}

# In a drill workspace the trainer may also play the duty officer's part (log the drill call,
# report, dispatch): the drill database is a copy and nothing of it reaches the real store.
DRILL_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.TRAINER: _DUTY,
}


def who_may(perm: Permission, drill: bool = False) -> list[str]:
    """Labels of the roles that may *perm* (in a drill workspace when *drill*)."""
    return [ROLE_LABELS[r] for r in Role
            if perm in GRANTS[r] or (drill and perm in DRILL_GRANTS.get(r, frozenset()))]


WHO_MAY = {perm: "、".join(who_may(perm)) for perm in Permission}


@dataclass(frozen=True)
class Actor:
    """The operator on duty, as attached to every session and audit entry.

    *drill* is True for the operator signed in to a drill workspace (``DRILL_GRANTS`` apply).
    """

    operator_id: int
    name: str
    role: Role
    shift_id: int | None = None
    drill: bool = False
    revoked: str = ""  # set when the account was deactivated after sign-in: every write is refused

    @property
    def active(self) -> bool:
        """Whether the account still may act (not deactivated since sign-in)."""
        return not self.revoked

    @property
    def role_label(self) -> str:
        """The operator's role in words (值班员, 带班领导 …)."""
        return ROLE_LABELS[self.role]

    def can(self, perm: Permission) -> bool:
        """Whether this actor's role grants *perm* (here: in a drill workspace, or not)."""
        if self.revoked:
            return False
        return perm in GRANTS[self.role] or (self.drill and perm in DRILL_GRANTS.get(self.role, frozenset()))

    def in_drill(self) -> "Actor":
        """The same operator as seen inside a drill workspace."""
        return replace(self, drill=True)


def refusal(actor: Actor | None, perm: Permission, action: str | None = None) -> str:
    """The sentence that says what was refused and which roles may do it."""
    what = action or PERMISSION_LABELS[perm]
    if actor is None:
        return f"无权执行「{what}」：请先签到上岗。"
    if actor.revoked:
        return f"无权执行「{what}」：{actor.revoked}"
    roles = " 或 ".join(who_may(perm, actor.drill)) or "（无角色）"
    return f"无权执行「{what}」：需要 {roles}（当前角色：{actor.role_label}）。"


def require(actor: Actor | None, perm: Permission, action: str | None = None) -> Actor:
    """Return *actor* if allowed, else raise naming the refused *action* and the roles that may."""
    if actor is None or not actor.can(perm):
        raise PermissionDenied(refusal(actor, perm, action))
    return actor
