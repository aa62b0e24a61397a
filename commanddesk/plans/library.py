"""Loading and validating plan files; a bad file is reported and skipped."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..catalogues import catalogue
from ..errors import UserError
from ..paths import PACKAGE_DATA
from .model import CARD_ROLES, FIELDS, OPS, STATUSES, TIERS, USABLE, Card, Chapter, Condition, Group, Level, Measure, Plan

PLANS_DIR = PACKAGE_DATA / "plans"
CATEGORIES = ("natural", "accident", "health", "social", "all")


class PlanFileError(UserError):
    """A plan file that cannot be used: which file, which field, why."""

    def __init__(self, path: Path | str, field_: str, reason: str) -> None:
        super().__init__(f"预案文件有误：{Path(path).name}，字段 {field_}：{reason}")
        self.path, self.field, self.reason = str(path), field_, reason


MAX_FILE_BYTES = 5 * 1024 * 1024  # a plan file; the largest shipped one is under 100 KB
MAX_DUE_MINUTES = 366 * 24 * 60


def _table(data, path: Path, where: str) -> None:
    if not isinstance(data, dict):
        raise PlanFileError(path, where.rstrip(".") or "（文件）", "应为表（{ … } 或 [[…]]）")


def _req(data: dict, key: str, kind: type | tuple, path: Path, where: str = "") -> object:
    name = f"{where}{key}"
    _table(data, path, where)
    if key not in data:
        raise PlanFileError(path, name, "缺少此项")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise PlanFileError(path, name, f"类型不对（应为 {getattr(kind, '__name__', kind)}）")
    if isinstance(value, str) and not value.strip():
        raise PlanFileError(path, name, "不能为空")
    return value


def _opt(data: dict, key: str, default, kind: type | tuple, path: Path, where: str = ""):
    _table(data, path, where)
    if key not in data:
        return default
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise PlanFileError(path, f"{where}{key}", f"类型不对（应为 {getattr(kind, '__name__', kind)}）")
    return value


def _strs(values, path: Path, name: str) -> tuple[str, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise PlanFileError(path, name, "应为文字列表")
    return tuple(values)


def _condition(c: dict, path: Path, where: str) -> Condition:
    text = _req(c, "text", str, path, where)
    fld = _req(c, "field", str, path, where)
    if fld not in FIELDS:
        raise PlanFileError(path, f"{where}field", f"未知字段“{fld}”")
    if fld == "manual":
        return Condition(text, fld)
    op = _req(c, "op", str, path, where)
    if op not in OPS:
        raise PlanFileError(path, f"{where}op", f"未知比较符“{op}”")
    if "value" not in c:
        raise PlanFileError(path, f"{where}value", "缺少此项")
    value = c["value"]
    if op == "in" and not isinstance(value, list):
        raise PlanFileError(path, f"{where}value", "“in” 需要一个列表")
    if op in (">=", ">", "<=", "<") and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise PlanFileError(path, f"{where}value", "大小比较需要数字")
    measure = _opt(c, "measure", "", str, path, where)
    if fld == "measure" and not measure:
        raise PlanFileError(path, f"{where}measure", "field = \"measure\" 时须写明 measure 名称")
    if fld == "type":
        types = catalogue("incident_type")
        for t in (value if isinstance(value, list) else [value]):
            if t not in types:
                raise PlanFileError(path, f"{where}value", f"未知事件类型“{t}”")
    return Condition(text, fld, op, tuple(value) if isinstance(value, list) else value,
                     bool(_opt(c, "predicted", False, bool, path, where)), measure)


def parse(path: Path, data: dict, user: bool = False) -> Plan:
    """Validate one plan's data into a Plan, or raise PlanFileError."""
    pid = _req(data, "id", str, path)
    edition = str(_req(data, "edition", (str, int), path))
    status = _opt(data, "status", "published", str, path)
    if status not in STATUSES:
        raise PlanFileError(path, "status", "应为 published、draft 或 demo（演示）")
    tier = _req(data, "tier", str, path)
    if tier not in TIERS:
        raise PlanFileError(path, "tier", f"未知层级“{tier}”")
    category = _req(data, "category", str, path)
    if category not in CATEGORIES:
        raise PlanFileError(path, "category", f"未知类别“{category}”")
    types = _strs(_opt(data, "types", [], list, path), path, "types")
    known = catalogue("incident_type")
    for t in types:
        if t not in known:
            raise PlanFileError(path, "types", f"未知事件类型“{t}”")
    approved = _opt(data, "approved", None, date, path)
    groups = []
    for i, g in enumerate(_opt(data, "groups", [], list, path)):
        w = f"groups[{i}]."
        groups.append(Group(_req(g, "id", str, path, w), _req(g, "name", str, path, w),
                            _opt(g, "lead", "", str, path, w), _strs(_opt(g, "members", [], list, path, w), path, w + "members"),
                            _opt(g, "duties", "", str, path, w)))
    group_ids = {g.id for g in groups}
    levels = []
    seen_levels = set()
    for i, lv in enumerate(_opt(data, "levels", [], list, path)):
        w = f"levels[{i}]."
        n = _req(lv, "level", int, path, w)
        if n not in (1, 2, 3, 4):
            raise PlanFileError(path, w + "level", "响应级别应为 1–4")
        if n in seen_levels:
            raise PlanFileError(path, w + "level", f"{n} 级重复")
        seen_levels.add(n)
        conds = tuple(_condition(c, path, f"{w}conditions[{j}].") for j, c in enumerate(_opt(lv, "conditions", [], list, path, w)))
        measures, ids = [], set()
        for j, m in enumerate(_opt(lv, "measures", [], list, path, w)):
            mw = f"{w}measures[{j}]."
            mid = _req(m, "id", str, path, mw)
            if mid in ids:
                raise PlanFileError(path, mw + "id", f"措施编号“{mid}”重复")
            ids.add(mid)
            group = _req(m, "group", str, path, mw)
            if group not in group_ids:
                raise PlanFileError(path, mw + "group", f"没有编号为“{group}”的工作组")
            due = _opt(m, "due_minutes", None, int, path, mw)
            if due is not None and not 0 <= due <= MAX_DUE_MINUTES:
                raise PlanFileError(path, mw + "due_minutes", f"应为 0 至 {MAX_DUE_MINUTES} 分钟")
            measures.append(Measure(mid, _req(m, "text", str, path, mw), group, due))
        levels.append(Level(n, _opt(lv, "activated_by", "", str, path, w), _opt(lv, "summary", "", str, path, w),
                            conds, tuple(measures)))
    if status in USABLE and not levels:
        raise PlanFileError(path, "levels", "已发布的预案须至少有一个响应级别")
    cards = []
    for i, c in enumerate(_opt(data, "cards", [], list, path)):
        w = f"cards[{i}]."
        role = _req(c, "role", str, path, w)
        if role not in CARD_ROLES:
            raise PlanFileError(path, w + "role", f"未知岗位“{role}”")
        calls = tuple((str(_opt(x, "who", "", (str, int), path, w + "calls.")),
                       str(_opt(x, "phone", "", (str, int), path, w + "calls.")))
                      for x in _opt(c, "calls", [], list, path, w))
        cards.append(Card(role, _req(c, "title", str, path, w), _opt(c, "trigger", "", str, path, w),
                          _strs(_req(c, "steps", list, path, w), path, w + "steps"), calls,
                          _strs(_opt(c, "equipment", [], list, path, w), path, w + "equipment"),
                          _strs(_opt(c, "prohibitions", [], list, path, w), path, w + "prohibitions")))
    contacts = tuple(tuple(str(_opt(c, k, "", (str, int), path, "contacts.")) for k in ("name", "phone", "note"))
                     for c in _opt(data, "contacts", [], list, path))
    command = _opt(data, "command", {}, dict, path)
    appendix = []
    for i, a in enumerate(_opt(data, "appendix", [], list, path)):
        w = f"appendix[{i}]."
        tables = _opt(a, "tables", [], list, path, w)
        if not all(isinstance(t, list) and all(isinstance(row, list) for row in t) for t in tables):
            raise PlanFileError(path, w + "tables", "应为表格（行的列表）的列表")
        tables = tuple(tuple(tuple(str(c) for c in row) for row in t) for t in tables)
        depth = _opt(a, "level", 1, int, path, w)
        if not 1 <= depth <= 6:
            raise PlanFileError(path, w + "level", "章节层级应为 1–6")
        appendix.append(Chapter(_req(a, "heading", str, path, w), depth, _opt(a, "text", "", str, path, w), tables))
    return Plan(
        id=pid, edition=edition, status=status, title=_req(data, "title", str, path),
        short=_opt(data, "short", "", str, path) or data["title"], tier=tier, category=category, types=types,
        jurisdiction_code=str(_opt(data, "jurisdiction_code", "", (str, int), path)),
        jurisdiction=_opt(data, "jurisdiction", "", str, path), issuer=_opt(data, "issuer", "", str, path),
        approved=approved, supersedes=str(_opt(data, "supersedes", "", (str, int), path)),
        scope=_opt(data, "scope", "", str, path), basis=_strs(_opt(data, "basis", [], list, path), path, "basis"),
        principles=_opt(data, "principles", "", str, path), command=command, groups=tuple(groups),
        levels=tuple(sorted(levels, key=lambda lv: lv.level)), escalation=_opt(data, "escalation", "", str, path),
        termination=_opt(data, "termination", "", str, path), contacts=contacts, cards=tuple(cards),
        appendix=tuple(appendix),
        path=str(path), user=user)


def load_file(path: Path, user: bool = False) -> Plan:
    """Read and validate one plan file."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise PlanFileError(path, "（文件）", f"文件过大（上限 {MAX_FILE_BYTES // 1024 // 1024} MB）")
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PlanFileError(path, "（文件）", f"不是有效的 UTF-8 TOML：{exc}") from None
    except RecursionError:
        raise PlanFileError(path, "（文件）", "嵌套层数过多") from None
    plan = parse(path, data, user)
    return Plan(**{**plan.__dict__, "content_hash": hashlib.sha256(raw).hexdigest()})


@dataclass
class Library:
    """Every plan edition that loaded, and the files that did not (with why)."""

    plans: list[Plan] = field(default_factory=list)
    errors: list[PlanFileError] = field(default_factory=list)

    def editions(self, plan_id: str) -> list[Plan]:
        """All editions of a plan, newest first."""
        eds = [p for p in self.plans if p.id == plan_id]
        return sorted(eds, key=lambda p: (p.approved or date.min, p.edition), reverse=True)

    def current(self, plan_id: str) -> Plan | None:
        """The newest published (or, in a demo library, demo) edition of a plan."""
        return next((p for p in self.editions(plan_id) if p.usable), None)

    def listed(self) -> list[Plan]:
        """One plan per id for browsing: the current edition, or the newest draft if none is published."""
        return [self.current(i) or self.editions(i)[0] for i in dict.fromkeys(p.id for p in self.plans)]

    def get(self, plan_id: str, edition: str) -> Plan | None:
        """The plan with this id and edition, or None."""
        return next((p for p in self.plans if p.id == plan_id and p.edition == edition), None)

    def current_plans(self) -> list[Plan]:
        """One plan per id: the newest published edition (computed once per plan list)."""
        stamp = (id(self.plans), len(self.plans))
        if getattr(self, "_current_stamp", None) != stamp:
            newest: dict[str, Plan] = {}
            for p in self.plans:
                if not p.usable:
                    continue
                best = newest.get(p.id)
                if best is None or (p.approved or date.min, p.edition) > (best.approved or date.min, best.edition):
                    newest[p.id] = p
            self._current = [newest[i] for i in dict.fromkeys(p.id for p in self.plans) if i in newest]
            self._current_stamp = stamp
        return self._current


def plan_folder(demo: bool = False) -> Path:
    """Where a post's own plans live; a demo store keeps its imports apart, under demo/plans."""
    from .. import paths

    return paths.data_dir() / "demo" / "plans" if demo else paths.data_dir() / "plans"


def folders(demo: bool = False) -> list[Path]:
    """The plan folders of a store: the post's own, plus the shipped demonstration plans in a demo store."""
    return [PLANS_DIR, plan_folder(True)] if demo else [plan_folder(False)]


def load(directories: list[Path] | None = None) -> Library:
    """Load plan files from *directories* (default: a real post's folder); bad files go to ``errors``."""
    if directories is None:
        directories = folders(False)
    lib = Library()
    seen: set[tuple[str, str]] = set()
    for folder in directories:
        if not folder.is_dir():
            continue
        shipped = folder.resolve() == PLANS_DIR.resolve()
        for path in sorted(folder.glob("*.toml")):
            try:
                plan = load_file(path, user=not shipped)
            except PlanFileError as exc:
                lib.errors.append(exc)
                continue
            except OSError as exc:
                lib.errors.append(PlanFileError(path, "（文件）", str(exc)))
                continue
            if plan.key in seen:
                lib.errors.append(PlanFileError(path, "id/edition", f"{plan.id} {plan.edition} 已存在，忽略此文件"))
                continue
            seen.add(plan.key)
            lib.plans.append(plan)
    return lib


_CACHE: dict[tuple, Library] = {}


def library(demo: bool = False) -> Library:
    """A post's plans, or with *demo* the shipped demonstration plans too (loaded once; ``reload()`` after an import).

    A real post starts with an empty library: the shipped plans are demonstration
    data and only a demo store (services.plans.library) sees them.
    """
    key = (demo, str(plan_folder(demo)))
    if key not in _CACHE:
        _CACHE[key] = load(folders(demo))
    return _CACHE[key]


def reload(demo: bool = False) -> Library:
    """Forget the cached libraries and load again."""
    _CACHE.clear()
    return library(demo)
