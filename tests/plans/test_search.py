"""Plan search: every term must occur in the plan, short terms included; snippets escaped and marked."""

from dataclasses import replace

from commanddesk.plans import search
from commanddesk.plans.search import Hit, SearchIndex, snippet


def test_snippet_marks_every_term_and_escapes_the_text():
    body = "发生<泄漏>时，先堵漏，再冷却；堵漏不成则撤离。"
    out = snippet(body, ["堵漏", "<泄漏>"])
    assert "<b>&lt;泄漏&gt;</b>" in out
    assert out.count("<b>堵漏</b>") == 2
    assert "<泄漏>" not in out


def test_snippet_cuts_around_the_first_hit_with_ellipses():
    body = "甲" * 100 + "堵漏" + "乙" * 100
    out = snippet(body, ["堵漏"], width=30)
    assert out.startswith("…") and out.endswith("…")
    assert "<b>堵漏</b>" in out
    assert len(out.replace("<b>", "").replace("</b>", "")) == 32  # 30 characters and two ellipses


def test_snippet_of_a_short_body_without_hit():
    assert snippet("终止响应\n条件", ["山火"]) == "终止响应 条件"


def test_empty_query_finds_nothing(lib):
    assert SearchIndex(lib).search("   ") == []


def test_every_term_must_occur_in_the_plan(lib):
    index = SearchIndex(lib)
    assert index.search("堵漏 冷却")
    assert index.search("堵漏 台风") == []


def test_hits_are_the_current_edition_with_marked_snippets(lib):
    hits = SearchIndex(lib).search("堵漏")
    assert {(h.plan_id, h.edition) for h in hits} == {("t.hazmat", "2024")}
    assert all("<b>堵漏</b>" in h.snippet for h in hits)
    assert all(h.tier == "special" and h.category == "accident" for h in hits)


def test_a_plan_about_the_term_is_marked_so(lib):
    hits = SearchIndex(lib).search("危险化学品")
    assert hits and hits[0].about


def test_limit(lib):
    index = SearchIndex(lib)
    assert len(index.search("成员单位", limit=1)) == 1
    assert len(index.search("成员单位")) > 1


def test_marked_title_for_demo_and_draft_plans():
    hit = Hit("p", "2024", "某区防汛预案", "special", "natural", "适用范围", "…")
    assert hit.marked_title == "某区防汛预案"
    assert replace(hit, status="demo").marked_title == "【演示】某区防汛预案"
    assert replace(hit, status="draft").marked_title == "【草稿】某区防汛预案"


def test_index_for_builds_once_per_library(lib, plan_dir):
    from commanddesk.plans import library

    first = search.index_for(lib)
    assert search.index_for(lib) is first
    other = library.load([plan_dir])
    assert search.index_for(other) is not first


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
