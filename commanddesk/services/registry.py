"""The registry engine: listing, validating, creating, editing and deleting records of any registry.

Each registry (teams, warehouses, stock, items, shelters, hazard sites,
organisations, contacts, user accounts) is described by a ``RegistrySpec``: its
ORM class and its fields (the nine are in ``registry_specs``). One set of functions
serves them all, so every registry validates, audits and refuses bad input the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import String, case, cast, false, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..catalogues import catalogue, label
from ..errors import ConflictError, UserError, ValidationError
from ..models import Jurisdiction, MaterialItem, Organisation, TeamType, Warehouse
from . import accounts, auth
from .auth import Permission

PHONE_RE = re.compile(r"^[0-9+\-() 转#]*$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Field:
    """One editable attribute of a registry record."""

    key: str
    label: str
    kind: str = "text"  # text|multiline|int|float|bool|choice|ref|date|phone|pin
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    catalogue: str | None = None  # for kind "choice"
    ref: str | None = None  # for kind "ref": a key of REF_SOURCES
    unique: bool = False
    in_table: bool = True
    editable: bool = True
    default: Any = None
    hint: str = ""


@dataclass(frozen=True)
class Row:
    """A record as a table shows it: raw values, display texts and search text."""

    id: int
    version: int
    values: dict[str, Any]
    texts: dict[str, str]
    haystack: str


@dataclass(frozen=True)
class RegistrySpec:
    """How one registry is stored, shown and checked."""

    key: str
    title: str
    noun: str
    model: type
    fields: tuple[Field, ...]
    order_by: str = "code"
    permission: Permission = Permission.EDIT_REGISTRY
    checks: tuple[Callable[[Session, dict[str, Any], Any], None], ...] = ()
    before_delete: Callable[[Session, Any], None] | None = None
    prepare: Callable[[Session, Any, dict[str, Any], bool], None] | None = None
    title_key: str = "name"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def table_fields(self) -> tuple[Field, ...]:
        """The fields shown as table columns, in order."""
        return tuple(f for f in self.fields if f.in_table)

    def field(self, key: str) -> Field:
        """The field with this key."""
        return next(f for f in self.fields if f.key == key)


# --- reference lists -------------------------------------------------------

def _jurisdictions(s: Session) -> list[tuple[Any, str]]:
    return [(c, n) for c, n in s.execute(select(Jurisdiction.code, Jurisdiction.name).order_by(Jurisdiction.code))]


def _team_types(s: Session) -> list[tuple[Any, str]]:
    return [tuple(r) for r in s.execute(select(TeamType.code, TeamType.name).order_by(TeamType.name))]


def _organisations(s: Session) -> list[tuple[Any, str]]:
    return [tuple(r) for r in s.execute(select(Organisation.id, Organisation.name).order_by(Organisation.code))]


def _warehouses(s: Session) -> list[tuple[Any, str]]:
    return [tuple(r) for r in s.execute(select(Warehouse.id, Warehouse.name).order_by(Warehouse.code))]


def _items(s: Session) -> list[tuple[Any, str]]:
    rows = s.execute(select(MaterialItem.id, MaterialItem.name, MaterialItem.unit).order_by(MaterialItem.code))
    return [(i, f"{n}（{u}）") for i, n, u in rows]


REF_SOURCES: dict[str, Callable[[Session], list[tuple[Any, str]]]] = {
    "jurisdiction": _jurisdictions,
    "team_type": _team_types,
    "organisation": _organisations,
    "warehouse": _warehouses,
    "item": _items,
}


def choices(session: Session, f: Field) -> list[tuple[Any, str]]:
    """(value, label) pairs a choice or reference field may take."""
    if f.kind == "choice":
        return list(catalogue(f.catalogue).items())
    if f.kind == "ref":
        return REF_SOURCES[f.ref](session)
    if f.kind == "bool":
        return [(True, "是"), (False, "否")]
    return []


# --- listing -------------------------------------------------------------

def _display(f: Field, value: Any, refs: dict[str, dict[Any, str]]) -> str:
    if value is None:
        return ""
    if f.kind == "choice":
        return label(f.catalogue, value)
    if f.kind == "ref":
        return refs[f.key].get(value, str(value))
    if f.kind == "bool":
        return "是" if value else "否"
    if f.kind == "pin":
        return ""
    if f.kind == "float":
        return f"{value:.5f}".rstrip("0").rstrip(".")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _to_row(spec: RegistrySpec, obj: Any, refs: dict[str, dict[Any, str]]) -> Row:
    values = {f.key: getattr(obj, f.key) for f in spec.fields if f.kind != "pin"}
    texts = {f.key: _display(f, values.get(f.key), refs) for f in spec.fields}
    haystack = "\u0001".join(texts[f.key] for f in spec.table_fields).casefold()
    return Row(obj.id, obj.version, values, texts, haystack)


def _refs(session: Session, spec: RegistrySpec) -> dict[str, dict[Any, str]]:
    return {f.key: dict(REF_SOURCES[f.ref](session)) for f in spec.fields if f.kind == "ref"}


def list_rows(session: Session, spec: RegistrySpec, **where: Any) -> list[Row]:
    """All records of a registry (optionally filtered by equal columns), ordered (the Excel export, summaries)."""
    stmt = select(spec.model).order_by(getattr(spec.model, spec.order_by), spec.model.id)
    for key, value in where.items():
        stmt = stmt.where(getattr(spec.model, key) == value)
    refs = _refs(session, spec)
    return [_to_row(spec, obj, refs) for obj in session.scalars(stmt)]


PAGE = 200  # records a list shows at a time; the rest come with 更多… or a filter (a county keeps 10,000 teams)
LABEL_ORDER_MAX = 500  # a code list or reference this long or shorter sorts by its labels, a longer one by value


@dataclass(frozen=True)
class RowPage:
    """One page of a registry list: its rows in the list's order, how many records match the filter, how many
    there are in all (under the same fixed columns), and whether more are left to fetch."""

    rows: list[Row]
    matching: int
    total: int
    more: bool


def _labels(f: Field, refs: dict[str, dict[Any, str]]) -> dict[Any, str]:
    if f.kind == "choice":
        return dict(catalogue(f.catalogue).items())
    if f.kind == "ref":
        return refs[f.key]
    return {True: "是", False: "否"}


def _word(spec: RegistrySpec, word: str, refs: dict[str, dict[Any, str]], sqlite: bool):
    """Where one filter word matches a record: in any shown column as the table shows it (a code list or
    reference column by its label, so 待命 finds the status code available; 是/否 a yes/no column); letters in
    either case (SQLite's LIKE already ignores the case of ASCII letters; lower() on every cell would only
    cost time there)."""
    folded = word.casefold()
    conds = []
    for f in spec.table_fields:
        col = getattr(spec.model, f.key)
        if f.kind in ("text", "multiline", "phone"):
            conds.append(col.contains(word, autoescape=True) if sqlite else col.icontains(word, autoescape=True))
        elif f.kind in ("int", "float", "date"):
            conds.append(cast(col, String).contains(word, autoescape=True))
        elif f.kind in ("choice", "ref", "bool"):
            values = [v for v, text in _labels(f, refs).items() if folded in str(text).casefold()]
            if values:
                conds.append(col.in_(values))
    return or_(*conds) if conds else false()


def _order(spec: RegistrySpec, refs: dict[str, dict[Any, str]], key: str | None, descending: bool) -> list:
    if key is None:
        return [getattr(spec.model, spec.order_by), spec.model.id]
    f = spec.field(key)
    col = getattr(spec.model, key)
    labels = _labels(f, refs) if f.kind in ("choice", "ref", "bool") else {}
    if labels and len(labels) <= LABEL_ORDER_MAX:  # as the column reads: by label, not by code
        rank = {v: i for i, (v, _t) in enumerate(sorted(labels.items(), key=lambda kv: str(kv[1])))}
        col = case(rank, value=col, else_=len(rank))
    return [col.desc() if descending else col.asc(), spec.model.id.desc() if descending else spec.model.id]


def list_page(session: Session, spec: RegistrySpec, text: str = "", offset: int = 0, limit: int | None = None,
              sort: str | None = None, descending: bool = False, where: dict[str, Any] | None = None) -> RowPage:
    """Records of a registry *limit* at a time from *offset*, in the spec's order (or by the field *sort*),
    filtered in the store by every word of *text* (each word in some shown column); *where* fixes columns
    (e.g. one warehouse's stock). Never loads the whole registry."""
    limit = limit or PAGE
    base = select(spec.model)
    for key, value in (where or {}).items():
        base = base.where(getattr(spec.model, key) == value)
    refs = _refs(session, spec)
    stmt = base
    sqlite = session.get_bind().dialect.name == "sqlite"
    for word in text.split():
        stmt = stmt.where(_word(spec, word, refs, sqlite))
    objs = list(session.scalars(stmt.order_by(*_order(spec, refs, sort, descending)).offset(offset).limit(limit)))

    def count(q) -> int:
        return session.scalar(select(func.count()).select_from(q.subquery())) or 0

    # the page stops at *limit* rows (in index order); the count is a plain scan that materialises nothing
    matching = offset + len(objs) if len(objs) < limit and (objs or offset == 0) else count(stmt)
    total = matching if not text.split() else count(base)
    return RowPage([_to_row(spec, obj, refs) for obj in objs], matching, total, offset + len(objs) < matching)


def get_row(session: Session, spec: RegistrySpec, record_id: int) -> Row:
    """One record, as a Row."""
    obj = _load(session, spec, record_id)
    return _to_row(spec, obj, _refs(session, spec))


def _load(session: Session, spec: RegistrySpec, record_id: int) -> Any:
    obj = session.get(spec.model, record_id)
    if obj is None:
        raise UserError(f"该{spec.noun}已不存在（可能已被其他席位删除）。")
    return obj


# --- validation ----------------------------------------------------------

def _max_len(spec: RegistrySpec, key: str) -> int | None:
    col = spec.model.__table__.c.get(key)
    if col is not None and isinstance(col.type, String):
        return col.type.length
    return None


def _clean(session: Session, spec: RegistrySpec, f: Field, raw: Any, is_new: bool) -> Any:
    """Turn one raw input into a stored value, or raise ValidationError."""
    name = f.label
    if isinstance(raw, str):
        text = raw.strip()
        if CONTROL_RE.search(text):
            raise ValidationError(f"“{name}”包含不可见的控制字符，请重新输入。", f.key)
        if f.kind != "multiline" and ("\n" in text or "\r" in text):
            raise ValidationError(f"“{name}”不能换行。", f.key)
        raw = text
    empty = raw is None or raw == ""
    if f.kind == "pin":
        if empty:
            if is_new:
                raise ValidationError(f"新账户必须设置{name}。", f.key)
            return None
        return accounts.validate_pin(str(raw))
    if empty:
        if f.required:
            raise ValidationError(f"“{name}”不能为空。", f.key)
        if f.kind in ("text", "multiline", "phone"):
            return ""
        if f.kind == "bool":
            return False
        if f.kind == "choice" and "" in catalogue(f.catalogue):
            return ""
        return None
    if f.kind in ("int", "float"):
        try:
            number = int(raw) if f.kind == "int" else float(raw)
        except (TypeError, ValueError):
            kind = "整数" if f.kind == "int" else "数字"
            raise ValidationError(f"“{name}”须为{kind}，而不是“{raw}”。", f.key) from None
        if f.kind == "float" and number != number:  # NaN
            raise ValidationError(f"“{name}”须为数字。", f.key)
        if f.minimum is not None and number < f.minimum:
            raise ValidationError(f"“{name}”不能小于 {f.minimum:g}（输入为 {number:g}）。", f.key)
        if f.maximum is not None and number > f.maximum:
            raise ValidationError(f"“{name}”不能大于 {f.maximum:g}（输入为 {number:g}）。", f.key)
        return number
    if f.kind == "bool":
        if isinstance(raw, str):
            return raw in ("1", "是", "true", "True")
        return bool(raw)
    if f.kind == "date":
        if isinstance(raw, date):
            return raw
        try:
            return date.fromisoformat(str(raw))
        except ValueError:
            raise ValidationError(f"“{name}”须为日期，格式如 2027-06-30。", f.key) from None
    if f.kind in ("choice", "ref"):
        allowed = {v for v, _ in choices(session, f)}
        if f.kind == "ref" and isinstance(raw, str) and raw.isdigit() and int(raw) in allowed:
            raw = int(raw)
        if raw not in allowed:
            raise ValidationError(f"“{name}”的取值“{raw}”不在可选范围内。", f.key)
        return raw
    if f.kind == "phone" and not PHONE_RE.match(raw):
        raise ValidationError(f"“{name}”只能包含数字、“-”、“+”、括号和空格。", f.key)
    limit = _max_len(spec, f.key)
    if limit and len(raw) > limit:
        raise ValidationError(f"“{name}”不能超过 {limit} 个字（现有 {len(raw)} 个）。", f.key)
    return raw


def validate(session: Session, spec: RegistrySpec, raw: dict[str, Any], record_id: int | None = None) -> dict[str, Any]:
    """Check every field of *raw*; return clean values or raise on the first problem."""
    is_new = record_id is None
    clean: dict[str, Any] = {}
    for f in spec.fields:
        if not f.editable:
            continue
        if f.key not in raw:
            if is_new:
                clean[f.key] = _clean(session, spec, f, f.default, is_new)
            continue
        clean[f.key] = _clean(session, spec, f, raw[f.key], is_new)
    for f in spec.fields:
        if f.unique and f.key in clean and clean[f.key] not in (None, ""):
            col = getattr(spec.model, f.key)
            stmt = select(func.count()).select_from(spec.model).where(col == clean[f.key])
            if record_id is not None:
                stmt = stmt.where(spec.model.id != record_id)
            if session.scalar(stmt):
                raise ValidationError(f"已有{f.label}为“{clean[f.key]}”的{spec.noun}，{f.label}不能重复。", f.key)
    for check in spec.checks:
        current = session.get(spec.model, record_id) if record_id is not None else None
        check(session, clean, current)
    return clean


def merged(clean: dict[str, Any], current: Any, key: str) -> Any:
    """A field's value after the change: the cleaned input if given, else the stored record's."""
    if key in clean:
        return clean[key]
    return getattr(current, key, None) if current is not None else None


# --- changes -------------------------------------------------------------

def create(session: Session, spec: RegistrySpec, raw: dict[str, Any]) -> int:
    """Validate and insert a record for the signed-in actor; return its id."""
    auth.require(session.info.get("actor"), spec.permission)
    clean = validate(session, spec, raw)
    obj = spec.model()
    pin_keys = [f.key for f in spec.fields if f.kind == "pin"]
    for key, value in clean.items():
        if key not in pin_keys:
            setattr(obj, key, value)
    if spec.prepare:
        spec.prepare(session, obj, clean, True)
    session.add(obj)
    _flush(session, spec)
    return obj.id


def _conflict(spec: RegistrySpec, obj: Any, expected: Row) -> ConflictError:
    changed = [f.label for f in spec.fields if f.kind != "pin"
               and getattr(obj, f.key) != expected.values.get(f.key)]
    what = "、".join(changed) if changed else "记录版本"
    return ConflictError(
        f"该{spec.noun}已被其他席位修改（{what}），您的修改未保存。请查看最新内容后再改。"
    )


def update(session: Session, spec: RegistrySpec, record_id: int, raw: dict[str, Any],
           expected: Row | None = None) -> None:
    """Validate and apply edits; refuse if someone else changed the record first."""
    auth.require(session.info.get("actor"), spec.permission)
    obj = _load(session, spec, record_id)
    if expected is not None and obj.version != expected.version:
        raise _conflict(spec, obj, expected)
    clean = validate(session, spec, raw, record_id)
    for f in spec.fields:
        if f.key in clean and f.kind != "pin":
            setattr(obj, f.key, clean[f.key])
    if spec.prepare:
        spec.prepare(session, obj, clean, False)
    _flush(session, spec)


def delete(session: Session, spec: RegistrySpec, record_id: int, expected: Row | None = None) -> None:
    """Delete a record unless something still depends on it."""
    auth.require(session.info.get("actor"), spec.permission)
    obj = _load(session, spec, record_id)
    if expected is not None and obj.version != expected.version:
        raise _conflict(spec, obj, expected)
    if spec.before_delete:
        spec.before_delete(session, obj)
    session.delete(obj)
    _flush(session, spec)


def _flush(session: Session, spec: RegistrySpec) -> None:
    try:
        session.flush()
    except IntegrityError as exc:
        text = str(exc.orig)
        if "FOREIGN KEY" in text:
            raise UserError(f"该{spec.noun}仍被其他记录引用，不能删除或修改此项。") from exc
        if "UNIQUE" in text:
            raise ValidationError(f"{spec.noun}的编号或名称与已有记录重复。") from exc
        if "CHECK" in text:
            raise ValidationError(f"{spec.noun}的数值不合理（如负数），未保存。") from exc
        raise
