"""Post-wide settings stored in the database (who we are, what we call things)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Setting

DEFAULTS: dict[str, str] = {
    "issuing_unit": "应急管理局",  # printed in the red header of reports
    "post_name": "值班室",
    "post_phone": "",
    "doc_prefix": "应急值",  # 文号: <prefix>〔year〕N号
    "city_recipient": "市人民政府总值班室",
    "leader_title": "带班领导",
    "due_soon_minutes": "5",  # the clock strip turns amber this long before a deadline
    "grading_table_production_safety": "",  # blank: the national table (decree 493)
    "grading_table_natural_disaster": "",  # blank: the national relief table; a county sets its own
    "alarm_muted": "0",
    "pin_min_length": "6",  # new or changed PINs; never below 6
    "pin_lock_failures": "5",  # wrong PINs in a row before the account locks
    "pin_lock_minutes": "15",  # how long a lock lasts
    "idle_lock_minutes": "10",  # a signed-in seat locks after this long without input (0: never)
    "zero_report_units": "",  # townships and departments that send the 零报告 (blank: every township in the store)
    "zero_report_deadline": "08:30",  # local practice: before the county's own 09:00 report
    "cap_unit_code": "",  # CAP export: GB/T 35965.1 issuing-unit code, 14 digits (division 6 + GB/T 4657 org 3 + 3 + 2)
    "housekeeping_hour": "3",  # scheduled housekeeping (services/upkeep.py) runs in this Beijing hour (0-23)
    "housekeeping_analyze_days": "1",  # ANALYZE every N days (0: never on schedule)
    "housekeeping_vacuum_days": "7",  # VACUUM every N days (0: never on schedule)
    "backup_auto": "1",  # automatic backups on start and daily (services/backup_auto.py); "0": off
    "backup_keep": "14",  # automatic backups kept per store (the oldest beyond this are deleted)
}


def get(session: Session, key: str) -> str:
    """A setting's value, or its default."""
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return value if value is not None else DEFAULTS.get(key, "")


def get_all(session: Session) -> dict[str, str]:
    """Every setting, defaults filled in."""
    stored = {k: v for k, v in session.execute(select(Setting.key, Setting.value))}
    return {**DEFAULTS, **stored}


# The post's own settings (who we are, rule tables, PIN policy) are the administrator's; the drill's
# bookkeeping is written inside a drill workspace only; anything else (alarm mute, map choices) by
# whoever is signed in.
POST_KEYS = frozenset(DEFAULTS) - {"alarm_muted"} | {"demo_data"}
DRILL_KEYS = frozenset({"drill_scenario", "drill_started", "drill_fired", "workspace"})


def check_writer(session: Session, key: str) -> None:
    """Refuse the acting operator (``session.info["actor"]``) a setting their role may not change."""
    from . import auth

    actor = session.info.get("actor")
    if key in POST_KEYS:
        auth.require(actor, auth.Permission.EDIT_RULES, "修改值班单位设置")
    elif key in DRILL_KEYS:
        if not (session.info.get("drill") or get(session, "workspace") == "drill"):
            from ..errors import PermissionDenied

            raise PermissionDenied("无权执行「修改演练记录」：只能在演练工作区中进行。")
    elif actor is None or not actor.active:
        auth.require(actor, auth.Permission.RECORD_CALL, "修改设置")  # raises with the reason


# Whole-number settings with their allowed range and the label a refusal names.
NUMBERS: dict[str, tuple[int, int, str, str]] = {
    "idle_lock_minutes": (0, 240, "闲置锁屏（分钟）", "（0 为从不锁定）"),  # four hours at most
    "backup_auto": (0, 1, "自动备份", "（1 为开启，0 为关闭）"),
    "backup_keep": (1, 365, "自动备份保留份数", ""),
}


def check_value(key: str, value: str) -> str:
    """*value* as it is stored for *key*, or a ValidationError naming the setting."""
    if key in NUMBERS:
        low, high, label, hint = NUMBERS[key]
        text = value.strip()
        if not (text.isascii() and text.isdigit() and low <= int(text) <= high):
            from ..errors import ValidationError

            raise ValidationError(f"“{label}”须为 {low} 至 {high} 的整数{hint}。", key)
        return str(int(text))
    return value


def put(session: Session, key: str, value: str, *, check: bool = True) -> None:
    """Store a setting (audited like any other change) if the acting operator may (unless *check* is False,
    for the demo loader and tests); numbers are checked against their range (NUMBERS)."""
    if check:
        check_writer(session, key)
    value = check_value(key, value)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()
