"""演练: start a tabletop drill in its own workspace, run it as trainer, score and replay it."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QListWidget, QPlainTextEdit, QPushButton, QSplitter,
    QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser, QVBoxLayout, QWidget,
)

from ..clock import format_beijing
from ..drills import runner, scoring, workspace
from ..drills.clock import DrillClock
from ..drills.scenario import KIND_LABELS, Scenario, ScenarioError, bundled, find
from ..errors import UserError
from ..services import auth, demo, settings
from ..store import Store, open_store
from .context import AppContext

SPEEDS = (1, 2, 5, 10)
STATE = {"met": "按时", "late": "迟", "missed": "未完成"}


@dataclass
class DrillRun:
    """A drill in progress: its scenario, database, clock and the real window to return to."""

    scenario: Scenario
    path: Path
    store: Store
    clock: DrillClock
    drill: runner.Drill
    real_window: object = None
    feed: list[tuple[datetime, str]] = field(default_factory=list)

    def elapsed(self) -> timedelta:
        return self.clock.now() - self.scenario.start


def start_drill(real_ctx: AppContext, scenario: Scenario) -> DrillRun:
    """Create the drill database from the real store's reference data and open it on a drill clock."""
    auth.require(real_ctx.actor, auth.Permission.START_DRILL)
    reference = real_ctx.store.path or demo.template()
    path = workspace.new_path(scenario.id, real_ctx.store.clock.now())
    workspace.create(reference, path)
    clock = DrillClock(scenario.start)
    store = open_store(path, clock)
    store.drill = True
    with store.transaction() as s:
        settings.put(s, "drill_scenario", scenario.id)
    return DrillRun(scenario, path, store, clock, runner.Drill(scenario, store))


class DrillsPage(QWidget):
    """Launcher in the real workspace; trainer console in a drill workspace."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.run: DrillRun | None = ctx.drill
        layout = QVBoxLayout(self)
        if self.run is None:
            self._build_launcher(layout)
        else:
            self._build_console(layout)

    # --- launcher (real workspace) ---
    def _build_launcher(self, layout: QVBoxLayout) -> None:
        self.scenarios: list[Scenario] = []
        self.choice = QComboBox()
        self.choice.setObjectName("drill_choice")
        self.info = QTextBrowser()
        self.message = QLabel()
        self.message.setObjectName("drill_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#b00020; font-weight:bold;")
        try:
            self.scenarios = bundled()
        except ScenarioError as exc:
            self.message.setText(exc.message)
        for sc in self.scenarios:
            self.choice.addItem(f"{sc.title}（{sc.duration_minutes} 分钟）", sc.id)
        self.choice.currentIndexChanged.connect(self._describe)
        self.btn_start = QPushButton(self.tr("开始演练"))
        self.btn_start.setObjectName("drill_start")
        self.btn_start.clicked.connect(self.start)
        self.past = QListWidget()
        self.btn_delete = QPushButton(self.tr("删除所选演练"))
        self.btn_delete.clicked.connect(self.delete_past)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("演练脚本")))
        top.addWidget(self.choice, 1)
        top.addWidget(self.btn_start)
        note = QLabel(self.tr("演练在独立的数据库中进行（复制本库的队伍、物资、预案等基础数据，不含真实事件），"
                              "全程显示演练标识，打印和导出均标注“演练”；删除演练不影响真实数据。仅演练导调员可以开始演练。"))
        note.setWordWrap(True)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.info, 2)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("已有的演练数据库")))
        layout.addWidget(self.past, 1)
        layout.addWidget(self.btn_delete, 0, Qt.AlignmentFlag.AlignRight)
        self._describe()
        self._list_past()

    def _describe(self) -> None:
        sc = self._scenario()
        if sc is None:
            return
        objectives = "".join(f"<li>{o}</li>" for o in sc.objectives)
        injects = "".join(f"<tr><td>T+{i.at}</td><td>{KIND_LABELS[i.kind]}</td><td>{i.source}</td><td>{i.text}</td></tr>"
                          for i in sc.injects)
        self.info.setHtml(f"<h2>{sc.title}</h2><p>{sc.setting}</p><p>开始（模拟时间）：{format_beijing(sc.start, False)}"
                          f"；时长 {sc.duration_minutes} 分钟；插入事件 {len(sc.injects)} 条</p><h3>演练目标</h3>"
                          f"<ol>{objectives}</ol><h3>插入事件（导调员可见）</h3><table border=1 cellpadding=3>{injects}</table>")

    def _scenario(self) -> Scenario | None:
        sid = self.choice.currentData()
        return next((s for s in self.scenarios if s.id == sid), None)

    def _list_past(self) -> None:
        self.past.clear()
        for p in sorted(workspace.drills_dir().glob("drill-*.sqlite")):
            self.past.addItem(p.name)

    def delete_past(self) -> None:
        item = self.past.currentItem()
        if item is not None:
            workspace.delete(workspace.drills_dir() / item.text())
            self._list_past()

    def start(self) -> DrillRun | None:
        """Start the chosen drill in a new workspace window (trainers only)."""
        sc = self._scenario()
        if sc is None:
            return None
        try:
            run = start_drill(self.ctx, sc)
        except UserError as exc:
            self.message.setText(exc.message)
            return None
        run.real_window = self.window()
        from .main_window import MainWindow

        drill_ctx = AppContext(run.store, drill=run)
        drill_ctx.store.actor = self.ctx.actor
        window = MainWindow(drill_ctx)
        window.resize(self.window().size())
        window.show_page("drills")
        window.show()
        self.window().hide()
        self.drill_window = window
        self._list_past()
        return run

    # --- trainer console (drill workspace) ---
    def _build_console(self, layout: QVBoxLayout) -> None:
        run = self.run
        self.status = QLabel()
        self.status.setObjectName("drill_status")
        self.status.setStyleSheet("font-size:16px; font-weight:bold;")
        self.btn_run = QPushButton(self.tr("开始"))
        self.btn_run.setObjectName("drill_run")
        self.btn_run.clicked.connect(self.toggle)
        self.speed = QComboBox()
        for n in SPEEDS:
            self.speed.addItem(f"{n}×", n)
        self.speed.currentIndexChanged.connect(lambda: run.clock.set_speed(self.speed.currentData()))
        self.btn_next = QPushButton(self.tr("跳到下一条"))
        self.btn_next.clicked.connect(self.jump_next)
        self.btn_fire = QPushButton(self.tr("手动触发所选"))
        self.btn_fire.clicked.connect(self.fire_selected)
        self.btn_end = QPushButton(self.tr("结束并评估"))
        self.btn_end.clicked.connect(self.finish)
        bar = QHBoxLayout()
        for w in (self.status, self.btn_run, self.speed, self.btn_next, self.btn_fire, self.btn_end):
            bar.addWidget(w, 1 if w is self.status else 0)
        self.injects = QTableWidget(len(run.scenario.injects) + 1, 5)
        self.injects.setObjectName("drill_injects")
        self.injects.setHorizontalHeaderLabels(["时间", "类型", "来源", "内容", "已触发"])
        self.injects.verticalHeader().hide()
        self.injects.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.injects.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.inject_ids = ["initial"] + [i.id for i in run.scenario.injects]
        rows = [("T+0", "来电", run.scenario.initial_call.get("caller_unit", ""),
                 str(run.scenario.initial_call.get("text") or run.scenario.initial_call.get("course", "")))]
        rows += [(f"T+{i.at}", KIND_LABELS[i.kind], i.source, i.text) for i in run.scenario.injects]
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.injects.setItem(r, c, QTableWidgetItem(text))
            self.injects.setItem(r, 4, QTableWidgetItem(""))
        self.injects.horizontalHeader().setStretchLastSection(False)
        self.injects.resizeColumnsToContents()
        self.injects.setColumnWidth(3, 520)
        self.feed = QListWidget()
        self.feed.setObjectName("drill_feed")
        self.tabs = QTabWidget()
        live = QSplitter(Qt.Orientation.Vertical)
        live.addWidget(self.injects)
        live.addWidget(self.feed)
        self.tabs.addTab(live, self.tr("导调台"))
        self.evaluation = EvaluationView(self)
        self.tabs.addTab(self.evaluation, self.tr("评估"))
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self._last_event = 0
        self.started = False  # nothing fires before the trainer presses 开始
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(500)
        QTimer.singleShot(0, self.tick)

    def toggle(self) -> None:
        """Start, pause or resume simulated time."""
        clock = self.run.clock
        if clock.paused:
            self.started = True
            clock.start()
            self.btn_run.setText(self.tr("暂停"))
        else:
            clock.pause()
            self.btn_run.setText(self.tr("继续"))
        self.tick()

    def jump_next(self) -> None:
        """Move simulated time to the next inject that has not fired."""
        run = self.run
        pending = [run.scenario.start] if "initial" not in run.drill.fired else []
        pending += [run.scenario.at(i.at) for i in run.scenario.injects if i.id not in run.drill.fired]
        if pending:
            run.clock.jump(min(pending))
        self.tick()

    def fire_selected(self) -> None:
        """Fire the selected inject now, whatever its scheduled time."""
        row = self.injects.currentRow()
        if 0 <= row < len(self.inject_ids) and self.inject_ids[row] not in self.run.drill.fired:
            self._fire(self.inject_ids[row])
            self.tick()

    def _fire(self, inject_id: str) -> None:
        from PySide6.QtWidgets import QApplication

        text = self.run.drill.fire(inject_id, self.run.clock.now())
        self.run.feed.append((self.run.clock.now(), "【插入事件】" + text))
        self.feed.addItem(f"{format_beijing(self.run.clock.now())}　【插入事件】{text}")
        self.feed.scrollToBottom()
        win = self.window()
        if hasattr(win, "drill_notice"):
            win.drill_notice(text)
        QApplication.alert(win, 0)

    def tick(self) -> None:
        """Fire due injects, show new trainee actions, update the status line."""
        run = self.run
        now = run.clock.now()
        for inject_id in run.drill.due_injects(now) if self.started else []:
            self._fire(inject_id)
        for r, iid in enumerate(self.inject_ids):
            at = run.drill.fired.get(iid)
            self.injects.item(r, 4).setText(format_beijing(at, False) if at else "")
        from sqlalchemy import select

        from ..models import TimelineEvent

        with run.store.read() as s:
            new = s.scalars(select(TimelineEvent).where(TimelineEvent.id > self._last_event)
                            .order_by(TimelineEvent.id)).all()
        for e in new:
            self._last_event = e.id
            self.feed.addItem(f"{format_beijing(e.at)}　{e.actor_name}：{e.summary}")
        if new:
            self.feed.scrollToBottom()
            self.ctx.notifier.sig_data_changed.emit("incidents")  # strip and incident views follow the trainees
        elapsed = int(run.elapsed().total_seconds())
        state = "暂停" if run.clock.paused else f"运行 {run.clock.speed:g}×"
        self.status.setText(f"T+{elapsed // 60:02d}:{elapsed % 60:02d}　模拟时间 {format_beijing(now)}　{state}")
        if now >= run.scenario.end and not run.clock.paused:
            self.finish()

    def finish(self) -> None:
        """Stop the clock and score the drill."""
        self.run.clock.pause()
        self.btn_run.setText(self.tr("继续"))
        from ..services import clocks

        with self.run.store.transaction() as s:
            clocks.sync_all(s, self.run.clock.now())
        self.evaluation.show_evaluation(self.run.drill.evaluate(self.run.clock.now()))
        self.tabs.setCurrentWidget(self.evaluation)


class EvaluationView(QWidget):
    """Score table, key times, timeline chart, trainer comments, report export and replay."""

    def __init__(self, console: DrillsPage) -> None:
        super().__init__(console)
        self.console = console
        self.ev: scoring.Evaluation | None = None
        self.summary = QLabel(self.tr("演练结束后在此评估。"))
        self.summary.setObjectName("drill_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("drill_scores")
        self.table.setHorizontalHeaderLabels(["触发", "动作 / 时限", "截止", "完成", "结果"])
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
                    from PySide6.QtGui import QColor
                    item.setForeground(QColor("#c62828"))
                self.table.setItem(r, col, item)
        self.table.resizeColumnsToContents()
        self._chart(ev)

    def _chart(self, ev: scoring.Evaluation) -> None:
        """Injects, actions and deadlines on one time axis (minutes from T+0)."""
        import pyqtgraph as pg

        while self.chart_box.count():
            old = self.chart_box.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        plot = pg.PlotWidget(background="w")
        plot.setObjectName("drill_chart")
        plot.setLabel("bottom", "自接报起（分钟）")
        plot.getAxis("left").setTicks([[(0, "时限"), (1, "处置"), (2, "插入")]])
        t0 = self.console.run.scenario.start
        rows = {"deadline": 0, "action": 1, "inject": 2}
        colours = {"deadline": "#c62828", "action": "#1565c0", "inject": "#f9a825"}
        for kind, y in rows.items():
            xs = [(at - t0).total_seconds() / 60 for at, k, _ in ev.events if k == kind]
            plot.plot(xs, [y] * len(xs), pen=None, symbol="o", symbolSize=9, symbolBrush=colours[kind])
        plot.setYRange(-0.5, 2.5)
        self.chart = plot
        self.chart_box.addWidget(plot)

    def export(self, fmt: str, path: str | None = None) -> None:
        """Save the evaluation report (marked as an exercise)."""
        from ..documents import drill as report

        if self.ev is None:
            return
        if path is None:
            from .dialogs import file_name, save_path, today

            path = save_path(self, self.tr("导出评估报告"),
                             file_name("演练评估", self.ev.scenario_id, ext=fmt, day=today(self.ctx)),
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


def fired_from_settings(value: str) -> dict[str, datetime]:
    """Read back the fired-inject record a drill database keeps."""
    return {k: datetime.fromisoformat(v) for k, v in ast.literal_eval(value).items()} if value else {}


def scenario_of(store: Store) -> Scenario | None:
    """The scenario a drill database was made for."""
    with store.read() as s:
        sid = settings.get(s, "drill_scenario")
    try:
        return find(sid) if sid else None
    except UserError:
        return None
