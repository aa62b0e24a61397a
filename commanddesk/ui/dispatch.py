"""调派: recommended teams with reasons, dispatching with a task, and the incident's dispatch board."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout,
    QWidget,
)

from ..errors import UserError
from ..services import audit_sentences
from ..documents import dispatch_order as dispatch_order_doc
from ..services import dispatch as svc
from ..services import auth, dispatch_board, dispatch_order, dispatch_recommend, team_status
from ..services import incidents
from . import theme
from .context import AppContext
from .texts import t
from .dialogs import FormDialog
from .text_table import TextRow, TextTable
from .widgets import error_label

OVERDUE_BG = "#ffcdd2"
OVERDUE_FG = "#b71c1c"
DONE_FG = "#757575"
PRIMARY_FG = "#0d47a1"
REFRESH_MS = 30_000


class DispatchPanel(QWidget):
    """The dispatch work of one incident: recommend, dispatch, track, print."""

    sig_changed = Signal(int)
    """Teams were dispatched or changed state for this incident (its id)."""

    REC_HEADERS = ["选派", "队伍", "类型", "职责", "距离（千米）", "预计到达", "在岗", "推荐理由"]
    BOARD_HEADERS = ["队伍", "状态", "调派单", "已调派", "预计到达", "负责人 / 电话", "任务"]

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.incident_id: int | None = None
        self.recommendation: dispatch_recommend.Recommendation | None = None
        self.rows: list[dispatch_board.BoardRow] = []

        self.origin_note = QLabel()
        self.origin_note.setObjectName("dispatch_origin")
        self.origin_note.setWordWrap(True)
        self.rec_table = TextTable(self.REC_HEADERS, "recommendations", right=(4, 5, 6), checkable=True)
        self.rec_table.rows.on_check = self._update_buttons
        self.rec_table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_reason(cur.row()))
        self.reason_detail = QLabel()
        self.reason_detail.setObjectName("reason_detail")
        self.reason_detail.setWordWrap(True)
        self.reason_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busy_teams")
        self.busy_label.setWordWrap(True)
        theme.mark(self.busy_label, "muted")
        self.task = QLineEdit()
        self.task.setObjectName("dispatch_task")
        self.task.setPlaceholderText(self.tr("调派任务（必填）：到达后做什么、向谁报到，如“到罐区东侧向现场指挥部报到，负责堵漏”"))
        self.btn_dispatch = QPushButton(self.tr("调派所选队伍（Ctrl+Enter）"))
        self.btn_dispatch.setObjectName("btn_dispatch")
        self.btn_dispatch.clicked.connect(self.dispatch_selected)
        self.btn_dispatch.setEnabled(False)
        self.selected_label = QLabel()
        order = QHBoxLayout()
        order.addWidget(self.task, 1)
        order.addWidget(self.selected_label)
        order.addWidget(self.btn_dispatch)
        rec_box = QGroupBox(self.tr("推荐队伍（能力匹配、待命，按预计到达时间排序）"))
        rl = QVBoxLayout(rec_box)
        rl.addWidget(self.origin_note)
        rl.addWidget(self.rec_table, 1)
        rl.addWidget(self.reason_detail)
        rl.addWidget(self.busy_label)
        rl.addLayout(order)

        self.board_table = TextTable(self.BOARD_HEADERS, "dispatch_board", right=(3,))
        self.board_table.selectionModel().selectionChanged.connect(lambda *_: self._board_selected())
        self.action_bar = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for target in ("assembling", "dispatched", "en_route", "on_scene", "returning", "available", "unavailable"):
            b = QPushButton()
            b.setObjectName(f"to_{target}")
            b.clicked.connect(lambda _c=False, t=target: self.advance_selected(t))
            b.hide()
            self.action_bar.addWidget(b)
            self.action_buttons[target] = b
        self.btn_transfer = QPushButton(self.tr("转调…"))
        self.btn_transfer.clicked.connect(self.transfer_selected)
        self.btn_print = QPushButton(self.tr("打印调派单…"))
        self.btn_print.clicked.connect(self.print_order)
        self.btn_pdf = QPushButton(self.tr("调派单 PDF…"))
        self.btn_pdf.clicked.connect(self.export_order)
        self.board_summary = QLabel()
        self.board_summary.setObjectName("board_summary")
        tools = QHBoxLayout()
        tools.addLayout(self.action_bar)
        tools.addStretch(1)
        for b in (self.btn_transfer, self.btn_print, self.btn_pdf):
            tools.addWidget(b)
        board_box = QGroupBox(self.tr("调派看板"))
        bl = QVBoxLayout(board_box)
        bl.addWidget(self.board_summary)
        bl.addWidget(self.board_table, 1)
        bl.addLayout(tools)

        self.message = error_label("dispatch_message")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(rec_box)
        split.addWidget(board_box)
        split.setSizes([320, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

        sc = QShortcut(QKeySequence("Ctrl+Return"), self)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(self.dispatch_selected)
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.refresh_board() if self.isVisible() else None)
        self.timer.start(REFRESH_MS)
        ctx.notifier.sig_data_changed.connect(self._data_changed)
        self._update_buttons()

    # --- loading ---
    def load(self, incident_id: int | None) -> None:
        """Show recommendations and the board for one incident."""
        self.incident_id = incident_id
        self.message.clear()
        self.reload()

    def reload(self) -> None:
        """Re-read recommendations and the board from the store."""
        if self.incident_id is None:
            self.recommendation, self.rows = None, []
            self.origin_note.setText(self.tr("请选择事件。"))
            self._fill_recommendations()
            self._fill_board()
            return
        with self.ctx.store.read() as s:
            self.recommendation = dispatch_recommend.recommend(s, self.incident_id)
        self._fill_recommendations()
        self.refresh_board()

    def refresh_board(self) -> None:
        """Re-derive the board (times since dispatch, ETAs, overdue) from the clock."""
        if self.incident_id is None:
            return
        with self.ctx.store.read() as s:
            self.rows = dispatch_board.board(s, self.incident_id, self.ctx.store.clock.now())
        self._fill_board()

    def _data_changed(self, key: str) -> None:
        if key in ("dispatch", "teams", "*") and self.isVisible() and self.incident_id is not None:
            self.reload()

    def _fill_recommendations(self) -> None:
        rec = self.recommendation
        rows = []
        for c in (rec.candidates if rec else []):
            eta = f"{c.eta_minutes} 分钟" if c.eta_minutes is not None else "未估算"
            dist = f"{c.distance_km:.1f}" if c.distance_km is not None else "—"
            rows.append(TextRow(["", c.name, c.type_name, t(c.role_label), dist, eta, f"{c.on_duty}/{c.headcount}",
                                 c.reason], tip=c.reason, cell_fg={3: PRIMARY_FG} if c.role == "primary" else {}))
        self.rec_table.fill(rows, {1: 220, 2: 150, 7: 560})
        self.reason_detail.clear()
        if rec is None:
            self.busy_label.clear()
            self._update_buttons()
            return
        self.origin_note.setText(self.tr("距离：%1；能力矩阵与车速：%2。共 %3 支可调队伍。")
                                 .replace("%1", rec.note).replace("%2", audit_sentences.ruleset_title(rec.ruleset))
                                 .replace("%3", str(len(rec.candidates))))
        if rec.busy:
            shown = "；".join(f"{b.name}（{b.why}）" for b in rec.busy[:6])
            more = f"……等 {len(rec.busy)} 支" if len(rec.busy) > 6 else ""
            self.busy_label.setText(self.tr("同类队伍不可调：") + shown + more)
        else:
            self.busy_label.clear()
        self._show_reason(0)
        self._update_buttons()

    def _fill_board(self) -> None:
        now = self.ctx.store.clock.now()
        keep = self.selected_row()
        rows = []
        for r in self.rows:
            since = self.tr("%1 小时 %2 分").replace("%1", str(r.minutes_since // 60)).replace(
                "%2", str(r.minutes_since % 60)) if r.minutes_since >= 60 \
                else self.tr("%1 分钟").replace("%1", str(r.minutes_since))
            status = t(r.status_label) + (self.tr("（逾期 %1 分钟未到）").replace("%1", str(r.overdue_minutes))
                                          if r.overdue else "")
            texts = [r.team_name, status, r.order_number, since if r.active else "—", r.eta_text(now),
                     f"{r.leader} {r.phone}".strip(), r.task]
            tip = f"{r.type_name}；电台 {r.radio}；任务：{r.task}"
            if r.overdue:
                rows.append(TextRow(texts, OVERDUE_FG, OVERDUE_BG, True, tip))
            else:
                rows.append(TextRow(texts, None if r.active else DONE_FG, tip=tip))
        self.board_table.fill(rows, {0: 260, 6: 420})
        active = [r for r in self.rows if r.active]
        late = [r for r in active if r.overdue]
        summary = self.tr("在处置 %1 支，已结束 %2 支").replace("%1", str(len(active))) \
            .replace("%2", str(len(self.rows) - len(active)))
        if late:
            summary += self.tr("；%1 支逾期未到：").replace("%1", str(len(late))) + "、".join(r.team_name for r in late)
        self.board_summary.setText(summary)
        theme.mark(self.board_summary, "error" if late else None)
        if keep is not None:
            self.select_dispatch(keep.dispatch_id)
        self._board_selected()

    # --- selection ---
    def checked_team_ids(self) -> list[int]:
        """Teams ticked in the recommendation list, in list order."""
        if self.recommendation is None:
            return []
        return [self.recommendation.candidates[pos].team_id for pos in self.rec_table.rows.checked()]

    def set_checked(self, team_id: int, on: bool = True) -> None:
        """Tick or untick a recommended team."""
        if self.recommendation is None:
            return
        for pos, c in enumerate(self.recommendation.candidates):
            if c.team_id == team_id:
                self.rec_table.rows.set_checked(self.rec_table.rows.shown_row(pos), on)

    def _show_reason(self, row: int) -> None:
        rec = self.recommendation
        if rec is not None and 0 <= row < len(rec.candidates):
            c = rec.candidates[row]
            self.reason_detail.setText(f"{c.name}：{c.reason}")

    def _update_buttons(self) -> None:
        n = len(self.checked_team_ids()) if self.recommendation else 0
        may = self.ctx.actor is not None and self.ctx.actor.can(auth.Permission.EDIT_REGISTRY)
        self.btn_dispatch.setEnabled(may and n > 0)
        self.selected_label.setText(self.tr("已选 %1 支").replace("%1", str(n)) if n else "")

    def selected_row(self) -> dispatch_board.BoardRow | None:
        """The board row selected, if any."""
        pos = self.board_table.current()
        return self.rows[pos] if pos is not None and pos < len(self.rows) else None

    def select_dispatch(self, dispatch_id: int) -> None:
        """Select a team on the board."""
        for i, r in enumerate(self.rows):
            if r.dispatch_id == dispatch_id:
                self.board_table.select_source(i)

    def _board_selected(self) -> None:
        row = self.selected_row()
        may = self.ctx.actor is not None and self.ctx.actor.can(auth.Permission.EDIT_REGISTRY)
        offered = dict(row.actions) if row is not None and row.active else {}
        for target, b in self.action_buttons.items():
            b.setVisible(target in offered)
            b.setText(t(offered.get(target, "")))
            b.setEnabled(may)
        self.btn_transfer.setEnabled(may and row is not None and row.status in team_status.TRANSFERABLE)
        self.btn_print.setEnabled(row is not None)
        self.btn_pdf.setEnabled(row is not None)

    # --- actions ---
    def _act(self, action) -> bool:
        if not self.ctx.act(action, self.message, "dispatch"):
            return False
        if self.incident_id is not None:
            self.sig_changed.emit(self.incident_id)
        return True

    def dispatch_selected(self) -> bool:
        """Dispatch the ticked teams with the typed task (one dispatch order)."""
        if self.incident_id is None:
            return False
        ids, task = self.checked_team_ids(), self.task.text()
        holder: list = []
        ok = self._act(lambda s: holder.extend(svc.dispatch(s, self.incident_id, ids, task)))
        if ok:
            self.task.clear()
            self.reload()
            if holder:
                self.select_dispatch(holder[0].id)
                self._board_selected()
        return ok

    def ask_reason(self, title: str, prompt: str) -> str | None:
        """Ask for a reason (tests replace this); None when cancelled."""
        text, ok = QInputDialog.getText(self, title, prompt)
        return text if ok else None

    def advance_selected(self, target: str) -> bool:
        """Move the selected team on the board to *target*."""
        row = self.selected_row()
        if row is None:
            return False
        current = row.status
        reason = ""
        if team_status.needs_reason(current, target):
            answer = self.ask_reason(self.tr("填写原因"), self.tr("“%1”改为“%2”的原因：").replace("%1", row.team_name)
                                     .replace("%2", team_status.label_status(target)))
            if answer is None:
                return False
            reason = answer
        ok = self._act(lambda s: svc.advance(s, row.dispatch_id, target, reason, expected_version=row.version))
        self.refresh_board()
        if ok:
            self.select_dispatch(row.dispatch_id)
            self._board_selected()
            if target in ("available", "unavailable"):
                self.reload()
        return ok

    def transfer_selected(self) -> None:
        """Re-task the selected team to another open incident (asks where, what and why)."""
        row = self.selected_row()
        if row is None:
            return
        with self.ctx.store.read() as s:
            choices = {i.id: f"{incidents.heading(i)} {i.title}" for i in incidents.active_incidents(s) if i.id != self.incident_id}
        if not choices:
            self.message.setText(self.tr("没有其他事件可以转调。"))
            return

        def run(v: dict) -> None:
            with self.ctx.store.transaction() as s:
                svc.transfer(s, row.dispatch_id, v["incident"], v["task"], v["reason"], expected_version=row.version)
            self.ctx.notifier.sig_data_changed.emit("dispatch")
            self.sig_changed.emit(self.incident_id)
            self.reload()
        FormDialog(self.tr("直接转调"), [("incident", "转调至事件", choices), ("task", "新任务", ""),
                                      ("reason", "转调原因", "")], run,
                   self.tr("队伍不经返回、直接转赴另一事件，将记入两个事件的时间线。"), self).exec()

    # --- the printed order ---
    def _order_html(self) -> str | None:
        row = self.selected_row()
        if row is None:
            return None
        with self.ctx.store.read() as s:
            return dispatch_order_doc.order_html(dispatch_order.order_document(s, row.order_number))

    def write_order_pdf(self, path: str) -> None:
        """Write the selected team's dispatch order as an A4 PDF (no dialog)."""
        from PySide6.QtGui import QPageSize, QPdfWriter

        html = self._order_html()
        if html is None:
            raise UserError("请先在调派看板中选择一支队伍。")
        writer = QPdfWriter(path)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setResolution(300)
        writer.setTitle("应急救援队伍调派单")
        self._document(html).print_(writer)

    def _document(self, html: str):
        from PySide6.QtGui import QTextDocument

        from ..documents.pdf import load_fonts

        load_fonts()
        doc = QTextDocument()
        font = QFont()
        font.setFamilies(["CD Serif SC", "WenQuanYi Micro Hei"])
        font.setPointSizeF(11)
        doc.setDefaultFont(font)
        doc.setHtml(html)
        return doc

    def export_order(self) -> None:
        """Save the selected team's dispatch order as PDF."""
        row = self.selected_row()
        if row is None:
            return
        from .dialogs import file_name, save_path, today

        path = save_path(self, self.tr("导出调派单"),
                         file_name("调派单", row.order_number, ext="pdf", day=today(self.ctx)), "PDF (*.pdf)")
        if path:
            try:
                self.write_order_pdf(path)
            except UserError as exc:
                self.message.setText(exc.message)

    def print_order(self, printer=None) -> None:
        """Print the selected team's dispatch order (asks for the printer unless one is given)."""
        html = self._order_html()
        if html is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
                return
        self._document(html).print_(printer)

    def refresh_permission(self) -> None:
        """Re-check what the operator on duty may do here."""
        self._update_buttons()
        self._board_selected()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Refresh the dispatch board of the incident shown."""
        if self.incident_id is not None:
            self.refresh_board()
        super().showEvent(event)
