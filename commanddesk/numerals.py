"""Counts as a duty officer types them: 3, ３, 1,200, 三, 十二, 一百零五, 两千三, 1.5万.

No Qt here: the intake form, the services and the drills all read counts the
same way. ``parse_count`` returns a non-negative int or raises ValueError with a
Chinese message; ``to_chinese`` writes an int the standard way (used by the
tests to check that every number reads back).

Approximations are refused on purpose: 三四 (three or four), 十几, 200余 are
not counts a report can carry.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
          "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
# Every character that may appear in a count while it is being typed.
ALLOWED = frozenset(DIGITS) | frozenset(UNITS) | frozenset(BIG) | frozenset("0123456789,.")

_WRITE_DIGITS = "零一二三四五六七八九"
_WRITE_UNITS = ("", "十", "百", "千")
_WRITE_BIG = ("", "万", "亿")


def normalise(text: str) -> str:
    """Full-width digits and commas to ASCII, spaces and thousands separators removed."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in ",")


def parse_count(text: str) -> int:
    """Read a whole, non-negative count; ValueError (Chinese message) if *text* is not one."""
    raw = normalise(text)
    if not raw:
        raise ValueError("未填写数字")
    if raw.isascii() and raw.isdigit():
        return int(raw)
    if any(ch not in ALLOWED for ch in raw):
        raise ValueError(f"“{text.strip()}”不是数字，请填写如 3 或 三")
    value = _big(raw, text)
    return value


def is_partial(text: str) -> bool:
    """Whether *text* could still become a count by typing more (e.g. 一百零, 1.)."""
    raw = normalise(text)
    return all(ch in ALLOWED for ch in raw)


def _fail(text: str) -> ValueError:
    return ValueError(f"无法识别数字“{text.strip()}”，请写成如 23、二十三 或 一百零五")


def _big(raw: str, text: str) -> int:
    """Split at the rightmost 亿, then 万: coefficient × unit + the rest."""
    for marks, size in (("亿億", 10**8), ("万萬", 10**4)):
        at = max(raw.rfind(m) for m in marks)
        if at < 0:
            continue
        left, right = raw[:at], raw[at + 1:]
        if not left:
            raise _fail(text)
        coefficient = _coefficient(left, text)
        rest = _rest(right, size, text)
        if rest >= size:
            raise _fail(text)
        value = coefficient * size + rest
        if value != int(value):
            raise ValueError(f"“{text.strip()}”不是整数")
        return int(value)
    return _section(raw, text)


def _coefficient(left: str, text: str) -> Decimal:
    """What multiplies 万 or 亿: Chinese (may hold a smaller big unit) or Arabic, decimals allowed."""
    if left.isascii():
        try:
            number = Decimal(left)
        except InvalidOperation:
            raise _fail(text) from None
        if not number.is_finite() or number < 0 or "e" in left.lower():
            raise _fail(text)
        return number
    return Decimal(_big(left, text))


def _rest(right: str, size: int, text: str) -> int:
    """What follows 万 or 亿: 零五 → 5; a lone digit is the next unit down (三万五 = 35000)."""
    if not right:
        return 0
    if right[0] in "零〇":
        tail = right[1:]
        if not tail or tail[0] in "零〇":
            raise _fail(text)
        return _big(tail, text)
    if len(right) == 1 and right in DIGITS:
        return DIGITS[right] * size // 10
    if right.isascii():
        raise _fail(text)  # 3万5: write 3.5万 or 35000
    return _big(right, text)


def _section(raw: str, text: str) -> int:
    """A number below 10,000 in Chinese, e.g. 十二, 二十三, 一百零五, 一百五 (= 150), 两千三."""
    if raw in ("零", "〇"):
        return 0
    if raw.isascii():
        if raw.isdigit():
            return int(raw)
        raise ValueError(f"“{text.strip()}”不是整数，人数请填写整数")
    total = 0
    pending: int | None = None  # a digit waiting for its unit
    last_unit = 10_000
    after_zero = False
    for n, ch in enumerate(raw):
        if ch in DIGITS:
            digit = DIGITS[ch]
            if pending is not None:
                raise _fail(text)  # 三四: an approximation, not a count
            if digit == 0:
                if n == 0 or after_zero or n == len(raw) - 1:
                    raise _fail(text)
                after_zero = True
                continue
            pending = digit
        elif ch in UNITS:
            unit = UNITS[ch]
            if unit >= last_unit:
                raise _fail(text)
            if pending is None:
                if unit == 10 and n == 0:
                    pending = 1  # 十二 = 一十二
                elif unit == 10 and after_zero:
                    pending = 1  # 一百零十: loosely 一百一十
                else:
                    raise _fail(text)
            total += pending * unit
            pending, last_unit, after_zero = None, unit, False
        else:
            raise _fail(text)
    if pending is not None:
        if after_zero or last_unit in (10_000, 10):
            total += pending
        else:
            total += pending * last_unit // 10  # 一百五 = 150, 两千三 = 2300
    return total


def to_chinese(n: int) -> str:
    """Write 0 ≤ n < 10**12 in standard Chinese numerals: 105 → 一百零五, 10 → 十, 100010 → 十万零一十."""
    if n < 0 or n >= 10**12:
        raise ValueError("only 0 ≤ n < 10**12")
    if n == 0:
        return "零"
    groups = []
    while n:
        n, low = divmod(n, 10_000)
        groups.append(low)
    out = ""
    gap = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = bool(out)
            continue
        if out and (gap or group < 1000):
            out += "零"
        out += _write_group(group, leading=not out) + _WRITE_BIG[index]
        gap = False
    return out


def _write_group(group: int, leading: bool) -> str:
    digits = [group // 1000, group // 100 % 10, group // 10 % 10, group % 10]
    out = ""
    zero = False
    for position, digit in enumerate(digits):
        unit = 3 - position
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if not (digit == 1 and unit == 1 and leading and not out):
            out += _WRITE_DIGITS[digit]
        out += _WRITE_UNITS[unit]
    return out
