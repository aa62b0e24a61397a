"""The bundled plan library: every file valid, and realistic incidents find the right plan and level."""

import pytest

from commanddesk.plans import library
from commanddesk.plans.matching import IncidentFacts, match

LIB = library.load([library.PLANS_DIR])


def test_every_bundled_plan_validates():
    """All shipped files load; each has its levels, working groups and the three action cards."""
    assert LIB.errors == []
    assert len(LIB.current_plans()) >= 14
    tiers = {p.tier for p in LIB.plans}
    assert {"overall", "special", "township", "enterprise"} <= tiers
    for plan in LIB.current_plans():
        assert plan.levels and plan.groups and plan.scope and plan.termination, plan.id
        assert {"duty_officer", "team_leader"} <= {c.role for c in plan.cards}, plan.id
        for lv in plan.levels:
            assert lv.conditions and lv.measures, (plan.id, lv.level)


def test_two_editions_of_the_hazmat_plan():
    """The hazmat plan ships in two editions; the 2024 one is current."""
    assert [p.edition for p in LIB.editions("special.hazmat")] == ["2024", "2021"]


@pytest.mark.parametrize("facts, plan_id, level", [
    (IncidentFacts("accident", "accident.explosion", 3, {"deaths": 3}, place_text="徐圩新区某化工厂"),
     "special.hazmat", 3),
    (IncidentFacts("natural", "natural.typhoon", None, {"relocated": 150_000}), "special.typhoon", 1),
    (IncidentFacts("natural", "natural.forest_fire", None, {}, measures={"burned_area_ha": 12},
                   place_text="云台山风景区东侧林区"), "special.forest_fire", 3),
    (IncidentFacts("accident", "accident.power_outage", None, {}, measures={"outage_share": 0.8}),
     "special.power_outage", 1),
])
def test_realistic_incidents_match_plan_and_level(facts, plan_id, level):
    """The first match is the special plan for the incident, at the expected level, with its grounds."""
    best = match(LIB, facts)[0]
    assert best.plan.id == plan_id
    assert best.level is not None and best.level <= level
    assert "级响应条件" in best.reason


def test_forest_fire_near_scenic_area_lists_what_to_check():
    """Without measured figures the forest-fire plan still comes first, with a checklist that names the scenic area."""
    best = match(LIB, IncidentFacts("natural", "natural.forest_fire", None, {}, place_text="云台山风景区"))[0]
    assert best.plan.id == "special.forest_fire" and best.level is None
    assert any("景区" in item for item in best.checklist)


def test_predicted_figures_raise_the_level_and_say_so():
    """2 dead but 10 predicted: the hazmat plan proposes a higher level on the predicted figure."""
    best = match(LIB, IncidentFacts("accident", "accident.hazmat", None, {"deaths": 2}, {"deaths": 10}))[0]
    assert best.plan.id == "special.hazmat" and best.level <= 2 and best.fired[0].predicted
