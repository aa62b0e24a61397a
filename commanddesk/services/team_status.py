"""A rescue team's states: their labels, the moves allowed between them and the button text for each move."""

from __future__ import annotations

from ..catalogues import catalogue, label

STATUS_LABELS: dict[str, str] = dict(catalogue("team_status"))
END_LABELS = {"closed": "已归队", "stood_down": "已取消调派", "withdrawn": "已撤出（不可用）", "transferred": "已转调"}
ACTIVE = ("alerted", "assembling", "dispatched", "en_route", "on_scene", "returning")
AWAITING_ARRIVAL = ("alerted", "assembling", "dispatched", "en_route")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "available": ("alerted", "unavailable"),
    "alerted": ("assembling", "dispatched", "available", "unavailable"),
    "assembling": ("dispatched", "available", "unavailable"),
    "dispatched": ("en_route", "returning", "unavailable"),
    "en_route": ("on_scene", "returning", "unavailable"),
    "on_scene": ("returning", "unavailable"),
    "returning": ("available", "unavailable"),
    "unavailable": ("available",),
}
TRANSFERABLE = ("dispatched", "en_route", "on_scene", "returning")


def action_label(current: str, target: str) -> str:
    """Button text for moving a team from *current* to *target*."""
    if target == "available":
        return {"returning": "已归队", "unavailable": "恢复待命"}.get(current, "取消调派")
    if target == "returning" and current in ("dispatched", "en_route"):
        return "召回"
    return {"alerted": "通知", "assembling": "集结中", "dispatched": "已出动", "en_route": "途中",
            "on_scene": "已到场", "returning": "返回", "unavailable": "不可用…"}[target]


def needs_reason(current: str, target: str) -> bool:
    """Whether moving from *current* to *target* must be explained."""
    return target == "unavailable" or (target == "returning" and current in ("dispatched", "en_route"))


def label_status(code: str) -> str:
    """Chinese label of a team or dispatch status."""
    return STATUS_LABELS.get(code) or END_LABELS.get(code) or label("team_status", code)
