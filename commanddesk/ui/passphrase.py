"""The passphrase of an encrypted store, asked at start before anyone signs in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from ..errors import UserError
from . import theme
from .dialogs import fit, prepare


class PassphraseDialog(QDialog):
    """Asks for the store's passphrase; *check* tries it (UserError: wrong) and the dialog stays for another try.

    Nothing is written to the store while the passphrase is wrong; the passphrase is not kept in
    the dialog after it closes.
    """

    RESTORE = 2  # exec()'s result when 从备份恢复… was chosen (the file may be damaged, not encrypted)

    def __init__(self, label: str, check: Callable[[str], None], parent=None, problem: str = "",
                 restorable: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("passphrase_dialog")
        self.setWindowTitle(self.tr("打开加密的数据库"))
        self.check = check
        self.tries = 0
        intro = QLabel(self.tr("数据库已加密：%1\n请输入口令。口令不对时数据库不会有任何改动，可以再试。")
                       .replace("%1", label))
        intro.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setObjectName("passphrase")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText(self.tr("口令"))
        self.error = QLabel(problem)
        self.error.setObjectName("passphrase_error")
        self.error.setWordWrap(True)
        theme.mark(self.error, "error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("打开"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        self.restore_button = None
        if restorable:  # a store damaged into bytes that look encrypted would otherwise ask forever
            self.restore_button = buttons.addButton(self.tr("文件已损坏？从备份恢复…"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
            self.restore_button.setObjectName("passphrase_restore")
            self.restore_button.clicked.connect(lambda: self.done(self.RESTORE))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        prepare(self, 460)
        self.field.setFocus()

    def try_open(self) -> None:
        """Try the typed passphrase; close on success, else say so and wait for another."""
        text = self.field.text()
        if not text:
            self.error.setText(self.tr("请输入口令。"))
            fit(self, 460)
            return
        self.tries += 1
        try:
            self.check(text)
        except UserError:
            self.error.setText(self.tr("口令不正确，数据库未作任何改动。请重新输入（第 %1 次）。")
                               .replace("%1", str(self.tries)))
            self.field.clear()
            self.field.setFocus()
            fit(self, 460)
            return
        self.field.clear()
        self.accept()
