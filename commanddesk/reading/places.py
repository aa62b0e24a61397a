"""Where it happened: the post's own places first, then the national gazetteer. No Qt.

The post's divisions, hazard sites and organisations come from its store (the
service passes them in as ``PostPlaces``); the gazetteer is data/gazetteer.csv.
A name that exists in several places (朝阳区) is settled by other names in the
text (北京, 长春) or by the post's own region; otherwise it is a choice for the
officer, never a guess.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Iterable, NamedTuple

from ..paths import PACKAGE_DATA

LEVELS = {"province": 0, "city": 1, "county": 2, "zone": 2, "town": 3, "village": 4}
_COMPANY_TAIL = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团公司|公司)$")
_PLACE_STOP = re.compile(r"[,，。;；:：!！?？\s()（）、\d]|发生|突发|出现|附近|一处|一家|一名|一辆|一座|一栋|一户|有人|因|的|时|于|在|造成|起火|着火|爆炸")


class Entry(NamedTuple):
    """A division, hazard site or organisation that a name in the text may mean.

    A named tuple rather than a dataclass: the gazetteer makes ~46,000 of them at load.
    """

    key: str  # unique: the code, or parent:name for a gazetteer town without one
    name: str
    level: str  # province/city/county/zone/town/village, or site/org
    parent: str | None  # key of the enclosing division
    source: str  # post / gazetteer
    code: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class PostPlaces:
    """The post's own places, read from its store by the service."""

    divisions: list[tuple[str, str, str, str | None, float | None, float | None]] = field(default_factory=list)
    sites: list[tuple[str, str | None, float | None, float | None]] = field(default_factory=list)
    organisations: list[tuple[str, str | None, str]] = field(default_factory=list)  # name, division code, kind


@dataclass(frozen=True)
class PlaceFound:
    """A place named in a message: where in the text, and its candidates."""
    text: str
    span: tuple[int, int]
    province: str | None
    city: str | None
    county: str | None
    township: str | None
    county_code: str | None
    division_code: str | None
    name: str  # the matched place (site, organisation or division)
    kind: str  # site / org / division
    source: str
    lat: float | None
    lon: float | None
    confidence: float

    def label(self) -> str:
        """The place as shown: its name with the parents that tell it apart."""
        chain = [x for x in (self.province, self.city, self.county, self.township) if x]
        if self.kind != "division" or not chain or chain[-1] != self.name:
            chain.append(self.name)
        return "".join(dict.fromkeys(chain))


class Index:
    """Names → entries, found in a text longest first (a dict looked up by length, not a regex)."""

    def __init__(self, entries: Iterable[Entry], aliases: dict[str, list[str]]) -> None:
        self.entries = {e.key: e for e in entries}
        self.by_name: dict[str, list[Entry]] = {}
        by_name = self.by_name
        for e in self.entries.values():  # one entry a key, so a bucket never holds a place twice
            more = aliases.get(e.key)
            for n in dict.fromkeys([e.name, *more]) if more else (e.name,):
                bucket = by_name.get(n)
                if bucket is None:
                    by_name[n] = [e]
                else:
                    bucket.append(e)
        # a national gazetteer has ~50,000 names: a dict looked up by length beats one huge regex
        starts: dict[str, set[int]] = {}
        for n in by_name:
            if n:
                starts.setdefault(n[0], set()).add(len(n))
        self._starts = {c: sorted(ks, reverse=True) for c, ks in starts.items()}  # first character → name lengths

    def finditer(self, text: str):
        """(start, end, name) of the names in the text, left to right, the longest at each place, not overlapping."""
        i, n = 0, len(text)
        by_name, starts = self.by_name, self._starts
        while i < n:
            lengths = starts.get(text[i])
            if lengths:
                for k in lengths:
                    if i + k <= n and text[i:i + k] in by_name:
                        yield i, i + k, text[i:i + k]
                        i += k
                        break
                else:
                    i += 1
            else:
                i += 1

    def ancestors(self, e: Entry) -> list[Entry]:
        """Codes of the divisions the place lies in, nearest first."""
        out, seen = [], set()
        while e.parent and e.parent in self.entries and e.parent not in seen:
            seen.add(e.parent)
            e = self.entries[e.parent]
            out.append(e)
        return out


def _aliases(e: Entry) -> list[str]:
    out = []
    if e.level in ("site", "org"):
        short = _COMPANY_TAIL.sub("", e.name)
        for prefix in ("江苏省", "江苏", "连云港市", "连云港"):
            if short.startswith(prefix):
                short = short[len(prefix):]
        if short != e.name and len(short) >= 4:
            out.append(short)
            tail = _COMPANY_TAIL.search(e.name)
            if tail:
                out.append(short + tail.group(1))
    elif e.level == "province":
        short = re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", e.name)
        if short != e.name:
            out.append(short)
    elif e.level == "county" and e.name[-1] in "县区市" and len(e.name) >= 3:
        stem = e.name[:-1]
        out += [stem + "段", stem + "境内", stem + "县城", stem + "辖区"]  # G15沈海高速灌云段
    elif e.level == "city" and len(e.name) >= 3:
        out.append(e.name[:-1])
    elif e.level == "zone":
        m = re.match(r"(.+?)(经济技术开发区|高新技术产业开发区)$", e.name)
        if m:
            out += [m.group(1) + ("开发区" if m.group(2).startswith("经济") else "高新区"),
                    m.group(1) + ("经开区" if m.group(2).startswith("经济") else "高新技术开发区")]
    return out


@contextmanager
def _collector_paused():
    """Hold the garbage collector while ~100,000 small objects are made (it would run a hundred times for nothing)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@cache
def gazetteer_entries() -> tuple[Entry, ...]:
    with _collector_paused():
        return _read_gazetteer()


def _read_gazetteer() -> tuple[Entry, ...]:
    """The national gazetteer's rows (read once; ~46,000 of them, so split by hand, not by the csv module)."""
    lines = (PACKAGE_DATA / "gazetteer.csv").read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if line and not line.startswith("#")]
    assert body[0] == "code,name,level,parent", body[0]
    out = []
    make = tuple.__new__  # Entry(...) without the Python-level __new__ of a named tuple
    for line in body[1:]:
        code, name, level, parent = line.split(",")  # names have no commas
        out.append(make(Entry, (code or f"{parent}:{name}", name, level, parent or None, "gazetteer",
                                code or None, None, None)))
    return tuple(out)


@cache
def gazetteer_index() -> Index:
    """Names of the gazetteer → its entries (read once)."""
    entries = gazetteer_entries()
    with _collector_paused():
        return Index(entries, {e.key: _aliases(e) for e in entries if e.level != "town"})


def post_index(post: PostPlaces) -> Index:
    """Names of the post's own places → their entries."""
    entries = []
    for code, name, level, parent, lat, lon in post.divisions:
        entries.append(Entry(code, name, level, parent, "post", code, lat, lon))
    for name, code, lat, lon in post.sites:
        entries.append(Entry(f"site:{name}", name, "site", code, "post", None, lat, lon))
    for name, code, kind in post.organisations:
        entries.append(Entry(f"org:{name}", name, "org", code, "post", None))
    aliases = {e.key: _aliases(e) for e in entries}
    zones = [e for e in entries if e.level == "zone" and e.name.endswith("经济技术开发区")]
    if len(zones) == 1:  # the post's one development zone is what its people call 开发区
        aliases[zones[0].key].append("开发区")
    highs = [e for e in entries if e.level == "zone" and e.name.endswith("高新技术产业开发区")]
    if len(highs) == 1:
        aliases[highs[0].key].append("高新区")
    return Index(entries, aliases)


@dataclass
class _Hit:
    start: int
    end: int
    name: str
    options: list[tuple[Entry, Index]]


def find_place(text: str, post: Index | None, skip: list[tuple[int, int]] | None = None
               ) -> tuple[PlaceFound | None, list[PlaceFound]]:
    """The place the message names, or (None, choices) when a name could mean several places."""
    skip = skip or []
    gaz = gazetteer_index()
    hits: list[_Hit] = []
    taken: list[tuple[int, int]] = list(skip)
    for index in ([post] if post is not None and post.by_name else []) + [gaz]:
        for a, b, name in index.finditer(text):
            if any(x < b and a < y for x, y in taken):
                continue
            options = [(e, index) for e in index.by_name[name]]
            if len(options) > 1 and all(e.level in ("site", "org") for e, _ in options):
                options = sorted(options, key=lambda o: o[0].level != "site")[:1]  # a site that is also a unit
            if index is gaz and post is not None:
                options = [(e, i) for e, i in options if not _known_to_post(e, post)] or options
            hits.append(_Hit(a, b, name, options))
            taken.append((a, b))
    if not hits:
        return None, []
    hits.sort(key=lambda h: h.start)
    names_in_text = {e.key for h in hits for e, _ in h.options}
    resolved: list[tuple[_Hit, list[tuple[Entry, Index]]]] = []
    for h in hits:
        options = h.options
        if len(options) > 1:
            # another name in the text encloses one of them (北京市朝阳区)
            inside = [(e, i) for e, i in options if any(a.key in names_in_text for a in i.ancestors(e))]
            if inside:
                options = inside
        if len(options) > 1:
            own = [(e, i) for e, i in options if i is post]
            if own:
                options = own
        if len(options) > 1 and post is not None:
            region = _post_cities(post)
            near = [(e, i) for e, i in options if any(a.name in region for a in i.ancestors(e))]
            if near:
                options = near
        resolved.append((h, options))
    # the most specific place: a site or organisation, else the deepest division, first chain wins
    def rank(item):
        h, options = item
        e = options[0][0]
        depth = 5 if e.level in ("site", "org") else LEVELS.get(e.level, 0)
        return (-depth, h.start)

    # names that only give context (a province before a county) do not compete with what they enclose
    best_hit, best_options = min(resolved, key=rank)
    start, end = _extent(text, best_hit, hits)
    if len(best_options) > 1:
        choices = [_found(text, (best_hit.start, best_hit.end), e, i, 0.4) for e, i in best_options]
        return None, choices
    e, index = best_options[0]
    conf = 0.9 if e.source == "post" else 0.75
    return _found(text, (start, end), e, index, conf), []


def _known_to_post(e: Entry, post: Index) -> bool:
    return any(p.level == e.level for p in post.by_name.get(e.name, []))


def _post_cities(post: Index) -> set[str]:
    return {e.name for e in post.entries.values() if e.level == "city"}


def _extent(text: str, hit: _Hit, hits: list[_Hit]) -> tuple[int, int]:
    """From the first name of the chain the place ends (连云区墟沟街道) to its end, with the street after it."""
    start = hit.start
    for h in sorted(hits, key=lambda h: -h.start):
        if h.end == start and h.start < start:
            start = h.start
    end = hit.end
    if hit.options[0][0].level not in ("site", "org"):
        m = _PLACE_STOP.search(text, end, min(len(text), end + 14))
        stop = m.start() if m else min(len(text), end + 14)
        tail = text[end:stop]
        if 2 <= len(tail) <= 12 and re.search(r"(路|街|道|巷|村|组|小区|社区|园区|工业区|公司|厂|大桥|隧道|码头|港区|服务区|高速|国道|省道|河|山|湖|水库|广场|市场|学校|医院)$", tail):
            end = stop
    return start, end


def _found(text: str, span: tuple[int, int], e: Entry, index: Index, confidence: float) -> PlaceFound:
    chain = [e, *index.ancestors(e)]
    by_level: dict[str, Entry] = {}
    for x in chain:
        level = "county" if x.level == "zone" else x.level
        by_level.setdefault(level, x)
    county = by_level.get("county")
    town = by_level.get("town")
    lat = next((x.lat for x in chain if x.lat is not None), None)
    lon = next((x.lon for x in chain if x.lon is not None), None)
    county_code = county.code if county is not None and county.code and len(county.code) == 6 else None
    division = next((x.code for x in chain if x.level not in ("site", "org") and x.code), None)
    if county is None and by_level.get("province") and by_level["province"].name in ("北京市", "天津市", "上海市", "重庆市"):
        pass
    return PlaceFound(
        text=text[span[0]:span[1]], span=span,
        province=by_level["province"].name if "province" in by_level else None,
        city=by_level["city"].name if "city" in by_level else None,
        county=county.name if county else None,
        township=town.name if town else None,
        county_code=county_code, division_code=division, name=e.name,
        kind="site" if e.level == "site" else "org" if e.level == "org" else "division",
        source=e.source, lat=lat, lon=lon, confidence=confidence)
