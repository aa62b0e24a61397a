"""值班: the duty board of open incidents, their most urgent clocks and next steps, the shift and its log."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QSizePolicy, QTableWidget, QTableWidgetItem,
    QTabWidget, QVBoxLayout, QWidget,
)

from ..clock import format_beijing
from ..services import clocks, overview
from .context import AppContext
from . import theme
from .texts import t, ts
from .tables import fit_columns
from .text_table import TextRow, TextTable
from .widgets import audit_table, replace_widget


BOARD_HEADERS = ["事件", "等级", "最紧迫时限", "截止", "剩余时间", "状态", "未报送报告", "预案任务", "下一步"]
B_EVENT, B_GRADE, B_CLOCK, B_DUE, B_LEFT, B_STATE, B_DRAFTS, B_TASKS, B_NEXT = range(len(BOARD_HEADERS))
BOARD_STATE = {  # background, text of the state cell
    "pending": ("#e8f1e8", "#1d4d1d"),
    "due_soon": ("#ffb300", "#222222"),
    "overdue": ("#c62828", "#ffffff"),
}
STATE_TEXT = {"pending": "计时中", "due_soon": "即将到时", "overdue": "已超时"}


class DutyPage(QWidget):
    """值班: the open incidents and each one's next step; the operator, resources at hand, this shift's changes."""

    sig_open_incident = Signal(int)
    """Double-click or Enter on an incident of the board."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lines: list[overview.IncidentLine] = []
        self.due_soon_minutes = 5
        self.title = QLabel()
        self.title.setStyleSheet("font-size:20px; font-weight:bold;")
        self.clock = QLabel()
        self.clock.setObjectName("duty_clock")
        self.clock.setStyleSheet("font-size:20px; font-family:monospace;")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.clock)
        self.roster_line = QLabel()  # who is on duty now, from the 值班表
        self.roster_line.setObjectName("duty_roster")
        self.roster_line.setWordWrap(True)
        self.board = TextTable(BOARD_HEADERS, "duty_incidents", stretch=B_NEXT, elastic=(B_EVENT, B_NEXT, B_CLOCK))
        self.board.setToolTip("")
        self.board.activated.connect(lambda index: self.open_row(index.row()))
        self.board_note = QLabel()
        self.board_note.setObjectName("duty_board_note")
        board_box = QGroupBox(self.tr("在办事件（最紧迫的在前；双击或按回车打开）"))
        bl = QVBoxLayout(board_box)
        bl.addWidget(self.board_note)
        bl.addWidget(self.board, 1)
        self.cards = QGridLayout()
        self.card_labels: dict[str, QLabel] = {}
        for i, (key, caption) in enumerate((("teams", "救援队伍（待命 / 总数）"), ("people", "队伍在岗人数"),
                                            ("warehouses", "物资仓库 / 库存行"), ("shelters", "避难场所空余容量（人）"),
                                            ("hazards", "风险隐患点（重大 / 总数）"))):
            box = QGroupBox(t(caption))
            value = QLabel()
            value.setObjectName(f"card_{key}")
            value.setStyleSheet("font-size:18px; font-weight:bold;")
            bxl = QVBoxLayout(box)
            bxl.setContentsMargins(8, 2, 8, 4)
            bxl.addWidget(value)
            self.card_labels[key] = value
            self.cards.addWidget(box, 0, i)
        self.expiry_box = QGroupBox(self.tr("60 天内到期的库存"))
        self.expiry_layout = QVBoxLayout(self.expiry_box)
        self.log_box = QGroupBox(self.tr("本班操作记录（审计日志）"))
        self.log_layout = QVBoxLayout(self.log_box)
        self.warnings_box = QGroupBox(self.tr("生效预警"))
        self.warnings_layout = QVBoxLayout(self.warnings_box)
        # the routine's lists share one corner: leaders' instructions, 零报告 from below, 舆情
        self.routine_tabs = QTabWidget()
        self.routine_tabs.setObjectName("duty_routine_tabs")
        self.routine_layouts = []
        for name in ("instructions", "zero", "opinion"):
            page = QWidget()
            page.setObjectName(f"duty_tab_{name}")
            lay = QVBoxLayout(page)
            lay.setContentsMargins(4, 4, 4, 4)
            self.routine_layouts.append(lay)
            self.routine_tabs.addTab(page, "")
        self.instructions_layout = self.routine_layouts[0]
        # its height is the row's, whichever tab is open (a taller tab must not push the board up)
        self.routine_tabs.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        lower = QHBoxLayout()
        lower.addWidget(self.warnings_box, 2)
        lower.addWidget(self.routine_tabs, 3)
        lower.addWidget(self.expiry_box, 3)
        lower.addWidget(self.log_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.roster_line)
        self.presence_line = QLabel()  # who is signed in at which seat (services/presence.py)
        self.presence_line.setObjectName("presence_line")
        self.presence_line.setWordWrap(True)
        layout.addWidget(self.presence_line)
        layout.addWidget(board_box, 3)
        layout.addLayout(self.cards)
        layout.addLayout(lower, 2)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self.tick)
        self._tick.start(1000)
        self._board_refresh = QTimer(self)  # recurring report slots roll forward once a minute
        self._board_refresh.timeout.connect(lambda: self.reload_board() if self.isVisible() else None)
        self._board_refresh.start(60_000)
        from .live import presence_text
        from ..services import presence

        self._presence = QTimer(self)  # seats renew their rows on their own beat; not announced
        self._presence.timeout.connect(lambda: self.presence_line.setText(presence_text(ctx)) if self.isVisible()
                                       else None)
        self._presence.start(presence.BEAT_SECONDS * 1000)
        self._update_clock()
        ctx.notifier.sig_data_changed.connect(lambda _k: self.reload() if self.isVisible() else None)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Re-read the duty board each time the page is shown."""
        self.reload()
        super().showEvent(event)

    def _update_clock(self) -> None:
        self.clock.setText(format_beijing(self.ctx.store.clock.now()) + self.tr(" 北京时间"))

    def tick(self) -> None:
        """Follow the clock: the time shown and every incident's countdown and state (no query)."""
        self._update_clock()
        if self.isVisible():
            self._refresh_board_times()

    def reload(self) -> None:
        """Re-read the incidents and the figures."""
        actor = self.ctx.actor
        self.title.setText(self.tr("值班台 · %1（%2）").replace("%1", actor.name).replace("%2", t(actor.role_label))
                           if actor else self.tr("值班台 · 未签到"))
        self.reload_board()
        with self.ctx.store.read() as s:
            ov = overview.overview(s, self.ctx.store.clock.now())
            entries = overview.recent_audit(s, 200, overview.shift_started_at(s, actor))
        c = self.card_labels
        c["teams"].setText(f"{ov.teams_available} / {ov.teams_total}")
        c["people"].setText(str(ov.people_on_duty))
        c["warehouses"].setText(f"{ov.warehouses} / {ov.stock_lines}")
        c["shelters"].setText(f"{ov.shelter_free:,} / {ov.shelter_capacity:,}")
        c["hazards"].setText(f"{ov.hazards_major} / {ov.hazards_total}")
        replace_widget(self.expiry_layout, self._expiry_table(ov.expiring))
        replace_widget(self.warnings_layout, self._warnings_table())
        from . import duty_room, theme

        text, alarming = duty_room.roster_text(self.ctx)
        self.roster_line.setText(text)
        from .live import presence_text

        self.presence_line.setText(presence_text(self.ctx))
        theme.mark(self.roster_line, "error" if alarming else None)
        box = duty_room.instructions_table(self.ctx)
        replace_widget(self.instructions_layout, box)
        n = len(box.rows)
        self.routine_tabs.setTabText(0, self.tr("领导批示（%1）").replace("%1", str(n)) if n else self.tr("领导批示"))
        replace_widget(self.routine_layouts[1], duty_room.zero_report_table(self.ctx))
        title, late = duty_room.zero_report_title(self.ctx)
        self.routine_tabs.setTabText(1, title)
        self.routine_tabs.tabBar().setTabTextColor(1, QColor("#c62828") if late else self.palette().windowText().color())
        replace_widget(self.routine_layouts[2], duty_room.opinion_table(self.ctx))
        self.routine_tabs.setTabText(2, self.tr("舆情"))
        replace_widget(self.log_layout, audit_table(entries))

    # --- the incident board ---
    def reload_board(self) -> None:
        """Re-read the open incidents, their running clocks, unsent reports and open plan tasks."""
        from ..services import settings

        keep = self.board.current()
        keep_id = self.lines[keep].id if keep is not None and keep < len(self.lines) else None
        with self.ctx.store.read() as s:
            self.lines = overview.duty_board(s, drills=self.ctx.store.drill)
            self.due_soon_minutes = int(settings.get(s, "due_soon_minutes") or 5)
        rows = []
        for line in self.lines:
            drafts = "、".join(line.drafts) + self.tr(" 草稿") if line.drafts else "—"
            tasks = self.tr("%1 项未完成").replace("%1", str(line.open_tasks)) if line.open_tasks else "—"
            first = line.clocks[0] if line.clocks else None
            clock_name = f"{first.name} → {first.recipient}" if first else self.tr("（无正在计时的时限）")
            tip = f"{line.number} {line.title}\n{line.type_label} · 接报 {format_beijing(line.received_at)}"
            if line.clocks:
                tip += "\n" + "\n".join(f"{v.name}：{format_beijing(v.due_at)}" for v in line.clocks[:6])
            if line.next_task:
                tip += f"\n首项预案任务：{line.next_task}"
            rows.append(TextRow([f"{line.number} {line.title}", t(line.grade_label), clock_name,
                                 format_beijing(first.due_at)[5:] if first else "", "", "", drafts, tasks, ""],
                                tip=tip, cell_fg={B_DRAFTS: "#b71c1c"} if line.drafts else {}))
        self.board.fill(rows)
        self.board_note.setText(
            self.tr("在办事件 %1 起。").replace("%1", str(len(self.lines))) if self.lines
            else self.tr("当前没有在办事件。接到来电按 Ctrl+N 接报。"))
        self._refresh_board_times()
        if keep_id is not None:
            pos = next((i for i, line in enumerate(self.lines) if line.id == keep_id), None)
            if pos is not None:
                self.board.select_source(pos)
        elif self.lines and self.board.current() is None:
            self.board.select_source(0)
        fit_columns(self.board, B_NEXT, (B_EVENT, B_NEXT, B_CLOCK), watch=False)

    def _refresh_board_times(self) -> None:
        now = self.ctx.store.clock.now()
        model = self.board.rows
        for pos, line in enumerate(self.lines):
            items = clocks.strip(list(line.clocks[:1]), now, self.due_soon_minutes)
            item = items[0] if items else None
            if item is None:
                model.set_text(pos, B_LEFT, "—")
                model.set_text(pos, B_STATE, "—")
            else:
                bg, fg = BOARD_STATE[item.state]
                model.set_text(pos, B_LEFT, item.countdown.removeprefix("剩余 "),
                               fg="#c62828" if item.state == "overdue" else None)
                model.set_text(pos, B_STATE, t(STATE_TEXT[item.state]), fg=fg, bg=bg)
            model.set_text(pos, B_NEXT, overview.next_step(line, item),
                           fg="#c62828" if item is not None and item.state == "overdue" else None)

    def open_row(self, shown_row: int) -> None:
        """Open the incident of a board row."""
        pos = self.board.rows.source_row(shown_row)
        if 0 <= pos < len(self.lines):
            self.sig_open_incident.emit(self.lines[pos].id)

    def _warnings_table(self) -> QWidget:
        """The live warnings, highest colour first, with how far their forwarding has got."""
        from ..services import warnings
        from .warnings import swatch

        with self.ctx.store.read() as s:
            rows = warnings.listing(s, live_only=True)
        if not rows:
            return QLabel(self.tr("当前没有生效的预警信息。"))
        rows.sort(key=lambda r: -warnings.COLOURS.index(r.colour))
        t = TextTable(["颜色", "预警", "区域", "转发"], "duty_warnings", stretch=1, elastic=(1, 2))
        t.fill([TextRow([warnings.COLOUR_LABELS[r.colour], r.headline, r.area_desc,
                         f"{r.forwarded}/{r.required}" + (f" {r.clock_state}" if r.clock_state else "")],
                        cell_bg={0: swatch(r.colour)[0]}, cell_fg={0: swatch(r.colour)[1],
                                                                   3: "#c62828" if r.forwarded < r.required else None},
                        tip=f"{r.headline}\n{r.issuer} · 失效 {format_beijing(r.expires_at, seconds=False)}")
                for r in rows])
        return t

    def _expiry_table(self, rows) -> QWidget:
        if not rows:
            return QLabel(self.tr("没有 60 天内到期的库存。"))
        t = QTableWidget(len(rows), 4)  # the batch is in each row's tooltip: four columns fit a quarter of 1366 px
        t.setObjectName("expiry_table")
        t.setHorizontalHeaderLabels(ts(["到期日", "物资", "数量", "仓库"]))
        t.verticalHeader().hide()
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        today = self.ctx.store.clock.now().date()
        for i, (house, item, batch, qty, exp) in enumerate(rows):
            tip = f"{item}　{qty}　{self.tr('批次')} {batch}　{house}"
            for j, text in enumerate((exp.isoformat(), item, str(qty), house)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(tip)
                if exp <= today:
                    cell.setForeground(theme.adapt("#c62828"))
                t.setItem(i, j, cell)
        fit_columns(t, stretch=3, elastic=(1, 3), keep=(0, 2))
        return t
