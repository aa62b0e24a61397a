"""事件: the incidents, each with its facts, grade, clocks, reports, calls and timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSplitter, QTableView, QTableWidget,
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from ..catalogues import catalogue, label
from ..clock import format_beijing, to_beijing
from ..errors import UserError, ValidationError
from ..services import accounts, auth, clocks, opinion, overview, reports, settings
from ..services import incidents as svc
from ..services.audit_sentences import INCIDENT_STATUS
from ..services.registry import Field, Row
from .context import AppContext
from .dialogs import FormDialog

if TYPE_CHECKING:  # annotations only: the page reads through the services
    from ..models import ClockInstance, Report
from .tables import RowTableModel, fit_columns
from .text_table import TextRow, TextTable
from .texts import t
from .widgets import read_only_table

LIST_FIELDS = (Field("id", "编号", "int"), Field("title", "事件"), Field("type", "类型"),
               Field("grade", "等级"), Field("received", "接报时间"), Field("clocks", "时限"))
STATE_COLOURS = {"overdue": "#c62828", "due_soon": "#ff8f00", "met_late": "#c62828", "met": "#2e7d32"}
CLOCK_HEADERS = ["时限", "接收方", "起算", "截止", "状态", "剩余时间", "完成时间", "说明"]
CLOCK_STATE, CLOCK_LEFT = 4, 5  # columns that change as time passes


def _fill(t: QTableWidget, rows: list[list[str]], colours: list[str | None] | None = None,
          tips: list[list[str]] | None = None) -> None:
    t.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            item = QTableWidgetItem(text)
            if colours and colours[i]:
                item.setForeground(QColor(colours[i]))
            if tips and tips[i][j]:
                item.setToolTip(tips[i][j])
            t.setItem(i, j, item)
    fit_columns(t, t._column_fitter.stretch, t._column_fitter.elastic)


def _slot(slot: str) -> str:
    """A recurring clock's slot as a person reads it: 08:00 for "2026-12-03 08:00" (the deadline has the date)."""
    if len(slot) >= 16 and slot[10] in " T" and slot[13] == ":":
        return slot[11:16]
    return slot


def _short_time(value, seconds: bool = False) -> str:
    """11-23 22:41 (month-day and time, Beijing) for narrow columns; the full text goes in the tooltip."""
    if value is None:
        return ""
    return to_beijing(value).strftime("%m-%d %H:%M:%S" if seconds else "%m-%d %H:%M")


def clock_now(inst: ClockInstance, now, due_soon_minutes: int) -> tuple[str, str, str | None]:
    """(state text, time left, colour) of one clock of an incident at *now*.

    Open clocks are judged as the strip judges them (the post's early-warning
    minutes included), so the tab and the strip never disagree.
    """
    if inst.state == clocks.OPEN and inst.inapplicable_since is None and inst.kind != "window":
        view = clocks.ClockView(inst.id, inst.incident_id, "", inst.name, inst.recipient, inst.due_at, inst.warn_at)
        item = clocks.strip([view], now, due_soon_minutes)[0]
        left = item.countdown.removeprefix("剩余 ")
        return clocks.STATE_LABELS[item.state], left, STATE_COLOURS.get(item.state)
    st = clocks.state_of(inst, now)
    text = clocks.STATE_LABELS.get(st, st)
    if inst.state == clocks.MET_LATE and inst.late_minutes:
        text += f" {inst.late_minutes} 分钟"
    if inst.inapplicable_since is not None:
        text += "（已不适用）"
    return text, "—", STATE_COLOURS.get(st)


class IncidentsPage(QWidget):
    """List of incidents on the left; the selected one in tabs on the right."""

    ERROR_STYLE = "color:#b00020; font-weight:bold;"  # the action message: refusals in red

    sig_follow_up = Signal(int)
    """The officer wants to log a further call about this incident."""

    sig_current_changed = Signal(int)
    """This incident is now the one shown (its clocks stay on the strip)."""

    sig_show_on_map = Signal(int)
    """Open the map centred on this incident (rings, dispatched teams)."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_id: int | None = None
        self.model = RowTableModel(LIST_FIELDS, self)
        self.table = QTableView()
        self.table.setObjectName("incident_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setColumnHidden(2, True)  # the type is in the title already (place + type)
        fit_columns(self.table, stretch=1, elastic=(1,), watch=False)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_incident(self.model.row(cur.row()).id) if cur.isValid() else None)
        # a county keeps years of incidents: the list holds one page (newest, and every open one); the filter
        # and 更多 ask the store for the rest
        self.filter = QLineEdit()
        self.filter.setObjectName("incident_filter")
        self.filter.setPlaceholderText(self.tr("筛选：编号、事件名称或地点（Ctrl+F）"))
        self.filter.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self.refilter)
        self.filter.textChanged.connect(lambda _t: self._filter_timer.start())
        self.list_note = QLabel()
        self.list_note.setObjectName("incident_list_note")
        self.btn_more = QPushButton(self.tr("更多…"))
        self.btn_more.setObjectName("incident_more")
        self.btn_more.clicked.connect(self.load_more)
        self._listed = 0  # rows of the list fetched so far (by the page, not counting old open ones)
        find = QShortcut(QKeySequence("Ctrl+F"), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_filter)

        self.head = QLabel()
        self.head.setObjectName("incident_head")
        self.head.setWordWrap(True)
        self.head.setStyleSheet("font-size:16px; font-weight:bold;")
        self.tabs = QTabWidget()
        self.overview = self._build_overview()
        self.clock_table = read_only_table(CLOCK_HEADERS, stretch=7, elastic=(7, 1, 0))
        self.clock_table.setObjectName("clock_table")
        self._clocks: list[ClockInstance] = []
        self._due_soon = 5
        clock_tab = QWidget()
        cl = QVBoxLayout(clock_tab)
        cl.addWidget(self.clock_table)
        self.btn_waive = QPushButton(self.tr("豁免所选时限…"))
        self.btn_waive.clicked.connect(self.waive_clock)
        self.btn_tick = QPushButton(self.tr("逐项登记所选时限的清单…"))
        self.btn_tick.setObjectName("btn_tick")
        self.btn_tick.clicked.connect(self.tick_clock)
        buttons_row = QHBoxLayout()
        buttons_row.addStretch(1)
        buttons_row.addWidget(self.btn_tick)
        buttons_row.addWidget(self.btn_waive)
        cl.addLayout(buttons_row)
        self.report_panel = ReportPanel(ctx, self)
        from .dispatch import DispatchPanel
        from .ledger import FillPlanPanel
        from .plan_panel import PlanPanel
        from .shelters import SheltersPanel

        self.plan_panel = PlanPanel(ctx, self)
        self.dispatch_panel = DispatchPanel(ctx, self)
        self.fill_panel = FillPlanPanel(ctx, self)
        self.shelter_panel = SheltersPanel(ctx, self)
        for panel in (self.dispatch_panel, self.fill_panel, self.shelter_panel):
            panel.sig_changed.connect(lambda *_: self.show_incident(self.current_id) if self.current_id else None)
        self.call_table = read_only_table(["次序", "接报时间", "方式", "来电", "伤亡与损失", "情况"],
                                          stretch=5, elastic=(5, 3, 4))
        self.timeline = read_only_table(["时间", "记录人", "内容"], stretch=2, elastic=(2,))
        self.timeline.setObjectName("timeline")
        self.tabs.addTab(self.overview, self.tr("概况"))
        self.tabs.addTab(clock_tab, self.tr("报告时限"))
        self.tabs.addTab(self.report_panel, self.tr("报告"))
        self.tabs.addTab(self.plan_panel, self.tr("预案"))
        self.tabs.addTab(self.dispatch_panel, self.tr("调派"))
        self.issued_panel = IssuedPanel(self)
        materials = QSplitter(Qt.Orientation.Vertical)
        materials.setObjectName("materials_tab")
        materials.addWidget(self.issued_panel)
        materials.addWidget(self.fill_panel)
        materials.setStretchFactor(0, 2)
        materials.setStretchFactor(1, 3)
        self.materials_tab = materials
        self.tabs.addTab(materials, self.tr("物资"))
        self.tabs.addTab(self.shelter_panel, self.tr("安置"))
        self.tabs.addTab(self.call_table, self.tr("接报记录"))
        self.tabs.addTab(self.timeline, self.tr("时间线"))
        self.opinion_table = read_only_table(["发现时间", "来源", "内容", "热度", "应对"], stretch=2, elastic=(2, 4))
        self.opinion_table.setObjectName("incident_opinion")
        self.tabs.addTab(self.opinion_table, self.tr("舆情"))
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 0, 0, 0)
        rl.addWidget(self.head)
        rl.addWidget(self.tabs, 1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.filter)
        ll.addWidget(self.table, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.list_note, 1)
        foot.addWidget(self.btn_more)
        ll.addLayout(foot)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([400, 840])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        ctx.notifier.sig_data_changed.connect(self._changed)
        self._stale = True
        self._detail_stale = False  # another seat changed data while this seat typed in the tabs
        self._facts: list[str] = []
        self._received_at = None
        self.ticker = QTimer(self)  # countdowns and "距今 N 分钟" follow the clock while the page is shown
        self.ticker.timeout.connect(self.tick)
        self.ticker.start(1000)

    def _build_overview(self) -> QWidget:
        w = QWidget()
        self.facts = QLabel()
        self.facts.setObjectName("incident_facts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.grade_info = QLabel()
        self.grade_info.setObjectName("incident_grade")
        self.grade_info.setWordWrap(True)
        self.unstable = QCheckBox(self.tr("灾情不稳定（每日 09:00 零报告；取消勾选即标记灾情稳定）"))
        self.unstable.clicked.connect(self.toggle_unstable)
        actions = QGroupBox(self.tr("处置与报告"))
        grid = QGridLayout(actions)
        buttons = (
            ("续报来电…", self.follow_up), ("调整等级…", self.change_grade), ("定级条件…", self.grading_facts),
            ("已报告带班领导…", self.notify_leader), ("已电话报告市政府…", self.phone_city),
            ("起草初报", lambda: self.draft("initial")), ("起草续报", lambda: self.draft("followup")),
            ("起草核报", lambda: self.draft("verified")), ("起草终报", lambda: self.draft("final")),
            ("已报零报告…", self.zero_report), ("基本生活已保障…", self.confirm_relief),
            ("在地图上查看", self.show_on_map), ("导出 CAP 事件信息…", self.export_cap),
        )
        self.action_buttons: dict[str, QPushButton] = {}
        for i, (text, slot) in enumerate(buttons):
            b = QPushButton(t(text))
            b.clicked.connect(slot)
            self.action_buttons[text] = b
            grid.addWidget(b, i // 4, i % 4)
        self.message = QLabel()
        self.message.setObjectName("incident_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#b00020; font-weight:bold;")
        layout = QVBoxLayout(w)
        layout.addWidget(self.grade_info)
        layout.addWidget(self.facts, 1)
        layout.addWidget(self.unstable)
        layout.addWidget(actions)
        layout.addWidget(self.message)
        return w

    # --- loading ---
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Re-read the incident list if it changed while the page was hidden."""
        if self._stale:
            self.reload()
        super().showEvent(event)

    def _changed(self, key: str) -> None:
        if self.ctx.notifier.remote and self.isVisible():
            # another seat's change: the list first, painted now; the incident shown is re-read after it
            # (its tabs take a few hundred ms), or once the typing stops if a box here is being typed in (tick)
            self.refilter()
            self.table.viewport().repaint()
            self._detail_stale = True
            if not self._typing():
                QTimer.singleShot(0, self._reread_shown)
            return
        self._stale = True
        if self.isVisible():
            self.reload()

    def _reread_shown(self) -> None:
        """Re-read the incident shown after another seat's change (the first one listed if none is)."""
        if not self._detail_stale or self._typing():
            return
        self._detail_stale = False
        target = self.current_id if self.current_id is not None else (
            self.model.row(0).id if self.model.rowCount() else None)
        if target is not None:
            self.select(target)

    def _typing(self) -> bool:
        """Whether something is being typed in the incident's tabs: the focus in a box that takes typing,
        or a box edited and not yet saved (saving re-reads the incident, which clears that)."""
        from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

        w = QApplication.focusWidget()
        if w is not None and self.tabs.isAncestorOf(w):
            if isinstance(w, (QLineEdit, QTextEdit, QPlainTextEdit)) and not w.isReadOnly():
                return True
            if isinstance(w, QAbstractSpinBox):
                return True
        return any(box.isModified() and not box.isReadOnly() for box in self.tabs.findChildren(QLineEdit))

    def reload(self) -> None:
        """Re-read the incident list (its first page, as filtered) and the selected incident."""
        rows = self._relist()
        self._stale = False
        target = self.current_id if self.current_id is not None else (rows[0].id if rows else None)
        if target is not None:
            self.select(target)
        else:
            self.head.setText(self.tr("还没有事件。按 Ctrl+N 接报。"))

    def refilter(self) -> None:
        """The filter changed: only the list is asked again; the incident shown stays (selected if it matches)."""
        self._relist()
        pos = self.model.row_of(self.current_id) if self.current_id is not None else -1
        self.table.selectionModel().blockSignals(True)
        if pos >= 0:
            self.table.selectRow(pos)
        else:
            self.table.clearSelection()
        self.table.selectionModel().blockSignals(False)
        self.table.viewport().update()

    def _relist(self) -> list[Row]:
        with self.ctx.store.read() as s:
            page = svc.list_page(s, self.filter.text())
            rows = self._rows(s, page.incidents)
        self._listed = min(svc.PAGE, page.total)
        self._show_count(page)
        self.model.set_rows(rows)
        fit_columns(self.table, stretch=1, elastic=(1,), watch=False)
        return rows

    def _rows(self, s, listed) -> list[Row]:
        """List rows for *listed* incidents with their clocks' state (one query for all of them)."""
        now = self.ctx.store.clock.now()
        rows = []
        by_incident = clocks.states_by_incident(s, [i.id for i in listed], now)
        for inc in listed:
            states = by_incident.get(inc.id, [])
            overdue = states.count("overdue")
            running = sum(st in ("pending", "due_soon", "overdue") for st in states)
            timing = (self.tr("%1 计时").replace("%1", str(running))
                      + (self.tr("，%1 超时").replace("%1", str(overdue)) if overdue else "")) if running else ""
            if inc.status in svc.CLOSED_STATUSES:  # ended: say so first, then what still runs (a 终报 due)
                timing = self.tr("，").join(x for x in (t(INCIDENT_STATUS.get(inc.status, inc.status)), timing) if x)
            texts = {"id": svc.number(inc), "title": inc.title, "type": t(svc.type_label(inc.type)),
                     "grade": t(svc.grade_label(inc.grade)), "received": _short_time(inc.received_at),
                     "clocks": timing or "—"}
            values = {"id": inc.id, **{k: v for k, v in texts.items() if k != "id"}}
            rows.append(Row(inc.id, inc.version, values, texts, " ".join(texts.values()).casefold()))
        return rows

    def _show_count(self, page) -> None:
        if self.filter.text().strip():
            text = self.tr("符合条件 %1 起").replace("%1", str(page.total))
        else:
            text = self.tr("共 %1 起").replace("%1", str(page.total))
        if page.more:
            text += self.tr("，已列出最近 %1 起").replace("%1", str(self._listed))
        self.list_note.setText(text)
        self.btn_more.setVisible(page.more)

    def load_more(self) -> None:
        """Fetch the next page of the list (older incidents) below what is listed."""
        with self.ctx.store.read() as s:
            page = svc.list_page(s, self.filter.text(), offset=self._listed)
            have = {self.model.row(i).id for i in range(self.model.rowCount())}
            rows = self._rows(s, [i for i in page.incidents if i.id not in have])
        self._listed = min(self._listed + svc.PAGE, page.total)
        keep = self.current_id
        self.model.set_rows([self.model.row(i) for i in range(self.model.rowCount())] + rows)
        self._show_count(page)
        if keep is not None and self.model.row_of(keep) >= 0:
            self.table.selectRow(self.model.row_of(keep))

    def focus_filter(self) -> None:
        """Ctrl+F: to the list's filter box."""
        self.filter.setFocus()
        self.filter.selectAll()

    def select(self, incident_id: int) -> None:
        """Select an incident in the list and show it."""
        pos = self.model.row_of(incident_id)
        if pos >= 0 and self.table.currentIndex().row() != pos:
            self.table.selectRow(pos)  # the list's current-row signal shows it
            if self.current_id == incident_id:
                return
        self.show_incident(incident_id)

    def show_incident(self, incident_id: int) -> None:
        """Fill the tabs for one incident."""
        self.current_id = incident_id
        self._detail_stale = False
        now = self.ctx.store.clock.now()
        with self.ctx.store.read() as s:
            inc = svc.get(s, incident_id)
            if inc is None:
                return
            calls = list(inc.calls)
            events = sorted(inc.events, key=lambda e: (e.at, e.id))
            insts = clocks.of_incident(s, incident_id)
            suggestion = svc.suggest_for(inc, svc.tables_for(s))
            self.report_panel.load(s, incident_id)
            self._due_soon = int(settings.get(s, "due_soon_minutes") or 5)
            self.issued_panel.load(overview.incident_materials(s, incident_id))
            has_facts = bool(svc.grading_fact_choices(s, incident_id))
            said = opinion.for_incident(s, incident_id)
        self.action_buttons["定级条件…"].setVisible(has_facts)  # only scales that read more than figures
        self.action_buttons["基本生活已保障…"].setVisible(any(c.rule_id == "C-RELIEF-10H" for c in insts))
        self.sig_current_changed.emit(incident_id)
        self.plan_panel.load(incident_id)
        for panel in (self.dispatch_panel, self.fill_panel, self.shelter_panel):
            panel.load(incident_id)
        self.message.clear()
        closed = f"〔{t(INCIDENT_STATUS.get(inc.status, inc.status))}〕" if inc.status in svc.CLOSED_STATUSES else ""
        self.head.setText(f"{svc.heading(inc)} {inc.title}　〔{t(svc.grade_label(inc.grade))}〕{closed}"
                          + (self.tr("　〔建议%1〕").replace("%1", svc.response_label(inc.response_level))
                             if inc.response_level else ""))
        lag = ""
        if inc.occurred_at:
            minutes = int((inc.received_at - inc.occurred_at).total_seconds() // 60)
            lag = self.tr("（事发至接报 %1 分钟）").replace("%1", str(minutes))
        first = calls[0] if calls else None
        # the words in the interface language; names, places and figures as recorded
        lines = [
            self.tr("类型：%1 · %2").replace("%2", t(svc.type_label(inc.type)))
            .replace("%1", t(label("incident_category", inc.category))),
            self.tr("地点：%1").replace("%1", inc.place_text)
            + (self.tr("（区划 %1）").replace("%1", inc.jurisdiction_code) if inc.jurisdiction_code else ""),
            self.tr("事发时间：%1").replace("%1", format_beijing(inc.occurred_at, False) or self.tr("不详")) + lag,
            "{since}",
            self.tr("伤亡与损失：%1").replace("%1", reports.consequences_text(inc.counts, inc.predicted)),
        ]
        if first:
            lines.append(self.tr("首报：%1（%2）").replace("%2", t(label("call_channel", first.channel))).replace(
                "%1", f"{first.caller_unit} {first.caller_name} {first.caller_phone}"))
            if first.notified:
                lines.append(self.tr("已通知：%1").replace("%1", first.notified))
        lines.append(self.tr("接报记录 %1 条；记录人 %2").replace("%2", first.recorder_name if first else "")
                     .replace("%1", str(len(calls))))
        self._facts, self._received_at = lines, inc.received_at
        self._show_facts(now)
        grade_text = (self.tr("等级：%1").replace("%1", t(svc.grade_label(inc.grade)))
                      + (self.tr("（依据研判数字）") if inc.grade_predicted else ""))
        if inc.response_level:
            grade_text += self.tr("　　应急响应建议：%1（响应级别，不是事件等级）").replace(
                "%1", svc.response_label(inc.response_level))
        if suggestion is not None:
            grade_text += self.tr("　　标准建议：%1").replace("%1", t(svc.grade_label(suggestion.level)))
            if suggestion.reasons:
                grade_text += f"\n{suggestion.reasons[0].text}（{suggestion.source}）"
        self.grade_info.setText(grade_text)
        self.unstable.setChecked("disaster_unstable" in (inc.flags or []))
        self.unstable.setEnabled(inc.category == "natural")
        rows, colours, tips = [], [], []
        for c in insts:
            state_text, left, colour = clock_now(c, now, self._due_soon)
            name = c.name + (f"（{_slot(c.slot)}）" if c.slot else "")
            rows.append([name, c.recipient, _short_time(c.anchor_at), _short_time(c.due_at, True), state_text, left,
                         _short_time(c.met_at), c.note])
            tips.append([f"{name} → {c.recipient}\n{clocks.rule_label(c.rule_id)}", c.recipient, format_beijing(c.anchor_at), format_beijing(c.due_at),
                         "", "", format_beijing(c.met_at), c.note])
            colours.append(colour)
        self._clocks = insts
        self._clock_ids = [c.id for c in insts]
        _fill(self.clock_table, rows, colours, tips)
        _fill(self.call_table, [[str(c.seq), format_beijing(c.received_at), t(label("call_channel", c.channel)),
                                 f"{c.caller_unit} {c.caller_name} {c.caller_phone}".strip(),
                                 reports.consequences_text(c.counts, c.predicted),
                                 "；".join(x for x in (c.cause, c.course, c.measures) if x)] for c in calls])
        _fill(self.timeline, [[format_beijing(e.at), e.actor_name, e.summary] for e in events],
              tips=[["", "", e.summary] for e in events])
        self.timeline.scrollToBottom()  # oldest at the top, as it happened; the newest in view
        _fill(self.opinion_table, [[format_beijing(v.seen_at, False), v.source, v.text, v.heat,
                                    v.response or self.tr("尚未应对")] for v in said],
              tips=[["", v.link, v.text, "", v.response] for v in said])
        self.tabs.setTabText(self.tabs.indexOf(self.opinion_table),
                             self.tr("舆情（%1）").replace("%1", str(len(said))) if said else self.tr("舆情"))

    # --- time passing ---
    def _show_facts(self, now) -> None:
        since = max(0, int((now - self._received_at).total_seconds() // 60))
        text = (self.tr("接报时间：%1（距今 %2 分钟）").replace("%2", str(since))
                .replace("%1", format_beijing(self._received_at)))
        self.facts.setText("\n".join(text if line == "{since}" else line for line in self._facts))

    def tick(self) -> None:
        """Bring the countdowns, clock states and "距今 N 分钟" up to the clock's time (cheap: no query)."""
        if not self.isVisible() or self._received_at is None:
            return
        if self._detail_stale and not self._typing() and self.current_id is not None:
            self._detail_stale = False
            self.show_incident(self.current_id)
        now = self.ctx.store.clock.now()
        self._show_facts(now)
        t = self.clock_table
        for row, inst in enumerate(self._clocks):
            state_text, left, colour = clock_now(inst, now, self._due_soon)
            for col, text in ((CLOCK_STATE, state_text), (CLOCK_LEFT, left)):
                cell = t.item(row, col)
                if cell is not None and cell.text() != text:
                    cell.setText(text)
            first = t.item(row, 0)
            if colour and first is not None and first.foreground().color() != QColor(colour):
                for col in range(t.columnCount()):
                    if t.item(row, col) is not None:
                        t.item(row, col).setForeground(QColor(colour))

    # --- actions ---
    def _act(self, action) -> bool:
        """Run one service call in a transaction; show a refusal; refresh on success."""
        self.message.setStyleSheet(self.ERROR_STYLE)  # after an export's confirmation (green)
        return self.ctx.act(action, self.message, "incidents")

    def refresh_permission(self) -> None:
        """Enable what the signed-in operator may do."""
        for panel in (self.dispatch_panel, self.fill_panel, self.shelter_panel):
            if hasattr(panel, "refresh_permission"):
                panel.refresh_permission()

    def show_on_map(self) -> None:
        """在地图上查看: the map centred on this incident with its rings and dispatched teams."""
        if self.current_id is not None:
            self.sig_show_on_map.emit(self.current_id)

    def export_cap(self, path: str | None = None) -> bool:
        """导出 CAP 事件信息: this incident as a CAP 1.2 notice, validated before writing (asks where)."""
        from ..services import cap_export
        from .dialogs import file_name, save_path, today

        iid = self.current_id
        if iid is None:
            return False
        path = path or save_path(self, self.tr("导出 CAP 1.2 事件信息"),
                                 file_name("CAP", f"事件{iid}", ext="xml", day=today(self.ctx)),
                                 self.tr("CAP 文件 (*.xml)"))
        if not path:
            return False
        done = []

        def export(s) -> None:
            out = cap_export.export_incident(s, iid)
            cap_export.write_file(path, out.data)  # inside the transaction: a failed write rolls it back
            done.append(out)

        self.message.setStyleSheet(self.ERROR_STYLE)
        if not self.ctx.act(export, self.message):
            return False
        out = done[0]
        drill = self.tr("（演练，状态 Exercise）") if out.status == "Exercise" else ""
        self.message.setStyleSheet("color:#1b5e20; font-weight:bold;")  # a confirmation, not a refusal
        self.message.setText(self.tr("已导出 CAP 1.2 事件信息%1（标识 %2，已通过模式校验）：%3")
                             .replace("%1", drill).replace("%2", out.identifier).replace("%3", path))
        return True

    def follow_up(self) -> None:
        """续报来电: record a further call about this incident."""
        if self.current_id is not None:
            self.sig_follow_up.emit(self.current_id)

    def toggle_unstable(self, on: bool) -> None:
        """Mark the disaster unstable (daily zero report) or stable."""
        if self.current_id is not None:
            self._act(lambda s: clocks.set_stable(s, self.current_id, not on))

    def change_grade(self) -> None:
        """调整等级: confirm or change the grade, with a reason when it differs from the scale."""
        levels = {"": "暂不定级", **catalogue("grade_level")}
        dlg = FormDialog(self.tr("调整等级"), [("level", "等级", levels), ("reason", "理由", "")],
                         lambda v: self._grade(v), self.tr("等级与标准建议不同时须填写理由。调整后报告时限将重新推算。"),
                         self)
        dlg.exec()

    def grading_facts(self) -> None:
        """Ask for the facts the scale reads besides figures (震中人口密集程度, 停电城市, 水源地取水中断)."""
        with self.ctx.store.read() as s:
            choices = svc.grading_fact_choices(s, self.current_id)
        if not choices:
            self.message.setText(self.tr("本类事件的分级标准只看伤亡、损失等数字，无须填写定级条件。"))
            return

        def run(v: dict) -> None:
            with self.ctx.store.transaction() as s:
                svc.set_grading_facts(s, self.current_id, {k: val for k, val in v.items() if val})
            self.ctx.notifier.sig_data_changed.emit("incidents")

        fields = [(key, label, {"": self.tr("不详 / 不适用"), **values}) for key, label, values, _ in choices]
        dlg = FormDialog(self.tr("定级条件"), fields, run,
                         self.tr("分级标准按这些条件取不同的标准；改动后重新给出建议等级，报告时限随之重算。"), self)
        for key, _label, _values, current in choices:
            box = dlg.widgets[key]
            box.setCurrentIndex(max(0, box.findData(current)))
        dlg.exec()

    def _grade(self, v: dict) -> None:
        level = int(v["level"]) if v["level"] else None
        with self.ctx.store.transaction() as s:
            svc.set_grade(s, self.current_id, level, v["reason"])
        self.ctx.notifier.sig_data_changed.emit("incidents")

    def notify_leader(self) -> None:
        """Record that the shift leader was told."""
        def run(v: dict) -> None:
            with self.ctx.store.transaction() as s:
                reports.notify_leader(s, self.current_id, v["leader"], v["summary"], self._when(v["at"]))
            self.ctx.notifier.sig_data_changed.emit("incidents")
        FormDialog(self.tr("已报告带班领导"), [("leader", "带班领导", ""), ("at", "报告时间", self._now_text()),
                                         ("summary", "领导指示", "")], run, parent=self).exec()

    def phone_city(self) -> None:
        """Record the phone report to the city government."""
        def run(v: dict) -> None:
            with self.ctx.store.transaction() as s:
                reports.log_phone(s, self.current_id, v["recipient"], "city", v["person"], v["number"],
                                  v["summary"], self._when(v["at"]))
            self.ctx.notifier.sig_data_changed.emit("incidents")
        with self.ctx.store.read() as s:
            city = settings.get(s, "city_recipient")
        FormDialog(self.tr("已电话报告市政府"),
                   [("recipient", "接收单位", city), ("person", "接听人", ""), ("number", "拨打号码", ""),
                    ("at", "通话时间", self._now_text()), ("summary", "报告内容摘要", "")], run,
                   self.tr("先电话、后书面：记录电话报告即满足电话报告时限。"), self).exec()

    def zero_report(self) -> None:
        """Record today's zero report."""
        def run(v: dict) -> None:
            with self.ctx.store.transaction() as s:
                reports.log_zero(s, self.current_id, v["recipient"], v["summary"], self._when(v["at"]))
            self.ctx.notifier.sig_data_changed.emit("incidents")
        with self.ctx.store.read() as s:
            city = settings.get(s, "city_recipient")
        FormDialog(self.tr("已报零报告"), [("recipient", "接收单位", city), ("at", "报送时间", self._now_text()),
                                       ("summary", "内容摘要", "")], run,
                   self.tr("灾情不稳定期间，每日按时报送零报告，无新情况也须报告。"), self).exec()

    def confirm_relief(self) -> None:
        """The affected people's food, water, clothing and shelter are secured (the 10-hour target)."""
        def run(v: dict) -> None:
            with self.ctx.store.transaction() as s:
                clocks.confirm_relief(s, self.current_id, self._when(v["at"]), v["note"])
            self.ctx.notifier.sig_data_changed.emit("incidents")
        FormDialog(self.tr("受灾群众基本生活已保障"), [("at", "落实时间", self._now_text()), ("note", "情况说明", "")], run,
                   self.tr("受灾群众的吃、穿、住、饮水和医疗等基本生活得到保障后记录，"
                           "完成“受灾群众基本生活保障（10 小时）”时限。"), self).exec()

    def _now_text(self) -> str:
        return format_beijing(self.ctx.store.clock.now())

    def _when(self, text: str):
        from ..clock import parse_beijing

        try:
            return parse_beijing(text, self.ctx.store.clock.now()) if text.strip() else None
        except ValueError as exc:
            raise ValidationError(str(exc), "at") from None

    def draft(self, kind: str) -> None:
        """Draft a report of this *kind* from what is known now."""
        if self.current_id is None:
            return
        holder = {}
        if self._act(lambda s: holder.setdefault("id", reports.draft(s, self.current_id, kind).id)):
            self.tabs.setCurrentWidget(self.report_panel)
            self.report_panel.select(holder["id"])

    def waive_clock(self) -> None:
        """豁免时限: waive the chosen deadline, with a reason (audited)."""
        row = self.clock_table.currentRow()
        if row < 0 or self.current_id is None:
            self.message.setText(self.tr("请先在列表中选择一个时限。"))
            return
        clock_id = self._clock_ids[row]

        def run(v: dict) -> None:
            with self.ctx.store.transaction() as s:
                clocks.waive(s, clock_id, v["reason"], v["approver"])
            self.ctx.notifier.sig_data_changed.emit("incidents")
        FormDialog(self.tr("豁免时限"), [("reason", "理由", ""), ("approver", "批准的带班领导", "")], run,
                   parent=self).exec()

    def tick_clock(self) -> None:
        """Record one checklist item of the selected clock (e.g. 同时报告本级人民政府) with its time."""
        row = self.clock_table.currentRow()
        if row < 0 or self.current_id is None:
            self.message.setText(self.tr("请先在列表中选择一个时限。"))
            return
        clock_id = self._clock_ids[row]
        with self.ctx.store.read() as s:
            entries = clocks.checklist(s, clock_id)
        if not entries:
            self.message.setText(self.tr("所选时限没有逐项清单。"))
            return
        todo = {e.id: e.label + ("（必办）" if e.required else "") for e in entries if e.done_at is None}
        done = "；".join(f"{e.label} {format_beijing(e.done_at)}" for e in entries if e.done_at is not None)
        if not todo:
            self.message.setText(self.tr("清单各项均已登记：") + done)
            return

        def run(v: dict) -> None:
            with self.ctx.store.transaction() as s:
                clocks.tick(s, clock_id, v["item"], self._when(v["at"]), v["note"])
            self.ctx.notifier.sig_data_changed.emit("incidents")
        intro = self.tr("已登记：") + (done or self.tr("无"))
        FormDialog(self.tr("逐项登记"), [("item", "事项", todo), ("at", "完成时间", self._now_text()),
                                     ("note", "接收单位或说明", "")], run, intro, self).exec()


class ReportPanel(QWidget):
    """The reports of one incident: drafts to complete and sign, sent ones to print."""

    def __init__(self, ctx: AppContext, page: IncidentsPage) -> None:
        super().__init__(page)
        self.ctx, self.page = ctx, page
        self.report_id: int | None = None
        self.list = QListWidget()
        self.list.setObjectName("report_list")
        self.list.setMaximumWidth(230)
        self.list.currentItemChanged.connect(lambda cur, _p: self.select(cur.data(Qt.ItemDataRole.UserRole))
                                             if cur is not None else None)
        self.title = QLineEdit()
        self.title.setObjectName("report_title")
        self.status = QLabel()
        self.status.setObjectName("report_status")
        self.status.setWordWrap(True)
        self.elements = QTableWidget(0, 3)
        self.elements.setObjectName("report_elements")
        self.elements.setHorizontalHeaderLabels([self.tr("要素"), self.tr("内容"), self.tr("暂不掌握")])
        self.elements.verticalHeader().hide()
        self.elements.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.changes = QLabel()
        self.changes.setWordWrap(True)
        # 主送 / 抄送: one row per addressee (unit, 主送 or 抄送, level for the clocks)
        self.recipients = QTableWidget(0, 3)
        self.recipients.setObjectName("report_recipients")
        self.recipients.setHorizontalHeaderLabels([self.tr("接收单位"), self.tr("主送/抄送"), self.tr("层级")])
        self.recipients.verticalHeader().hide()
        self.recipients.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.recipients.setMaximumHeight(130)
        self.btn_add_recipient = QPushButton(self.tr("添加接收单位"))
        self.btn_add_recipient.clicked.connect(lambda: self._add_recipient_row("", "cc", "other", True))
        self.btn_remove_recipient = QPushButton(self.tr("删去所选"))
        self.btn_remove_recipient.clicked.connect(self._remove_recipient_row)
        self.urgency = QComboBox()
        self.urgency.setObjectName("report_urgency")
        for code, text in reports.URGENCY.items():
            self.urgency.addItem(text or self.tr("（不标注）"), code)
        self.classification = QComboBox()
        self.classification.setObjectName("report_classification")
        for code, text in reports.CLASSIFICATION.items():
            self.classification.addItem(text or self.tr("（不标注）"), code)
        self.copy_number = QLineEdit()
        self.copy_number.setObjectName("report_copy_number")
        self.copy_number.setPlaceholderText(self.tr("份号，如 000001"))
        self.duty_officer = QLineEdit()  # 值班员 and 带班领导 named on the report (the roster's, unless typed)
        self.duty_officer.setObjectName("report_duty_officer")
        self.duty_leader = QLineEdit()
        self.duty_leader.setObjectName("report_duty_leader")
        self.approval = QLabel()
        self.approval.setObjectName("report_approval")
        self.approval.setWordWrap(True)
        self.sends = QLabel()
        self.sends.setObjectName("report_sends")
        self.sends.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("report_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020; font-weight:bold;")
        self.btn_save = QPushButton(self.tr("保存草稿"))
        self.btn_approve = QPushButton(self.tr("带班领导审批…"))
        self.btn_approve.setObjectName("report_approve")
        self.btn_approve.clicked.connect(self.approve)
        self.btn_send = QPushButton(self.tr("报送…"))
        self.btn_pdf = QPushButton(self.tr("导出 PDF…"))
        self.btn_docx = QPushButton(self.tr("导出 Word…"))
        self.btn_print = QPushButton(self.tr("打印…"))
        self.btn_print.clicked.connect(self.print_)
        self.btn_save.clicked.connect(self.save)
        self.btn_send.clicked.connect(self.send)
        self.btn_pdf.clicked.connect(lambda: self.export("pdf"))
        self.btn_docx.clicked.connect(lambda: self.export("docx"))
        form = QGridLayout()
        form.addWidget(QLabel(self.tr("标题")), 0, 0)
        form.addWidget(self.title, 0, 1)
        marks = QHBoxLayout()
        for text, w in ((self.tr("紧急程度"), self.urgency), (self.tr("密级"), self.classification),
                        (self.tr("份号"), self.copy_number)):
            marks.addWidget(QLabel(text))
            marks.addWidget(w)
        marks.addStretch(1)
        form.addLayout(marks, 1, 1)
        form.addWidget(QLabel(self.tr("主送/抄送")), 2, 0, Qt.AlignmentFlag.AlignTop)
        addressees = QHBoxLayout()
        addressees.addWidget(self.recipients, 1)
        side = QVBoxLayout()
        side.addWidget(self.btn_add_recipient)
        side.addWidget(self.btn_remove_recipient)
        side.addStretch(1)
        addressees.addLayout(side)
        form.addLayout(addressees, 2, 1)
        form.addWidget(QLabel(self.tr("签发")), 3, 0)
        form.addWidget(self.approval, 3, 1)
        on_duty = QHBoxLayout()
        for text, w in ((self.tr("值班员"), self.duty_officer), (self.tr("带班领导"), self.duty_leader)):
            on_duty.addWidget(QLabel(text))
            on_duty.addWidget(w)
        on_duty.addStretch(1)
        form.addWidget(QLabel(self.tr("值班")), 4, 0)
        form.addLayout(on_duty, 4, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        for b in (self.btn_save, self.btn_approve, self.btn_send, self.btn_pdf, self.btn_docx, self.btn_print):
            buttons.addWidget(b)
        editor = QVBoxLayout()
        editor.addWidget(self.status)
        editor.addLayout(form)
        editor.addWidget(self.elements, 1)
        editor.addWidget(self.changes)
        editor.addWidget(self.sends)
        editor.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(editor, 1)

    def load(self, session, incident_id: int) -> None:
        """List the incident's reports (inside the caller's read session)."""
        self.list.blockSignals(True)
        self.list.clear()
        self._reports = {r.id: r for r in reports.for_incident(session, incident_id)}
        for r in self._reports.values():
            when = format_beijing(r.sent_at, False) if r.sent_at else "草稿"
            late = f" 迟报{r.late_minutes}分" if r.late_minutes else ""
            item = QListWidgetItem(f"{reports.kind_label(r)} · {when}{late}")
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            if r.late_minutes:
                from PySide6.QtGui import QColor
                item.setForeground(QColor("#c62828"))
            self.list.addItem(item)
        self.list.blockSignals(False)
        keep = self.report_id if self.report_id in self._reports else (
            next(reversed(self._reports)) if self._reports else None)
        self.show_report(keep)

    def select(self, report_id: int) -> None:
        """Show a report (after a reload if it is new)."""
        if report_id not in getattr(self, "_reports", {}):
            self.page.show_incident(self.page.current_id)
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == report_id:
                self.list.blockSignals(True)
                self.list.setCurrentRow(i)
                self.list.blockSignals(False)
        self.show_report(report_id)

    def show_report(self, report_id: int | None) -> None:
        """Show a report's elements, state and send records."""
        self.report_id = report_id
        self.error.clear()
        r: Report | None = self._reports.get(report_id) if report_id is not None else None
        editable = r is not None and r.status == "draft" and r.kind in reports.WRITTEN
        self.title.setReadOnly(not editable)
        self.copy_number.setReadOnly(not editable)
        self.duty_officer.setReadOnly(not editable)
        self.duty_leader.setReadOnly(not editable)
        for w in (self.urgency, self.classification, self.btn_add_recipient, self.btn_remove_recipient):
            w.setEnabled(editable)
        self.btn_save.setEnabled(editable)
        self.btn_approve.setEnabled(editable)
        self.btn_send.setEnabled(r is not None and r.kind in reports.WRITTEN)
        self.btn_pdf.setEnabled(r is not None and r.kind in reports.WRITTEN)
        self.btn_docx.setEnabled(r is not None and r.kind in reports.WRITTEN)
        self.btn_print.setEnabled(r is not None and r.kind in reports.WRITTEN)
        if r is None:
            self.status.setText(self.tr("尚无报告。在“概况”中起草初报，或记录电话报告。"))
            self.title.clear()
            self.duty_officer.clear()
            self.duty_leader.clear()
            self.recipients.setRowCount(0)
            self.approval.clear()
            self.sends.clear()
            self.elements.setRowCount(0)
            self.changes.clear()
            return
        if r.status == "sent":
            text = (f"{reports.kind_label(r)}　已于 {format_beijing(r.sent_at)} 以{label('report_channel', r.channel)}"
                    f"报送 {r.recipient} {r.recipient_person}　文号 {r.doc_number or '—'}　拟稿 {r.author_name}")
            if r.late_minutes:
                text += f"　【迟报 {r.late_minutes} 分钟】"
        else:
            gaps = reports.missing(r)
            text = f"{reports.kind_label(r)}　草稿（拟稿 {r.author_name}）" + (
                "　缺少要素：" + "、".join(gaps) if gaps else "　要素齐全")
        self.status.setText(text)
        self.status.setStyleSheet("color:#c62828; font-weight:bold;" if r.late_minutes else "")
        self.title.setText(r.title)
        self.urgency.setCurrentIndex(max(0, self.urgency.findData(r.urgency)))
        self.classification.setCurrentIndex(max(0, self.classification.findData(r.classification)))
        self.copy_number.setText(r.copy_number)
        officer, leader = reports.duty(r)
        self.duty_officer.setText(officer)
        self.duty_leader.setText(leader)
        self.recipients.setRowCount(0)
        for a in r.recipients:
            self._add_recipient_row(a.recipient, a.addressing, a.recipient_level or "other", editable)
        if r.approver:
            self.approval.setText(self.tr("已由带班领导 {0} 于 {1} 审批").format(
                r.approver, format_beijing(r.approved_at, False)))
        elif r.kind in reports.WRITTEN:
            self.approval.setText(self.tr("未审批：书面报送前须经带班领导输入本人 PIN 审批"))
        else:
            self.approval.clear()
        self.sends.setText(self.tr("报送记录：") + "；".join(
            f"{format_beijing(x.sent_at, False)} {label('report_channel', x.channel)}至{x.recipient}"
            f"{'（' + x.recipient_person + '）' if x.recipient_person else ''}，{x.actor_name}"
            for x in r.sends) if r.sends else "")
        if r.kind not in reports.WRITTEN:
            self.elements.setRowCount(0)
            self.changes.setText(r.summary)
            return
        self.elements.setRowCount(len(r.elements))
        for i, e in enumerate(r.elements):
            name = QTableWidgetItem(e["label"])
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            text = QTableWidgetItem(e["text"])
            if not editable:
                text.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            unknown = QTableWidgetItem()
            unknown.setFlags(Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.ItemIsUserCheckable if editable else Qt.ItemFlag.NoItemFlags))
            unknown.setCheckState(Qt.CheckState.Checked if e["status"] == "unknown" else Qt.CheckState.Unchecked)
            if e["status"] == "missing":
                from PySide6.QtGui import QColor
                name.setBackground(QColor("#ffcdd2"))
                name.setToolTip(self.tr("必填要素，尚未填写"))
            self.elements.setItem(i, 0, name)
            self.elements.setItem(i, 1, text)
            self.elements.setItem(i, 2, unknown)
        self.elements.resizeRowsToContents()
        self.changes.setText(("较上次报告的变化：" + "；".join(r.changes)) if r.changes else "")

    def _element_values(self) -> list[dict]:
        out = []
        r = self._reports[self.report_id]
        for i, e in enumerate(r.elements):
            unknown = self.elements.item(i, 2).checkState() == Qt.CheckState.Checked
            out.append({"key": e["key"], "text": self.elements.item(i, 1).text(),
                        "status": "unknown" if unknown else "ok"})
        return out

    def save(self) -> bool:
        """Store the draft's edits."""
        if self.report_id is None:
            return False
        try:
            with self.ctx.store.transaction() as s:
                reports.update_draft(s, self.report_id, self._element_values(), self.title.text(),
                                     urgency=self.urgency.currentData(),
                                     classification=self.classification.currentData(),
                                     copy_number=self.copy_number.text(),
                                     duty_officer=self.duty_officer.text(), duty_leader=self.duty_leader.text())
                reports.set_recipients(s, self.report_id, self._recipient_values())
        except (ValidationError, UserError) as exc:
            self.error.setText(exc.message)
            return False
        self.ctx.notifier.sig_data_changed.emit("incidents")
        return True

    def _add_recipient_row(self, unit: str, addressing: str, level: str, editable: bool) -> None:
        row = self.recipients.rowCount()
        self.recipients.insertRow(row)
        item = QTableWidgetItem(unit)
        if not editable:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.recipients.setItem(row, 0, item)
        for col, codes, value in ((1, reports.ADDRESSING, addressing), (2, reports.RECIPIENT_LEVELS, level)):
            box = QComboBox()
            for code, text in codes.items():
                box.addItem(text, code)
            box.setCurrentIndex(max(0, box.findData(value)))
            box.setEnabled(editable)
            self.recipients.setCellWidget(row, col, box)
        if editable and not unit:
            self.recipients.editItem(item)

    def _remove_recipient_row(self) -> None:
        row = self.recipients.currentRow()
        if row >= 0:
            self.recipients.removeRow(row)

    def _recipient_values(self) -> list[dict]:
        return [{"recipient": self.recipients.item(i, 0).text() if self.recipients.item(i, 0) else "",
                 "addressing": self.recipients.cellWidget(i, 1).currentData(),
                 "recipient_level": self.recipients.cellWidget(i, 2).currentData()}
                for i in range(self.recipients.rowCount())]

    def approve(self) -> None:
        """The 带班领导 approves the draft with their own PIN (blank at their own seat)."""
        if not self.save():
            return
        report_id = self.report_id
        with self.ctx.store.read() as s:
            leaders = {n: n for n, role in accounts.active_operators(s) if role == auth.ROLE_LABELS[auth.Role.SHIFT_LEADER]}
        if not leaders:
            self.error.setText(self.tr("没有带班领导账户，无法审批。请管理员先建立带班领导账户。"))
            return
        me = self.ctx.store.actor
        if me is not None and me.name in leaders:
            leaders = {me.name: me.name, **leaders}

        def run(v: dict) -> None:
            with self.ctx.store.transaction() as s:
                reports.approve(s, report_id, v["leader"], v["pin"] or None)
            self.ctx.notifier.sig_data_changed.emit("incidents")
        dlg = FormDialog(self.tr("带班领导审批"), [("leader", "带班领导", leaders), ("pin", "本人 PIN", "")], run,
                         self.tr("由带班领导本人输入 PIN；在本人席位上登录时可不输入。审批后再修改报告，审批即作废。"),
                         self)
        dlg.widgets["pin"].setEchoMode(QLineEdit.EchoMode.Password)
        dlg.exec()

    def send(self) -> None:
        """Ask for addressee, channel and time, then record the delivery (refusals show in the dialog)."""
        r = self._reports.get(self.report_id)
        if r is None:
            return
        if r.status == "draft" and not self.save():
            return
        report_id = self.report_id
        with self.ctx.store.read() as s:
            report = reports.get(s, report_id)
            targets = {"*": self.tr("全部尚未书面报送的接收单位")} | {
                a.id: f"{reports.ADDRESSING[a.addressing]}：{a.recipient}" for a in report.recipients}

        def run(v: dict) -> None:
            with self.ctx.store.transaction() as s:
                at = self.page._when(v["at"])
                if v["to"] == "*":
                    reports.send_to_all(s, report_id, v["channel"], at)
                else:
                    reports.record_send(s, report_id, v["to"], v["channel"], v["person"], at)
            self.ctx.notifier.sig_data_changed.emit("incidents")
        FormDialog(self.tr("报送报告"), [
            ("to", "接收单位", targets), ("channel", "报送方式", catalogue("report_channel")),
            ("person", "接收人", ""), ("at", "报送时间", self.page._now_text())], run,
            self.tr("传真、政务专网和当面报送为书面报送，须先经带班领导审批；电话、短信可先行报告。"), self).exec()

    def export(self, fmt: str) -> None:
        """Save the report as PDF or Word (drafts are exported as they stand)."""
        if self.report_id is None:
            return
        from .dialogs import file_name, save_path, today

        r = self._reports.get(self.report_id)
        with self.ctx.store.read() as s:
            inc = svc.get(s, r.incident_id) if r is not None else None
            where = (inc.place_text or inc.title) if inc is not None else ""
            number = svc.number(inc) if inc is not None else ""
        name = file_name(reports.kind_label(r) if r is not None else "报告",
                         f"事件{number}" if number else "", where, ext=fmt, day=today(self.ctx), limit=24)
        path = save_path(self, self.tr("导出报告"), name, "PDF (*.pdf)" if fmt == "pdf" else "Word (*.docx)")
        if path:
            self.write(path, fmt)

    def _document(self):
        with self.ctx.store.read() as s:
            return reports.document(s, reports.get(s, self.report_id))

    def print_(self, printer=None) -> None:
        """Print the current report on A4 (asks for the printer unless one is given)."""
        if self.report_id is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ..documents.pdf import print_report

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
                return
        print_report(self._document(), printer)

    def write(self, path: str, fmt: str) -> None:
        """Write the current report to *path* (no dialog; used by export and tests)."""
        doc = self._document()
        if fmt == "pdf":
            from ..documents.pdf import write_pdf
            write_pdf(doc, path)
        else:
            from ..documents.docx import write_docx
            write_docx(doc, path)


class IssuedPanel(QWidget):
    """What the depots have issued for the incident so far, so nobody issues it twice."""

    HEADERS = ["时间", "单号", "类型", "物资", "数量", "仓库", "去向 / 事由", "经办人"]

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("issued_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = TextTable(self.HEADERS, "issued_table", right=(4,), stretch=6, elastic=(6, 5, 3))
        box = QGroupBox(self.tr("本事件已发放物资"))
        bl = QVBoxLayout(box)
        bl.addWidget(self.summary)
        bl.addWidget(self.table, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        self.data: overview.IncidentMaterials | None = None

    def load(self, data: overview.IncidentMaterials) -> None:
        """Show the issues and returns booked against the incident (read by the caller)."""
        self.data = data
        if not data.issued_any:
            self.summary.setText(self.tr("尚未为本事件发放物资。"))
            self.summary.setStyleSheet("color:#555555;")
        else:
            parts = []
            for i in data.items:
                text = f"{i.item} {i.issued:,} {i.unit}"
                if i.settled:
                    text += f"（已归还/核销 {i.settled:,}，未归还 {i.outstanding:,}）"
                parts.append(text)
            batches = len({m.doc_number for m in data.moves if m.kind == "issue"})
            self.summary.setText(self.tr("已发放 %1 批：").replace("%1", str(batches)) + "、".join(parts)
                                 + self.tr("。再次调用前请核对，避免重复发放。"))
            self.summary.setStyleSheet("font-weight:bold; color:#0d47a1;")
        rows = []
        for m in data.moves:
            kind = "出库" if m.kind == "issue" else "归还"
            where = " · ".join(x for x in (m.counterparty, m.reason) if x)
            rows.append(TextRow([format_beijing(m.at), m.doc_number, kind, m.item, f"{m.quantity:,} {m.unit}",
                                 m.warehouse, where, m.actor_name],
                                fg=None if m.kind == "issue" else "#2e7d32",
                                tip=f"{m.doc_number} {kind} {m.item} {m.quantity:,} {m.unit}\n{m.warehouse}\n{where}"
                                    + (f"\n批准：{m.approver}" if m.approver else "")))
        self.table.fill(rows)
        self.table.setVisible(bool(rows))
