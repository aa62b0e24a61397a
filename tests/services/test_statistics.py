"""Statistics on a hand-made store whose answers are known."""

from datetime import date, datetime, timedelta

import pytest

from commanddesk.clock import BEIJING
from commanddesk.models import ClockInstance, Incident
from commanddesk.services import statistics


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def _incident(s, received, category="natural", type_="natural.flood", grade=None, drill=False, status="received"):
    inc = Incident(title="测试", category=category, type=type_, grade=grade, received_at=received, is_drill=drill,
                   status=status)
    s.add(inc)
    s.flush()
    return inc


def _clock(s, inc, rule, due, state="open", late=None, name=None):
    s.add(ClockInstance(incident_id=inc.id, rule_id=rule, name=name or rule, kind="written", anchor="receipt",
                        anchor_at=inc.received_at, due_at=due, warn_at=due, state=state, late_minutes=late,
                        created_at=inc.received_at, slot=""))


@pytest.fixture
def known(store, clock):
    """Five real incidents in Sep–Nov 2026, plus a drill, a voided one and one outside the period."""
    with store.transaction() as s:
        a = _incident(s, bj(2026, 9, 1, 0, 10), grade=4)  # Beijing 1 Sep (UTC still 31 Aug)
        b = _incident(s, bj(2026, 9, 30, 23, 59), "accident", "accident.explosion", grade=3)
        c = _incident(s, bj(2026, 11, 2, 8, 0), "accident", "accident.explosion")
        d = _incident(s, bj(2026, 11, 20, 8, 0), grade=4)
        e = _incident(s, bj(2026, 11, 23, 21, 0), "accident", "accident.hazmat", grade=2)
        drill = _incident(s, bj(2026, 10, 5, 8, 0), drill=True)
        voided = _incident(s, bj(2026, 10, 6, 8, 0), status="voided")
        _incident(s, bj(2026, 8, 31, 23, 59))  # Beijing 31 Aug: outside
        for inc in (drill, voided):
            _clock(s, inc, "C-DIS-2H", inc.received_at + timedelta(hours=2), "met")
        _clock(s, a, "C-DIS-2H", a.received_at + timedelta(hours=2), "met")
        _clock(s, d, "C-DIS-2H", d.received_at + timedelta(hours=2), "met_late", late=15)
        _clock(s, b, "C-LEVEL-2H", b.received_at + timedelta(hours=2), "met")
        _clock(s, c, "C-LEVEL-2H", c.received_at + timedelta(hours=2), "open")  # overdue by now
        _clock(s, e, "C-LEVEL-2H", e.received_at + timedelta(hours=2), "open")  # still running: not decided
        _clock(s, e, "C-CITY-20", e.received_at + timedelta(minutes=20), "met_late", late=4)
        _clock(s, a, "C-XUBAO", a.received_at + timedelta(hours=9), "waived")  # waived: not counted
    return store


def test_counts_by_month_type_category_and_grade(known):
    with known.read() as s:
        st = statistics.compute(s, date(2026, 9, 1), date(2026, 11, 30))
    assert st.incidents == 5
    assert st.by_month == {"2026-09": 2, "2026-10": 0, "2026-11": 3}
    assert st.by_type == {"爆炸事故": 2, "洪涝灾害": 2, "危险化学品事故": 1}
    assert st.by_category == {"事故灾难": 3, "自然灾害": 2}
    assert st.by_grade == {"特别重大": 0, "重大": 1, "较大": 1, "一般": 2, "未定级": 1}


def test_on_time_rate_per_rule_and_overall(known):
    with known.read() as s:
        st = statistics.compute(s, date(2026, 9, 1), date(2026, 11, 30))
    rules = {r.rule_id: (r.on_time, r.late, r.overdue) for r in st.rules}
    assert rules == {"C-DIS-2H": (1, 1, 0), "C-LEVEL-2H": (1, 0, 1), "C-CITY-20": (0, 1, 0)}
    assert (st.on_time, st.decided) == (2, 5) and st.on_time_rate == pytest.approx(0.4)
    assert st.late_minutes == {"1–5 分钟": 1, "6–15 分钟": 1, "16–30 分钟": 0, "31–60 分钟": 0, "60 分钟以上": 0}


def test_one_month_and_an_empty_period(known):
    with known.read() as s:
        sep = statistics.compute(s, date(2026, 9, 1), date(2026, 9, 30))
        empty = statistics.compute(s, date(2025, 1, 1), date(2025, 1, 31))
    assert sep.incidents == 2 and sep.by_month == {"2026-09": 2}
    assert empty.incidents == 0 and empty.on_time_rate is None and empty.by_month == {"2025-01": 0}
    with pytest.raises(ValueError), known.read() as s:
        statistics.compute(s, date(2026, 2, 1), date(2026, 1, 1))


def test_excel_export_holds_the_same_figures(known, tmp_path):
    from openpyxl import load_workbook

    with known.read() as s:
        st = statistics.compute(s, date(2026, 9, 1), date(2026, 11, 30))
    wb = load_workbook(statistics.write_excel(st, tmp_path / "统计.xlsx"))
    assert wb.sheetnames == ["概况", "按月", "按类型", "按类别", "按等级", "报告按时率", "预警"]
    assert [tuple(r) for r in wb["按月"].iter_rows(min_row=2, values_only=True)] == [
        ("2026-09", 2), ("2026-10", 0), ("2026-11", 3)]
    assert wb["概况"]["B5"].value == "40.0%"
    rates = {r[0]: r[5] for r in wb["报告按时率"].iter_rows(min_row=2, values_only=True)}
    assert rates["C-DIS-2H"] == 0.5 and rates["C-CITY-20"] == 0


def test_warnings_by_colour_and_forwarding_on_time(store, officer, clock):
    from commanddesk.services import warnings
    from tests.test_cap import alert

    with store.transaction() as s:
        w = warnings.import_cap(s, alert(event="大风蓝色预警", headline="大风蓝色预警", severity="Minor"))
        for r in warnings.recipients(s, w.warning_id):
            warnings.record_forward(s, w.warning_id, r.recipient, "sms")
        warnings.import_cap(s, alert(ident="W-2"))  # red, never forwarded
    clock.advance(hours=1)
    with store.read() as s:
        st = statistics.compute(s, date(2026, 11, 1), date(2026, 11, 30))
    assert st.warnings_by_colour == {"red": 1, "orange": 0, "yellow": 0, "blue": 1}
    f = st.forwarding
    assert (f.on_time, f.late, f.overdue) == (1, 0, 1) and f.rate == 0.5
    assert st.incidents == 0 and st.rules == ()  # a warning's clock is not an incident's


def test_the_incidents_behind_each_bar_are_those_counted(known):
    """Clicking a bar lists the incidents it counts: never the drill, the voided one, or one outside the period."""
    period = (date(2026, 9, 1), date(2026, 11, 30))
    with known.read() as s:
        st = statistics.compute(s, *period)
        for dimension, table in (("month", st.by_month), ("type", st.by_type), ("category", st.by_category),
                                 ("grade", st.by_grade), ("division", st.by_division)):
            for key, n in table.items():
                rows, total = statistics.incidents_for(s, *period, dimension, key)
                assert total == n == len(rows), (dimension, key)
        rows, total = statistics.incidents_for(s, *period, "type", "爆炸事故")
        assert [r.received_at for r in rows] == [bj(2026, 11, 2, 8, 0), bj(2026, 9, 30, 23, 59)]  # newest first
        assert rows[1].grade == "较大" and rows[0].grade == "未定级" and rows[0].number == str(rows[0].id)
        rows, total = statistics.incidents_for(s, *period, "month", "2026-10")
        assert (rows, total) == ([], 0)  # October holds only the drill and the voided one
        first, total = statistics.incidents_for(s, *period, "month", "2026-11", limit=2)
        assert total == 3 and len(first) == 2
        with pytest.raises(ValueError):
            statistics.incidents_for(s, *period, "colour", "red")


def test_by_division_counts_villages_under_their_township(store):
    from commanddesk.models import Jurisdiction

    with store.transaction() as s:
        s.add_all([Jurisdiction(code="990100", name="试点县", level="county"),
                   Jurisdiction(code="990200", name="邻县", level="county"),
                   Jurisdiction(code="990101", name="城关镇", level="town", parent_code="990100"),
                   Jurisdiction(code="990201", name="城关镇", level="town", parent_code="990200"),
                   Jurisdiction(code="990102", name="东山乡", level="town", parent_code="990100"),
                   Jurisdiction(code="99010201", name="石桥村", level="village", parent_code="990102")])
        s.flush()
        for code in ("990101", "99010201", "99010201", "990102", "990201", "990100", None):
            inc = _incident(s, bj(2026, 10, 1, 9, 0))
            inc.jurisdiction_code = code
    period = (date(2026, 10, 1), date(2026, 10, 31))
    with store.read() as s:
        st = statistics.compute(s, *period)
        rows, total = statistics.incidents_for(s, *period, "division", "东山乡")
    assert st.by_division == {"东山乡": 3, "城关镇（试点县）": 1, "城关镇（邻县）": 1, "县级及以上": 1, "未定位": 1}
    assert total == 3 and st.as_dict()["by_division"]["东山乡"] == 3


def test_last_year_drills_and_how_long_things_took(known, clock):
    """Same period last year by month, drills by year and type, receipt → first report, order → arrival."""
    from commanddesk.models import Dispatch, RescueTeam, Report, TeamType

    with known.transaction() as s:
        _incident(s, bj(2025, 9, 15, 8, 0))
        _incident(s, bj(2025, 11, 30, 23, 0))
        _incident(s, bj(2025, 12, 1, 1, 0))  # after last year's period
        _incident(s, bj(2025, 10, 1, 8, 0), status="voided")
        a, b = (s.query(Incident).filter(Incident.received_at == t).one()
                for t in (bj(2026, 9, 1, 0, 10), bj(2026, 11, 2, 8, 0)))
        for inc, minutes in ((a, 25), (a, 90), (b, 130)):
            s.add(Report(incident_id=inc.id, kind="initial", status="sent", created_at=inc.received_at,
                         sent_at=inc.received_at + timedelta(minutes=minutes)))
        drill = s.query(Incident).filter(Incident.is_drill.is_(True)).one()
        s.add(Report(incident_id=drill.id, kind="initial", status="sent", created_at=drill.received_at,
                     sent_at=drill.received_at + timedelta(minutes=5)))  # a drill's report never counts
        s.add(TeamType(code="t_stats", name="统计测试队伍"))
        s.flush()
        team = RescueTeam(code="ST-1", name="消防一队", team_type="t_stats")
        s.add(team)
        s.flush()
        s.add(Dispatch(incident_id=a.id, team_id=team.id, order_number="调-1", status="arrived",
                       ordered_at=a.received_at,
                       arrived_at=a.received_at + timedelta(minutes=18)))
    with known.read() as s:
        st = statistics.compute(s, date(2026, 9, 1), date(2026, 11, 30))
    assert st.last_year_by_month == {"2026-09": 1, "2026-10": 0, "2026-11": 1} and st.last_year_incidents == 2
    assert st.drills_by_year == {"2026": {"洪涝灾害": 1}}
    r = st.to_first_report
    assert (r.n, r.median) == (2, 77.5) and r.bins["11–30 分钟"] == 1 and r.bins["2 小时以上"] == 1
    assert (st.to_arrival.n, st.to_arrival.median, st.to_arrival.bins["11–30 分钟"]) == (1, 18, 1)
    assert st.as_dict()["to_first_report"]["median_minutes"] == 77.5


def test_warnings_by_type_and_forwarding_time(store, officer, clock):
    from commanddesk.services import warnings
    from tests.test_cap import alert

    with store.transaction() as s:
        w = warnings.import_cap(s, alert(event="大风蓝色预警", headline="大风蓝色预警", severity="Minor"))
        clock.advance(minutes=12)
        for r in warnings.recipients(s, w.warning_id):
            warnings.record_forward(s, w.warning_id, r.recipient, "sms")
        warnings.import_cap(s, alert(ident="W-2"))
    with store.read() as s:
        st = statistics.compute(s, date(2026, 11, 1), date(2026, 11, 30))
    assert sum(st.warnings_by_type.values()) == 2 and len(st.warnings_by_type) >= 1
    assert (st.to_forward.n, st.to_forward.median) == (1, 12)


def _varied(s):
    """Two years of a small county: every kind of incident, report, clock and dispatch statistics look at."""
    import random

    from commanddesk.models import Dispatch, Jurisdiction, RescueTeam, Report, TeamType

    rnd = random.Random(22)
    s.add_all([Jurisdiction(code="980100", name="样本县", level="county"),
               Jurisdiction(code="980101", name="北镇", level="town", parent_code="980100"),
               Jurisdiction(code="980102", name="南乡", level="town", parent_code="980100"),
               Jurisdiction(code="98010201", name="河口村", level="village", parent_code="980102")])
    s.add(TeamType(code="t_var", name="样本队伍"))
    s.flush()
    team = RescueTeam(code="VAR-1", name="样本一队", team_type="t_var")
    s.add(team)
    s.flush()
    kinds = [("natural", "natural.flood"), ("accident", "accident.explosion"), ("accident", "accident.hazmat"),
             ("natural", "")]
    start = bj(2024, 11, 1, 0, 0)
    # the edges: midnight Beijing (16:00 UTC the day before), 29 February, New Year
    times = [bj(2025, 2, 28, 23, 59), bj(2024, 2, 29, 12, 0), bj(2025, 3, 1, 0, 0), bj(2025, 12, 31, 23, 59, 59),
             bj(2026, 1, 1, 0, 0), bj(2025, 11, 30, 16, 0), bj(2025, 11, 1, 0, 0)]
    times += [start + timedelta(minutes=rnd.randrange(0, 760 * 24 * 60)) for _ in range(150)]
    for i, at in enumerate(times):
        category, type_ = rnd.choice(kinds)
        inc = _incident(s, at, category, type_, grade=rnd.choice([None, 1, 2, 3, 4, 4, 4]),
                        drill=rnd.random() < 0.1,
                        status=rnd.choice(["received", "terminated", "voided", "merged"] + ["closed"] * 6))
        inc.jurisdiction_code = rnd.choice([None, "980100", "980101", "980102", "98010201"])
        for k in range(rnd.choice([0, 1, 1, 2, 3])):  # first reports: sent, drafts, notices, unsent
            s.add(Report(incident_id=inc.id, kind=rnd.choice(["initial", "continued", "notify"]),
                         status=rnd.choice(["sent", "sent", "draft"]), created_at=at,
                         sent_at=None if rnd.random() < 0.1 else at + timedelta(minutes=rnd.randrange(0, 300))))
        for rule in rnd.sample(["C-DIS-2H", "C-LEVEL-2H", "C-CITY-20"], rnd.randrange(0, 3)):
            due = at + timedelta(hours=rnd.choice([1, 2, 400 * 24]))  # some still running at "now"
            state = rnd.choice(["open", "met", "met_late", "waived", "met_late"])
            s.add(ClockInstance(incident_id=inc.id, rule_id=rule, name=f"{rule}时限{rnd.randrange(2)}",
                                kind=rnd.choice(["written", "phone", "window"]), anchor="receipt", anchor_at=at,
                                due_at=due, warn_at=due, state=state, slot="",
                                late_minutes=rnd.choice([3, 12, 45, 90]) if state == "met_late" else None,
                                inapplicable_since=at if rnd.random() < 0.1 else None, created_at=at))
        if rnd.random() < 0.2:
            s.add(Dispatch(incident_id=inc.id, team_id=team.id, order_number=f"样-{i}", status="arrived",
                           ordered_at=at, arrived_at=None if rnd.random() < 0.2
                           else at + timedelta(minutes=rnd.randrange(5, 200))))


# periods of few of the incidents and of most of them (compute takes another way for each), edges of years,
# a 29 February, one day, nothing at all
PERIODS = [(date(2024, 1, 1), date(2026, 12, 31)), (date(2025, 1, 1), date(2025, 12, 31)),
           (date(2025, 2, 1), date(2025, 3, 31)), (date(2024, 2, 29), date(2025, 2, 28)),
           (date(2025, 3, 1), date(2026, 2, 28)), (date(2025, 11, 30), date(2025, 11, 30)),
           (date(2010, 1, 1), date(2010, 1, 31)), (date(2024, 12, 1), date(2026, 11, 23))]


def test_the_same_figures_as_before_the_indexes_on_a_varied_store(store, clock):
    """compute (0022's indexes, months as index range counts, clocks by the smaller list) gives exactly what
    the 0021 compute gave, on both backends."""
    from tests.services.statistics_0021 import compute as compute_0021

    with store.transaction() as s:
        _varied(s)
    with store.read() as s:
        for period in PERIODS:
            now = clock.now()
            assert statistics.compute(s, *period, now).as_dict() == compute_0021(s, *period, now).as_dict(), period
        st = statistics.compute(s, *PERIODS[0])
    assert st.incidents > 100 and st.decided > 20 and st.to_first_report.n > 30 and st.to_arrival.n > 5
    assert st.last_year_incidents > 0 and st.drills_by_year


def test_the_same_figures_as_before_the_indexes_on_the_demo_store(clock):
    """What --demo opens (its synthetic year and today's live calls) gives the figures the 0021 compute gave."""
    from commanddesk.services import demo
    from commanddesk.store import open_store
    from tests.services.statistics_0021 import compute as compute_0021

    store = open_store(demo.fresh_copy(clock), clock)
    try:
        demo.stage_incidents(store)
        today = clock.now().astimezone(BEIJING).date()
        with store.read() as s:
            for period in ((date(today.year, 1, 1), today), (today - timedelta(days=365), today),
                           (today - timedelta(days=30), today), (date(2000, 1, 1), today)):
                new, old = statistics.compute(s, *period).as_dict(), compute_0021(s, *period).as_dict()
                assert new == old, period
    finally:
        store.close()
    assert new["incidents"] > 1000 and new["decided"] > 1000 and new["to_first_report"]["n"] > 1000
