"""The read-only text table behind the dispatch, ledger and shelter lists: filter, ticks, colours, selection."""

import pytest
from PySide6.QtCore import Qt

from commanddesk.ui.text_table import RIGHT, TextRow, TextTable, colour

D = Qt.ItemDataRole


def _rows():
    return [TextRow(["T001", "开发区消防站", "12"], tip="在岗 12 人"),
            TextRow(["T002", "海州区救援队", "8"], fg="#c62828", bold=True),
            TextRow(["T003", "连云区民兵连", "30"], bg="#fff3cd", cell_fg={2: "#1d4d1d"})]


@pytest.fixture
def table(qtbot):
    t = TextTable(["编号", "队伍", "人数"], "teams", right=(2,), checkable=True)
    qtbot.addWidget(t)
    t.resize(500, 200)
    t.show()
    t.fill(_rows())
    return t


def test_rows_show_their_texts_tips_and_looks(table):
    """Texts as given, numbers right-aligned, the tooltip, a row's colour, bold, and a cell's own colour."""
    m = table.rows
    assert m.rowCount() == 3 and m.columnCount() == 3
    assert [m.headerData(i, Qt.Orientation.Horizontal) for i in range(3)] == ["编号", "队伍", "人数"]
    assert m.data(m.index(0, 1)) == "开发区消防站" and m.data(m.index(0, 0), D.ToolTipRole) == "在岗 12 人"
    assert m.data(m.index(0, 2), D.TextAlignmentRole) == RIGHT and m.data(m.index(0, 1), D.TextAlignmentRole) is None
    assert m.data(m.index(1, 1), D.ForegroundRole) == colour("#c62828") and m.data(m.index(1, 0), D.FontRole).bold()
    assert m.data(m.index(2, 0), D.BackgroundRole) == colour("#fff3cd", background=True)
    assert m.data(m.index(2, 2), D.ForegroundRole) == colour("#1d4d1d") and m.data(m.index(2, 0), D.ForegroundRole) is None
    assert m.data(m.index(0, 0), D.ToolTipRole) and m.data(m.index(1, 0), D.ToolTipRole) is None


def test_nothing_can_be_edited_only_ticked(table):
    """Cells refuse edits; only the first column of a checkable table takes a tick."""
    m = table.rows
    assert not m.setData(m.index(0, 1), "改名", D.EditRole)
    assert not m.setData(m.index(0, 1), Qt.CheckState.Checked.value, D.CheckStateRole)
    assert m.setData(m.index(1, 0), Qt.CheckState.Checked.value, D.CheckStateRole)
    assert m.checked() == [1] and m.data(m.index(1, 0), D.CheckStateRole) == Qt.CheckState.Checked
    assert not m.flags(m.index(0, 1)) & Qt.ItemFlag.ItemIsEditable


def test_a_filter_hides_rows_but_ticks_and_positions_stay(table):
    """Filtering keeps the full-list positions: a tick on a hidden row is not lost, shown rows map back."""
    m = table.rows
    seen: list = []
    m.on_check = lambda: seen.append(m.checked())
    m.set_checked(2, True)
    m.set_filter(lambda pos: pos != 0)
    assert m.rowCount() == 2 and m.total == 3 and m.text(0, 0) == "T002"
    assert m.source_row(1) == 2 and m.shown_row(0) == -1 and m.checked() == [2]
    m.set_checked(0, True)  # the shown row 0 is T002
    assert m.checked() == [1, 2] and seen == [[2], [1, 2]]
    m.set_filter(None)
    assert m.rowCount() == 3


def test_a_refill_clears_the_ticks_but_keeps_the_filter(table):
    """New rows come in unticked, through the same filter."""
    m = table.rows
    m.set_filter(lambda pos: pos > 0)
    m.set_checked(0, True)
    table.fill(_rows())
    assert m.checked() == [] and m.rowCount() == 2


def test_one_cell_changes_in_place(qtbot, table):
    """A countdown cell updates with its own colour, and only that cell is repainted; the same text is no change."""
    m = table.rows
    with qtbot.waitSignal(m.dataChanged) as sig:
        m.set_text(0, 2, "11", fg="#c62828")
    assert sig.args[0].row() == 0 and sig.args[0].column() == 2
    assert m.data(m.index(0, 2)) == "11" and m.data(m.index(0, 2), D.ForegroundRole) == colour("#c62828")
    with qtbot.assertNotEmitted(m.dataChanged):
        m.set_text(0, 2, "11", fg="#c62828")
    m.set_text(0, 2, "11")
    assert m.data(m.index(0, 2), D.ForegroundRole) is None


def test_selection_is_by_full_list_position(table):
    """select_source picks the row wherever the filter put it; current() gives it back; a hidden row is not selected."""
    assert table.current() is None
    table.rows.set_filter(lambda pos: pos != 0)
    table.select_source(2)
    assert table.current() == 2
    table.select_source(0)  # hidden: the selection stays
    assert table.current() == 2
