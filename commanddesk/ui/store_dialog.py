"""设置 → 连接数据库…: which store this machine opens when it starts (a SQLite file or a PostgreSQL server)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QVBoxLayout)

from .. import paths
from ..errors import UserError
from ..services import store_choice
from . import theme
from .dialogs import fit, prepare

WIDTH = 560


class StoreDialog(QDialog):
    """Type a file path or a postgresql:// URL; 检查并保存 connects first and saves only what opened.

    A refusal names what failed and saves nothing. After a save the operator is asked whether to
    restart now (the open store is not swapped under a running window).
    """

    def __init__(self, current: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("store_dialog")
        self.setWindowTitle(self.tr("连接数据库"))
        self.choice = None  # the saved store_choice.Choice
        intro = QLabel(self.tr("本机启动时（不带 --db）打开的数据库：单席位用本机的 SQLite 文件，"
                               "县级指挥中心的多个席位用同一台 PostgreSQL 服务器。\n当前打开的数据库：%1")
                       .replace("%1", current))
        intro.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setObjectName("store_target")
        problem = ""
        try:
            saved = store_choice.chosen()
        except UserError as exc:
            saved, problem = None, exc.message
        if saved:
            self.field.setText(saved)
            setting = self.tr("本机设置：%1").replace("%1", saved)
        else:
            setting = self.tr("本机设置：未设置（打开默认文件 %1）").replace("%1", str(paths.default_db()))
        self.setting = QLabel(setting)
        self.setting.setObjectName("store_setting")
        self.setting.setWordWrap(True)
        self.field.setPlaceholderText(self.tr("postgresql://seat1@10.0.0.5/commanddesk 或 数据库文件路径"))
        browse = QPushButton(self.tr("选择文件…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(browse)
        note = QLabel(self.tr("保存前先实际连接一次，连不上不保存。地址中的密码不写入设置文件，"
                              "而是存入本机的 PostgreSQL 密码文件 %1（仅本用户可读）；"
                              "也可以不写密码，由管理员事先填好该文件。"
                              "启动命令（桌面快捷方式）中写了 --db 的，仍以 --db 为准。")
                      .replace("%1", str(store_choice.pgpass_file())))
        note.setWordWrap(True)
        theme.mark(note, "muted")
        self.error = QLabel()
        self.error.setObjectName("store_error")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.mark(self.error, "error")
        self.error.setText(problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("检查并保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.setting)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        prepare(self, WIDTH)
        self.field.setFocus()

    def browse(self) -> None:
        """Pick (or name a new) SQLite file."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("选择数据库文件"), self.field.text(),
                                              self.tr("SQLite 数据库 (*.sqlite *.db);;所有文件 (*)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.field.setText(path)

    def save(self) -> None:
        """Connect to what was typed; save it when it opened, else say what failed (nothing saved)."""
        self.error.setText(self.tr("正在连接…"))
        self.ok.setEnabled(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
        try:
            self.choice = store_choice.use(self.field.text())
        except UserError as exc:
            self.error.setText(self.tr("无法使用：%1。设置未保存。").replace("%1", exc.message.rstrip("。")))
            fit(self, WIDTH)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
            self.ok.setEnabled(True)
        self.accept()


def choose_store(current: str, parent=None) -> bool:
    """Run the dialog; after a save, offer to restart now. True when the app should restart."""
    dialog = StoreDialog(current, parent)
    if not dialog.exec() or dialog.choice is None:
        return False
    choice = dialog.choice
    text = (QCoreApplication.translate("StoreDialog", "已保存：本机下次启动时打开 %1（%2）。\n现在重新启动 commanddesk 吗？")
            .replace("%1", choice.db).replace("%2", choice.note))
    if choice.pgpass is not None:
        text += "\n" + QCoreApplication.translate("StoreDialog", "密码已存入 %1。").replace("%1", str(choice.pgpass))
    answer = QMessageBox.question(parent, QCoreApplication.translate("StoreDialog", "连接数据库"), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
