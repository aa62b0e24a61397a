"""预案 tab of an incident: matched plans, activation, tasks, level change, termination, action cards."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QTableWidgetItem,
    QTextBrowser, QVBoxLayout, QWidget,
)

from ..clock import format_beijing
from ..errors import ValidationError
from ..plans.model import CARD_ROLES, level_name
from ..services import plans as svc
from . import theme
from .context import AppContext
from .dialogs import FormDialog, prepare
from .widgets import read_only_table

LEVELS = {1: "Ⅰ级响应", 2: "Ⅱ级响应", 3: "Ⅲ级响应", 4: "Ⅳ级响应"}
ROLE_CARD = {"duty_officer": "duty_officer", "shift_leader": "duty_officer", "admin": "duty_officer",
             "trainer": "duty_officer"}
MEASURE_NAMES = {"wind_level": "风力（级）", "water_level_m": "水位（米）", "magnitude": "震级",
                 "burned_area_ha": "过火面积（公顷）", "distance_to_target_m": "火线距重要目标（米）",
                 "duration_h": "持续时间（小时）", "outage_share": "停电负荷比例（0–1）", "cases": "病例数",
                 "threatened": "受威胁人数", "drought_aid": "因旱需救助人数",
                 "drinking_water_interrupted": "饮用水中断（1 = 是）", "gas_alarm_points": "有毒气体报警点数"}


class PlanPanel(QWidget):
    """Find and work the plans of one incident."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.incident_id: int | None = None
        self.found: list = []
        self.acts: list[svc.PlanActivation] = []
        self.task_ids: list[int] = []
        self.matches = read_only_table(["预案", "建议级别", "依据", "需人工研判"], single=True)
        self.matches.setObjectName("plan_matches")
        self.btn_activate = QPushButton(self.tr("启动所选预案…"))
        self.btn_assess = QPushButton(self.tr("研判数据…"))
        self.btn_card = QPushButton(self.tr("处置卡（F2）"))
        self.btn_level = QPushButton(self.tr("调整响应级别…"))
        self.btn_end = QPushButton(self.tr("终止响应…"))
        self.btn_done = QPushButton(self.tr("完成"))
        self.btn_na = QPushButton(self.tr("不适用…"))
        self.btn_reassign = QPushButton(self.tr("改派…"))
        self.btn_activate.clicked.connect(self.activate)
        self.btn_assess.clicked.connect(self.assess)
        self.btn_card.clicked.connect(self.show_card)
        self.btn_level.clicked.connect(self.change_level)
        self.btn_end.clicked.connect(self.terminate)
        self.btn_done.clicked.connect(self.complete)
        self.btn_na.clicked.connect(self.not_applicable)
        self.btn_reassign.clicked.connect(self.reassign)
        self.active_label = QLabel()
        self.active_label.setObjectName("plan_active")
        self.active_label.setWordWrap(True)
        self.tasks = read_only_table(["任务", "责任", "时限", "状态", "说明"], single=True)
        self.tasks.setObjectName("plan_tasks")
        self.message = QLabel()
        self.message.setObjectName("plan_message")
        self.message.setWordWrap(True)
        theme.mark(self.message, "error")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("适用预案（按匹配度排序）")))
        top.addStretch(1)
        for b in (self.btn_assess, self.btn_activate, self.btn_card):
            top.addWidget(b)
        mid = QHBoxLayout()
        mid.addWidget(self.active_label, 1)
        mid.addWidget(self.btn_level)
        mid.addWidget(self.btn_end)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        for b in (self.btn_done, self.btn_na, self.btn_reassign):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.matches, 2)
        layout.addLayout(mid)
        layout.addWidget(self.tasks, 3)
        layout.addLayout(bottom)
        # F2 is MainWindow.action_card: one application shortcut, whichever page shows the incident

    # --- loading ---
    def load(self, incident_id: int) -> None:
        """Show the matches, activations and tasks of an incident."""
        self.incident_id = incident_id
        now = self.ctx.store.clock.now()
        with self.ctx.store.read() as s:
            self.found = svc.matches(s, incident_id)
            self.acts = svc.active(s, incident_id)
            tasks = svc.tasks(s, incident_id)
        self.matches.setRowCount(len(self.found))
        for i, m in enumerate(self.found):
            cells = [m.plan.marked_short, level_name(m.level) if m.level else "—", m.reason, "；".join(m.checklist[:2])]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(m.plan.marked_title if j == 0 else text)
                self.matches.setItem(i, j, item)
        self.matches.resizeColumnsToContents()
        if self.found:
            self.matches.selectRow(0)
        if self.acts:
            self.active_label.setText("已启动：" + "；".join(
                f"《{a.plan_title}》{level_name(a.level)}（{format_beijing(a.activated_at, False)}，{a.decider}）"
                for a in self.acts))
        else:
            self.active_label.setText(self.tr("尚未启动预案。选择上方预案后点“启动所选预案”。"))
        for b in (self.btn_level, self.btn_end):
            b.setEnabled(bool(self.acts))
        self.tasks.setRowCount(len(tasks))
        self.task_ids = [t.id for t in tasks]
        for i, t in enumerate(tasks):
            overdue = t.state == "open" and t.due_at is not None and t.due_at < now
            cells = [t.text, t.owner, format_beijing(t.due_at, False), svc.TASK_STATES[t.state]
                     + ("（超时）" if overdue else ""), t.note or (f"{t.done_by} {format_beijing(t.done_at, False)}" if t.done_at else "")]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if overdue:
                    item.setForeground(theme.adapt("#c62828"))
                elif t.state in ("done", "na", "removed"):
                    item.setForeground(theme.adapt("#777777"))
                self.tasks.setItem(i, j, item)
        self.tasks.resizeColumnsToContents()
        self.message.clear()

    def _run(self, action) -> bool:
        if not self.ctx.act(action, self.message, "incidents"):
            return False
        self.load(self.incident_id)
        return True

    def _dialog_run(self, action):
        def run(values: dict) -> None:
            with self.ctx.store.transaction() as s:
                action(s, values)
            self.ctx.notifier.sig_data_changed.emit("incidents")
            self.load(self.incident_id)
        return run

    # --- activation ---
    def selected_match(self):
        """The matched plan chosen in the list, or None."""
        row = self.matches.currentRow()
        return self.found[row] if 0 <= row < len(self.found) else None

    def activate(self) -> None:
        """启动预案: activate the chosen plan at a level, with who decided and why."""
        m = self.selected_match()
        if m is None:
            self.message.setText(self.tr("请先选择一个预案。"))
            return
        levels = {n: LEVELS[n] for n in (lv.level for lv in m.plan.levels)}
        ordered = {m.level: levels[m.level], **levels} if m.level in levels else levels
        FormDialog(self.tr("启动预案"), [("level", "响应级别", ordered), ("decider", "决定人（姓名、职务）", ""),
                                      ("grounds", "启动依据", m.reason)],
                   self._dialog_run(lambda s, v: svc.activate(s, self.incident_id, m.plan.id, m.plan.edition,
                                                              v["level"], v["decider"], v["grounds"])),
                   f"《{m.plan.marked_title}》（{m.plan.edition} 版）。启动权限：" + "；".join(
                       f"{lv.name}由{lv.activated_by}" for lv in m.plan.levels), self).exec()

    def _library(self):
        """The store's plan library (demonstration plans only in a demo store)."""
        with self.ctx.store.read() as s:
            return svc.library(s)

    def _act(self) -> svc.PlanActivation | None:
        if not self.acts:
            return None
        return self.acts[0] if len(self.acts) == 1 else self.acts[-1]

    def change_level(self) -> None:
        """Change the response level of the chosen activation (tasks follow)."""
        act = self._act()
        if act is None:
            return
        plan = self._library().get(act.plan_id, act.edition)
        levels = {lv.level: LEVELS[lv.level] for lv in plan.levels if lv.level != act.level}
        FormDialog(self.tr("调整响应级别"), [("level", "新级别", levels), ("decider", "决定人", act.decider),
                                        ("grounds", "调整依据", "")],
                   self._dialog_run(lambda s, v: svc.change_level(s, act.id, v["level"], v["decider"], v["grounds"])),
                   f"当前：《{act.plan_title}》{level_name(act.level)}。已完成的任务保留。", self).exec()

    def terminate(self) -> None:
        """终止响应: end the chosen activation, with who decided and on what grounds."""
        act = self._act()
        if act is None:
            return
        plan = self._library().get(act.plan_id, act.edition)
        FormDialog(self.tr("终止响应"), [("decider", "决定人", act.decider), ("grounds", "终止依据", "")],
                   self._dialog_run(lambda s, v: svc.terminate(s, act.id, v["decider"], v["grounds"])),
                   "预案规定的终止条件：" + (plan.termination if plan else ""), self).exec()

    # --- tasks ---
    def _task_id(self) -> int | None:
        row = self.tasks.currentRow()
        if not 0 <= row < len(self.task_ids):
            self.message.setText(self.tr("请先在任务列表中选择一项。"))
            return None
        return self.task_ids[row]

    def complete(self) -> None:
        """Mark the chosen task done."""
        task_id = self._task_id()
        if task_id is not None:
            self._run(lambda s: svc.complete(s, task_id))

    def not_applicable(self) -> None:
        """Mark the chosen task not applicable, with a reason."""
        task_id = self._task_id()
        if task_id is not None:
            FormDialog(self.tr("任务不适用"), [("reason", "理由", "")],
                       self._dialog_run(lambda s, v: svc.not_applicable(s, task_id, v["reason"])), parent=self).exec()

    def reassign(self) -> None:
        """Give the chosen task to another unit or group."""
        task_id = self._task_id()
        if task_id is not None:
            FormDialog(self.tr("改派任务"), [("owner", "新的责任单位或工作组", "")],
                       self._dialog_run(lambda s, v: svc.reassign(s, task_id, v["owner"])), parent=self).exec()

    def assess(self) -> None:
        """Enter the warning colour and measured values matching can use."""
        from ..services import incidents

        with self.ctx.store.read() as s:
            warning, measures = incidents.assessment(s, self.incident_id)
        fields = [("warning", "预警颜色", {warning: {"": "无", "red": "红色", "orange": "橙色", "yellow": "黄色",
                                                  "blue": "蓝色"}[warning],
                                       **{"": "无", "red": "红色", "orange": "橙色", "yellow": "黄色", "blue": "蓝色"}})]
        fields += [(k, name, f"{measures[k]:g}" if k in measures else "") for k, name in MEASURE_NAMES.items()]

        def act(s, v: dict) -> None:
            values = {}
            for k, name in MEASURE_NAMES.items():
                text = str(v[k]).strip()
                if text:
                    try:
                        values[k] = float(text)
                    except ValueError:
                        raise ValidationError(f"“{name}”须为数字，而不是“{text}”。", k) from None
            svc.set_assessment(s, self.incident_id, v["warning"], values)
        FormDialog(self.tr("研判数据"), fields, self._dialog_run(act),
                   self.tr("预警颜色与响应级别相互独立；这些数据用于匹配预案的启动条件。"), self).exec()

    # --- action card ---
    def show_card(self) -> None:
        """The position action card for the operator's role, from the active (or best) plan."""
        act = self._act()
        plan = (self._library().get(act.plan_id, act.edition) if act else
                (self.found[0].plan if self.found else None))
        if plan is None or not plan.cards:
            self.message.setText(self.tr("没有可用的处置卡：请先匹配或启动预案。"))
            return
        role = ROLE_CARD.get(self.ctx.actor.role if self.ctx.actor else "", "duty_officer")
        self.card_dialog = CardDialog(plan, role, self)
        self.card_dialog.show()


class CardDialog(QDialog):
    """A position action card with its role switch, print and PDF."""

    def __init__(self, plan, role: str, parent=None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("应急处置卡 — ") + plan.marked_short)
        self.role = QComboBox()
        for card in plan.cards:
            self.role.addItem(CARD_ROLES.get(card.role, card.role), card.role)
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        self.role.currentIndexChanged.connect(self.render)
        self.view = QTextBrowser()
        self.view.setObjectName("card_view")
        self.btn_print = QPushButton(self.tr("打印…"))
        self.btn_pdf = QPushButton(self.tr("导出 PDF…"))
        self.btn_print.clicked.connect(lambda: self.print_())
        self.btn_pdf.clicked.connect(self.export)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("岗位")))
        bar.addWidget(self.role)
        bar.addStretch(1)
        bar.addWidget(self.btn_print)
        bar.addWidget(self.btn_pdf)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.resize(640, 720)
        prepare(self)  # a 1366×768 screen has less than 720 px to spare: capped to the screen
        self.render()

    @property
    def card(self):
        """The action card shown (for printing)."""
        return self.plan.card(self.role.currentData())

    def render(self) -> None:
        """Show the action card for the chosen role."""
        from ..plans.render import card_html

        self.view.setHtml(card_html(self.card, self.plan))

    def print_(self, printer=None) -> int:
        """Print on one A4 page (asks for the printer unless one is given)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ..documents.plans import print_card

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
                return 0
        return print_card(self.card, self.plan, printer)

    def export(self) -> None:
        """Save the action card as PDF or Word."""
        from ..documents.plans import write_card_pdf

        from .dialogs import file_name, save_path

        path = save_path(self, self.tr("导出处置卡"), file_name("处置卡", self.plan.marked_short, self.card.title, ext="pdf"),
                         "PDF (*.pdf)")
        if path:
            write_card_pdf(self.card, self.plan, path)
