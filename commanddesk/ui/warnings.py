"""预警: the warnings register — list, detail, CAP import, hand entry, forwarding and lifting.

Everything goes through ``services.warnings``; this module only shows and asks.
"""

from __future__ import annotations

import html
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget,
)

from ..clock import format_beijing, parse_beijing
from ..errors import UserError, ValidationError
from ..services import cap_export, warnings
from . import dialogs, theme
from .context import AppContext
from .text_table import TextRow, TextTable

HEADERS = ["颜色", "预警", "区域", "状态", "失效时间", "转发", "转发时限"]
C_COLOUR, C_HEAD, C_AREA, C_STATE, C_EXPIRY, C_FWD, C_CLOCK = range(len(HEADERS))
# the swatch colours of the four warning colours (background, text)
SWATCH = {"blue": ("#1e5bb8", "#ffffff"), "yellow": ("#f2c200", "#222222"), "orange": ("#f07c00", "#ffffff"),
          "red": ("#c62828", "#ffffff")}


class MessageLine(QLabel):
    """A message under the buttons that takes no room while it says nothing (an empty line pushed the list down)."""

    def __init__(self) -> None:
        super().__init__()
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        """Show the message, or hide the line when the text is empty."""
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        """Empty and hide the line."""
        super().clear()
        self.hide()


def swatch(colour: str) -> tuple[str, str]:
    """(background, text) colours that show a warning colour in lists."""
    return SWATCH.get(colour, ("#9e9e9e", "#ffffff"))


class WarningsPage(QWidget):
    """预警: the register on the left, the chosen warning and its forwarding on the right."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[warnings.WarningRow] = []
        self.import_btn = QPushButton(self.tr("导入 CAP 预警文件…"))
        self.import_btn.setObjectName("warnings_import")
        self.import_btn.clicked.connect(self.import_file)
        self.add_btn = QPushButton(self.tr("手工登记…"))
        self.add_btn.clicked.connect(self.add_by_hand)
        self.forward_btn = QPushButton(self.tr("登记转发…"))
        self.forward_btn.setObjectName("warnings_forward")
        self.forward_btn.clicked.connect(self.forward)
        self.lift_btn = QPushButton(self.tr("登记解除…"))
        self.lift_btn.clicked.connect(self.lift)
        self.export_btn = QPushButton(self.tr("导出 CAP…"))
        self.export_btn.setObjectName("warnings_export")
        self.export_btn.setToolTip(self.tr("把所选预警导出为 CAP 1.2 文件（写出前按 CAP 1.2 模式校验）"))
        self.export_btn.clicked.connect(self.export_file)
        self.message = MessageLine()
        self.message.setObjectName("warnings_message")
        self.message.setWordWrap(True)
        theme.mark(self.message, "error")
        bar = QHBoxLayout()
        for b in (self.import_btn, self.add_btn, self.forward_btn, self.lift_btn, self.export_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        self.table = TextTable(HEADERS, "warnings_table", stretch=C_HEAD, elastic=(C_HEAD, C_AREA))
        # after the selection moved (on currentRowChanged a click has not selected the new row yet)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_detail())
        self.detail = QTextBrowser()
        self.detail.setObjectName("warnings_detail")
        self.detail.setOpenLinks(False)
        self.recipients = TextTable(["转发对象", "转发时间", "方式", "登记人"], "warnings_recipients", stretch=0)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.detail, 3)
        self.recipients_caption = QLabel(self.tr("本轮须转发的对象"))
        rl.addWidget(self.recipients_caption)
        rl.addWidget(self.recipients, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.note = QLabel(self.tr("转发时限为地方做法（默认收到后 30 分钟，规则 C-FORWARD-30，可在时限规则的本地配置中调整）；"
                                   "转发时限显示在顶部时限条上。"))
        self.note.setWordWrap(True)
        theme.mark(self.note, "muted")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)
        ctx.notifier.sig_data_changed.connect(lambda k: self.reload() if k == "warnings" and self.isVisible() else None)
        self.refresh_permission()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Re-read the register each time the page is shown."""
        self.reload()
        super().showEvent(event)

    def refresh_permission(self) -> None:
        """Enable what the signed-in operator may do."""
        actor = self.ctx.actor
        ok = actor is not None and actor.can(warnings.auth.Permission.HANDLE_INCIDENT)
        for b in (self.import_btn, self.add_btn, self.forward_btn, self.lift_btn, self.export_btn):
            b.setEnabled(ok)
            if not ok:
                b.setToolTip(self.tr("请先签到（值班员、带班领导或管理员）"))
        if ok:
            for b in (self.import_btn, self.add_btn, self.forward_btn, self.lift_btn):
                b.setToolTip("")
            self.export_btn.setToolTip(self.tr("把所选预警导出为 CAP 1.2 文件（写出前按 CAP 1.2 模式校验）"))

    # --- list and detail ---
    def reload(self, select_id: int | None = None) -> None:
        """Re-read the warnings register."""
        keep = self.current_id() if select_id is None else select_id
        with self.ctx.store.read() as s:
            self.rows = warnings.listing(s)
        out = []
        for r in self.rows:
            bg, fg = swatch(r.colour)
            live = r.state in warnings.LIVE
            clock = r.clock_state + (f"（{format_beijing(r.clock_due, seconds=False)[5:]}）"
                                     if r.clock_due and r.clock_state in ("计时中", "即将到时", "已超时") else "")
            out.append(TextRow([warnings.COLOUR_LABELS[r.colour], r.headline, r.area_desc, r.state_label,
                                format_beijing(r.expires_at, seconds=False) if r.expires_at else "—",
                                f"{r.forwarded}/{r.required}", clock if live or r.clock_state else "—"],
                               fg=None if live else "#777777", cell_bg={C_COLOUR: bg}, cell_fg={C_COLOUR: fg},
                               tip=f"#{r.id} {r.headline}\n{r.issuer} · 收到 {format_beijing(r.received_at)}"))
        self.table.fill(out)
        pos = next((i for i, r in enumerate(self.rows) if r.id == keep), 0 if self.rows else None)
        if pos is not None:
            self.table.select_source(pos)
        self.show_detail()

    def current_id(self) -> int | None:
        """The warning chosen in the list, or None."""
        pos = self.table.current()
        return self.rows[pos].id if pos is not None and pos < len(self.rows) else None

    def show_detail(self) -> None:
        """Show the chosen warning with its forwarding."""
        wid = self.current_id()
        if wid is None:
            self.detail.setHtml(self.tr("<p>预警登记为空。收到预警信息后，可导入 CAP 1.2 文件或手工登记。</p>"))
            self.recipients.fill([])
            self.forward_btn.setEnabled(False)
            self.lift_btn.setEnabled(False)
            return
        with self.ctx.store.read() as s:
            d = warnings.detail(s, wid)
        r = d.row
        bg, fg = swatch(r.colour)
        e = html.escape
        parts = [f"<h3><span style='background:{bg};color:{fg}'>&nbsp;{e(warnings.COLOUR_LABELS[r.colour])}&nbsp;</span>"
                 f" {e(r.headline)}</h3>",
                 f"<p><b>类型</b> {e(r.type_label)}　<b>发布单位</b> {e(r.issuer)}　<b>状态</b> {e(r.state_label)}</p>",
                 f"<p><b>区域</b> {e(r.area_desc)}" + (f"（{e('、'.join(d.areas))}）" if d.areas else "")
                 + ("　<b>含多边形</b>" if d.polygon else "") + "</p>",
                 f"<p><b>发布</b> {format_beijing(r.issued_at, seconds=False)}　<b>失效</b> "
                 f"{format_beijing(r.expires_at, seconds=False) if r.expires_at else '未定'}　<b>收到</b> "
                 f"{format_beijing(r.received_at, seconds=False)}</p>"]
        if d.text:
            parts.append(f"<p>{e(d.text)}</p>")
        if d.instruction:
            parts.append(f"<p><b>防御指引</b> {e(d.instruction)}</p>")
        if d.clock is not None:
            parts.append(f"<p><b>转发时限（第 {d.revision} 轮）</b> {format_beijing(d.clock.due_at, seconds=False)}　"
                         f"{e(r.clock_state)}<br><small>{e(d.clock_rule)}</small></p>")
        msgs = "；".join(f"{format_beijing(m.received_at, seconds=False)[5:]} {warnings.MSG_LABELS.get(m.msg_type, m.msg_type)}"
                        + (f"（{e(m.file_name)}）" if m.file_name else "") for m in d.messages)
        parts.append(f"<p><b>消息记录</b> {msgs}</p>")
        extra = [f for f in d.forwards if f.round != d.revision or f.recipient not in {x.recipient for x in d.recipients}]
        if extra:
            parts.append("<p><b>其他转发记录</b> " + "；".join(
                f"{e(f.recipient)} {format_beijing(f.forwarded_at, seconds=False)[5:]}（第 {f.round} 轮）"
                for f in extra) + "</p>")
        self.detail.setHtml("".join(parts))
        self.recipients.fill([TextRow([x.recipient, format_beijing(x.forwarded_at, seconds=False) if x.forwarded_at
                                       else "未转发", x.channel, x.by],
                                      cell_fg={} if x.forwarded_at else {1: "#c62828"}) for x in d.recipients])
        live = r.state in warnings.LIVE
        actor = self.ctx.actor
        ok = actor is not None and actor.can(warnings.auth.Permission.HANDLE_INCIDENT)
        self.forward_btn.setEnabled(ok and live)
        self.lift_btn.setEnabled(ok and r.state != "lifted")

    # --- actions ---
    def _done(self, select_id: int | None = None) -> None:
        self.ctx.notifier.sig_data_changed.emit("warnings")
        self.reload(select_id)

    def import_file(self, path: str | None = None) -> bool:
        """Import one CAP 1.2 file (asks for it when *path* is None)."""
        path = path or dialogs.open_path(self, self.tr("导入 CAP 1.2 预警文件"), self.tr("CAP 预警文件 (*.xml *.cap);;所有文件 (*)"))
        if not path:
            return False
        try:
            data = Path(path).read_bytes()
        except OSError:
            self.message.setText(self.tr("无法读取文件：%1").replace("%1", path))
            return False
        result = []
        theme.mark(self.message, "error")
        if not self.ctx.act(lambda s: result.append(warnings.import_cap(s, data, Path(path).name)), self.message):
            return False
        self._done(result[0].warning_id)
        theme.mark(self.message, "ok")
        self.message.setText(result[0].sentence)
        return True

    def export_file(self, path: str | None = None) -> bool:
        """Export the chosen warning as a CAP 1.2 file (asks where when *path* is None); validated before writing."""
        wid = self.current_id()
        if wid is None:
            return False
        path = path or dialogs.save_path(self, self.tr("导出 CAP 1.2 预警文件"), f"预警{wid}.xml",
                                         self.tr("CAP 预警文件 (*.xml)"))
        if not path:
            return False
        done = []

        def export(s) -> None:
            out = cap_export.export_warning(s, wid)
            cap_export.write_file(path, out.data)  # inside the transaction: a failed write rolls it back
            done.append(out)

        theme.mark(self.message, "error")
        if not self.ctx.act(export, self.message, "warnings"):
            return False
        out = done[0]
        theme.mark(self.message, "ok")
        kind = {"Alert": self.tr("发布"), "Update": self.tr("更新"), "Cancel": self.tr("解除")}[out.msg_type]
        self.message.setText(self.tr("已导出 CAP 1.2 %1消息（%2，已通过模式校验）：%3")
                             .replace("%1", kind).replace("%2", out.identifier).replace("%3", path))
        return True

    def add_by_hand(self) -> None:
        """Register a warning received by phone or fax."""
        cfg = warnings.config()
        now = self.ctx.store.clock.now()

        def save(v: dict) -> None:
            try:
                issued = parse_beijing(v["issued"], now) if v["issued"].strip() else now
                expires = parse_beijing(v["expires"], now) if v["expires"].strip() else None
            except ValueError as exc:
                raise ValidationError(str(exc), "issued") from None
            areas = [a for a in v["areas"].replace("，", ",").replace("、", ",").replace(" ", ",").split(",") if a]
            created = []
            with self.ctx.store.transaction() as s:
                created.append(warnings.create(s, type=v["type"], colour=v["colour"], issuer=v["issuer"],
                                               areas=areas, issued_at=issued, expires_at=expires, text=v["text"],
                                               headline=v["headline"]).id)
            self._created = created[0]

        self._created = None
        dlg = dialogs.FormDialog(self.tr("手工登记预警信息"), [
            ("type", self.tr("预警类型"), {code: words[0] for code, words in cfg.types.items()}),
            ("colour", self.tr("预警颜色"), {c: warnings.COLOUR_LABELS[c] for c in reversed(warnings.COLOURS)}),
            ("issuer", self.tr("发布单位"), ""),
            ("areas", self.tr("区域（行政区划代码，逗号分隔）"), ""),
            ("issued", self.tr("发布时间（北京时间）"), format_beijing(now, seconds=False)),
            ("expires", self.tr("失效时间（可空）"), format_beijing(now + timedelta(hours=24), seconds=False)),
            ("headline", self.tr("标题（可空，自动生成）"), ""),
            ("text", self.tr("内容"), ""),
        ], save, self.tr("电话或传真收到的预警信息在此登记；收到时间记为现在，转发时限随即开始。"), self)
        if dlg.exec() == QDialog.DialogCode.Accepted and self._created is not None:
            self._done(self._created)

    def forward(self) -> None:
        """Record to whom the chosen warning was forwarded."""
        wid = self.current_id()
        if wid is None:
            return
        dlg = ForwardDialog(self.ctx, wid, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self._done(wid)

    def lift(self) -> None:
        """Record that the issuer lifted the chosen warning."""
        wid = self.current_id()
        if wid is None:
            return
        dlg = dialogs.FormDialog(self.tr("登记预警解除"), [("reason", self.tr("解除依据"), "")],
                                 lambda v: self._in_tx(lambda s: warnings.lift(s, wid, v["reason"])),
                                 self.tr("发布单位通知解除预警时登记；未完成的转发时限随之停止。"), self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self._done(wid)

    def _in_tx(self, action) -> None:
        with self.ctx.store.transaction() as s:
            action(s)


class ForwardDialog(QDialog):
    """登记转发: tick the recipients reached, say how and when."""

    def __init__(self, ctx: AppContext, warning_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.warning_id = ctx, warning_id
        self.setWindowTitle(self.tr("登记预警转发"))
        with ctx.store.read() as s:
            d = warnings.detail(s, warning_id)
        cfg = warnings.config()
        head = QLabel(f"{d.row.headline}（{warnings.COLOUR_LABELS[d.row.colour]}）")
        head.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("forward_recipients")
        for x in d.recipients:
            item = QListWidgetItem(x.recipient if x.forwarded_at is None
                                   else f"{x.recipient}（已于 {format_beijing(x.forwarded_at, seconds=False)[5:]} 转发）")
            item.setData(Qt.ItemDataRole.UserRole, x.recipient)
            if x.forwarded_at is None:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.other = QLineEdit()
        self.other.setPlaceholderText(self.tr("表外的其他对象，逗号分隔（可空）"))
        self.channel = QComboBox()
        self.channel.setObjectName("forward_channel")
        for code, text in cfg.channels.items():
            self.channel.addItem(text, code)
        self.at = QLineEdit(format_beijing(ctx.store.clock.now(), seconds=False))
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("转发方式"), self.channel)
        form.addRow(self.tr("转发时间"), self.at)
        form.addRow(self.tr("其他对象"), self.other)
        form.addRow(self.tr("备注"), self.note)
        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.mark(self.error, "error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(QLabel(self.tr("本轮须转发的对象（勾选已转发的）")))
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        dialogs.prepare(self, 520)

    def chosen(self) -> list[str]:
        """The ticked recipients and those typed under 其他对象 (separated by , ， or 、)."""
        out = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
               if self.list.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable
               and self.list.item(i).checkState() == Qt.CheckState.Checked]
        extra = self.other.text().replace("，", ",").replace("、", ",")
        return out + [x.strip() for x in extra.split(",") if x.strip()]

    def try_accept(self) -> None:
        """Record the forwarding to the chosen recipients; explain and stay open if refused."""
        names = self.chosen()
        if not names:
            self.error.setText(self.tr("请勾选或填写至少一个转发对象。"))
            return
        try:
            at = parse_beijing(self.at.text(), self.ctx.store.clock.now())
            with self.ctx.store.transaction() as s:
                for name in names:
                    warnings.record_forward(s, self.warning_id, name, self.channel.currentData(), at, self.note.text())
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        except UserError as exc:
            self.error.setText(exc.message)
            return
        self.accept()
