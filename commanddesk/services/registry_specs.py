"""The nine registries (teams, warehouses, items, stock, shelters, hazard sites, organisations, contacts,
user accounts): their fields, cross-field rules and delete guards, as ``RegistrySpec``s for the engine."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import UserError, ValidationError
from ..models import (
    Contact, HazardSite, MaterialItem, Operator, Organisation, RescueTeam, Shelter, Shift, StockLine, Warehouse,
)
from . import accounts, auth
from .auth import Permission
from .registry import Field, RegistrySpec, merged

LAT_RANGE, LON_RANGE = (3.0, 54.0), (73.0, 136.0)  # China, WGS-84


# --- cross-field rules ---------------------------------------------------

def _coords(session: Session, clean: dict[str, Any], current: Any) -> None:
    lat, lon = merged(clean, current, "lat"), merged(clean, current, "lon")
    if (lat is None) != (lon is None):
        raise ValidationError("经度和纬度须同时填写或同时留空。", "lat" if lat is None else "lon")
    if lat is not None and not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        raise ValidationError(f"纬度 {lat:g} 不在中国境内（应为 3 至 54，WGS-84 十进制度）。", "lat")
    if lon is not None and not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        raise ValidationError(f"经度 {lon:g} 不在中国境内（应为 73 至 136，WGS-84 十进制度）。", "lon")


def _team_strength(session: Session, clean: dict[str, Any], current: Any) -> None:
    head, duty = merged(clean, current, "headcount"), merged(clean, current, "on_duty")
    if head is not None and duty is not None and duty > head:
        raise ValidationError(f"在岗人数（{duty}）不能多于总人数（{head}）。", "on_duty")


def _shelter_occupancy(session: Session, clean: dict[str, Any], current: Any) -> None:
    """Occupancy is kept by placements (services.shelters); here only a capacity cut below it is refused."""
    if "capacity" not in clean or current is None:
        return
    if clean["capacity"] < (current.occupancy or 0):
        raise ValidationError(f"容量（{clean['capacity']}）不能小于当前已安置人数（{current.occupancy}）。", "capacity")


def _stock_expiry(session: Session, clean: dict[str, Any], current: Any) -> None:
    item_id = merged(clean, current, "item_id")
    item = session.get(MaterialItem, item_id) if item_id is not None else None
    if item is not None and item.perishable and merged(clean, current, "expires_on") is None:
        raise ValidationError(f"“{item.name}”有保质期，请填写到期日期。", "expires_on")


def _stock_unique(session: Session, clean: dict[str, Any], current: Any) -> None:
    key = (merged(clean, current, "warehouse_id"), merged(clean, current, "item_id"),
           merged(clean, current, "batch") or "")
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
