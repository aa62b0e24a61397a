"""交接班: assemble the handover record, tick the equipment checks, both officers sign with their PINs, print.

Everything comes from ``services.handover``; a signed record is shown read-only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSplitter, QTableWidget,
    QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget,
)

from ..clock import format_beijing
from ..errors import UserError
from ..services import handover, settings
from . import dialogs, theme
from .context import AppContext
from .dialogs import FormDialog
from .roster import write_html_pdf
from .tables import fit_columns
from .text_table import TextRow, TextTable


class HandoverPage(QWidget):
    """交接班: the records, newest first; the chosen one in full; checks, notes and signatures while open."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list = []
        self.current = None
        new_b = QPushButton(self.tr("生成交接班记录"))
        new_b.setObjectName("handover_new")
        new_b.clicked.connect(self.new_record)
        pdf_b = QPushButton(self.tr("打印（PDF）…"))
        pdf_b.clicked.connect(self.export_pdf)
        self.fix_b = QPushButton(self.tr("更正…"))
        self.fix_b.setObjectName("handover_correct")
        self.fix_b.setToolTip(self.tr("已签字的记录不能修改：更正记为一条新记录"))
        self.fix_b.clicked.connect(self.correct)
        daily_b = QPushButton(self.tr("值班日报…"))
        daily_b.setObjectName("daily_open")
        daily_b.clicked.connect(self.open_daily)
        self.message = QLabel()
        self.message.setWordWrap(True)
        theme.mark(self.message, "error")
        bar = QHBoxLayout()
        bar.addWidget(new_b)
        bar.addWidget(pdf_b)
        bar.addWidget(self.fix_b)
        bar.addWidget(daily_b)
        bar.addWidget(self.message, 1)
        self.list = TextTable(["编号", "状态", "交班人", "接班人", "时间"], "handover_list", stretch=4, elastic=(4,))
        self.list.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.view = QTextBrowser()
        self.view.setObjectName("handover_view")
        self.checks = QTableWidget(0, 2)
        self.checks.setObjectName("handover_checks")
        self.checks.setHorizontalHeaderLabels([self.tr("装备（勾选为正常）"), self.tr("异常说明")])
        self.checks.verticalHeader().hide()
        self.checks.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("handover_notes")
        self.notes.setPlaceholderText(self.tr("其他交接事项（自由填写）"))
        self.notes.setMaximumHeight(70)
        save_b = QPushButton(self.tr("保存检查与备注"))
        save_b.clicked.connect(self.save)
        self.out_b = QPushButton(self.tr("交班人签字…"))
        self.out_b.setObjectName("handover_sign_out")
        self.out_b.clicked.connect(self.sign_outgoing)
        self.in_b = QPushButton(self.tr("接班人签字…"))
        self.in_b.setObjectName("handover_sign_in")
        self.in_b.clicked.connect(self.sign_incoming)
        sign = QHBoxLayout()
        sign.addWidget(save_b)
        sign.addStretch(1)
        sign.addWidget(self.out_b)
        sign.addWidget(self.in_b)
        self.edit_box = QWidget()
        el = QVBoxLayout(self.edit_box)
        el.setContentsMargins(0, 0, 0, 0)
        el.addWidget(self.checks, 1)
        el.addWidget(self.notes)
        el.addLayout(sign)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.view)
        right.addWidget(self.edit_box)
        right.setSizes([420, 260])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([380, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        ctx.notifier.sig_data_changed.connect(lambda _k: self.reload() if self.isVisible() else None)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Re-read the shift's handover each time the page is shown."""
        self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Re-read the records and show the chosen one (the newest at first)."""
        keep = self.current.id if self.current is not None else None
        with self.ctx.store.read() as s:
            self.rows = handover.recent(s)
        self.list.fill([TextRow([str(r.id), handover.state_label(r), r.outgoing, r.incoming or "—",
                                 format_beijing(r.incoming_signed_at or r.assembled_at, seconds=False)[5:]],
                                cell_fg={1: "#c62828"} if r.incoming_signed_at is None else {})
                        for r in self.rows])
        pos = next((i for i, r in enumerate(self.rows) if r.id == keep), 0 if self.rows else None)
        if pos is not None:
            self.list.select_source(pos)
        self.show_current()

    def show_current(self) -> None:
        """The chosen record in full; its checks and notes editable until the outgoing officer signs."""
        pos = self.list.current()
        self.current = self.rows[pos] if pos is not None and pos < len(self.rows) else None
        r = self.current
        if r is None:
            self.view.setHtml(self.tr("还没有交接班记录。交班前按“生成交接班记录”，由系统汇总在办事件、时限、"
                                      "未报送报告、预案任务、领导批示和调用物资。"))
            self.edit_box.setEnabled(False)
            return
        with self.ctx.store.read() as s:
            unit = settings.get(s, "issuing_unit")
        self.view.setHtml(handover.html(r, unit))
        open_ = r.outgoing_signed_at is None
        self.fix_b.setEnabled(r.incoming_signed_at is not None)
        self.edit_box.setEnabled(r.incoming_signed_at is None)
        self.checks.setEnabled(open_)
        self.notes.setReadOnly(not open_)
        self.out_b.setEnabled(open_)
        self.in_b.setEnabled(not open_ and r.incoming_signed_at is None)
        self.checks.setRowCount(len(r.checklist))
        for i, c in enumerate(r.checklist):
            item = QTableWidgetItem(c["item"])
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if c.get("ok") else Qt.CheckState.Unchecked)
            self.checks.setItem(i, 0, item)
            self.checks.setItem(i, 1, QTableWidgetItem(c.get("note", "")))
        fit_columns(self.checks, stretch=1)
        self.notes.setPlainText(r.notes)

    def _checklist(self) -> list[dict]:
        out = []
        for i in range(self.checks.rowCount()):
            ok = self.checks.item(i, 0).checkState() == Qt.CheckState.Checked
            note = self.checks.item(i, 1).text() if self.checks.item(i, 1) else ""
            out.append({"item": self.checks.item(i, 0).text(), "ok": ok, "note": note})
        return out

    def new_record(self) -> None:
        """Assemble a record now, for the signed-in (outgoing) officer."""
        holder = {}
        if self.ctx.act(lambda s: holder.setdefault("id", handover.draft(s).id), self.message, "handover"):
            self.current = type("Keep", (), {"id": holder["id"]})()
            self.reload()

    def save(self) -> bool:
        """Store the checks and notes as they stand."""
        r = self.current
        if r is None:
            return False
        checks, notes = self._checklist(), self.notes.toPlainText()
        return self.ctx.act(lambda s: handover.update(s, r.id, checks, notes), self.message, "handover")

    def _pin_dialog(self, title: str, fields, action) -> None:
        dlg = FormDialog(title, fields, action, parent=self)
        dlg.widgets["pin"].setEchoMode(QLineEdit.EchoMode.Password)
        dlg.setObjectName("handover_pin_dialog")
        dlg.exec()
        self.reload()

    def sign_outgoing(self) -> None:
        """The outgoing officer signs (checks and notes are saved first)."""
        r = self.current
        if r is None or not self.save():
            return

        def sign(values: dict) -> None:
            with self.ctx.store.transaction() as s:
                handover.sign_outgoing(s, r.id, values["pin"])
            self.ctx.notifier.sig_data_changed.emit("handover")

        self._pin_dialog(f"交班人签字：{r.outgoing}", [("pin", "PIN", "")], sign)

    def sign_incoming(self) -> None:
        """The incoming officer signs with their own name and PIN; the record is then fixed."""
        r = self.current
        if r is None:
            return
        expected = (r.content.get("next_shift") or {}).get("officer", "")

        def sign(values: dict) -> None:
            with self.ctx.store.transaction() as s:
                handover.sign_incoming(s, r.id, values["name"], values["pin"])
            self.ctx.notifier.sig_data_changed.emit("handover")

        self._pin_dialog(self.tr("接班人签字"), [("name", "接班人", expected), ("pin", "PIN", "")], sign)

    def correct(self) -> None:
        """A correction to the chosen signed record: a new record naming it, to be signed like any other."""
        r = self.current
        if r is None or r.incoming_signed_at is None:
            self.message.setText(self.tr("只有双方已签字的记录需要更正；未签字的记录可直接修改。"))
            return

        def save(values: dict) -> None:
            with self.ctx.store.transaction() as s:
                row = handover.correct(s, r.id, values["notes"])
                self.current = type("Keep", (), {"id": row.id})()
            self.ctx.notifier.sig_data_changed.emit("handover")

        FormDialog(f"更正第 {r.id} 号交接班记录", [("notes", "更正内容", "")], save, parent=self).exec()
        self.reload()

    def export_pdf(self) -> None:
        """The chosen record on A4."""
        r = self.current
        if r is None:
            self.message.setText(self.tr("请先选中一条交接班记录。"))
            return
        name = dialogs.file_name("交接班记录", f"第{r.id}号", ext="pdf")
        path = dialogs.save_path(self, self.tr("打印交接班记录"), name, self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.write_pdf(path)

    def write_pdf(self, path: str) -> None:
        """Write the chosen record to *path* (A4 portrait)."""
        with self.ctx.store.read() as s:
            unit = settings.get(s, "issuing_unit")
        write_html_pdf(handover.html(self.current, unit), path, f"交接班记录 第{self.current.id}号", landscape=False)

    def open_daily(self):
        """The 值班日报 dialog for the duty day running now."""
        from .daily import DailyDialog

        dlg = DailyDialog(self.ctx, self)
        dlg.open()
        return dlg
