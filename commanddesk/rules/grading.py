"""Grading tables (one TOML file per issuing document) and the level they suggest.

Every kind of event is graded on its own scale: production-safety accidents on
decree 493, forest fires on the 森林防火条例, geohazards, environmental events,
earthquakes, power outages and public-health events on their national plans.
The national natural-disaster relief plan is different: its Ⅰ–Ⅳ are *response
levels* for a province (``level_kind = "response"``), never an event grade, and
they are kept apart from the grade everywhere.

A table holds bands ``level × dimension``; each band is an interval with its
own inclusivity (most documents read "以上含本数、以下不含本数", i.e.
``[lo, hi)``; others word bounds differently). A band may apply only under a
fact (``when``: population density for the earthquake magnitude, city size
for a power outage) and may be an initial judgement (``initial``: counted as a
predicted grade, e.g. by magnitude). A table may also list checked conditions
(``conditions``: e.g. a county town's drinking-water intake cut off). The
suggested level is the most severe level any one dimension or condition
reaches, since a level's criteria are joined by "或者". The engine only
suggests: the duty officer sets the grade and records why.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from . import RULES_DATA, FieldReader, RuleFileError

GRADING_DIR = RULES_DATA / "grading"
LEVEL_NAMES = {1: "特别重大", 2: "重大", 3: "较大", 4: "一般"}
ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ"}
# Scales: key -> Chinese name. Each has a national default table below.
KINDS = {
    "production_safety": "生产安全事故",
    "natural_disaster": "自然灾害",
    "geohazard": "地质灾害",
    "forest_fire": "森林火灾",
    "environmental": "突发环境事件",
    "earthquake": "地震",
    "power_outage": "大面积停电",
    "public_health": "突发公共卫生事件",
}
# The command-line code of each scale (``commanddesk grade --kind``).
SCALE_CODES = {kind.replace("_", "-"): kind for kind in KINDS}
LEVEL_KINDS = {"grade": "事件等级", "response": "应急响应级别"}
SCOPES = {"incident": "单起事件", "process": "一次灾害过程", "province": "一个省级行政区"}
DEFAULT_TABLES = {
    "production_safety": "production_safety_493",
    "natural_disaster": "natural_disaster_relief_2024",
    "geohazard": "geohazard_national_2006",
    "forest_fire": "forest_fire_541",
    "environmental": "environmental_2014",
    "earthquake": "earthquake_2012",
    "power_outage": "power_outage_2015",
    "public_health": "public_health_2006",
}

# Input keys and graded dimensions: key -> (Chinese label, unit). "dead_missing"
# is normally derived as deaths + missing; injuries and trapped are counted on
# the duty log but graded by no shipped table. A table may relabel a dimension
# (``labels``), e.g. "relocated" reads 疏散、转移人员 in the environmental plan.
DIMENSIONS: dict[str, tuple[str, str]] = {
    "deaths": ("死亡", "人"),
    "missing": ("失踪", "人"),
    "dead_missing": ("死亡和失踪", "人"),
    "serious_injuries": ("重伤（含急性工业中毒）", "人"),
    "injuries": ("轻伤", "人"),
    "injured_unknown": ("受伤（伤情不明）", "人"),  # logged at intake; graded by no table, never as 重伤
    "trapped": ("被困", "人"),
    "direct_loss": ("直接经济损失", "元"),
    "relocated": ("紧急转移安置或需紧急生活救助", "人"),
    "collapsed_rooms": ("倒塌和严重损坏房屋", "间"),
    "collapsed_households": ("倒塌和严重损坏房屋", "户"),
    "drought_aid": ("因旱需政府生活救助", "人"),
    "threatened": ("受威胁需搬迁转移", "人"),
    "potential_loss": ("潜在经济损失", "元"),
    "burned_area_ha": ("受害森林面积", "公顷"),
    "magnitude": ("震级", "级"),
    "load_loss_pct": ("减供负荷比例", "%"),
    "users_out_pct": ("停电用户比例", "%"),
    "food_poisoning_cases": ("一次食物中毒人数", "人"),
    "food_poisoning_deaths": ("食物中毒死亡", "人"),
    "occupational_poisoning_cases": ("一次急性职业中毒人数", "人"),
    "occupational_poisoning_deaths": ("急性职业中毒死亡", "人"),
}
# Dimensions measured in decimals (hectares, magnitude, percent); the rest are whole counts.
DECIMAL_DIMENSIONS = frozenset({"burned_area_ha", "magnitude", "load_loss_pct", "users_out_pct"})
# Facts that are not figures: key -> (Chinese label, {value: Chinese label}).
FACTS: dict[str, tuple[str, dict[str, str]]] = {
    "population_density": ("震中人口密集程度", {
        "dense": "人口密集地区", "fairly_dense": "人口较密集地区"}),
    "city_size": ("停电城市", {
        "municipality": "直辖市",
        "capital_2000": "省会城市（电网负荷 2000 兆瓦以上）",
        "capital": "省会城市（电网负荷 2000 兆瓦以下）",
        "prefecture_600": "其他设区的市（电网负荷 600 兆瓦以上）",
        "prefecture": "其他设区的市（电网负荷 600 兆瓦以下）",
        "county_150": "县级市（电网负荷 150 兆瓦以上）",
        "county": "县级市（电网负荷 150 兆瓦以下）"}),
    "water_source_cut": ("集中式饮用水水源地取水中断", {
        "prefecture": "设区的市级以上城市", "county": "县级城市", "township": "乡镇"}),
    "gdp_loss_1pct": ("直接经济损失占上年省内生产总值 1% 以上", {"yes": "是"}),
}
_TEN_THOUSAND = 10_000
_HUNDRED_MILLION = 100_000_000

Number = int | Decimal


@dataclass(frozen=True)
class Band:
    """One row of a table: the interval of one dimension that reaches one level."""

    level: int
    dimension: str
    unit: str
    lo: Number | None
    lo_incl: bool
    hi: Number | None
    hi_incl: bool
    allow_predicted: bool
    scope: str
    verified: bool
    when: tuple[tuple[str, str], ...] = ()  # facts that must hold for the band to apply
    initial: bool = False  # an initial judgement (初判): counts as a predicted grade

    def contains(self, value: Number) -> bool:
        """Whether *value* lies in this band, honouring each bound's inclusivity."""
        if self.lo is not None and (value < self.lo or (value == self.lo and not self.lo_incl)):
            return False
        return self.hi is None or value < self.hi or (value == self.hi and self.hi_incl)

    def applies(self, facts: Mapping[str, str]) -> bool:
        """Whether the band's ``when`` facts hold."""
        return all(facts.get(key) == value for key, value in self.when)

    def describe(self) -> str:
        """The interval in the statute's words, e.g. "3 人以上 10 人以下"."""
        parts = []
        if self.lo is not None and (self.lo > 0 or not self.lo_incl):
            amount = format_amount(self.lo, self.unit)
            parts.append(f"{amount}以上" if self.lo_incl else f"超过 {amount}")
        if self.hi is not None:
            amount = format_amount(self.hi, self.unit)
            parts.append(f"不超过 {amount}" if self.hi_incl else f"{amount}以下")
        if not parts:
            return "不限"
        plain = self.lo_incl and not self.hi_incl
        text = " ".join(parts) if plain else "、".join(parts)
        if self.when:
            text = "，".join(FACTS[k][1][v] for k, v in self.when) + "，" + text
        return text


@dataclass(frozen=True)
class Condition:
    """A checked condition of a level, e.g. a county town's drinking-water intake cut off."""

    level: int
    fact: str
    value: str
    text: str
    verified: bool


@dataclass(frozen=True)
class GradingTable:
    """One grading table as read from its file (see ``data/rules/grading``)."""

    id: str
    kind: str
    title: str
    jurisdiction_code: str
    jurisdiction_name: str
    edition: str
    source: str
    effective_from: date
    verified: bool
    missing_counts_as_dead: bool
    notes: str
    bands: tuple[Band, ...]
    content_hash: str
    level_kind: str = "grade"
    noun: str = "事故"
    bounds: str = ""
    labels: tuple[tuple[str, str], ...] = ()
    conditions: tuple[Condition, ...] = ()

    @property
    def is_response(self) -> bool:
        """True for a response-level table (e.g. the relief plan), False for an event scale."""
        return self.level_kind == "response"

    @property
    def dimensions(self) -> tuple[str, ...]:
        """The graded dimensions in file order."""
        return tuple(dict.fromkeys(b.dimension for b in self.bands))

    @property
    def facts(self) -> tuple[str, ...]:
        """The facts some band or condition of this table reads."""
        keys = [k for b in self.bands for k, _ in b.when] + [c.fact for c in self.conditions]
        return tuple(dict.fromkeys(keys))

    def label(self, dimension: str) -> str:
        """The Chinese name of a dimension in this table's words."""
        return dict(self.labels).get(dimension, DIMENSIONS[dimension][0])

    def bands_for(self, dimension: str) -> tuple[Band, ...]:
        """The bands of one dimension, most severe first."""
        return tuple(sorted((b for b in self.bands if b.dimension == dimension), key=lambda b: b.level))

    def level_text(self, level: int) -> str:
        """E.g. "较大森林火灾" for a grade, "Ⅲ级响应" for a response level."""
        return f"{ROMAN[level]}级响应" if self.is_response else f"{LEVEL_NAMES[level]}{self.noun}"


@dataclass(frozen=True)
class Reason:
    """Why one dimension (or condition) reaches one level; ``text`` is shown to the officer."""

    level: int
    dimension: str
    value: Number | str
    predicted: bool
    band: Band | None
    text: str
    verified: bool = True


@dataclass(frozen=True)
class GradeResult:
    """The suggested level with its reasons, table identity and inputs (for the record)."""

    table_id: str
    edition: str
    content_hash: str
    level: int | None
    level_actual: int | None
    level_predicted: int | None
    predicted_decides: bool
    reasons: tuple[Reason, ...]
    source: str
    inputs: dict
    kind: str = "production_safety"
    table_verified: bool = True
    level_kind: str = "grade"
    noun: str = "事故"

    @property
    def is_response(self) -> bool:
        """True when the level is a response level (启动Ⅳ级响应), not an event grade."""
        return self.level_kind == "response"

    @property
    def level_name(self) -> str | None:
        """特别重大 / 重大 / 较大 / 一般, or None below every threshold."""
        return LEVEL_NAMES.get(self.level) if self.level is not None else None

    @property
    def deciding(self) -> tuple[Reason, ...]:
        """The reasons that reach the suggested level."""
        return tuple(r for r in self.reasons if r.level == self.level)

    @property
    def verified(self) -> bool:
        """False when the table or a deciding band is marked unverified."""
        return self.table_verified and all(r.verified for r in self.deciding)

    def headline(self) -> str:
        """E.g. "建议定级：重大（Ⅱ级）" or "建议启动Ⅳ级响应"; the no-level wording otherwise."""
        if self.level is None:
            if self.is_response:
                return "未达到任何一级应急响应的启动条件，不建议启动响应"
            return "未达到任何一级的分级标准，不建议定级"
        if self.is_response:
            head = f"建议启动{ROMAN[self.level]}级响应"
        else:
            head = f"建议定级：{LEVEL_NAMES[self.level]}（{ROMAN[self.level]}级）"
        return head + ("，按研判预测" if self.predicted_decides else "")

    def summary(self) -> str:
        """One Chinese line: the suggestion, its main reason and the source."""
        if self.level is None:
            return f"{self.headline()}；依据{self.source}"
        head = self.headline()
        text = f"{head}；{self.reasons[0].text}" if self.reasons else head
        if not self.table_verified:
            text += "；注意：该分级表未经核实"
        return f"{text}；依据{self.source}"


def format_amount(value: Number, unit: str) -> str:
    """An amount with its unit, money in 万元/亿元, e.g. "1000 万元", "1 亿元", "3 人", "4.0 级"."""
    if unit == "级":
        return f"{Decimal(value):.1f} 级"
    if unit == "%":
        return f"{_trim(Decimal(value))}%"
    if unit == "公顷":
        return f"{_trim(Decimal(value))} 公顷"
    if unit == "元":
        if value >= _HUNDRED_MILLION and value % 1_000_000 == 0:
            return f"{_trim(Decimal(value) / _HUNDRED_MILLION)} 亿元"
        if value >= _TEN_THOUSAND:
            return f"{_trim(Decimal(value) / _TEN_THOUSAND)} 万元"
        return f"{value} 元"
    if value >= _TEN_THOUSAND and value % 100 == 0:
        return f"{_trim(Decimal(value) / _TEN_THOUSAND)} 万{unit}"
    return f"{value} {unit}"


def _trim(number: Decimal) -> str:
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def to_decimal(value: Any, label: str) -> Decimal:
    """A non-negative finite decimal from an int, float, Decimal or text; ValueError in Chinese."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise ValueError(f"“{label}”须为数字，而不是“{value!r}”")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"“{label}”须为数字，而不是“{value!r}”") from None
    if not number.is_finite():
        raise ValueError(f"“{label}”须为有限的数字，而不是“{value!r}”")
    if number < 0:
        raise ValueError(f"“{label}”不能为负数（{value}）")
    return number


# --- loading ---------------------------------------------------------------

def load_table(path: Path) -> GradingTable:
    """Read and validate one grading table file."""
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, "-", f"无法解析：{exc}", f"cannot parse: {exc}") from None
    top = FieldReader(path, data)
    code = top.text("jurisdiction_code")
    if not (len(code) == 6 and code.isdigit()):
        raise top.fail("jurisdiction_code", "应为 6 位行政区划代码", "expected a 6-digit GB/T 2260 code")
    raw_bands = top.get("bands", list)
    if not raw_bands:
        raise top.fail("bands", "至少需要一档", "no bands")
    bands = tuple(_read_band(path, i, item) for i, item in enumerate(raw_bands))
    _check_bands(path, bands)
    labels = top.get("labels", dict, {})
    for key, text in labels.items():
        if key not in DIMENSIONS or not isinstance(text, str) or not text.strip():
            raise top.fail("labels", f"“{key}”不是可用的分级项，或名称为空", f"bad label for {key!r}")
    conditions = tuple(_read_condition(path, i, item) for i, item in enumerate(top.get("conditions", list, [])))
    return GradingTable(
        id=top.text("id"), kind=top.choice("kind", tuple(KINDS)), title=top.text("title"),
        jurisdiction_code=code, jurisdiction_name=top.text("jurisdiction_name"),
        edition=top.text("edition"), source=top.text("source"),
        effective_from=top.get("effective_from", date), verified=top.get("verified", bool),
        missing_counts_as_dead=top.get("missing_counts_as_dead", bool), notes=top.get("notes", str),
        bands=bands, content_hash=hashlib.sha256(raw).hexdigest(),
        level_kind=top.choice("level_kind", tuple(LEVEL_KINDS), "grade"), noun=top.text("noun", "事故"),
        bounds=top.get("bounds", str, ""), labels=tuple(sorted(labels.items())), conditions=conditions)


def _bound(r: FieldReader, key: str, dimension: str) -> Number | None:
    if key not in r.data:
        return None
    value = r.data[key]
    if dimension in DECIMAL_DIMENSIONS:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise r.fail(key, f"应为数字，而不是“{value!r}”", f"expected a number, got {value!r}")
        value = Decimal(str(value))
    else:
        value = r.get(key, int)
    if value < 0:
        raise r.fail(key, "不能为负数", "must not be negative")
    return value


def _read_band(path: Path, index: int, item: Any) -> Band:
    if not isinstance(item, dict):
        raise RuleFileError(path, f"bands[{index}]", "应为表", "expected a table")
    r = FieldReader(path, item, f"bands[{index}].")
    level = r.get("level", int)
    if level not in LEVEL_NAMES:
        raise r.fail("level", f"等级应为 1 至 4，而不是 {level}", f"level must be 1..4, got {level}")
    dimension = r.choice("dimension", tuple(DIMENSIONS))
    unit = r.text("unit")
    if unit != DIMENSIONS[dimension][1]:
        raise r.fail("unit", f"“{DIMENSIONS[dimension][0]}”的单位应为“{DIMENSIONS[dimension][1]}”",
                     f"unit of {dimension} must be {DIMENSIONS[dimension][1]!r}")
    lo, hi = _bound(r, "lo", dimension), _bound(r, "hi", dimension)
    when = r.get("when", dict, {})
    for key, value in when.items():
        if key not in FACTS or value not in FACTS[key][1]:
            raise r.fail("when", f"“{key} = {value}”不是可用的条件", f"unknown fact {key!r} = {value!r}")
    band = Band(level=level, dimension=dimension, unit=unit, lo=lo, lo_incl=r.get("lo_incl", bool),
                hi=hi, hi_incl=r.get("hi_incl", bool), allow_predicted=r.get("allow_predicted", bool),
                scope=r.choice("scope", tuple(SCOPES)), verified=r.get("verified", bool),
                when=tuple(sorted(when.items())), initial=r.get("initial", bool, False))
    if lo is not None and hi is not None and (lo > hi or (lo == hi and not (band.lo_incl and band.hi_incl))):
        raise r.fail("lo", f"下限 {lo} 不小于上限 {hi}，区间为空", f"lo {lo} > hi {hi}: empty band")
    return band


def _read_condition(path: Path, index: int, item: Any) -> Condition:
    if not isinstance(item, dict):
        raise RuleFileError(path, f"conditions[{index}]", "应为表", "expected a table")
    r = FieldReader(path, item, f"conditions[{index}].")
    level = r.get("level", int)
    if level not in LEVEL_NAMES:
        raise r.fail("level", f"等级应为 1 至 4，而不是 {level}", f"level must be 1..4, got {level}")
    fact = r.choice("fact", tuple(FACTS))
    value = r.choice("value", tuple(FACTS[fact][1]))
    return Condition(level=level, fact=fact, value=value, text=r.text("text"), verified=r.get("verified", bool))


def _check_bands(path: Path, bands: tuple[Band, ...]) -> None:
    """Within a dimension (and its facts), levels run without gaps and the intervals tile upwards."""
    for dimension, when in dict.fromkeys((b.dimension, b.when) for b in bands):
        group = sorted((b for b in bands if b.dimension == dimension and b.when == when), key=lambda b: -b.level)
        where = f"bands（{dimension}{''.join(f'，{k}={v}' for k, v in when)}）"
        levels = [b.level for b in group]
        if levels != list(range(levels[0], levels[0] - len(levels), -1)):
            raise RuleFileError(path, where, f"等级重复或不连续：{levels}", f"levels repeat or skip: {levels}")
        for low, high in pairwise(group):
            _check_joint(path, where, low, high)
        if group[-1].hi is not None:
            raise RuleFileError(path, where, f"最重一档（{ROMAN[group[-1].level]}级）不应有上限，否则更大的数值无档可落",
                                "the most severe band must have no upper bound (gap above it)")


def _check_joint(path: Path, where: str, low: Band, high: Band) -> None:
    """The lighter band *low* must end exactly where the heavier band *high* starts."""
    pair = f"{ROMAN[low.level]}级与{ROMAN[high.level]}级"
    if low.hi is None or high.lo is None or low.hi > high.lo or (low.hi == high.lo and low.hi_incl and high.lo_incl):
        raise RuleFileError(path, where, f"{pair}区间重叠", f"bands of levels {low.level} and {high.level} overlap")
    if low.hi < high.lo or (not low.hi_incl and not high.lo_incl):
        raise RuleFileError(path, where, f"{pair}之间有空档", f"gap between levels {low.level} and {high.level}")


@cache
def _load_directory(directory: Path) -> dict[str, GradingTable]:
    tables: dict[str, GradingTable] = {}
    for path in sorted(directory.glob("*.toml")):
        table = load_table(path)
        if table.id in tables:
            raise RuleFileError(path, "id", f"编号“{table.id}”与另一分级表重复", f"duplicate table id {table.id!r}")
        tables[table.id] = table
    if not tables:
        raise RuleFileError(directory, "-", "目录中没有分级表", "no grading tables in directory")
    return tables


def load_tables(directory: Path | None = None) -> dict[str, GradingTable]:
    """Every grading table in *directory* (default: the shipped ones), by id; cached."""
    return dict(_load_directory(Path(directory or GRADING_DIR).resolve()))


def default_table(kind: str) -> GradingTable:
    """The national table of a scale, e.g. production_safety (493), forest_fire (541)."""
    if kind not in DEFAULT_TABLES:
        raise ValueError(f"没有“{kind}”类的默认分级表（可用：{'、'.join(DEFAULT_TABLES)}）")
    return load_tables()[DEFAULT_TABLES[kind]]


def scale_of(word: str) -> str:
    """The scale key for a code (forest-fire), key (forest_fire) or Chinese name (森林火灾)."""
    text = word.strip()
    if text in SCALE_CODES:
        return SCALE_CODES[text]
    if text in KINDS:
        return text
    by_name = {name: kind for kind, name in KINDS.items()}
    if text in by_name:
        return by_name[text]
    choices = "、".join(f"{code}（{KINDS[kind]}）" for code, kind in SCALE_CODES.items())
    raise ValueError(f"未知的分级类别“{word}”（可用：{choices}）")


# --- grading -----------------------------------------------------------------

def grade(table: GradingTable, actual: Mapping[str, Any],
          predicted: Mapping[str, Any] | None = None, facts: Mapping[str, str] | None = None) -> GradeResult:
    """Suggest the level for *actual* (and optionally *predicted*) figures under *table*.

    Figures are keyed as in ``DIMENSIONS`` (money in integer yuan; hectares,
    magnitude and percentages may be decimals); keys no band grades on are
    recorded but ignored. Predicted figures (研判可能出现) only count where
    their band has ``allow_predicted``; a predicted key that is absent falls
    back to the actual figure. *facts* (``FACTS``) select ``when`` bands and
    meet checked conditions. A band marked ``initial`` (初判) always gives a
    predicted level.
    """
    act = _clean(actual, "")
    pre = _clean(predicted or {}, "研判可能")
    known = _clean_facts(facts or {})
    merged = {**act, **pre}
    explicit: list[Reason] = []
    implicit: list[Reason] = []
    for dimension in table.dimensions:
        bands = tuple(b for b in table.bands_for(dimension) if b.applies(known))
        if not bands:
            continue
        value = _value(table, dimension, act)
        band = _find(bands, 0 if value is None else value)
        if band is not None and not (band.initial and value is None):
            target = implicit if value is None else explicit
            target.append(_reason(table, band, 0 if value is None else value, act, band.initial, value is None))
        if _value(table, dimension, pre) is not None:
            guess = _value(table, dimension, merged) or 0
            band = _find(bands, guess)
            if band is not None and band.allow_predicted:
                explicit.append(_reason(table, band, guess, merged, True, False))
    for cond in table.conditions:
        if known.get(cond.fact) == cond.value:
            text = f"{cond.text}，达到{table.level_text(cond.level)}标准"
            if not cond.verified:
                text += "（该项未经核实）"
            explicit.append(Reason(level=cond.level, dimension=cond.fact, value=cond.value, predicted=False,
                                   band=None, text=text, verified=cond.verified))
    level_actual = min((r.level for r in explicit + implicit if not r.predicted), default=None)
    level_predicted = min((r.level for r in explicit if r.predicted), default=None)
    level = min((x for x in (level_actual, level_predicted) if x is not None), default=None)
    decides = level_predicted is not None and (level_actual is None or level_predicted < level_actual)
    if level is not None and all(r.level != level for r in explicit):
        explicit.extend(implicit)
    order = {d: i for i, d in enumerate((*table.dimensions, *FACTS))}
    explicit.sort(key=lambda r: (r.level != level, r.predicted != decides, r.level, order[r.dimension]))
    return GradeResult(
        table_id=table.id, edition=table.edition, content_hash=table.content_hash, level=level,
        level_actual=level_actual, level_predicted=level_predicted, predicted_decides=decides,
        reasons=tuple(explicit), source=table.source,
        inputs={"actual": _plain(act), "predicted": _plain(pre), "facts": known},
        kind=table.kind, table_verified=table.verified, level_kind=table.level_kind, noun=table.noun)


def _plain(counts: Mapping[str, Number]) -> dict[str, int | float]:
    """Counts as JSON-friendly numbers (decimals as floats), for the grading record."""
    return {k: float(v) if isinstance(v, Decimal) else v for k, v in counts.items()}


def _clean(counts: Mapping[str, Any], prefix: str) -> dict[str, Number]:
    """Check that every figure is a non-negative integer (or decimal where allowed); return a copy."""
    out: dict[str, Number] = {}
    for key, value in counts.items():
        label = prefix + DIMENSIONS.get(key, (key, ""))[0]
        if key in DECIMAL_DIMENSIONS:
            out[key] = to_decimal(value, label)
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"“{label}”须为整数，而不是“{value!r}”")
        if value < 0:
            raise ValueError(f"“{label}”不能为负数（{value}）")
        out[key] = value
    if "dead_missing" in out and ("deaths" in out or "missing" in out):
        raise ValueError("已分别填报死亡和失踪人数时，不要再填“死亡和失踪”合计")
    return out


def _clean_facts(facts: Mapping[str, Any]) -> dict[str, str]:
    """Check every fact against ``FACTS``; blank values are dropped."""
    out: dict[str, str] = {}
    for key, value in facts.items():
        if value in (None, ""):
            continue
        if key not in FACTS:
            raise ValueError(f"未知的定级条件“{key}”")
        label, values = FACTS[key]
        if value not in values:
            raise ValueError(f"“{label}”应为{'、'.join(f'{v}（{t}）' for v, t in values.items())}之一，而不是“{value}”")
        out[key] = value
    return out


def _parts(table: GradingTable, dimension: str) -> tuple[str, ...]:
    """The input keys a dimension adds up."""
    if dimension == "dead_missing" or (dimension == "deaths" and table.missing_counts_as_dead):
        return ("deaths", "missing")
    return (dimension,)


def input_keys(table: GradingTable) -> frozenset[str]:
    """The input keys that feed some dimension of *table*."""
    keys = {k for d in table.dimensions for k in _parts(table, d)}
    return frozenset(keys | ({"dead_missing"} if "dead_missing" in table.dimensions else set()))


def _value(table: GradingTable, dimension: str, counts: Mapping[str, Number]) -> Number | None:
    """The figure of a dimension, or None when none of its inputs were given."""
    if dimension == "dead_missing" and "dead_missing" in counts:
        return counts["dead_missing"]
    keys = _parts(table, dimension)
    if not any(k in counts for k in keys):
        return None
    return sum(counts.get(k, 0) for k in keys)


def _find(bands: tuple[Band, ...], value: Number) -> Band | None:
    return next((b for b in bands if b.contains(value)), None)


def _reason(table: GradingTable, band: Band, value: Number, counts: Mapping[str, Number],
            predicted: bool, unreported: bool) -> Reason:
    """Word one reason, e.g. "死亡 3 人，达到较大事故标准（3 人以上 10 人以下）"."""
    label = table.label(band.dimension)
    missing = counts.get("missing", 0)
    with_missing = band.dimension == "deaths" and table.missing_counts_as_dead and missing > 0
    if with_missing:
        label = "死亡（含失踪）"
    figure = f"{label}{'' if label.endswith('）') else ' '}{format_amount(value, band.unit)}"
    if with_missing:
        figure += f"（其中失踪 {format_amount(missing, '人')}）"
    if unreported:
        figure = f"{label}未填报（按 0 计）"
    if predicted and not band.initial:
        figure = "研判可能" + figure
    name = table.level_text(band.level)
    # A band starting at zero is the floor of the scale: one "falls in" it rather than "reaches" it.
    if band.initial:
        verdict = f"初判为{name}"
    else:
        verdict = f"属于{name}" if band.lo in (None, 0) else f"达到{name}标准"
    text = f"{figure}，{verdict}（{band.describe()}）"
    if predicted and not band.initial:
        text += "（预测）"
    if not band.verified:
        text += "（该档阈值未经核实）"
    return Reason(level=band.level, dimension=band.dimension, value=value, predicted=predicted,
                  band=band, text=text, verified=band.verified)
