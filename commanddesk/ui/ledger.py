"""物资台账: stock with its movements, the ledger, transfers in transit, requests and alerts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSplitter, QTabWidget,
    QVBoxLayout, QWidget,
)

from ..clock import format_beijing, to_beijing
from ..errors import UserError, ValidationError
from ..services import incidents, ledger
from . import theme
from .context import AppContext
from .texts import t
from .dialogs import FormDialog
from .widgets import error_label
from .text_table import TextRow, TextTable

STATE_COLOURS = {"expired": ("#b71c1c", "#ffcdd2"), "expiring": ("#8d5a00", "#fff3cd"), "low": ("#8d5a00", "#fff3cd")}
STATE_TEXT = {"expired": "已过期", "expiring": "即将到期", "low": "低于定额", "": ""}
DATA_KEY = "stock"  # what the page announces on the notifier after a movement


def _date(text: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError("到期日期须为日期，格式如 2027-06-30。", "expires_on") from None


class LedgerPage(QTabWidget):
    """A work area for the material reserves: stock, ledger, transfers, requests and alerts."""

    STOCK_HEADERS = ["仓库", "层级", "物资", "类别", "批次", "到期日期", "数量", "单位", "储备定额", "提示"]
    MOVE_HEADERS = ["时间", "单号", "类型", "仓库", "物资", "批次", "数量", "结存", "事由", "对方", "批准人", "事件",
                    "经办人"]

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ledger.StockRow] = []
        self.moves: list[ledger.MovementRow] = []
        self.transfer_rows: list = []
        self.alert_rows: list[ledger.Alert] = []
        self._stale = True
        self.addTab(self._build_stock(), self.tr("库存台账"))
        self.addTab(self._build_moves(), self.tr("出入库流水"))
        self.addTab(self._build_transfers(), self.tr("调拨在途"))
        self.plan_panel = FillPlanPanel(ctx, self)
        self.plan_panel.sig_changed.connect(self._after_change)
        self.addTab(self.plan_panel, self.tr("物资调用"))
        self.addTab(self._build_alerts(), self.tr("预警"))
        ctx.notifier.sig_data_changed.connect(self._data_changed)

    # --- building ---
    def _build_stock(self) -> QWidget:
        w = QWidget()
        self.filter = QLineEdit()
        self.filter.setObjectName("stock_filter")
        self.filter.setPlaceholderText(self.tr("筛选：仓库、物资、批次等关键字，空格分隔多个词"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.house = QComboBox()
        self.house.setObjectName("stock_house")
        self.house.currentIndexChanged.connect(self._apply_filter)
        self.only_alerts = QCheckBox(self.tr("只看预警"))
        self.only_alerts.toggled.connect(self._apply_filter)
        self.count = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.house)
        bar.addWidget(self.only_alerts)
        bar.addWidget(self.count)
        self.stock_table = TextTable(self.STOCK_HEADERS, "stock_table", right=(6, 8))
        self.stock_table.selectionModel().selectionChanged.connect(lambda *_: self._line_selected())
        buttons = QHBoxLayout()
        self.movement_buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("receipt", "入库…", self.open_receipt), ("issue", "出库…", self.open_issue),
                                ("return", "归还…", self.open_return), ("transfer", "调拨…", self.open_transfer),
                                ("write_off", "报废核销…", self.open_write_off),
                                ("stocktake", "盘点…", self.open_stocktake), ("minimum", "储备定额…", self.open_minimum)):
            b = QPushButton(t(text))
            b.setObjectName(f"btn_{key}")
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.movement_buttons[key] = b
        buttons.addStretch(1)
        self.line_title = QLabel()
        self.line_title.setObjectName("line_title")
        self.line_title.setStyleSheet("font-weight:bold;")
        self.line_moves = TextTable(["时间", "单号", "类型", "数量", "结存", "事由", "经办人"], "line_moves", right=(3, 4))
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.line_title)
        ll.addWidget(self.line_moves, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.stock_table)
        split.addWidget(lower)
        split.setSizes([420, 180])
        self.message = error_label("ledger_message")
        layout = QVBoxLayout(w)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        return w

    def _build_moves(self) -> QWidget:
        w = QWidget()
        self.move_filter = QLineEdit()
        self.move_filter.setObjectName("move_filter")
        self.move_filter.setPlaceholderText(self.tr("筛选：单号、类型、仓库、物资、事由、经办人……"))
        self.move_filter.setClearButtonEnabled(True)
        self.move_filter.textChanged.connect(self._filter_moves)
        self.move_count = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.move_filter, 1)
        bar.addWidget(self.move_count)
        self.move_table = TextTable(self.MOVE_HEADERS, "move_table", right=(6, 7))
        note = QLabel(self.tr("台账只增不改：更正以新的一笔记录（如盘点）登记。最近 2000 笔。"))
        theme.mark(note, "muted")
        layout = QVBoxLayout(w)
        layout.addLayout(bar)
        layout.addWidget(self.move_table, 1)
        layout.addWidget(note)
        return w

    def _build_transfers(self) -> QWidget:
        w = QWidget()
        self.transfer_table = TextTable(["调拨单", "物资", "数量", "调出仓库", "调入仓库", "发出时间", "经办人", "事由"],
                                        "transfer_table", right=(2,))
        self.btn_receive = QPushButton(self.tr("确认到库"))
        self.btn_receive.setObjectName("btn_receive_transfer")
        self.btn_receive.clicked.connect(self.receive_selected_transfer)
        self.btn_cancel = QPushButton(self.tr("撤回…"))
        self.btn_cancel.clicked.connect(self.cancel_selected_transfer)
        self.transfer_message = error_label("transfer_message")
        buttons = QHBoxLayout()
        buttons.addWidget(self.transfer_message, 1)
        buttons.addWidget(self.btn_cancel)
        buttons.addWidget(self.btn_receive)
        layout = QVBoxLayout(w)
        layout.addWidget(QLabel(self.tr("已从调出仓库出库、尚未在调入仓库入库的调拨：")))
        layout.addWidget(self.transfer_table, 1)
        layout.addLayout(buttons)
        return w

    def _build_alerts(self) -> QWidget:
        w = QWidget()
        self.alert_table = TextTable(["类型", "仓库", "物资", "说明"], "alert_table")
        layout = QVBoxLayout(w)
        layout.addWidget(QLabel(self.tr("过期和 60 天内到期的库存，以及低于储备定额的物资（最紧急的在前）：")))
        layout.addWidget(self.alert_table, 1)
        return w

    # --- loading ---
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Re-read the stock if it changed while the page was hidden."""
        if self._stale:
            self.reload()
        super().showEvent(event)

    def _data_changed(self, key: str) -> None:
        if key in (DATA_KEY, "warehouses", "items", "dispatch", "incidents", "*"):  # "*": another seat, re-read all
            self._stale = True
            if self.isVisible():
                self.reload()

    def _today(self) -> date:
        return to_beijing(self.ctx.store.clock.now()).date()

    def reload(self) -> None:
        """Re-read stock, ledger, transfers and alerts."""
        keep = self.current_line()
        with self.ctx.store.read() as s:
            self.rows = ledger.stock_rows(s, self._today())
            self.moves = ledger.movements(s)
            self.transfer_rows = ledger.transfers(s)
            self.alert_rows = ledger.alerts(s, self._today())
            houses = ledger.warehouse_names(s)
        self.house.blockSignals(True)
        current = self.house.currentData()
        self.house.clear()
        self.house.addItem(self.tr("全部仓库"), None)
        for house_id, name in houses.items():
            self.house.addItem(name, house_id)
        i = self.house.findData(current)
        self.house.setCurrentIndex(max(i, 0))
        self.house.blockSignals(False)
        self._fill_stock()
        self._fill_moves()
        self._fill_transfers()
        self._fill_alerts()
        self._stale = False
        if keep is not None:
            self.select_line(keep.line_id)
        if self.current_line() is None:
            self._line_selected()
        self.plan_panel.refresh_permission()
        self._apply_permission()

    def _fill_stock(self) -> None:
        rows, self._haystacks = [], []
        for r in self.rows:
            texts = [r.warehouse, t(r.level), r.item, t(r.category), r.batch,
                     r.expires_on.isoformat() if r.expires_on else "", f"{r.quantity:,}", r.unit,
                     f"{r.minimum:,}" if r.minimum is not None else "", STATE_TEXT[r.state]]
            fg, bg = STATE_COLOURS.get(r.state, (None, None))
            rows.append(TextRow(texts, fg, bg if r.state == "expired" else None))
            self._haystacks.append(" ".join(texts + [r.item_code]).casefold())
        self.stock_table.fill(rows)
        self._apply_filter()

    def _apply_filter(self) -> None:
        terms = self.filter.text().casefold().split()
        house = self.house.currentData()
        alerts_only = self.only_alerts.isChecked()

        def keep(i: int) -> bool:
            r = self.rows[i]
            return ((house is None or r.warehouse_id == house) and (not alerts_only or bool(r.state))
                    and all(term in self._haystacks[i] for term in terms))
        self.stock_table.rows.set_filter(keep)
        self.count.setText(self.tr("显示 %1 / %2 行").replace("%1", str(self.stock_table.rows.rowCount()))
                           .replace("%2", str(len(self.rows))))

    def _fill_moves(self) -> None:
        rows, self._move_haystacks = [], []
        for m in self.moves:
            texts = [format_beijing(m.at, False), m.doc_number, t(m.kind_label), m.warehouse, m.item, m.batch,
                     f"{m.quantity:+,}", f"{m.balance_after:,}", m.reason, m.counterparty, m.approver,
                     m.incident_number, m.actor_name]
            sign = "#1b5e20" if m.quantity > 0 else "#b71c1c" if m.quantity < 0 else "#555555"
            rows.append(TextRow(texts, tip=m.reason, cell_fg={6: sign}))
            self._move_haystacks.append(" ".join(texts).casefold())
        self.move_table.fill(rows, {3: 260, 8: 320})
        self._filter_moves()

    def _filter_moves(self) -> None:
        terms = self.move_filter.text().casefold().split()
        self.move_table.rows.set_filter(lambda i: all(term in self._move_haystacks[i] for term in terms))
        self.move_count.setText(self.tr("显示 %1 / %2 笔").replace("%1", str(self.move_table.rows.rowCount()))
                                .replace("%2", str(len(self.moves))))

    def _fill_transfers(self) -> None:
        rows = []
        for tr, src, dst, item, unit in self.transfer_rows:
            rows.append(TextRow([tr.doc_number, item + (f"（批次 {tr.batch}）" if tr.batch else ""),
                                 f"{tr.quantity:,} {unit}", src, dst, format_beijing(tr.sent_at, False), tr.sent_by,
                                 tr.reason]))
        self.transfer_table.fill(rows)
        self.setTabText(2, self.tr("调拨在途") + (f"（{len(self.transfer_rows)}）" if self.transfer_rows else ""))

    def _fill_alerts(self) -> None:
        rows = []
        for a in self.alert_rows:
            fg, bg = STATE_COLOURS[a.kind]
            rows.append(TextRow([t(a.kind_label), a.warehouse, a.item, a.text], fg, bg if a.kind == "expired" else None))
        self.alert_table.fill(rows)
        expired = sum(a.kind == "expired" for a in self.alert_rows)
        self.setTabText(4, self.tr("预警") + (f"（{len(self.alert_rows)}）" if self.alert_rows else ""))
        self.tabBar().setTabTextColor(4, theme.adapt("#b71c1c") if expired else QColor())

    # --- selection ---
    def current_line(self) -> ledger.StockRow | None:
        """The stock line selected in the table."""
        pos = self.stock_table.current()
        return self.rows[pos] if pos is not None else None

    def select_line(self, line_id: int) -> None:
        """Select a stock line by id (if it is shown)."""
        for i, r in enumerate(self.rows):
            if r.line_id == line_id:
                self.stock_table.select_source(i)
                return

    def _line_selected(self) -> None:
        r = self.current_line()
        if r is None:
            self.line_title.setText(self.tr("选择一行库存，查看它的出入库记录。"))
            self.line_moves.fill([])
            return
        with self.ctx.store.read() as s:
            moves = ledger.movements(s, line_id=r.line_id, limit=200)
        self.line_title.setText(f"{r.warehouse} · {r.item}" + (f"（批次 {r.batch}）" if r.batch else "")
                                + f"　现有 {r.quantity:,} {r.unit}，共 {len(moves)} 笔记录")
        self.line_moves.fill([TextRow([format_beijing(m.at, False), m.doc_number, t(m.kind_label), f"{m.quantity:+,}",
                                       f"{m.balance_after:,}", m.reason, m.actor_name]) for m in moves])

    # --- permission ---
    def _may_edit(self) -> bool:
        actor = self.ctx.actor
        return actor is not None and actor.can(ledger.auth.Permission.EDIT_REGISTRY)

    def _apply_permission(self) -> None:
        for b in self.movement_buttons.values():
            b.setEnabled(self._may_edit())
        self.btn_receive.setEnabled(self._may_edit())
        self.btn_cancel.setEnabled(self._may_edit())

    def refresh_permission(self) -> None:
        """Re-check what the operator on duty may do here."""
        self._apply_permission()
        self.plan_panel.refresh_permission()

    # --- movements ---
    def _after_change(self) -> None:
        self.ctx.notifier.sig_data_changed.emit(DATA_KEY)
        self.reload()

    def run(self, action) -> bool:
        """Run one ledger action in a transaction; show a refusal; refresh on success."""
        if not self.ctx.act(action, self.message):
            return False
        self._after_change()
        return True

    def _need_line(self) -> ledger.StockRow | None:
        r = self.current_line()
        if r is None:
            self.message.setText(self.tr("请先在表中选择一行库存。"))
        return r

    def _choices(self) -> tuple[dict, dict, dict]:
        with self.ctx.store.read() as s:
            houses = ledger.warehouse_names(s)
            items = ledger.item_names(s)
            events = {None: "（不关联事件）", **{i.id: f"{incidents.heading(i)} {i.title}" for i in incidents.list_page(s).incidents}}
        return houses, items, events

    def _dialog(self, title: str, fields: list, action, intro: str = "") -> None:
        def accept(values: dict) -> None:
            with self.ctx.store.transaction() as s:
                action(s, values)
            self._after_change()
        FormDialog(title, fields, accept, intro, self).exec()

    def open_receipt(self) -> None:
        """入库: receive stock into a depot."""
        houses, items, _events = self._choices()
        r = self.current_line()
        if r is not None:  # the selected line's depot and item first
            houses = {r.warehouse_id: houses[r.warehouse_id], **houses}
            items = {r.item_id: items[r.item_id], **items}
        self._dialog("入库", [("warehouse", "仓库", houses), ("item", "物资", items), ("quantity", "数量", ""),
                              ("batch", "批次", r.batch if r else ""), ("expires_on", "到期日期（有保质期时必填）", ""),
                              ("source", "来源（供应商、捐赠单位等）", ""), ("approver", "批准人", ""),
                              ("reason", "入库事由", "")],
                     lambda s, v: ledger.receive(s, v["warehouse"], v["item"], v["quantity"], v["reason"], v["source"],
                                                 v["batch"], _date(v["expires_on"]), v["approver"]))

    def do_issue(self, v: dict) -> bool:
        """出库 of the selected line with the values of the issue form."""
        r = self._need_line()
        return r is not None and self.run(lambda s: ledger.issue(
            s, r.line_id, v["quantity"], v["reason"], incident_id=v.get("incident"), recipient=v.get("recipient", ""),
            approver=v.get("approver", ""), expected_version=r.version))

    def open_issue(self) -> None:
        """出库: issue from the selected stock line."""
        r = self._need_line()
        if r is None:
            return
        _h, _i, events = self._choices()
        self._dialog("出库", [("quantity", f"数量（{r.unit}，现有 {r.quantity:,}）", ""), ("incident", "用于事件", events),
                              ("recipient", "领用单位 / 人", ""), ("approver", "批准人", ""), ("reason", "出库事由", "")],
                     lambda s, v: ledger.issue(s, r.line_id, v["quantity"], v["reason"], incident_id=v["incident"],
                                               recipient=v["recipient"], approver=v["approver"],
                                               expected_version=r.version),
                     f"{r.warehouse} · {r.item}" + (f"（批次 {r.batch}）" if r.batch else ""))

    def open_return(self) -> None:
        """归还: take back what was issued, intact, damaged or consumed."""
        r = self._need_line()
        if r is None:
            return
        _h, _i, events = self._choices()
        self._dialog("归还", [("quantity", f"数量（{r.unit}）", ""), ("condition", "状况", ledger.CONDITIONS),
                              ("incident", "原领用事件", events), ("counterparty", "归还单位 / 人", ""),
                              ("reason", "说明", "")],
                     lambda s, v: ledger.return_goods(s, r.warehouse_id, r.item_id, v["quantity"], v["condition"],
                                                      v["reason"], incident_id=v["incident"], batch=r.batch,
                                                      expires_on=r.expires_on, counterparty=v["counterparty"]),
                     self.tr("完好：回到库存；损坏：入库后即报废核销；已消耗：不入库，只冲销领用。"))

    def open_transfer(self) -> None:
        """调拨: send stock from the selected line to another depot."""
        r = self._need_line()
        if r is None:
            return
        houses, _i, events = self._choices()
        houses.pop(r.warehouse_id, None)
        self._dialog("调拨", [("to", "调入仓库", houses), ("quantity", f"数量（{r.unit}，现有 {r.quantity:,}）", ""),
                              ("incident", "用于事件", events), ("approver", "批准人", ""), ("reason", "调拨事由", "")],
                     lambda s, v: ledger.transfer(s, r.line_id, v["to"], v["quantity"], v["reason"], v["approver"],
                                                  v["incident"], expected_version=r.version),
                     self.tr("发出后即从本库出库，在“调拨在途”中确认到库后入调入仓库。"))

    def open_write_off(self) -> None:
        """报废核销: write off from the selected line, with the approver."""
        r = self._need_line()
        if r is None:
            return
        self._dialog("报废核销", [("quantity", f"数量（{r.unit}，现有 {r.quantity:,}）", str(r.quantity)),
                                  ("approver", "批准人（必填）", ""), ("reason", "报废核销原因", "")],
                     lambda s, v: ledger.write_off(s, r.line_id, v["quantity"], v["reason"], v["approver"],
                                                   expected_version=r.version))

    def open_stocktake(self) -> None:
        """盘点: record the counted quantity; the difference becomes one entry."""
        r = self._need_line()
        if r is None:
            return
        self._dialog("盘点", [("counted", f"实盘数量（{r.unit}）", str(r.quantity)), ("reason", "盘点说明（差异原因）", "")],
                     lambda s, v: ledger.stocktake(s, r.line_id, v["counted"], v["reason"], expected_book=r.quantity),
                     f"账面 {r.quantity:,} {r.unit}。差额将作为一笔盘点记录记入台账。")

    def open_minimum(self) -> None:
        """储备定额: set the minimum reserve of the selected item in its depot."""
        r = self._need_line()
        if r is None:
            return
        self._dialog("储备定额", [("minimum", f"{r.warehouse}“{r.item}”的最低储备（{r.unit}）",
                                   str(r.minimum or 0))],
                     lambda s, v: ledger.set_minimum(s, r.warehouse_id, r.item_id, v["minimum"]),
                     self.tr("库存低于定额时在“预警”中提示；填 0 取消。"))

    # --- transfers ---
    def _selected_transfer(self):
        pos = self.transfer_table.current()
        return self.transfer_rows[pos][0] if pos is not None else None

    def receive_selected_transfer(self) -> bool:
        """Confirm that the selected transfer has arrived."""
        chosen = self._selected_transfer()
        if chosen is None:
            self.transfer_message.setText(self.tr("请先选择一张调拨单。"))
            return False
        try:
            with self.ctx.store.transaction() as s:
                ledger.receive_transfer(s, chosen.id, expected_version=chosen.version)
        except UserError as exc:
            self.transfer_message.setText(exc.message)
            return False
        self.transfer_message.clear()
        self._after_change()
        return True

    def cancel_selected_transfer(self) -> None:
        """Withdraw the selected transfer in transit (with a reason)."""
        chosen = self._selected_transfer()
        if chosen is None:
            return
        self._dialog("撤回调拨", [("reason", "撤回原因", "")],
                     lambda s, v: ledger.cancel_transfer(s, chosen.id, v["reason"], expected_version=chosen.version))


class FillPlanPanel(QWidget):
    """A request ("救生衣 2000 件、发电机 50 台，送海州区") → a fill plan → one confirmed issue."""

    sig_changed = Signal()
    """Issues were written."""

    HEADERS = ["物资", "仓库", "层级", "批次 / 到期", "可用", "本次出库", "理由"]

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.incident_id: int | None = None
        self.plan: ledger.FillPlan | None = None
        self.context_label = QLabel()
        self.context_label.setObjectName("plan_context")
        self.incident_box = QComboBox()
        self.incident_box.setObjectName("plan_incident")
        self.incident_box.currentIndexChanged.connect(lambda _i: self._incident_chosen())
        self.request = QLineEdit()
        self.request.setObjectName("plan_request")
        self.request.setPlaceholderText(self.tr("需求，如：救生衣 2000 件、发电机 50 台，送海州区"))
        self.request.returnPressed.connect(self.make_plan)
        self.destination = QLineEdit()
        self.destination.setObjectName("plan_destination")
        self.destination.setPlaceholderText(self.tr("目的地（区划名称）"))
        self.btn_plan = QPushButton(self.tr("生成调用方案"))
        self.btn_plan.setObjectName("btn_plan")
        self.btn_plan.clicked.connect(self.make_plan)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("事件")))
        top.addWidget(self.incident_box, 1)
        top.addWidget(QLabel(self.tr("目的地")))
        top.addWidget(self.destination)
        req = QHBoxLayout()
        req.addWidget(self.request, 1)
        req.addWidget(self.btn_plan)
        self.table = TextTable(self.HEADERS, "plan_table", right=(4, 5))
        self.summary = QLabel()
        self.summary.setObjectName("plan_summary")
        self.summary.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("plan_reason")
        self.reason.setPlaceholderText(self.tr("调用事由（必填），如“防汛转移安置群众”"))
        self.approver = QLineEdit()
        self.approver.setObjectName("plan_approver")
        self.approver.setPlaceholderText(self.tr("批准人"))
        self.btn_confirm = QPushButton(self.tr("确认出库（一次写入）"))
        self.btn_confirm.setObjectName("btn_confirm_plan")
        self.btn_confirm.clicked.connect(self.confirm)
        self.btn_confirm.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reason, 2)
        bottom.addWidget(self.approver, 1)
        bottom.addWidget(self.btn_confirm)
        self.message = error_label("plan_message")
        box = QGroupBox(self.tr("调用方案"))
        rule = QLabel(self.tr("先用本地乡镇（街道）储备点，不足时依次由本县（区）级、市级、其他县（区）储备补充；"
                              "同级按距离，先发先到期批次；不计协议储备"))
        rule.setWordWrap(True)
        rule.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wraps; never widens the page
        theme.mark(rule, "muted")
        bl = QVBoxLayout(box)
        bl.addWidget(rule)
        bl.addWidget(self.table, 1)
        bl.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addWidget(self.context_label)
        layout.addLayout(top)
        layout.addLayout(req)
        layout.addWidget(box, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        self._fill_incidents()

    def _fill_incidents(self, include: int | None = None) -> None:
        """The incidents a request may be for: those still being worked, and *include* (the one shown) if closed."""
        with self.ctx.store.read() as s:
            listed = incidents.active_incidents(s)
            if include is not None and all(i.id != include for i in listed):
                listed += [i for i in incidents.list_page(s, f"#{include}").incidents if i.id == include]
            events = [(i.id, incidents.heading(i), i.title, i.place_text) for i in listed]
        self.incident_box.blockSignals(True)
        self.incident_box.clear()
        self.incident_box.addItem(self.tr("（不关联事件）"), None)
        for ident, number, title, place in events:
            self.incident_box.addItem(f"{number} {title}", (ident, place, number))
        self.incident_box.blockSignals(False)

    def load(self, incident_id: int | None) -> None:
        """Prepare a request for an incident (its place as the default destination)."""
        if incident_id != self.incident_id:  # another incident: not the last one's destination
            self.destination.clear()
        self._fill_incidents(incident_id)
        for i in range(self.incident_box.count()):
            data = self.incident_box.itemData(i)
            if (data is None and incident_id is None) or (data is not None and data[0] == incident_id):
                self.incident_box.setCurrentIndex(i)
        self._incident_chosen()

    def _incident_chosen(self) -> None:
        data = self.incident_box.currentData()
        self.incident_id = data[0] if data else None
        if data and not self.destination.text():
            self.destination.setText(data[1])
        self.context_label.setText(self.tr("为事件 %1 调用物资").replace("%1", data[2])
                                   if self.incident_id else self.tr("物资调用（可不关联事件）"))
        self._show(None)

    def make_plan(self) -> bool:
        """Read the request, resolve the destination and propose the plan."""
        try:
            with self.ctx.store.read() as s:
                wants, dest_text, problems = ledger.parse_request(s, self.request.text())
                if dest_text:
                    self.destination.setText(dest_text)
                if problems:
                    raise ValidationError("；".join(problems) + "。")
                dest = ledger.destination(s, self.destination.text(), incident_id=self.incident_id)
                plan = ledger.plan_fill(s, dest, wants)
        except (ValidationError, UserError) as exc:
            self._say(exc.message)
            self._show(None)
            return False
        self._say("")
        self._show(plan)
        return True

    def _say(self, text: str, ok: bool = False) -> None:
        theme.mark(self.message, "ok" if ok else "error")
        self.message.setText(text)

    def _show(self, plan: ledger.FillPlan | None) -> None:
        self.plan = plan
        rows = []
        for p in (plan.lines if plan else ()):
            when = (f"{p.batch} " if p.batch else "") + (f"{p.expires_on} 到期" if p.expires_on else "")
            rows.append(TextRow([p.item, p.warehouse, t(p.tier_label), when.strip() or "—", f"{p.available:,} {p.unit}",
                                 f"{p.quantity:,} {p.unit}", p.reason], tip=p.reason,
                                cell_fg={2: "#8d5a00"} if p.tier == 4 else {}))
        self.table.fill(rows, {1: 260})
        if plan is None:
            self.summary.clear()
        else:
            self.summary.setText("\n".join(plan.summary))
            theme.mark(self.summary, "error" if plan.shortfalls else None)
        self.refresh_permission()

    def confirm(self) -> bool:
        """Write every issue of the shown plan in one transaction."""
        if self.plan is None:
            return False
        plan = self.plan
        try:
            with self.ctx.store.transaction() as s:
                req = ledger.confirm_fill(s, plan, self.reason.text(), incident_id=self.incident_id,
                                          approver=self.approver.text())
                doc = req.doc_number
        except (ValidationError, UserError) as exc:
            self._say(exc.message)
            return False
        self._show(None)
        self.sig_changed.emit()
        self._say(self.tr("已出库，单号 %1。").replace("%1", doc), ok=True)
        return True

    def refresh_permission(self) -> None:
        """Re-check what the operator on duty may do here."""
        actor = self.ctx.actor
        may = actor is not None and actor.can(ledger.auth.Permission.EDIT_REGISTRY)
        self.btn_confirm.setEnabled(may and self.plan is not None and bool(self.plan.lines))
