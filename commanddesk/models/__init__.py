"""The store's ORM classes (SQLAlchemy 2.0, no Qt)."""

from .audit import AuditEntry
from .base import Base, TZDateTime
from .incidents import Incident, TimelineEvent
from .people import Operator, Shift
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
    "AuditEntry", "Base", "Contact", "HazardSite", "Incident", "Jurisdiction",
    "MaterialItem", "Operator", "Organisation", "RescueTeam", "Shelter", "Shift",
    "StockLine", "TZDateTime", "TeamType", "TimelineEvent", "Warehouse",
]
