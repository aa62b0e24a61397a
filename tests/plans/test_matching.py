"""Matching an incident's facts against the plans' start-up conditions: the level, the condition cited, the
predicted figures marked, other types left alone."""

from commanddesk.plans import library
from commanddesk.plans.matching import IncidentFacts, match
from tests.plans.conftest import HAZMAT


def test_three_dead_proposes_level_three(lib):
    """3 dead at a chemical plant fires the Ⅲ-level condition, with the reason."""
    (m,) = match(lib, IncidentFacts("accident", "accident.explosion", 3, {"deaths": 3}))
    assert m.level == 3 and m.reason == "死亡（含失踪）3 人以上，符合Ⅲ级响应条件"
    assert m.checklist == ("需疏散周边群众的其他情形",)


def test_predicted_counts_fire_and_are_marked(lib):
    """2 dead but 10 predicted: Ⅱ on the predicted figure, said so."""
    (m,) = match(lib, IncidentFacts("accident", "accident.hazmat", None, {"deaths": 2}, {"deaths": 10}))
    assert m.level == 2 and m.fired[0].predicted and "研判" in m.reason


def test_missing_counts_with_deaths(lib):
    """dead_missing adds the missing to the dead."""
    (m,) = match(lib, IncidentFacts("accident", "accident.hazmat", None, {"deaths": 1, "missing": 2}))
    assert m.level == 3


def test_other_types_not_matched(lib):
    """A flood does not match a hazmat plan."""
    assert match(lib, IncidentFacts("natural", "natural.flood", None, {"deaths": 20})) == []


def _plan(folder, **changes):
    """Write a variant of the hand-written hazmat plan: *changes* replace whole top-level lines (not the tables')."""
    text = HAZMAT.format(edition="2024", approved="2024-05-10", termination="险情消除后终止。")
    head, sep, tables = text.partition("\n[")
    for key, value in changes.items():
        head = "\n".join(f"{key} = {value}" if line.startswith(f"{key} = ") else line for line in head.split("\n"))
    text = head + sep + tables
    (folder / f"{changes.get('id', 'x').strip(chr(34))}.toml").write_text(text, encoding="utf-8")


def test_below_every_threshold_no_level_and_the_manual_conditions_to_check(lib):
    """One dead: no level is proposed automatically; the reason says so and the checklist names what to judge."""
    (m,) = match(lib, IncidentFacts("accident", "accident.hazmat", None, {"deaths": 1}))
    assert m.level is None and m.fired == ()
    assert m.reason == "未达到自动判定的启动条件，请按清单人工研判"
    assert m.checklist == ("需疏散周边群众的其他情形",)


def test_the_newest_edition_is_the_one_matched(lib):
    """Two editions of one plan: only the current (2024) edition is proposed, once."""
    (m,) = match(lib, IncidentFacts("accident", "accident.hazmat", None, {"deaths": 3}))
    assert m.plan.edition == "2024"


def test_a_plan_for_the_type_comes_before_the_overall_plan(tmp_path):
    """The hazmat plan and an overall plan both apply to a hazmat accident; the specific one is first.
    A flood finds the overall plan alone."""
    _plan(tmp_path, id='"t.hazmat"')
    _plan(tmp_path, id='"t.overall"', tier='"overall"', category='"all"', types="[]")
    lib = library.load([tmp_path])
    assert not lib.errors
    hazmat = match(lib, IncidentFacts("accident", "accident.hazmat", None, {"deaths": 3}))
    assert [m.plan.id for m in hazmat] == ["t.hazmat", "t.overall"]
    assert "覆盖各类突发事件" in hazmat[1].why
    flood = match(lib, IncidentFacts("natural", "natural.flood", None, {"deaths": 3}))
    assert [m.plan.id for m in flood] == ["t.overall"] and flood[0].level == 3


def test_an_enterprise_plan_only_for_an_incident_at_that_enterprise(tmp_path):
    """A company's own plan is proposed when the place names the company, never for an incident elsewhere."""
    _plan(tmp_path, id='"t.plant"', tier='"enterprise"', issuer='"华兴化工有限公司"')
    lib = library.load([tmp_path])
    elsewhere = IncidentFacts("accident", "accident.hazmat", None, {"deaths": 3}, place_text="临港路物流园")
    there = IncidentFacts("accident", "accident.hazmat", None, {"deaths": 3}, place_text="华兴化工有限公司罐区")
    assert match(lib, elsewhere) == []
    assert [m.plan.id for m in match(lib, there)] == ["t.plant"]


def test_the_actual_figure_is_cited_before_a_predicted_one(lib):
    """12 dead counted and 20 predicted: Ⅱ on the count, not marked as a judgement."""
    (m,) = match(lib, IncidentFacts("accident", "accident.hazmat", None, {"deaths": 12}, {"deaths": 20}))
    assert m.level == 2 and not m.fired[0].predicted and m.fired[0].value == 12
    assert "研判" not in m.reason
