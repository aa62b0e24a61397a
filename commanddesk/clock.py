"""Injectable clocks: all of commanddesk asks one of these for the time.

Times are aware UTC datetimes inside the program and in the store; they are
converted to Beijing time (UTC+8, no daylight saving) only for display.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Protocol

BEIJING = timezone(timedelta(hours=8), "北京时间")


class Clock(Protocol):
    """Anything that can tell the current time as an aware UTC datetime."""

    def now(self) -> datetime:
        """The current time, an aware UTC datetime."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        """The current time, an aware UTC datetime."""
        return datetime.now(timezone.utc)


class FixedClock:
    """A clock that only moves when told to; for tests and replays."""

    def __init__(self, start: datetime) -> None:
        self._now = ensure_utc(start)

    def now(self) -> datetime:
        """The current time, an aware UTC datetime."""
        return self._now

    def set(self, when: datetime) -> None:
        """Jump to an absolute time."""
        self._now = ensure_utc(when)

    def advance(self, **delta: float) -> datetime:
        """Move forward by a timedelta given as keyword arguments."""
        self._now += timedelta(**delta)
        return self._now


def ensure_utc(value: datetime) -> datetime:
    """Return *value* as aware UTC; a naive value is taken to be Beijing time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=BEIJING)
    return value.astimezone(timezone.utc)


def to_beijing(value: datetime) -> datetime:
    """Convert an aware datetime to Beijing time for display."""
    return ensure_utc(value).astimezone(BEIJING)


def format_beijing(value: datetime | None, seconds: bool = True) -> str:
    """Format a time as Beijing wall-clock text, e.g. 2026-11-23 22:41:05."""
    if value is None:
        return ""
    return to_beijing(value).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def parse_beijing(text: str, now: datetime) -> datetime:
    """Read a Beijing wall-clock time typed by a person; return aware UTC.

    Accepts "2026-11-23 22:41[:05]", "11-23 22:41" (this year) and "22:41"
    (today, or yesterday if that would lie in the future). Raises ValueError
    with a Chinese message otherwise.
    """
    raw = text.strip().replace("：", ":").replace("/", "-").replace("T", " ")
    local_now = to_beijing(now)
    formats = (("%Y-%m-%d %H:%M:%S", "full"), ("%Y-%m-%d %H:%M", "full"), ("%m-%d %H:%M", "year"),
               ("%H:%M:%S", "day"), ("%H:%M", "day"))
    for fmt, missing in formats:
        try:
            parsed = datetime.strptime(raw, fmt)
        except ValueError:
            continue
        if missing == "year":
            parsed = parsed.replace(year=local_now.year)
        elif missing == "day":
            parsed = parsed.replace(year=local_now.year, month=local_now.month, day=local_now.day)
            if parsed.replace(tzinfo=BEIJING) > local_now + timedelta(minutes=1):
                parsed -= timedelta(days=1)
        return parsed.replace(tzinfo=BEIJING).astimezone(timezone.utc)
    raise ValueError(f"无法识别的时间“{text}”，请按 2026-11-23 22:41 或 22:41 的格式填写。")
