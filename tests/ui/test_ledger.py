"""物资台账 through its widgets: stock filtered, issued, followed line by line, transfers received, alerts."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from commanddesk.errors import ValidationError
from commanddesk.models import StockLine, StockMovement
from commanddesk.services import incidents, ledger
from commanddesk.ui.context import AppContext
from commanddesk.ui.ledger import LedgerPage, _date
from tests.conftest import sign_in
from tests.ui.conftest import type_text


@pytest.fixture
def ctx(demo_store):
    return AppContext(demo_store, demo=True)


@pytest.fixture
def hazmat(demo_store):
    """A hazmat leak at the 徐圩 tank farm, just received."""
    with demo_store.transaction() as s:
        return incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.hazmat", place_text="徐圩新区石化基地罐区",
            caller_unit="徐圩新区管理委员会", counts={"trapped": 2})).incident_id


@pytest.fixture
def page(qtbot, ctx):
    p = LedgerPage(ctx)
    qtbot.addWidget(p)
    p.resize(1240, 700)
    p.show()
    return p


def test_ledger_page_issue_alert_and_fill_plan(qtbot, page, demo_store, hazmat):
    """Issue from a stock line, see the refusal for too much, and confirm a fill plan."""
    assert page.stock_table.rows.total >= 900 and "预警" in page.tabText(4)
    type_text(qtbot, page.filter, "救生衣 市救灾")
    assert page.stock_table.rows.rowCount() == 1
    page.stock_table.selectRow(0)
    row = page.current_line()
    assert page.do_issue({"quantity": str(row.quantity + 1), "reason": "超量", "incident": hazmat}) is False
    assert "库存不足" in page.message.text()
    assert page.do_issue({"quantity": "100", "reason": "危化品泄漏现场防护", "incident": hazmat})
    with demo_store.read() as s:
        assert s.get(StockLine, row.line_id).quantity == row.quantity - 100
    assert page.move_table.rows.text(0, 2) == "出库"

    plan = page.plan_panel
    page.setCurrentWidget(plan)
    plan.load(hazmat)
    assert plan.context_label.text() == f"为事件 #{hazmat} 调用物资" and plan.incident_box.currentText().startswith(f"#{hazmat} ")
    plan.request.setText("救生衣 2000 件、发电机 20 台，送海州区")
    qtbot.mouseClick(plan.btn_plan, Qt.MouseButton.LeftButton)
    assert plan.table.rows.rowCount() >= 2 and "救生衣：需 2,000 件" in plan.summary.text()
    assert not plan.confirm() and "调用事由" in plan.message.text()
    plan.reason.setText("防汛转移安置群众")
    with demo_store.read() as s:
        before = s.scalar(select(StockMovement.id).order_by(StockMovement.id.desc()).limit(1))
    assert plan.confirm(), plan.message.text()
    assert "已出库" in plan.message.text()
    with demo_store.read() as s:
        docs = set(s.scalars(select(StockMovement.doc_number).where(StockMovement.id > before)))
    assert len(docs) == 1


def test_one_depot_and_only_alerts_narrow_the_stock(page):
    """The depot box and 只看预警 filter the table; the count says how many of how many are shown."""
    total = len(page.rows)
    page.house.setCurrentIndex(1)
    house = page.house.currentData()
    shown = [page.rows[page.stock_table.rows.source_row(i)] for i in range(page.stock_table.rows.rowCount())]
    assert shown and all(r.warehouse_id == house for r in shown)
    assert page.count.text() == f"显示 {len(shown)} / {total} 行"
    page.house.setCurrentIndex(0)
    page.only_alerts.setChecked(True)
    flagged = [page.rows[page.stock_table.rows.source_row(i)] for i in range(page.stock_table.rows.rowCount())]
    assert flagged and all(r.state for r in flagged) and len(flagged) < total


def test_a_selected_line_shows_its_own_movements_and_stays_selected_after_an_issue(page, hazmat):
    """The line's heading gives what is left and how many entries; after an issue the same line shows one more."""
    page.filter.setText("救生衣 市救灾")
    page.stock_table.selectRow(0)
    r = page.current_line()
    before = page.line_moves.rows.rowCount()
    assert f"现有 {r.quantity:,} {r.unit}，共 {before} 笔记录" in page.line_title.text()
    assert page.do_issue({"quantity": "5", "reason": "现场防护", "incident": hazmat})
    assert page.current_line().line_id == r.line_id
    assert page.line_moves.rows.rowCount() == before + 1 and page.line_moves.rows.text(0, 3) == "-5"
    assert f"现有 {r.quantity - 5:,} {r.unit}" in page.line_title.text()


def test_an_issue_with_no_line_chosen_says_what_to_do(page):
    """Nothing selected: 请先在表中选择一行库存, nothing issued."""
    page.stock_table.clearSelection()
    assert not page.do_issue({"quantity": "1", "reason": "x"})
    assert page.message.text() == "请先在表中选择一行库存。"


def test_a_transfer_in_transit_is_listed_and_received(page, ctx, demo_store):
    """A transfer sent shows in 调拨在途 with the count on the tab; received, it leaves the list."""
    r = next(x for x in page.rows if x.quantity >= 10)
    with demo_store.read() as s:
        other = next(h for h in ledger.warehouse_names(s) if h != r.warehouse_id)
    with demo_store.transaction() as s:
        ledger.transfer(s, r.line_id, other, 10, "支援邻区")
    ctx.notifier.sig_data_changed.emit("stock")
    assert page.tabText(2) == "调拨在途（1）" and page.transfer_table.rows.rowCount() == 1
    page.transfer_table.clearSelection()
    assert not page.receive_selected_transfer() and page.transfer_message.text() == "请先选择一张调拨单。"
    page.transfer_table.select_source(0)
    assert page.receive_selected_transfer(), page.transfer_message.text()
    assert page.tabText(2) == "调拨在途" and page.transfer_table.rows.rowCount() == 0


def test_a_trainer_may_look_but_move_nothing(page, demo_store):
    """Without the registry right every movement button and the transfer buttons are off."""
    assert all(b.isEnabled() for b in page.movement_buttons.values())
    sign_in(demo_store, "陈静", "333333")
    page.refresh_permission()
    assert not any(b.isEnabled() for b in page.movement_buttons.values())
    assert not page.btn_receive.isEnabled() and not page.btn_cancel.isEnabled()


def test_a_hidden_page_catches_up_when_shown(page, ctx, demo_store):
    """A change announced while the page is hidden is read when it is shown again, not before."""
    page.hide()
    r = page.rows[0]
    with demo_store.transaction() as s:
        ledger.stocktake(s, r.line_id, r.quantity + 3, "盘盈", expected_book=r.quantity)
    ctx.notifier.sig_data_changed.emit("stock")
    assert page.rows[0].quantity == r.quantity
    page.show()
    assert next(x for x in page.rows if x.line_id == r.line_id).quantity == r.quantity + 3


def test_expiry_dates_are_read_as_iso_dates():
    """2027-06-30 is a date, blank is none, anything else is refused on the 到期日期 field."""
    assert _date(" 2027-06-30 ") == date(2027, 6, 30) and _date("") is None
    with pytest.raises(ValidationError) as err:
        _date("明年六月")
    assert err.value.field == "expires_on" and "2027-06-30" in err.value.message


# --- the movement dialogs, answered by the test ---------------------------------------------------------------


class Answers(list):
    """The values to type into the next dialogs, and the refusals they showed."""

    def __init__(self) -> None:
        super().__init__()
        self.refusals: list[str] = []
        self.seen: list = []
        self.options: list = []


@pytest.fixture
def answer(monkeypatch):
    """Fill each FormDialog with the next answer and press OK; a refusal is kept and the dialog cancelled."""
    from commanddesk.ui import ledger as ledger_ui

    answers = Answers()

    def exec_(self):
        self.seen = {k: (w.currentData() if hasattr(w, "currentData") else w.text()) for k, w in self.widgets.items()}
        answers.seen.append(self.seen)
        answers.options.append({k: [w.itemData(i) for i in range(w.count())] for k, w in self.widgets.items()
                                if hasattr(w, "itemData")})
        for key, value in answers.pop(0).items():
            w = self.widgets[key]
            if hasattr(w, "findData"):
                w.setCurrentIndex(w.findData(value))
            else:
                w.setText(value)
        self.try_accept()
        if self.error.text():
            answers.refusals.append(self.error.text())
            return 0
        return 1

    monkeypatch.setattr(ledger_ui.FormDialog, "exec", exec_)
    return answers


def _line(page, text="救生衣 市救灾"):
    page.filter.setText(text)
    page.stock_table.selectRow(0)
    return page.current_line()


def _quantity(store, line_id):
    with store.read() as s:
        return s.get(StockLine, line_id).quantity


def test_a_receipt_goes_to_the_selected_lines_depot_and_item(page, answer, demo_store):
    """入库 offers the selected line's depot and item first; the stock rises and the movement is listed."""
    r = _line(page)
    answer.append({"quantity": "50", "reason": "年度采购入库", "source": "市采购中心"})
    page.open_receipt()
    assert not answer.refusals
    assert answer.seen[0]["warehouse"] == r.warehouse_id and answer.seen[0]["item"] == r.item_id
    assert _quantity(demo_store, r.line_id) == r.quantity + 50
    assert page.move_table.rows.text(0, 2) == "入库" and page.move_table.rows.text(0, 6) == "+50"


def test_a_bad_expiry_date_keeps_the_dialog_open_with_the_reason(page, answer, demo_store):
    """A date typed as words is refused in the dialog (到期日期须为日期), nothing received."""
    r = _line(page)
    answer.append({"quantity": "5", "reason": "入库", "expires_on": "明年六月"})
    page.open_receipt()
    assert answer.refusals == ["到期日期须为日期，格式如 2027-06-30。"]
    assert _quantity(demo_store, r.line_id) == r.quantity


def test_a_write_off_needs_an_approver(page, answer, demo_store):
    """报废核销 without an approver is refused; with one the quantity goes down by what was written off."""
    r = _line(page)
    answer.append({"quantity": "3", "reason": "霉变", "approver": ""})
    page.open_write_off()
    assert answer.refusals == ["报废核销须填写批准人。"] and _quantity(demo_store, r.line_id) == r.quantity
    answer.append({"quantity": "3", "reason": "霉变", "approver": "周建华"})
    page.open_write_off()
    assert _quantity(demo_store, r.line_id) == r.quantity - 3


def test_a_stocktake_posts_only_the_difference(page, answer, demo_store):
    """盘点 starts from the book quantity; counting 4 more posts one +4 entry and the line shows the count."""
    r = _line(page)
    answer.append({"counted": str(r.quantity + 4), "reason": "盘盈：上次漏记"})
    page.open_stocktake()
    assert answer.seen[0]["counted"] == str(r.quantity)
    assert _quantity(demo_store, r.line_id) == r.quantity + 4
    assert page.line_moves.rows.text(0, 3) == "+4"


def test_a_minimum_above_the_stock_raises_an_alert(page, answer):
    """储备定额 above what is held: the line is flagged 低于定额 and the 预警 tab lists it."""
    r = _line(page)
    before = len(page.alert_rows)
    answer.append({"minimum": str(r.quantity + 1000)})
    page.open_minimum()
    assert not answer.refusals
    line = next(x for x in page.rows if x.line_id == r.line_id)
    assert line.state == "low" and len(page.alert_rows) == before + 1
    assert page.tabText(4) == f"预警（{len(page.alert_rows)}）"


def test_a_transfer_sent_from_the_dialog_can_be_withdrawn(page, answer, demo_store):
    """调拨 never offers the line's own depot; sent, it is in transit; withdrawn with a reason, the stock is back."""
    r = _line(page)
    with demo_store.read() as s:
        others = [h for h in ledger.warehouse_names(s) if h != r.warehouse_id]
    answer.append({"to": others[0], "quantity": "20", "reason": "支援邻区"})
    page.open_transfer()
    assert r.warehouse_id not in answer.options[0]["to"] and set(others) == set(answer.options[0]["to"])
    assert not answer.refusals and _quantity(demo_store, r.line_id) == r.quantity - 20
    assert page.tabText(2) == "调拨在途（1）"
    page.transfer_table.select_source(0)
    answer.append({"reason": "对方已自行解决"})
    page.cancel_selected_transfer()
    assert not answer.refusals and page.tabText(2) == "调拨在途"
    assert _quantity(demo_store, r.line_id) == r.quantity


def test_dialogs_need_a_line_first(page, answer):
    """出库, 归还, 调拨, 报废核销, 盘点 and 储备定额 open nothing without a selected line, and say so."""
    page.stock_table.clearSelection()
    for open_ in (page.open_issue, page.open_return, page.open_transfer, page.open_write_off, page.open_stocktake,
                  page.open_minimum):
        page.message.clear()
        open_()
        assert page.message.text() == "请先在表中选择一行库存。"
    assert answer.seen == []
