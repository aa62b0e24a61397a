"""Every deadline the clock strip races against, whoever owns it.

Incidents' reporting clocks (``clocks``), leaders' instructions awaiting feedback (``instructions``),
received warnings to forward (``warnings``) and the day's 零报告 from below (``zero_reports``) each give
their open deadlines as ``ClockView`` rows; this module puts them in one list. It sits above all four,
so none of them needs to know the others.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from . import clocks, instructions, warnings, zero_reports


def running(session: Session, drills: bool = False) -> list[clocks.ClockView]:
    """Every open deadline of real (or drill) work, soonest first."""
    views = (clocks.incident_views(session, drills) + warnings.clock_views(session, drills)
             + instructions.clock_views(session, drills) + zero_reports.clock_views(session, drills))
    return sorted(views, key=lambda v: v.due_at)
