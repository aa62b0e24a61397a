"""指挥车同步 dialog: a vehicle taken out from the window, a package imported, the conflicts decided side by side."""

from sqlalchemy import select

from commanddesk.models import AuditEntry, Incident, StockLine
from commanddesk.services import incidents, ledger, sync
from commanddesk.store import open_store
from commanddesk.ui.context import AppContext
from commanddesk.ui.sync import SyncDialog
from tests.conftest import sign_in


def _dialog(qtbot, store):
    d = SyncDialog(AppContext(store, demo=True))
    qtbot.addWidget(d)
    d.show()
    return d


def _diverge(post, vehicle):
    """Deaths 5 on the vehicle and 4 at the post on one incident; the same stock line issued on both."""
    with post.read() as s:
        inc = s.scalar(select(Incident).where(Incident.status.notin_(sync.CLOSED)).order_by(Incident.id))
        kind = dict(category=inc.category, type=inc.type)
        line = s.scalar(select(StockLine).where(StockLine.quantity >= 10).order_by(StockLine.id))
    for store, deaths, issued in ((vehicle, 5, line.quantity - 3), (post, 4, 5)):
        with store.transaction() as s:
            incidents.record_call(s, incidents.CallInput(**kind, place_text="现场", counts={"deaths": deaths}),
                                  incident_id=inc.id)
            ledger.issue(s, line.id, issued, "发放", incident_id=inc.id)
    return inc.id, line.id


def test_take_out_import_and_decide_conflicts_in_one_go(qtbot, demo_store, tmp_path):
    post = demo_store
    with post.transaction() as s:  # an open incident for the vehicle to take out
        incidents.record_call(s, incidents.CallInput(category="natural", type="natural.rainstorm",
                                                     place_text="板桥街道"))
    d = _dialog(qtbot, post)
    assert d.take_out_box.isVisible()  # at the post
    assert not d.take_out_button.isEnabled() and "带班领导" in d.take_out_button.toolTip()  # a duty officer may not
    sign_in(post, "周建华", "222222")
    d.reload()
    assert d.take_out_button.isEnabled()
    d.site_edit.setText("车1")
    assert d.take_out(str(tmp_path / "vehicle.sqlite"))
    assert "车1" in d.result_label.text() and "车1" in d.status_label.text()
    assert d.counts.rowCount() > 0
    vehicle = open_store(tmp_path / "vehicle.sqlite", post.clock)
    sign_in(vehicle, "李晓明", "111111")
    sign_in(post, "李晓明", "111111")
    incident_id, line_id = _diverge(post, vehicle)
    package = sync.export(vehicle, tmp_path / "v1.cdsync").path
    vehicle.close()

    d.reload()
    assert d.import_package(str(package))
    assert "合并" in d.result_label.text() and "冲突 2 条" in d.result_label.text()
    kinds = [d.counts.item(i, 0).text() for i in range(d.counts.rowCount())]
    assert "接报记录" in kinds and any(k.startswith("冲突：") for k in kinds)
    assert d.tabs.currentIndex() == 1 and d.table.rowCount() == 2 and "（2）" in d.tabs.tabText(1)

    # the deaths side by side: value, who and when on each side
    row = next(i for i in range(2) if d.rows[i]["kind"] == "field")
    d.table.setCurrentCell(row, 0)
    assert "死亡 4" in d.side_boxes["here"][1].text() and "死亡 5" in d.side_boxes["there"][1].text()
    assert "李晓明" in d.side_boxes["there"][2].text() and "车1" in d.side_boxes["there"][0].title()
    d.side_boxes["there"][3].setChecked(True)
    assert not d.decide() and "理由" in d.message.text()  # a reason is required
    d.reason.setText("现场核实为 5 人")
    assert d.decide() and "对方：现场核实为 5 人" in d.table.item(row, 6).text()
    # the over-issue: book what the stock here still allows
    stock = 1 - row
    assert d.table.currentRow() == stock and d.quantity.isVisible()
    assert d.quantity.value() == d.rows[stock]["available"]
    d.side_boxes["there"][3].setChecked(True)
    d.reason.setText("按库存记入")
    assert d.decide() and d.apply_button.text().endswith("（2 项）")
    assert d.apply()
    assert d.table.rowCount() == 0 and "已处理冲突 2 条" in d.result_label.text()
    with post.read() as s:
        assert s.get(Incident, incident_id).counts["deaths"] == 5
        assert s.get(StockLine, line_id).quantity == 0 and ledger.check(s) == []
        reasons = [e.after for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "sync_resolve"))]
        assert len(reasons) == 2 and any("现场核实为 5 人" in r for r in reasons)


def test_a_trainer_cannot_exchange_and_a_refusal_changes_nothing(qtbot, demo_store, tmp_path):
    sign_in(demo_store, "陈静", "333333")
    d = _dialog(qtbot, demo_store)
    assert not d.import_button.isEnabled() and "演练导调员" in d.import_button.toolTip()
    bogus = tmp_path / "bogus.cdsync"
    bogus.write_text("{}", encoding="utf-8")
    assert not d.import_package(str(bogus))  # the service refuses it too, not only the button
    assert "无权执行" in d.message.text()


def test_an_encrypted_package_out_of_the_dialog_and_back_in_with_its_passphrase(qtbot, demo_store, tmp_path):
    post = demo_store
    sign_in(post, "周建华", "222222")
    vehicle_path = tmp_path / "vehicle.sqlite"
    d = _dialog(qtbot, post)
    d.site_edit.setText("车1")
    assert d.take_out(str(vehicle_path))
    with post.transaction() as s:
        incidents.record_call(s, incidents.CallInput(category="natural", type="natural.rainstorm",
                                                     place_text="指挥部接报的村"))
    d.reload()
    assert not d.passphrase_edit.isEnabled()
    d.encrypt_check.setChecked(True)
    assert d.passphrase_edit.isEnabled()
    assert not d.export(str(tmp_path / "p1.cdsync")) and "口令" in d.message.text()  # none typed: nothing written
    assert not (tmp_path / "p1.cdsync").exists()
    d.passphrase_edit.setText("出车交换口令2026")
    assert d.export(str(tmp_path / "p1.cdsync")) and "加密交换包" in d.result_label.text()
    assert sync.package_is_sealed(tmp_path / "p1.cdsync")

    vehicle = open_store(vehicle_path, post.clock)
    sign_in(vehicle, "李晓明", "111111")
    v = _dialog(qtbot, vehicle)
    asked = []
    for answer, ok in ((None, False), ("不对的口令123", False), ("出车交换口令2026", True)):
        v.ask_passphrase = lambda a=answer: asked.append(a) or a
        assert v.import_package(str(tmp_path / "p1.cdsync")) is ok
        assert ("未导入任何内容" in v.message.text()) is not ok
    assert len(asked) == 3 and "合并" in v.result_label.text()
    with vehicle.read() as s:
        assert s.scalar(select(Incident.id).where(Incident.place_text == "指挥部接报的村")) is not None
    vehicle.close()
