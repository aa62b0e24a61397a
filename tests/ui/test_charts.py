"""The QPainter charts of 统计 and the drill evaluation: bars and dots land where the figures say."""

from PySide6.QtGui import QColor

from commanddesk.ui.charts import BarChart, DotChart, nice_step


def _count(image, colour: str) -> int:
    want = QColor(colour).rgb()
    return sum(image.pixel(x, y) == want for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))


def _columns(image, colour: str) -> list[int]:
    """x positions where a column of the image holds the colour."""
    want = QColor(colour).rgb()
    return [x for x in range(image.width()) if any(image.pixel(x, y) == want for y in range(image.height()))]


def test_taller_value_draws_a_taller_bar(qtbot):
    chart = BarChart("按等级事件数")
    qtbot.addWidget(chart)
    chart.resize(400, 240)
    chart.set_bars(["一般", "较大"], [10, 2], "#c62828")
    image = chart.grab().toImage()
    xs = _columns(image, "#c62828")
    assert xs, "no bar drawn"
    left = [x for x in xs if x < image.width() / 2]
    right = [x for x in xs if x >= image.width() / 2]
    height = lambda cols: max(sum(image.pixel(x, y) == QColor("#c62828").rgb() for y in range(image.height()))
                              for x in cols)
    assert height(left) > 4 * height(right) * 0.9


def test_empty_and_share_charts_paint_without_data(qtbot):
    chart = BarChart("报告按时率（按规则）")
    qtbot.addWidget(chart)
    chart.resize(300, 200)
    chart.set_bars([], [], percent=True)
    assert _count(chart.grab().toImage(), "#3b6ea8") == 0
    chart.set_bars(["初报"], [0.5], "#2e7d32", percent=True)
    assert chart.value_text(0.5) == "50%"
    assert _count(chart.grab().toImage(), "#2e7d32") > 0


def test_dots_fall_in_their_rows(qtbot):
    chart = DotChart(axis_label="自接报起（分钟）")
    qtbot.addWidget(chart)
    chart.resize(500, 220)
    chart.set_rows([("时限", "#c62828", [30, 60]), ("处置", "#1565c0", [5]), ("插入", "#f9a825", [])])
    image = chart.grab().toImage()
    red = [y for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) == QColor("#c62828").rgb()]
    blue = [y for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) == QColor("#1565c0").rgb()]
    assert red and blue and min(red) > max(blue)  # the first row is the bottom one
    assert chart.extent()[0] < 5 and chart.extent()[1] > 60


def test_tick_steps_are_round():
    assert [nice_step(v) for v in (0, 4, 37, 480, 9000)] == [1.0, 1.0, 10.0, 100.0, 2000.0]
