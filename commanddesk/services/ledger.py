"""The warehouse ledger: receipts, issues, returns, transfers, write-offs and stocktakes.

Every movement is one append-only ``StockMovement`` row, attributed (actor,
time) and reasoned, with a document number. ``StockLine.quantity`` is the
balance of its movements, changed only here and in the same transaction as
the movement, so "how much is in stock" is an indexed read of ``stock_line``
and never a scan of the ledger; :func:`check` proves the two agree. A movement
that would take a balance below zero is refused with the figures; two seats on
one file queue on SQLite's write lock (``BEGIN IMMEDIATE``), so the second one
sees the first one's issue before it checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from ..catalogues import label
from ..clock import format_beijing, to_beijing
from ..errors import ConflictError, UserError, ValidationError
from ..models import (
    Incident, Jurisdiction, MaterialItem, MaterialRequest, MaterialRequestLine, RescueTeam, StockLevel,
    StockLine, StockMovement, StockTransfer, Warehouse,
)
from ..rules.dispatch import haversine_km
from . import auth

KINDS = {"opening": "期初", "receipt": "入库", "issue": "出库", "return": "归还", "transfer_out": "调出",
         "transfer_in": "调入", "write_off": "报废核销", "stocktake": "盘点"}
DOC_PREFIX = {"opening": "QC", "receipt": "RK", "issue": "CK", "return": "GH", "transfer_out": "DB",
              "transfer_in": "DB", "write_off": "BF", "stocktake": "PD"}
CONDITIONS = {"good": "完好", "damaged": "损坏", "consumed": "已消耗"}
TRANSFER_STATUS = {"in_transit": "在途", "received": "已到库", "cancelled": "已撤回"}
MAX_QUANTITY = 10**9
EXPIRY_WARN_DAYS = 60


# --- small checks ----------------------------------------------------------

def _quantity(value, field: str = "quantity", allow_zero: bool = False) -> int:
    try:
        number = int(str(value).strip().replace(",", "").replace("，", "")) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError(f"数量须为整数，而不是“{value}”。", field) from None
    if number < 0 or (number == 0 and not allow_zero):
        raise ValidationError("数量须大于 0。" if not allow_zero else "数量不能为负数。", field)
    if number > MAX_QUANTITY:
        raise ValidationError(f"数量过大（{number}），请核对。", field)
    return number


def _reason(text: str, what: str = "事由") -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(f"请填写{what}（将记入台账）。", "reason")
    return text


def _actor(session: Session):
    return auth.require(session.info.get("actor"), auth.Permission.EDIT_REGISTRY)


def _today(session: Session) -> date:
    return to_beijing(session.info["clock"].now()).date()


def next_doc_number(session: Session, kind: str) -> str:
    """A new document number such as CK20261123-004 (kind prefix, Beijing date, sequence; 车1-… on a vehicle)."""
    from . import sites

    stem = f"{sites.prefix(session)}{DOC_PREFIX[kind]}{to_beijing(session.info['clock'].now()):%Y%m%d}-"
    session.flush()
    n = session.scalar(select(func.count(func.distinct(StockMovement.doc_number)))
                       .where(StockMovement.doc_number.like(f"{stem}%"))) or 0
    return f"{stem}{n + 1:03d}"


def _line(session: Session, line_id: int) -> StockLine:
    line = session.get(StockLine, line_id)
    if line is None:
        raise UserError("该库存行已不存在（可能已被其他席位删除）。")
    return line


def _describe(session: Session, line: StockLine) -> tuple[str, str, str]:
    """(warehouse name, item name with batch, unit) of a line, for messages."""
    house = session.get(Warehouse, line.warehouse_id)
    item = session.get(MaterialItem, line.item_id)
    batch = f"（批次 {line.batch}）" if line.batch else ""
    return house.name, f"“{item.name}”{batch}", item.unit


def _find_line(session: Session, warehouse_id: int, item_id: int, batch: str,
               expires_on: date | None) -> StockLine:
    """The line holding (depot, item, batch), created empty if there is none."""
    line = session.scalar(select(StockLine).where(StockLine.warehouse_id == warehouse_id,
                                                  StockLine.item_id == item_id, StockLine.batch == batch))
    if line is None:
        line = StockLine(warehouse_id=warehouse_id, item_id=item_id, batch=batch, quantity=0, expires_on=expires_on)
        session.add(line)
        session.flush()
    elif expires_on is not None and line.expires_on not in (None, expires_on):
        raise ValidationError(f"批次“{batch}”已登记的到期日期为 {line.expires_on}，与本次 {expires_on} 不同；"
                              "不同到期日期请使用不同批次号。", "expires_on")
    elif expires_on is not None and line.expires_on is None:
        line.expires_on = expires_on
    return line


def _post(session: Session, line: StockLine, delta: int, kind: str, reason: str, doc_number: str,
          **extra) -> StockMovement:
    """Write one movement and move the line's balance with it; refuse a negative balance."""
    if line.quantity + delta < 0:
        house, item, unit = _describe(session, line)
        verb = {"issue": "出库", "transfer_out": "调出", "write_off": "报废核销"}.get(kind, KINDS[kind])
        raise ValidationError(
            f"库存不足：{house}{item}现有 {line.quantity:,} {unit}，{verb} {-delta:,} {unit}，"
            f"还差 {-delta - line.quantity:,} {unit}。未作任何改动。", "quantity")
    actor = session.info.get("actor")
    line.quantity += delta
    fields = {"settled": 0, "condition": "", "counterparty": "", "approver": "", **extra}
    move = StockMovement(
        doc_number=doc_number, kind=kind, at=session.info["clock"].now(), warehouse_id=line.warehouse_id,
        item_id=line.item_id, stock_line_id=line.id, batch=line.batch, expires_on=line.expires_on,
        quantity=delta, balance_after=line.quantity, reason=reason,
        actor_id=getattr(actor, "operator_id", None), actor_name=getattr(actor, "name", "系统"), **fields)
    session.add(move)
    return move


def _check_version(session: Session, line: StockLine, expected_version: int | None) -> None:
    if expected_version is None or line.version == expected_version:
        return
    last = session.scalar(select(StockMovement).where(StockMovement.stock_line_id == line.id)
                          .order_by(StockMovement.id.desc()).limit(1))
    house, item, unit = _describe(session, line)
    what = ""
    if last is not None:
        what = (f"；最近一笔：{KINDS[last.kind]} {last.quantity:+,} {unit}，{last.actor_name} "
                f"{format_beijing(last.at, False)}")
    raise ConflictError(f"{house}{item}已被其他席位改动（现有 {line.quantity:,} {unit}{what}），"
                        "您的操作未执行，请核对后重试。")


# --- movements -------------------------------------------------------------

def receive(session: Session, warehouse_id: int, item_id: int, quantity, reason: str, source: str = "",
            batch: str = "", expires_on: date | None = None, approver: str = "") -> StockMovement:
    """入库: goods arrive in a depot (from a supplier, a donation, a purchase)."""
    _actor(session)
    quantity, reason = _quantity(quantity), _reason(reason, "入库事由")
    house = session.get(Warehouse, warehouse_id)
    item = session.get(MaterialItem, item_id)
    if house is None or item is None:
        raise UserError("所选仓库或物资已不存在。")
    if house.mode == "contract":
        raise ValidationError(f"“{house.name}”是协议储备，不存放实物库存：请记录为供应能力，不要入库。", "warehouse_id")
    if item.perishable and expires_on is None:
        raise ValidationError(f"“{item.name}”有保质期，入库须填写到期日期。", "expires_on")
    line = _find_line(session, warehouse_id, item_id, (batch or "").strip(), expires_on)
    move = _post(session, line, quantity, "receipt", reason, next_doc_number(session, "receipt"),
                 counterparty=source.strip()[:100], approver=approver.strip()[:40])
    session.flush()
    return move


def issue(session: Session, line_id: int, quantity, reason: str, incident_id: int | None = None,
          team_id: int | None = None, recipient: str = "", approver: str = "", doc_number: str | None = None,
          request_id: int | None = None, expected_version: int | None = None) -> StockMovement:
    """出库 / 调用: goods leave a depot for an incident or a team."""
    _actor(session)
    quantity, reason = _quantity(quantity), _reason(reason, "出库事由")
    line = _line(session, line_id)
    _check_version(session, line, expected_version)
    if line.expires_on is not None and line.expires_on < _today(session):
        house, item, _unit = _describe(session, line)
        raise ValidationError(f"{house}{item}已于 {line.expires_on} 过期，不能出库；请报废核销。", "quantity")
    if incident_id is not None and session.get(Incident, incident_id) is None:
        raise UserError("所选事件已不存在。")
    if team_id is not None and session.get(RescueTeam, team_id) is None:
        raise UserError("所选队伍已不存在。")
    move = _post(session, line, -quantity, "issue", reason, doc_number or next_doc_number(session, "issue"),
                 incident_id=incident_id, team_id=team_id, counterparty=recipient.strip()[:100],
                 approver=approver.strip()[:40], request_id=request_id)
    session.flush()
    return move


def outstanding(session: Session, incident_id: int, item_id: int) -> int:
    """Units of an item issued to an incident not yet returned, written off as damaged or consumed."""
    issued, settled = session.execute(
        select(func.coalesce(func.sum(-StockMovement.quantity).filter(StockMovement.kind == "issue"), 0),
               func.coalesce(func.sum(StockMovement.settled), 0))
        .where(StockMovement.incident_id == incident_id, StockMovement.item_id == item_id)).one()
    return issued - settled


def return_goods(session: Session, warehouse_id: int, item_id: int, quantity, condition: str, reason: str,
                 incident_id: int | None = None, batch: str = "", expires_on: date | None = None,
                 counterparty: str = "") -> list[StockMovement]:
    """归还: goods come back (good: into stock; damaged: in and written off; consumed: nothing returns)."""
    _actor(session)
    quantity, reason = _quantity(quantity), _reason(reason, "归还说明")
    if condition not in CONDITIONS:
        raise ValidationError("请选择归还状况：完好、损坏或已消耗。", "condition")
    item = session.get(MaterialItem, item_id)
    if item is None or session.get(Warehouse, warehouse_id) is None:
        raise UserError("所选仓库或物资已不存在。")
    if incident_id is not None:
        left = outstanding(session, incident_id, item_id)
        if quantity > left:
            from .sites import incident_heading

            inc = session.get(Incident, incident_id)
            shown = incident_heading(inc.sync_site, inc.site_number, inc.id) if inc is not None else f"#{incident_id}"
            raise ValidationError(f"事件 {shown} 领用的“{item.name}”尚未归还或核销的只有 {left:,} {item.unit}，"
                                  f"不能登记 {quantity:,} {item.unit}。", "quantity")
    line = _find_line(session, warehouse_id, item_id, (batch or "").strip(), expires_on)
    doc = next_doc_number(session, "return")
    common = dict(incident_id=incident_id, counterparty=counterparty.strip()[:100])
    text = f"{reason}（{CONDITIONS[condition]}）"
    if condition == "consumed":
        moves = [_post(session, line, 0, "return", text, doc, settled=quantity, condition=condition, **common)]
    else:
        moves = [_post(session, line, quantity, "return", text, doc, settled=quantity, condition=condition, **common)]
        if condition == "damaged":
            moves.append(_post(session, line, -quantity, "write_off", f"归还时损坏，报废核销：{reason}", doc,
                               approver=getattr(session.info.get("actor"), "name", ""), **common))
    session.flush()
    return moves


def write_off(session: Session, line_id: int, quantity, reason: str, approver: str,
              expected_version: int | None = None) -> StockMovement:
    """报废 / 核销: damaged, expired or lost goods leave the books; needs an approver."""
    _actor(session)
    quantity, reason = _quantity(quantity), _reason(reason, "报废核销原因")
    approver = (approver or "").strip()
    if not approver:
        raise ValidationError("报废核销须填写批准人。", "approver")
    line = _line(session, line_id)
    _check_version(session, line, expected_version)
    move = _post(session, line, -quantity, "write_off", reason, next_doc_number(session, "write_off"),
                 approver=approver[:40])
    session.flush()
    return move


def stocktake(session: Session, line_id: int, counted, reason: str, expected_book: int | None = None,
              doc_number: str | None = None) -> StockMovement:
    """盘点: post the difference between the counted and the book quantity, with a reason."""
    _actor(session)
    counted, reason = _quantity(counted, "counted", allow_zero=True), _reason(reason, "盘点说明")
    line = _line(session, line_id)
    if expected_book is not None and line.quantity != expected_book:
        house, item, unit = _describe(session, line)
        last = session.scalar(select(StockMovement).where(StockMovement.stock_line_id == line.id)
                              .order_by(StockMovement.id.desc()).limit(1))
        what = (f"（最近一笔：{KINDS[last.kind]} {last.quantity:+,} {unit}，{last.actor_name} "
                f"{format_beijing(last.at, False)}）") if last else ""
        raise ConflictError(f"盘点期间{house}{item}的账面已变化：开始盘点时 {expected_book:,} {unit}，"
                            f"现为 {line.quantity:,} {unit}{what}。请按现账面重新核对。")
    book = line.quantity
    move = _post(session, line, counted - book, "stocktake", reason,
                 doc_number or next_doc_number(session, "stocktake"), counted=counted)
    session.flush()
    return move


def transfer(session: Session, line_id: int, to_warehouse_id: int, quantity, reason: str, approver: str = "",
             incident_id: int | None = None, expected_version: int | None = None) -> StockTransfer:
    """调拨 (send): goods leave one depot and are in transit until received at the other."""
    actor = _actor(session)
    quantity, reason = _quantity(quantity), _reason(reason, "调拨事由")
    line = _line(session, line_id)
    _check_version(session, line, expected_version)
    target = session.get(Warehouse, to_warehouse_id)
    if target is None:
        raise UserError("调入仓库已不存在。")
    if to_warehouse_id == line.warehouse_id:
        raise ValidationError("调出与调入是同一个仓库。", "to_warehouse_id")
    if target.mode == "contract":
        raise ValidationError(f"“{target.name}”是协议储备，不接收实物调拨。", "to_warehouse_id")
    doc = next_doc_number(session, "transfer_out")
    t = StockTransfer(doc_number=doc, item_id=line.item_id, batch=line.batch, expires_on=line.expires_on,
                      quantity=quantity, from_warehouse_id=line.warehouse_id, to_warehouse_id=to_warehouse_id,
                      status="in_transit", sent_at=session.info["clock"].now(), reason=reason,
                      approver=approver.strip()[:40], incident_id=incident_id, sent_by=actor.name, received_by="")
    session.add(t)
    session.flush()
    _post(session, line, -quantity, "transfer_out", reason, doc, transfer_id=t.id, incident_id=incident_id,
          counterparty=target.name[:100], approver=approver.strip()[:40])
    session.flush()
    return t


def _open_transfer(session: Session, transfer_id: int, expected_version: int | None) -> StockTransfer:
    t = session.get(StockTransfer, transfer_id)
    if t is None:
        raise UserError("该调拨单已不存在。")
    if t.status != "in_transit":
        who = t.received_by or ""
        raise ConflictError(f"调拨单 {t.doc_number} 已{TRANSFER_STATUS[t.status]}"
                            f"（{who} {format_beijing(t.received_at, False)}），不能重复处理。")
    if expected_version is not None and t.version != expected_version:
        raise ConflictError(f"调拨单 {t.doc_number} 已被其他席位修改，请刷新后再处理。")
    return t


def receive_transfer(session: Session, transfer_id: int, expected_version: int | None = None) -> StockMovement:
    """调拨 (receive): the goods in transit arrive at the receiving depot."""
    actor = _actor(session)
    t = _open_transfer(session, transfer_id, expected_version)
    line = _find_line(session, t.to_warehouse_id, t.item_id, t.batch, t.expires_on)
    source = session.get(Warehouse, t.from_warehouse_id)
    move = _post(session, line, t.quantity, "transfer_in", t.reason, t.doc_number, transfer_id=t.id,
                 incident_id=t.incident_id, counterparty=source.name[:100], approver=t.approver)
    t.status, t.received_at, t.received_by = "received", session.info["clock"].now(), actor.name
    session.flush()
    return move


def cancel_transfer(session: Session, transfer_id: int, reason: str,
                    expected_version: int | None = None) -> StockMovement:
    """Withdraw a transfer in transit: the goods go back into the sending depot."""
    actor = _actor(session)
    reason = _reason(reason, "撤回原因")
    t = _open_transfer(session, transfer_id, expected_version)
    line = _find_line(session, t.from_warehouse_id, t.item_id, t.batch, t.expires_on)
    move = _post(session, line, t.quantity, "transfer_in", f"调拨撤回：{reason}", t.doc_number, transfer_id=t.id,
                 incident_id=t.incident_id, counterparty="（撤回）")
    t.status, t.received_at, t.received_by = "cancelled", session.info["clock"].now(), actor.name
    session.flush()
    return move


# --- the registry screen and the demo ----------------------------------------

def registry_edit(session: Session, line: StockLine, is_new: bool) -> None:
    """Turn a quantity typed on the stock registry screen into a stocktake movement.

    The registry keeps its form: a new line or a changed quantity is posted as
    盘点 (counted against the book), so the balance stays the sum of the ledger.
    """
    reason = session.info.get("ledger_reason") or (
        "在库存台账中新建库存行（按盘点登记）" if is_new else "在库存台账中直接修改数量（按盘点记账）")
    if is_new:
        counted = line.quantity or 0
        line.quantity = 0
        session.add(line)
        session.flush()
        _post(session, line, counted, "stocktake", reason, next_doc_number(session, "stocktake"), counted=counted)
        return
    history = inspect(line).attrs.quantity.history
    if not history.has_changes():
        return
    old = history.deleted[0] if history.deleted else 0
    counted = line.quantity
    line.quantity = old
    _post(session, line, counted - old, "stocktake", reason, next_doc_number(session, "stocktake"), counted=counted)


def registry_delete(session: Session, line: StockLine) -> None:
    """Before a stock line is deleted on the registry screen, write off what it still holds."""
    if line.quantity > 0:
        actor = session.info.get("actor")
        _post(session, line, -line.quantity, "write_off", "删除库存行，余量报废核销（库存台账操作）",
              next_doc_number(session, "write_off"), approver=getattr(actor, "name", "")[:40])
        session.flush()


def movement_count(session: Session, warehouse_id: int | None = None, item_id: int | None = None) -> int:
    """How many ledger rows mention a depot or an item (they may then not be deleted)."""
    stmt = select(func.count()).select_from(StockMovement)
    if warehouse_id is not None:
        stmt = stmt.where(StockMovement.warehouse_id == warehouse_id)
    if item_id is not None:
        stmt = stmt.where(StockMovement.item_id == item_id)
    return session.scalar(stmt) or 0


def open_balances(session: Session, reason: str = "期初库存（台账启用前已在库）") -> int:
    """Post an opening entry for every line whose ledger does not add up to its quantity.

    Used by the demo loader and once after upgrading a store whose stock
    predates the ledger. Returns the number of entries posted.
    """
    sums = dict(session.execute(select(StockMovement.stock_line_id, func.sum(StockMovement.quantity))
                                .group_by(StockMovement.stock_line_id)).all())
    lines = [ln for ln in session.scalars(select(StockLine).order_by(StockLine.id))
             if ln.quantity != (sums.get(ln.id) or 0)]
    if not lines:
        return 0
    doc = next_doc_number(session, "opening")
    actor = session.info.get("actor")
    now = session.info["clock"].now()
    session.add_all([StockMovement(
        doc_number=doc, kind="opening", at=now, warehouse_id=ln.warehouse_id, item_id=ln.item_id,
        stock_line_id=ln.id, batch=ln.batch, expires_on=ln.expires_on,
        quantity=ln.quantity - (sums.get(ln.id) or 0), balance_after=ln.quantity, reason=reason, settled=0,
        condition="", counterparty="", approver="", actor_id=getattr(actor, "operator_id", None),
        actor_name=getattr(actor, "name", "系统")) for ln in lines])
    session.flush()
    return len(lines)


# --- reading -----------------------------------------------------------------

def balance(session: Session, warehouse_id: int, item_id: int, batch: str | None = None) -> int:
    """Stock of an item in a depot (one batch, or all): an indexed read of the balances."""
    stmt = select(func.coalesce(func.sum(StockLine.quantity), 0)).where(
        StockLine.warehouse_id == warehouse_id, StockLine.item_id == item_id)
    if batch is not None:
        stmt = stmt.where(StockLine.batch == batch)
    return session.scalar(stmt)


def check(session: Session) -> list[str]:
    """Lines whose balance is not the sum of their movements, and movements or lines changed outside
    the app (their stored state differs from their last audit entry); empty: the books agree."""
    sums = select(StockMovement.stock_line_id.label("line_id"), func.sum(StockMovement.quantity).label("total")) \
        .group_by(StockMovement.stock_line_id).subquery()
    problems = [f"库存行 #{lid}：余额 {q}，台账合计 {t or 0}" for lid, q, t in session.execute(
        select(StockLine.id, StockLine.quantity, sums.c.total).outerjoin(sums, sums.c.line_id == StockLine.id)
        .where(StockLine.quantity != func.coalesce(sums.c.total, 0)))]
    problems += [f"已删除的库存行 #{lid}：台账合计 {t}，应为 0" for lid, t in session.execute(
        select(sums.c.line_id, sums.c.total).where(
            sums.c.line_id.not_in(select(StockLine.id)), sums.c.total != 0))]
    # a movement replaced and its balance fixed to match adds up: the rows' audited digests do not
    from . import audit

    problems += audit.row_problems(session.connection(), tables=("stock_movement", "stock_line"))[1]
    return problems


@dataclass(frozen=True)
class StockRow:
    """One stock line for the ledger screen."""

    line_id: int
    version: int
    warehouse_id: int
    warehouse: str
    level: str
    item_id: int
    item_code: str
    item: str
    category: str
    unit: str
    batch: str
    expires_on: date | None
    quantity: int
    minimum: int | None
    state: str  # "", "expired", "expiring", "low"


def stock_rows(session: Session, today: date, warehouse_id: int | None = None) -> list[StockRow]:
    """Stock lines with depot, item, quota and alert state, ordered by depot and item."""
    minimums = {(w, i): m for w, i, m in session.execute(
        select(StockLevel.warehouse_id, StockLevel.item_id, StockLevel.minimum))}
    totals = {(w, i): q for w, i, q in session.execute(
        select(StockLine.warehouse_id, StockLine.item_id, func.sum(StockLine.quantity))
        .group_by(StockLine.warehouse_id, StockLine.item_id))}
    stmt = (select(StockLine, Warehouse.name, Warehouse.level, MaterialItem.code, MaterialItem.name,
                   MaterialItem.category, MaterialItem.unit)
            .join(Warehouse, Warehouse.id == StockLine.warehouse_id)
            .join(MaterialItem, MaterialItem.id == StockLine.item_id)
            .order_by(Warehouse.code, MaterialItem.code, StockLine.batch))
    if warehouse_id is not None:
        stmt = stmt.where(StockLine.warehouse_id == warehouse_id)
    out = []
    soon = today + timedelta(days=EXPIRY_WARN_DAYS)
    for line, wname, level, icode, iname, cat, unit in session.execute(stmt):
        key = (line.warehouse_id, line.item_id)
        state = ""
        if line.expires_on is not None and line.quantity > 0 and line.expires_on < today:
            state = "expired"
        elif line.expires_on is not None and line.quantity > 0 and line.expires_on <= soon:
            state = "expiring"
        elif key in minimums and totals.get(key, 0) < minimums[key]:
            state = "low"
        out.append(StockRow(line.id, line.version, line.warehouse_id, wname, label("warehouse_level", level),
                            line.item_id, icode, iname, label("item_category", cat), unit, line.batch,
                            line.expires_on, line.quantity, minimums.get(key), state))
    return out


@dataclass(frozen=True)
class MovementRow:
    """One ledger entry for display."""

    id: int
    doc_number: str
    kind: str
    at: datetime
    warehouse: str
    item: str
    unit: str
    batch: str
    quantity: int
    balance_after: int
    reason: str
    counterparty: str
    approver: str
    incident_id: int | None
    actor_name: str
    incident_number: str = ""  # as people see it: #7 at the post, 车1-0007 for a vehicle's incident

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


def movements(session: Session, warehouse_id: int | None = None, item_id: int | None = None,
              incident_id: int | None = None, line_id: int | None = None, limit: int = 2000) -> list[MovementRow]:
    """Ledger entries, newest first (optionally for one depot, item, incident or line)."""
    from .sites import incident_heading

    stmt = (select(StockMovement, Warehouse.name, MaterialItem.name, MaterialItem.unit, Incident.sync_site,
                   Incident.site_number)
            .join(Warehouse, Warehouse.id == StockMovement.warehouse_id)
            .join(MaterialItem, MaterialItem.id == StockMovement.item_id)
            .outerjoin(Incident, Incident.id == StockMovement.incident_id)
            .order_by(StockMovement.id.desc()).limit(limit))
    for col, value in ((StockMovement.warehouse_id, warehouse_id), (StockMovement.item_id, item_id),
                       (StockMovement.incident_id, incident_id), (StockMovement.stock_line_id, line_id)):
        if value is not None:
            stmt = stmt.where(col == value)
    return [MovementRow(m.id, m.doc_number, m.kind, m.at, w, i, u, m.batch, m.quantity, m.balance_after, m.reason,
                        m.counterparty, m.approver, m.incident_id, m.actor_name,
                        incident_heading(site or "", number, m.incident_id) if m.incident_id else "")
            for m, w, i, u, site, number in session.execute(stmt)]


def transfers(session: Session, status: str | None = "in_transit") -> list[tuple[StockTransfer, str, str, str, str]]:
    """Transfers (in transit by default) with sending depot, receiving depot, item and unit."""
    src, dst = Warehouse.__table__.alias("src"), Warehouse.__table__.alias("dst")
    stmt = (select(StockTransfer, src.c.name, dst.c.name, MaterialItem.name, MaterialItem.unit)
            .join(src, src.c.id == StockTransfer.from_warehouse_id)
            .join(dst, dst.c.id == StockTransfer.to_warehouse_id)
            .join(MaterialItem, MaterialItem.id == StockTransfer.item_id).order_by(StockTransfer.id.desc()))
    if status is not None:
        stmt = stmt.where(StockTransfer.status == status)
    return [tuple(r) for r in session.execute(stmt)]


# --- quotas and alerts -----------------------------------------------------------

def set_minimum(session: Session, warehouse_id: int, item_id: int, minimum,
                expected_version: int | None = None) -> StockLevel:
    """Set the reserve quota of an item in a depot (0 removes the low-stock alert)."""
    _actor(session)
    minimum = _quantity(minimum, "minimum", allow_zero=True)
    row = session.scalar(select(StockLevel).where(StockLevel.warehouse_id == warehouse_id,
                                                  StockLevel.item_id == item_id))
    if row is None:
        row = StockLevel(warehouse_id=warehouse_id, item_id=item_id, minimum=minimum)
        session.add(row)
    else:
        if expected_version is not None and row.version != expected_version:
            raise ConflictError(f"该储备定额已被其他席位改为 {row.minimum:,}，您的修改未保存。")
        row.minimum = minimum
    session.flush()
    return row


@dataclass(frozen=True)
class Alert:
    """A low-stock or expiry warning."""

    kind: str  # low / expired / expiring
    warehouse_id: int
    warehouse: str
    item_id: int
    item: str
    text: str
    sort_key: tuple

    @property
    def kind_label(self) -> str:
        return {"low": "低于定额", "expired": "已过期", "expiring": "即将到期"}[self.kind]


def alerts(session: Session, today: date, expiry_days: int = EXPIRY_WARN_DAYS) -> list[Alert]:
    """Expired and soon-expiring stock, and items below their reserve quota; the most urgent first."""
    out = []
    soon = today + timedelta(days=expiry_days)
    for line, wname, iname, unit in session.execute(
            select(StockLine, Warehouse.name, MaterialItem.name, MaterialItem.unit)
            .join(Warehouse, Warehouse.id == StockLine.warehouse_id)
            .join(MaterialItem, MaterialItem.id == StockLine.item_id)
            .where(StockLine.expires_on.is_not(None), StockLine.quantity > 0, StockLine.expires_on <= soon)):
        days = (line.expires_on - today).days
        batch = f"批次 {line.batch}，" if line.batch else ""
        if days < 0:
            text = f"{wname}“{iname}”{line.quantity:,} {unit}（{batch}{line.expires_on} 到期）已过期 {-days} 天，请报废核销或轮换"
            out.append(Alert("expired", line.warehouse_id, wname, line.item_id, iname, text, (0, days)))
        else:
            text = f"{wname}“{iname}”{line.quantity:,} {unit}（{batch}{line.expires_on} 到期）还有 {days} 天到期，请安排轮换"
            out.append(Alert("expiring", line.warehouse_id, wname, line.item_id, iname, text, (2, days)))
    totals = select(StockLine.warehouse_id.label("w"), StockLine.item_id.label("i"),
                    func.sum(StockLine.quantity).label("q")).group_by(StockLine.warehouse_id, StockLine.item_id) \
        .subquery()
    for level, have, wname, iname, unit in session.execute(
            select(StockLevel, func.coalesce(totals.c.q, 0), Warehouse.name, MaterialItem.name, MaterialItem.unit)
            .outerjoin(totals, (totals.c.w == StockLevel.warehouse_id) & (totals.c.i == StockLevel.item_id))
            .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
            .join(MaterialItem, MaterialItem.id == StockLevel.item_id)
            .where(func.coalesce(totals.c.q, 0) < StockLevel.minimum)):
        share = have / level.minimum if level.minimum else 0
        text = (f"{wname}“{iname}”现有 {have:,} {unit}，低于储备定额 {level.minimum:,} {unit}"
                f"（缺 {level.minimum - have:,} {unit}），请补充")
        out.append(Alert("low", level.warehouse_id, wname, level.item_id, iname, text, (1, share)))
    return sorted(out, key=lambda a: (a.sort_key, a.warehouse, a.item))


# --- requests and fill plans ----------------------------------------------------

TIERS = {1: "本地乡镇（街道）储备点", 2: "本县（区）级储备库", 3: "市级储备库", 4: "其他县（区）储备（跨区调用）"}


@dataclass(frozen=True)
class Destination:
    """Where requested materials go."""

    label: str
    jurisdiction_code: str | None
    lat: float | None
    lon: float | None
    county_code: str | None


def _divisions(session: Session) -> dict[str, Jurisdiction]:
    return {j.code: j for j in session.scalars(select(Jurisdiction))}


def _county_of(divisions: dict[str, Jurisdiction], code: str | None) -> str | None:
    """The county, district or zone a division lies in (itself if it is one)."""
    seen = 0
    while code and code in divisions and seen < 10:
        j = divisions[code]
        if j.level in ("county", "zone"):
            return j.code
        if j.level in ("city", "province"):
            return None
        code, seen = j.parent_code, seen + 1
    return None


def destination(session: Session, text: str = "", jurisdiction_code: str | None = None,
                incident_id: int | None = None) -> Destination:
    """Resolve a destination from a division code, a place name, or the incident's location."""
    divisions = _divisions(session)
    j = divisions.get(jurisdiction_code) if jurisdiction_code else None
    text = (text or "").strip()
    if j is None and text:
        exact = [d for d in divisions.values() if d.name == text]
        inside = sorted((d for d in divisions.values() if len(d.name) >= 2 and d.name in text),
                        key=lambda d: -len(d.name))
        j = (exact or inside or [None])[0]
    if j is not None:
        return Destination(text or j.name, j.code, j.lat, j.lon, _county_of(divisions, j.code))
    if incident_id is not None:
        from .origin import incident_origin

        incident = session.get(Incident, incident_id)
        if incident is not None:
            origin = incident_origin(session, incident)
            county = _county_of(divisions, incident.jurisdiction_code)
            if origin is not None:
                return Destination(text or incident.place_text, incident.jurisdiction_code, origin.lat, origin.lon,
                                   county)
    if text:
        raise ValidationError(f"无法识别目的地“{text}”，请填写区划名称（如 海州区、板桥街道）。", "destination")
    raise ValidationError("请填写目的地。", "destination")


@dataclass(frozen=True)
class PlanLine:
    """Take *quantity* of one batch from one depot."""

    item_id: int
    item: str
    unit: str
    warehouse_id: int
    warehouse: str
    tier: int
    distance_km: float | None
    line_id: int
    line_version: int
    batch: str
    expires_on: date | None
    available: int
    quantity: int
    reason: str

    @property
    def tier_label(self) -> str:
        return TIERS[self.tier]


@dataclass(frozen=True)
class FillPlan:
    """A proposal to fill a request, with what cannot be filled."""

    destination: Destination
    wants: tuple[tuple[int, int], ...]  # (item id, quantity requested)
    lines: tuple[PlanLine, ...]
    shortfalls: tuple[tuple[int, str, str, int], ...]  # (item id, name, unit, missing)
    summary: tuple[str, ...]


def plan_fill(session: Session, dest: Destination, wants: list[tuple[int, int]]) -> FillPlan:
    """Propose which depots give what: local town points first, then the county, the city, other counties.

    Within a level the nearest depot comes first; within a depot the batch that
    expires first. Expired batches and contract reserves (not stock) are skipped.
    """
    today = _today(session)
    merged: dict[int, int] = {}
    for item_id, qty in wants:
        merged[item_id] = merged.get(item_id, 0) + _quantity(qty)
    if not merged:
        raise ValidationError("请至少填写一种物资和数量。", "items")
    items = {i.id: i for i in session.scalars(select(MaterialItem).where(MaterialItem.id.in_(merged)))}
    if len(items) != len(merged):
        raise UserError("所选物资已不存在。")
    divisions = _divisions(session)
    minimums = {(w, i): m for w, i, m in session.execute(
        select(StockLevel.warehouse_id, StockLevel.item_id, StockLevel.minimum)
        .where(StockLevel.item_id.in_(merged)))}
    rows = session.execute(
        select(StockLine.id, StockLine.version, StockLine.item_id, StockLine.batch, StockLine.expires_on,
               StockLine.quantity, Warehouse.id, Warehouse.name, Warehouse.level, Warehouse.jurisdiction_code,
               Warehouse.lat, Warehouse.lon)
        .join(Warehouse, Warehouse.id == StockLine.warehouse_id)
        .where(StockLine.item_id.in_(merged), StockLine.quantity > 0, Warehouse.mode != "contract")).all()
    houses: dict[int, tuple[int, float | None, str]] = {}
    for *_line, wid, wname, level, jcode, wlat, wlon in rows:
        if wid in houses:
            continue
        same = dest.county_code is None or _county_of(divisions, jcode) == dest.county_code
        if level not in ("town", "county"):
            tier = 3  # city level (and enterprise-held city reserves)
        else:
            tier = (1 if level == "town" else 2) if same else 4
        dist = haversine_km(wlat, wlon, dest.lat, dest.lon) if None not in (wlat, wlon, dest.lat, dest.lon) else None
        houses[wid] = (tier, dist, wname)
    order = lambda r: (houses[r[6]][0], houses[r[6]][1] is None, houses[r[6]][1] or 0, r[6],  # noqa: E731
                       r[4] is None, r[4] or date.max, r[0])
    lines, shortfalls, summary = [], [], []
    for item_id, need in merged.items():
        item = items[item_id]
        left, taken_by_tier = need, {}
        totals: dict[int, int] = {}
        for r in rows:
            if r[2] == item_id:
                totals[r[6]] = totals.get(r[6], 0) + r[5]
        for r in sorted((r for r in rows if r[2] == item_id), key=order):
            if left <= 0:
                break
            lid, ver, _iid, batch, expires, qty, wid, wname = r[:8]
            if expires is not None and expires < today:
                continue
            take = min(left, qty)
            tier, dist, _ = houses[wid]
            why = [TIERS[tier]]
            if dist is not None:
                why.append(f"距{dest.label}约 {dist:.1f} 千米（直线）")
            if expires is not None:
                why.append(f"先发先到期批次（{expires} 到期）")
            floor = minimums.get((wid, item_id))
            totals[wid] -= take
            if floor is not None and totals[wid] < floor:
                why.append(f"出库后余 {totals[wid]:,}，低于储备定额 {floor:,}")
            lines.append(PlanLine(item_id, item.name, item.unit, wid, wname, tier, dist, lid, ver, batch, expires,
                                  qty, take, "，".join(why)))
            taken_by_tier[tier] = taken_by_tier.get(tier, 0) + take
            left -= take
        parts = [f"{TIERS[t]} {q:,} {item.unit}" for t, q in sorted(taken_by_tier.items())]
        text = f"{item.name}：需 {need:,} {item.unit}，" + ("；".join(parts) if parts else "各级均无可用库存")
        if left > 0:
            shortfalls.append((item_id, item.name, item.unit, left))
            text += f"；仍缺 {left:,} {item.unit}，请向上级申请调拨或启用协议储备"
        summary.append(text)
    return FillPlan(dest, tuple(merged.items()), tuple(lines), tuple(shortfalls), tuple(summary))


def confirm_fill(session: Session, plan: FillPlan, reason: str, incident_id: int | None = None,
                 approver: str = "") -> MaterialRequest:
    """Write every issue of a confirmed plan under one document number, in this one transaction.

    If another seat has meanwhile taken stock so that a planned line no longer
    holds enough, nothing is written and the message says what changed.
    """
    actor = _actor(session)
    reason = _reason(reason, "调用事由")
    if not plan.lines:
        raise ValidationError("调用方案中没有可出库的物资。", "items")
    if incident_id is not None and session.get(Incident, incident_id) is None:
        raise UserError("所选事件已不存在。")
    changed = []
    for p in plan.lines:
        line = session.get(StockLine, p.line_id)
        now_qty = line.quantity if line is not None else 0
        if now_qty < p.quantity:
            changed.append(f"{p.warehouse}“{p.item}”计划出库 {p.quantity:,} {p.unit}，"
                           f"生成方案时有 {p.available:,}，现仅有 {now_qty:,}")
    if changed:
        raise ConflictError("库存已被其他席位改动，调用方案未执行：" + "；".join(changed) + "。请重新生成方案。")
    dest = plan.destination
    doc = next_doc_number(session, "issue")
    request = MaterialRequest(doc_number=doc, incident_id=incident_id, destination=dest.label[:100],
                              jurisdiction_code=dest.jurisdiction_code, lat=dest.lat, lon=dest.lon,
                              requested_at=session.info["clock"].now(),
                              status="partial" if plan.shortfalls else "filled", reason=reason,
                              approver=approver.strip()[:40], actor_id=actor.operator_id, actor_name=actor.name)
    session.add(request)
    session.flush()
    issued: dict[int, int] = {}
    for p in plan.lines:
        issue(session, p.line_id, p.quantity, reason, incident_id=incident_id, recipient=dest.label,
              approver=approver, doc_number=doc, request_id=request.id)
        issued[p.item_id] = issued.get(p.item_id, 0) + p.quantity
    for item_id, wanted in plan.wants:
        session.add(MaterialRequestLine(request_id=request.id, item_id=item_id, requested=wanted,
                                        issued=issued.get(item_id, 0)))
    if incident_id is not None:
        from . import timeline

        names = {p.item_id: (p.item, p.unit) for p in plan.lines}
        parts = [f"{names[i][0]} {q:,} {names[i][1]}" for i, q in issued.items()]
        short = "；".join(f"{n}缺 {m:,} {u}" for _i, n, u, m in plan.shortfalls)
        timeline.record(session, session.get(Incident, incident_id), "materials",
                  f"物资调用 {doc} → {dest.label}：" + "、".join(parts) + (f"（{short}）" if short else ""),
                  {"request_id": request.id, "doc_number": doc})
    session.flush()
    return request


_NUMBER = re.compile(r"\d+")
_DEST = re.compile(r"(?:送往|送至|送到|调往|运往|运至|发往|调至|送|运|到|至|给)\s*([^\s，,、；;。]+?)\s*[。.]?\s*$")


def parse_request(session: Session, text: str) -> tuple[list[tuple[int, int]], str, list[str]]:
    """Read "救生衣 2000 件、发电机 50 台，送海州区" into (item id, quantity) pairs, destination and problems."""
    text = re.sub(r"(?<=\d)[,，](?=\d{3})", "", text or "").strip()
    dest = ""
    m = _DEST.search(text)
    if m:
        dest, text = m.group(1), text[:m.start()]
    names = sorted(((i.name, i.id) for i in session.scalars(select(MaterialItem))), key=lambda p: -len(p[0]))
    wants, problems = [], []
    for part in re.split(r"[，,、；;和及与\n]+", text):
        part = part.strip()
        if not part:
            continue
        item = next(((n, i) for n, i in names if n in part), None)
        number = _NUMBER.search(part)
        if item is None:
            problems.append(f"“{part}”中没有找到目录里的物资名称")
        elif number is None:
            problems.append(f"“{part}”没有数量")
        else:
            wants.append((item[1], int(number.group())))
    return wants, dest, problems


def warehouse_names(session: Session) -> dict[int, str]:
    """Warehouse id → name, in code order (for choosers)."""
    return {h.id: h.name for h in session.scalars(select(Warehouse).order_by(Warehouse.code))}


def item_names(session: Session) -> dict[int, str]:
    """Material item id → 名称（单位）, in code order (for choosers)."""
    return {i.id: f"{i.name}（{i.unit}）" for i in session.scalars(select(MaterialItem).order_by(MaterialItem.code))}
