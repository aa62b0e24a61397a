"""People counts read from a message: dead, missing, hurt, trapped, relocated."""

import pytest

from commanddesk.reading.counts import find_counts


def values(text: str, **kw) -> dict[str, tuple[int, bool]]:
    return {k: (c.value, c.approx) for k, c in find_counts(text, **kw).items()}


@pytest.mark.parametrize("text, expected", [
    ("3人死亡，5人受伤", {"deaths": (3, False), "injured_unknown": (5, False)}),
    ("死亡3人", {"deaths": (3, False)}),
    ("死了3个人", {"deaths": (3, False)}),
    ("一人死亡", {"deaths": (1, False)}),
    ("3名工人被困", {"trapped": (3, False)}),
    ("1人失联", {"missing": (1, False)}),
    ("疏散群众200余人", {"relocated": (200, True)}),
    ("3死5伤", {"deaths": (3, False), "injured_unknown": (5, False)}),
])
def test_counts_before_and_after_the_word(text, expected):
    assert values(text) == expected


def test_no_casualties_sets_zeros():
    assert values("无人员伤亡") == {"deaths": (0, False), "serious_injuries": (0, False),
                                 "injuries": (0, False), "injured_unknown": (0, False)}


def test_a_zero_phrase_does_not_override_a_stated_count():
    assert values("2人死亡，无人员失踪") == {"deaths": (2, False), "missing": (0, False)}
    assert values("3人死亡，无人员伤亡")["deaths"] == (3, False)
    assert values("2人受伤，无人员伤亡")["injured_unknown"] == (2, False)
    assert "serious_injuries" not in values("2人受伤，无人员伤亡")


def test_a_negated_count_is_not_a_count():
    assert values("没有3人死亡") == {}


def test_the_places_history_is_left_out():
    assert values("2019年曾发生事故造成3人死亡。今日2人受伤") == {"injured_unknown": (2, False)}


def test_severities_within_a_total_leave_the_rest_unknown():
    assert values("5人受伤，其中2人重伤") == {"injured_unknown": (3, False), "serious_injuries": (2, False)}


def test_a_later_confirmed_figure_wins():
    assert values("造成3人死亡，后经核实死亡4人") == {"deaths": (4, False)}


def test_a_rise_wins_even_when_smaller_text_comes_first():
    assert values("2人受伤，受伤人数增至6人")["injured_unknown"] == (6, False)


def test_one_person_named_earlier_in_the_sentence():
    assert values("一名工人被石板砸中，送医后抢救无效死亡")["deaths"] == (1, False)


def test_skipped_spans_are_not_read():
    text = "3人死亡"
    assert values(text, skip=[(0, 1)]) == {}


def test_span_runs_from_number_to_word():
    text = "据报，3名工人被困井下"
    found = find_counts(text)["trapped"]
    assert text[slice(*found.span)] == "3名工人被困"
    assert 0 < found.confidence <= 1


def test_counts_of_things_are_not_people():
    assert values("倒塌房屋3间") == {}
    assert values("受灾房屋5户") == {}
