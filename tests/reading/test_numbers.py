"""Numbers as messages write them: the reader's values and which of them are only lower bounds."""

import pytest

from commanddesk.reading.numbers import NUMBER, money_yuan, read_number, to_halfwidth


def first(text: str):
    """(value, approximate) of the first number found in *text*."""
    m = NUMBER.search(text)
    assert m is not None, text
    return read_number(m)


@pytest.mark.parametrize("text, expected", [
    ("死亡3人", (3, False)),
    ("受伤十二人", (12, False)),
    ("转移一百零五人", (105, False)),
    ("疏散1,200人", (1200, False)),
    ("受灾1.2万人", (12000, False)),
    ("受灾3万人", (30000, False)),
    ("两人失联", (2, False)),
])
def test_exact_numbers(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("十余人被困", (10, True)),
    ("二十多人受伤", (20, True)),
    ("五六个人", (5, True)),
    ("三四十人", (30, True)),
    ("近百人", (100, True)),
    ("上百人聚集", (100, True)),
    ("数十人", (10, True)),
    ("约30人", (30, True)),
    ("超过50人", (50, True)),
    ("1.25万人", (12500, False)),
    ("1.23456万人", (12345, True)),
])
def test_approximate_numbers_are_lower_bounds(text, expected):
    assert first(text) == expected


def test_a_decimal_without_unit_is_no_count():
    assert first("1.5人") is None


def test_shu_before_a_non_unit_is_no_number():
    assert first("数三人") is None


def test_full_width_digits_read_like_ascii_and_keep_their_length():
    text = "死亡３人，受伤１２人（轻伤）"
    half = to_halfwidth(text)
    assert half == "死亡3人,受伤12人(轻伤)"
    assert len(half) == len(text)
    assert first(half) == (3, False)


def test_halfwidth_leaves_chinese_and_ideographic_space_alone():
    assert to_halfwidth("　三人") == "　三人"


@pytest.mark.parametrize("amount, unit, yuan", [
    ("3", "元", 3),
    ("1,500", "元", 1500),
    ("2.5", "万元", 25000),
    ("１２", "万", 120000),
    ("1.2", "亿元", 120_000_000),
    ("三", "万元", 30000),
])
def test_money_in_yuan(amount, unit, yuan):
    assert money_yuan(amount, unit) == yuan


def test_money_that_is_no_number():
    assert money_yuan("若干", "万元") is None
