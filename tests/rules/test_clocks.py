"""Reporting-clock rules: which rules apply, the deadlines they derive, local overrides."""

from __future__ import annotations

import statistics
import time as _time
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commanddesk.clock import BEIJING
from commanddesk.rules import RuleFileError
from commanddesk.rules import clocks as c

RS = c.load_ruleset()
UTC = timezone.utc


def bj(*parts: int) -> datetime:
    """A Beijing wall-clock time as an aware datetime."""
    return datetime(*parts, tzinfo=BEIJING)


def facts(category="accident", type_="accident.explosion", level=2, received=None, **extra) -> c.IncidentFacts:
    """Facts of a typical incident received 2026-11-24 10:00 Beijing time."""
    received = received or bj(2026, 11, 24, 10, 0)
    return c.IncidentFacts(category=category, type=type_, level=level, received_at=received,
                           occurred_at=extra.pop("occurred", None), **extra)


def by_rule(clocks: list[c.DerivedClock]) -> dict[str, list[c.DerivedClock]]:
    out: dict[str, list[c.DerivedClock]] = {}
    for clock in clocks:
        out.setdefault(clock.rule_id, []).append(clock)
    return out


# --- the spec's example --------------------------------------------------------------

def test_major_incident_gets_the_20_minute_city_clock():
    """A 重大 incident received at 10:00:00 gets a clock to 10:20:00 that warns at 10:15."""
    f = facts(level=2, received=bj(2026, 11, 24, 10, 0, 0))
    city = by_rule(c.derive(RS, f, f.received_at))["C-CITY-20"][0]
    assert city.anchor == "receipt" and city.anchor_at == bj(2026, 11, 24, 10, 0)
    assert city.due_at == bj(2026, 11, 24, 10, 20) and city.warn_at == bj(2026, 11, 24, 10, 15)
    assert city.name == "电话报告市政府" and city.satisfied_by == ("phone_city",) and city.slot == ""
    assert city.status == "T" and "规划" in city.source and "不是法定" in city.source


# --- which rules apply ---------------------------------------------------------------

UNSTABLE = frozenset({"disaster_unstable"})
APPLIES = [
    # rule, category, type, level, flags, expected
    ("C-LEADER-10", "health", "health.poisoning", None, frozenset(), True),
    ("C-LEADER-10", "natural", "natural.flood", 4, frozenset(), True),
    ("C-CITY-20", "accident", "accident.fire", 1, frozenset(), True),
    ("C-CITY-20", "social", "social.terror", 2, frozenset(), True),
    ("C-CITY-20", "accident", "accident.fire", 3, frozenset(), False),
    ("C-CITY-20", "accident", "accident.fire", None, frozenset(), False),
    ("C-WRITTEN-40", "natural", "natural.typhoon", 2, frozenset(), True),
    ("C-WRITTEN-40", "natural", "natural.typhoon", 4, frozenset(), False),
    ("C-UNIT-1H", "accident", "accident.hazmat", 4, frozenset(), True),
    ("C-UNIT-1H", "accident", "accident.road_traffic", None, frozenset(), True),
    ("C-UNIT-1H", "accident", "accident.pollution", 3, frozenset(), False),
    ("C-UNIT-1H", "accident", "accident.power_outage", 3, frozenset(), False),
    ("C-UNIT-1H", "natural", "natural.flood", 1, frozenset(), False),
    ("C-LEVEL-2H", "accident", "accident.mine", 4, frozenset(), True),
    ("C-LEVEL-2H", "accident", "accident.pollution", 4, frozenset(), False),
    ("C-LEVEL-2H", "health", "health.poisoning", 2, frozenset(), False),
    ("C-DIS-2H", "natural", "natural.geohazard", None, frozenset(), True),
    ("C-BUBAO-CHANGE", "accident", "accident.explosion", 4, frozenset(), True),
    ("C-BUBAO-CHANGE", "natural", "natural.flood", 4, frozenset(), False),
    ("C-RELIEF-10H", "natural", "natural.flood", None, frozenset({"people_relocated"}), True),
    ("C-RELIEF-10H", "natural", "natural.flood", 2, frozenset(), False),
    ("C-RELIEF-10H", "accident", "accident.hazmat", 2, frozenset({"people_relocated"}), False),
    ("C-DIS-2H", "accident", "accident.fire", 1, frozenset(), False),
    ("C-TOWN-1H", "natural", "natural.flood", 3, frozenset(), True),
    ("C-ZERO", "natural", "natural.flood", 3, UNSTABLE, True),
    ("C-ZERO", "natural", "natural.flood", 3, frozenset(), False),
    ("C-ZERO", "accident", "accident.fire", 3, UNSTABLE, False),
    ("C-XUBAO", "accident", "accident.fire", 3, frozenset(), True),
    ("C-XUBAO", "health", "health.infectious", 1, frozenset(), True),
    ("C-XUBAO", "accident", "accident.fire", 4, frozenset(), False),
    ("C-XUBAO", "accident", "accident.fire", None, frozenset(), False),
    ("C-BUBAO", "accident", "accident.explosion", 4, frozenset(), True),
    ("C-BUBAO", "accident", "accident.road_traffic", 4, frozenset(), False),
    ("C-BUBAO", "accident", "accident.fire", 4, frozenset(), False),
    ("C-BUBAO", "accident", "accident.pollution", 4, frozenset(), False),
    ("C-BUBAO-7", "accident", "accident.road_traffic", 4, frozenset(), True),
    ("C-BUBAO-7", "accident", "accident.fire", None, frozenset(), True),
    ("C-BUBAO-7", "accident", "accident.explosion", 4, frozenset(), False),
    ("C-HEBAO", "natural", "natural.drought", 4, frozenset(), True),
    ("C-HEBAO", "accident", "accident.fire", 4, frozenset(), False),
    ("C-NAT-4H", "accident", "accident.fire", 2, frozenset(), True),
    ("C-NAT-4H", "accident", "accident.fire", 3, frozenset(), False),
    ("C-MEM-30", "natural", "natural.flood", 1, frozenset(), True),
    ("C-MEM-60", "natural", "natural.flood", 3, frozenset(), False),
]


@pytest.mark.parametrize("rule_id, category, type_, level, flags, expected", APPLIES,
                         ids=[f"{a[0]}-{a[2]}-{a[3]}-{bool(a[4])}" for a in APPLIES])
def test_rule_applies_as_the_table_says(rule_id, category, type_, level, flags, expected):
    """Every default rule applies to the categories, types, levels and flags of domain §5.1."""
    f = facts(category=category, type_=type_, level=level, flags=flags)
    assert RS.rule(rule_id).applies(f) is expected


def test_every_default_rule_is_covered_by_the_table():
    """The applies table above names every rule of the default set, each both ways where it can
    (the warning-triggered rule has its own test below)."""
    assert {a[0] for a in APPLIES} | {"C-FORWARD-30"} == {r.id for r in RS.rules}


def test_required_rules_and_defaults():
    """The default set holds the rules the product needs, with the stated status and switches."""
    expect = {"C-CITY-20": ("T", True), "C-WRITTEN-40": ("L", True), "C-LEADER-10": ("L", True),
              "C-UNIT-1H": ("N", True), "C-LEVEL-2H": ("N", True), "C-DIS-2H": ("N", True),
              "C-ZERO": ("N", True), "C-XUBAO": ("L", True), "C-BUBAO": ("N", True), "C-BUBAO-7": ("N", True),
              "C-BUBAO-CHANGE": ("L", True), "C-FORWARD-30": ("L", True), "C-RELIEF-10H": ("T", True),
              "C-NAT-4H": ("U", False), "C-MEM-30": ("U", False), "C-MEM-60": ("U", False)}
    for rule_id, (status, enabled) in expect.items():
        rule = RS.rule(rule_id)
        assert (rule.status, rule.enabled) == (status, enabled), rule_id
        assert rule.source and rule.recipient and rule.name
    assert all("未核实" in r.name for r in RS.rules if r.status == "U")
    assert RS.rule("C-CITY-20").levels == (1, 2) and RS.rule("C-CITY-20").offset_minutes == 20
    assert RS.rule("C-XUBAO").times == ("08:00", "17:00") and RS.rule("C-ZERO").times == ("09:00",)
    assert RS.rule("C-UNIT-1H").anchor == "unit_receipt"
    assert RS.id == "default" and RS.version and len(RS.content_hash) == 64


@pytest.mark.parametrize("rule_id, warn", [
    ("C-LEADER-10", 3), ("C-CITY-20", 5), ("C-WRITTEN-40", 10), ("C-UNIT-1H", 15), ("C-LEVEL-2H", 30),
    ("C-DIS-2H", 30), ("C-ZERO", 30), ("C-XUBAO", 30), ("C-MEM-30", 8), ("C-NAT-4H", 60), ("C-BUBAO", 1440),
])
def test_warn_before_defaults(rule_id, warn):
    """Warning starts in the last quarter of the offset (2–60 min); wall-clock rules 30 min."""
    assert RS.rule(rule_id).warn_before_minutes == warn


def test_regrade_anchor_defaults_to_level_receipt_for_level_gated_rules():
    """Rules with levels re-anchor on the receipt that met the level; others on first receipt."""
    for rule in RS.rules:
        assert rule.regrade_anchor == ("level_receipt" if rule.levels else "receipt"), rule.id


# --- deriving --------------------------------------------------------------------------

def test_clocks_are_sorted_and_aware_utc():
    """derive returns clocks sorted by due time, every time aware UTC, disabled rules left out."""
    f = facts(level=1, occurred=bj(2026, 11, 24, 9, 30))
    clocks = c.derive(RS, f, f.received_at)
    assert [d.due_at for d in clocks] == sorted(d.due_at for d in clocks)
    for d in clocks:
        for value in (d.anchor_at, d.due_at, d.warn_at):
            assert value.tzinfo is UTC
    rules = {d.rule_id for d in clocks}
    assert {"C-LEADER-10", "C-CITY-20", "C-WRITTEN-40", "C-UNIT-1H", "C-LEVEL-2H", "C-XUBAO", "C-BUBAO"} == rules


def test_across_midnight():
    """Received 23:50 Beijing: the city clock falls due 00:10 next day; 续报 at 08:00 and 17:00 of that day."""
    f = facts(level=2, received=bj(2026, 11, 24, 23, 50))
    got = by_rule(c.derive(RS, f, f.received_at))
    assert got["C-CITY-20"][0].due_at == bj(2026, 11, 25, 0, 10)
    assert [d.due_at for d in got["C-XUBAO"]] == [bj(2026, 11, 25, 8, 0), bj(2026, 11, 25, 17, 0)]
    assert [d.slot for d in got["C-XUBAO"]] == ["2026-11-25 08:00", "2026-11-25 17:00"]
    assert got["C-XUBAO"][0].warn_at == bj(2026, 11, 25, 7, 30)


@pytest.mark.parametrize("received, slots", [
    (bj(2026, 11, 30, 14, 59), ["2026-11-30 17:00", "2026-12-01 08:00"]),
    (bj(2026, 11, 30, 15, 0), ["2026-12-01 08:00"]),  # 初报 due 17:00: the 17:00 slot is not after it
    (bj(2026, 12, 31, 17, 0), ["2027-01-01 08:00", "2027-01-01 17:00"]),
    (bj(2028, 2, 28, 17, 30), ["2028-02-29 08:00", "2028-02-29 17:00"]),
    (bj(2026, 11, 24, 5, 59, 59), ["2026-11-24 08:00", "2026-11-24 17:00"]),
    (bj(2026, 11, 24, 6, 0, 0), ["2026-11-24 17:00"]),
])
def test_recurring_slots_over_month_and_year_ends(received, slots):
    """续报 slots of a 较大 accident come after its 2-hour 初报 and up to now + 24 h, across month,
    year and leap day."""
    f = facts(level=3, received=received)
    got = by_rule(c.derive(RS, f, received))["C-XUBAO"]
    assert [d.slot for d in got] == slots


def test_recurring_slots_roll_forward_with_now():
    """Two days later the past slots are still listed (possibly overdue) and new ones appear."""
    f = facts(level=3, received=bj(2026, 11, 24, 10, 0))
    got = by_rule(c.derive(RS, f, bj(2026, 11, 26, 9, 0), horizon_hours=2))["C-XUBAO"]
    assert [d.slot for d in got] == ["2026-11-24 17:00", "2026-11-25 08:00", "2026-11-25 17:00",
                                     "2026-11-26 08:00"]


def test_zero_report_runs_only_while_unstable():
    """The 09:00 zero report starts for an unstable natural disaster and stops with the flag."""
    received = bj(2026, 11, 24, 9, 0)
    assert RS.rule("C-ZERO").status == "N" and "应急〔2020〕19号" in RS.rule("C-ZERO").source
    unstable = facts("natural", "natural.flood", None, received, flags=UNSTABLE)
    got = by_rule(c.derive(RS, unstable, received))
    assert [d.slot for d in got["C-ZERO"]] == ["2026-11-25 09:00"]
    assert "C-ZERO" not in by_rule(c.derive(RS, facts("natural", "natural.flood", None, received), received))


@pytest.mark.parametrize("extra, anchor, at", [
    (dict(unit_received_at=bj(2026, 11, 24, 9, 20), occurred=bj(2026, 11, 24, 9, 0)), "unit_receipt",
     bj(2026, 11, 24, 9, 20)),
    (dict(occurred=bj(2026, 11, 24, 9, 0)), "event", bj(2026, 11, 24, 9, 0)),
    ({}, "receipt", bj(2026, 11, 24, 10, 0)),
])
def test_unit_clock_falls_back_from_unit_receipt_to_event_to_receipt(extra, anchor, at):
    """The unit's 1-hour clock runs from the unit head's receipt, else the event, else our receipt."""
    f = facts(level=4, **extra)
    unit = by_rule(c.derive(RS, f, f.received_at))["C-UNIT-1H"][0]
    assert (unit.anchor, unit.anchor_at, unit.due_at) == (anchor, at, at + timedelta(hours=1))
    assert unit.kind == "unit" and unit.satisfied_by == ("unit_report",)


@pytest.mark.parametrize("type_, occurred, due", [
    # day 1 is the day after the accident (民法典 art. 201); the window closes at 24:00 of day N
    ("accident.explosion", bj(2026, 11, 24, 23, 30), bj(2026, 12, 25)),
    ("accident.explosion", bj(2026, 11, 24, 0, 30), bj(2026, 12, 25)),
    ("accident.explosion", bj(2026, 11, 24, 23, 59, 59), bj(2026, 12, 25)),
    ("accident.explosion", bj(2026, 11, 25, 0, 0), bj(2026, 12, 26)),  # midnight starts the next day
    ("accident.explosion", bj(2026, 1, 31, 8, 0), bj(2026, 3, 3)),  # across February's end
    ("accident.explosion", bj(2028, 1, 31, 8, 0), bj(2028, 3, 2)),  # leap year
    ("accident.road_traffic", bj(2026, 11, 24, 0, 30), bj(2026, 12, 2)),
    ("accident.road_traffic", bj(2026, 11, 30, 22, 0), bj(2026, 12, 8)),  # across a month end
    ("accident.fire", bj(2026, 12, 28, 12, 0), bj(2027, 1, 5)),  # across a year end
])
def test_supplementary_window_counts_from_the_next_day(type_, occurred, due):
    """补报 window: 30 days (road traffic and fire 7) counted from the day after the accident."""
    f = facts(type_=type_, level=4, occurred=occurred, received=occurred + timedelta(minutes=30))
    window = [d for d in c.derive(RS, f, f.received_at) if d.kind == "window"]
    assert len(window) == 1 and window[0].due_at == due and window[0].anchor == "event"
    assert window[0].note == ""


def test_thirtieth_day_is_inside_and_thirty_first_outside():
    """An accident on 1 Nov: 1 Dec (day 30) is inside the window, 2 Dec 00:00 is not."""
    f = facts(level=4, occurred=bj(2026, 11, 1, 9, 0), received=bj(2026, 11, 1, 9, 30),
              initial_sent_at=bj(2026, 11, 1, 10, 0),
              casualty_changes=(bj(2026, 12, 1, 23, 59), bj(2026, 12, 2, 0, 0)))
    got = by_rule(c.derive(RS, f, bj(2026, 12, 2, 1, 0)))
    assert got["C-BUBAO"][0].due_at == bj(2026, 12, 2)
    assert [d.slot for d in got["C-BUBAO-CHANGE"]] == ["2026-12-01 23:59"]


def test_supplementary_window_without_event_time_runs_from_receipt():
    """When the event time is unknown the window is counted from the day of receipt, and says so."""
    f = facts(type_="accident.fire", level=4, received=bj(2026, 11, 24, 23, 59))
    window = by_rule(c.derive(RS, f, f.received_at))["C-BUBAO-7"][0]
    assert window.anchor == "receipt" and window.due_at == bj(2026, 12, 2)
    assert "事发时间不详" in window.note


def test_casualty_change_in_the_window_asks_for_a_supplementary_report():
    """Only a change of the figures after the 初报 and inside the window starts a 补报 deadline."""
    base = dict(level=4, occurred=bj(2026, 11, 24, 9, 0), received=bj(2026, 11, 24, 9, 20))
    no_change = facts(**base, initial_sent_at=bj(2026, 11, 24, 10, 0))
    assert "C-BUBAO-CHANGE" not in by_rule(c.derive(RS, no_change, bj(2026, 12, 30)))
    before_initial = facts(**base, initial_sent_at=bj(2026, 11, 24, 10, 0), casualty_changes=(bj(2026, 11, 24, 9, 50),))
    assert "C-BUBAO-CHANGE" not in by_rule(c.derive(RS, before_initial, bj(2026, 11, 24, 10, 0)))
    unsent = facts(**base, casualty_changes=(bj(2026, 11, 26, 14, 0),))
    assert "C-BUBAO-CHANGE" not in by_rule(c.derive(RS, unsent, bj(2026, 11, 26, 14, 0)))
    changed = facts(**base, initial_sent_at=bj(2026, 11, 24, 10, 0),
                    casualty_changes=(bj(2026, 11, 26, 14, 0), bj(2026, 11, 26, 14, 0, 30), bj(2026, 12, 30)))
    got = by_rule(c.derive(RS, changed, bj(2026, 12, 30)))["C-BUBAO-CHANGE"]
    assert [(d.slot, d.anchor, d.due_at) for d in got] == [
        ("2026-11-26 14:00", "casualty_change", bj(2026, 11, 26, 16, 0))]
    assert got[0].kind == "written" and set(got[0].satisfied_by) == {"supplementary", "followup"}


def test_road_traffic_change_on_day_8_is_outside_its_7_day_window():
    """A road accident on 30 Nov: a change on 7 Dec (day 7) asks for 补报, one on 8 Dec does not."""
    f = facts(type_="accident.road_traffic", level=4, occurred=bj(2026, 11, 30, 22, 0),
              received=bj(2026, 11, 30, 22, 10), initial_sent_at=bj(2026, 11, 30, 23, 0),
              casualty_changes=(bj(2026, 12, 7, 12, 0), bj(2026, 12, 8, 0, 0, 1)))
    got = by_rule(c.derive(RS, f, bj(2026, 12, 9)))
    assert [d.slot for d in got["C-BUBAO-CHANGE"]] == ["2026-12-07 12:00"]


def test_verification_report_waits_for_stabilisation():
    """核报 has no clock until the disaster is stable, then closes 3 Beijing days on."""
    f = facts("natural", "natural.flood", 3)
    assert "C-HEBAO" not in by_rule(c.derive(RS, f, f.received_at))
    stable = facts("natural", "natural.flood", 3, stabilised_at=bj(2026, 11, 26, 15, 0))
    hebao = by_rule(c.derive(RS, stable, stable.received_at))["C-HEBAO"][0]
    assert hebao.anchor == "stabilised" and hebao.due_at == bj(2026, 11, 30)


def test_upgrade_anchors_on_the_receipt_that_met_the_new_level():
    """Re-graded 较大 → 重大 on a later call: C-CITY-20 runs from that call, others from first receipt."""
    first, upgrade = bj(2026, 11, 24, 10, 0), bj(2026, 11, 24, 11, 5)
    before = facts(level=3, received=first)
    assert "C-CITY-20" not in by_rule(c.derive(RS, before, first))
    after = c.with_level(before, 2, upgrade)
    got = by_rule(c.derive(RS, after, bj(2026, 11, 24, 11, 30)))
    assert got["C-CITY-20"][0].anchor == "level_receipt"
    assert got["C-CITY-20"][0].due_at == upgrade + timedelta(minutes=20)
    assert got["C-LEADER-10"][0].anchor_at == first and got["C-LEVEL-2H"][0].anchor_at == first


def test_level_receipt_equal_to_first_receipt_reads_as_receipt():
    """A level known from the first call is anchored, and labelled, on the first receipt."""
    f = facts(level=2, level_received_at=bj(2026, 11, 24, 10, 0))
    assert by_rule(c.derive(RS, f, f.received_at))["C-CITY-20"][0].anchor == "receipt"


def test_facts_refuse_naive_times_and_bad_levels():
    """Facts need aware datetimes and a level of 1..4 or None."""
    with pytest.raises(ValueError, match="时区"):
        facts(received=datetime(2026, 11, 24, 10, 0))
    with pytest.raises(ValueError, match="等级"):
        facts(level=5)
    with pytest.raises(ValueError, match="时区"):
        c.derive(RS, facts(), datetime(2026, 11, 24, 10, 0))


def test_derive_is_fast():
    """One derive for a typical incident takes well under a millisecond."""
    f = facts(level=2, occurred=bj(2026, 11, 24, 9, 30), flags=UNSTABLE)
    samples = []
    for _ in range(300):
        start = _time.perf_counter()
        c.derive(RS, f, f.received_at)
        samples.append(_time.perf_counter() - start)
    assert statistics.median(samples) < 0.001


# --- overrides and bad files ----------------------------------------------------------------

def test_overrides_change_local_rules_by_id():
    """A county can switch rules and move local times; the hash records the change."""
    local = c.load_ruleset(overrides={"rules": {
        "C-XUBAO": {"times": ["09:00", "16:00"], "warn_before_minutes": 45},
        "C-NAT-4H": {"enabled": True},
        "C-LEADER-10": {"offset_minutes": 5},
        "C-CITY-20": {"enabled": False}}})
    assert local.rule("C-XUBAO").times == ("09:00", "16:00") and local.rule("C-XUBAO").warn_before_minutes == 45
    assert local.rule("C-LEADER-10").offset_minutes == 5 and local.rule("C-LEADER-10").warn_before_minutes == 2
    assert local.content_hash != RS.content_hash and local.version == RS.version
    f = facts(level=2)
    got = by_rule(c.derive(local, f, f.received_at))
    assert "C-CITY-20" not in got and got["C-NAT-4H"][0].due_at == f.received_at + timedelta(hours=4)
    assert got["C-XUBAO"][0].slot == "2026-11-24 16:00"
    assert RS.rule("C-CITY-20").enabled  # the shipped set is untouched


def test_overrides_from_a_toml_file(tmp_path):
    """The override may be a TOML file keyed by rule id."""
    path = tmp_path / "local.toml"
    path.write_text('[rules.C-XUBAO]\ntimes = ["10:00"]\nmargin_minutes = 0\n\n[rules.C-TOWN-1H]\nenabled = true\n',
                    encoding="utf-8")
    local = c.load_ruleset(overrides=path)
    assert local.rule("C-XUBAO").times == ("10:00",) and local.rule("C-TOWN-1H").enabled
    assert local.rule("C-XUBAO").margin_minutes == 0


@pytest.mark.parametrize("change, field", [
    ({"C-NOPE": {"enabled": False}}, "rules.C-NOPE"),
    ({"C-XUBAO": {"recipient": "省"}}, "rules.C-XUBAO.recipient"),
    ({"C-XUBAO": {"times": ["8点"]}}, "rules.C-XUBAO.times"),
    ({"C-CITY-20": {"offset_minutes": 0}}, "rules.C-CITY-20.offset_minutes"),
    ({"C-CITY-20": {"enabled": "no"}}, "rules.C-CITY-20.enabled"),
    ({"C-UNIT-1H": {"offset_minutes": 90}}, "rules.C-UNIT-1H.offset_minutes"),
    ({"C-BUBAO": {"offset_days": 10}}, "rules.C-BUBAO.offset_days"),
    ({"C-ZERO": {"times": ["10:00"]}}, "rules.C-ZERO.times"),  # national now: a city post needs its own file
    ({"C-DIS-2H": {"offset_minutes": 180}}, "rules.C-DIS-2H.offset_minutes"),
    ({"C-XUBAO": {"margin_minutes": -1}}, "rules.C-XUBAO.margin_minutes"),
])
def test_bad_overrides_are_refused(change, field):
    """Unknown ids, fields or values, and any change to a statutory timing, are refused."""
    with pytest.raises(RuleFileError) as info:
        c.load_ruleset(overrides=change)
    assert info.value.field == field


def test_statutory_rules_may_still_be_switched_or_warned_earlier():
    """Status N rules accept enabled and warn_before overrides."""
    local = c.load_ruleset(overrides={"C-UNIT-1H": {"warn_before_minutes": 30}, "C-BUBAO": {"enabled": False}})
    assert local.rule("C-UNIT-1H").warn_before_minutes == 30 and not local.rule("C-BUBAO").enabled


RULE = """
id = "t"
version = "1"

[[rules]]
id = "R-1"
name = "测试"
kind = "phone"
anchor = "receipt"
offset_minutes = 20
levels = [1, 2]
recipient = "市"
satisfied_by = ["phone_city"]
status = "L"
source = "测试"
"""


@pytest.mark.parametrize("old, new, field", [
    ('name = "测试"\n', "", "rules[0].name"),
    ('kind = "phone"', 'kind = "fax"', "rules[0].kind"),
    ('anchor = "receipt"', 'anchor = "dawn"', "rules[0].anchor"),
    ('anchor = "receipt"', 'anchor = "wall_clock"', "rules[0].anchor"),
    ("offset_minutes = 20", "offset_minutes = -5", "rules[0].offset_minutes"),
    ("offset_minutes = 20", "offset_days = 2", "rules[0].offset_days"),
    ("offset_minutes = 20\n", "", "rules[0].offset_minutes"),
    ('kind = "phone"', 'kind = "recurring"', "rules[0].anchor"),
    ("levels = [1, 2]", "levels = [0]", "rules[0].levels"),
    ('satisfied_by = ["phone_city"]', 'satisfied_by = ["fax"]', "rules[0].satisfied_by"),
    ('satisfied_by = ["phone_city"]', "satisfied_by = []", "rules[0].satisfied_by"),
    ('status = "L"', 'status = "X"', "rules[0].status"),
    ('levels = [1, 2]', 'types = ["fire"]', "rules[0].types"),
    ('levels = [1, 2]', 'categories = ["weather"]', "rules[0].categories"),
    ('levels = [1, 2]', 'regrade_anchor = "click"', "rules[0].regrade_anchor"),
    ('version = "1"\n', "", "version"),
])
def test_bad_rule_files_name_path_and_field(tmp_path, old, new, field):
    """A broken rule file raises RuleFileError naming the file and field."""
    assert old in RULE
    path = tmp_path / "r.toml"
    path.write_text(RULE.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        c.load_ruleset(path)
    assert info.value.field == field and str(path) in info.value.message


def test_recurring_rule_needs_valid_times(tmp_path):
    """A recurring rule needs HH:MM Beijing times, and duplicate rule ids are refused."""
    text = RULE.replace('kind = "phone"\nanchor = "receipt"\noffset_minutes = 20',
                        'kind = "recurring"\nanchor = "wall_clock"\ntimes = ["24:00"]')
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError, match="时:分"):
        c.load_ruleset(path)
    path.write_text(RULE + RULE[RULE.index("[[rules]]"):], encoding="utf-8")
    with pytest.raises(RuleFileError, match="重复"):
        c.load_ruleset(path)


# --- properties ----------------------------------------------------------------------------

TYPES = ["accident.explosion", "accident.fire", "accident.road_traffic", "accident.pollution",
         "natural.flood", "natural.typhoon", "health.poisoning", "social.terror"]
moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2030, 12, 31),
                       timezones=st.just(BEIJING))


@st.composite
def incidents(draw):
    type_ = draw(st.sampled_from(TYPES))
    received = draw(moments)
    occurred = draw(st.none() | st.integers(0, 48 * 60).map(lambda m: received - timedelta(minutes=m)))
    level_at = draw(st.none() | st.integers(0, 24 * 60).map(lambda m: received + timedelta(minutes=m)))
    flags = draw(st.sampled_from([frozenset(), UNSTABLE]))
    stable = draw(st.none() | st.integers(0, 10 * 24 * 60).map(lambda m: received + timedelta(minutes=m)))
    return c.IncidentFacts(category=type_.split(".")[0], type=type_, level=draw(st.sampled_from([None, 1, 2, 3, 4])),
                           received_at=received, occurred_at=occurred, level_received_at=level_at,
                           flags=flags, stabilised_at=stable)


@settings(max_examples=300, deadline=None)
@given(f=incidents(), later=st.integers(0, 10 * 24 * 60), horizon=st.integers(0, 72))
def test_derived_clocks_are_well_formed(f, later, horizon):
    """anchor ≤ warn ≤ due; slots lie strictly after the anchor and within now + horizon."""
    now = f.received_at + timedelta(minutes=later)
    clocks = c.derive(RS, f, now, horizon)
    assert [d.due_at for d in clocks] == sorted(d.due_at for d in clocks)
    for d in clocks:
        assert d.anchor_at <= d.warn_at <= d.due_at
        assert d.due_at.tzinfo is UTC
        rule = RS.rule(d.rule_id)
        assert rule.enabled and rule.applies(f)
        if rule.kind == "recurring":
            assert d.anchor_at < d.due_at <= now + timedelta(hours=horizon)
            local = d.due_at.astimezone(BEIJING)
            assert local.strftime("%H:%M") in rule.times and d.slot == local.strftime("%Y-%m-%d %H:%M")
        else:
            assert d.slot == ""
    slots = [(d.rule_id, d.slot) for d in clocks]
    assert len(slots) == len(set(slots))


@settings(max_examples=200, deadline=None)
@given(f=incidents(), delay=st.integers(1, 24 * 60))
def test_upgrade_from_3_to_2_starts_the_city_clock_at_the_upgrade_receipt(f, delay):
    """After an upgrade to 重大, C-CITY-20 applies and runs 20 min from the upgrading call's receipt."""
    base = c.with_level(f, 3)
    upgrade = f.received_at + timedelta(minutes=delay)
    assert "C-CITY-20" not in by_rule(c.derive(RS, base, f.received_at))
    city = by_rule(c.derive(RS, c.with_level(base, 2, upgrade), upgrade))["C-CITY-20"][0]
    assert city.anchor == "level_receipt" and city.anchor_at == upgrade
    assert city.due_at == upgrade + timedelta(minutes=20)


# --- issue 13: receipt-aware slots, new rules, labels ----------------------------------------------

def slots_of(rule_id: str, f: c.IncidentFacts, now: datetime | None = None) -> list[str]:
    return [d.slot for d in by_rule(c.derive(RS, f, now or f.received_at)).get(rule_id, [])]


def test_major_accident_at_0755_gets_no_0800_followup():
    """A 较大 accident received 07:55: its 初报 is due 09:55, so the first 续报 is 17:00, not 08:00."""
    f = facts(level=3, received=bj(2026, 11, 24, 7, 55))
    assert slots_of("C-XUBAO", f) == ["2026-11-24 17:00"]
    assert slots_of("C-XUBAO", f, bj(2026, 11, 24, 16, 0)) == ["2026-11-24 17:00", "2026-11-25 08:00"]


def test_initial_report_sent_early_brings_the_first_followup_forward():
    """Received 05:30 (初报 due 07:30) and sent at 06:10: the 08:00 slot applies."""
    f = facts(level=3, received=bj(2026, 11, 24, 5, 30))
    assert slots_of("C-XUBAO", f) == ["2026-11-24 08:00", "2026-11-24 17:00"]
    late_receipt = facts(level=3, received=bj(2026, 11, 24, 6, 10))  # 初报 due 08:10
    assert slots_of("C-XUBAO", late_receipt) == ["2026-11-24 17:00"]
    sent = replace(late_receipt, initial_sent_at=bj(2026, 11, 24, 6, 50))
    assert slots_of("C-XUBAO", sent) == ["2026-11-24 08:00", "2026-11-24 17:00"]


@pytest.mark.parametrize("received, first", [
    (bj(2026, 11, 24, 6, 59, 59), "2026-11-24 08:00"),  # 60 min 1 s before the slot: kept
    (bj(2026, 11, 24, 7, 0), "2026-11-24 17:00"),  # exactly the margin: rolls over
    (bj(2026, 11, 24, 7, 55), "2026-11-24 17:00"),
    (bj(2026, 11, 24, 16, 30), "2026-11-25 08:00"),
    (bj(2026, 11, 24, 23, 30), "2026-11-25 08:00"),  # across midnight
])
def test_followup_within_the_margin_of_receipt_rolls_to_the_next_slot(received, first):
    """With no 初报 rule (a 较大 social incident), only the 60-minute margin holds the first slot back."""
    f = facts("social", "social.terror", 3, received)
    assert slots_of("C-XUBAO", f, received + timedelta(hours=20))[0] == first


def test_margin_is_a_local_setting():
    """A post may set the margin to 0: then only the 初报 rule holds the first slot back."""
    local = c.load_ruleset(overrides={"C-XUBAO": {"margin_minutes": 0}})
    f = facts("social", "social.terror", 3, bj(2026, 11, 24, 7, 55))
    assert [d.slot for d in c.derive(local, f, f.received_at) if d.rule_id == "C-XUBAO"][0] == "2026-11-24 08:00"


def test_disaster_at_0850_gets_no_0900_zero_report():
    """A disaster received 08:50: the 零报告 starts the next day at 09:00, after its 2-hour 初报."""
    f = facts("natural", "natural.flood", None, bj(2026, 11, 24, 8, 50), flags=UNSTABLE)
    got = by_rule(c.derive(RS, f, f.received_at, horizon_hours=30))
    assert got["C-DIS-2H"][0].due_at == bj(2026, 11, 24, 10, 50)
    assert [d.slot for d in got["C-ZERO"]] == ["2026-11-25 09:00"]


@pytest.mark.parametrize("occurred, received, first", [
    (bj(2026, 11, 24, 6, 0), bj(2026, 11, 24, 6, 30), "2026-11-24 09:00"),  # 初报 due 08:00, receipt 150 min before
    (bj(2026, 11, 24, 7, 0), bj(2026, 11, 24, 7, 30), "2026-11-25 09:00"),  # 初报 due 09:00 itself: rolls
    (bj(2026, 11, 24, 6, 30), bj(2026, 11, 24, 8, 0), "2026-11-25 09:00"),  # receipt within 60 min
    (bj(2026, 11, 24, 23, 50), bj(2026, 11, 25, 0, 5), "2026-11-25 09:00"),  # across midnight
])
def test_zero_report_waits_for_the_initial_report_and_the_margin(occurred, received, first):
    """The first 09:00 comes after the 初报 deadline (from the event) and 60 min after receipt."""
    f = facts("natural", "natural.flood", None, received, occurred=occurred, flags=UNSTABLE)
    assert slots_of("C-ZERO", f, received + timedelta(hours=8))[0] == first


def test_disaster_initial_report_runs_from_the_event_and_says_when_it_cannot():
    """C-DIS-2H is national, from the occurrence; with no event time it falls back on receipt, saying so."""
    rule = RS.rule("C-DIS-2H")
    assert rule.status == "N" and rule.anchor == "event" and "应急〔2020〕19号" in rule.source
    known = facts("natural", "natural.geohazard", 3, bj(2026, 11, 24, 10, 0), occurred=bj(2026, 11, 24, 9, 10))
    d = by_rule(c.derive(RS, known, known.received_at))["C-DIS-2H"][0]
    assert (d.anchor, d.due_at, d.note) == ("event", bj(2026, 11, 24, 11, 10), "")
    unknown = facts("natural", "natural.geohazard", 3, bj(2026, 11, 24, 10, 0))
    d = by_rule(c.derive(RS, unknown, unknown.received_at))["C-DIS-2H"][0]
    assert (d.anchor, d.due_at) == ("receipt", bj(2026, 11, 24, 12, 0)) and "按接报时间起算" in d.note


def test_warning_forwarding_is_triggered_by_a_warning_only():
    """C-FORWARD-30: a received warning must be forwarded within 30 minutes (local practice, L)."""
    rule = RS.rule("C-FORWARD-30")
    assert (rule.status, rule.trigger, rule.offset_minutes, rule.satisfied_by) == ("L", "warning", 30, ("forwarded",))
    warning = c.IncidentFacts(category="natural", type="natural.typhoon", level=None,
                              received_at=bj(2026, 8, 10, 23, 45), occurred_at=None, trigger="warning")
    got = c.derive(RS, warning, warning.received_at)
    assert [(d.rule_id, d.due_at, d.kind) for d in got] == [("C-FORWARD-30", bj(2026, 8, 11, 0, 15), "forward")]
    incident = facts("natural", "natural.typhoon", 2)
    assert not rule.applies(incident)
    with pytest.raises(ValueError, match="触发对象"):
        c.IncidentFacts(category="natural", type="", level=None, received_at=bj(2026, 8, 10), occurred_at=None,
                        trigger="rumour")


@pytest.mark.parametrize("occurred, due", [
    (bj(2026, 8, 10, 19, 40), bj(2026, 8, 11, 5, 40)),  # across midnight, from the event
    (None, bj(2026, 8, 11, 6, 0)),  # event unknown: from receipt 20:00
])
def test_relief_target_runs_ten_hours_from_the_disaster(occurred, due):
    """C-RELIEF-10H: a T target for natural disasters with relocated or affected people."""
    f = facts("natural", "natural.typhoon", 3, bj(2026, 8, 10, 20, 0), occurred=occurred,
              flags=frozenset({"people_relocated"}))
    d = by_rule(c.derive(RS, f, f.received_at))["C-RELIEF-10H"][0]
    assert d.due_at == due and d.status == "T" and d.satisfied_by == ("relief",)
    assert "10小时" in d.source and "不是法定" in d.source


def test_step_up_report_has_the_art_10_checklist():
    """C-LEVEL-2H lists the upper regulator and the own government (required) and four notifications."""
    rule = RS.rule("C-LEVEL-2H")
    items = {i.id: i for i in rule.checklist}
    assert rule.satisfied_by == ("checklist",)
    assert [i for i in items if items[i].required] == ["upper_regulator", "own_government"]
    assert {"police", "hrss", "union", "procuratorate"} <= set(items)
    assert items["upper_regulator"].satisfied_by == ("phone_city", "written_city")


def test_status_labels_say_what_each_rule_is():
    """Every rule's label names N / L / T / U; C-CITY-20 is the Changzhou target, C-WRITTEN-40 local."""
    assert {r.status_label.split()[0] for r in RS.rules} <= {"N", "L", "T", "U"}
    assert RS.rule("C-CITY-20").status_label == "T 规划目标" and "20 分钟" in RS.rule("C-CITY-20").source
    written = RS.rule("C-WRITTEN-40")
    assert written.status == "L" and "乡镇" in written.source and "不出自常州规划" in written.source


@pytest.mark.parametrize("text, field", [
    ('after_rules = ["C-NOPE"]', "rules[0].after_rules"),
    ("margin_minutes = 30", "rules[0].margin_minutes"),
    ('windows = ["R-1"]', "rules[0].windows"),
    ('trigger = "rumour"', "rules[0].trigger"),
    ('checklist = [{ id = "a", label = "甲" }]', "rules[0].satisfied_by"),
    ('checklist = [{ id = "a", label = "甲", required = false }]', "rules[0].checklist"),
])
def test_new_rule_fields_are_checked(tmp_path, text, field):
    """after_rules, margin, windows, trigger and checklist are validated at load, naming the field."""
    path = tmp_path / "r.toml"
    path.write_text(RULE.replace('status = "L"', text + '\nstatus = "L"'), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        c.load_ruleset(path)
    assert info.value.field == field
