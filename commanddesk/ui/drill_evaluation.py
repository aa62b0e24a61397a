"""A drill's evaluation: scores, key times, timeline chart, trainer comments, report export and replay."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QListWidget, QPlainTextEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..clock import format_beijing
from ..drills import scoring
from . import theme
from .texts import ts

if TYPE_CHECKING:
    from .drill_console import DrillConsole

STATE = {"met": "按时", "late": "迟", "missed": "未完成"}
TIMELINE_ROWS = (("deadline", "时限", "#c62828"), ("action", "处置", "#1565c0"), ("inject", "插入", "#f9a825"))
"""The chart's rows from the bottom up: kind of event, row label, dot colour."""


def timeline_chart(ev: scoring.Evaluation, t0: datetime):
    """The drill's injects, actions and deadlines as dots in three rows over minutes from *t0* (a pyqtgraph
    plot on white, as printed in the evaluation report; pyqtgraph is loaded only when a drill is evaluated)."""
    import pyqtgraph as pg

    plot = pg.PlotWidget(background="w")
    plot.setObjectName("drill_chart")
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setMenuEnabled(False)
    plot.getPlotItem().showGrid(x=True, alpha=0.2)
    for axis in ("left", "bottom"):
        plot.getAxis(axis).setTextPen("#222222")
        plot.getAxis(axis).setPen("#999999")
    plot.setLabel("bottom", "自接报起（分钟）", color="#222222")
    plot.getAxis("left").setTicks([[(y, label) for y, (_k, label, _c) in enumerate(TIMELINE_ROWS)], []])
    for y, (kind, _label, colour) in enumerate(TIMELINE_ROWS):
        xs = [(at - t0).total_seconds() / 60 for at, k, _ in ev.events if k == kind]
        plot.plot(xs, [y] * len(xs), pen=None, symbol="o", symbolSize=9, symbolBrush=colour, symbolPen=None,
                  name=kind)
    plot.setYRange(-0.5, len(TIMELINE_ROWS) - 0.5, padding=0)
    plot.setMinimumHeight(180)
    return plot


class EvaluationView(QWidget):
    """Score table, key times, timeline chart, trainer comments, report export and replay."""

    def __init__(self, console: DrillConsole) -> None:
        super().__init__(console)
        self.console = console
        self.ctx = console.ctx
        self.ev: scoring.Evaluation | None = None
        self.summary = QLabel(self.tr("演练结束后在此评估。"))
        self.summary.setObjectName("drill_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("drill_scores")
        self.table.setHorizontalHeaderLabels(ts(["触发", "动作 / 时限", "截止", "完成", "结果"]))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart_box = QVBoxLayout()
        self.comments = QPlainTextEdit()
        self.comments.setPlaceholderText(self.tr("导调评语：发现的问题、改进事项……"))
        self.comments.setMaximumHeight(80)
        self.btn_pdf = QPushButton(self.tr("导出评估报告 PDF…"))
        self.btn_docx = QPushButton(self.tr("导出评估报告 Word…"))
        self.btn_replay = QPushButton(self.tr("回放"))
        self.replay_speed = QComboBox()
        for n in (1, 10, 60, 300):
            self.replay_speed.addItem(f"{n}×", n)
        self.btn_pdf.clicked.connect(lambda: self.export("pdf"))
        self.btn_docx.clicked.connect(lambda: self.export("docx"))
        self.btn_replay.clicked.connect(self.replay)
        self.replay_list = QListWidget()
        self.replay_list.setObjectName("drill_replay")
        buttons = QHBoxLayout()
        buttons.addWidget(self.btn_pdf)
        buttons.addWidget(self.btn_docx)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(self.tr("回放速度")))
        buttons.addWidget(self.replay_speed)
        buttons.addWidget(self.btn_replay)
        upper = QHBoxLayout()
        upper.addWidget(self.table, 3)
        upper.addLayout(self.chart_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(upper, 3)
        layout.addWidget(self.comments)
        layout.addLayout(buttons)
        layout.addWidget(self.replay_list, 1)
        self._replay = QTimer(self)
        self._replay.timeout.connect(self._replay_step)

    def show_evaluation(self, ev: scoring.Evaluation) -> None:
        """Fill the score table, key times and the chart."""
        self.ev = ev
        c = ev.counts
        kpis = "；".join(f"{k} {v if v is not None else '—'} 分钟" for k, v in ev.kpis.items())
        self.summary.setText(f"{ev.title}：得分 {ev.score}（按时 {c['met']}，迟 {c['late']}，未完成 {c['missed']}）\n"
                             f"自接报起：{kpis}")
        items = ev.outcomes + ev.clocks
        self.table.setRowCount(len(items))
        for r, o in enumerate(items):
            state = f"迟 {o.late_minutes} 分钟" if o.state == "late" else STATE[o.state]
            for col, text in enumerate((o.trigger, o.what, format_beijing(o.due_at, False),
                                        format_beijing(o.done_at, False), state)):
                item = QTableWidgetItem(text)
                if o.state != "met":
                    item.setForeground(theme.adapt("#c62828"))
                self.table.setItem(r, col, item)
        self.table.resizeColumnsToContents()
        self._chart(ev)

    def _chart(self, ev: scoring.Evaluation) -> None:
        """Injects, actions and deadlines on one time axis (minutes from T+0)."""
        while self.chart_box.count():
            old = self.chart_box.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        self.chart = timeline_chart(ev, self.console.run.scenario.start)
        self.chart_box.addWidget(self.chart)

    def export(self, fmt: str, path: str | None = None) -> None:
        """Save the evaluation report (marked as an exercise)."""
        from ..documents import drill as report

        if self.ev is None:
            return
        if path is None:
            from .dialogs import file_name, save_path, today

            path = save_path(self, self.tr("导出评估报告"),
                             file_name("演练评估", self.console.run.scenario.title, ext=fmt, day=today(self.ctx)),
                                                  "PDF (*.pdf)" if fmt == "pdf" else "Word (*.docx)")
            if not path:
                return
        extra = {"setting": self.console.run.scenario.setting, "comments": self.comments.toPlainText()}
        chart = getattr(self, "chart", None)
        if chart is not None:  # the timeline chart goes into the report as a picture
            import tempfile

            png = str(Path(tempfile.mkdtemp()) / "chart.png")
            chart.grab().save(png)
            extra["chart_png"] = png
        (report.write_pdf if fmt == "pdf" else report.write_docx)(self.ev, path, **extra)

    def replay(self) -> None:
        """Play the drill's timeline back at the chosen speed."""
        if self.ev is None:
            return
        self.replay_list.clear()
        self._pos = self.console.run.scenario.start
        self._queue = list(self.ev.events)
        self._replay.start(250)

    def _replay_step(self) -> None:
        self._pos += timedelta(seconds=0.25 * self.replay_speed.currentData())
        while self._queue and self._queue[0][0] <= self._pos:
            at, kind, text = self._queue.pop(0)
            self.replay_list.addItem(f"{format_beijing(at)}　{text}")
            self.replay_list.scrollToBottom()
        if not self._queue:
            self._replay.stop()
