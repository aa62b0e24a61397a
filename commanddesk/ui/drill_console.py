"""演练 in a drill workspace: the trainer's console (run, speed, jump, fire injects, end and score) or the trainees' view."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QListWidget, QPushButton, QSplitter, QTableWidget,
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from ..clock import format_beijing
from ..drills.scenario import KIND_LABELS
from ..drills.session import DrillRun
from ..errors import UserError
from ..services import auth
from . import theme
from .context import AppContext
from .drill_evaluation import EvaluationView
from .texts import t

SPEEDS = (1, 2, 5, 10)


def _is_trainer(ctx: AppContext) -> bool:
    return ctx.actor is not None and ctx.actor.can(auth.Permission.CONTROL_DRILL)


class DrillConsole(QWidget):
    """The 演练 page of a drill workspace: the drill clock and injects for the trainer, the brief for trainees."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.run: DrillRun = ctx.drill
        layout = QVBoxLayout(self)
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

    def refresh_permission(self) -> None:
        """Another operator signed in: show or hide what only trainers may see and do."""
        self._apply_role()

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
