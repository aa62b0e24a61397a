"""Each incident type is graded on its own scale at intake; response levels are kept apart."""

from sqlalchemy import select

from commanddesk.models import ClockInstance, Grading, Incident, TimelineEvent
from commanddesk.services import incidents as svc
from commanddesk.services import plans

WAN = 10_000


def _call(store, incident_id=None, **kw):
    data = {"place_text": "板桥街道云台村", **kw}
    with store.transaction() as s:
        return svc.record_call(s, svc.CallInput(**data), incident_id)


def _rules(store, incident_id):
    with store.read() as s:
        return {c.rule_id for c in s.scalars(select(ClockInstance).where(ClockInstance.incident_id == incident_id))}


def test_landslide_with_12_dead_is_graded_and_starts_the_city_clock(store, officer):
    """12 dead in a landslide: 重大 on the geohazard scale (10–30), so the 20-minute city clock runs."""
    result = _call(store, category="natural", type="natural.geohazard", counts={"deaths": 12})
    assert result.grade == 2 and result.suggestion.table_id == "geohazard_national_2006"
    assert "因灾死亡 12 人，达到重大地质灾害标准" in result.suggestion.reasons[0].text
    assert result.response.level is None  # 12 dead is below the relief plan's Ⅳ response (20)
    rules = _rules(store, result.incident_id)
    assert {"C-CITY-20", "C-WRITTEN-40", "C-XUBAO", "C-DIS-2H", "C-LEADER-10"} <= rules
    with store.read() as s:
        inc = s.get(Incident, result.incident_id)
        assert (inc.grade, inc.response_level) == (2, None)
        record = s.scalars(select(Grading).where(Grading.incident_id == inc.id)).one()
        assert (record.table_id, record.suggested, record.chosen, record.response_level) == (
            "geohazard_national_2006", 2, 2, None)
        assert record.response_table_id == "natural_disaster_relief_2024"


def test_forest_fire_with_3_dead_is_graded(store, officer):
    """3 dead in a forest fire: 较大 on art. 40 (was 未定级 on the relief response table)."""
    result = _call(store, category="natural", type="natural.forest_fire", counts={"deaths": 3})
    assert result.grade == 3 and result.suggestion.table_id == "forest_fire_541"
    assert "C-XUBAO" in _rules(store, result.incident_id)


def test_pollution_graded_on_the_environmental_scale_not_decree_493(store, officer):
    """3000万 loss: 重大 on the 2014 environmental plan (493 would say 较大)."""
    result = _call(store, category="accident", type="accident.pollution", counts={"direct_loss": 3000 * WAN})
    assert result.grade == 2 and result.suggestion.table_id == "environmental_2014"
    assert result.response is None
    assert "C-CITY-20" in _rules(store, result.incident_id)


def test_flood_stays_ungraded_but_gets_its_response_level_and_clocks(store, officer):
    """A flood has no national event scale: 未定级, Ⅳ response suggested, natural-disaster clocks run."""
    result = _call(store, category="natural", type="natural.flood", counts={"deaths": 25})
    assert result.grade is None and result.suggestion is None and result.response.level == 4
    rules = _rules(store, result.incident_id)
    assert {"C-DIS-2H", "C-LEADER-10"} <= rules and "C-CITY-20" not in rules
    with store.read() as s:
        inc = s.get(Incident, result.incident_id)
        assert (inc.grade, inc.response_level) == (None, 4)
        texts = [e.summary for e in s.scalars(select(TimelineEvent).where(TimelineEvent.incident_id == inc.id))]
        assert any("应急响应建议：未达到启动条件 → Ⅳ级响应" in t and "事件等级仍为未定级" in t for t in texts)
        record = s.scalars(select(Grading).where(Grading.incident_id == inc.id)).one()
        assert (record.suggested, record.chosen, record.response_level) == (None, None, 4)


def test_follow_up_raises_the_grade_and_then_the_response(store, officer):
    """A landslide's follow-up calls move the grade on its scale and the response on the relief table."""
    first = _call(store, category="natural", type="natural.geohazard", counts={"deaths": 2})
    assert first.grade == 4 and "C-CITY-20" not in _rules(store, first.incident_id)
    second = _call(store, first.incident_id, category="natural", type="natural.geohazard", counts={"deaths": 12})
    assert second.grade == 2 and "C-CITY-20" in _rules(store, first.incident_id)
    third = _call(store, first.incident_id, category="natural", type="natural.geohazard", counts={"deaths": 21})
    assert third.grade == 2 and third.response.level == 4
    with store.read() as s:
        inc = s.get(Incident, first.incident_id)
        assert (inc.grade, inc.response_level) == (2, 4)


def test_a_post_table_of_another_kind_is_not_used(store, officer):
    """A post that set the relief table for production safety by mistake still grades on 493."""
    from commanddesk.services import settings

    with store.transaction() as s:
        settings.put(s, "grading_table_production_safety", "demo_county_relief", check=False)
    result = _call(store, category="accident", type="accident.explosion", counts={"deaths": 3})
    assert result.grade == 3 and result.suggestion.table_id == "production_safety_493"


def test_earthquake_magnitude_and_density_give_an_initial_grade(store, officer):
    """Magnitude (assessed figure) plus population density (fact) grade an earthquake before counts come in."""
    result = _call(store, category="natural", type="natural.earthquake")
    assert result.grade == 4  # no deaths reported: 一般, the floor of the scale
    with store.transaction() as s:
        plans.set_assessment(s, result.incident_id, "", {"magnitude": 5.5})
    with store.read() as s:
        assert s.get(Incident, result.incident_id).grade == 4  # density unknown: no initial judgement yet
    with store.transaction() as s:
        svc.set_grading_facts(s, result.incident_id, {"population_density": "dense"})
    with store.read() as s:
        inc = s.get(Incident, result.incident_id)
        assert inc.grade == 2 and inc.grade_predicted and inc.grading_facts == {"population_density": "dense"}
    assert "C-CITY-20" in _rules(store, result.incident_id)


def test_forest_fire_burned_area_from_the_assessment(store, officer):
    """An assessed burned area of 100 ha makes a forest fire 重大."""
    result = _call(store, category="natural", type="natural.forest_fire")
    assert result.grade == 4
    with store.transaction() as s:
        plans.set_assessment(s, result.incident_id, "", {"burned_area_ha": 100.0})
    with store.read() as s:
        assert s.get(Incident, result.incident_id).grade == 2


def test_a_grade_set_by_hand_survives_a_new_assessment(store, officer):
    """An officer's override is not replaced when the assessed figures change."""
    result = _call(store, category="natural", type="natural.forest_fire", grade=2, grade_reason="威胁林区居民点")
    assert result.grade == 2
    with store.transaction() as s:
        plans.set_assessment(s, result.incident_id, "", {"burned_area_ha": 5.0})
    with store.read() as s:
        assert s.get(Incident, result.incident_id).grade == 2


def test_bad_grading_facts_are_refused_and_change_nothing(store, officer):
    """An unknown fact value is refused in Chinese; the incident keeps its facts."""
    import pytest

    from commanddesk.errors import ValidationError

    result = _call(store, category="natural", type="natural.earthquake")
    with pytest.raises(ValidationError, match="震中人口密集程度"):
        with store.transaction() as s:
            svc.set_grading_facts(s, result.incident_id, {"population_density": "crowded"})
    with store.read() as s:
        assert s.get(Incident, result.incident_id).grading_facts == {}


def test_the_facts_a_scale_reads_are_offered_per_type(store, officer):
    """Only the earthquake, power-outage and environmental scales read facts besides figures."""
    cases = {("natural", "natural.earthquake"): {"population_density", "gdp_loss_1pct"},
             ("accident", "accident.power_outage"): {"city_size"},
             ("accident", "accident.pollution"): {"water_source_cut"},
             ("accident", "accident.hazmat"): set(),
             ("natural", "natural.flood"): set()}
    for (category, type_), expected in cases.items():
        inc = _call(store, category=category, type=type_).incident_id
        with store.read() as s:
            keys = {key for key, _label, _values, _current in svc.grading_fact_choices(s, inc)}
        assert keys == expected, type_
    quake = _call(store, category="natural", type="natural.earthquake").incident_id
    with store.transaction() as s:
        svc.set_grading_facts(s, quake, {"population_density": "fairly_dense"})
    with store.read() as s:
        current = {k: v for k, _l, _v, v in svc.grading_fact_choices(s, quake)}
    assert current["population_density"] == "fairly_dense" and current["gdp_loss_1pct"] == ""
