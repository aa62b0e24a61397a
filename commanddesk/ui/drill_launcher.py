"""演练 in the real workspace: pick a scenario, read what it holds, start it in a window of its own, delete past drills."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QTextBrowser, QVBoxLayout, QWidget,
)

from ..clock import format_beijing
from ..drills import session, workspace
from ..drills.scenario import KIND_LABELS, Scenario, ScenarioError, bundled
from ..drills.session import DrillRun
from ..errors import UserError
from ..services import auth
from . import theme
from .context import AppContext


class DrillLauncher(QWidget):
    """The 演练 page of the real workspace: scenarios to start (trainers only) and the drills held so far."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.run: DrillRun | None = None
        layout = QVBoxLayout(self)
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

    def refresh_permission(self) -> None:
        """Another operator signed in: show the injects and allow deleting only to those who may."""
        self._describe()
        self.btn_delete.setEnabled(self.ctx.actor is not None and self.ctx.actor.can(auth.Permission.START_DRILL))

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
