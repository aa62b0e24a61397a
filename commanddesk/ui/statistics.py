"""统计: incidents by month, type and grade and reporting on time for a period, as charts and tables.

Figures come from ``services.statistics``; charts are pyqtgraph bar charts with
Chinese labels; 导出 Excel writes the same tables to a workbook.
"""

from __future__ import annotations

import math
from datetime import date

import pyqtgraph as pg
from html import escape

from PySide6.QtCore import QDate, QEvent, QMarginsF, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QCursor, QFontMetrics, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QMenu, QPushButton,
    QToolTip, QVBoxLayout, QWidget,
)

from ..clock import format_beijing, to_beijing
from ..services import statistics
from . import dialogs, theme
from .context import AppContext
from .text_table import TextRow, TextTable

BAR = "#3b6ea8"
BAR_LATE = "#c62828"
BAR_OK = "#2e7d32"
INK = "#222222"  # the charts are printed figures: dark ink on white in both looks
AXIS = "#999999"
LINE = "#777777"  # the comparison line (the same months a year before)


def short_label(text: str, most: int = 6) -> str:
    """A category's name short enough to stand under its own bar:
    without a bracketed note or a trailing 事故/事件/灾害 (the chart's title says what is counted), cut with …"""
    text = text.split("（")[0].strip()
    for tail in ("事故", "事件", "灾害"):
        if len(text) > 4 and text.endswith(tail):
            text = text[: -len(tail)]
    return text if len(text) <= most else text[: most - 1] + "…"


def nice_step(top: float, ticks: int = 5) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) that divides 0..*top* into about *ticks* parts."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


class BarChart(pg.PlotWidget):
    """A pyqtgraph bar chart that reads as a printed figure: one bar per label with its value above it,
    a whole-number or 0–100 % axis, no mouse zooming, white in both looks.

    Labels under the bars follow the width: with ``thin_labels`` (months) every k-th label when they would
    overlap, without it (kinds, rules) every bar keeps its label, cut with … to its own bar.
    """

    sig_bar_clicked = Signal(int)  # the position of the bar clicked

    def __init__(self, title: str = "", parent=None) -> None:
        super().__init__(parent, background="w")
        self.labels: list[str] = []
        self.names: list[str] = []  # each bar's full name, for the hover text (labels may be shortened)
        self.clickable = False
        self.hovered = ""  # the hover text shown now ('' when the pointer is over no bar)
        self.ceiling = 1.0
        self.title = title
        self.line_values: list[float] = []
        self.line_name = ""
        self.values: list[float] = []
        self.percent = False
        self.thin_labels = True
        self.bars: pg.BarGraphItem | None = None
        self.value_items: list[pg.TextItem] = []
        self.shown_labels: list[str] = []  # what the bottom axis shows now, bar by bar ('' where thinned out)
        self.setTitle(title, color=INK, size="11pt")
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMenuEnabled(False)
        for axis in ("left", "bottom"):
            self.getAxis(axis).setTextPen(INK)
            self.getAxis(axis).setPen(AXIS)
        self.setMinimumHeight(180)
        self.getViewBox().sigResized.connect(self._name_bars)
        self.setMouseTracking(True)
        self.scene().sigMouseMoved.connect(self._hover)
        self.scene().sigMouseClicked.connect(self._clicked)

    def value_text(self, v: float) -> str:
        """The figure written above a bar: a share as a whole per cent, a count as it is."""
        return f"{v:.0%}" if self.percent else f"{v:g}"

    def set_bars(self, labels: list[str], values: list[float], colour: str = BAR, percent: bool = False,
                 names: list[str] | None = None) -> None:
        """Replace the bars: one per label, its value written above it; *names* (default the labels) on hover."""
        self.clear()
        self.labels, self.values, self.percent = list(labels), [float(v) for v in values], percent
        self.names = list(names) if names is not None else list(labels)
        self.line_values, self.line_name = [], ""
        self.bars, self.value_items = None, []
        xs = list(range(len(self.labels)))
        if xs:
            self.bars = pg.BarGraphItem(x=xs, height=self.values, width=0.6, brush=colour, pen=None)
            self.addItem(self.bars)
            for x, v in zip(xs, self.values):
                text = pg.TextItem(self.value_text(v), color=INK, anchor=(0.5, 1))
                text.setPos(x, v)
                self.addItem(text)
                self.value_items.append(text)
        top = max(self.values, default=0.0)
        if percent:
            ceiling, ticks = 1.15, [i / 4 for i in range(5)]
        else:  # counts: whole-number ticks only, at a round step
            step = max(1.0, float(math.ceil(nice_step(top))))
            ceiling = max(1.0, top * 1.2)
            ticks = [step * i for i in range(int(ceiling // step) + 1)]
        self.getAxis("left").setTicks([[(t, self.value_text(t)) for t in ticks], []])
        for t in ticks[1:]:  # light lines at the ticks (pyqtgraph's own grid would hide the axis's 0)
            line = pg.InfiniteLine(pos=t, angle=0, pen=pg.mkPen(0, 0, 0, 40))
            line.setZValue(-10)
            self.addItem(line)
        self.ceiling = ceiling
        self.setYRange(0, ceiling, padding=0)
        self.setXRange(-0.6, max(len(self.labels) - 0.4, 0.6), padding=0)
        self._name_bars()

    def add_line(self, values: list[float], name: str) -> None:
        """A grey line with dots over the bars (e.g. the same months a year before), named on hover after the bar."""
        self.line_values, self.line_name = [float(v) for v in values], name
        if not values:
            return
        item = pg.PlotDataItem(list(range(len(values))), self.line_values, pen=pg.mkPen(LINE, width=2),
                               symbol="o", symbolSize=6, symbolBrush=LINE, symbolPen=None)
        self.addItem(item)
        top = max(max(self.values, default=0.0), max(self.line_values))
        if top * 1.2 > self.ceiling:
            self.set_ceiling(top * 1.2)

    def set_ceiling(self, ceiling: float) -> None:
        """Raise the value axis to *ceiling* (counts), its ticks at a round step."""
        step = max(1.0, float(math.ceil(nice_step(ceiling / 1.2))))
        self.getAxis("left").setTicks([[(step * i, self.value_text(step * i))
                                        for i in range(int(ceiling // step) + 1)], []])
        self.ceiling = ceiling
        self.setYRange(0, ceiling, padding=0)

    def bar_width(self) -> float:
        """How many pixels one bar's slot has along the bottom axis now."""
        lo, hi = self.getViewBox().viewRange()[0]
        return self.getViewBox().width() / max(hi - lo, 1e-9)

    def _name_bars(self, *_args) -> None:
        """Put the labels under the bars for the width the chart has now (thinned or each cut to its bar)."""
        fm = QFontMetrics(self.font())
        slot = self.bar_width()
        n = len(self.labels)
        every = 1
        if self.thin_labels and n:
            widest = max(fm.horizontalAdvance(s) for s in self.labels) + 6
            every = max(1, math.ceil(widest / max(slot, 1)))
        ticks = []
        for i, label in enumerate(self.labels):
            if i % every:
                text = ""
            elif every > 1:
                text = label
            else:
                text = fm.elidedText(label, Qt.TextElideMode.ElideRight, max(int(slot) - 4, 0))
            ticks.append((i, text))
        self.getAxis("bottom").setTicks([ticks, []])
        self.shown_labels = [text for _i, text in ticks]
        for item, v in zip(self.value_items, self.values):  # figures too wide for a crowded bar are left off
            item.setVisible(n <= 12 or fm.horizontalAdvance(self.value_text(v)) <= slot)


    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt override
        """Show the hovered bar's tooltip (the scene would hide it)."""
        # the scene answers a tooltip request with its items' (none) and would hide the bar's: answer it here
        if event.type() == QEvent.Type.ToolTip and self.hovered:
            QToolTip.showText(event.globalPos(), self.hovered, self)
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Offer 导出图片（PNG）… on a right click."""
        menu = QMenu(self)
        menu.addAction(self.tr("导出图片（PNG）…"), self.ask_png)
        menu.exec(event.globalPos())

    def image(self, width: int = 0, height: int = 0) -> QImage:
        """The chart as an image, white behind it (at *width* × *height* when given, else as shown)."""
        if width and height:
            self.resize(width, height)
            self._name_bars()
        return self.grab().toImage()

    def save_png(self, path: str) -> str:
        """Write the chart as shown to a PNG file; the path written."""
        if not self.image().save(path, "PNG"):
            raise OSError(f"无法写入 {path}")
        return path

    def ask_png(self) -> str:
        """Ask where to save the chart as PNG and save it ('' if cancelled)."""
        path = dialogs.save_path(self, self.tr("导出图片"), dialogs.file_name(self.title or "统计图", ext="png"),
                                 self.tr("PNG 图片 (*.png)"))
        return self.save_png(path) if path else ""

    def bar_at(self, scene_pos: QPointF) -> int | None:
        """The bar under a scene point (its slot's middle 60 %, from 0 to its top; a low bar a little higher)."""
        if not self.values or not self.getViewBox().sceneBoundingRect().contains(scene_pos):
            return None
        p = self.getViewBox().mapSceneToView(scene_pos)
        i = round(p.x())
        if not 0 <= i < len(self.values) or abs(p.x() - i) > 0.3:
            return None
        return i if 0 <= p.y() <= max(self.values[i], self.ceiling * 0.05) else None

    def bar_text(self, i: int) -> str:
        """What hovering bar *i* says: its full name and value."""
        text = f"{self.names[i]}：{self.value_text(self.values[i])}"
        if i < len(self.line_values):
            text += f"；{self.line_name} {self.value_text(self.line_values[i])}"
        return text

    def _hover(self, scene_pos: QPointF) -> None:
        i = self.bar_at(scene_pos)
        text = "" if i is None else self.bar_text(i)
        if text != self.hovered:
            self.hovered = text
            if text:
                QToolTip.showText(QCursor.pos(), text, self)
            else:
                QToolTip.hideText()
        pointing = bool(text) and self.clickable and self.values[i] > 0
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if pointing else Qt.CursorShape.ArrowCursor)

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.clickable:
            return
        i = self.bar_at(event.scenePos())
        if i is not None and self.values[i] > 0:
            self.sig_bar_clicked.emit(i)


def draw_type(w: BarChart, st: statistics.Stats) -> list[str]:
    """The top eight types as bars; their full names (the bars' keys)."""
    top = list(st.by_type.items())[:8]
    fill_bars(w, [short_label(k) for k, _ in top], [v for _, v in top], names=[k for k, _ in top])
    return [k for k, _ in top]


def draw_on_time(w: BarChart, st: statistics.Stats) -> None:
    """The share met on time of the six rules with most decided clocks."""
    rated = [r for r in st.rules if r.rate is not None][:6]
    fill_bars(w, [short_label(r.name) for r in rated], [r.rate for r in rated], BAR_OK, percent=True,
              names=[f"{r.rule_id} {r.name}（{r.on_time}/{r.decided}）" for r in rated])


def draw_division(w: BarChart, st: statistics.Stats, most: int = 10) -> list[str]:
    """The townships with most incidents as bars; their names (the bars' keys)."""
    top = list(st.by_division.items())[:most]
    fill_bars(w, [short_label(k, 5) for k, _ in top], [v for _, v in top], names=[k for k, _ in top])
    return [k for k, _ in top]


def month_bounds(day: date) -> tuple[date, date]:
    """The first and last day of *day*'s month."""
    nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return day.replace(day=1), date.fromordinal(nxt.toordinal() - 1)


def _share(rate: float | None) -> str:
    return f"{rate:.1%}" if rate is not None else "—"


def write_month_pdf(st: statistics.Stats, last_year: statistics.Stats, path: str, unit: str = "") -> str:
    """A one-page A4 summary of a month: the headline figures, then four charts (type, grade, on time, township)."""
    dev = QPdfWriter(path)
    dev.setResolution(200)
    dev.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                  QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    title = f"{unit}突发事件统计月报（{st.start.year} 年 {st.start.month} 月）"
    dev.setTitle(title)
    dev.setCreator("commanddesk")
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(dev)
    doc.setDefaultStyleSheet("body{font-family:'WenQuanYi Micro Hei';font-size:9pt} td,th{font-size:9pt}"
                             "h1{font-size:15pt;text-align:center} th{background:#eeeeee}")
    charts = []
    for name, chart_title, draw in (("type", "按类型事件数（前 8 类）", draw_type),
                                    ("grade", "按等级事件数", lambda w, x: fill_bars(w, list(x.by_grade),
                                                                                list(x.by_grade.values()), BAR_LATE)),
                                    ("on_time", "报告按时率（按规则）", draw_on_time),
                                    ("division", "按乡镇（街道）事件数（前 10）", draw_division)):
        w = bar_chart(f"pdf_{name}", chart_title)
        w.thin_labels = False
        draw(w, st)
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{name}"), w.image(520, 290))
        charts.append(name)
        del w  # owned by Python: gone now, never a window
    change = st.incidents - last_year.incidents
    rows = [("事件（不含演练、作废、合并）", f"{st.incidents} 起"),
            ("上年同期", f"{last_year.incidents} 起（{'+' if change >= 0 else ''}{change}）"),
            ("报告时限", f"已判定 {st.decided} 项，按时 {st.on_time} 项，按时率 {_share(st.on_time_rate)}"),
            ("迟报", "，".join(f"{k} {v}" for k, v in st.late_minutes.items())),
            ("预警", "，".join(f"{ {'red': '红色', 'orange': '橙色', 'yellow': '黄色', 'blue': '蓝色'}[c]} {n}"
                              for c, n in st.warnings_by_colour.items())
             + (f"；转发按时率 {_share(st.forwarding.rate)}" if st.forwarding else "")),
            ("较大及以上", f"{sum(st.by_grade[g] for g in ('特别重大', '重大', '较大'))} 起")]
    head = "".join(f"<tr><th align='left' width='28%'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    imgs = "".join(("<tr>" if i % 2 == 0 else "") + f"<td><img src='chart:{n}' width='330'/></td>"
                   + ("</tr>" if i % 2 else "") for i, n in enumerate(charts))
    doc.setHtml(f"<html><body><h1>{escape(title)}</h1>"
                f"<p align='center'>统计期间 {st.start.isoformat()} 至 {st.end.isoformat()}（北京时间）</p>"
                f"<table width='100%' border='1' cellspacing='0' cellpadding='4'>{head}</table><br/>"
                f"<table width='100%' cellspacing='4'>{imgs}</table></body></html>")
    rect = dev.pageLayout().paintRectPixels(dev.resolution())
    doc.setPageSize(rect.size().toSizeF())
    doc.print_(dev)
    return path


class BarIncidents(QDialog):
    """The incidents behind one bar: number, title, time of receipt, grade; a double-click opens one."""

    sig_open_incident = Signal(int)

    def __init__(self, heading: str, rows: list, total: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("stats_drill")
        self.setWindowTitle(heading)
        self.ids = [r.id for r in rows]
        self.table = TextTable([self.tr("编号"), self.tr("标题"), self.tr("接报时间"), self.tr("等级")], "stats_drill_table",
                               stretch=1, elastic=(1,))
        self.table.fill([TextRow([r.number, r.title, format_beijing(r.received_at, seconds=False), r.grade]) for r in rows])
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        note = QLabel(self.tr("共 %1 起，双击打开事件").replace("%1", str(total)) if total <= len(rows) else
                      self.tr("共 %1 起，列出最新 %2 起；双击打开事件").replace("%1", str(total))
                      .replace("%2", str(len(rows))))
        note.setObjectName("stats_drill_note")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def open_row(self, row: int) -> None:
        """Open the incident of list row *row* on the 事件 page and close the list."""
        if 0 <= row < len(self.ids):
            self.sig_open_incident.emit(self.ids[row])
            self.accept()


def bar_chart(name: str, title: str) -> BarChart:
    """An empty bar chart with a Chinese title (a report, not a plot to explore)."""
    w = BarChart(title)
    w.setObjectName(name)
    return w


def fill_bars(w: BarChart, labels: list[str], values: list[float], colour: str = BAR,
              percent: bool = False, names: list[str] | None = None) -> None:
    """Draw one bar per label, the value written above each bar (*names*: the full names shown on hover)."""
    w.set_bars(labels, values, colour, percent, names)


class StatisticsPage(QWidget):
    """统计: a period chooser, four charts and the per-rule on-time table.

    Hovering a bar says its name and value; clicking a count's bar lists the incidents behind it.
    """

    sig_open_incident = Signal(int)

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stats: statistics.Stats | None = None
        self.keys: dict[str, tuple[str, list[str]]] = {}  # chart name → (dimension, each bar's key)
        self.drill: BarIncidents | None = None
        today = to_beijing(ctx.store.clock.now()).date()
        self.start = QDateEdit(QDate(today.year, 1, 1))
        self.end = QDateEdit(QDate(today.year, today.month, today.day))
        for d in (self.start, self.end):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.dateChanged.connect(lambda *_: self.reload())
        self.start.setObjectName("stats_from")
        self.end.setObjectName("stats_to")
        self.export_btn = QPushButton(self.tr("导出 Excel…"))
        self.export_btn.setObjectName("stats_export")
        self.export_btn.clicked.connect(self.export)
        self.pdf_btn = QPushButton(self.tr("月报 PDF…"))
        self.pdf_btn.setObjectName("stats_month_pdf")
        self.pdf_btn.setToolTip(self.tr("截止日期所在月份的一页统计简报（含上年同期）；各图右键可导出 PNG"))
        self.pdf_btn.clicked.connect(self.export_pdf)
        self.summary = QLabel()
        self.summary.setObjectName("stats_summary")
        theme.mark(self.summary, "heading")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("统计期间")))
        bar.addWidget(self.start)
        bar.addWidget(QLabel("—"))
        bar.addWidget(self.end)
        bar.addSpacing(16)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.pdf_btn)
        bar.addWidget(self.export_btn)
        self.by_month = bar_chart("chart_month", self.tr("按月事件数"))
        self.by_type = bar_chart("chart_type", self.tr("按类型事件数（前 8 类）"))
        self.by_grade = bar_chart("chart_grade", self.tr("按等级事件数"))
        self.on_time = bar_chart("chart_on_time", self.tr("报告按时率（按规则）"))
        for named in (self.by_type, self.on_time):  # a label per bar, cut to fit: thinning would leave bars unnamed
            named.thin_labels = False
        self.third = QComboBox()
        self.third.setObjectName("stats_third")
        self.third.setToolTip(self.tr("左下图显示的内容"))
        for key, text in (("grade", self.tr("按等级")), ("division", self.tr("按乡镇（街道）")),
                          ("late", self.tr("迟报分钟")), ("report", self.tr("接报至首报")),
                          ("arrival", self.tr("派出至到场")), ("forward", self.tr("预警转发用时")),
                          ("warning", self.tr("预警按类型")), ("drill", self.tr("演练按年"))):
            self.third.addItem(text, key)
        self.third.currentIndexChanged.connect(lambda *_: self.draw_third())
        bar.insertWidget(bar.count() - 2, self.third)
        for chart, dimension in ((self.by_month, "month"), (self.by_type, "type"), (self.by_grade, "grade")):
            chart.clickable = True
            chart.sig_bar_clicked.connect(lambda i, c=chart: self.show_incidents(c, i))
        grid = QGridLayout()
        grid.addWidget(self.by_month, 0, 0)
        grid.addWidget(self.by_type, 0, 1)
        grid.addWidget(self.by_grade, 1, 0)
        grid.addWidget(self.on_time, 1, 1)
        self.rules = TextTable(["规则", "名称", "按时", "迟报", "超时未报", "按时率"], "stats_rules", right=(2, 3, 4, 5),
                               stretch=1)
        rules_box = QGroupBox(self.tr("报告时限完成情况（不含演练、作废与合并的事件）"))
        rl = QVBoxLayout(rules_box)
        rl.addWidget(self.rules)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()  # shown with a message only: an empty line would push the charts down
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addLayout(grid, 3)
        layout.addWidget(rules_box, 1)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Re-read the figures each time the page is shown."""
        self.reload()
        super().showEvent(event)

    def period(self) -> tuple[date, date]:
        """The chosen period as (first day, last day)."""
        return self.start.date().toPython(), self.end.date().toPython()

    def reload(self) -> None:
        """Recount the figures for the chosen period and redraw the charts."""
        start, end = self.period()
        if end < start:
            theme.mark(self.message, "error")
            self.message.setText(self.tr("截止日期不能早于起始日期。"))
            self.message.show()
            return
        self.message.clear()
        self.message.hide()
        with self.ctx.store.read() as s:
            self.stats = st = statistics.compute(s, start, end)
        rate = st.on_time_rate
        self.summary.setText(self.tr("事件 %1 起；报告时限 %2 项，按时 %3 项（%4）").replace("%1", str(st.incidents))
                             .replace("%2", str(st.decided)).replace("%3", str(st.on_time))
                             .replace("%4", f"{rate:.1%}" if rate is not None else "—"))
        month_labels = list(st.by_month)
        short = [m[2:].replace("-", "/") for m in month_labels] if len(month_labels) > 6 else month_labels
        fill_bars(self.by_month, short, list(st.by_month.values()), names=month_labels)
        self.by_month.add_line([st.last_year_by_month.get(m, 0) for m in month_labels], self.tr("上年同期"))
        self.by_month.setTitle(self.tr("按月事件数（灰线：上年同期，共 %1 起）").replace("%1", str(st.last_year_incidents)),
                               color=INK, size="11pt")
        types = draw_type(self.by_type, st)
        self.keys = {"chart_month": ("month", month_labels), "chart_type": ("type", types)}
        self.draw_third()
        draw_on_time(self.on_time, st)
        self.rules.fill([TextRow([r.rule_id, r.name, str(r.on_time), str(r.late), str(r.overdue),
                                  f"{r.rate:.1%}" if r.rate is not None else "—"],
                                 cell_fg={5: "#c62828"} if r.rate is not None and r.rate < 1 else {})
                         for r in st.rules])

    def draw_third(self) -> None:
        """Draw the bottom-left chart with what the chooser says (grade, township, durations, warnings, drills)."""
        st, w = self.stats, self.by_grade
        if st is None:
            return
        key = self.third.currentData()
        w.clickable = key in ("grade", "division")
        self.keys.pop("chart_grade", None)

        def median(d) -> str:
            return self.tr("中位 %1 分钟").replace("%1", f"{d.median:g}") if d and d.median is not None else "—"

        if key == "grade":
            title = self.tr("按等级事件数")
            fill_bars(w, list(st.by_grade), list(st.by_grade.values()), BAR_LATE)
            self.keys["chart_grade"] = ("grade", list(st.by_grade))
        elif key == "division":
            title = self.tr("按乡镇（街道）事件数（前 10）")
            self.keys["chart_grade"] = ("division", draw_division(w, st))
        elif key == "late":
            title = self.tr("迟报的报告迟了多久（项）")
            fill_bars(w, [k.replace(" 分钟", "") for k in st.late_minutes], list(st.late_minutes.values()), BAR_LATE,
                      names=list(st.late_minutes))
        elif key in ("report", "arrival", "forward"):
            d = {"report": st.to_first_report, "arrival": st.to_arrival, "forward": st.to_forward}[key]
            title = {"report": self.tr("接报至首报用时（起，%1）"), "arrival": self.tr("派出至到场用时（次，%1）"),
                     "forward": self.tr("预警接收至首次转发（条，%1）")}[key].replace("%1", median(d))
            bins = d.bins if d else {}
            fill_bars(w, list(bins), list(bins.values()))
        elif key == "warning":
            title = self.tr("预警按类型（条）")
            top = list(st.warnings_by_type.items())[:8]
            fill_bars(w, [short_label(k) for k, _ in top], [v for _, v in top], names=[k for k, _ in top])
        else:
            title = self.tr("演练按年（次）")
            years = list(st.drills_by_year)
            fill_bars(w, years, [sum(st.drills_by_year[y].values()) for y in years],
                      names=[f"{y}（" + "，".join(f"{t} {n}" for t, n in st.drills_by_year[y].items()) + "）"
                             for y in years])
        w.title = title
        w.setTitle(title, color=INK, size="11pt")
        w.thin_labels = key not in ("division", "warning")

    def show_incidents(self, chart: BarChart, i: int) -> BarIncidents | None:
        """List the incidents behind bar *i* of *chart* in a small dialog (double-click opens one)."""
        dimension, keys = self.keys.get(chart.objectName(), ("", []))
        if not 0 <= i < len(keys):
            return None
        start, end = self.period()
        with self.ctx.store.read() as s:
            rows, total = statistics.incidents_for(s, start, end, dimension, keys[i])
        if self.drill is not None:
            self.drill.close()
        heading = self.tr("%1：%2（%3 起）").replace("%1", chart.title).replace("%2", chart.names[i])
        self.drill = dialog = BarIncidents(heading.replace("%3", str(total)), rows, total, self)
        dialog.sig_open_incident.connect(self.sig_open_incident)
        dialog.show()
        return dialog

    def month_pdf(self, path: str) -> str:
        """Write the one-page summary of the month the period ends in (and the same month a year before)."""
        first, last = month_bounds(self.period()[1])
        last = min(last, max(first, to_beijing(self.ctx.store.clock.now()).date()))  # a month not over: to today
        with self.ctx.store.read() as s:
            st = statistics.compute(s, first, last)
            before = statistics.compute(s, *month_bounds(first.replace(year=first.year - 1)))
        return write_month_pdf(st, before, path)

    def export_pdf(self) -> str:
        """Ask where to save the month's summary PDF and write it ('' if cancelled)."""
        first, _last = month_bounds(self.period()[1])
        path = dialogs.save_path(self, self.tr("导出月报"), dialogs.file_name("统计月报", f"{first:%Y-%m}", ext="pdf"),
                                 self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return ""
        self.month_pdf(path)
        theme.mark(self.message, "ok")
        self.message.setText(self.tr("已导出：%1").replace("%1", path))
        self.message.show()
        return path

    def export(self) -> str:
        """Save the figures as an Excel workbook."""
        if self.stats is None:
            self.reload()
        start, end = self.period()
        path = dialogs.save_path(self, self.tr("导出统计表"),
                                 dialogs.file_name("统计", f"{start.isoformat()}至{end.isoformat()}", ext="xlsx"),
                                 self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return ""
        statistics.write_excel(self.stats, path)
        theme.mark(self.message, "ok")
        self.message.setText(self.tr("已导出：%1").replace("%1", path))
        self.message.show()
        return path
