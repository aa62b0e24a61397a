"""Read a duty message into suggestions for the intake form. No Qt.

    reading = read_message("今晚8点许，灌南县堆沟港镇一化工厂发生爆炸，造成2人死亡", received)
    reading.fields["deaths"].value, reading.fields["deaths"].span  -> 2, (20, 25)

Every suggestion carries the span [start, end) of the text it came from and a
confidence. The receipt time is only an input (the moment the call was opened):
nothing in the message changes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from ..catalogues import catalogue, label
from ..clock import BEIJING
from ..vocabulary import vocabulary
from . import counts as counts_mod
from .counts import COUNT_KEYS
from .numbers import money_yuan, to_halfwidth
from .places import Index, PlaceFound, PostPlaces, find_place, gazetteer_index, post_index
from .times import find_time

MAX_CHARS = 4000  # a message longer than this is read from its first 4,000 characters
PLACE_ORG_KINDS = ("enterprise", "social")  # organisations that are places (a hospital named is where the hurt went)
_NEGATED_TYPE = re.compile(r"(未发生|未引发|未造成|无|没有|防止|预防|谨防|防范|严防|避免|排除)$")
_NEGATED_CLAUSE = re.compile(r"暂无|无人员|没有|未发生|未造成|未引发|未见|未发现")
# Words that name a cause or a side of what happened: a consequence named beside them wins
# (燃气泄漏引发爆燃 is an explosion, 储罐泄漏并起火 a fire).
WEAK_TYPE_WORDS = frozenset({"泄漏", "泄露", "电梯", "落水", "中毒", "聚集", "积水", "污染", "停电", "断电", "溺水"})
_UNIT_END = (r"(?:消防救援大队|消防救援站|消防救援支队|大队|支队|中队|消防站|派出所|分局|管理局|局|办事处|街道办|"
             r"管委会|委员会|指挥中心|调度中心|中心|有限公司|公司|医院|村委会|居委会|社区|办公室|值班室|"
             r"指挥部|镇政府|乡政府|人民政府|政府|街道|镇|乡|村|站|所|厂|矿|队|办)")
_CALLER_RE = re.compile(
    r"^\s*(?:[【\[](?P<br>[^】\]]{2,30})[】\]]|(?P<u>(?:(?![接据])[\u4e00-\u9fff0-9]){1,28}" + _UNIT_END + r")"
    r"(?P<by>[\u4e00-\u9fff]{0,10}?)(?:电话报告|报告|报称|来电|反映|通报|转警|转来|报|称|：|:))")
_PUBLIC = re.compile(r"群众|市民|村民|居民|游客|路人|网友|家属")  # 三口镇群众来电: a person, not a unit
_REPORTED_BY = re.compile(r"(?:据|接到?|经)(?P<u>[\u4e00-\u9fff0-9]{2,20}" + _UNIT_END + r")(?:[\u4e00-\u9fff]{0,6}?)(?:报告|报称|通报|转警|来电|反映)")
_LOSS_RE = re.compile(r"损失[^,，。;；\n]{0,10}?(?P<n>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(?P<u>亿元|万元|亿|万|元)")


@dataclass(frozen=True)
class Suggestion:
    """One suggested field: its value, the span of the text it came from, how sure the reader is."""

    key: str
    value: object
    span: tuple[int, int]
    confidence: float
    approx: bool = False

    def words(self, text: str) -> str:
        """The words of the message the suggestion came from."""
        return text[self.span[0]:self.span[1]]


@dataclass
class Reading:
    """What the reader made of one message."""

    text: str
    received: datetime
    occurred: datetime | None = None
    occurred_precision: str = "unknown"
    place: PlaceFound | None = None
    place_choices: list[PlaceFound] = field(default_factory=list)
    category: str | None = None
    type: str | None = None
    counts: dict[str, int | None] = field(default_factory=dict)
    direct_loss_yuan: int | None = None
    caller_unit: str | None = None
    fields: dict[str, Suggestion] = field(default_factory=dict)

    @property
    def injuries_total(self) -> int | None:
        """All the injured read from the message, of any severity."""
        parts = [self.counts.get(k) for k in ("serious_injuries", "injuries", "injured_unknown")]
        if all(p is None for p in parts):
            return None
        return sum(p or 0 for p in parts)

    def to_json(self) -> dict:
        """The result as the command line prints it (see ``commanddesk intake parse``)."""
        p = self.place
        place = None
        if p is not None:
            place = {"text": p.text, "name": p.name, "province": p.province, "city": p.city, "county": p.county,
                     "township": p.township, "county_code": p.county_code, "division_code": p.division_code}
        elif self.place_choices:
            first = self.place_choices[0]
            place = {"text": first.text, "name": first.name, "province": None, "city": None, "county": None,
                     "township": None, "county_code": None, "division_code": None,
                     "choices": [{"label": c.label(), "province": c.province, "city": c.city, "county": c.county,
                                  "county_code": c.county_code} for c in self.place_choices]}
        counts = {k: self.counts.get(k) for k in ("deaths", "missing", "serious_injuries")}
        counts["injuries"] = self.injuries_total
        counts["minor_injuries"] = self.counts.get("injuries")
        counts["injured_unknown"] = self.counts.get("injured_unknown")
        counts["trapped"] = self.counts.get("trapped")
        counts["relocated"] = self.counts.get("relocated")
        fields = {}
        for key, s in self.fields.items():
            value = s.value
            if isinstance(value, datetime):
                value = value.astimezone(BEIJING).isoformat()
            elif isinstance(value, PlaceFound):
                value = value.label()
            fields[key] = {"value": value, "span": list(s.span), "text": s.words(self.text),
                           "confidence": round(s.confidence, 2), **({"approx": True} if s.approx else {})}
        return {
            "occurred": self.occurred.astimezone(BEIJING).isoformat() if self.occurred else None,
            "occurred_precision": self.occurred_precision if self.occurred else "unknown",
            "place": place, "category": self.category, "type": self.type,
            "type_label": label("incident_type", self.type) if self.type else None,
            "counts": counts, "direct_loss_yuan": self.direct_loss_yuan, "caller_unit": self.caller_unit,
            "fields": fields,
        }


class Reader:
    """The reader with the post's own places loaded (build once, read many messages)."""

    def __init__(self, post: PostPlaces | None = None) -> None:
        gazetteer_index()  # load the data now, not on the first message
        vocabulary()
        counts_mod.rules()
        _type_pattern()
        self.post = post
        self.post_index: Index | None = None
        self.org_names: list[str] = []
        if post is not None:
            place_orgs = [o for o in post.organisations if o[2] in PLACE_ORG_KINDS]
            self.post_index = post_index(PostPlaces(post.divisions, post.sites, place_orgs))
            self.org_names = sorted((o[0] for o in post.organisations), key=len, reverse=True)

    def read(self, text: str, received: datetime) -> Reading:
        """Suggestions for a message received at *received* (aware); never raises on any text."""
        if received.tzinfo is None:
            received = received.replace(tzinfo=BEIJING)
        text = text if isinstance(text, str) else str(text)
        reading = Reading(text=text, received=received.astimezone(timezone.utc))
        h = to_halfwidth(text[:MAX_CHARS])
        if not h.strip():
            return reading
        fields = reading.fields
        caller = self._caller(h)
        skip = []
        if caller is not None:
            reading.caller_unit = caller.value
            fields["caller_unit"] = caller
            is_place = self.post_index is not None and caller.value in self.post_index.by_name
            if not is_place and not re.search(r"(镇|乡|村|街道|社区|区|县|市)$", caller.value):
                skip.append(caller.span)  # an agency calling is not where it happened; a village calling is
        found = counts_mod.find_counts(h)
        for key in COUNT_KEYS:
            c = found.get(key)
            reading.counts[key] = c.value if c else None
            if c:
                fields[key] = Suggestion(key, c.value, c.span, c.confidence, c.approx)
        loss = _loss(h)
        if loss is not None:
            reading.direct_loss_yuan = loss.value
            fields["direct_loss_yuan"] = loss
        when = find_time(h, reading.received, skip=[loss.span] if loss else [])
        if when is not None:
            reading.occurred = when.at
            reading.occurred_precision = when.precision
            fields["occurred"] = Suggestion("occurred", when.at, when.span, when.confidence,
                                            when.precision == "approx")
        place, choices = find_place(h, self.post_index, skip=skip)
        if place is None and not choices and skip:
            place, choices = find_place(h, self.post_index)  # only the caller names a place: a town government calling
            if place is not None:
                place = replace(place, confidence=0.5)
        reading.place_choices = choices
        if place is not None:
            reading.place = place
            fields["place"] = Suggestion("place", place, place.span, place.confidence)
        elif choices:
            fields["place"] = Suggestion("place", None, choices[0].span, 0.3)
        kind = _type(h, counts_mod.past_spans(h) + skip)
        if kind is not None:
            code, span, conf = kind
            if "." in code:
                reading.type = code
                reading.category = code.split(".")[0]
                fields["type"] = Suggestion("type", code, span, conf)
            else:
                reading.category = code
            fields["category"] = Suggestion("category", reading.category, span, conf)
        return reading

    def _caller(self, h: str) -> Suggestion | None:
        head = h[:60]
        for name in self.org_names:  # the post's own organisations, named at the start
            at = head.find(name)
            if 0 <= at <= 12 and re.match(r"\s*(?:[\u4e00-\u9fff]{0,10}?)(?:电话报告|报告|报称|来电|反映|通报|转警|转来|报|称|：|:|】)",
                                           h[at + len(name):]):
                end = at + len(name)
                room = re.match(r"(?:总值班室|值班室|应急指挥中心|指挥中心|调度中心)", h[end:])
                end += room.end() if room else 0  # 灌云县应急管理局值班室: the room that called
                return Suggestion("caller_unit", h[at:end], (at, end), 0.9)
        for m in (_CALLER_RE.match(head), _CALLER_RE.match(head, _after_title(head)), _REPORTED_BY.search(head)):
            if not m:
                continue
            group = "br" if m.groupdict().get("br") else "u"
            start, end = m.span(group)
            while start < end and head[start] in "据接经由":
                start += 1  # 据110指挥中心转警: the unit is 110指挥中心
            value = head[start:end].strip()
            if group == "br" and not re.search(_UNIT_END + "$", value):
                continue  # 【突发事件信息】 is a heading, not a unit
            if _PUBLIC.search(m.groupdict().get("by") or ""):
                continue
            if len(value) >= 2 and not re.fullmatch(r"[0-9]+", value):
                return Suggestion("caller_unit", value, (start, end), 0.7)
        return None


_READER: Reader | None = None


def read_message(text: str, received: datetime, post: PostPlaces | None = None) -> Reading:
    """Read one message (with a shared reader when no post places are given)."""
    global _READER
    if post is not None:
        return Reader(post).read(text, received)
    if _READER is None:
        _READER = Reader()
    return _READER.read(text, received)


def _after_title(head: str) -> int:
    """Where the text starts after a bracketed heading such as 【突发事件信息】."""
    m = re.match(r"\s*[【\[][^】\]]{1,30}[】\]]\s*", head)
    return m.end() if m else 0


def _loss(h: str) -> Suggestion | None:
    m = _LOSS_RE.search(h)
    if not m:
        return None
    yuan = money_yuan(m.group("n"), m.group("u"))
    if yuan is None:
        return None
    approx = bool(re.search(r"约|初步|估|近|余|多", h[m.start():m.end() + 1]))
    return Suggestion("direct_loss_yuan", yuan, (m.start("n"), m.end("u")), 0.85, approx)


_TYPE_CACHE: list = []


def _type_pattern() -> tuple[re.Pattern, dict[str, str]]:
    if not _TYPE_CACHE:
        voc = vocabulary()
        words = {w: code for w, code in voc.type_words.items() if len(w) >= 2}
        for w, code in voc.category_words.items():
            if len(w) >= 2 and w not in words and w not in ("灾害", "自然", "事故"):
                words[w] = code
        _TYPE_CACHE.append((re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))), words))
    return _TYPE_CACHE[0]


def _type(h: str, skip: list[tuple[int, int]]) -> tuple[str, tuple[int, int], float] | None:
    """The incident type the message names: the longest word, then the earliest."""
    pattern, words = _type_pattern()
    best = None
    for m in pattern.finditer(h):
        a, b = m.span()
        if any(x <= a < y for x, y in skip):
            continue
        if _NEGATED_TYPE.search(h[max(0, a - 3):a]):
            continue
        clause = max(h.rfind(c, 0, a) for c in ",，。;；")
        if _NEGATED_CLAUSE.search(h, clause + 1, a):
            continue  # 暂无人员伤亡和房屋倒塌报告
        code = words[m.group(0)]
        score = (("." in code), m.group(0) not in WEAK_TYPE_WORDS, len(m.group(0)) >= 4, -a)
        if best is None or score > best[0]:
            best = (score, code, (a, b))
    if best is None:
        return None
    _, code, span = best
    conf = 0.85 if "." in code else 0.6
    if code not in catalogue("incident_type") and code not in catalogue("incident_category"):
        return None
    return code, span, conf
