"""指挥车同步: take a vehicle's store out, exchange packages by file, and decide the conflicts side by side.

A dialog from 值班 → 指挥车同步… (Ctrl+Shift+Y). Everything goes through services/sync.py (which also
checks who may: a trainer is refused there, and the buttons here are off for them). The conflicts tab
lists what stopped at the last imports; each is shown with the value here and there, who and when, and a
person chooses 本地 or 对方 (for an over-issue how much to book) with a reason; all decisions made are
applied together in one transaction, each audited.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QHBoxLayout,
    QInputDialog, QLabel, QLineEdit, QPushButton, QRadioButton, QSpinBox, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from ..errors import UserError
from ..services import auth, sync, takeout
from . import icons, texts
from .context import AppContext
from .dialogs import file_name, open_path, prepare, save_path, today
from .widgets import error_label, read_only_table

PACKAGE_FILTER = "交换包 (*.cdsync);;所有文件 (*)"
COL_ID, COL_KIND, COL_SUBJECT, COL_FIELD, COL_HERE, COL_THERE, COL_CHOICE = range(7)


class SyncDialog(QDialog):
    """The post's and its vehicles' exchange, and the resolution of what conflicted."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("sync_dialog")
        self.setWindowTitle(self.tr("指挥车同步"))
        self.rows: list[dict] = []
        self.choices: dict[int, sync.Choice] = {}
        col = QVBoxLayout(self)
        self.status_label = QLabel()
        self.status_label.setObjectName("sync_status")
        self.status_label.setWordWrap(True)
        col.addWidget(self.status_label)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._exchange_tab(), icons.icon("sync"), self.tr("交换"))
        self.tabs.addTab(self._conflicts_tab(), icons.icon("sync_alert"), self.tr("冲突"))
        col.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda i: self.table.setFocus() if i == 1 else None)
        self.message = error_label("sync_message")
        col.addWidget(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        box.rejected.connect(self.reject)
        col.addWidget(box)
        self.resize(1180, 660)
        self.reload()
        prepare(self, min_width=1000)

    # --- the exchange tab -----------------------------------------------------------------------------
    def _exchange_tab(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        self.take_out_box = QGroupBox(self.tr("建立指挥车数据库（在指挥部，出车前）"))
        row = QHBoxLayout(self.take_out_box)
        row.addWidget(QLabel(self.tr("站点名称")))
        self.site_edit = QLineEdit()
        self.site_edit.setObjectName("sync_site")
        self.site_edit.setPlaceholderText(self.tr("如 车1"))
        self.site_edit.setMaxLength(19)
        self.site_edit.setFixedWidth(120)
        row.addWidget(self.site_edit)
        self.take_out_button = QPushButton(self.tr("选择文件并建立…"))
        self.take_out_button.setObjectName("sync_take_out")
        icons.set_icon(self.take_out_button, "take_out")
        self.take_out_button.clicked.connect(lambda: self.take_out())
        row.addWidget(self.take_out_button)
        row.addWidget(QLabel(self.tr("复制基础数据、在办事件及其队伍与物资；同步密钥须一并复制到指挥车电脑。")), 1)
        col.addWidget(self.take_out_box)

        box = QGroupBox(self.tr("交换包（U 盘或任何文件传递）"))
        grid = QGridLayout(box)
        grid.addWidget(QLabel(self.tr("发往")), 0, 0)
        self.peer_combo = QComboBox()
        self.peer_combo.setObjectName("sync_peer")
        self.peer_combo.setMinimumWidth(140)
        grid.addWidget(self.peer_combo, 0, 1)
        self.export_button = QPushButton(self.tr("导出交换包…"))
        self.export_button.setObjectName("sync_export")
        self.export_button.clicked.connect(lambda: self.export())
        grid.addWidget(self.export_button, 0, 2)
        grid.addWidget(QLabel(self.tr("写入上次交换以来本库的全部变更，经签名。")), 0, 3)
        self.encrypt_check = QCheckBox(self.tr("用口令加密"))
        self.encrypt_check.setObjectName("sync_encrypt")
        grid.addWidget(self.encrypt_check, 1, 1)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setObjectName("sync_passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(self.tr("交换包口令"))
        self.passphrase_edit.setEnabled(False)
        self.encrypt_check.toggled.connect(self.passphrase_edit.setEnabled)
        grid.addWidget(self.passphrase_edit, 1, 2)
        grid.addWidget(QLabel(self.tr("AES-256-GCM；对方导入时须输入同一口令（至少 8 个字符）。")), 1, 3)
        self.import_button = QPushButton(self.tr("导入交换包…"))
        self.import_button.setObjectName("sync_import")
        self.import_button.clicked.connect(lambda: self.import_package())
        grid.addWidget(self.import_button, 2, 2)
        grid.addWidget(QLabel(self.tr("合并对方的变更；冲突留待人工处理，其余照常合并。")), 2, 3)
        grid.setColumnStretch(3, 1)
        col.addWidget(box)

        self.result_box = QGroupBox(self.tr("结果"))
        rcol = QVBoxLayout(self.result_box)
        self.result_label = QLabel(self.tr("尚未交换。"))
        self.result_label.setObjectName("sync_result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rcol.addWidget(self.result_label)
        self.counts = read_only_table([self.tr("内容"), self.tr("条数")], stretch=0)
        self.counts.setObjectName("sync_counts")
        rcol.addWidget(self.counts, 1)
        col.addWidget(self.result_box, 1)
        return page

    # --- the conflicts tab ----------------------------------------------------------------------------
    def _conflicts_tab(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        self.table = read_only_table([self.tr("编号"), self.tr("冲突"), self.tr("涉及"), self.tr("字段"),
                                      self.tr("本地"), self.tr("对方"), self.tr("决定")],
                                     single=True, stretch=COL_SUBJECT, elastic=(COL_SUBJECT, COL_HERE, COL_THERE))
        self.table.setObjectName("sync_conflicts")
        self.table.currentCellChanged.connect(lambda row, *_a: self._show(row))
        col.addWidget(self.table, 1)
        sides = QHBoxLayout()
        self.choice_group = QButtonGroup(self)
        self.side_boxes = {}
        for side, title, pick in (("here", self.tr("本地（本库）"), self.tr("保留本地")),
                                  ("there", self.tr("对方"), self.tr("采用对方"))):
            gbox = QGroupBox(title)
            gbox.setObjectName(f"sync_{side}")
            grid = QGridLayout(gbox)
            value, who = QLabel(), QLabel()
            value.setObjectName(f"sync_{side}_value")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            who.setObjectName(f"sync_{side}_who")
            radio = QRadioButton(pick)
            radio.setObjectName(f"sync_keep_{side}")
            self.choice_group.addButton(radio)
            grid.addWidget(QLabel(self.tr("值")), 0, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, 0, 1)
            grid.addWidget(QLabel(self.tr("谁、何时")), 1, 0)
            grid.addWidget(who, 1, 1)
            grid.addWidget(radio, 2, 0, 1, 2)
            grid.setColumnStretch(1, 1)
            self.side_boxes[side] = (gbox, value, who, radio)
            sides.addWidget(gbox, 1)
        col.addLayout(sides)
        decide = QHBoxLayout()
        self.quantity_label = QLabel(self.tr("记入数量"))
        self.quantity = QSpinBox()
        self.quantity.setObjectName("sync_quantity")
        self.quantity.setRange(1, 1)
        decide.addWidget(self.quantity_label)
        decide.addWidget(self.quantity)
        decide.addWidget(QLabel(self.tr("理由")))
        self.reason = QLineEdit()
        self.reason.setObjectName("sync_reason")
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("处理理由（必填，记入审计）"))
        decide.addWidget(self.reason, 1)
        self.decide_button = QPushButton(self.tr("记下决定"))
        self.decide_button.setObjectName("sync_decide")
        icons.set_icon(self.decide_button, "confirm")
        self.decide_button.clicked.connect(lambda: self.decide())
        self.reason.returnPressed.connect(lambda: self.decide())
        decide.addWidget(self.decide_button)
        self.apply_button = QPushButton(self.tr("应用全部决定"))
        self.apply_button.setObjectName("sync_apply")
        icons.set_icon(self.apply_button, "approve")
        self.apply_button.clicked.connect(lambda: self.apply())
        decide.addWidget(self.apply_button)
        col.addLayout(decide)
        return page

    # --- reading --------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read where this store stands and its open conflicts (decisions not yet applied are kept)."""
        with self.ctx.store.read() as s:
            st = sync.status(s)
            self.rows = sync.conflict_rows(s)
        peers = "；".join(self.tr("%1：已发 %2 号、已收 %3 号").replace("%1", p["label"])
                         .replace("%2", str(p["sent"])).replace("%3", str(p["received"])) for p in st.peers)
        text = self.tr("本库：%1").replace("%1", st.label)
        if peers:
            text += self.tr("　对端 — %1").replace("%1", peers)
        self.status_label.setText(text)
        self.peer_combo.clear()
        for p in st.peers:
            self.peer_combo.addItem(p["label"], p["site"])
        can = self.ctx.actor is not None and self.ctx.actor.can(auth.Permission.SYNC)
        setup = self.ctx.actor is not None and self.ctx.actor.can(auth.Permission.SYNC_SETUP)
        self.take_out_box.setVisible(st.role == "post")
        self.take_out_button.setEnabled(setup)
        self.take_out_button.setToolTip("" if setup else texts.refusal(self.ctx.actor, auth.Permission.SYNC_SETUP))
        for b in (self.export_button, self.import_button, self.decide_button, self.apply_button):
            b.setEnabled(can)
            b.setToolTip("" if can else texts.refusal(self.ctx.actor, auth.Permission.SYNC))
        self.export_button.setEnabled(can and bool(st.peers))
        self.peer_combo.setEnabled(len(st.peers) > 1)
        ids = {r["id"] for r in self.rows}
        self.choices = {k: v for k, v in self.choices.items() if k in ids}
        self._fill()
        self.tabs.setTabText(1, self.tr("冲突（%1）").replace("%1", str(len(self.rows))) if self.rows
                             else self.tr("冲突"))

    def _fill(self) -> None:
        current = self.table.currentRow()
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            texts = [str(r["id"]), r["kind_label"], r["subject"] or r["entity_label"], r["field_label"],
                     r["here"]["text"], r["there"]["text"], self._choice_text(r["id"])]
            for c, t in enumerate(texts):
                item = QTableWidgetItem(t)
                item.setToolTip(t)
                self.table.setItem(i, c, item)
        if self.rows:
            self.table.setCurrentCell(min(max(current, 0), len(self.rows) - 1), 0)
        self._show(self.table.currentRow())
        self.apply_button.setText(self.tr("应用全部决定（%1 项）").replace("%1", str(len(self.choices)))
                                  if self.choices else self.tr("应用全部决定"))
        can = self.ctx.actor is not None and self.ctx.actor.can(auth.Permission.SYNC)
        self.apply_button.setEnabled(can and bool(self.choices))

    def _choice_text(self, conflict_id: int) -> str:
        ch = self.choices.get(conflict_id)
        if ch is None:
            return self.tr("待定")
        side = self.tr("本地") if ch.keep == "here" else self.tr("对方")
        if ch.quantity is not None:
            side += f" {ch.quantity}"
        return f"{side}：{ch.reason}"

    def _row(self, row: int) -> dict | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _show(self, row: int) -> None:
        r = self._row(row)
        nobody = self.tr("（未记录）")
        for side in ("here", "there"):
            gbox, value, who, radio = self.side_boxes[side]
            gbox.setEnabled(r is not None)
            value.setText(r[side]["text"] if r else "")
            who.setText(f"{r[side]['who'] or nobody}　{r[side]['at']}" if r else "")
        if r is not None:
            self.side_boxes["there"][0].setTitle(self.tr("对方（%1）").replace("%1", r["peer"]))
        stock = r is not None and r["kind"] == "stock"
        self.quantity_label.setVisible(stock)
        self.quantity.setVisible(stock)
        if stock:
            self.quantity.setRange(1, max(1, r["asked"]))
            self.quantity.setValue(max(1, min(r["asked"], r["available"])))  # what the stock here still allows
            self.quantity_label.setText(self.tr("记入数量（库存 %1，对方发放 %2）")
                                        .replace("%1", str(r["available"])).replace("%2", str(r["asked"])))
        ch = self.choices.get(r["id"]) if r else None
        self.choice_group.setExclusive(False)
        for side in ("here", "there"):
            self.side_boxes[side][3].setChecked(ch is not None and ch.keep == side)
        self.choice_group.setExclusive(True)
        self.reason.setText(ch.reason if ch else "")
        if ch is not None and ch.quantity is not None:
            self.quantity.setValue(ch.quantity)

    # --- actions --------------------------------------------------------------------------------------
    def decide(self) -> bool:
        """Note the choice made for the selected conflict (applied with the others by 应用全部决定)."""
        r = self._row(self.table.currentRow())
        if r is None:
            return False
        keep = "here" if self.side_boxes["here"][3].isChecked() else \
            "there" if self.side_boxes["there"][3].isChecked() else ""
        if not keep:
            self.message.setText(self.tr("请选择保留本地或采用对方。"))
            return False
        reason = self.reason.text().strip()
        if not reason:
            self.message.setText(self.tr("请写明处理理由。"))
            self.reason.setFocus()
            return False
        quantity = self.quantity.value() if r["kind"] == "stock" and keep == "there" else None
        self.choices[r["id"]] = sync.Choice(r["id"], keep, reason, quantity)
        self.message.clear()
        row = self.table.currentRow()
        self._fill()
        undecided = [i for i, x in enumerate(self.rows) if x["id"] not in self.choices]
        after = [i for i in undecided if i > row] or undecided
        if after:
            self.table.setCurrentCell(after[0], 0)
        return True

    def apply(self) -> bool:
        """Apply every decision noted, in one transaction; a refusal changes nothing."""
        if not self.choices:
            self.message.setText(self.tr("还没有记下任何决定。"))
            return False
        try:
            done = sync.resolve_many(self.ctx.store, list(self.choices.values()), actor=self.ctx.actor)
        except UserError as exc:
            self.message.setText(exc.message)
            return False
        self.choices.clear()
        self.message.clear()
        self.result_label.setText(self.tr("已处理冲突 %1 条，每条的决定和理由已记入审计。").replace("%1", str(len(done))))
        self._changed()
        return True

    def take_out(self, path: str | None = None) -> bool:
        """建立指挥车数据库: a new vehicle store file, made from this post's store."""
        site = self.site_edit.text().strip()
        if not site:
            self.message.setText(self.tr("请填写指挥车的站点名称，如 车1。"))
            self.site_edit.setFocus()
            return False
        if path is None:
            path = save_path(self, self.tr("指挥车数据库保存到"),
                             file_name("指挥车", site, ext="sqlite", day=today(self.ctx)), "SQLite (*.sqlite)")
        if not path:
            return False
        try:
            result = takeout.take_out(self.ctx.store, Path(path), site, actor=self.ctx.actor)
        except UserError as exc:
            self.message.setText(exc.message)
            return False
        except OSError as exc:
            self.message.setText(self.tr("无法写入文件：%1").replace("%1", exc.strerror or str(exc)))
            return False
        self.message.clear()
        self.result_label.setText(
            self.tr("已建立指挥车“%1”的数据库 %2：在办事件 %3 起，共复制 %4 行。同步密钥 %5 须一并复制到指挥车电脑的同一位置。")
            .replace("%1", result.site).replace("%2", str(path)).replace("%3", str(result.open_incidents))
            .replace("%4", str(sum(result.copied.values()))).replace("%5", str(sync.key_file(result.post_id))))
        self._counts([(k, v) for k, v in result.copied.items()])
        self.reload()
        return True

    def export(self, path: str | None = None) -> bool:
        """导出交换包: everything changed since the last exchange with the chosen peer, to a file."""
        peer = self.peer_combo.currentData()
        if peer is None:
            self.message.setText(self.tr("还没有同步对端：先建立指挥车数据库。"))
            return False
        passphrase = self.passphrase_edit.text() if self.encrypt_check.isChecked() else None
        if passphrase == "":
            self.message.setText(self.tr("请输入交换包口令，或取消“用口令加密”。"))
            self.passphrase_edit.setFocus()
            return False
        if path is None:
            path = save_path(self, self.tr("交换包保存到"),
                             file_name("交换包", sync.site_label(peer), ext="cdsync", day=today(self.ctx)),
                             PACKAGE_FILTER)
        if not path:
            return False
        try:
            result = sync.export(self.ctx.store, Path(path), peer, actor=self.ctx.actor, passphrase=passphrase)
        except UserError as exc:
            self.message.setText(exc.message)
            return False
        except OSError as exc:
            self.message.setText(self.tr("无法写入文件：%1").replace("%1", exc.strerror or str(exc)))
            return False
        self.message.clear()
        done = (self.tr("已写入发往“%1”的第 %2 号加密交换包 %3（%4 KB）。") if result.encrypted
                else self.tr("已写入发往“%1”的第 %2 号交换包 %3（%4 KB）。"))
        self.result_label.setText(done.replace("%1", sync.site_label(result.peer)).replace("%2", str(result.seq))
                                  .replace("%3", str(result.path)).replace("%4", str(max(1, result.size // 1024))))
        self._counts([(sync.OP_LABELS.get(k, k), v) for k, v in result.counts.items()])
        self.reload()
        return True

    def ask_passphrase(self) -> str | None:
        """The passphrase of an encrypted package, asked in a small dialog; None when cancelled."""
        text, ok = QInputDialog.getText(self, self.tr("加密交换包"), self.tr("该交换包已加密，请输入口令："),
                                        QLineEdit.EchoMode.Password)
        return text if ok and text else None

    def import_package(self, path: str | None = None) -> bool:
        """导入交换包: merge it; what was applied is counted per kind, conflicts are listed to decide.
        An encrypted package asks for its passphrase first; cancelled or wrong, nothing is applied."""
        if path is None:
            path = open_path(self, self.tr("选择交换包"), PACKAGE_FILTER)
        if not path:
            return False
        passphrase = None
        if sync.package_is_sealed(Path(path)):
            passphrase = self.ask_passphrase()
            if passphrase is None:
                self.message.setText(self.tr("未输入口令，未导入任何内容。"))
                return False
        try:
            result = sync.import_package(self.ctx.store, Path(path), actor=self.ctx.actor, passphrase=passphrase)
        except UserError as exc:
            self.message.setText(exc.message)
            return False
        except OSError as exc:
            self.message.setText(self.tr("无法读取文件：%1").replace("%1", exc.strerror or str(exc)))
            return False
        self.message.clear()
        source = sync.site_label(result.source)
        if result.already:
            self.result_label.setText(self.tr("来自“%1”的第 %2 号交换包已导入过，未作改动。")
                                      .replace("%1", source).replace("%2", str(result.seq)))
            self._counts([])
            return True
        self.result_label.setText(self.tr("已导入来自“%1”的第 %2 号交换包：合并 %3 条，冲突 %4 条。")
                                  .replace("%1", source).replace("%2", str(result.seq))
                                  .replace("%3", str(result.applied)).replace("%4", str(result.conflicts)))
        self._counts(list(result.applied_by.items())
                     + [(self.tr("冲突：%1").replace("%1", k), v) for k, v in result.conflicts_by.items()])
        self._changed()
        if result.conflicts:
            self.tabs.setCurrentIndex(1)
        return True

    def _counts(self, rows: list[tuple[str, int]]) -> None:
        self.counts.setRowCount(len(rows))
        for i, (what, n) in enumerate(rows):
            self.counts.setItem(i, 0, QTableWidgetItem(what))
            item = QTableWidgetItem(str(n))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.counts.setItem(i, 1, item)

    def _changed(self) -> None:
        self.reload()
        for key in ("incidents", "teams", "ledger"):
            self.ctx.notifier.sig_data_changed.emit(key)
