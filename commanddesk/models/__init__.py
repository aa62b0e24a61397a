"""The store's ORM classes (SQLAlchemy 2.0, no Qt)."""

from .audit import AuditEntry
from .base import Base, TZDateTime
from .incidents import CallRecord, ClockInstance, Grading, Incident, Report, TimelineEvent
from .people import Operator, Setting, Shift
from .places import Contact, Jurisdiction, Organisation
from .resources import (
    HazardSite,
    MaterialItem,
    RescueTeam,
    Shelter,
    StockLine,
    TeamType,
    Warehouse,
)

__all__ = [
    "AuditEntry", "Base", "CallRecord", "ClockInstance", "Grading", "Report", "Contact", "HazardSite", "Incident", "Jurisdiction",
    "MaterialItem", "Operator", "Organisation", "RescueTeam", "Setting", "Shelter", "Shift",
    "StockLine", "TZDateTime", "TeamType", "TimelineEvent", "Warehouse",
]
