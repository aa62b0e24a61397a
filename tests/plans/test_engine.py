"""Plan loading, matching, search and diff on hand-written plans."""

from commanddesk.plans import diff as plan_diff
from commanddesk.plans.matching import IncidentFacts, match
from commanddesk.plans.search import SearchIndex


def test_malformed_file_rejected_others_load(lib):
    """A plan naming an unknown working group is refused with file, field and reason."""
    assert [p.edition for p in lib.plans] == ["2021", "2024"]
    (err,) = lib.errors
    assert err.path.endswith("broken.toml") and "group" in err.field and "nobody" in err.reason
    assert "预案文件有误：broken.toml" in err.message


def test_current_edition_is_the_newest(lib):
    """The newest published edition is the one matched and searched."""
    assert lib.current("t.hazmat").edition == "2024"
    assert [p.edition for p in lib.editions("t.hazmat")] == ["2024", "2021"]


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


def test_search_short_and_long_terms(lib):
    """Two-character terms (LIKE) and longer ones (trigram) both hit, highlighted."""
    index = SearchIndex(lib)
    hits = index.search("堵漏")
    assert hits and all("<b>堵漏</b>" in h.snippet for h in hits)
    assert index.search("危险化学品 堵漏")
    assert index.search("次生爆炸")[0].plan_id == "t.hazmat"
    assert index.search("地震") == []
    assert index.search("堵漏", tier="township") == []
    assert index.search("堵漏", level=2) and index.search("堵漏", level=1) == []
    assert index.search("<script>") == []


def test_diff_between_editions(lib):
    """Only the changed termination section differs between the two editions."""
    changes = {d.heading: d for d in plan_diff.diff(lib.get("t.hazmat", "2021"), lib.get("t.hazmat", "2024"))}
    assert changes["响应终止"].state == "changed"
    assert ("+", "险情消除、次生灾害风险排除后终止。") in changes["响应终止"].lines
    assert changes["适用范围"].state == "same"
