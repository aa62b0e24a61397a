"""Resource registries: listing, validating, creating, editing and deleting.

Each registry (teams, warehouses, stock, items, shelters, hazard sites,
organisations, contacts, user accounts) is described by a ``RegistrySpec``: its
ORM class and its fields. One set of functions serves them all, so every
registry validates, audits and refuses bad input the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import String, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..catalogues import catalogue, label
from ..errors import ConflictError, UserError, ValidationError
from ..models import (
    Contact, HazardSite, Jurisdiction, MaterialItem, Operator, Organisation,
    RescueTeam, Shelter, Shift, StockLine, TeamType, Warehouse,
)
from . import accounts, auth
from .auth import Permission

PHONE_RE = re.compile(r"^[0-9+\-() 转#]*$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LAT_RANGE, LON_RANGE = (3.0, 54.0), (73.0, 136.0)  # China, WGS-84


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
    """All records of a registry (optionally filtered by equal columns), ordered."""
    stmt = select(spec.model).order_by(getattr(spec.model, spec.order_by), spec.model.id)
    for key, value in where.items():
        stmt = stmt.where(getattr(spec.model, key) == value)
    refs = _refs(session, spec)
    return [_to_row(spec, obj, refs) for obj in session.scalars(stmt)]


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


def _merged(clean: dict[str, Any], current: Any, key: str) -> Any:
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


# --- cross-field rules ---------------------------------------------------

def _coords(session: Session, clean: dict[str, Any], current: Any) -> None:
    lat, lon = _merged(clean, current, "lat"), _merged(clean, current, "lon")
    if (lat is None) != (lon is None):
        raise ValidationError("经度和纬度须同时填写或同时留空。", "lat" if lat is None else "lon")
    if lat is not None and not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        raise ValidationError(f"纬度 {lat:g} 不在中国境内（应为 3 至 54，WGS-84 十进制度）。", "lat")
    if lon is not None and not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        raise ValidationError(f"经度 {lon:g} 不在中国境内（应为 73 至 136，WGS-84 十进制度）。", "lon")


def _team_strength(session: Session, clean: dict[str, Any], current: Any) -> None:
    head, duty = _merged(clean, current, "headcount"), _merged(clean, current, "on_duty")
    if head is not None and duty is not None and duty > head:
        raise ValidationError(f"在岗人数（{duty}）不能多于总人数（{head}）。", "on_duty")


def _shelter_occupancy(session: Session, clean: dict[str, Any], current: Any) -> None:
    """Occupancy is kept by placements (services.shelters); here only a capacity cut below it is refused."""
    if "capacity" not in clean or current is None:
        return
    if clean["capacity"] < (current.occupancy or 0):
        raise ValidationError(f"容量（{clean['capacity']}）不能小于当前已安置人数（{current.occupancy}）。", "capacity")


def _stock_expiry(session: Session, clean: dict[str, Any], current: Any) -> None:
    item_id = _merged(clean, current, "item_id")
    item = session.get(MaterialItem, item_id) if item_id is not None else None
    if item is not None and item.perishable and _merged(clean, current, "expires_on") is None:
        raise ValidationError(f"“{item.name}”有保质期，请填写到期日期。", "expires_on")


def _stock_unique(session: Session, clean: dict[str, Any], current: Any) -> None:
    key = (_merged(clean, current, "warehouse_id"), _merged(clean, current, "item_id"),
           _merged(clean, current, "batch") or "")
    stmt = select(StockLine.id).where(StockLine.warehouse_id == key[0], StockLine.item_id == key[1],
                                      StockLine.batch == key[2])
    if current is not None:
        stmt = stmt.where(StockLine.id != current.id)
    if session.scalar(stmt) is not None:
        raise ValidationError("该仓库已有同一物资同一批次的库存行，请直接修改那一行。", "batch")


def _team_deletable(session: Session, obj: RescueTeam) -> None:
    from ..models import Dispatch

    if session.scalar(select(func.count()).select_from(Dispatch).where(Dispatch.team_id == obj.id)):
        raise UserError(f"队伍“{obj.name}”有调派记录，不能删除；可将其状态改为不可用。")


def _warehouse_empty(session: Session, obj: Warehouse) -> None:
    from . import ledger

    held = session.scalar(select(func.coalesce(func.sum(StockLine.quantity), 0))
                          .where(StockLine.warehouse_id == obj.id))
    if held:
        raise UserError(f"仓库“{obj.name}”仍有库存（共 {held} 件/套），请先调出或核销后再删除。")
    moves = ledger.movement_count(session, warehouse_id=obj.id)
    if moves:
        raise UserError(f"仓库“{obj.name}”已有 {moves} 笔出入库记录，台账须保留，不能删除。")
    for line in list(obj.stock):
        session.delete(line)


def _item_unused(session: Session, obj: MaterialItem) -> None:
    from . import ledger

    n = session.scalar(select(func.count()).select_from(StockLine).where(StockLine.item_id == obj.id))
    if n:
        raise UserError(f"物资“{obj.name}”在 {n} 个库存行中使用，不能删除。")
    moves = ledger.movement_count(session, item_id=obj.id)
    if moves:
        raise UserError(f"物资“{obj.name}”已有 {moves} 笔出入库记录，台账须保留，不能删除。")


def _stock_key_fixed(session: Session, clean: dict[str, Any], current: Any) -> None:
    if current is None:
        return
    for key, name in (("warehouse_id", "仓库"), ("item_id", "物资")):
        if key in clean and clean[key] != getattr(current, key):
            raise ValidationError(f"已有库存行的{name}不能修改（台账按库存行记账）：换仓库请用调拨，"
                                  "登记错了请将本行盘点为 0 后新建。", key)


def _stock_to_ledger(session: Session, obj: StockLine, clean: dict[str, Any], is_new: bool) -> None:
    # The quantity typed here is a count: it is posted as a stocktake movement.
    from . import ledger

    ledger.registry_edit(session, obj, is_new)


def _stock_line_deletable(session: Session, obj: StockLine) -> None:
    from . import ledger

    ledger.registry_delete(session, obj)


def _organisation_unused(session: Session, obj: Organisation) -> None:
    n = session.scalar(select(func.count()).select_from(Contact).where(Contact.organisation_id == obj.id))
    if n:
        raise UserError(f"单位“{obj.name}”下还有 {n} 位联系人，请先删除或改挂其他单位。")


def _admins_left(session: Session, exclude_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Operator).where(
        Operator.role == auth.Role.ADMIN, Operator.active.is_(True), Operator.id != exclude_id)) or 0


def _operator_rules(session: Session, clean: dict[str, Any], current: Any) -> None:
    if current is None or current.role != auth.Role.ADMIN:
        return
    demoted = clean.get("role", current.role) != auth.Role.ADMIN or not clean.get("active", current.active)
    if demoted and not _admins_left(session, current.id):
        raise ValidationError("至少须保留一个启用的系统管理员账户。", "role")


def _operator_pin(session: Session, obj: Operator, clean: dict[str, Any], is_new: bool) -> None:
    if clean.get("pin"):
        obj.pin_hash = accounts.hash_pin(clean["pin"])


def _operator_deletable(session: Session, obj: Operator) -> None:
    if session.scalar(select(func.count()).select_from(Shift).where(Shift.operator_id == obj.id)):
        raise UserError(f"账户“{obj.name}”已有值班记录，不能删除；可将其停用。")
    if obj.role == auth.Role.ADMIN and not _admins_left(session, obj.id):
        raise UserError("至少须保留一个启用的系统管理员账户。")


# --- the registries ------------------------------------------------------

def _place_fields(address_key: str = "address", address_label: str = "地址") -> tuple[Field, ...]:
    return (
        Field("jurisdiction_code", "所属区划", "ref", ref="jurisdiction"),
        Field(address_key, address_label, in_table=False),
        Field("lat", "纬度", "float", minimum=-90, maximum=90, in_table=False, hint="WGS-84 十进制度"),
        Field("lon", "经度", "float", minimum=-180, maximum=180, in_table=False, hint="WGS-84 十进制度"),
    )


TEAMS = RegistrySpec(
    "teams", "救援队伍", "队伍", RescueTeam,
    (
        Field("code", "编号", required=True, unique=True),
        Field("name", "名称", required=True),
        Field("team_type", "类型", "ref", required=True, ref="team_type"),
        Field("tier", "力量类别", "choice", required=True, catalogue="team_tier", default="professional"),
        Field("status", "状态", "choice", catalogue="team_status", editable=False, default="available"),
        Field("headcount", "总人数", "int", required=True, minimum=0, maximum=100000),
        Field("on_duty", "在岗人数", "int", minimum=0, maximum=100000, default=0),
        Field("standing", "常备值守", "bool", default=True, hint="否 = 接令后集结"),
        Field("lead_unit", "牵头单位"),
        Field("host", "依托单位", in_table=False),
        Field("capabilities", "专长", "multiline", in_table=False, hint="以“；”分隔"),
        Field("equipment", "主要装备", "multiline", in_table=False, hint="以“；”分隔，如 冲锋舟×4"),
        *_place_fields("base_address", "驻地"),
        Field("leader", "负责人"),
        Field("duty_phone", "值班电话", "phone"),
        Field("radio_channel", "电台频道", in_table=False),
    ),
    checks=(_team_strength, _coords),
    before_delete=lambda session, obj: _team_deletable(session, obj),
)

WAREHOUSES = RegistrySpec(
    "warehouses", "物资仓库", "仓库", Warehouse,
    (
        Field("code", "编号", required=True, unique=True),
        Field("name", "名称", required=True, unique=True),
        Field("level", "储备层级", "choice", required=True, catalogue="warehouse_level"),
        Field("mode", "储备方式", "choice", required=True, catalogue="warehouse_mode", default="physical"),
        *_place_fields(),
        Field("manager", "负责人"),
        Field("phone", "电话", "phone"),
        Field("area_m2", "面积（㎡）", "int", minimum=0, maximum=10_000_000, in_table=False),
    ),
    checks=(_coords,),
    before_delete=_warehouse_empty,
)

ITEMS = RegistrySpec(
    "items", "物资目录", "物资品目", MaterialItem,
    (
        Field("code", "编码", required=True, unique=True),
        Field("name", "名称", required=True, unique=True),
        Field("category", "类别", "choice", required=True, catalogue="item_category"),
        Field("unit", "计量单位", required=True),
        Field("spec", "规格型号"),
        Field("perishable", "有保质期", "bool", default=False),
        Field("shelf_life_days", "保质期（天）", "int", minimum=1, maximum=36500),
        Field("for_vulnerable", "妇幼/残障专用", "bool", default=False),
    ),
    before_delete=_item_unused,
)

STOCK = RegistrySpec(
    "stock", "库存", "库存行", StockLine,
    (
        Field("warehouse_id", "仓库", "ref", required=True, ref="warehouse"),
        Field("item_id", "物资", "ref", required=True, ref="item"),
        Field("quantity", "数量", "int", required=True, minimum=0, maximum=10**9),
        Field("batch", "批次"),
        Field("expires_on", "到期日期", "date"),
    ),
    order_by="warehouse_id",
    checks=(_stock_unique, _stock_expiry, _stock_key_fixed),
    before_delete=_stock_line_deletable,
    prepare=_stock_to_ledger,
    title_key="item_id",
)

SHELTERS = RegistrySpec(
    "shelters", "避难场所", "避难场所", Shelter,
    (
        Field("code", "编号", required=True, unique=True),
        Field("name", "名称", required=True),
        Field("level", "等级", "choice", required=True, catalogue="shelter_level"),
        Field("kind", "类型", "choice", required=True, catalogue="shelter_kind"),
        Field("indoor", "室内", "bool", default=False, in_table=False),
        Field("capacity", "容量（人）", "int", required=True, minimum=0, maximum=10**7),
        Field("occupancy", "已安置（人）", "int", editable=False, default=0, hint="由“安置”操作维护"),
        Field("status", "状态", "choice", catalogue="shelter_status", default="standby"),
        *_place_fields(),
        Field("area_m2", "面积（㎡）", "int", minimum=0, maximum=10**8, in_table=False),
        Field("facilities", "设施", "multiline", in_table=False, hint="以“；”分隔"),
        Field("manager", "管理人"),
        Field("phone", "电话", "phone"),
    ),
    checks=(_shelter_occupancy, _coords),
)

HAZARDS = RegistrySpec(
    "hazards", "风险隐患点", "风险隐患点", HazardSite,
    (
        Field("code", "编号", required=True, unique=True),
        Field("name", "名称", required=True),
        Field("kind", "类型", "choice", required=True, catalogue="hazard_kind"),
        Field("risk_level", "风险等级", "choice", required=True, catalogue="risk_level"),
        *_place_fields(),
        Field("owner_unit", "责任单位"),
        Field("contact_name", "联系人"),
        Field("phone", "电话", "phone"),
        Field("notes", "主要风险", "multiline", in_table=False),
    ),
    checks=(_coords,),
)

ORGANISATIONS = RegistrySpec(
    "organisations", "单位", "单位", Organisation,
    (
        Field("code", "编号", required=True, unique=True),
        Field("name", "名称", required=True, unique=True),
        Field("kind", "类别", "choice", required=True, catalogue="organisation_kind"),
        Field("jurisdiction_code", "所属区划", "ref", ref="jurisdiction"),
        Field("duty_phone", "值班电话", "phone"),
        Field("address", "地址", in_table=False),
        Field("notes", "备注", "multiline", in_table=False),
    ),
    before_delete=_organisation_unused,
)

CONTACTS = RegistrySpec(
    "contacts", "联系人", "联系人", Contact,
    (
        Field("name", "姓名", required=True),
        Field("organisation_id", "单位", "ref", ref="organisation"),
        Field("post", "职务"),
        Field("duty_role", "值班角色", "choice", catalogue="duty_role", default=""),
        Field("office_phone", "办公电话", "phone"),
        Field("mobile", "手机", "phone"),
        Field("notes", "备注", "multiline", in_table=False),
    ),
    order_by="organisation_id",
)

OPERATORS = RegistrySpec(
    "operators", "用户账户", "账户", Operator,
    (
        Field("name", "姓名", required=True, unique=True),
        Field("role", "角色", "choice", required=True, catalogue="operator_role"),
        Field("post", "岗位"),
        Field("active", "启用", "bool", default=True),
        Field("pin", "PIN", "pin", in_table=False, hint="6–12 位数字，不可过于简单；编辑时留空表示不修改"),
    ),
    order_by="id",
    permission=Permission.MANAGE_USERS,
    checks=(_operator_rules,),
    before_delete=_operator_deletable,
    prepare=_operator_pin,
)

REGISTRIES: dict[str, RegistrySpec] = {
    s.key: s for s in (TEAMS, WAREHOUSES, ITEMS, STOCK, SHELTERS, HAZARDS, ORGANISATIONS, CONTACTS, OPERATORS)
}
