"""Automatic backups in the window, the 备份与恢复 tab of the settings page, and the offer to restore a
backup when the store cannot be opened. All the work is services/backup_auto's.

The scheduler checks shortly after the window opens (the start backup) and every minute after by the
store's clock (the daily one after midnight); the copy runs on a worker thread, its outcome shows in
the status bar. A failure is said there in Chinese and tried again ten minutes later; it never stops
the shift. Nothing is backed up for the demo, a drill workspace, a store in memory or on a server.

A restore needs the file closed: from the settings page the window closes, ``app.run`` restores once
the store is closed (``finish_restore``) and starts the app again.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QSpinBox, QTableWidgetItem, QVBoxLayout, QWidget)

from ..clock import format_beijing
from ..errors import UserError
from ..services import backup_auto
from . import theme
from .context import AppContext
from .dialogs import prepare
from .widgets import error_label, read_only_table

CHECK_MS = 60_000
FIRST_CHECK_MS = 3_000  # after the window is up
RETRY = timedelta(minutes=10)


def backs_up(ctx: AppContext) -> bool:
    """Whether this window's store gets automatic backups (a SQLite file, not the demo or a drill)."""
    store = ctx.store
    return not (ctx.demo or ctx.drill is not None or store.drill or store.path is None or store.url is not None)


class AutoBackup(QObject):
    """Makes the automatic backup ``backup_auto.due`` asks for; the outcome in *status_bar* when given."""

    sig_done = Signal(object)  # backup_auto.Outcome

    def __init__(self, ctx: AppContext, status_bar=None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.started = False  # whether this run's start check has been made
        self._thread: threading.Thread | None = None
        self._failed_at: datetime | None = None
        self.last: backup_auto.Outcome | None = None
        self.label = QLabel()
        self.label.setObjectName("backup_label")
        self.label.hide()
        if status_bar is not None:
            status_bar.addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.sig_done.connect(self._done)

    def start(self) -> None:
        """Check shortly after the window opens, then every minute (not for the demo, drills or servers)."""
        if not backs_up(self.ctx):
            return
        QTimer.singleShot(FIRST_CHECK_MS, self.check)
        self.timer.start(CHECK_MS)

    def stop(self) -> None:
        """Stop the checks (the window closes)."""
        self.timer.stop()

    @property
    def running(self) -> bool:
        """Whether a backup is being made now."""
        return self._thread is not None and self._thread.is_alive()

    def check(self) -> str | None:
        """Start the due backup on a worker thread; its kind, or None. Never raises."""
        if self.running or not backs_up(self.ctx):
            return None
        store = self.ctx.store
        now = store.clock.now()
        if self._failed_at is not None and now - self._failed_at < RETRY:
            return None
        try:
            with store.read() as s:
                plan = backup_auto.policy(s)
            kind = backup_auto.due(store.path, now, self.started, plan)
        except Exception:  # noqa: BLE001 - e.g. the store busy: the next check tries again
            return None
        self.started = True
        if kind is None:
            return None
        self.label.setText(self.tr("正在自动备份数据库…"))
        self.label.show()
        self._thread = threading.Thread(target=self._run, args=(store.path, now, kind, plan.keep),
                                        name="commanddesk-backup", daemon=True)
        self._thread.start()
        return kind

    def _run(self, path: Path, now: datetime, kind: str, keep: int) -> None:
        self.sig_done.emit(backup_auto.make(path, now, kind, keep))  # make() never raises

    def _done(self, outcome) -> None:
        self.last = outcome
        self._failed_at = None if outcome.ok else self.ctx.store.clock.now()
        sound = outcome.ok and outcome.restorable  # (not: a copy whose audit check has a finding)
        self.label.setText(outcome.message if sound or not outcome.ok
                           else self.tr("已自动备份，但副本的审计校验未通过，不能用它恢复（原因见提示）"))
        self.label.setStyleSheet("" if sound else "color:#b00020; font-weight:bold;")
        self.label.setToolTip(outcome.message)
        self.label.show()
        if outcome.ok:
            QTimer.singleShot(15_000, self.label.hide)  # a failure stays until the next try
            self.ctx.notifier.sig_data_changed.emit("backups")

    def wait(self, seconds: float = 60.0) -> None:
        """Block until a running backup has finished (tests, closing the window)."""
        if self._thread is not None:
            self._thread.join(seconds)


def _fill(table, found) -> None:
    table.setRowCount(len(found))
    for i, b in enumerate(found):
        cells = (format_beijing(b.made_at) if b.made_at else "", b.kind_label,
                 f"{max(1, b.size // 1024):,} KB", str(b.path))
        for j, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            if j == 3:
                item.setToolTip(text)
            table.setItem(i, j, item)


def _headers() -> list[str]:
    tr = lambda text: QCoreApplication.translate("BackupsTab", text)  # noqa: E731
    return [tr("备份时间"), tr("类型"), tr("大小"), tr("文件")]


class BackupsTab(QWidget):
    """设置 → 备份与恢复: the automatic backup settings (administrators), a backup by hand, the list of
    backups and a restore of the selected one (shift leaders and administrators)."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary = QLabel()
        self.summary.setObjectName("backup_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.auto = QCheckBox(self.tr("自动备份（启动时和每天一次）"))
        self.auto.setObjectName("backup_auto")
        self.keep = QSpinBox()
        self.keep.setObjectName("backup_keep")
        self.keep.setRange(1, 365)
        self.keep.setSuffix(self.tr(" 份"))
        self.btn_save = QPushButton(self.tr("保存备份设置"))
        self.btn_save.setObjectName("backup_save")
        self.btn_save.clicked.connect(self.save)
        self.btn_now = QPushButton(self.tr("立即备份"))
        self.btn_now.setObjectName("backup_now")
        self.btn_now.setToolTip(self.tr("在备份文件夹中做一份手动备份（不会被自动轮换删除）"))
        self.btn_now.clicked.connect(self.back_up_now)
        row = QHBoxLayout()
        row.addWidget(self.auto)
        row.addWidget(QLabel(self.tr("保留最近")))
        row.addWidget(self.keep)
        row.addWidget(self.btn_save)
        row.addStretch(1)
        row.addWidget(self.btn_now)
        self.table = read_only_table(_headers(), single=True, stretch=3, elastic=(3,))
        self.table.setObjectName("backup_table")
        self.btn_restore = QPushButton(self.tr("从所选备份恢复…"))
        self.btn_restore.setObjectName("backup_restore")
        self.btn_restore.clicked.connect(self.restore_selected)
        self.note = QLabel(self.tr("恢复时程序会关闭，先校验备份（完整性与审计日志），当前数据库旁存为 .replaced- 副本，"
                                   "恢复记入审计日志，然后重新启动。其他席位须先退出。"))
        self.note.setWordWrap(True)
        theme.mark(self.note, "muted")
        self.btn_check = QPushButton(self.tr("校验所选备份"))
        self.btn_check.setObjectName("backup_check")
        self.btn_check.setToolTip(self.tr("按恢复时的要求检查这份备份（完整性与审计日志），只读"))
        self.btn_check.clicked.connect(self.check_selected)
        self.check_result = QLabel()
        self.check_result.setObjectName("backup_check_result")
        self.check_result.setWordWrap(True)
        self.message = error_label("backup_message")
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.btn_check)
        bottom.addWidget(self.btn_restore)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.check_result)
        layout.addWidget(self.message)
        self._thread: threading.Thread | None = None
        self._checking: threading.Thread | None = None
        self.restore_request: tuple[Path, object] | None = None
        ctx.notifier.sig_data_changed.connect(lambda key: key in ("settings", "backups") and self.reload())
        self.reload()
        self.refresh_permission()

    def available(self) -> bool:
        """Whether this store gets backups here (a SQLite file, not the demo or a drill)."""
        return backs_up(self.ctx)

    def reload(self) -> None:
        """Refresh the settings, the summary line and the list of backups."""
        store = self.ctx.store
        with store.read() as s:
            plan = backup_auto.policy(s)
        self.auto.setChecked(plan.on)
        self.keep.setValue(plan.keep)
        if not self.available():
            self.summary.setText(self.tr("此数据库不做自动备份（演示、演练、内存或 PostgreSQL 数据库；"
                                         "PostgreSQL 请用 pg_dump）。"))
            self.table.setRowCount(0)
            return
        found = backup_auto.list_backups(store.path)
        newest = next((b for b in found if b.automatic), None)
        self.summary.setText(backup_auto.describe(plan, backup_auto.folder_for(store.path), newest))
        _fill(self.table, found)

    def refresh_permission(self) -> None:
        """Enable what the signed-in operator may: the settings (administrators), backup and restore (leaders, administrators)."""
        from ..services.auth import Permission

        actor = self.ctx.actor
        admin = actor is not None and actor.can(Permission.EDIT_RULES)
        for w in (self.auto, self.keep, self.btn_save):
            w.setEnabled(admin)
        may = backup_auto.may_restore(actor) and self.available()
        self.btn_now.setEnabled(may)
        self.btn_restore.setEnabled(may)
        self.btn_check.setEnabled(actor is not None and self.available())
        self.btn_restore.setToolTip("" if may else backup_auto.refusal(actor))

    def save(self) -> None:
        """Store on/off and keep N (refused in the service unless an administrator)."""
        try:
            with self.ctx.store.transaction() as s:
                backup_auto.set_policy(s, self.auto.isChecked(), self.keep.value())
        except UserError as exc:
            self.message.setText(exc.message)
            return
        self.message.setText(self.tr("备份设置已保存。"))
        self.ctx.notifier.sig_data_changed.emit("settings")

    def back_up_now(self) -> None:
        """A backup by hand on a worker thread (never rotated away)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self.btn_now.setEnabled(False)
        self.message.setText(self.tr("正在备份…"))
        store = self.ctx.store
        done: list = []

        def work() -> None:
            done.append(backup_auto.make(store.path, store.clock.now(), "manual"))

        def finished() -> None:
            if self._thread is not None and self._thread.is_alive():
                QTimer.singleShot(100, finished)
                return
            outcome = done[0] if done else None
            self.message.setText(outcome.message if outcome else "")
            self.refresh_permission()
            self.reload()

        self._thread = threading.Thread(target=work, name="commanddesk-backup-now", daemon=True)
        self._thread.start()
        QTimer.singleShot(100, finished)

    def wait(self, seconds: float = 60.0) -> None:
        """Block until a backup by hand has finished (tests)."""
        if self._thread is not None:
            self._thread.join(seconds)

    def selected(self) -> Path | None:
        """The backup file chosen in the list, or None."""
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def check_selected(self) -> None:
        """Check the selected backup as a restore would, on a worker thread; the verdict shows below the list."""
        chosen = self.selected()
        if chosen is None:
            self.message.setText(self.tr("请先在列表中选择一份备份。"))
            return
        if self._checking is not None and self._checking.is_alive():
            return
        self.message.clear()
        self.check_result.setText(self.tr("正在校验 %1 …").replace("%1", chosen.name))
        self.check_result.setStyleSheet("")
        self.btn_check.setEnabled(False)
        found: list = []
        self._checking = threading.Thread(target=lambda: found.append(backup_auto.verify(chosen)),
                                          name="commanddesk-backup-check", daemon=True)
        self._checking.start()

        def finished() -> None:
            if self._checking is not None and self._checking.is_alive():
                QTimer.singleShot(100, finished)
                return
            verdict = found[0] if found else None
            self.btn_check.setEnabled(True)
            if verdict is not None:
                self.check_result.setText(f"{chosen.name}：{verdict.message}")
                self.check_result.setStyleSheet("" if verdict.ok else "color:#b00020; font-weight:bold;")

        QTimer.singleShot(100, finished)

    def wait_checked(self, seconds: float = 60.0) -> None:
        """Block until a running check has finished (tests)."""
        if self._checking is not None:
            self._checking.join(seconds)

    def restore_selected(self, confirm: bool = True) -> bool:
        """Ask, then close the window; app.run restores the selected backup once the store is closed."""
        actor = self.ctx.actor
        if not backup_auto.may_restore(actor):
            self.message.setText(backup_auto.refusal(actor))
            return False
        chosen = self.selected()
        if chosen is None:
            self.message.setText(self.tr("请先在列表中选择一份备份。"))
            return False
        if confirm:
            text = self.tr("用这份备份替换当前数据库吗？\n%1\n\n程序将关闭并校验备份；当前数据库旁存为 .replaced- 副本；"
                           "恢复记入审计日志（%2），然后重新启动。备份之后录入的内容不在其中。").replace(
                "%1", str(chosen)).replace("%2", actor.name)
            answer = QMessageBox.question(self, self.tr("从备份恢复"), text,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.restore_request = (chosen, actor)
        app = QApplication.instance()
        app._cd_restore = self.restore_request  # app.run restores after the window has closed the store
        self.window().close()
        return True


def finish_restore(app, store_path: Path, clock, parent=None, show: bool = True) -> str | None:
    """After the window closed the store: do the restore the settings page asked for; the message said
    (None when none was asked). The caller starts the app again."""
    request = getattr(app, "_cd_restore", None)
    if request is None:
        return None
    app._cd_restore = None
    backup_path, actor = request
    tr = lambda text: QCoreApplication.translate("BackupsTab", text)  # noqa: E731
    try:
        result = backup_auto.restore(backup_path, store_path, clock, actor=actor)
    except UserError as exc:
        text, ok = tr("未恢复，数据库未作任何改动：%1").replace("%1", exc.message), False
    else:
        text, ok = tr("已从备份恢复：%1\n审计记录 %2 条，校验通过。").replace("%1", str(result.source)).replace(
            "%2", str(result.audit_entries)), True
        if result.replaced:
            text += "\n" + tr("原数据库已旁存为 %1").replace("%1", str(result.replaced))
    if show:
        (QMessageBox.information if ok else QMessageBox.warning)(parent, tr("从备份恢复"), text)
    return text


class RestoreOffer(QDialog):
    """The store cannot be opened: say why, list its backups, and let a shift leader or administrator
    (name and PIN as in the chosen backup) restore one. Nothing is changed unless 恢复 succeeds."""

    OTHER = 2  # exec()'s result when another store was chosen (连接其他数据库…, saved): start again on it

    def __init__(self, store_path: Path, problem: str, clock, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("restore_offer")
        self.setWindowTitle(self.tr("数据库无法打开"))
        self.store_path = store_path
        self.clock = clock
        self.gate = backup_auto.PinGate()
        self.result_text = ""
        found = [b for b in backup_auto.list_backups(store_path) if b.kind != "replaced"]
        if found:
            text = self.tr("数据库无法打开：%1\n\n可以从下列备份之一恢复（须带班领导或系统管理员，"
                           "按所选备份中的账户核对 PIN）；当前文件会原样旁存，不会删除。")
        else:
            text = self.tr("数据库无法打开：%1\n\n本机没有这个数据库的备份（备份文件夹：%2）。"
                           "可以连接其他数据库，或退出后请管理员处理；文件未作任何改动。").replace(
                "%2", str(backup_auto.folder_for(store_path)))
        intro = QLabel(text.replace("%1", problem))
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = read_only_table(_headers(), single=True, stretch=3, elastic=(3,))
        self.table.setObjectName("restore_offer_table")
        _fill(self.table, found)
        if self.table.rowCount():
            self.table.selectRow(0)
        self.name = QLineEdit()
        self.name.setObjectName("restore_name")
        self.pin = QLineEdit()
        self.pin.setObjectName("restore_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.phrase = QLineEdit()  # an encrypted store's backups have its key: asked when one is chosen
        self.phrase.setObjectName("restore_passphrase")
        self.phrase.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("PIN"), self.pin)
        listed = [self._path(i) for i in range(self.table.rowCount())]
        self.needs_phrase = any(backup_auto.encrypted(p) for p in listed)
        if self.needs_phrase:
            form.addRow(self.tr("数据库口令"), self.phrase)
        self.message = error_label("restore_message")
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("从所选备份恢复"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("restore_ok")
        self.other = buttons.addButton(self.tr("连接其他数据库…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.other.setObjectName("restore_other_store")
        self.other.clicked.connect(self.choose_other)
        buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for w in (self.table, self.name, self.pin, self.phrase, self.ok):
            w.setVisible(bool(found))
        for i in range(form.rowCount()):
            label = form.itemAt(i, QFormLayout.ItemRole.LabelRole)
            if label is not None and label.widget() is not None:
                label.widget().setVisible(bool(found))
        prepare(self, 720)
        if found:
            self.resize(max(self.width(), 760), max(self.height(), 460))
            self.name.setFocus()
        else:
            self.other.setFocus()

    def choose_other(self) -> None:
        """设置 → 连接数据库… from here: a store that opens is saved for this machine, then the app starts on it."""
        from .store_dialog import choose_store

        if choose_store(str(self.store_path), self):
            self.done(self.OTHER)

    def selected(self) -> Path | None:
        """The backup file chosen in the list, or None."""
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _path(self, row: int) -> Path:
        return Path(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole))

    def restore(self) -> None:
        """Check the name and PIN against the chosen backup, then restore it; a refusal is said in red."""
        chosen = self.selected()
        if chosen is None:
            self.message.setText(self.tr("请先在列表中选择一份备份。"))
            return
        try:
            if backup_auto.encrypted(chosen):
                if not self.phrase.text():
                    self.message.setText(self.tr("所选备份已加密，请输入数据库口令。"))
                    return
                backup_auto.unlock(chosen, self.phrase.text())
                self.phrase.clear()
            by = self.gate.check(chosen, self.name.text(), self.pin.text())
            result = backup_auto.restore(chosen, self.store_path, self.clock, by=by)
        except UserError as exc:
            self.message.setText(exc.message)
            self.pin.clear()
            self.ok.setEnabled(not self.gate.closed)
            return
        self.result_text = self.tr("已从备份恢复：%1；原文件旁存为 %2。").replace("%1", str(result.source)).replace(
            "%2", str(result.replaced) if result.replaced else "—")
        self.accept()


def restorable(store_path) -> bool:
    """Whether the SQLite store at *store_path* has a backup the RestoreOffer dialog could restore."""
    if not isinstance(store_path, Path):
        return False
    try:
        return any(b.kind != "replaced" for b in backup_auto.list_backups(store_path))
    except Exception:  # noqa: BLE001 - no list, no offer: the plain message follows
        return False


def offer_restore(store_path: Path, problem: str, clock) -> int:
    """The store at *store_path* cannot be opened: the RestoreOffer dialog (its backups, or none, and
    连接其他数据库…). 1 when a backup was restored (the caller opens the store again), RestoreOffer.OTHER
    when another store was saved for this machine (the caller starts again), 0 when the operator quit."""
    dialog = RestoreOffer(store_path, problem, clock)
    answer = dialog.exec()
    if answer == 1:
        QMessageBox.information(None, "commanddesk", dialog.result_text)
    return answer
