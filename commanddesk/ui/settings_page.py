"""设置: user accounts, the database and its audit trail (verify, tidy), and the post's own settings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from ..errors import UserError
from ..services import audit, overview, registry_specs
from .context import AppContext
from .registry_page import RegistryPage
from .texts import t
from .widgets import audit_table, replace_widget


class SettingsPage(QTabWidget):
    """设置: user accounts (administrators) and the database and its audit trail."""

    sig_verify_progress = Signal(str, int, int)  # phase ("chain" or "rows"), done, total
    sig_verify_done = Signal(object)  # audit.VerifyResult, or the message of a UserError

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._verifying = None  # the worker thread while a check runs
        self.accounts = RegistryPage(ctx, registry_specs.OPERATORS)
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
        self.btn_store = QPushButton(self.tr("连接数据库…"))  # which store this machine opens (administrators)
        self.btn_store.setObjectName("btn_store")
        self.btn_store.setToolTip(self.tr("设置本机启动时打开的数据库：SQLite 文件或 PostgreSQL 服务器"))
        self.btn_store.clicked.connect(self.choose_store)
        row.addWidget(self.btn_store)
        dl.addLayout(row)
        self.tidy = Housekeeping(ctx)
        dl.addWidget(self.tidy)
        from .upkeep import ScheduleEditor

        self.upkeep_schedule = ScheduleEditor(ctx)  # when ANALYZE/VACUUM run by themselves (services/upkeep)
        dl.addWidget(self.upkeep_schedule)
        dl.addWidget(self.log_box, 1)
        self.addTab(data, self.tr("数据与审计"))
        from .backups import BackupsTab

        self.backups = BackupsTab(ctx)  # automatic backups, a backup by hand, restore (services/backup_auto)
        self.addTab(self.backups, self.tr("备份与恢复"))
        self.post = PostSettings(ctx)
        self.addTab(self.post, self.tr("值班单位"))
        self.currentChanged.connect(lambda _i: self.reload())
        self._store_permission()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Refresh the database facts and the audit entries each time the page is shown."""
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
        replace_widget(self.log_layout, audit_table(entries))

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

    def choose_store(self) -> None:
        """设置 → 连接数据库…: check and save this machine's store; on 是, close the window and start again."""
        from PySide6.QtWidgets import QApplication

        from .store_dialog import choose_store

        if choose_store(self.ctx.store.label, self):
            QApplication.instance().setProperty("cd_restart", True)  # app.run starts the app again after exec
            self.window().close()

    def _store_permission(self) -> None:
        from ..services.auth import Permission

        actor = self.ctx.actor
        self.btn_store.setEnabled(actor is not None and actor.can(Permission.MANAGE_USERS))

    def refresh_permission(self) -> None:
        """Enable what the signed-in operator may do."""
        self._store_permission()
        self.accounts.refresh_permission()
        self.post.refresh_permission()
        self.upkeep_schedule.refresh_permission()
        self.backups.refresh_permission()


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
            form.addRow(t(text), self.edits[key])
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
