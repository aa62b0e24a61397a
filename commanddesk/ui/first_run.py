"""A new, empty store: create its first administrator account."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from ..errors import UserError
from ..services import accounts, auth
from . import theme
from .context import AppContext
from .dialogs import fit, prepare


class FirstAdminDialog(QDialog):
    """Creates the first system administrator of a brand-new database."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("新数据库：创建系统管理员"))
        self.name = QLineEdit()
        self.pin = QLineEdit()
        self.pin2 = QLineEdit()
        for w in (self.pin, self.pin2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        theme.mark(self.error, "error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.tr("再次输入 PIN"), self.pin2)
        intro = QLabel(self.tr("这是一个新的数据库：%1\n请先创建一个系统管理员账户，再用它添加值班人员。")
                       .replace("%1", ctx.store.label))
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        prepare(self, 440)

    def create(self) -> None:
        """Create the account, or say what is wrong."""
        if self.pin.text() != self.pin2.text():
            self.error.setText(self.tr("两次输入的 PIN 不一致。"))
            fit(self, 440)
            return
        try:
            with self.ctx.store.transaction() as s:
                accounts.validate_pin(self.pin.text(), s)  # the first administrator's PIN obeys the same rule
                accounts.create_operator(s, self.name.text(), auth.Role.ADMIN, self.pin.text(),
                                     "系统管理员", check=False)
        except UserError as exc:
            self.error.setText(exc.message)
            fit(self, 440)
            return
        self.accept()
