"""Statistics for a period: incidents by month, type, category and grade; reporting on time; warnings. No Qt.

Only real incidents count: drills and voided or merged incidents never do. An
incident belongs to the Beijing calendar day of its receipt (接报). Reporting
performance counts the incidents' clocks that are decided — met on time, met
late, or open and past their deadline at *now* — leaving out 补报 windows,
waived clocks and clocks that no longer apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Boolean, Integer, bindparam, case, func, literal_column, or_, select, text, type_coerce
from sqlalchemy.orm import Session

from ..catalogues import label
from ..clock import BEIJING
from ..models import ClockInstance, Dispatch, HazardWarning, Incident, Jurisdiction, Report, TZDateTime, WarningForward
from .incidents import grade_label

EXCLUDED_STATUSES = ("voided", "merged")
GRADE_ORDER = ("特别重大", "重大", "较大", "一般", "未定级")
COLOUR_ORDER = ("red", "orange", "yellow", "blue")
MINUTE_BINS = ((10, "10 分钟内"), (30, "11–30 分钟"), (60, "31–60 分钟"), (120, "1–2 小时"), (None, "2 小时以上"))
LATE_BINS = ((5, "1–5 分钟"), (15, "6–15 分钟"), (30, "16–30 分钟"), (60, "31–60 分钟"), (None, "60 分钟以上"))


@dataclass(frozen=True)
class RuleRate:
    """On-time figures of one clock rule."""

    rule_id: str
    name: str
    on_time: int
    late: int
    overdue: int

    @property
    def decided(self) -> int:
        """Clocks of this rule whose outcome is known (on time, late or overdue)."""
        return self.on_time + self.late + self.overdue

    @property
    def rate(self) -> float | None:
        """Share met on time among those decided; None when none is."""
        return self.on_time / self.decided if self.decided else None


@dataclass(frozen=True)
class Durations:
    """How long something took, in whole minutes: how many, the median, and counts per MINUTE_BINS bin."""

    n: int
    median: float | None
    bins: dict[str, int]

    def as_dict(self) -> dict:
        """JSON-ready."""
        return {"n": self.n, "median_minutes": self.median, "bins": self.bins}


def durations(counts: dict[int, int]) -> Durations:
    """Durations from whole minutes → how many took that long (negative minutes, a clock set wrong, are left out)."""
    counts = {m: n for m, n in counts.items() if m is not None and m >= 0 and n}
    bins = dict.fromkeys((text for _top, text in MINUTE_BINS), 0)
    for m, n in counts.items():
        bins[next(text for top, text in MINUTE_BINS if top is None or m <= top)] += n
    total = sum(counts.values())
    median = None
    if total:
        ordered = sorted(counts.items())
        def nth(k):  # the k-th smallest (0-based)
            seen = 0
            for m, n in ordered:
                seen += n
                if k < seen:
                    return m
            return ordered[-1][0]
        median = (nth((total - 1) // 2) + nth(total // 2)) / 2
    return Durations(total, median, bins)


@dataclass(frozen=True)
class Stats:
    """The figures of one period (counts keyed by Chinese labels, in display order)."""

    start: date
    end: date
    incidents: int
    by_month: dict[str, int]
    by_type: dict[str, int]
    by_category: dict[str, int]
    by_grade: dict[str, int]
    rules: tuple[RuleRate, ...]
    late_minutes: dict[str, int]  # how late the late ones were: bin label → clocks
    warnings_by_colour: dict[str, int] = field(default_factory=dict)
    forwarding: RuleRate | None = None
    by_division: dict[str, int] = field(default_factory=dict)  # township → incidents (县级及以上, 未定位 last)
    last_year_by_month: dict[str, int] = field(default_factory=dict)  # this period's month → the same days a year before
    last_year_incidents: int = 0
    to_first_report: Durations | None = None  # receipt → the first report sent, per incident
    to_arrival: Durations | None = None  # order → arrival on scene, per dispatch
    to_forward: Durations | None = None  # warning received → first forwarded, per warning
    drills_by_year: dict[str, dict[str, int]] = field(default_factory=dict)  # year → type → drills
    warnings_by_type: dict[str, int] = field(default_factory=dict)

    @property
    def on_time(self) -> int:
        """Clocks met on time, over every rule."""
        return sum(r.on_time for r in self.rules)

    @property
    def decided(self) -> int:
        """Clocks whose outcome is known, over every rule."""
        return sum(r.decided for r in self.rules)

    @property
    def on_time_rate(self) -> float | None:
        """Share of decided clocks met on time; None when none is decided."""
        return self.on_time / self.decided if self.decided else None

    def as_dict(self) -> dict:
        """The figures as plain JSON-ready values (for stats --json)."""
        return {
            "from": self.start.isoformat(), "to": self.end.isoformat(), "incidents": self.incidents,
            "by_month": self.by_month, "by_type": self.by_type, "by_category": self.by_category,
            "by_grade": self.by_grade, "by_division": self.by_division, "on_time": self.on_time, "decided": self.decided,
            "on_time_rate": self.on_time_rate,
            "rules": [{"rule_id": r.rule_id, "name": r.name, "on_time": r.on_time, "late": r.late,
                       "overdue": r.overdue, "rate": r.rate} for r in self.rules],
            "late_minutes": self.late_minutes, "warnings_by_colour": self.warnings_by_colour,
            "warnings_by_type": self.warnings_by_type, "last_year_incidents": self.last_year_incidents,
            "last_year_by_month": self.last_year_by_month, "drills_by_year": self.drills_by_year,
            **{key: None if d is None else d.as_dict() for key, d in (
                ("to_first_report", self.to_first_report), ("to_arrival", self.to_arrival),
                ("to_forward", self.to_forward))},
            "forwarding": None if self.forwarding is None else {
                "on_time": self.forwarding.on_time, "late": self.forwarding.late,
                "overdue": self.forwarding.overdue, "rate": self.forwarding.rate},
        }


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The UTC instants of 00:00 Beijing on *start* and 24:00 Beijing on *end*."""
    return (datetime.combine(start, time(0), tzinfo=BEIJING),
            datetime.combine(end + timedelta(days=1), time(0), tzinfo=BEIJING))


def months(start: date, end: date) -> list[str]:
    """Every month "YYYY-MM" from *start* to *end*, inclusive."""
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _rates(session: Session, where, now: datetime) -> tuple[list[RuleRate], dict[str, int]]:
    """Per rule: clocks met on time, met late, and open past their deadline at *now* (SQL aggregates)."""
    tally: dict[str, list] = {}
    late = dict.fromkeys((text for _top, text in LATE_BINS), 0)
    # one pass, grouped by plain columns in the order of ix_clock_instance_stats, so the groups are read
    # from the index as they come (no sort); late minutes are NULL except for late clocks, so groups stay
    # few; which open clocks are past due is counted inside each group
    past_due = func.sum(case((ClockInstance.due_at <= now, 1), else_=0))
    for rule_id, state, minutes, name, n, overdue in session.execute(
            select(ClockInstance.rule_id, ClockInstance.state, ClockInstance.late_minutes,
                   func.min(ClockInstance.name), func.count(), past_due)
            .where(*where, ClockInstance.inapplicable_since.is_(None) | (ClockInstance.state != "open"))
            .group_by(ClockInstance.rule_id, ClockInstance.state, ClockInstance.late_minutes)):
        kind = {"met": "on_time", "met_late": "late", "open": "overdue"}.get(state)
        if kind == "overdue":
            n = overdue or 0
        if not kind or not n:
            continue
        t = tally.setdefault(rule_id, [name, 0, 0, 0])
        t[0] = min(t[0], name)
        t[{"on_time": 1, "late": 2, "overdue": 3}[kind]] += n
        if kind == "late" and minutes:
            late[next(text for top, text in LATE_BINS if top is None or minutes <= top)] += n
    rates = [RuleRate(rid, v[0], v[1], v[2], v[3]) for rid, v in tally.items()]
    rates.sort(key=lambda r: (-r.decided, r.rule_id))
    return rates, late


UNPLACED = "未定位"
ABOVE_TOWN = "县级及以上"


def divisions(session: Session) -> dict[str | None, str]:
    """Each division code → the township-level division (乡镇/街道/园区) it lies in, by name.

    A village counts under its township; a code above township level under 县级及以上; no code, 未定位.
    Two townships of the same name are told apart by their county's name.
    """
    rows = {code: (name, level, parent) for code, name, level, parent in
            session.execute(select(Jurisdiction.code, Jurisdiction.name, Jurisdiction.level, Jurisdiction.parent_code))}
    towns = {code for code, (_n, level, _p) in rows.items() if level in ("town", "zone")}
    named: dict[str, int] = {}
    for code in towns:
        named[rows[code][0]] = named.get(rows[code][0], 0) + 1

    def town_name(code: str) -> str:
        name, _level, parent = rows[code]
        if named[name] > 1 and parent in rows:
            return f"{name}（{rows[parent][0]}）"
        return name

    out: dict[str | None, str] = {None: UNPLACED}
    for code in rows:
        at, seen = code, 0
        while at is not None and at not in towns and seen < 10:
            at, seen = rows[at][2] if at in rows else None, seen + 1
        out[code] = town_name(at) if at in towns else ABOVE_TOWN
    return out


def _division_codes(session: Session, key: str) -> list[str]:
    """The division codes counted under the township *key* (empty when none)."""
    return [code for code, town in divisions(session).items() if town == key and code is not None]


def _year_before(day: date) -> date:
    """The same day a year before (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _minutes(session: Session, a, b):
    """Whole minutes from *a* to *b* as an SQL expression (SQLite: julianday; PostgreSQL: epoch)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.cast(func.floor(func.extract("epoch", b - a) / 60), Integer)
    return func.cast((func.julianday(b) - func.julianday(a)) * 1440 + 1e-6, Integer)


def _unindexed(column, type_, session=None):
    """*column* as SQLite's ``+column``: the same value, but the planner will not use an index for it.

    Over a year of a busy store a plain scan is several times faster than
    walking the received_at or incident_id index and fetching each row.
    """
    if session is not None and session.get_bind().dialect.name != "sqlite":
        return column  # unary + is SQLite's idiom; PostgreSQL's planner chooses for itself
    return type_coerce(literal_column(f"+{column.table.name}.{column.name}"), type_)


def _month_edges(start: date, end: date) -> list[tuple[str, datetime, datetime]]:
    """Each month "YYYY-MM" of *start*..*end* with the UTC instants it covers, cut to the period."""
    lo, hi = _bounds(start, end)
    out = []
    for m in months(start, end):
        y, n = int(m[:4]), int(m[5:])
        first = datetime(y, n, 1, tzinfo=BEIJING)
        after = datetime(y + (n == 12), n % 12 + 1, 1, tzinfo=BEIJING)
        out.append((m, max(first, lo), min(after, hi)))
    return out


MONTHS_PER_STATEMENT = 200  # scalar counts per SELECT (SQLite allows 2,000 result columns)
_COUNT_SQL = ("(SELECT count(*) FROM incident WHERE {plus}is_drill = :drill AND status NOT IN ("
              + ", ".join(f"'{s}'" for s in EXCLUDED_STATUSES) + ") AND received_at >= :a{i} AND received_at < :b{i})")


def _counts(session: Session, ranges: list[tuple[datetime, datetime]]) -> list[int]:
    """How many real incidents were received in each UTC range [a, b): one index range count per range.

    Counting month by month in ix_incident_months reads each incident once and sorts nothing (a GROUP BY of the
    month computed row by row sorted 100,000 rows: 40 ms on the ten-year store; this about 7 ms). The statement
    is written as text: built from expressions, 600 subqueries took 60 ms to put together. Ranges outside the
    real incidents' first and last receipt are not asked for.
    """
    real = Incident.is_drill.is_(False)
    first, last = session.execute(select(  # each its own subquery: one index lookup each, not a scan for both
        select(func.min(Incident.received_at)).where(real).scalar_subquery(),
        select(func.max(Incident.received_at)).where(real).scalar_subquery())).one()
    out = [0] * len(ranges)
    plus = "+" if session.get_bind().dialect.name == "sqlite" else ""  # as _unindexed: the range in ix_incident_months
    asked = [i for i, (a, b) in enumerate(ranges) if first is not None and a < b and a <= last and b > first]
    for k in range(0, len(asked), MONTHS_PER_STATEMENT):
        chunk = asked[k:k + MONTHS_PER_STATEMENT]
        stmt = text("SELECT " + ", ".join(_COUNT_SQL.format(i=j, plus=plus) for j in range(len(chunk)))).bindparams(
            bindparam("drill", False, type_=Boolean()),
            *(bindparam(f"{side}{j}", ranges[i][side == "b"], type_=TZDateTime())
              for j, i in enumerate(chunk) for side in "ab"))
        for i, n in zip(chunk, session.execute(stmt).one()):
            out[i] = n or 0
    return out


def compute(session: Session, start: date, end: date, now: datetime | None = None) -> Stats:
    """The period's figures; *now* (default the session's clock) decides which open clocks are overdue.

    Counted in SQL, each figure from an index that holds what it reads (migrations 0015 and 0022), so a
    store of 100,000 incidents is read without sorting them: the types, categories, grades and divisions in
    one GROUP BY in ix_incident_kinds order, the months as one index range count each, the clocks in
    ix_clock_instance_stats order, the first reports in ix_report_first order.
    """
    if end < start:
        raise ValueError("统计截止日期不能早于起始日期")
    now = now or session.info["clock"].now()
    lo, hi = _bounds(start, end)
    postgresql = session.get_bind().dialect.name == "postgresql"
    kept = (Incident.status.not_in(EXCLUDED_STATUSES),)
    # is_drill never picks the index on SQLite: ix_incident_filter's (is_drill, received_at) would be walked
    # and each row read for its status, where ix_incident_months and ix_incident_kinds hold all that is asked
    real_any_time = (_unindexed(Incident.__table__.c.is_drill, Boolean(), session).is_(False), *kept)
    real = (*real_any_time, Incident.received_at >= lo, Incident.received_at < hi)
    # types, categories, grades and divisions: one pass over ix_incident_kinds in its order (the groups come
    # as they are read, no sort); received_at unindexed too, so that index is read whole and not ix_incident_months
    # by the period then each row for its type
    received = _unindexed(Incident.__table__.c.received_at, TZDateTime(), session)
    unranged = (*real_any_time, received >= lo, received < hi)  # also where an incident is looked up by id
    by_type: dict[str, int] = {}
    by_category: dict[str, int] = {}
    by_grade = dict.fromkeys(GRADE_ORDER, 0)
    by_division: dict[str, int] = {}
    town = divisions(session)
    type_names: dict[str, str] = {}
    category_names: dict[str, str] = {}
    grade_names = {level: grade_label(level) for level in (None, 1, 2, 3, 4)}

    def type_name(code):
        t = type_names.get(code)
        if t is None:
            t = type_names[code] = label("incident_type", code) if code else "未分类"
        return t

    total = 0
    for category, type_, grade, place, n in session.execute(
            select(Incident.category, Incident.type, Incident.grade, Incident.jurisdiction_code, func.count())
            .where(*unranged)
            .group_by(Incident.category, Incident.type, Incident.grade, Incident.jurisdiction_code)):
        total += n
        t = type_name(type_)
        by_type[t] = by_type.get(t, 0) + n
        c = category_names.get(category)
        if c is None:
            c = category_names[category] = label("incident_category", category)
        by_category[c] = by_category.get(c, 0) + n
        g = grade_names.get(grade) or grade_label(grade)
        by_grade[g] = by_grade.get(g, 0) + n
        d = town.get(place, ABOVE_TOWN)
        by_division[d] = by_division.get(d, 0) + n
    # by month, this period and the same days a year before (a month of last year counts under the same
    # month of this period), and last year's whole: index range counts
    edges = _month_edges(start, end)
    lo_last, hi_last = _bounds(_year_before(start), _year_before(end))
    last_edges = []
    for m, _a, _b in edges:
        y, n = int(m[:4]) - 1, int(m[5:])
        last_edges.append((max(datetime(y, n, 1, tzinfo=BEIJING), lo_last),
                           min(datetime(y + (n == 12), n % 12 + 1, 1, tzinfo=BEIJING), hi_last)))
    counted = _counts(session, [(a, b) for _m, a, b in edges] + last_edges + [(lo_last, hi_last)])
    by_month = {m: n for (m, _a, _b), n in zip(edges, counted)}
    last_year = {m: n for (m, _a, _b), n in zip(edges, counted[len(edges):])}
    last_total = counted[-1]
    # drills by year and type (few: the drill rows themselves)
    if postgresql:
        year = func.to_char(Incident.received_at + literal_column("interval '8 hours'"), "YYYY")
    else:
        year = func.strftime("%Y", Incident.received_at, "+8 hours")  # stored as naive UTC; Beijing has no DST
    drills: dict[str, dict[str, int]] = {}
    for y, type_, n in session.execute(
            select(year, Incident.type, func.count())
            .where(Incident.is_drill.is_(True), *kept, Incident.received_at >= lo, Incident.received_at < hi)
            .group_by(year, Incident.type)):
        t, of_year = type_name(type_), drills.setdefault(y, {})
        of_year[t] = of_year.get(t, 0) + n
    # the clocks of the period's real incidents: by the smaller list, those incidents or all the others
    everyone = session.scalar(select(func.count()).select_from(Incident)) or 0
    few = total <= everyone - total
    clock_incident = _unindexed(ClockInstance.__table__.c.incident_id, Integer(), session)
    if few:
        of_period = clock_incident.in_(select(Incident.id).where(*real))
    else:
        others = select(Incident.id).where(or_(Incident.is_drill.is_(True), Incident.status.in_(EXCLUDED_STATUSES),
                                               Incident.received_at < lo, Incident.received_at >= hi))
        of_period = clock_incident.is_not(None) & clock_incident.not_in(others)
    rules, late = _rates(session, (of_period, ClockInstance.kind != "window"), now)
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
    # receipt → first report sent, per incident. For a period of few of the incidents, its incidents (by
    # ix_incident_months) and the reports of each (ix_report_first; ``+ 0``: not every report, then its incident);
    # for most of them, every incident's first report in ix_report_first's order (no sort), then its incident by
    # id (``+ 0``: not the incidents by received_at, then each one's reports: 130 ms over 100,000 instead of 85)
    sent = (Report.status == "sent", Report.kind != "notify", Report.sent_at.is_not(None))
    if few:
        first_sent = (select(_minutes(session, func.min(Incident.received_at), func.min(Report.sent_at)).label("m"))
                      .select_from(Incident).join(Report, Report.incident_id == Incident.id + 0)
                      .where(*real, *sent).group_by(Incident.received_at, Incident.id).subquery())  # by id alone:
        # SQLite would read the whole table in id order to save sorting the groups
        by_minutes = select(first_sent.c.m, func.count()).group_by(first_sent.c.m)
    else:
        first_sent = select(Report.incident_id, func.min(Report.sent_at).label("at")).where(*sent) \
            .group_by(Report.incident_id).subquery()
        taken = _minutes(session, Incident.received_at, first_sent.c.at)
        by_minutes = (select(taken, func.count()).select_from(first_sent)
                      .join(Incident, Incident.id == first_sent.c.incident_id + 0).where(*unranged).group_by(taken))
    to_report = durations(dict(session.execute(by_minutes).all()))
    # order → arrival, dispatch by dispatch (few beside the incidents: read from the dispatches' side)
    arrive = _minutes(session, Dispatch.ordered_at, Dispatch.arrived_at)
    to_arrival = durations(dict(session.execute(
        select(arrive, func.count()).select_from(Dispatch).join(Incident, Incident.id == Dispatch.incident_id + 0)
        .where(*unranged, Dispatch.arrived_at.is_not(None)).group_by(arrive)).all()))
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


@dataclass(frozen=True)
class Row:
    """One incident behind a bar: what the drill-down list shows."""

    id: int
    number: str
    title: str
    received_at: datetime
    grade: str


DIMENSIONS = ("month", "type", "category", "grade", "division")


def incidents_for(session: Session, start: date, end: date, dimension: str, key: str,
                  limit: int = 500) -> tuple[list[Row], int]:
    """The incidents counted under one bar (newest first, at most *limit*) and how many there are in all.

    *dimension* is one of DIMENSIONS and *key* the bar's label as ``compute`` gives it ("2026-09",
    "爆炸事故", "事故灾难", "较大", or a division's name); drills, voided and merged incidents never count.
    """
    from .incidents import number

    if dimension not in DIMENSIONS:
        raise ValueError(f"没有“{dimension}”这种统计口径")
    if end < start:
        raise ValueError("统计截止日期不能早于起始日期")
    lo, hi = _bounds(start, end)
    received = _unindexed(Incident.__table__.c.received_at, TZDateTime(), session)
    where = [Incident.is_drill.is_(False), Incident.status.not_in(EXCLUDED_STATUSES), received >= lo, received < hi]
    if dimension == "month":
        try:
            y, m = (int(part) for part in key.split("-"))
            first = date(y, m, 1)
        except ValueError:
            raise ValueError(f"月份“{key}”应为 YYYY-MM") from None
        last = date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
        m_lo, m_hi = _bounds(max(first, start), min(last, end))
        where += [received >= m_lo, received < m_hi]
    elif dimension == "grade":
        if key not in GRADE_ORDER:
            raise ValueError(f"没有“{key}”这个等级")
        level = GRADE_ORDER.index(key) + 1
        where.append(Incident.grade.is_(None) if key == "未定级" else Incident.grade == level)
    elif dimension in ("type", "category"):
        column = Incident.type if dimension == "type" else Incident.category
        kind = "incident_type" if dimension == "type" else "incident_category"
        codes = [code for (code,) in session.execute(select(column).where(*where).distinct())
                 if (label(kind, code) if code else "未分类") == key]
        where.append(column.in_(codes))
    elif key == UNPLACED:
        where.append(Incident.jurisdiction_code.is_(None))
    else:
        where.append(Incident.jurisdiction_code.in_(_division_codes(session, key)))
    total = session.scalar(select(func.count()).select_from(Incident).where(*where)) or 0
    rows = session.scalars(select(Incident).where(*where).order_by(Incident.received_at.desc(), Incident.id.desc())
                           .limit(limit)).all()
    return [Row(i.id, number(i), i.title, i.received_at, grade_label(i.grade)) for i in rows], total


def write_excel(stats: Stats, path: Path) -> Path:
    """The period's tables as one workbook, a sheet per table (openpyxl)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    bold = Font(bold=True)
    summary = wb.active
    summary.title = "概况"
    rate = stats.on_time_rate
    for row in (("统计期间", f"{stats.start.isoformat()} 至 {stats.end.isoformat()}"),
                ("事件数（不含演练、作废、合并）", stats.incidents),
                ("已判定的报告时限", stats.decided), ("按时完成", stats.on_time),
                ("按时率", f"{rate:.1%}" if rate is not None else "—")):
        summary.append(row)
    for title, table in (("按月", stats.by_month), ("按类型", stats.by_type), ("按类别", stats.by_category),
                         ("按等级", stats.by_grade)):
        ws = wb.create_sheet(title)
        ws.append([title.removeprefix("按"), "事件数"])
        for key, n in table.items():
            ws.append([key, n])
        ws["A1"].font = ws["B1"].font = bold
        ws.column_dimensions["A"].width = 24
    ws = wb.create_sheet("报告按时率")
    ws.append(["规则", "名称", "按时", "迟报", "超时未报", "按时率"])
    for r in stats.rules:
        ws.append([r.rule_id, r.name, r.on_time, r.late, r.overdue, round(r.rate, 4) if r.rate is not None else None])
    ws.column_dimensions["B"].width = 30
    for cell in ws[1]:
        cell.font = bold
    for row in ws.iter_rows(min_row=2, min_col=6, max_col=6):
        for cell in row:
            cell.number_format = "0.0%"
    ws = wb.create_sheet("预警")
    ws.append(["颜色", "条数"])
    for c, n in stats.warnings_by_colour.items():
        ws.append([{"red": "红色", "orange": "橙色", "yellow": "黄色", "blue": "蓝色"}.get(c, c), n])
    if stats.forwarding is not None:
        f = stats.forwarding
        ws.append([])
        ws.append(["转发按时", f.on_time])
        ws.append(["转发迟报", f.late])
        ws.append(["转发超时未登记", f.overdue])
    path = Path(path)
    wb.save(path)
    return path
