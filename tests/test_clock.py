"""The injectable clock and Beijing-time display."""

from datetime import datetime, timezone

from commanddesk.clock import BEIJING, FixedClock, ensure_utc, format_beijing


def test_fixed_clock_moves_only_when_told():
    """A FixedClock stands still until advanced."""
    c = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=BEIJING))
    assert c.now() == c.now()
    c.advance(minutes=20)
    assert format_beijing(c.now()) == "2026-11-23 10:20:00"


def test_naive_times_are_read_as_beijing():
    """A naive datetime is taken as Beijing wall-clock time and stored as UTC."""
    utc = ensure_utc(datetime(2026, 1, 1, 8, 0))
    assert utc == datetime(2026, 1, 1, 0, 0, tzinfo=timezone.utc)


def test_beijing_display_crosses_midnight():
    """16:30 UTC is 00:30 the next day in Beijing."""
    assert format_beijing(datetime(2026, 11, 23, 16, 30, tzinfo=timezone.utc)) == "2026-11-24 00:30:00"


def test_parse_typed_times():
    """Typed times are Beijing wall-clock; a bare HH:MM later than now means yesterday."""
    import pytest

    from commanddesk.clock import parse_beijing

    now = datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING)
    assert format_beijing(parse_beijing("2026-11-23 21:41", now)) == "2026-11-23 21:41:00"
    assert format_beijing(parse_beijing("21：41", now)) == "2026-11-23 21:41:00"
    assert format_beijing(parse_beijing("23:30", now)) == "2026-11-22 23:30:00"
    assert format_beijing(parse_beijing("11-20 08:05", now)) == "2026-11-20 08:05:00"
    with pytest.raises(ValueError, match="无法识别"):
        parse_beijing("昨晚", now)
