"""Grading tables (one TOML file per issuing document) and the level they suggest.

A table holds bands ``level × dimension``; each band is an integer interval
with its own inclusivity (the 493 regulation reads "以上含本数、以下不含本数",
i.e. ``[lo, hi)``; other documents word bounds differently). The suggested
grade is the most severe level that any one dimension reaches, since the
criteria of a level are joined by "或者". The engine only suggests: the duty
officer sets the grade and records why.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from . import RULES_DATA, FieldReader, RuleFileError

GRADING_DIR = RULES_DATA / "grading"
LEVEL_NAMES = {1: "特别重大", 2: "重大", 3: "较大", 4: "一般"}
ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ"}
KINDS = {"production_safety": "生产安全事故", "natural_disaster": "自然灾害"}
SCOPES = {"incident": "单起事件", "process": "一次灾害过程", "province": "一个省级行政区"}
DEFAULT_TABLES = {"production_safety": "production_safety_493",
                  "natural_disaster": "natural_disaster_relief_2024"}

# Input keys and graded dimensions: key -> (Chinese label, unit). "dead_missing"
# is normally derived as deaths + missing; injuries and trapped are counted on
# the duty log but graded by no shipped table.
DIMENSIONS: dict[str, tuple[str, str]] = {
    "deaths": ("死亡", "人"),
    "missing": ("失踪", "人"),
    "dead_missing": ("死亡和失踪", "人"),
    "serious_injuries": ("重伤（含急性工业中毒）", "人"),
    "injuries": ("轻伤", "人"),
    "trapped": ("被困", "人"),
    "direct_loss": ("直接经济损失", "元"),
    "relocated": ("紧急转移安置或需紧急生活救助", "人"),
    "collapsed_rooms": ("倒塌和严重损坏房屋", "间"),
    "collapsed_households": ("倒塌和严重损坏房屋", "户"),
    "drought_aid": ("因旱需政府生活救助", "人"),
}
_TEN_THOUSAND = 10_000
_HUNDRED_MILLION = 100_000_000


@dataclass(frozen=True)
class Band:
    """One row of a table: the interval of one dimension that reaches one level."""

    level: int
    dimension: str
    unit: str
    lo: int | None
    lo_incl: bool
    hi: int | None
    hi_incl: bool
    allow_predicted: bool
    scope: str
    verified: bool

    def contains(self, value: int) -> bool:
        """Whether *value* lies in this band, honouring each bound's inclusivity."""
        if self.lo is not None and (value < self.lo or (value == self.lo and not self.lo_incl)):
            return False
        return self.hi is None or value < self.hi or (value == self.hi and self.hi_incl)

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
        return " ".join(parts) if plain else "、".join(parts)


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

    @property
    def dimensions(self) -> tuple[str, ...]:
        """The graded dimensions in file order."""
        return tuple(dict.fromkeys(b.dimension for b in self.bands))

    def bands_for(self, dimension: str) -> tuple[Band, ...]:
        """The bands of one dimension, most severe first."""
        return tuple(sorted((b for b in self.bands if b.dimension == dimension), key=lambda b: b.level))


@dataclass(frozen=True)
class Reason:
    """Why one dimension reaches one level; ``text`` is shown to the officer."""

    level: int
    dimension: str
    value: int
    predicted: bool
    band: Band
    text: str


@dataclass(frozen=True)
class GradeResult:
    """The suggested grade with its reasons, table identity and inputs (for the record)."""

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
        return self.table_verified and all(r.band.verified for r in self.deciding)

    def summary(self) -> str:
        """One Chinese line: the suggestion, its main reason and the source."""
        if self.level is None:
            return f"未达到任何一级的分级标准，不建议定级；依据{self.source}"
        if self.kind == "production_safety":
            head = f"建议定级：{LEVEL_NAMES[self.level]}（{ROMAN[self.level]}级）"
        else:
            head = f"建议启动{ROMAN[self.level]}级响应（{LEVEL_NAMES[self.level]}）"
        if self.predicted_decides:
            head += "，按研判预测"
        text = f"{head}；{self.reasons[0].text}" if self.reasons else head
        if not self.table_verified:
            text += "；注意：该分级表未经核实"
        return f"{text}；依据{self.source}"


def format_amount(value: int, unit: str) -> str:
    """An amount with its unit, money in 万元/亿元, e.g. "1000 万元", "1 亿元", "3 人"."""
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
    return GradingTable(
        id=top.text("id"), kind=top.choice("kind", tuple(KINDS)), title=top.text("title"),
        jurisdiction_code=code, jurisdiction_name=top.text("jurisdiction_name"),
        edition=top.text("edition"), source=top.text("source"),
        effective_from=top.get("effective_from", date), verified=top.get("verified", bool),
        missing_counts_as_dead=top.get("missing_counts_as_dead", bool), notes=top.get("notes", str),
        bands=bands, content_hash=hashlib.sha256(raw).hexdigest())


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
    lo, hi = r.get("lo", int, None), r.get("hi", int, None)
    for key, value in (("lo", lo), ("hi", hi)):
        if value is not None and value < 0:
            raise r.fail(key, "不能为负数", "must not be negative")
    band = Band(level=level, dimension=dimension, unit=unit, lo=lo, lo_incl=r.get("lo_incl", bool),
                hi=hi, hi_incl=r.get("hi_incl", bool), allow_predicted=r.get("allow_predicted", bool),
                scope=r.choice("scope", tuple(SCOPES)), verified=r.get("verified", bool))
    if lo is not None and hi is not None and (lo > hi or (lo == hi and not (band.lo_incl and band.hi_incl))):
        raise r.fail("lo", f"下限 {lo} 不小于上限 {hi}，区间为空", f"lo {lo} > hi {hi}: empty band")
    return band


def _check_bands(path: Path, bands: tuple[Band, ...]) -> None:
    """Within a dimension, levels run without gaps and the intervals tile upwards."""
    for dimension in dict.fromkeys(b.dimension for b in bands):
        group = sorted((b for b in bands if b.dimension == dimension), key=lambda b: -b.level)
        where = f"bands（{dimension}）"
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
    """The national table for a kind: production_safety (493) or natural_disaster (relief 2024)."""
    if kind not in DEFAULT_TABLES:
        raise ValueError(f"没有“{kind}”类的默认分级表（可用：{'、'.join(DEFAULT_TABLES)}）")
    return load_tables()[DEFAULT_TABLES[kind]]


# --- grading -----------------------------------------------------------------

def grade(table: GradingTable, actual: Mapping[str, int],
          predicted: Mapping[str, int] | None = None) -> GradeResult:
    """Suggest the level for *actual* (and optionally *predicted*) counts under *table*.

    Counts are keyed as in ``DIMENSIONS`` (money in integer yuan); keys no band
    grades on are recorded but ignored. Predicted counts (研判可能出现) only
    count where their band has ``allow_predicted``; a predicted key that is
    absent falls back to the actual figure.
    """
    act = _clean(actual, "")
    pre = _clean(predicted or {}, "研判可能")
    merged = {**act, **pre}
    explicit: list[Reason] = []
    implicit: list[Reason] = []
    for dimension in table.dimensions:
        bands = table.bands_for(dimension)
        value = _value(table, dimension, act)
        band = _find(bands, 0 if value is None else value)
        if band is not None:
            target = implicit if value is None else explicit
            target.append(_reason(table, band, 0 if value is None else value, act, False, value is None))
        if _value(table, dimension, pre) is not None:
            guess = _value(table, dimension, merged) or 0
            band = _find(bands, guess)
            if band is not None and band.allow_predicted:
                explicit.append(_reason(table, band, guess, merged, True, False))
    level_actual = min((r.level for r in explicit + implicit if not r.predicted), default=None)
    level_predicted = min((r.level for r in explicit if r.predicted), default=None)
    level = min((x for x in (level_actual, level_predicted) if x is not None), default=None)
    decides = level_predicted is not None and (level_actual is None or level_predicted < level_actual)
    if level is not None and all(r.level != level for r in explicit):
        explicit.extend(implicit)
    order = {d: i for i, d in enumerate(table.dimensions)}
    explicit.sort(key=lambda r: (r.level != level, r.predicted != decides, r.level, order[r.dimension]))
    return GradeResult(
        table_id=table.id, edition=table.edition, content_hash=table.content_hash, level=level,
        level_actual=level_actual, level_predicted=level_predicted, predicted_decides=decides,
        reasons=tuple(explicit), source=table.source, inputs={"actual": act, "predicted": pre},
        kind=table.kind, table_verified=table.verified)


def _clean(counts: Mapping[str, Any], prefix: str) -> dict[str, int]:
    """Check that every count is a non-negative integer; return a plain copy."""
    out: dict[str, int] = {}
    for key, value in counts.items():
        label = prefix + DIMENSIONS.get(key, (key, ""))[0]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"“{label}”须为整数，而不是“{value!r}”")
        if value < 0:
            raise ValueError(f"“{label}”不能为负数（{value}）")
        out[key] = value
    if "dead_missing" in out and ("deaths" in out or "missing" in out):
        raise ValueError("已分别填报死亡和失踪人数时，不要再填“死亡和失踪”合计")
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


def _value(table: GradingTable, dimension: str, counts: Mapping[str, int]) -> int | None:
    """The figure of a dimension, or None when none of its inputs were given."""
    if dimension == "dead_missing" and "dead_missing" in counts:
        return counts["dead_missing"]
    keys = _parts(table, dimension)
    if not any(k in counts for k in keys):
        return None
    return sum(counts.get(k, 0) for k in keys)


def _find(bands: tuple[Band, ...], value: int) -> Band | None:
    return next((b for b in bands if b.contains(value)), None)


def _reason(table: GradingTable, band: Band, value: int, counts: Mapping[str, int],
            predicted: bool, unreported: bool) -> Reason:
    """Word one reason, e.g. "死亡 3 人，达到较大事故标准（3 人以上 10 人以下）"."""
    label = DIMENSIONS[band.dimension][0]
    missing = counts.get("missing", 0)
    with_missing = band.dimension == "deaths" and table.missing_counts_as_dead and missing > 0
    if with_missing:
        label = "死亡（含失踪）"
    figure = f"{label}{'' if label.endswith('）') else ' '}{format_amount(value, band.unit)}"
    if with_missing:
        figure += f"（其中失踪 {format_amount(missing, '人')}）"
    if unreported:
        figure = f"{label}未填报（按 0 计）"
    if predicted:
        figure = "研判可能" + figure
    if table.kind == "production_safety":
        name = f"{LEVEL_NAMES[band.level]}事故"
    else:
        name = f"{ROMAN[band.level]}级响应"
    # A band starting at zero is the floor of the scale: one "falls in" it rather than "reaches" it.
    verdict = f"属于{name}" if band.lo in (None, 0) else f"达到{name}标准"
    text = f"{figure}，{verdict}（{band.describe()}）"
    if predicted:
        text += "（预测）"
    if not band.verified:
        text += "（该档阈值未经核实）"
    return Reason(level=band.level, dimension=band.dimension, value=value, predicted=predicted,
                  band=band, text=text)
