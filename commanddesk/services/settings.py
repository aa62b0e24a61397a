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
}


def get(session: Session, key: str) -> str:
    """A setting's value, or its default."""
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return value if value is not None else DEFAULTS.get(key, "")


def get_all(session: Session) -> dict[str, str]:
    """Every setting, defaults filled in."""
    stored = {k: v for k, v in session.execute(select(Setting.key, Setting.value))}
    return {**DEFAULTS, **stored}


def put(session: Session, key: str, value: str) -> None:
    """Store a setting (audited like any other change)."""
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()
