"""The 统计 page on a demo store with a synthetic year: figures, short labels under the bars, a bad period said."""

from PySide6.QtCore import QDate

from commanddesk.clock import to_beijing
from commanddesk.services import history, statistics
from commanddesk.ui.context import AppContext
from commanddesk.ui.statistics import StatisticsPage, short_label


def test_the_page_shows_the_year_with_labels_that_fit_under_their_bars(qtbot, demo_store):
    history.fill(demo_store, 1, incidents_per_year=300, audit_per_year=1500, profile=history.COUNTY,
                 movements_per_year=0, teams_per_year=0, drills_per_year=0)
    page = StatisticsPage(AppContext(demo_store))
    qtbot.addWidget(page)
    today = to_beijing(demo_store.clock.now()).date()
    page.start.setDate(QDate(today.year - 1, today.month, today.day))
    page.resize(1200, 700)
    page.show()
    with demo_store.read() as s:
        st = statistics.compute(s, *page.period())
    assert st.incidents == 300 and f"事件 {st.incidents} 起" in page.summary.text()
    assert page.message.isHidden()  # no empty line above the charts
    assert page.by_type.values == [float(v) for v in list(st.by_type.values())[:8]]
    assert all(len(label) <= 6 for label in page.by_type.labels) and "道路交通" in page.by_type.labels
    assert "逐级上报" in page.on_time.labels and page.rules.model().rowCount() == len(st.rules)
    page.end.setDate(QDate(today.year - 2, 1, 1))
    assert page.message.isVisible() and "不能早于" in page.message.text()


def test_short_labels():
    assert short_label("道路交通事故") == "道路交通" and short_label("火灾事故") == "火灾事故"
    assert short_label("群体性事件") == "群体性" and short_label("灾情初报（2 小时）") == "灾情初报"
    assert short_label("事发单位 1 小时内报告") == "事发单位 …"


def test_a_kind_chart_names_every_bar_even_when_crowded(qtbot):
    """Months may skip labels; kinds must not: each label is cut to its own bar instead (more ink under the bars)."""
    from PySide6.QtGui import QFontMetrics

    from commanddesk.ui.statistics import bar_chart, fill_bars

    def label_ink(thin: bool) -> int:
        w = bar_chart("t", "按类型")
        qtbot.addWidget(w)
        w.thin_labels = thin
        fill_bars(w, ["危险化学品", "道路交通", "建筑施工", "水上交通", "特种设备", "食物中毒", "群体性", "暴雨内涝"],
                  [8, 7, 6, 5, 4, 3, 2, 1])
        w.resize(600, 240)
        image = w.grab().toImage()
        strip = range(image.height() - QFontMetrics(w.font()).height() - 10, image.height())
        return sum(1 for y in strip for x in range(image.width()) if image.pixelColor(x, y).value() < 128)

    thinned, named = label_ink(True), label_ink(False)
    assert named > 1.5 * thinned > 0


def _bars(qtbot, labels, values, width=600, **kw):
    from commanddesk.ui.statistics import bar_chart, fill_bars

    w = bar_chart("chart_test", "按等级事件数")
    qtbot.addWidget(w)
    w.resize(width, 240)
    w.show()
    fill_bars(w, labels, values, **kw)
    return w


def test_bars_stand_as_high_as_their_figures_with_the_figure_above(qtbot):
    from PySide6.QtGui import QColor

    w = _bars(qtbot, ["一般", "较大", "重大"], [137, 12, 0], colour="#c62828")
    assert list(w.bars.opts["height"]) == [137, 12, 0] and list(w.bars.opts["x"]) == [0, 1, 2]
    assert [t.toPlainText() for t in w.value_items] == ["137", "12", "0"]
    assert [t.pos().y() for t in w.value_items] == [137, 12, 0]  # each figure sits on its bar's top
    assert w.shown_labels == ["一般", "较大", "重大"]
    left = [v for v, _s in w.getAxis("left")._tickLevels[0]]
    assert left == [0, 50, 100, 150] and all(v == int(v) for v in left)  # whole, round steps above the top bar
    image = w.grab().toImage()
    assert image.pixelColor(2, 2) == QColor("white")
    assert any(image.pixelColor(x, y) == QColor("#c62828") for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2))


def test_shares_on_a_percent_axis_and_an_empty_chart(qtbot):
    w = _bars(qtbot, ["初报", "续报"], [0.5, 1.0], colour="#2e7d32", percent=True)
    assert [t.toPlainText() for t in w.value_items] == ["50%", "100%"]
    assert [s for _v, s in w.getAxis("left")._tickLevels[0]] == ["0%", "25%", "50%", "75%", "100%"]
    w.set_bars([], [])
    assert w.bars is None and w.value_items == [] and w.shown_labels == []
    w.grab()  # paints without data


def test_months_thin_out_when_crowded_kinds_keep_every_name(qtbot):
    months = [f"25/{m:02d}" for m in range(1, 13)] + ["26/01"]
    narrow = _bars(qtbot, months, list(range(13)), width=300)
    shown = narrow.shown_labels
    assert shown[0] == "25/01" and "" in shown and len([s for s in shown if s]) < 13
    narrow.resize(1300, 240)
    qtbot.waitUntil(lambda: narrow.shown_labels == months)  # room again: every month named
    kinds = ["危险化学品", "道路交通", "建筑施工", "水上交通", "特种设备", "食物中毒", "群体性", "暴雨内涝"]
    named = _bars(qtbot, kinds, [8, 7, 6, 5, 4, 3, 2, 1], width=360)
    named.thin_labels = False
    named.set_bars(kinds, [8, 7, 6, 5, 4, 3, 2, 1])
    assert all(named.shown_labels) and any(s.endswith("…") for s in named.shown_labels)


def test_hovering_a_bar_names_it_and_clicking_lists_its_incidents(qtbot, demo_store):
    from PySide6.QtCore import QPointF, Qt

    history.fill(demo_store, 1, incidents_per_year=120, audit_per_year=200, profile=history.COUNTY,
                 movements_per_year=0, teams_per_year=0, drills_per_year=0)
    page = StatisticsPage(AppContext(demo_store))
    qtbot.addWidget(page)
    today = to_beijing(demo_store.clock.now()).date()
    page.start.setDate(QDate(today.year - 1, today.month, today.day))
    page.resize(1200, 700)
    page.show()
    chart = page.by_type
    opened = []
    page.sig_open_incident.connect(opened.append)

    def at(i):  # the middle of bar i, in the chart's viewport
        scene = chart.getViewBox().mapViewToScene(QPointF(i, chart.values[i] / 2))
        return chart.mapFromScene(scene)

    chart._hover(chart.mapToScene(at(0)))
    assert chart.hovered == f"{chart.names[0]}：{chart.values[0]:g}" and chart.names[0] == list(page.stats.by_type)[0]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    QApplication.sendEvent(chart.viewport(), QHelpEvent(QEvent.Type.ToolTip, at(0), chart.viewport().mapToGlobal(at(0))))
    assert QToolTip.text() == chart.hovered  # the scene (no item tooltips) does not blank it after the hover delay
    chart._hover(chart.mapToScene(at(0) + QPointF(0, -chart.height() / 2).toPoint()))  # above the bar: nothing
    assert chart.hovered == ""
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=at(0))
    dialog = page.drill
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.model().rowCount() == int(chart.values[0]) and chart.names[0] in dialog.windowTitle()
    dialog.open_row(0)
    assert opened == [dialog.ids[0]] and not dialog.isVisible()
    page.on_time._hover(page.on_time.getViewBox().mapViewToScene(QPointF(0, page.on_time.values[0] / 2)))
    assert "（" in page.on_time.hovered and page.on_time.hovered.endswith("%")  # full rule name, n/N, share


def test_each_chart_to_png_and_the_month_on_one_pdf_page(qtbot, demo_store, tmp_path):
    from PySide6.QtGui import QColor, QImage
    from pypdf import PdfReader

    history.fill(demo_store, 1, incidents_per_year=120, audit_per_year=200, profile=history.COUNTY,
                 movements_per_year=0, teams_per_year=0, drills_per_year=0)
    page = StatisticsPage(AppContext(demo_store))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    png = QImage(page.by_grade.save_png(str(tmp_path / "grade.png")))
    assert png.width() == page.by_grade.width() and png.pixelColor(2, 2) == QColor("white")
    today = to_beijing(demo_store.clock.now()).date()
    pdf = PdfReader(page.month_pdf(str(tmp_path / "month.pdf")))
    text = " ".join(pdf.pages[0].extract_text().split())
    assert len(pdf.pages) == 1 and f"{today.year} 年 {today.month} 月" in text and "上年同期" in text
    assert len(pdf.pages[0].images) == 4  # type, grade, on time, township


def test_last_year_line_and_the_chooser_of_the_third_chart(qtbot, demo_store):
    history.fill(demo_store, 2, incidents_per_year=100, audit_per_year=200, profile=history.COUNTY,
                 movements_per_year=0, teams_per_year=0, drills_per_year=0)
    page = StatisticsPage(AppContext(demo_store))
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    st = page.stats
    assert page.by_month.line_values == [float(v) for v in st.last_year_by_month.values()] and st.last_year_incidents
    assert "上年同期" in page.by_month.bar_text(0)
    shown = {}
    for i in range(page.third.count()):
        page.third.setCurrentIndex(i)
        shown[page.third.currentData()] = (page.by_grade.title, list(page.by_grade.values), page.by_grade.clickable)
    assert shown["division"][1] == [float(v) for v in list(st.by_division.values())[:10]] and shown["division"][2]
    assert shown["late"][1] == [float(v) for v in st.late_minutes.values()] and not shown["late"][2]
    assert "中位" in shown["report"][0] and sum(shown["report"][1]) == st.to_first_report.n
    page.third.setCurrentIndex(page.third.findData("division"))
    dialog = page.show_incidents(page.by_grade, 0)
    assert dialog.table.model().rowCount() == int(page.by_grade.values[0])
