"""The store's ORM classes (SQLAlchemy 2.0, no Qt)."""

from .audit import AuditEntry
from .base import Base, TZDateTime
from .dispatch import (
    Dispatch, MaterialRequest, MaterialRequestLine, ShelterAssignment, StockLevel, StockMovement,
    StockTransfer, TeamPosition, TeamStatusChange,
)
from .incidents import (
    CLOSED_STATUSES, CallRecord, ClockInstance, Grading, Incident, Report, ReportRecipient, ReportSend, TimelineEvent,
)
from .duty import DutyPeriod, Handover, Instruction, OpinionItem, RosterShift, ZeroReport
from .people import Operator, SeatPresence, Setting, Shift
from .plans import PlanActivation, PlanTask
from .places import Contact, Jurisdiction, Organisation
from .warnings import HazardWarning, WarningForward, WarningMessage
from .zones import MapZone, TeamTrackPoint
from .sync import SyncChange, SyncConflict, SyncPeer, SyncState, Synced
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
    "AuditEntry", "Base", "CLOSED_STATUSES", "CallRecord", "ClockInstance", "Grading", "Report", "ReportRecipient", "ReportSend", "Contact", "HazardSite", "Incident", "Jurisdiction",
    "MaterialItem", "Operator", "Organisation", "PlanActivation", "PlanTask", "RescueTeam", "SeatPresence", "Setting", "Shelter", "Shift",
    "StockLine", "TZDateTime", "TeamType", "TimelineEvent", "Warehouse",
    "Dispatch", "MaterialRequest", "MaterialRequestLine", "ShelterAssignment", "StockLevel", "StockMovement",
    "StockTransfer", "TeamPosition", "TeamStatusChange", "HazardWarning", "WarningForward", "WarningMessage",
    "DutyPeriod", "Handover", "Instruction", "RosterShift", "ZeroReport", "OpinionItem", "MapZone", "TeamTrackPoint",
    "SyncChange", "SyncConflict", "SyncPeer", "SyncState", "Synced",
]
