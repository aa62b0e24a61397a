"""When it happened, from the message and the moment it was received. No Qt.

Absolute (2026年11月9日14时30分, 11月9日, 9日14时30分左右, 22:10), relative to the
receipt (今晚8点, 昨日凌晨, 半小时前, 刚才) and parts of the day (下午3点 = 15:00).
A year-less date that would lie in the future is last year's; a day without a
month that would lie in the future is last month's; a bare time of day later
than the receipt is yesterday's. Stamps after 截至/截止 are report times, not
event times, and are skipped; so are times that still lie in the future.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from ..clock import BEIJING
from .numbers import read_core

_N = r"[0-9]{1,4}|[零〇一二两三四五六七八九十]{1,4}"
PARTS = {  # part of the day → (hour offset rule, the hour used when no time is given)
    "凌晨": (0, 3), "拂晓": (0, 5), "清晨": (0, 6), "早晨": (0, 7), "早上": (0, 7), "上午": (0, 9),
    "中午": (12, 12), "午间": (12, 12), "午后": (12, 14), "下午": (12, 15), "傍晚": (12, 18),
    "晚上": (12, 20), "晚间": (12, 20), "夜间": (12, 22), "夜里": (12, 22), "深夜": (12, 23),
    "半夜": (0, 0), "晨": (0, 6), "早": (0, 7), "晚": (12, 20), "夜": (12, 22),
}
_PART = "|".join(sorted(PARTS, key=len, reverse=True))
DAY_WORDS = {"今天": 0, "今日": 0, "今": 0, "当天": 0, "当日": 0, "昨天": -1, "昨日": -1, "昨": -1,
             "前天": -2, "前日": -2, "明天": 1, "明日": 1, "后天": 2}
_DAY = "今天|今日|当天|当日|昨天|昨日|前天|前日|明天|明日|后天|今|昨"

TIME_RE = re.compile(
    r"(?P<cut>截至|截止到|截止至|截止|截到|至今|预计|计划|将于)?"
    r"(?:(?P<year>20\d{2}|19\d{2})\s*年\s*)?"
    r"(?:(?P<month>" + _N + r")\s*月\s*)?"
    r"(?:(?P<day>" + _N + r")\s*[日号]\s*)?"
    r"(?:(?P<iso>(?:20\d{2})[-/.](?:\d{1,2})[-/.](?:\d{1,2}))\s*)?"
    r"(?P<rel>" + _DAY + r")?"
    r"(?P<part>" + _PART + r")?"
    r"\s*"
    r"(?:(?P<hour>" + _N + r")\s*(?P<hmark>时|点|:)"
    r"(?:\s*(?P<minute>半|一刻|三刻|" + _N + r")\s*分?)?)?"
    r"(?P<about>许|左右|前后|多|上下)?"
)
AGO_RE = re.compile(
    r"(?P<n>半|[0-9]{1,3}|[一二两三四五六七八九十几]{1,3})\s*(?:个)?(?P<more>多)?(?:个)?\s*"
    r"(?P<unit>小时|钟头|分钟)(?:之)?前"
    r"|(?P<just>刚才|刚刚|方才)"
)


@dataclass(frozen=True)
class TimeFound:
    """An event time and where it was read."""

    at: datetime  # aware UTC
    precision: str  # exact / approx
    span: tuple[int, int]
    confidence: float


def _num(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    got = read_core(text)
    return got[0] if got and not got[1] else None


def _hour(part: str | None, hour: int) -> int:
    if part and PARTS[part][0] == 12 and hour < 12:
        if part in ("中午", "午间") and hour >= 10:
            return hour  # 中午11点 is 11:00
        if part in ("夜间", "夜里", "深夜", "半夜", "夜") and hour <= 4:
            return hour  # 夜里1点 is 01:00
        return hour + 12
    if part == "半夜" and hour == 12:
        return 0
    return hour


def _one(m: re.Match, local_now: datetime) -> tuple[datetime, str, float] | None:
    g = m.groupdict()
    if g["cut"]:
        return None
    has_date = any(g[k] for k in ("year", "month", "day", "iso", "rel"))
    has_clock = g["hour"] is not None
    if not has_clock and not g["part"] and not g["day"] and not g["iso"] and not (g["month"] and g["day"]):
        return None  # a bare 今天 or 3月 is no event time
    if g["hmark"] == ":" and not g["minute"]:
        return None
    if g["month"] and not g["day"] and not has_clock:
        return None
    if g["part"] and len(g["part"]) == 1 and not (g["rel"] or has_clock):
        return None  # 早, 晚, 夜 alone are words, not times
    year = _num(g["year"])
    month = _num(g["month"])
    day = _num(g["day"])
    if g["iso"]:
        y, mo, d = re.split(r"[-/.]", g["iso"])
        year, month, day = int(y), int(mo), int(d)
    base = local_now.date()
    if g["rel"]:
        base = base + timedelta(days=DAY_WORDS[g["rel"]])
        if g["rel"] == "今" and not (g["part"] or has_clock):
            return None
    precision = "exact"
    confidence = 0.9
    try:
        if day is not None:
            y = year or local_now.year
            mo = month or local_now.month
            candidate = date(y, mo, day)
            if year is None and month is None and candidate > local_now.date():
                mo, y = (mo - 1, y) if mo > 1 else (12, y - 1)
                candidate = date(y, mo, day)
            elif year is None and candidate > local_now.date():
                candidate = date(y - 1, mo, day)
            base = candidate
        if has_clock:
            hour = _num(g["hour"])
            minute_text = g["minute"]
            minute = {"半": 30, "一刻": 15, "三刻": 45}.get(minute_text or "", None)
            if minute is None:
                minute = _num(minute_text) if minute_text else 0
            if hour is None or minute is None or hour > 24 or minute > 59:
                return None
            hour = _hour(g["part"], hour)
            if hour == 24:
                hour = 0
                base = base + timedelta(days=1)
            at = datetime.combine(base, time(hour, minute), BEIJING)
            if not minute_text and g["hmark"] != ":" and not g["about"]:
                confidence = 0.85
        elif g["part"]:
            at = datetime.combine(base, time(PARTS[g["part"]][1], 0), BEIJING)
            precision = "approx"
            confidence = 0.6
        else:
            at = datetime.combine(base, time(0, 0), BEIJING)
            precision = "approx"  # a date alone: the day is known, not the hour
            confidence = 0.5
    except ValueError:
        return None
    if g["about"]:
        precision = "approx"
    if not has_date and has_clock and at > local_now + timedelta(minutes=10):
        at -= timedelta(days=1)  # 22时10分 read after midnight is last night
    if at > local_now + timedelta(minutes=10):
        return None  # still to come: a forecast or plan, not the event
    return at, precision, confidence


def find_time(text: str, received: datetime, skip: list[tuple[int, int]] | None = None) -> TimeFound | None:
    """The first event time in *text* (half-width), or None. *skip*: spans read as other things."""
    local_now = received.astimezone(BEIJING)
    skip = skip or []
    for m in TIME_RE.finditer(text):
        if m.end() == m.start() or m.group(0).isspace():
            continue
        start, end = m.span()
        while end > start and text[end - 1].isspace():
            end -= 1
        if any(a < end and start < b for a, b in skip):
            continue
        if _cut_before(text, start) or m.group("cut"):
            continue
        got = _one(m, local_now)
        if got is None:
            continue
        if not _time_context(text, start, end, m):
            continue
        at, precision, confidence = got
        return TimeFound(at.astimezone(timezone.utc), precision, (start, end), confidence)
    for m in AGO_RE.finditer(text):
        if m.group("just"):
            return TimeFound(received, "approx", m.span(), 0.6)
        n = m.group("n")
        minutes = 30 if n == "半" else None
        if minutes is None:
            value = _num(n) if n != "几" else None
            if value is None:
                continue
            minutes = value * (60 if m.group("unit") in ("小时", "钟头") else 1)
        if m.group("more") and m.group("unit") in ("小时", "钟头"):
            minutes += 15
        return TimeFound(received - timedelta(minutes=minutes), "approx", m.span(), 0.7)
    return None


def _cut_before(text: str, start: int) -> bool:
    """Whether a 截至 stamp (or the like) governs the time starting at *start*."""
    before = text[max(0, start - 4):start]
    return bool(re.search(r"(截至|截止|截止到|截止至|至今)\s*$", before))


def _time_context(text: str, start: int, end: int, m: re.Match) -> bool:
    """Reject numbers that only look like times (3点建议, 第3点) and 1日游-like noise."""
    if m.group("hour") is not None and m.group("hmark") == "点":
        after = text[end:end + 1]
        before = text[start - 1:start] if start else ""
        if before == "第" or after in ("建", "意", "要"):
            return False
    if m.group("day") and not (m.group("month") or m.group("hour") or m.group("part") or m.group("year")):
        # 9日 alone must look like a date in context: followed by a time, or the start of a clause
        before = text[start - 1:start] if start else ""
        after = text[end:end + 1]
        if before.isdigit() or m.group(0).rstrip().endswith("号") or after not in ("", ",", "，", " ", "在", "于", "发"):
            return False
    return True
