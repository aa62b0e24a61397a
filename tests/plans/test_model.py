"""A plan's model: how it names itself (演示/草稿 marks), finds its levels, groups and cards, reads as sections."""

from dataclasses import replace

import pytest

from commanddesk.plans import library
from commanddesk.plans.model import (
    Card, Chapter, Condition, Group, Level, Measure, Plan, level_name,
)


def _plan(**over) -> Plan:
    base = dict(
        id="t.flood", edition="2025", status="published", title="测试区防汛应急预案", short="防汛预案", tier="special",
        category="natural", types=("natural.flood",), jurisdiction_code="320771", jurisdiction="测试区",
        issuer="测试区管委会", approved=None, supersedes="", scope="适用于本区汛期。", basis=("《防洪法》",),
        principles="以人为本", command={"hq": "防汛指挥部", "commander": "区长", "deputies": ["副区长甲", "副区长乙"],
                                         "members": ["水利局", "应急局"]},
        groups=(Group("coord", "综合协调组", "应急局", ("办公室",), "汇总信息"),),
        levels=(Level(3, "指挥部办公室主任", "较大汛情", (Condition("水位超警戒 0.5 米", "measure"),),
                      (Measure("m1", "转移低洼区群众", "coord", 60), Measure("m2", "巡堤查险", "dyke"))),
                Level(2, "总指挥", "重大汛情", (), ())),
        escalation="事态扩大时报请上级。", termination="水位回落至警戒以下。",
        contacts=(("区应急局", "0518-1", "24 小时"),),
        cards=(Card("duty_officer", "值班员处置卡", "接报汛情", ("核实", "报告"), (), (), ()),),
    )
    base.update(over)
    return Plan(**base)


def test_level_names_use_roman_numerals():
    """1–4 read as the response level names used on paper."""
    assert [level_name(n) for n in (1, 2, 3, 4)] == ["Ⅰ级响应", "Ⅱ级响应", "Ⅲ级响应", "Ⅳ级响应"]


@pytest.mark.parametrize("status, title, usable", [("published", "测试区防汛应急预案", True),
                                                   ("demo", "【演示】测试区防汛应急预案", True),
                                                   ("draft", "【草稿】测试区防汛应急预案", False)])
def test_a_plan_that_is_not_published_says_so_in_its_title(status, title, usable):
    """Demo and draft plans carry their mark wherever they are named; only published and demo may be used."""
    p = _plan(status=status)
    assert p.marked_title == title and p.marked_short.endswith("防汛预案")
    assert p.usable is usable and p.demo is (status == "demo")
    assert (p.mark("处置卡") == "处置卡") is (status == "published")


def test_levels_groups_and_cards_are_found_by_their_key():
    """A level by number, a group by id (its id when undefined), a card by role; None when absent."""
    p = _plan()
    assert p.level(3).summary == "较大汛情" and p.level(1) is None
    assert p.group_name("coord") == "综合协调组" and p.group_name("dyke") == "dyke" and p.group("dyke") is None
    assert p.card("duty_officer").title == "值班员处置卡" and p.card("team_leader") is None
    assert p.key == ("t.flood", "2025") and p.tier_label == "专项预案"


def test_sections_read_like_the_document():
    """Scope, basis, command with deputies and members, groups, each level with its conditions and measures
    (deadline shown), escalation, termination, contacts and cards — in the document's order."""
    sections = _plan().sections()
    headings = [h for h, _ in sections]
    assert headings == ["适用范围", "编制依据", "工作原则", "组织指挥体系", "工作组：综合协调组", "Ⅲ级响应", "Ⅱ级响应",
                        "响应升级", "响应终止", "联系方式", "值班员处置卡"]
    text = dict(sections)
    assert "副总指挥：副区长甲、副区长乙" in text["组织指挥体系"] and "成员单位：水利局、应急局" in text["组织指挥体系"]
    assert "转移低洼区群众（综合协调组，60 分钟内）" in text["Ⅲ级响应"] and "巡堤查险（dyke）" in text["Ⅲ级响应"]
    assert text["值班员处置卡"] == "启动：接报汛情\n1. 核实\n2. 报告"


def test_empty_parts_are_left_out_and_an_imported_documents_chapters_come_last():
    """No basis, principles or contacts: no empty sections; an appendix chapter brings its tables as rows."""
    p = _plan(basis=(), principles="", contacts=(),
              appendix=(Chapter("附件1 通讯录", 1, "", ((("单位", "电话"), ("水利局", "0518-2")),)),))
    headings = [h for h, _ in p.sections()]
    assert "编制依据" not in headings and "工作原则" not in headings and "联系方式" not in headings
    assert p.sections()[-1] == ("附件1 通讯录", "单位 | 电话\n水利局 | 0518-2")


def test_a_plan_is_a_value():
    """Frozen: an edit makes a new edition object and leaves the old one as it was."""
    p = _plan()
    q = replace(p, edition="2026")
    assert p.edition == "2025" and q.key == ("t.flood", "2026")
    with pytest.raises(AttributeError):
        p.title = "改"  # type: ignore[misc]


def test_the_shipped_demo_plans_are_marked_as_demo():
    """Every shipped demonstration plan names itself 【演示】, so it cannot pass for a real one on paper."""
    plans = [p for p in library.library(demo=True).listed() if p.demo]
    assert plans and all(p.marked_title.startswith("【演示】") for p in plans)
