"""Column fitting shared by every table: contents-sized, the widest cut first, never wider than the view."""

from hypothesis import given
from hypothesis import strategies as st

from commanddesk.ui.tables import MIN_COLUMN, shrink_to
from commanddesk.ui.text_table import TextRow, TextTable

widths = st.lists(st.integers(min_value=10, max_value=900), min_size=1, max_size=12)


@given(widths, st.integers(min_value=0, max_value=2500))
def test_shrink_never_widens_and_fits_when_it_can(ws, available):
    """No column grows; the total fits whenever cutting to the minimum allows; narrow columns are left alone."""
    out = shrink_to(ws, available)
    assert all(o <= w for o, w in zip(out, ws))
    assert all(o == w for o, w in zip(out, ws) if w <= MIN_COLUMN)
    floor = sum(min(w, MIN_COLUMN) for w in ws)
    if floor <= available:
        assert sum(out) <= available
    if sum(ws) <= available:
        assert out == ws


@given(widths, st.integers(min_value=200, max_value=2500), st.data())
def test_elastic_columns_give_way_first(ws, available, data):
    """While cutting the elastic columns is enough, the others keep their full width."""
    elastic = tuple(data.draw(st.sets(st.integers(0, len(ws) - 1), min_size=1)))
    out = shrink_to(ws, available, elastic)
    others = sum(w for i, w in enumerate(ws) if i not in elastic)
    if others + sum(min(ws[i], MIN_COLUMN) for i in elastic) <= available:
        assert all(out[i] == ws[i] for i in range(len(ws)) if i not in elastic)


def test_text_table_fits_its_width_and_elides(qtbot):
    """A long free-text column is cut to fit; the view shows no horizontal scrollbar and the rest stay whole."""
    t = TextTable(["时间", "单号", "说明"], "t", elastic=(2,))
    qtbot.addWidget(t)
    t.resize(420, 200)
    t.show()
    t.fill([TextRow(["2026-11-23 22:00:00", "CK-2026-0001", "很长的说明" * 30])])
    qtbot.wait(10)
    assert not t.horizontalScrollBar().isVisible()
    assert sum(t.columnWidth(c) for c in range(3)) <= t.viewport().width()
    fm = t.fontMetrics()
    assert t.columnWidth(0) > fm.horizontalAdvance("2026-11-23 22:00:00")
    t.resize(900, 200)
    qtbot.wait(10)  # wider: the stretch column takes the space
    assert sum(t.columnWidth(c) for c in range(3)) == t.viewport().width()


@given(widths, st.integers(min_value=0, max_value=2500), st.data())
def test_fixed_columns_are_never_cut(ws, available, data):
    """A width the user dragged stays as it is, however narrow the view."""
    fixed = frozenset(data.draw(st.sets(st.integers(0, len(ws) - 1))))
    out = shrink_to(ws, available, None, MIN_COLUMN, fixed)
    assert all(out[i] == ws[i] for i in fixed)


def _dragged_table(qtbot) -> TextTable:
    t = TextTable(["时间", "单号", "说明"], "t", elastic=(2,))
    qtbot.addWidget(t)
    t.resize(600, 200)
    t.show()
    t.fill([TextRow(["2026-11-23 22:00:00", "CK-2026-0001", "说明"])])
    qtbot.wait(10)
    return t


def test_a_dragged_width_survives_refills_and_resizes(qtbot):
    """The officer widens 单号 with the mouse: refilling and resizing keep it, the others make room."""
    t = _dragged_table(qtbot)
    fitter = t._column_fitter
    fitter.by_user = lambda: True  # as if the left mouse button held the header border
    t.horizontalHeader().resizeSection(1, 260)
    fitter.by_user = lambda: False
    qtbot.wait(10)
    t.fill([TextRow(["2026-11-23 23:00:00", "CK-2026-0002", "新的说明" * 20])])
    t.resize(700, 200)
    qtbot.wait(10)
    assert t.columnWidth(1) == 260
    assert sum(t.columnWidth(c) for c in range(3)) <= t.viewport().width()
    assert fitter.user_widths() == {"1": 260}
    fitter.forget_widths()
    assert t.columnWidth(1) < 260


def test_code_resizing_a_column_is_not_taken_for_the_user(qtbot):
    t = _dragged_table(qtbot)
    t.horizontalHeader().resizeSection(1, 300)  # no mouse button held
    assert t._column_fitter.user_widths() == {}


def test_an_empty_table_spreads_its_headers(qtbot):
    """With no rows yet the columns share the width instead of one column taking it all."""
    t = TextTable(["时间", "单号", "类型", "经办人"], "t")
    qtbot.addWidget(t)
    t.resize(800, 200)
    t.show()
    t.fill([])
    qtbot.wait(10)
    widths = [t.columnWidth(c) for c in range(4)]
    assert sum(widths) == t.viewport().width() and max(widths) - min(widths) <= 60


def test_a_long_list_filled_behind_a_tab_is_measured_by_the_rows_in_view_once_shown(qtbot):
    """2,000 ledger rows filled while hidden: nothing is measured until shown; then the columns fit the rows in
    view and around them, and a wide text far down the list is cut (its tooltip has it) instead of widening all."""
    from commanddesk.ui.tables import MEASURED_ROWS

    t = TextTable(["单号", "说明"], "t")
    qtbot.addWidget(t)
    t.resize(600, 300)
    rows = [TextRow([f"CK-{i:04d}", "入库"]) for i in range(2000)]
    rows[1999] = TextRow(["CK-1999", "很长的说明" * 40])
    t.fill(rows)
    assert t._column_fitter._fit_when_shown and t.rows.rowCount() > MEASURED_ROWS
    t.show()
    qtbot.waitUntil(lambda: not t._column_fitter._fit_when_shown, timeout=2_000)
    assert sum(t.columnWidth(c) for c in range(2)) <= t.viewport().width()
    assert t.columnWidth(0) >= t.fontMetrics().horizontalAdvance("CK-0000")
    assert t.columnWidth(1) < t.fontMetrics().horizontalAdvance("很长的说明" * 40)
