"""Numbers as messages write them: 3, ３, 三, 十二, 1.2万, 十余, 二十多, 五六, 近百. No Qt.

``NUMBER`` finds a number in running text; ``read_number`` turns the match into
(value, approximate). Approximate values are lower bounds: 十余人 is at least 10,
五六个 is at least 5. Exact whole numbers go through the project's own
``numerals.parse_count`` so the form and the reader agree on what 一百零五 means.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .. import numerals

CN_DIGITS = "零〇一二两三四五六七八九"
CN_ALL = CN_DIGITS + "十百千万亿"
# 1,200 / 1.5万 / 一百零五 / 十余 / 二十多 / 五六 / 百余 / 近百 / 上百 / 数十 / 十几
NUMBER = re.compile(
    r"(?P<pre>约|大约|近|将近|数|逾|超过|超)?"
    r"(?P<num>上[百千万]|\d+(?:,\d{3})*(?:\.\d+)?(?:万|亿)?|[" + CN_ALL + r"]+)"
    r"(?P<post>余|多|来|几)?"
)
# the same without group names, to embed in larger patterns
NUMBER_SRC = re.sub(r"\(\?P<\w+>", "(?:", NUMBER.pattern)
_FUZZY_PAIR = re.compile(r"^([一二两三四五六七八九])([一二两三四五六七八九])$")  # 五六 (five or six)
_FUZZY_PAIR_UNIT = re.compile(r"^([一二两三四五六七八九])([一二两三四五六七八九])([十百千万])$")  # 三四十


def to_halfwidth(text: str) -> str:
    """Full-width digits, letters and punctuation to their ASCII forms, one character for one.

    The reader keeps spans in the officer's text, so nothing may change length here.
    """
    out = []
    for ch in text:
        n = unicodedata.normalize("NFKC", ch)
        out.append(n if len(n) == 1 and ord(ch) >= 0xFF01 and ord(ch) <= 0xFF5E else ch)
    return "".join(out)


def read_core(core: str) -> tuple[int, bool] | None:
    """The value of the digits themselves: (value, approximate) or None."""
    core = core.replace(",", "")
    m = _FUZZY_PAIR.match(core)
    if m:
        return numerals.DIGITS[m.group(1)], True
    m = _FUZZY_PAIR_UNIT.match(core)
    if m:
        return numerals.DIGITS[m.group(1)] * numerals.UNITS.get(m.group(3), numerals.BIG.get(m.group(3), 1)), True
    if core[-1:] in "万亿" and core[:-1].replace(".", "", 1).isdigit():
        try:
            value = Decimal(core[:-1]) * (10**4 if core[-1] == "万" else 10**8)
        except InvalidOperation:
            return None
        return int(value), value != int(value)
    if re.fullmatch(r"\d+\.\d+", core):
        return None  # 1.5 人 is no count
    if core in ("百", "千", "万"):
        return {"百": 100, "千": 1000, "万": 10_000}[core], True
    try:
        return numerals.parse_count(core), False
    except ValueError:
        return None


def read_number(m: re.Match) -> tuple[int, bool] | None:
    """(value, approximate) of a NUMBER match, or None when it is no number (一 of 统一 is)."""
    core = m.group("num")
    pre, post = m.group("pre") or "", m.group("post") or ""
    if pre == "数":
        if core in ("十", "百", "千", "万"):
            return {"十": 10, "百": 100, "千": 1000, "万": 10_000}[core], True
        return None
    value = read_core(core[1:] if core.startswith("上") else core)
    if value is None:
        return None
    number, approx = value
    approx = approx or bool(pre) or bool(post)
    return number, approx


def money_yuan(text: str, unit: str) -> int | None:
    """An amount in yuan from digits and its unit (元, 万, 万元, 亿, 亿元)."""
    raw = to_halfwidth(text).replace(",", "")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        try:
            amount = Decimal(numerals.parse_count(raw))
        except ValueError:
            return None
    factor = 10**8 if unit.startswith("亿") else 10**4 if unit.startswith("万") else 1
    return int(amount * factor)
