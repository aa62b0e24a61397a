"""Grading tables and the engine: statutory worked examples, file checks, properties."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commanddesk.rules import RuleFileError
from commanddesk.rules import grading as g

TABLES = g.load_tables()
PS = g.default_table("production_safety")
ND = g.default_table("natural_disaster")
DEMO = TABLES["demo_county_relief"]
WAN, YI = 10_000, 100_000_000


# --- worked examples (domain §4.1) -------------------------------------------

@pytest.mark.parametrize("counts, level", [
    ({"deaths": 2}, 4), ({"deaths": 3}, 3),
    ({"deaths": 9}, 3), ({"deaths": 10}, 2), ({"deaths": 29}, 2), ({"deaths": 30}, 1),
    ({"serious_injuries": 9}, 4), ({"serious_injuries": 10}, 3), ({"serious_injuries": 49}, 3),
    ({"serious_injuries": 50}, 2), ({"serious_injuries": 100}, 1),
    ({"direct_loss": 9_999_900}, 4), ({"direct_loss": 1000 * WAN}, 3),
    ({"direct_loss": 5000 * WAN}, 2), ({"direct_loss": YI}, 1),
    ({"deaths": 2, "serious_injuries": 12, "direct_loss": 300 * WAN}, 3),
    ({"deaths": 1, "serious_injuries": 0, "direct_loss": 6000 * WAN}, 2),
    ({"deaths": 0, "serious_injuries": 0, "direct_loss": 0}, 4),
    ({}, 4),
], ids=lambda v: str(v))
def test_statutory_examples(counts, level):
    """The 493 table grades the worked examples of 以上含本数、以下不含本数."""
    result = g.grade(PS, counts)
    assert result.level == level and result.level_actual == level
    assert result.level_name == g.LEVEL_NAMES[level]
    assert result.level_predicted is None and not result.predicted_decides


@pytest.mark.parametrize("counts, dimension", [
    ({"deaths": 2, "serious_injuries": 12, "direct_loss": 300 * WAN}, "serious_injuries"),
    ({"deaths": 1, "serious_injuries": 0, "direct_loss": 6000 * WAN}, "direct_loss"),
])
def test_deciding_dimension_comes_first(counts, dimension):
    """The reason that reached the suggested level is listed first, then the others."""
    result = g.grade(PS, counts)
    assert result.reasons[0].dimension == dimension and result.reasons[0].level == result.level
    assert [r.dimension for r in result.deciding] == [dimension]
    assert len(result.reasons) == 3


@pytest.mark.parametrize("counts, text", [
    ({"deaths": 3}, "死亡 3 人，达到较大事故标准（3 人以上 10 人以下）"),
    ({"deaths": 2}, "死亡 2 人，属于一般事故（3 人以下）"),
    ({"deaths": 2, "missing": 1}, "死亡（含失踪）3 人（其中失踪 1 人），达到较大事故标准（3 人以上 10 人以下）"),
    ({"direct_loss": 1200 * WAN}, "直接经济损失 1200 万元，达到较大事故标准（1000 万元以上 5000 万元以下）"),
    ({"direct_loss": 9_999_900}, "直接经济损失 999.99 万元，属于一般事故（1000 万元以下）"),
    ({"direct_loss": 2 * YI}, "直接经济损失 2 亿元，达到特别重大事故标准（1 亿元以上）"),
    ({"serious_injuries": 50}, "重伤（含急性工业中毒）50 人，达到重大事故标准（50 人以上 100 人以下）"),
])
def test_reason_wording(counts, text):
    """Reasons read like the regulation, money in 万元/亿元."""
    assert g.grade(PS, counts).reasons[0].text == text


def test_summary_names_level_reason_and_source():
    """The one-line summary gives the level, the deciding reason and the citation."""
    line = g.grade(PS, {"deaths": 3}).summary()
    assert line.startswith("建议定级：较大（Ⅲ级）") and "死亡 3 人" in line
    assert "国务院令第493号" in line and "\n" not in line


def test_missing_counts_with_deaths_only_when_the_table_says_so():
    """2 dead + 1 missing is 较大 by default and 一般 when the table excludes the missing."""
    assert g.grade(PS, {"deaths": 2, "missing": 1}).level == 3
    strict = replace(PS, missing_counts_as_dead=False)
    result = g.grade(strict, {"deaths": 2, "missing": 1})
    assert result.level == 4 and "含失踪" not in result.reasons[0].text


def test_unreported_figures_are_said_to_count_as_zero():
    """With no figures at all, every accident is still 一般 and the reasons say why."""
    result = g.grade(PS, {})
    assert result.level == 4 and all("未填报" in r.text for r in result.reasons)
    assert "未填报" not in " ".join(r.text for r in g.grade(PS, {"deaths": 1}).reasons)


def test_inputs_and_table_identity_are_recorded():
    """The result carries table id, edition, content hash and the inputs as given."""
    result = g.grade(PS, {"deaths": 1, "injuries": 4}, {"deaths": 3})
    assert (result.table_id, result.edition, result.content_hash) == (PS.id, PS.edition, PS.content_hash)
    assert result.inputs == {"actual": {"deaths": 1, "injuries": 4}, "predicted": {"deaths": 3}, "facts": {}}
    assert result.source == PS.source


# --- predicted counts ----------------------------------------------------------

def test_predicted_count_can_decide_and_is_marked():
    """A predicted 12 dead makes a 2-dead accident 重大, marked as a prediction."""
    result = g.grade(PS, {"deaths": 2}, {"deaths": 12})
    assert (result.level, result.level_actual, result.level_predicted) == (2, 4, 2)
    assert result.predicted_decides and result.reasons[0].predicted
    assert result.reasons[0].text == "研判可能死亡 12 人，达到重大事故标准（10 人以上 30 人以下）（预测）"
    assert "按研判预测" in result.summary()


def test_actual_wins_when_more_severe_than_predicted():
    """When the actual figures are already worse, the prediction does not decide."""
    result = g.grade(PS, {"deaths": 12}, {"serious_injuries": 20})
    assert result.level == 2 and not result.predicted_decides and not result.reasons[0].predicted


def test_predicted_ignored_where_the_band_forbids_it():
    """Bands without allow_predicted take no predicted counts."""
    table = replace(PS, bands=tuple(replace(b, allow_predicted=False) for b in PS.bands))
    result = g.grade(table, {"deaths": 1}, {"deaths": 40})
    assert result.level == 4 and result.level_predicted is None
    assert not any(r.predicted for r in result.reasons)


def test_predicted_missing_falls_back_to_actual_figures():
    """A predicted death toll is added to the missing already reported."""
    result = g.grade(ND, {"missing": 30}, {"deaths": 25})
    assert result.level_predicted == 3 and result.level_actual == 4


# --- natural-disaster tables --------------------------------------------------

@pytest.mark.parametrize("counts, level", [
    ({"deaths": 19}, None), ({"deaths": 15, "missing": 5}, 4), ({"deaths": 49}, 4), ({"deaths": 50}, 3),
    ({"deaths": 100}, 2), ({"missing": 200}, 1), ({"relocated": 99_999}, None),
    ({"relocated": 50 * WAN}, 3), ({"relocated": 200 * WAN}, 1), ({"collapsed_rooms": 20 * WAN}, 2),
    ({"collapsed_households": 30_000}, 3), ({"collapsed_households": 69_999}, 3),
    ({"drought_aid": 300 * WAN}, 2), ({"deaths": 10, "relocated": 120 * WAN}, 2),
], ids=lambda v: str(v))
def test_relief_2024_levels(counts, level):
    """The 2024 relief plan counts dead + missing and has a floor below which nothing starts."""
    assert g.grade(ND, counts).level == level


def test_relief_wording_and_unverified_rows():
    """Relief reasons speak of 响应 levels; level Ⅳ beyond deaths is flagged unverified."""
    result = g.grade(ND, {"deaths": 60})
    assert result.reasons[0].text == "死亡和失踪 60 人，达到Ⅲ级响应标准（50 人以上 100 人以下）"
    assert result.summary().startswith("建议启动Ⅲ级响应；") and "较大" not in result.summary()
    assert result.is_response and ND.is_response and ND.level_kind == "response"
    unverified = g.grade(ND, {"relocated": 15 * WAN})
    assert unverified.level == 4 and not unverified.verified and "未经核实" in unverified.reasons[0].text
    level4 = [b for b in ND.bands if b.level == 4]
    assert all(b.verified == (b.dimension == "dead_missing") for b in level4)
    assert all(b.verified for b in ND.bands if b.level < 4)


def test_below_every_threshold_is_none():
    """No reason and no level below the floor; the summary says no level is suggested."""
    result = g.grade(ND, {"deaths": 3, "relocated": 500})
    assert result.level is None and result.level_name is None and result.reasons == ()
    assert "不建议启动响应" in result.summary()
    assert "不建议定级" in g.grade(g.default_table("public_health"), {"food_poisoning_cases": 29}).summary()


@pytest.mark.parametrize("counts, level", [
    ({"deaths": 0}, None), ({"deaths": 1}, 4), ({"deaths": 2, "missing": 1}, 3), ({"deaths": 5}, 2),
    ({"missing": 9}, 2), ({"deaths": 10}, 1), ({"relocated": 1199}, 3), ({"relocated": 1200}, 2),
    ({"collapsed_rooms": 500}, 2), ({"collapsed_households": 400}, 1), ({"drought_aid": 25_000}, 2),
])
def test_demo_county_table(counts, level):
    """The demo county table grades on far smaller figures than the national one."""
    assert g.grade(DEMO, counts).level == level


def test_demo_county_table_is_labelled():
    """The demo table says it is a demo, unverified, for jurisdiction 320771."""
    assert DEMO.kind == "natural_disaster" and not DEMO.verified and DEMO.jurisdiction_code == "320771"
    assert "演示" in DEMO.title and not any(b.verified for b in DEMO.bands)
    assert "未经核实" in g.grade(DEMO, {"deaths": 6}).summary()


# --- bad input -------------------------------------------------------------------

@pytest.mark.parametrize("counts, words", [
    ({"deaths": -1}, "不能为负数"), ({"direct_loss": 1.5}, "须为整数"), ({"deaths": "3"}, "须为整数"),
    ({"deaths": True}, "须为整数"), ({"deaths": None}, "须为整数"),
    ({"dead_missing": 3, "deaths": 1}, "不要再填"),
])
def test_bad_counts_are_refused_in_chinese(counts, words):
    """Negative, fractional or non-integer counts raise ValueError with a Chinese message."""
    with pytest.raises(ValueError, match=words):
        g.grade(PS, counts)
    with pytest.raises(ValueError, match=words):
        g.grade(PS, {}, counts)


def test_unknown_kind_has_no_default_table():
    """Only production_safety and natural_disaster have national default tables."""
    assert g.default_table("production_safety").id == "production_safety_493"
    assert g.default_table("natural_disaster").id == "natural_disaster_relief_2024"
    with pytest.raises(ValueError, match="默认分级表"):
        g.default_table("health")


# --- band wording -------------------------------------------------------------------

@pytest.mark.parametrize("band, text", [
    (dict(lo=3, hi=10), "3 人以上 10 人以下"),
    (dict(lo=30, hi=None), "30 人以上"),
    (dict(lo=0, hi=3), "3 人以下"),
    (dict(lo=3, lo_incl=False, hi=10, hi_incl=True), "超过 3 人、不超过 10 人"),
    (dict(lo=1000 * WAN, hi=5000 * WAN, unit="元"), "1000 万元以上 5000 万元以下"),
    (dict(lo=YI, hi=None, unit="元"), "1 亿元以上"),
    (dict(lo=100 * WAN, hi=200 * WAN), "100 万人以上 200 万人以下"),
    (dict(lo=None, hi=None), "不限"),
])
def test_band_describe(band, text):
    """Bands describe themselves in the statute's words, with explicit inclusivity."""
    base = dict(level=3, dimension="deaths", unit="人", lo_incl=True, hi_incl=False,
                allow_predicted=True, scope="incident", verified=True)
    assert g.Band(**{**base, **band}).describe() == text


def test_band_contains_honours_inclusivity():
    """[3, 10) holds 3 and 9 but not 10; (3, 10] holds 10 but not 3."""
    half_open = g.Band(3, "deaths", "人", 3, True, 10, False, True, "incident", True)
    other = replace(half_open, lo_incl=False, hi_incl=True)
    assert [half_open.contains(v) for v in (2, 3, 9, 10)] == [False, True, True, False]
    assert [other.contains(v) for v in (3, 4, 10, 11)] == [False, True, True, False]


# --- shipped files ----------------------------------------------------------------

def _step(dimension):
    """The smallest figure step of a dimension: 0.01 for hectares, magnitudes and percentages."""
    return Decimal("0.01") if dimension in g.DECIMAL_DIMENSIONS else 1


def _groups(table):
    """The bands of a table per (dimension, when-facts), most severe first."""
    keys = dict.fromkeys((b.dimension, b.when) for b in table.bands)
    return {k: sorted((b for b in table.bands if (b.dimension, b.when) == k), key=lambda b: b.level) for k in keys}


@pytest.mark.parametrize("table", list(TABLES.values()), ids=list(TABLES))
def test_shipped_table_invariants(table):
    """Each shipped table tiles every dimension from its floor upwards, severity rising with the figures."""
    assert len(TABLES) >= 9 and table.kind in g.KINDS and table.level_kind in g.LEVEL_KINDS
    assert table.bounds and table.noun
    for (dimension, _when), bands in _groups(table).items():
        top = bands[0].level
        assert [b.level for b in bands] == list(range(top, top + len(bands)))
        lows = [b.lo for b in bands]
        assert lows == sorted(lows, reverse=True) and len(set(lows)) == len(lows)
        assert bands[0].hi is None
        floor, step = bands[-1].lo, _step(dimension)
        probes = {floor, floor + step} | {b.lo - step for b in bands if b.lo} | {b.lo for b in bands}
        probes |= {b.hi for b in bands if b.hi is not None}
        for value in sorted(p for p in probes if p >= floor):
            assert sum(b.contains(value) for b in bands) == 1, (dimension, value)
        if floor > 0:
            assert not any(b.contains(floor - step) for b in bands)


@pytest.mark.parametrize("table", list(TABLES.values()), ids=list(TABLES))
def test_shipped_table_identity(table):
    """Each table keeps the SHA-256 of its file and a citation, edition and date."""
    path = g.GRADING_DIR / f"{table.id}.toml"
    assert table.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert table.source and table.edition and table.effective_from.year >= 2006
    assert len(table.jurisdiction_code) == 6


def test_tables_are_cached():
    """Loading twice reads the files once and gives the same table objects."""
    assert g.load_tables()["production_safety_493"] is g.load_tables()["production_safety_493"]


# --- bad files -----------------------------------------------------------------------

GOOD = """
id = "t"
kind = "production_safety"
title = "测试"
jurisdiction_code = "320700"
jurisdiction_name = "测试市"
edition = "1"
source = "测试"
effective_from = 2020-01-01
verified = true
missing_counts_as_dead = true
notes = ""
bands = [
  { level = 2, dimension = "deaths", unit = "人", lo = 10, lo_incl = true, hi_incl = false, allow_predicted = true, scope = "incident", verified = true },
  { level = 3, dimension = "deaths", unit = "人", lo = 3, lo_incl = true, hi = 10, hi_incl = false, allow_predicted = true, scope = "incident", verified = true },
]
"""


def _write(tmp_path: Path, text: str, name: str = "t.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_loads(tmp_path):
    """The minimal table used by the failure cases below is itself valid."""
    table = g.load_table(_write(tmp_path, GOOD))
    assert table.id == "t" and g.grade(table, {"deaths": 2}).level is None
    assert g.grade(table, {"deaths": 11}).level == 2


@pytest.mark.parametrize("old, new, field", [
    ('title = "测试"\n', "", "title"),
    ("verified = true\nmissing", 'verified = "yes"\nmissing', "verified"),
    ('kind = "production_safety"', 'kind = "flood"', "kind"),
    ('jurisdiction_code = "320700"', 'jurisdiction_code = "32"', "jurisdiction_code"),
    ("level = 2,", "level = 5,", "bands[0].level"),
    ('dimension = "deaths", unit = "人", lo = 10', 'dimension = "heads", unit = "人", lo = 10', "bands[0].dimension"),
    ('unit = "人", lo = 10', 'unit = "元", lo = 10', "bands[0].unit"),
    ("lo = 3, lo_incl = true, hi = 10", "lo = 12, lo_incl = true, hi = 10", "bands[1].lo"),
    ("lo = 3, lo_incl = true, hi = 10", "lo = 3, lo_incl = true, hi = 11", "bands（deaths）"),
    ("lo = 3, lo_incl = true, hi = 10", "lo = 3, lo_incl = true, hi = 9", "bands（deaths）"),
    ("hi = 10, hi_incl = false", "hi = 10, hi_incl = true", "bands（deaths）"),
    ("lo = 10, lo_incl = true, hi_incl", "lo = 10, lo_incl = true, hi = 50, hi_incl", "bands（deaths）"),
    ("level = 3,", "level = 4,", "bands（deaths）"),
    ("level = 3,", "level = 2,", "bands（deaths）"),
    ("allow_predicted = true, scope", "scope", "bands[0].allow_predicted"),
    ("effective_from = 2020-01-01", 'effective_from = "2020"', "effective_from"),
    ("notes = \"\"", "notes = [", "-"),
])
def test_bad_files_name_path_and_field(tmp_path, old, new, field):
    """A broken table raises RuleFileError naming the file and field, in Chinese and English."""
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(RuleFileError) as info:
        g.load_table(path)
    err = info.value
    assert err.path == path and err.field == field
    assert str(path) in err.message and "规则文件有误" in err.message and "Bad rule file" in err.message


def test_duplicate_ids_and_empty_directories_are_refused(tmp_path):
    """Two files with one id, or a directory without tables, stop loading."""
    with pytest.raises(RuleFileError, match="没有分级表"):
        g.load_tables(tmp_path)
    _write(tmp_path, GOOD, "a.toml")
    _write(tmp_path, GOOD, "b.toml")
    with pytest.raises(RuleFileError, match="重复"):
        g.load_tables(tmp_path)


# --- properties ---------------------------------------------------------------------

KEYS = ("deaths", "missing", "serious_injuries", "direct_loss", "relocated", "collapsed_rooms",
        "collapsed_households", "drought_aid")
counts = st.dictionaries(st.sampled_from(KEYS), st.integers(0, 3 * YI))
severity = {None: 5, 1: 1, 2: 2, 3: 3, 4: 4}


@settings(max_examples=300, deadline=None)
@given(table=st.sampled_from(list(TABLES.values())), base=counts, key=st.sampled_from(KEYS),
       extra=st.integers(1, YI))
def test_more_never_lowers_severity(table, base, key, extra):
    """Adding to any count never makes the suggested grade less severe."""
    more = {**base, key: base.get(key, 0) + extra}
    assert severity[g.grade(table, more).level] <= severity[g.grade(table, base).level]


@settings(max_examples=300, deadline=None)
@given(table=st.sampled_from(list(TABLES.values())), actual=counts, predicted=counts)
def test_result_is_one_of_the_tables_levels(table, actual, predicted):
    """The level is None or a level of the table, and the most severe of actual and predicted."""
    result = g.grade(table, actual, predicted)
    assert result.level is None or result.level in {b.level for b in table.bands}
    options = [x for x in (result.level_actual, result.level_predicted) if x is not None]
    assert result.level == (min(options) if options else None)
    assert all(r.level >= result.level for r in result.reasons) if result.level else result.reasons == ()


BOUNDED = [(t, b) for t in TABLES.values() for b in t.bands if b.lo is not None]


@settings(max_examples=200, deadline=None)
@given(case=st.sampled_from(BOUNDED))
def test_boundaries_inclusive_at_lo_exclusive_at_hi(case):
    """A band's lower figure reaches its level; its upper figure reaches the next one."""
    table, band = case
    key = "deaths" if band.dimension == "dead_missing" else band.dimension
    facts = dict(band.when)

    def level(value):
        result = g.grade(table, {key: value}, facts=facts)
        return next((r.level for r in result.reasons if r.dimension == band.dimension), None)

    assert level(band.lo) == band.level
    if band.lo > 0:
        below = level(band.lo - _step(band.dimension))
        assert below is None or below > band.level
    if band.hi is not None:
        assert level(band.hi) == band.level - 1


# --- the other national scales: boundaries (以上含本数、以下不含本数) ------------------

FF, GEO, ENV, EQ, PO, PH = (g.default_table(k) for k in (
    "forest_fire", "geohazard", "environmental", "earthquake", "power_outage", "public_health"))


@pytest.mark.parametrize("area, level", [
    ("0", 4), ("0.99", 4), ("1", 3), ("99.99", 3), ("100", 2), ("999", 2), ("999.99", 2), ("1000", 1)])
def test_forest_fire_burned_area(area, level):
    """Art. 40: below 1 ha 一般, 1–100 较大, 100–1000 重大, 1000 ha and more 特别重大."""
    assert g.grade(FF, {"burned_area_ha": Decimal(area)}).level == level


@pytest.mark.parametrize("counts, level", [
    ({"deaths": 0}, 4), ({"deaths": 1}, 4), ({"deaths": 2}, 4), ({"deaths": 3}, 3), ({"deaths": 9}, 3),
    ({"deaths": 10}, 2), ({"deaths": 29}, 2), ({"deaths": 30}, 1),
    ({"serious_injuries": 9}, 4), ({"serious_injuries": 10}, 3), ({"serious_injuries": 49}, 3),
    ({"serious_injuries": 50}, 2), ({"serious_injuries": 99}, 2), ({"serious_injuries": 100}, 1),
    ({"deaths": 2, "missing": 5}, 4),  # the regulation counts no missing as dead
])
def test_forest_fire_casualties(counts, level):
    """A forest fire with 3 dead is 较大; missing people are not counted as dead."""
    assert g.grade(FF, counts).level == level


@pytest.mark.parametrize("counts, level", [
    ({"deaths": 2}, 4), ({"deaths": 3}, 3), ({"deaths": 9}, 3), ({"deaths": 10}, 2), ({"deaths": 12}, 2),
    ({"deaths": 29}, 2), ({"deaths": 30}, 1),
    ({"direct_loss": 999_999}, 4), ({"direct_loss": 100 * WAN}, 3), ({"direct_loss": 500 * WAN - 1}, 3),
    ({"direct_loss": 500 * WAN}, 2), ({"direct_loss": 1000 * WAN - 1}, 2), ({"direct_loss": 1000 * WAN}, 1),
    ({"threatened": 99}, 4), ({"threatened": 100}, 3), ({"threatened": 499}, 3), ({"threatened": 500}, 2),
    ({"threatened": 999}, 2), ({"threatened": 1000}, 1),
    ({"potential_loss": 500 * WAN - 1}, 4), ({"potential_loss": 500 * WAN}, 3),
    ({"potential_loss": 5000 * WAN}, 2), ({"potential_loss": YI - 1}, 2), ({"potential_loss": YI}, 1),
])
def test_geohazard_disaster_and_threat(counts, level):
    """灾情 by deaths and loss, 险情 by people threatened and potential loss; 12 dead is 大型 (Ⅱ 重大)."""
    assert g.grade(GEO, counts).level == level


@pytest.mark.parametrize("counts, level", [
    ({"deaths": 2}, 4), ({"deaths": 3}, 3), ({"deaths": 10}, 2), ({"deaths": 30}, 1),
    ({"serious_injuries": 9}, 4), ({"serious_injuries": 10}, 3), ({"serious_injuries": 50}, 2),
    ({"serious_injuries": 100}, 1),
    ({"relocated": 4999}, 4), ({"relocated": 5000}, 3), ({"relocated": 9999}, 3), ({"relocated": 10_000}, 2),
    ({"relocated": 49_999}, 2), ({"relocated": 50_000}, 1),
    ({"direct_loss": 500 * WAN - 1}, 4), ({"direct_loss": 500 * WAN}, 3), ({"direct_loss": 2000 * WAN - 1}, 3),
    ({"direct_loss": 2000 * WAN}, 2), ({"direct_loss": 3000 * WAN}, 2), ({"direct_loss": YI - 1}, 2),
    ({"direct_loss": YI}, 1),
])
def test_environmental_figures(counts, level):
    """The 2014 plan: 3000万 loss is 重大 (2000万–1亿), where decree 493 would say 较大."""
    assert g.grade(ENV, counts).level == level
    if counts == {"direct_loss": 3000 * WAN}:
        assert g.grade(PS, counts).level == 3


@pytest.mark.parametrize("where, level", [("township", 3), ("county", 2), ("prefecture", 1)])
def test_environmental_drinking_water_is_a_checked_condition(where, level):
    """An intake cut off reaches its level whatever the figures; the township item is unverified."""
    result = g.grade(ENV, {"deaths": 0}, facts={"water_source_cut": where})
    assert result.level == level and result.reasons[0].dimension == "water_source_cut"
    assert result.verified == (where != "township")


@pytest.mark.parametrize("counts, level", [
    ({"deaths": 9}, 4), ({"deaths": 10}, 3), ({"deaths": 49}, 3), ({"deaths": 50}, 2),
    ({"deaths": 299}, 2), ({"deaths": 300}, 1), ({"deaths": 8, "missing": 2}, 3),
])
def test_earthquake_deaths_include_the_missing(counts, level):
    """2012 plan: deaths including the missing, 10 / 50 / 300."""
    assert g.grade(EQ, counts).level == level


@pytest.mark.parametrize("density, magnitude, level", [
    ("fairly_dense", "3.9", None), ("fairly_dense", "4.0", 4), ("fairly_dense", "4.9", 4),
    ("fairly_dense", "5.0", 3), ("fairly_dense", "6.0", 2), ("fairly_dense", "6.9", 2),
    ("fairly_dense", "7.0", 1),
    ("dense", "3.9", None), ("dense", "4.0", 3), ("dense", "5.0", 2), ("dense", "5.9", 2), ("dense", "6.0", 1),
])
def test_earthquake_initial_judgement_by_magnitude(density, magnitude, level):
    """The magnitude gives a predicted (初判) level, one step higher in 人口密集地区."""
    result = g.grade(EQ, {"magnitude": Decimal(magnitude)}, facts={"population_density": density})
    assert result.level_predicted == level
    if level is not None:
        assert result.predicted_decides == (level < 4) and "初判" in result.reasons[0].text


def test_earthquake_magnitude_without_density_gives_no_judgement():
    """Without the population density the magnitude bands do not apply."""
    result = g.grade(EQ, {"magnitude": Decimal("6.5")})
    assert result.level_predicted is None and result.level == 4


@pytest.mark.parametrize("city, share, level", [
    ("municipality", "4.99", None), ("municipality", "5", 4), ("municipality", "10", 3),
    ("municipality", "20", 2), ("municipality", "49.9", 2), ("municipality", "50", 1),
    ("capital_2000", "60", 1), ("capital", "60", 2), ("capital", "19.99", 4), ("capital", "20", 3),
    ("prefecture_600", "60", 2), ("prefecture", "60", 3), ("prefecture", "19.99", None),
    ("county_150", "60", 3), ("county", "60", 4), ("county", "39.99", None),
])
def test_power_outage_load_lost_by_city(city, share, level):
    """The same share of load lost weighs more in a bigger city grid."""
    assert g.grade(PO, {"load_loss_pct": Decimal(share)}, facts={"city_size": city}).level == level


@pytest.mark.parametrize("counts, level", [
    ({"food_poisoning_cases": 29}, None), ({"food_poisoning_cases": 30}, 4), ({"food_poisoning_cases": 99}, 4),
    ({"food_poisoning_cases": 100}, 3), ({"food_poisoning_deaths": 1}, 3), ({"food_poisoning_deaths": 9}, 3),
    ({"food_poisoning_deaths": 10}, 2),
    ({"occupational_poisoning_cases": 9}, 4), ({"occupational_poisoning_cases": 10}, 3),
    ({"occupational_poisoning_cases": 49}, 3), ({"occupational_poisoning_cases": 50}, 2),
    ({"occupational_poisoning_deaths": 4}, 3), ({"occupational_poisoning_deaths": 5}, 2),
])
def test_public_health_poisoning(counts, level):
    """Food and occupational poisoning thresholds; the whole table is marked unverified."""
    result = g.grade(PH, counts)
    assert result.level == level and not PH.verified


def test_response_table_and_event_scales_are_told_apart():
    """Only the relief tables are response-level tables; every other shipped table is an event scale."""
    response = {t.id for t in TABLES.values() if t.is_response}
    assert response == {"natural_disaster_relief_2024", "demo_county_relief"}
    assert all(g.default_table(k).kind == k for k in g.KINDS)
    assert g.grade(GEO, {"deaths": 12}).summary().startswith("建议定级：重大（Ⅱ级）")


@pytest.mark.parametrize("word, kind", [
    ("forest-fire", "forest_fire"), ("森林火灾", "forest_fire"), ("地质灾害", "geohazard"),
    ("public_health", "public_health"), ("大面积停电", "power_outage"), ("自然灾害", "natural_disaster")])
def test_scale_words(word, kind):
    """A scale is named by its code, its key or its Chinese name."""
    assert g.scale_of(word) == kind


def test_unknown_scale_word_is_refused():
    with pytest.raises(ValueError, match="未知的分级类别"):
        g.scale_of("flood")


def test_when_band_with_an_unknown_fact_is_refused(tmp_path):
    """A band conditioned on a fact the engine does not know stops loading, naming the field."""
    text = (g.GRADING_DIR / "earthquake_2012.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('population_density = "dense"', 'population_density = "crowded"', 1),
                   encoding="utf-8")
    with pytest.raises(RuleFileError, match="when"):
        g.load_table(bad)
