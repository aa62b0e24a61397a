"""演练: start a tabletop drill in its own workspace, run it as trainer, score and replay it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter,
    QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser, QVBoxLayout, QWidget,
)

from ..clock import format_beijing
from ..drills import scoring, session, workspace
from ..drills.scenario import KIND_LABELS, Scenario, ScenarioError, bundled
from ..drills.session import DrillRun
from ..errors import UserError
from ..services import auth
from . import theme
from .context import AppContext
from .texts import t, ts

SPEEDS = (1, 2, 5, 10)
STATE = {"met": "按时", "late": "迟", "missed": "未完成"}


def _is_trainer(ctx: AppContext) -> bool:
    return ctx.actor is not None and ctx.actor.can(auth.Permission.CONTROL_DRILL)


class DrillsPage(QWidget):
    """Launcher in the real workspace; trainer console (or the trainees' view) in a drill workspace."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.run: DrillRun | None = ctx.drill
        layout = QVBoxLayout(self)
        if self.run is None:
            self._build_launcher(layout)
        else:
            self._build_console(layout)

    def refresh_permission(self) -> None:
        """Another operator signed in: show or hide what only trainers may see and do."""
        if self.run is None:
            self._describe()
            self.btn_delete.setEnabled(self.ctx.actor is not None and self.ctx.actor.can(auth.Permission.START_DRILL))
        else:
            self._apply_role()

    # --- launcher (real workspace) ---
    def _build_launcher(self, layout: QVBoxLayout) -> None:
        self.scenarios: list[Scenario] = []
        self.choice = QComboBox()
        self.choice.setObjectName("drill_choice")
        self.info = QTextBrowser()
        self.info.setObjectName("drill_info")
        self.message = QLabel()
        self.message.setObjectName("drill_message")
        self.message.setWordWrap(True)
        theme.mark(self.message, "error")
        try:
            self.scenarios = bundled()
        except ScenarioError as exc:
            self.message.setText(exc.message)
        for sc in self.scenarios:
            self.choice.addItem(self.tr("%1（%2 分钟）").replace("%1", sc.title).replace("%2", str(sc.duration_minutes)),
                                sc.id)
        self.choice.currentIndexChanged.connect(self._describe)
        self.btn_start = QPushButton(self.tr("开始演练"))
        self.btn_start.setObjectName("drill_start")
        self.btn_start.clicked.connect(self.start)
        self.past = QListWidget()
        self.past.setObjectName("drill_past")
        self.btn_delete = QPushButton(self.tr("删除所选演练"))
        self.btn_delete.clicked.connect(self.delete_past)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("演练脚本")))
        top.addWidget(self.choice, 1)
        top.addWidget(self.btn_start)
        note = QLabel(self.tr("演练在独立的数据库中进行（复制本库的队伍、物资、预案等基础数据，不含真实事件），"
                              "全程显示演练标识，打印和导出均标注“演练”；删除演练不影响真实数据。"
                              "演练期间本窗口照常显示真实值班的报告时限并报警。仅演练导调员可以开始演练。"))
        note.setWordWrap(True)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.info, 2)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("已有的演练")))
        layout.addWidget(self.past, 1)
        layout.addWidget(self.btn_delete, 0, Qt.AlignmentFlag.AlignRight)
        self.refresh_permission()
        self._list_past()

    def _describe(self) -> None:
        sc = self._scenario()
        if sc is None:
            return
        objectives = "".join(f"<li>{o}</li>" for o in sc.objectives)
        head = (f"<h2>{sc.title}</h2><p>{sc.setting}</p><p>" + self.tr("开始（模拟时间）：") + format_beijing(sc.start, False)
                + self.tr("；时长 %1 分钟；插入事件 %2 条").replace("%1", str(sc.duration_minutes))
                .replace("%2", str(len(sc.injects))) + "</p><h3>" + self.tr("演练目标") + f"</h3><ol>{objectives}</ol>")
        if self.ctx.actor is not None and self.ctx.actor.can(auth.Permission.VIEW_INJECTS):
            injects = "".join(f"<tr><td>T+{i.at}</td><td>{KIND_LABELS.get(i.kind, '')}</td><td>{i.source}</td>"
                              f"<td>{i.text}</td></tr>" for i in sc.injects)
            head += ("<h3>" + self.tr("插入事件（仅导调员可见）") + "</h3>"
                     f"<table border=1 cellpadding=3>{injects}</table>")
        else:
            head += "<p><i>" + self.tr("插入事件的内容和时间仅演练导调员可见。") + "</i></p>"
        self.info.setHtml(head)

    def _scenario(self) -> Scenario | None:
        sid = self.choice.currentData()
        return next((s for s in self.scenarios if s.id == sid), None)

    def _list_past(self) -> None:
        self.past.clear()
        for d in workspace.listing():
            started = format_beijing(d.started, False) if d.started else self.tr("开始时间不详")
            item = QListWidgetItem(self.tr("%1 · %2 开始").replace("%1", d.title).replace("%2", started))
            item.setData(Qt.ItemDataRole.UserRole, str(d.path))
            self.past.addItem(item)

    def delete_past(self) -> None:
        """Delete the chosen past drill's database (asks first; real data is untouched)."""
        item = self.past.currentItem()
        if item is None:
            return
        try:
            auth.require(self.ctx.actor, auth.Permission.START_DRILL, "删除演练")
        except UserError as exc:
            self.message.setText(exc.message)
            return
        workspace.delete(Path(item.data(Qt.ItemDataRole.UserRole)))
        self._list_past()

    def start(self) -> DrillRun | None:
        """Start the chosen drill in a new window (trainers only); the real window stays open and on duty."""
        sc = self._scenario()
        if sc is None:
            return None
        try:
            run = session.start(self.ctx.actor, self.ctx.store, sc)
            run.real_ctx = self.ctx
        except UserError as exc:
            self.message.setText(exc.message)
            return None
        self.message.clear()
        run.real_window = self.window()
        drill_ctx = AppContext(run.store, drill=run, window_factory=self.ctx.window_factory)
        drill_ctx.store.actor = self.ctx.actor.in_drill()
        window = self.ctx.window_factory(drill_ctx)
        window.resize(self.window().size())
        window.show_page("drills")
        window.show()
        window.raise_()
        window.activateWindow()
        self.drill_window = window
        self._list_past()
        return run

    # --- console (drill workspace): the trainer's controls, or the trainees' view ---
    def _build_console(self, layout: QVBoxLayout) -> None:
        self.status = QLabel()
        self.status.setObjectName("drill_status")
        theme.mark(self.status, "heading")
        self.btn_run = QPushButton(self.tr("开始"))
        self.btn_run.setObjectName("drill_run")
        self.btn_run.clicked.connect(self.toggle)
        self.speed = QComboBox()
        for n in SPEEDS:
            self.speed.addItem(f"{n}×", n)
        self.speed.currentIndexChanged.connect(self.change_speed)
        self.btn_next = QPushButton(self.tr("跳到下一条"))
        self.btn_next.setObjectName("drill_next")
        self.btn_next.clicked.connect(self.jump_next)
        self.btn_fire = QPushButton(self.tr("手动触发所选"))
        self.btn_fire.clicked.connect(self.fire_selected)
        self.btn_end = QPushButton(self.tr("结束并评估"))
        self.btn_end.setObjectName("drill_end")
        self.btn_end.clicked.connect(self.finish)
        self.trainer_controls = (self.btn_run, self.speed, self.btn_next, self.btn_fire, self.btn_end)
        bar = QHBoxLayout()
        for w in (self.status, *self.trainer_controls):
            bar.addWidget(w, 1 if w is self.status else 0)
        self.console_message = QLabel()
        self.console_message.setObjectName("drill_console_message")
        self.console_message.setWordWrap(True)
        theme.mark(self.console_message, "error")
        self.role_note = QLabel()
        self.role_note.setObjectName("drill_role_note")
        self.role_note.setWordWrap(True)
        self.injects = QTableWidget(0, 5)
        self.injects.setObjectName("drill_injects")
        self.injects.setHorizontalHeaderLabels([t(h) for h in ("时间", "类型", "来源", "内容", "已触发")])
        self.injects.verticalHeader().hide()
        self.injects.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.injects.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.injects.horizontalHeader().setStretchLastSection(False)
        self.inject_ids: list[str] = []
        self.feed = QListWidget()
        self.feed.setObjectName("drill_feed")
        self.feed.setWordWrap(True)  # long calls read in full, no sideways scrolling
        self.feed.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.tabs = QTabWidget()
        self.live = QSplitter(Qt.Orientation.Vertical)
        self.live.addWidget(self.injects)
        self.live.addWidget(self.feed)
        self.tabs.addTab(self.live, self.tr("导调台"))
        self.evaluation = EvaluationView(self)
        self.tabs.addTab(self.evaluation, self.tr("评估"))
        layout.addLayout(bar)
        layout.addWidget(self.role_note)
        layout.addWidget(self.console_message)
        layout.addWidget(self.tabs, 1)
        self._last_event = 0
        self.started = False  # nothing fires before the trainer presses 开始
        self._apply_role()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(500)
        QTimer.singleShot(0, self.tick)

    def _apply_role(self) -> None:
        """Trainer: controls, upcoming injects, evaluation. Anyone else: only what has happened so far."""
        trainer = _is_trainer(self.ctx)
        for w in self.trainer_controls:
            w.setVisible(trainer)
        self.injects.setVisible(trainer)
        self.tabs.setTabVisible(self.tabs.indexOf(self.evaluation), trainer)
        self.tabs.setTabText(self.tabs.indexOf(self.live), self.tr("导调台") if trainer else self.tr("收到的信息"))
        if trainer:
            self.role_note.setText(self.tr("导调员视图：可见全部插入事件，可开始、暂停、跳转和评估。学员登录后看不到这些内容。"))
            self._fill_injects()
        else:
            self.injects.setRowCount(0)  # not merely hidden: the trainees' screen never holds the script
            self.inject_ids = []
            self.role_note.setText(self.tr("学员视图：按收到的来电和信息处置；演练进度由导调员控制。"))
            if self.tabs.currentWidget() is self.evaluation:
                self.tabs.setCurrentWidget(self.live)
        self.console_message.clear()

    def _fill_injects(self) -> None:
        """Every inject of the script with its time and whether it has fired (trainers only)."""
        run = self.run
        sc = run.scenario
        run.drill.upcoming(self.ctx.actor)  # refused (and so never shown) unless the actor may see the script
        rows = [("initial", "T+0", "来电", str(sc.initial_call.get("caller_unit", "")),
                 str(sc.initial_call.get("text") or sc.initial_call.get("course", "")))]
        rows += [(i.id, f"T+{i.at}", KIND_LABELS.get(i.kind, ""), i.source, i.text) for i in sc.injects]
        self.inject_ids = [r[0] for r in rows]
        self.injects.setRowCount(len(rows))
        for r, (_iid, *cells) in enumerate(rows):
            for c, text in enumerate(cells):
                self.injects.setItem(r, c, QTableWidgetItem(text))
            self.injects.setItem(r, 4, QTableWidgetItem(""))
        self.injects.resizeColumnsToContents()
        self.injects.setColumnWidth(3, 520)
        self.injects.setColumnWidth(4, self.injects.fontMetrics().horizontalAdvance("2026-06-18 01:45") + 16)

    def _control(self, action) -> bool:
        """Run one trainer action; a refusal is shown on the console and changes nothing."""
        try:
            action(self.ctx.actor)
        except UserError as exc:
            self.console_message.setText(exc.message)
            return False
        self.console_message.clear()
        return True

    def toggle(self) -> None:
        """Start, pause or resume simulated time (trainers only)."""
        drill = self.run.drill
        if self.run.clock.paused:
            if self._control(drill.start_clock):
                self.started = True
                self.btn_run.setText(self.tr("暂停"))
        elif self._control(drill.pause):
            self.btn_run.setText(self.tr("继续"))
        self.tick()

    def change_speed(self) -> None:
        """Run the drill clock at the chosen speed (trainer only)."""
        self._control(lambda actor: self.run.drill.set_speed(actor, self.speed.currentData()))

    def jump_next(self) -> None:
        """Move simulated time to the next inject that has not fired (trainers only)."""
        self._control(self.run.drill.jump_next)
        self.tick()

    def fire_selected(self) -> None:
        """Fire the selected inject now, whatever its scheduled time (trainers only)."""
        row = self.injects.currentRow()
        if 0 <= row < len(self.inject_ids) and self.inject_ids[row] not in self.run.drill.fired:
            iid = self.inject_ids[row]
            if self._control(lambda actor: self.run.drill.fire_now(actor, iid, self.run.clock.now())):
                self._announce(self.run.drill.log[-1][1])
            self.tick()

    def _fire(self, inject_id: str) -> None:
        """An inject whose time has come (the drill's own doing, whoever is signed in)."""
        self._announce(self.run.drill.fire(inject_id, self.run.clock.now()))

    def _announce(self, text: str) -> None:
        from PySide6.QtWidgets import QApplication

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
        new = run.events_since(self._last_event)
        for e in new:
            self._last_event = e.id
            self.feed.addItem(f"{format_beijing(e.at)}　{e.actor}：{e.summary}")
        if new:
            self.feed.scrollToBottom()
            self.ctx.notifier.sig_data_changed.emit("incidents")  # strip and incident views follow the trainees
        elapsed = int(run.elapsed().total_seconds())
        state = self.tr("暂停") if run.clock.paused else self.tr("运行 %1×").replace("%1", f"{run.clock.speed:g}")
        self.status.setText(self.tr("演练 T+%1　模拟时间 %2　%3").replace("%1", f"{elapsed // 60:02d}:{elapsed % 60:02d}")
                            .replace("%2", format_beijing(now)).replace("%3", state))
        if now >= run.scenario.end and not run.clock.paused:
            run.clock.pause()  # the script has run out: time stops for everyone
            if _is_trainer(self.ctx):
                self.finish()
            else:
                self.role_note.setText(self.tr("演练时间已到，请等待导调员评估。"))

    def finish(self) -> None:
        """Stop the clock and score the drill (trainers only)."""
        ev = None

        def evaluate(actor) -> None:
            nonlocal ev
            ev = self.run.drill.evaluate(self.run.clock.now(), actor)

        if not self._control(evaluate):
            return
        self.btn_run.setText(self.tr("继续"))
        self.evaluation.show_evaluation(ev)
        self.tabs.setCurrentWidget(self.evaluation)


class EvaluationView(QWidget):
    """Score table, key times, timeline chart, trainer comments, report export and replay."""

    def __init__(self, console: DrillsPage) -> None:
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
        from .charts import DotChart

        while self.chart_box.count():
            old = self.chart_box.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        plot = DotChart(axis_label="自接报起（分钟）")
        plot.setObjectName("drill_chart")
        t0 = self.console.run.scenario.start
        rows = (("deadline", "时限", "#c62828"), ("action", "处置", "#1565c0"), ("inject", "插入", "#f9a825"))
        plot.set_rows([(label, colour, [(at - t0).total_seconds() / 60 for at, k, _ in ev.events if k == kind])
                       for kind, label, colour in rows])
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
