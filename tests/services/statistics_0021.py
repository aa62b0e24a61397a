"""``statistics.compute`` as it was at migration 0021 (before 0022's indexes), kept to check that the figures
of the faster one are the same (tests/services/test_statistics.py). Not used by the application."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Integer, case, func, literal_column, select
from sqlalchemy.orm import Session

from commanddesk.catalogues import label
from commanddesk.models import ClockInstance, Dispatch, HazardWarning, Incident, Report, TZDateTime, WarningForward
from commanddesk.services.incidents import grade_label
from commanddesk.services.statistics import (ABOVE_TOWN, COLOUR_ORDER, EXCLUDED_STATUSES, GRADE_ORDER, UNPLACED,
                                             RuleRate, Stats, _bounds, _minutes, _rates, _unindexed, _year_before,
                                             divisions, durations, months)


def compute(session: Session, start: date, end: date, now: datetime | None = None) -> Stats:
    """The period's figures; *now* (default the session's clock) decides which open clocks are overdue.

    Counted in SQL (GROUP BY), so a store of 100,000 incidents is read in one pass per table.
    """
    if end < start:
        raise ValueError("统计截止日期不能早于起始日期")
    now = now or session.info["clock"].now()
    lo, hi = _bounds(start, end)
    received = _unindexed(Incident.__table__.c.received_at, TZDateTime(), session)
    real = (Incident.is_drill.is_(False), Incident.status.not_in(EXCLUDED_STATUSES), received >= lo, received < hi)
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy import literal_column

        month = func.to_char(Incident.received_at + literal_column("interval '8 hours'"), "YYYY-MM")
    else:
        month = func.strftime("%Y-%m", Incident.received_at, "+8 hours")  # stored as naive UTC; Beijing has no DST
    by_month = dict.fromkeys(months(start, end), 0)
    by_type: dict[str, int] = {}
    by_category: dict[str, int] = {}
    by_grade = dict.fromkeys(GRADE_ORDER, 0)
    by_division: dict[str, int] = {}
    town = divisions(session)
    total = 0
    for place, n in session.execute(select(Incident.jurisdiction_code, func.count()).where(*real)
                                    .group_by(Incident.jurisdiction_code)):
        d = town.get(place, ABOVE_TOWN)
        by_division[d] = by_division.get(d, 0) + n
    # one pass over the period and the same days a year before, drills included: each group says whether it is
    # in this period (cur) and in last year's (last); the two overlap when the period is longer than a year
    lo_last, hi_last = _bounds(_year_before(start), _year_before(end))
    cur = case((received >= lo, 1), else_=0)
    last = case((received < hi_last, 1), else_=0)
    last_year = dict.fromkeys(by_month, 0)
    last_total = 0
    drills: dict[str, dict[str, int]] = {}
    type_names: dict[str, str] = {}
    category_names: dict[str, str] = {}
    grade_names = {level: grade_label(level) for level in (None, 1, 2, 3, 4)}
    for m, category, type_, grade, drill, in_cur, in_last, n in session.execute(
            select(month, Incident.category, Incident.type, Incident.grade, Incident.is_drill, cur, last, func.count())
            .where(Incident.status.not_in(EXCLUDED_STATUSES), received >= lo_last, received < hi)
            .group_by(month, Incident.category, Incident.type, Incident.grade, Incident.is_drill, cur, last)):
        t = type_names.get(type_)
        if t is None:
            t = type_names[type_] = label("incident_type", type_) if type_ else "未分类"
        if drill:
            if in_cur:
                year = drills.setdefault(m[:4], {})
                year[t] = year.get(t, 0) + n
            continue
        if in_last:
            last_total += n
            shifted = f"{int(m[:4]) + 1:04d}{m[4:]}"
            if shifted in last_year:
                last_year[shifted] += n
        if not in_cur:
            continue
        total += n
        by_month[m] = by_month.get(m, 0) + n
        by_type[t] = by_type.get(t, 0) + n
        c = category_names.get(category)
        if c is None:
            c = category_names[category] = label("incident_category", category)
        by_category[c] = by_category.get(c, 0) + n
        g = grade_names.get(grade) or grade_label(grade)
        by_grade[g] = by_grade.get(g, 0) + n
    in_period = select(Incident.id).where(*real)
    clock_incident = _unindexed(ClockInstance.__table__.c.incident_id, Integer(), session)
    rules, late = _rates(session, (clock_incident.in_(in_period),
                                   ClockInstance.kind != "window"), now)
    warned = (HazardWarning.is_drill.is_(False), HazardWarning.received_at >= lo, HazardWarning.received_at < hi)
    by_colour = {c: 0 for c in COLOUR_ORDER}
    warning_types: dict[str, int] = {}
    for colour, kind, n in session.execute(select(HazardWarning.colour, HazardWarning.type, func.count())
                                           .where(*warned).group_by(HazardWarning.colour, HazardWarning.type)):
        by_colour[colour] = by_colour.get(colour, 0) + n
        warning_types[kind or "未注明"] = warning_types.get(kind or "未注明", 0) + n
    fwd, _ = _rates(session, (ClockInstance.warning_id.in_(select(HazardWarning.id).where(*warned)),), now)
    forwarding = RuleRate("forwarding", "预警信息转发", sum(r.on_time for r in fwd), sum(r.late for r in fwd),
                          sum(r.overdue for r in fwd)) if fwd else None
    # receipt → first report sent, order → arrival, warning → first forward: whole minutes counted in SQL
    first_sent = (select(_minutes(session, func.min(Incident.received_at), func.min(Report.sent_at)).label("m"))
                  .select_from(Report).join(Incident, Incident.id == Report.incident_id)
                  .where(*real, Report.status == "sent", Report.kind != "notify", Report.sent_at.is_not(None))
                  .group_by(Incident.id).subquery())  # incident by incident, its reports from their index: no sort
    to_report = durations(dict(session.execute(select(first_sent.c.m, func.count()).group_by(first_sent.c.m)).all()))
    arrive = _minutes(session, Dispatch.ordered_at, Dispatch.arrived_at)
    to_arrival = durations(dict(session.execute(
        select(arrive, func.count()).select_from(Dispatch).join(Incident, Incident.id == Dispatch.incident_id)
        .where(*real, Dispatch.arrived_at.is_not(None)).group_by(arrive)).all()))
    first_fwd = (select(WarningForward.warning_id, func.min(WarningForward.forwarded_at).label("at"))
                 .group_by(WarningForward.warning_id).subquery())
    fwd_taken = _minutes(session, HazardWarning.received_at, first_fwd.c.at)
    to_forward = durations(dict(session.execute(
        select(fwd_taken, func.count()).select_from(first_fwd)
        .join(HazardWarning, HazardWarning.id == first_fwd.c.warning_id).where(*warned).group_by(fwd_taken)).all()))
    return Stats(start, end, total, by_month,
                 dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
                 dict(sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0]))),
                 by_grade, tuple(rules), late, by_colour, forwarding,
                 by_division=dict(sorted(by_division.items(),
                                         key=lambda kv: (kv[0] in (ABOVE_TOWN, UNPLACED), -kv[1], kv[0]))),
                 last_year_by_month=last_year, last_year_incidents=last_total, to_first_report=to_report,
                 to_arrival=to_arrival, to_forward=to_forward,
                 drills_by_year={y: dict(sorted(t.items(), key=lambda kv: (-kv[1], kv[0])))
                                 for y, t in sorted(drills.items())},
                 warnings_by_type=dict(sorted(warning_types.items(), key=lambda kv: (-kv[1], kv[0]))))
