"""When it happened, read from a message received at 2026-11-23 22:00 Beijing time."""

from datetime import datetime, timezone

import pytest

from commanddesk.clock import BEIJING
from commanddesk.reading.times import find_time

RECEIVED = datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING)


def read(text: str, **kw):
    found = find_time(text, RECEIVED, **kw)
    return None if found is None else (found.at.astimezone(BEIJING).replace(tzinfo=None), found.precision)


@pytest.mark.parametrize("text, at, precision", [
    ("2026年11月9日14时30分，某镇发生山体滑坡", datetime(2026, 11, 9, 14, 30), "exact"),
    ("2026-11-20 8点，仓库起火", datetime(2026, 11, 20, 8, 0), "exact"),
    ("11月9日在某地发生", datetime(2026, 11, 9), "approx"),
    ("9日14时30分左右", datetime(2026, 11, 9, 14, 30), "approx"),
    ("21:40，某小区", datetime(2026, 11, 23, 21, 40), "exact"),
    ("今天下午两点一刻", datetime(2026, 11, 23, 14, 15), "exact"),
    ("昨天下午三点半", datetime(2026, 11, 22, 15, 30), "exact"),
    ("下午3点发生", datetime(2026, 11, 23, 15, 0), "exact"),
    ("今晚8点", datetime(2026, 11, 23, 20, 0), "exact"),
    ("中午11点", datetime(2026, 11, 23, 11, 0), "exact"),
    ("夜里1点", datetime(2026, 11, 23, 1, 0), "exact"),
])
def test_absolute_and_day_part_times(text, at, precision):
    assert read(text) == (at, precision)


@pytest.mark.parametrize("text, at", [
    ("昨日凌晨", datetime(2026, 11, 22, 3, 0)),
    ("半小时前", datetime(2026, 11, 23, 21, 30)),
    ("2小时前", datetime(2026, 11, 23, 20, 0)),
    ("一个多小时前", datetime(2026, 11, 23, 20, 45)),
    ("十分钟前", datetime(2026, 11, 23, 21, 50)),
    ("刚才", datetime(2026, 11, 23, 22, 0)),
])
def test_relative_times_are_approximate(text, at):
    assert read(text) == (at, "approx")


def test_a_year_less_date_in_the_future_is_last_years():
    assert read("12月1日发生") == (datetime(2025, 12, 1), "approx")


def test_a_day_without_month_in_the_future_is_last_months():
    assert read("25日发生") == (datetime(2026, 10, 25), "approx")


def test_a_bare_time_later_than_the_receipt_is_yesterdays():
    assert read("23:30，某小区") == (datetime(2026, 11, 22, 23, 30), "exact")


@pytest.mark.parametrize("text", [
    "截至22时，死亡3人",          # a report time, not the event
    "第3点建议",                  # a list item
    "预计明天上午10点抵达",        # a forecast
    "11月23日22时30分",           # still to come
    "今天",                       # a day without a time
    "3月",
    "无时间信息",
])
def test_no_event_time(text):
    assert read(text) is None


def test_the_report_stamp_is_skipped_and_the_event_time_found():
    assert read("截至21时，今天下午3点发生的火灾已扑灭") == (datetime(2026, 11, 23, 15, 0), "exact")


def test_spans_read_as_other_things_are_skipped():
    text = "14时30分"
    assert read(text) is not None
    assert read(text, skip=[(0, 3)]) is None


def test_found_time_is_utc_with_its_span():
    found = find_time("据报，昨天下午三点半在某地", RECEIVED)
    assert found.at.tzinfo == timezone.utc
    assert found.at == datetime(2026, 11, 22, 7, 30, tzinfo=timezone.utc)
    assert "据报，昨天下午三点半在某地"[slice(*found.span)] == "昨天下午三点半"
