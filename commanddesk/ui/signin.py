"""Shift sign-in: the operator on duty names themself and enters their PIN."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
)

from typing import TYPE_CHECKING

from ..errors import UserError
from . import theme
from .dialogs import fit, prepare

if TYPE_CHECKING:
    from ..services.auth import Actor
    from .context import AppContext


class SignInDialog(QDialog):
    """Asks for name and PIN; on success ``actor`` holds the new shift's actor."""

    def __init__(self, ctx: AppContext | None, parent=None, accounts: list[tuple[str, str]] | None = None,
                 demo: bool = False) -> None:
        """*ctx* may be None at first (the store still opening); then *accounts* lists who may sign in."""
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("签到上岗 — commanddesk"))
        if accounts is None:
            from ..services.accounts import active_operators

            with ctx.store.read() as s:
                accounts = active_operators(s)
        demo = demo or (ctx is not None and ctx.demo)
        self.name = QComboBox()
        self.name.setObjectName("signin_name")
        self.name.setEditable(True)
        for name, role in accounts:
            self.name.addItem(f"{name}", name)
            self.name.setItemData(self.name.count() - 1, role, 3)  # tooltip role
        self.pin = QLineEdit()
        self.pin.setObjectName("signin_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("6–12 位数字"))
        self.error = QLabel()
        self.error.setObjectName("signin_error")
        theme.mark(self.error, "error")
        self.error.setWordWrap(True)
        intro = QLabel(self.tr("请值班人员签到。本班内的所有修改都将记在您的名下。"))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("PIN"), self.pin)
        self.off_roster = QLineEdit()  # shown when the person is not on this shift's roster
        self.off_roster.setObjectName("signin_off_roster")
        self.off_roster.setPlaceholderText(self.tr("不在本班值班表上：请说明原因（如 替班）"))
        self.off_roster.hide()
        self.off_roster.returnPressed.connect(self.try_sign_in)
        form.addRow(self.off_roster)
        self.off_roster_name = ""
        self.take_over = QCheckBox()  # shown when a signed-out handover waits for the incoming officer
        self.take_over.setObjectName("signin_take_over")
        self.take_over.setChecked(True)
        self.take_over.hide()
        self.skip_reason = QLineEdit()
        self.skip_reason.setObjectName("signin_skip_reason")
        self.skip_reason.setPlaceholderText(self.tr("暂不签收的原因"))
        self.skip_reason.hide()
        self.take_over.toggled.connect(lambda on: self.skip_reason.setVisible(not on))
        form.addRow(self.take_over)
        form.addRow(self.skip_reason)
        self.waiting_id = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("签到"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if demo:
            note = QLabel(self.tr("演示账户：") + "；".join(f"{n}（{r}）" for n, r in accounts)
                          + self.tr("。PIN 见 README。"))
            note.setWordWrap(True)
            theme.mark(note, "muted")
            layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.pin.returnPressed.connect(self.try_sign_in)
        self.pin.setFocus()
        prepare(self, 420)

    def attach(self, ctx: AppContext) -> None:
        """Give the dialog its store once it is open."""
        self.ctx = ctx

    def try_sign_in(self) -> None:
        """Check the PIN; accept on success, explain and stay open otherwise."""
        from ..services import accounts

        if self.ctx is None:
            self.error.setText(self.tr("正在打开数据库，请稍候再试。"))
            return
        name = self.name.currentText().strip()
        pin = self.pin.text()
        if not name:
            self.error.setText(self.tr("请填写姓名。"))
            return
        from ..services import roster

        with self.ctx.store.read() as s:
            warning = roster.sign_in_warning(s, name) if not self.ctx.store.drill else ""
        from ..services import handover

        with self.ctx.store.read() as s:
            waiting = handover.awaiting(s, name) if not self.ctx.store.drill else None
            waiting = (waiting.id, waiting.outgoing) if waiting is not None else None
        if waiting is not None and self.waiting_id != waiting[0]:
            self.waiting_id = waiting[0]
            self.take_over.setText(self.tr("签到同时签收第 %1 号交接班记录（交班人 %2）")
                                   .replace("%1", str(waiting[0])).replace("%2", waiting[1]))
            self.take_over.show()
            if not warning:
                self.error.setText(self.tr("有交班人已签字的交接班记录待签收；如暂不签收，请取消勾选并说明原因。"))
                fit(self, 420)
                return
        if waiting is not None and not self.take_over.isChecked() and not self.skip_reason.text().strip():
            self.error.setText(self.tr("不签收交接班记录须说明原因。"))
            self.skip_reason.setFocus()
            return
        reason = self.off_roster.text().strip() if self.off_roster_name == name else ""
        if warning and not reason:
            self.off_roster_name = name
            self.off_roster.show()
            self.error.setText(warning + self.tr("如确需上岗，请填写原因后再签到。"))
            fit(self, 420)
            self.off_roster.setFocus()
            return
        try:
            with self.ctx.store.transaction(actor=None) as s:
                previous = self.ctx.store.actor
                if previous is not None:
                    accounts.sign_out(s, previous)
                self.actor = accounts.sign_in(s, name, pin)
                if warning:
                    roster.record_off_roster(s, self.actor.shift_id, name, reason)
                if waiting is not None and self.take_over.isChecked():
                    handover.sign_incoming(s, waiting[0], name, pin)
                    self.ctx.open_first = "handover"  # the window opens on the record just taken over
                elif waiting is not None:
                    handover.skip(s, waiting[0], name, self.skip_reason.text())
        except UserError as exc:
            self.error.setText(exc.message)
            fit(self, 420)  # the refusal may wrap onto more lines
            self.pin.clear()
            self.pin.setFocus()
            return
        self.ctx.store.actor = self.actor
        self.ctx.notifier.sig_signed_in.emit()
        self.accept()
