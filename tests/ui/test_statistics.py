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
