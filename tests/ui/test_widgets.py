"""Shared widgets: tables the user cannot type into, the audit list in sentences, a layout's content swapped."""

from PySide6.QtWidgets import QAbstractItemView, QLabel, QVBoxLayout, QWidget

from commanddesk.services import overview, registry, registry_specs
from commanddesk.ui.widgets import audit_table, error_label, read_only_table, replace_widget


def test_read_only_table_selects_whole_rows_and_takes_no_typing(qtbot):
    t = read_only_table(["时间", "内容"], single=True)
    qtbot.addWidget(t)
    assert [t.horizontalHeaderItem(i).text() for i in range(2)] == ["时间", "内容"]
    assert t.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert t.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert t.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection


def test_audit_table_lists_sentences_newest_first(qtbot, store, officer):
    with store.transaction() as s:
        oid = registry.create(s, registry_specs.ORGANISATIONS, {"code": "O1", "name": "区应急局", "kind": "department"})
        registry.update(s, registry_specs.ORGANISATIONS, oid, {"kind": "enterprise"})
    with store.read() as s:
        t = audit_table(overview.recent_audit(s, 10))
    qtbot.addWidget(t)
    assert t.rowCount() >= 2 and t.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert t.item(0, 2).text() == "修改" and t.item(0, 4).text() == f"值班员甲 将 单位 #{oid} 类别由 部门 改为 企业"
    assert t.item(0, 4).toolTip().endswith(t.item(0, 4).text())  # time and sentence on hover


def test_replace_widget_leaves_only_the_new_one(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    layout.addWidget(QLabel("旧"))
    layout.addWidget(error_label("old_error"))
    new = QLabel("新")
    replace_widget(layout, new)
    assert layout.count() == 1 and layout.itemAt(0).widget() is new


def test_error_label_wraps_and_is_found_by_name(qtbot):
    label = error_label("ledger_message")
    qtbot.addWidget(label)
    assert label.objectName() == "ledger_message" and label.wordWrap()
