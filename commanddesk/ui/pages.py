"""The work areas shown in the navigation, built from registry pages."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton,
    QSizePolicy, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from ..clock import format_beijing
from ..services import audit, clocks, overview, registry
from ..errors import UserError
from ..services.registry import Row
from .context import AppContext
from . import theme
from .texts import ts
from .registry_page import RegistryPage
from .tables import fit_columns
from .text_table import TextRow, TextTable
from .widgets import audit_table


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
            box = QGroupBox(self.tr(caption))
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
        self.reload()
        super().showEvent(event)

    def _update_clock(self) -> None:
        self.clock.setText(format_beijing(self.ctx.store.clock.now()) + " 北京时间")

    def tick(self) -> None:
        """Follow the clock: the time shown and every incident's countdown and state (no query)."""
        self._update_clock()
        if self.isVisible():
            self._refresh_board_times()

    def reload(self) -> None:
        """Re-read the incidents and the figures."""
        actor = self.ctx.actor
        self.title.setText(self.tr("值班台 · %1").replace("%1", f"{actor.name}（{actor.role_label}）")
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
        _replace(self.expiry_layout, self._expiry_table(ov.expiring))
        _replace(self.warnings_layout, self._warnings_table())
        from . import duty_room, theme

        text, alarming = duty_room.roster_text(self.ctx)
        self.roster_line.setText(text)
        from .live import presence_text

        self.presence_line.setText(presence_text(self.ctx))
        theme.mark(self.roster_line, "error" if alarming else None)
        box = duty_room.instructions_table(self.ctx)
        _replace(self.instructions_layout, box)
        n = len(box.rows)
        self.routine_tabs.setTabText(0, self.tr("领导批示（%1）").replace("%1", str(n)) if n else self.tr("领导批示"))
        _replace(self.routine_layouts[1], duty_room.zero_report_table(self.ctx))
        title, late = duty_room.zero_report_title(self.ctx)
        self.routine_tabs.setTabText(1, title)
        self.routine_tabs.tabBar().setTabTextColor(1, QColor("#c62828") if late else self.palette().windowText().color())
        _replace(self.routine_layouts[2], duty_room.opinion_table(self.ctx))
        self.routine_tabs.setTabText(2, self.tr("舆情"))
        _replace(self.log_layout, audit_table(entries))

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
            tip = f"#{line.id} {line.title}\n{line.type_label} · 接报 {format_beijing(line.received_at)}"
            if line.clocks:
                tip += "\n" + "\n".join(f"{v.name}：{format_beijing(v.due_at)}" for v in line.clocks[:6])
            if line.next_task:
                tip += f"\n首项预案任务：{line.next_task}"
            rows.append(TextRow([f"#{line.id} {line.title}", line.grade_label, clock_name,
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
                model.set_text(pos, B_STATE, self.tr(STATE_TEXT[item.state]), fg=fg, bg=bg)
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


def _replace(layout: QVBoxLayout, widget: QWidget) -> None:
    while layout.count():
        old = layout.takeAt(0).widget()
        if old is not None:
            old.deleteLater()
    layout.addWidget(widget)


class TabbedRegistries(QTabWidget):
    """Several registry pages as tabs (e.g. warehouses, stock, catalogue)."""

    def __init__(self, ctx: AppContext, specs, parent=None) -> None:
        super().__init__(parent)
        self.pages: dict[str, RegistryPage] = {}
        from .spreadsheets import attach

        for spec in specs:
            page = RegistryPage(ctx, spec)
            attach(page, ctx)
            self.pages[spec.key] = page
            self.addTab(page, self.tr(spec.title))

    def refresh_permission(self) -> None:
        """Enable what the signed-in operator may do."""
        for p in self.pages.values():
            p.refresh_permission()


class MaterialsPage(TabbedRegistries):
    """物资: warehouses (with their stock beside them), stock lines and the catalogue."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, (registry.WAREHOUSES, registry.STOCK, registry.ITEMS), parent)
        self.ctx = ctx
        houses = self.pages["warehouses"]
        self.stock_box = QGroupBox(self.tr("本库库存"))
        self.stock_label = QLabel()
        self.stock_label.setObjectName("warehouse_stock_summary")
        self.stock_label.setWordWrap(True)
        self.stock_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.btn_stock = QPushButton(self.tr("查看本库库存明细"))
        self.btn_stock.clicked.connect(self.show_stock_of_current)
        sl = QVBoxLayout(self.stock_box)
        sl.addWidget(self.stock_label)
        sl.addWidget(self.btn_stock)
        houses.extra_slot.addWidget(self.stock_box)
        houses.sig_selected.connect(self._warehouse_selected)

    def _warehouse_selected(self, row: Row | None) -> None:
        if row is None:
            self.stock_label.setText("")
            return
        with self.ctx.store.read() as s:
            lines = registry.list_rows(s, registry.STOCK, warehouse_id=row.id)
        total = sum(r.values["quantity"] for r in lines)
        kinds = len({r.values["item_id"] for r in lines})
        top = sorted(lines, key=lambda r: -r.values["quantity"])[:6]
        self.stock_label.setText(
            self.tr("%1 种物资，%2 个库存行，合计 %3 件/套。").replace("%1", str(kinds))
            .replace("%2", str(len(lines))).replace("%3", f"{total:,}")
            + ("\n" + "；".join(f"{r.texts['item_id']} {r.values['quantity']:,}" for r in top) if top else ""))

    def show_stock_of_current(self) -> None:
        """Jump to the stock tab filtered to the selected warehouse."""
        row = self.pages["warehouses"].current
        if row is None:
            return
        stock = self.pages["stock"]
        self.setCurrentWidget(stock)
        stock.filter.setText(row.values["name"])


class ContactsPage(TabbedRegistries):
    """通讯录: organisations and people."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, (registry.CONTACTS, registry.ORGANISATIONS), parent)


class SettingsPage(QTabWidget):
    """设置: user accounts (administrators) and the database and its audit trail."""

    sig_verify_progress = Signal(str, int, int)  # phase ("chain" or "rows"), done, total
    sig_verify_done = Signal(object)  # audit.VerifyResult, or the message of a UserError

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._verifying = None  # the worker thread while a check runs
        self.accounts = RegistryPage(ctx, registry.OPERATORS)
        self.addTab(self.accounts, self.tr("用户账户"))
        data = QWidget()
        self.info = QLabel()
        self.info.setObjectName("db_info")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.btn_verify = QPushButton(self.tr("校验审计日志哈希链"))
        self.btn_verify.clicked.connect(self.verify)
        self.verify_result = QLabel()
        self.verify_result.setObjectName("verify_result")
        self.verify_result.setWordWrap(True)
        self.verify_bar = QProgressBar()
        self.verify_bar.setObjectName("verify_progress")
        self.verify_bar.hide()
        self.sig_verify_progress.connect(self._verify_progress)
        self.sig_verify_done.connect(self._verify_done)
        self.log_box = QGroupBox(self.tr("最近 200 条审计记录"))
        self.log_layout = QVBoxLayout(self.log_box)
        dl = QVBoxLayout(data)
        dl.addWidget(self.info)
        row = QHBoxLayout()
        row.addWidget(self.btn_verify)
        row.addWidget(self.verify_bar, 1)
        row.addWidget(self.verify_result, 2)
        dl.addLayout(row)
        self.tidy = Housekeeping(ctx)
        dl.addWidget(self.tidy)
        from .upkeep import ScheduleEditor

        self.upkeep_schedule = ScheduleEditor(ctx)  # when ANALYZE/VACUUM run by themselves (services/upkeep)
        dl.addWidget(self.upkeep_schedule)
        dl.addWidget(self.log_box, 1)
        self.addTab(data, self.tr("数据与审计"))
        self.post = PostSettings(ctx)
        self.addTab(self.post, self.tr("值班单位"))
        self.currentChanged.connect(lambda _i: self.reload())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Refresh the database facts and the recent audit entries."""
        from .. import migrations, paths

        store = self.ctx.store
        self.info.setText(self.tr(
            "数据库：%1\n结构版本：%2\n用户数据目录：%3\n错误日志：%4\n数据库使用 WAL 日志与 synchronous=FULL，每次操作为一个事务。")
            .replace("%1", store.label).replace("%2", migrations.HEAD)
            .replace("%3", str(paths.data_dir())).replace("%4", str(paths.log_dir() / "commanddesk.log")))
        with store.read() as s:
            entries = overview.recent_audit(s, 200)
        _replace(self.log_layout, audit_table(entries))

    def verify(self) -> None:
        """Check the audit chain on a thread of its own (a million entries take seconds) with a progress bar.

        The page stays usable; the verdict shows when the check is done. A store in memory (no file, no
        server) is checked here and now: another thread would see an empty database of its own.
        """
        import threading

        if self._verifying is not None and self._verifying.is_alive():
            return
        self.btn_verify.setEnabled(False)
        self.verify_result.setText(self.tr("正在校验审计日志…"))
        self.verify_result.setStyleSheet("")
        self.verify_bar.setRange(0, 0)  # busy until the first chunk says how many there are
        self.verify_bar.show()
        if self.ctx.store.location is None:
            self._verify_run()
            return
        self._verifying = threading.Thread(target=self._verify_run, name="commanddesk-verify", daemon=True)
        self._verifying.start()

    def _verify_run(self) -> None:
        store = self.ctx.store
        try:
            with store.read() as s:
                result = audit.verify(s.connection(), store.seal,
                                      progress=lambda phase, done, total: self.sig_verify_progress.emit(
                                          phase, done, total))
        except UserError as exc:
            result = exc.message
        self.sig_verify_done.emit(result)

    def _verify_progress(self, phase: str, done: int, total: int) -> None:
        self.verify_bar.setRange(0, max(total, 1))
        self.verify_bar.setValue(min(done, max(total, 1)))
        self.verify_bar.setFormat(self.tr("哈希链 %v / %m 条") if phase == "chain" else self.tr("业务数据 %v / %m 行"))

    def _verify_done(self, result) -> None:
        self.btn_verify.setEnabled(True)
        self.verify_bar.hide()
        ok = not isinstance(result, str) and result.ok
        self.verify_result.setText(result if isinstance(result, str) else result.message())
        self.verify_result.setStyleSheet("" if ok else "color:#b00020; font-weight:bold;")

    def wait_verified(self, seconds: float = 60.0) -> None:
        """Block until a running check has finished (tests)."""
        if self._verifying is not None:
            self._verifying.join(seconds)

    def refresh_permission(self) -> None:
        """Enable what the signed-in operator may do."""
        self.accounts.refresh_permission()
        self.post.refresh_permission()
        self.upkeep_schedule.refresh_permission()


class Housekeeping(QWidget):
    """整理数据库: VACUUM and ANALYZE (services.housekeeping) on a worker thread, with a progress bar.

    The page stays usable while it runs; the outcome (or why it could not be done) shows beside the bar.
    """

    sig_progress = Signal(int, int)
    sig_done = Signal(str, bool)  # message, ok

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._thread = None
        self._result = None
        self.btn = QPushButton(self.tr("整理数据库"))
        self.btn.setObjectName("btn_tidy")
        self.btn.setToolTip(self.tr("回收已删除数据占用的空间（VACUUM）并更新查询统计（ANALYZE）；"
                                    "整理期间其他席位的保存会稍候片刻"))
        self.btn.clicked.connect(self.start)
        self.bar = QProgressBar()
        self.bar.setObjectName("tidy_progress")
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.bar.setFormat("%p%")
        self.bar.hide()
        self.result = QLabel()
        self.result.setObjectName("tidy_result")
        self.result.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.btn)
        row.addWidget(self.bar, 1)
        row.addWidget(self.result, 2)
        self.sig_progress.connect(self._progress)
        self.sig_done.connect(self._done)

    def start(self) -> None:
        """Tidy the open store on a thread of its own (signals bring progress and the outcome back)."""
        import threading

        if self._thread is not None and self._thread.is_alive():
            return
        self.btn.setEnabled(False)
        self.bar.setValue(0)
        self.bar.show()
        self.result.setText(self.tr("正在整理数据库…"))
        self.result.setStyleSheet("")
        self._thread = threading.Thread(target=self._run, args=(self.ctx.store.location,),
                                        name="commanddesk-tidy", daemon=True)
        self._thread.start()

    def _run(self, location) -> None:
        from ..services import housekeeping

        self._result = None
        try:
            result = housekeeping.tidy(location, lambda done, total, _what: self.sig_progress.emit(done, total))
        except UserError as exc:
            self.sig_done.emit(exc.message, False)
        else:
            self._result = result
            self.sig_done.emit(result.message(), True)

    def _progress(self, done: int, total: int) -> None:
        self.bar.setMaximum(total)
        self.bar.setValue(done)

    def _done(self, message: str, ok: bool) -> None:
        if ok and self._result is not None:  # a run by hand counts for the schedule too, and is audited
            from ..services import upkeep

            try:
                with self.ctx.store.transaction() as s:
                    upkeep.record_run(s, "vacuum", self._result, scheduled=False)
            except UserError:
                pass  # the tidy is done; the next scheduled run records itself
            self.ctx.notifier.sig_data_changed.emit("settings")
        self.btn.setEnabled(True)
        self.bar.setVisible(ok)
        self.result.setText(message)
        self.result.setStyleSheet("" if ok else "color:#b00020; font-weight:bold;")

    def wait(self, seconds: float = 60.0) -> None:
        """Block until a running tidy has finished (tests, closing the window)."""
        if self._thread is not None:
            self._thread.join(seconds)


POST_FIELDS = (("issuing_unit", "发文单位（报告版头）"), ("post_name", "值班室名称"), ("post_phone", "值班电话"),
               ("doc_prefix", "文号前缀"), ("city_recipient", "上报市政府的接收单位"),
               ("due_soon_minutes", "时限提前提醒（分钟）"),
               ("idle_lock_minutes", "闲置锁屏（分钟，0 为从不锁定）"),
               ("zero_report_units", "须报零报告的单位（以、分隔；空则为全部乡镇街道）"),
               ("zero_report_deadline", "零报告截止时间（本地做法）"))


class PostSettings(QWidget):
    """Who this post is, how its reports are headed and which table grades each kind (administrators edit)."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit

        super().__init__(parent)
        self.ctx = ctx
        self.edits: dict[str, QLineEdit] = {}
        self.tables: dict[str, QComboBox] = {}
        form = QFormLayout()
        for key, text in POST_FIELDS:
            self.edits[key] = QLineEdit()
            self.edits[key].setObjectName(f"setting_{key}")
            form.addRow(self.tr(text), self.edits[key])
        from ..services.incidents import grading_table_choices

        for kind, text, options in grading_table_choices():
            box = QComboBox()
            box.setObjectName(f"setting_grading_table_{kind}")
            for table_id, title in options:
                box.addItem(title, table_id)
            self.tables[kind] = box
            form.addRow(self.tr(text), box)
        hint = QLabel(self.tr("定级表决定建议等级；自然灾害救助应急响应表给出的是响应级别，不是事件等级。"))
        hint.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.btn = QPushButton(self.tr("保存"))
        self.btn.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.note)
        layout.addWidget(self.btn, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        self.load()
        self.refresh_permission()

    def load(self) -> None:
        """Fill the form from the stored post settings."""
        from ..services import settings

        with self.ctx.store.read() as s:
            values = settings.get_all(s)
            chosen = {kind: settings.get(s, f"grading_table_{kind}") for kind in self.tables}
        for key, edit in self.edits.items():
            edit.setText(values.get(key, ""))
        for kind, box in self.tables.items():
            box.setCurrentIndex(max(0, box.findData(chosen[kind])))

    def refresh_permission(self) -> None:
        """Enable what the signed-in operator may do."""
        from ..services.auth import Permission

        actor = self.ctx.actor
        may = actor is not None and actor.can(Permission.EDIT_RULES)
        for edit in self.edits.values():
            edit.setReadOnly(not may)
        for box in self.tables.values():
            box.setEnabled(may)
        self.btn.setEnabled(may)
        self.note.setText("" if may else self.tr("只读：仅系统管理员可修改值班单位设置。"))

    def save(self) -> None:
        """Store the settings; the minutes must be a whole number from 1 to 60."""
        from ..services import auth, settings, zero_reports

        minutes = self.edits["due_soon_minutes"].text().strip()
        if not (minutes.isdigit() and 1 <= int(minutes) <= 60):
            self.note.setText(self.tr("“时限提前提醒”须为 1 至 60 的整数。"))
            return
        try:
            with self.ctx.store.transaction() as s:
                auth.require(s.info.get("actor"), auth.Permission.EDIT_RULES)
                zero_reports.parse_deadline(self.edits["zero_report_deadline"].text())
                for key, edit in self.edits.items():
                    if key == "zero_report_units":
                        zero_reports.set_units(s, edit.text())  # checked: no repeats, names not too long
                    else:
                        settings.put(s, key, edit.text().strip())
                for kind, box in self.tables.items():
                    if box.currentData() != settings.get(s, f"grading_table_{kind}"):
                        settings.put(s, f"grading_table_{kind}", box.currentData())
        except UserError as exc:
            self.note.setText(exc.message)
            return
        self.note.setText(self.tr("已保存。"))
        self.ctx.notifier.sig_data_changed.emit("settings")
