"""Excel buttons for a registry screen: export, template, import with a report of every bad row."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from ..clock import to_beijing
from ..errors import UserError
from ..services import spreadsheets
from . import theme
from .context import AppContext
from .dialogs import open_path, prepare, save_path
from .text_table import TextRow, TextTable


class ImportReport(QDialog):
    """The outcome of an import: a summary, and every refused cell with row, column and reason."""

    def __init__(self, result: spreadsheets.ImportResult, title: str, path: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入结果：%1").replace("%1", title))
        summary = QLabel(f"{Path(path).name}\n{result.message()}")
        summary.setObjectName("import_summary")
        summary.setWordWrap(True)
        theme.mark(summary, "error" if result.errors else "ok")
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        if result.errors:
            self.table = TextTable(["行", "列", "字段", "原因"], "import_errors", right=(0,))
            self.table.fill([TextRow([str(e.row), e.column, e.field, e.reason]) for e in result.errors])
            layout.addWidget(self.table, 1)
            self.resize(760, 420)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        prepare(self)


class SpreadsheetBar(QWidget):
    """导出 Excel / 下载模板 / 从 Excel 导入 for one registry."""

    def __init__(self, ctx: AppContext, spec_key: str, parent=None, on_imported=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spreadsheets.spec_for(spec_key)
        self.on_imported = on_imported
        self.btn_export = QPushButton(self.tr("导出 Excel…"))
        self.btn_template = QPushButton(self.tr("Excel 模板…"))
        self.btn_import = QPushButton(self.tr("从 Excel 导入…"))
        self.btn_import.setObjectName("btn_excel_import")
        self.btn_export.clicked.connect(lambda: self._save(template=False))
        self.btn_template.clicked.connect(lambda: self._save(template=True))
        self.btn_import.clicked.connect(self._choose_import)
        self.status = QLabel()
        self.status.setObjectName("excel_status")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for b in (self.btn_export, self.btn_template, self.btn_import):
            row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.refresh_permission()

    def refresh_permission(self) -> None:
        """Importing needs the registry permission; exporting does not."""
        actor = self.ctx.actor
        self.btn_import.setEnabled(actor is not None and actor.can(self.spec.permission))

    def _save(self, template: bool) -> None:
        name = spreadsheets.today_name(self.spec, to_beijing(self.ctx.store.clock.now()).date())
        if template:
            name = f"{self.spec.title}-模板.xlsx"
        path = save_path(self, self.tr("保存 Excel 文件"), name, "Excel (*.xlsx)")
        if path:
            self.write(path, template)

    def write(self, path: str, template: bool = False) -> None:
        """Export the registry (or an empty template) to *path*."""
        try:
            with self.ctx.store.read() as s:
                if template:
                    spreadsheets.write_template(s, self.spec, path)
                    self.status.setText(self.tr("已保存模板：%1").replace("%1", path))
                else:
                    n = spreadsheets.export(s, self.spec, path)
                    self.status.setText(self.tr("已导出 %1 条到 %2").replace("%1", str(n)).replace("%2", path))
        except UserError as exc:
            self.status.setText(exc.message)

    def _choose_import(self) -> None:
        path = open_path(self, self.tr("选择要导入的 Excel 文件"), "Excel (*.xlsx)")
        if path:
            ImportReport(self.import_path(path), self.spec.title, path, self).exec()

    def import_path(self, path: str) -> spreadsheets.ImportResult:
        """Check and import *path*; nothing is written unless every row is valid."""
        try:
            sheet = spreadsheets.read(path, self.spec)  # parsed first: the write lock is not held meanwhile
            with self.ctx.store.transaction() as s:
                result = spreadsheets.import_file(s, self.spec, sheet)
        except UserError as exc:
            result = spreadsheets.ImportResult(self.spec.key, 0, 0, 0, 0, (spreadsheets.CellError(0, "", "", exc.message),))
        self.status.setText(result.message())
        if result.ok and (result.created or result.updated):
            self.ctx.notifier.sig_data_changed.emit(self.spec.key)
            if self.on_imported is not None:
                self.on_imported()
        return result


def attach(page, ctx: AppContext) -> SpreadsheetBar:
    """Add the Excel buttons under the detail form of a RegistryPage; return the bar."""
    bar = SpreadsheetBar(ctx, page.spec.key, page, on_imported=page.reload)
    page.extra_slot.addWidget(bar)
    ctx.notifier.sig_signed_in.connect(bar.refresh_permission)
    return bar
