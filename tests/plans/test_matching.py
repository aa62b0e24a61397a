"""Matching an incident's facts against the plans' start-up conditions: the level, the condition cited, the
predicted figures marked, other types left alone."""

from commanddesk.plans.matching import IncidentFacts, match


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
