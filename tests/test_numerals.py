"""Counts typed as Arabic or Chinese numerals read back as the same whole number."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commanddesk.numerals import is_partial, parse_count, to_chinese


@pytest.mark.parametrize("text, number", [
    ("三", 3), ("十二", 12), ("二十三", 23), ("一百零五", 105), ("两", 2), ("两百", 200), ("零", 0),
    ("十", 10), ("一百一十", 110), ("一千零五十", 1050), ("一百五", 150), ("两千三", 2300),
    ("三万五", 35_000), ("十万零五", 100_005), ("贰拾叁", 23), ("1.5万", 15_000), ("3万", 30_000),
    ("１２", 12), ("1,200", 1200), ("1，200", 1200), (" 7 ", 7), ("一亿零一千", 100_001_000),
])
def test_reads_what_officers_type(text, number):
    assert parse_count(text) == number


@pytest.mark.parametrize("text", ["三四", "十几", "200余", "若干", "abc", "1.5", "一百零", "万", "零五",
                                  "五十五十", "百", "1.23456万", "-3", ""])
def test_refuses_what_is_not_a_count(text):
    with pytest.raises(ValueError) as err:
        parse_count(text)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(err.value))  # the message is Chinese


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_every_number_written_in_chinese_reads_back(n):
    assert parse_count(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_with_thousands_separators_reads_back(n):
    assert parse_count(f"{n:,}") == n and parse_count(str(n)) == n


@given(st.text(max_size=8))
def test_any_text_gives_a_number_or_a_chinese_refusal(text):
    try:
        value = parse_count(text)
    except ValueError as exc:
        assert str(exc)
    else:
        assert isinstance(value, int) and value >= 0 and is_partial(text)


def test_partial_input_is_recognised_while_typing():
    assert is_partial("一百零") and is_partial("1.") and not is_partial("三人以上") and not is_partial("x")
