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
