"""What a seat re-reads when another seat changes a table (free of Qt).

notify.Listener hears table names from PostgreSQL; views are told through
the app's change keys ("incidents", "dispatch", "stock", …), the same keys a
seat announces after its own actions, so each view re-reads only what it
shows. ``EVERYTHING`` asks every view to re-read (after a reconnect, when
notifications sent meanwhile are lost).
"""

from __future__ import annotations

from collections.abc import Iterable

from .notify import ALL

EVERYTHING = "*"

KEY_BY_TABLE: dict[str, str] = {
    # an incident, its calls, clocks, reports and timeline: the list, the strip, the incident page
    **dict.fromkeys(("incident", "call_record", "grading", "clock_instance", "report", "report_recipient",
                     "report_send", "timeline_event", "plan_activation", "plan_task", "instruction",
                     "zero_report", "opinion_item"), "incidents"),
    **dict.fromkeys(("dispatch", "team_status_change", "team_position", "team_track_point"), "dispatch"),
    **dict.fromkeys(("rescue_team", "team_type"), "teams"),
    **dict.fromkeys(("stock_movement", "stock_level", "stock_line", "stock_transfer", "material_request",
                     "material_request_line"), "stock"),
    "warehouse": "warehouses", "material_item": "items",
    **dict.fromkeys(("shelter", "shelter_assignment"), "shelters"),
    "hazard_site": "hazards",
    **dict.fromkeys(("warning", "warning_message", "warning_forward"), "warnings"),
    **dict.fromkeys(("roster_shift", "duty_period"), "roster"),
    "handover": "handover", "contact": "contacts", "organisation": "organisations",
    "operator": "operators", "setting": "settings", "jurisdiction": "settings", "map_zone": "zones",
}
"""Tables no view shows (audit_log, audit_seal, sync_*) are left out: changing them alone re-reads nothing."""


def keys_for(tables: Iterable[str]) -> list[str]:
    """The change keys to announce for *tables* heard together (sorted; [EVERYTHING] for a full re-read)."""
    tables = set(tables)
    if ALL in tables:
        return [EVERYTHING]
    return sorted({KEY_BY_TABLE[t] for t in tables if t in KEY_BY_TABLE})
