"""值班日报 dialog: the duty day's report assembled by ``services.daily``, edited as text, then Word or PDF."""

from __future__ import annotations

import re

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit, QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout,
)

from ..services import daily
from . import dialogs, theme
from .context import AppContext

HEAD = re.compile(r"^【(.+?)】\s*$")


def sections_text(sections: list[tuple[str, str]]) -> str:
    """Sections as editable text: 【heading】 on its own line, then its text."""
    return "\n\n".join(f"【{h}】\n{t}" for h, t in sections)


def parse_sections(text: str) -> list[tuple[str, str]]:
    """The edited text back into sections (text before the first heading is dropped)."""
    out: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        m = HEAD.match(line.strip())
        if m:
            out.append((m.group(1), []))
        elif out:
            out[-1][1].append(line)
    return [(h, "\n".join(lines).strip()) for h, lines in out]


class DailyDialog(QDialog):
    """Choose the duty day, edit the assembled text, export Word or PDF."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("值班日报"))
        self.setObjectName("daily_dialog")
        with ctx.store.read() as s:
            day = daily.today(s)
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(lambda *_: self.rebuild())
        self.figures = QLabel()
        self.figures.setObjectName("daily_figures")
        self.figures.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("daily_text")
        self.message = QLabel()
        theme.mark(self.message, "error")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("值班日")))
        top.addWidget(self.day)
        rebuild_b = QPushButton(self.tr("重新汇总"))
        rebuild_b.clicked.connect(self.rebuild)
        top.addWidget(rebuild_b)
        top.addStretch(1)
        word_b = QPushButton(self.tr("导出 Word…"))
        word_b.clicked.connect(lambda: self.export("docx"))
        pdf_b = QPushButton(self.tr("导出 PDF…"))
        pdf_b.clicked.connect(lambda: self.export("pdf"))
        close_b = QPushButton(self.tr("关闭"))
        close_b.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        for b in (word_b, pdf_b, close_b):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addWidget(self.text, 1)
        layout.addLayout(bottom)
        self.resize(900, 620)
        self.report = None
        self.rebuild()

    def rebuild(self) -> None:
        """Assemble the chosen day again (edits are replaced)."""
        d = self.day.date().toPython()
        with self.ctx.store.read() as s:
            self.report = daily.build(s, d)
        r = self.report
        self.figures.setText(self.tr("接报 %1 起 · 报送 %2 份 · 时限按时 %3 / 迟报 %4 / 未完成 %5 · 批示 %6 条（逾期 %7）· 交接班 %8 次")
                             .replace("%1", str(r.incidents)).replace("%2", str(r.reports_sent))
                             .replace("%3", str(r.clocks_on_time)).replace("%4", str(r.clocks_late))
                             .replace("%5", str(r.clocks_missed)).replace("%6", str(r.instructions_given))
                             .replace("%7", str(r.instructions_overdue)).replace("%8", str(r.handovers)))
        self.text.setPlainText(sections_text(r.sections))

    def write(self, path: str, kind: str) -> None:
        """Write the edited report to *path* as .docx or .pdf."""
        sections = parse_sections(self.text.toPlainText())
        with self.ctx.store.read() as s:
            doc = daily.document(s, self.report, sections)
        if kind == "docx":
            from ..documents.docx import write_docx

            write_docx(doc, path)
        else:
            from ..documents.pdf import write_pdf

            write_pdf(doc, path)

    def export(self, kind: str) -> None:
        """Ask where, then write."""
        if not parse_sections(self.text.toPlainText()):
            self.message.setText(self.tr("日报没有内容：每段须以【标题】开头。"))
            return
        name = dialogs.file_name("值班日报", ext=kind, day=self.report.day)
        filters = self.tr("Word 文档 (*.docx)") if kind == "docx" else self.tr("PDF 文件 (*.pdf)")
        path = dialogs.save_path(self, self.tr("导出值班日报"), name, filters)
        if path:
            try:
                self.write(path, kind)
            except OSError as exc:
                self.message.setText(self.tr("无法写入文件：") + str(exc))
                return
            self.message.clear()
