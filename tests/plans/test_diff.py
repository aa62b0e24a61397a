"""Two editions of a plan compared section by section: what was added, removed, changed or kept."""

from dataclasses import replace

from commanddesk.plans import diff as plan_diff
from commanddesk.plans.diff import diff
from commanddesk.plans.model import Group


def by_heading(old, new):
    return {d.heading: d for d in diff(old, new)}


def test_an_edition_against_itself_is_all_same(lib):
    plan = lib.get("t.hazmat", "2024")
    out = diff(plan, plan)
    assert out and all(d.state == "same" and d.lines == () for d in out)
    assert [d.heading for d in out] == [h for h, _ in plan.sections()]


def test_added_and_removed_sections(lib):
    old = lib.get("t.hazmat", "2024")
    new = replace(old, principles="", groups=old.groups + (
        Group(id="medical", name="医疗救治组", lead="区卫健委", members=("区人民医院",), duties="伤员救治"),))
    old = replace(old, principles="以人为本，快速处置")
    changes = by_heading(old, new)
    added = changes["工作组：医疗救治组"]
    assert added.state == "added"
    assert ("+", "职责：伤员救治") in added.lines
    removed = changes["工作原则"]
    assert removed.state == "removed"
    assert removed.lines == (("-", "以人为本，快速处置"),)
    # the newer edition's order first, the removed sections after it
    headings = [d.heading for d in diff(old, new)]
    assert headings[-1] == "工作原则"


def test_a_changed_section_lists_kept_removed_and_added_lines(lib):
    old = lib.get("t.hazmat", "2024")
    new = replace(old, scope=old.scope + "\n含运输环节。")
    old = replace(old, scope=old.scope + "\n含废弃处置环节。")
    changed = by_heading(old, new)["适用范围"]
    assert changed.state == "changed"
    assert (" ", lib.get("t.hazmat", "2024").scope) in changed.lines
    assert ("-", "含废弃处置环节。") in changed.lines
    assert ("+", "含运输环节。") in changed.lines
    assert all(op in " -+" for op, _ in changed.lines)  # ndiff's ? hint lines are left out


def test_diff_between_editions(lib):
    """Only the changed termination section differs between the two editions."""
    changes = {d.heading: d for d in plan_diff.diff(lib.get("t.hazmat", "2021"), lib.get("t.hazmat", "2024"))}
    assert changes["响应终止"].state == "changed"
    assert ("+", "险情消除、次生灾害风险排除后终止。") in changes["响应终止"].lines
    assert changes["适用范围"].state == "same"
