"""People counts in a message: dead, missing, hurt, trapped, relocated. No Qt.

The phrases are data (data/reading.toml). A number of people before the word
(3人死亡, 3名工人被困) or after it (死亡3人, 死了3个人, 疏散群众200余人) is a
count; 3死5伤 is read too; 无人员伤亡 sets zeros; sentences about the place's
history (2019年曾发生…造成3人死亡) are left out.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from ..paths import PACKAGE_DATA
from .numbers import NUMBER, NUMBER_SRC, read_number

COUNT_KEYS = ("deaths", "missing", "serious_injuries", "injuries", "injured_unknown", "trapped", "relocated")
_GAP = r"[^,，。;；、:：!！?？\n()（）\s]{0,8}?"
_STOP = re.compile(r"[。;；!！?？\n]")


@dataclass(frozen=True)
class CountFound:
    """A figure read from a message: which count, the value, where, how sure."""
    key: str
    value: int
    approx: bool
    span: tuple[int, int]  # from the number to the word (or the zero phrase)
    confidence: float


@dataclass(frozen=True)
class Rules:
    """The phrases that name each count (data/reading.toml)."""
    word_key: dict[str, str]
    word_re: re.Pattern
    zero: dict[str, tuple[str, ...]]
    zero_re: re.Pattern
    classifier_re: str
    past_re: re.Pattern


@cache
def rules() -> Rules:
    """The reading rules (loaded once)."""
    data = tomllib.loads((PACKAGE_DATA / "reading.toml").read_text(encoding="utf-8"))
    word_key = {}
    for key, entry in data["counts"].items():
        for w in entry["words"]:
            word_key[w] = key
    words = sorted(word_key, key=len, reverse=True)
    zero = {phrase: tuple(keys) for phrase, keys in data["zero"].items()}
    classifiers = sorted(data["people"]["classifiers"], key=len, reverse=True)
    return Rules(
        word_key=word_key,
        word_re=re.compile("|".join(map(re.escape, words))),
        zero=zero,
        zero_re=re.compile("|".join(map(re.escape, sorted(zero, key=len, reverse=True)))),
        classifier_re="(?:" + "|".join(map(re.escape, classifiers)) + ")(?![民家间村镇乡县区市单小月点处批部组])",
        past_re=re.compile("|".join(map(re.escape, data["people"]["past_markers"])) + r"|(?:19|20)\d{2}年[^，,。]{0,12}(?:曾|发生过)"),
    )


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of *text*."""
    out, start = [], 0
    for m in _STOP.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def past_spans(text: str) -> list[tuple[int, int]]:
    """Sentences (or clauses) that tell of earlier incidents at the place."""
    r = rules()
    out = []
    for a, b in sentences(text):
        m = r.past_re.search(text, a, b)
        if m:
            # from the clause holding the marker to the end of the sentence
            clause = max(text.rfind(c, a, m.start()) for c in ",，")
            out.append((clause + 1 if clause >= a else a, b))
    return out


def find_counts(text: str, skip: list[tuple[int, int]] | None = None) -> dict[str, CountFound]:
    """The counts *text* (half-width) states, keyed by COUNT_KEYS (plus nothing else)."""
    r = rules()
    skip = list(skip or []) + past_spans(text)

    def skipped(a: int, b: int) -> bool:
        return any(x <= a and b <= y or (x < b and a < y) for x, y in skip)

    candidates: list[tuple[int, int, CountFound, tuple[int, int], tuple[int, int]]] = []
    words = [(m.start(), m.end(), r.word_key[m.group(0)]) for m in r.word_re.finditer(text)]
    word_starts = {a for a, _, _ in words}
    cls = r.classifier_re
    # the number before the word: 3人死亡, 3名工人被困, 1人经抢救无效死亡
    for m in re.finditer(r"(?P<n>" + NUMBER_SRC + r")(?P<cls>" + cls + r")", text):
        got = read_number(NUMBER.fullmatch(m.group("n")))
        if got is None:
            continue
        nspan = m.span("n")
        for a, b, key in words:
            if a < m.end():
                continue
            gap = text[m.end():a]
            if len(gap) > 12 or re.search(r"[,，。;；、:：!！?？\n()（）\s]", gap):
                break
            if any(s in word_starts for s in range(m.end(), a)):
                break
            candidates.append((len(gap), 0, CountFound(key, got[0], got[1], (nspan[0], b), 0.9 if not gap else 0.8),
                               nspan, (a, b)))
            break
    # the word before the number: 死亡3人, 疏散周边群众200余人, 死了3个人, 死亡人数为3人
    for a, b, key in words:
        m = _after_cls(cls).match(text, b) or _after_bare().match(text, b)
        if not m:
            continue
        gap = text[b:m.start("n")]
        if any(s in word_starts for s in range(b, m.start("n"))):
            continue
        got = read_number(NUMBER.fullmatch(m.group("n")))
        if got is None:
            continue
        tail = text[m.end():m.end() + 2]
        if not m.group("cls") and tail[:1] in "户间辆栋处座头只台":
            continue
        nspan = m.span("n")
        candidates.append((len(gap) + 1, 1, CountFound(key, got[0], got[1], (a, m.end()), 0.85 if not gap else 0.75),
                           nspan, (a, b)))
    # 3死5伤, 一死两伤, 致2死1伤
    for m in re.finditer(r"(?P<d>" + NUMBER_SRC + r")死(?:(?P<i>" + NUMBER_SRC + r")伤)?", text):
        d = read_number(NUMBER.fullmatch(m.group("d")))
        if d is None:
            continue
        candidates.append((0, 0, CountFound("deaths", d[0], d[1], m.span(), 0.85), m.span("d"), m.span()))
        if m.group("i"):
            i = read_number(NUMBER.fullmatch(m.group("i")))
            if i is not None:
                hurt = (m.start("i"), m.end())
                candidates.append((0, 0, CountFound("injured_unknown", i[0], i[1], hurt, 0.85), m.span("i"), hurt))
    candidates.sort(key=lambda c: (c[0], c[1], c[3][0]))
    used_numbers: set[tuple[int, int]] = set()
    used_words: set[tuple[int, int]] = set()
    found: dict[str, CountFound] = {}
    for _, _, c, nspan, wspan in candidates:
        if skipped(*c.span) or nspan in used_numbers or (wspan in used_words and wspan != c.span):
            continue
        if _negated(text, c.span[0]):
            continue
        used_numbers.add(nspan)
        used_words.add(wspan)
        old = found.get(c.key)
        if old is None or _later_total(text, old, c):
            found[c.key] = c
    _singular(text, words, found, skipped)
    for m in r.zero_re.finditer(text):
        if skipped(*m.span()):
            continue
        for key in r.zero[m.group(0)]:
            targets = ("serious_injuries", "injuries", "injured_unknown") if key == "injuries_total" else (key,)
            if key == "injuries_total" and any(t in found for t in targets):
                continue
            for t in targets:
                if t not in found:
                    found[t] = CountFound(t, 0, False, m.span(), 0.9)
    _split_injuries(found)
    return found


@cache
def _after_cls(cls: str) -> re.Pattern:
    return re.compile(_GAP + r"(?:为|达|至|到|增至|上升至|共|计)?(?P<n>" + NUMBER_SRC + r")(?P<cls>" + cls + r")")


@cache
def _after_bare() -> re.Pattern:
    return re.compile(r"(?:人数|人员)?(?:为|达|至|到|增至|上升至|共|计)(?P<n>" + NUMBER_SRC + r")(?P<cls>)")


_WEAK = frozenset({"送医", "送医救治", "入院治疗", "不适", "身体不适"})  # words on the way, not a fate
_ONE = re.compile(r"(?:一|1)(?:名|位|个|男子|女子|老人|村民|居民|儿童|男孩|女孩|游客|工人|司机|学生|船员)")
_HURT = ("serious_injuries", "injured_unknown", "injuries")


def _singular(text, words, found, skipped) -> None:
    """一名工人被石板砸中，送医后抢救无效死亡: one person, named earlier in the sentence, died."""
    for a, b, key in words:
        if key not in ("deaths", "missing", "serious_injuries", "injured_unknown") or key in found or skipped(a, b):
            continue
        start = max([x for x, _ in sentences(text) if x <= a] or [0])
        before = text[max(start, a - 40):a]
        ones = list(_ONE.finditer(before))
        if not ones or len(re.findall(r"\d+|[两二三四五六七八九十百]+(?:名|人|个|位)", before[ones[-1].end():])):
            continue
        if any(w_a < a and w_a >= max(start, a - 40) + ones[-1].end() for w_a, w_b, w_key in words
               if w_a != a and text[w_a:w_b] not in _WEAK and not (key in _HURT and w_key in _HURT)):
            continue  # another fate comes between: 一名工人受伤…死亡 is not this
        at = max(start, a - 40) + ones[-1].start()
        found[key] = CountFound(key, 1, False, (at, b), 0.6)


def _negated(text: str, start: int) -> bool:
    return bool(re.search(r"(无|没有|未见|未发现)$", text[max(0, start - 3):start]))


def _later_total(text: str, old: CountFound, new: CountFound) -> bool:
    """A second figure for the same count: a rise (增至, 上升至) or a larger one wins."""
    between = text[old.span[1]:new.span[0]]
    if re.search(r"增至|上升至|增加到|升至|已达|累计", text[max(0, new.span[0] - 6):new.span[1]]):
        return True
    if "其中" in between:
        return False
    return new.value > old.value


def _split_injuries(found: dict[str, CountFound]) -> None:
    """5人受伤，其中2人重伤: the 5 is everyone hurt, so the unknown-severity part is 3."""
    hurt = found.get("injured_unknown")
    if hurt is None:
        return
    known = sum(found[k].value for k in ("serious_injuries", "injuries") if k in found)
    if known and hurt.value >= known and _said_within(hurt, found):
        rest = hurt.value - known
        found["injured_unknown"] = CountFound(hurt.key, rest, hurt.approx, hurt.span, hurt.confidence)
        if rest == 0 and not hurt.approx:
            del found["injured_unknown"]


def _said_within(hurt: CountFound, found: dict[str, CountFound]) -> bool:
    """Whether the severities come after the total (其中…) rather than beside it (2人重伤、3人受伤)."""
    return all(found[k].span[0] >= hurt.span[0] for k in ("serious_injuries", "injuries") if k in found)
