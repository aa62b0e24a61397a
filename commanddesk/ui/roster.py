"""值班表: the month's roster to plan, edit, import, export and print (A4 landscape PDF).

Everything comes from ``services.roster``; this page only shows it and asks.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QCoreApplication, QMarginsF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from ..clock import to_beijing
from ..errors import UserError
from ..services import roster, settings
from . import dialogs, theme
from .context import AppContext
from .dialogs import FormDialog
from .tables import fit_columns
from .texts import day_text, shift_text, t, times_text, ts

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")  # Monday first, as date.weekday()
ROLE_COLUMNS = (("leader", "带班领导"), ("officer", "值班员"), ("backup", "备勤"))


def write_html_pdf(html_text: str, path: str, title: str, landscape: bool = True) -> None:
    """Write *html_text* to an A4 PDF (landscape unless told otherwise) with 15 mm margins."""
    dev = QPdfWriter(path)
    dev.setResolution(300)
    orient = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    dev.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orient, QMarginsF(15, 15, 15, 15),
                                  QPageLayout.Unit.Millimeter))
    dev.setTitle(title)
    dev.setCreator("commanddesk")
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(dev)
    doc.setDefaultStyleSheet("body{font-family:'WenQuanYi Micro Hei';font-size:9pt} td,th{font-size:8pt}")
    doc.setHtml(html_text)
    rect = dev.pageLayout().paintRectPixels(dev.resolution())
    doc.setPageSize(rect.size().toSizeF())
    doc.print_(dev)


def month_html(unit: str, year: int, month: int, plan: list[roster.DayPlan]) -> str:
    """The month as one printable table."""
    n = len(plan[0].shifts) if plan else 0
    head = "<tr><th>日期</th><th>星期</th><th>标注</th>" + "".join(
        f"<th>{escape(plan[0].shifts[s].label)}<br/>{escape(plan[0].shifts[s].times_text)}<br/>{t}</th>"
        for s in range(n) for _k, t in ROLE_COLUMNS) + "</tr>"
    rows = []
    for d in plan:
        bg = " bgcolor='#fde8e8'" if d.holiday else (" bgcolor='#fff4d6'" if d.sensitive else "")
        cells = [f"{d.day.month}月{d.day.day}日", WEEKDAYS[d.day.weekday()], "；".join(d.marks)]
        for p in d.shifts:
            cells += [p.leader, p.officer or "（未排班）", p.backup]
        rows.append(f"<tr{bg}>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    return (f"<h2 align='center'>{escape(unit)}值班表　{year}年{month}月</h2>"
            "<table border='1' cellspacing='0' cellpadding='2' width='100%'>" + head + "".join(rows) + "</table>"
            "<p>注：粉色为法定节假日，黄色为敏感时段；“未排班”须在当班前补齐。</p>")


class RosterPage(QWidget):
    """值班表: one row per day, each shift's 带班领导 / 值班员 / 备勤; holidays and sensitive periods marked."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        today = to_beijing(ctx.store.clock.now()).date()
        self.year, self.month = today.year, today.month
        self.plan: list[roster.DayPlan] = []
        self.title = QLabel()
        theme.mark(self.title, "title")
        prev_b = QPushButton(self.tr("◀ 上月"))
        prev_b.clicked.connect(lambda: self.shift_month(-1))
        next_b = QPushButton(self.tr("下月 ▶"))
        next_b.clicked.connect(lambda: self.shift_month(1))
        edit_b = QPushButton(self.tr("编辑所选班次…"))
        edit_b.setObjectName("roster_edit")
        edit_b.clicked.connect(self.edit_current)
        period_b = QPushButton(self.tr("标注节假日 / 敏感时段…"))
        period_b.clicked.connect(self.add_period)
        import_b = QPushButton(self.tr("导入 Excel…"))
        import_b.clicked.connect(self.import_excel)
        export_b = QPushButton(self.tr("导出 Excel…"))
        export_b.clicked.connect(self.export_excel)
        pdf_b = QPushButton(self.tr("打印（PDF）…"))
        pdf_b.clicked.connect(self.export_pdf)
        times_b = QPushButton(self.tr("班次时间…"))
        times_b.setObjectName("roster_times")
        times_b.clicked.connect(self.edit_times)
        bar = QHBoxLayout()
        bar.addWidget(prev_b)
        bar.addWidget(self.title)
        bar.addWidget(next_b)
        bar.addSpacing(12)
        actions = QHBoxLayout()  # a second row: in English one row would be wider than 1366 px
        for b in (edit_b, period_b, times_b, import_b, export_b, pdf_b):
            actions.addWidget(b)
        actions.addStretch(1)
        self.now_label = QLabel()
        self.now_label.setObjectName("roster_now")
        self.now_label.setWordWrap(True)
        self.gaps_label = QLabel()
        self.gaps_label.setObjectName("roster_gaps")
        self.gaps_label.setWordWrap(True)
        theme.mark(self.gaps_label, "error")
        self.message = QLabel()
        self.message.setWordWrap(True)
        theme.mark(self.message, "error")
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("roster_table")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.edit_current())
        layout = QVBoxLayout(self)
        bar.addWidget(self.now_label, 1)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(self.gaps_label)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        ctx.notifier.sig_data_changed.connect(lambda _k: self.reload() if self.isVisible() else None)
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Re-read the month's roster each time the page is shown."""
        self.reload()
        super().showEvent(event)

    def shift_month(self, step: int) -> None:
        """Show the month before (-1) or after (+1)."""
        m = self.year * 12 + self.month - 1 + step
        self.year, self.month = m // 12, m % 12 + 1
        self.reload()

    def reload(self) -> None:
        """Re-read the month, the shift on duty now, the next one and the gaps ahead."""
        with self.ctx.store.read() as s:
            self.plan = roster.month(s, self.year, self.month)
            now = roster.now(s)
            nxt = roster.following(s, now)
            gaps = roster.gaps(s, 7)
        self.title.setText(self.tr("%1年%2月").replace("%1", str(self.year)).replace("%2", str(self.month)))
        self.now_label.setText(self.tr("本班：%1　　下一班：%2").replace("%1", _who(now)).replace("%2", _who(nxt)))
        self.gaps_label.setText(
            self.tr("7 天内无人值班的班次：%1").replace("%1", "、".join(
                shift_text(g.day, g.label) for g in gaps)) if gaps else "")
        self.gaps_label.setVisible(bool(gaps))
        n = len(self.plan[0].shifts) if self.plan else 0
        headers = ts(["日期", "星期", "标注"]) + [
            self.tr("%1%2").replace("%1", t(self.plan[0].shifts[s].label)).replace("%2", t(role))
            for s in range(n) for _k, role in ROLE_COLUMNS]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.plan))
        today = to_beijing(self.ctx.store.clock.now()).date()
        for r, d in enumerate(self.plan):
            cells = [day_text(d.day), t(WEEKDAYS[d.day.weekday()]), "；".join(d.marks)]
            for p in d.shifts:
                cells += [p.leader, p.officer or self.tr("（未排班）"), p.backup]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if d.holiday or d.sensitive:
                    item.setBackground(theme.adapt("#fde8e8" if d.holiday else "#fff4d6", background=True))
                if c >= 3 and (c - 3) % 3 == 1 and d.shifts[(c - 3) // 3].uncovered and d.day >= today:
                    item.setForeground(theme.colour("error"))
                if d.day == today and c == 0:
                    item.setText(text + self.tr("（今天）"))
                self.table.setItem(r, c, item)
        fit_columns(self.table, caps={2: 240})

    def current_shift(self) -> roster.PlannedShift | None:
        """The shift of the selected cell (the first shift of the day when a date cell is selected)."""
        r, c = self.table.currentRow(), self.table.currentColumn()
        if r < 0 or r >= len(self.plan):
            return None
        slot = max(0, (c - 3) // 3) if c >= 3 else 0
        return self.plan[r].shifts[slot]

    def edit_current(self) -> None:
        """Edit the selected shift's people."""
        p = self.current_shift()
        if p is None:
            self.message.setText(self.tr("请先在表中选中一个班次。"))
            return

        def save(values: dict) -> None:
            with self.ctx.store.transaction() as s:
                roster.set_shift(s, p.day, p.slot, leader=values["leader"], officer=values["officer"],
                                 backup=values["backup"], note=values["note"], expected_version=p.version)
            self.ctx.notifier.sig_data_changed.emit("roster")

        dlg = FormDialog(self.tr("%1 %2（%3）").replace("%1", day_text(p.day)).replace("%2", t(p.label))
                         .replace("%3", times_text(p.times_text)),
                         [("leader", "带班领导", p.leader), ("officer", "值班员", p.officer),
                          ("backup", "备勤", p.backup), ("note", "备注", p.note)], save,
                         intro="几人同班用顿号分隔，如：张三、李四。", parent=self)
        dlg.setObjectName("roster_edit_dialog")
        dlg.exec()
        self.reload()

    def add_period(self) -> None:
        """Mark a holiday or sensitive period."""
        def save(values: dict) -> None:
            try:
                first, last = date.fromisoformat(values["first"].strip()), date.fromisoformat(values["last"].strip())
            except ValueError:
                raise UserError("日期格式应为 2027-01-01。") from None
            with self.ctx.store.transaction() as s:
                roster.add_period(s, values["kind"], values["name"], first, last)
            self.ctx.notifier.sig_data_changed.emit("roster")

        today = to_beijing(self.ctx.store.clock.now()).date().isoformat()
        FormDialog("标注节假日 / 敏感时段", [("kind", "类型", roster.PERIOD_KINDS), ("name", "名称", ""),
                                      ("first", "开始日期", today), ("last", "结束日期", today)],
                   save, parent=self).exec()
        self.reload()

    def edit_times(self) -> None:
        """Change when the shifts start (the last one ends at the first start of the next day)."""
        with self.ctx.store.read() as s:
            current = ",".join(t.strftime("%H:%M") for t in roster.starts(s))

        def save(values: dict) -> None:
            with self.ctx.store.transaction() as s:
                roster.set_starts(s, values["starts"])
            self.ctx.notifier.sig_data_changed.emit("roster")

        FormDialog("班次时间", [("starts", "各班开始时间", current)], save,
                   intro="按先后用逗号分隔，如 08:30,17:30；最后一班到次日第一班开始时结束。", parent=self).exec()
        self.reload()

    def import_excel(self) -> None:
        """Import a roster workbook, all or nothing; refusals listed by row and column."""
        path = dialogs.open_path(self, self.tr("导入值班表"), self.tr("Excel 文件 (*.xlsx)"))
        if not path:
            return
        try:
            with self.ctx.store.transaction() as s:
                result = roster.import_xlsx(s, path)
        except UserError as exc:
            self.message.setText(exc.message)
            return
        if result.ok:
            self.message.clear()
            QMessageBox.information(self, self.tr("导入值班表"), result.message())
            self.ctx.notifier.sig_data_changed.emit("roster")
        else:
            lines = [e.text() for e in result.errors]
            self.message.setText(result.message() + "\n" + "\n".join(lines[:12])
                                 + (f"\n……另有 {len(lines) - 12} 处" if len(lines) > 12 else ""))
        self.reload()

    def export_excel(self) -> None:
        """Export this month (empty shifts too) to fill in and import back."""
        name = dialogs.file_name("值班表", f"{self.year}年{self.month}月", ext="xlsx")
        path = dialogs.save_path(self, self.tr("导出值班表"), name, self.tr("Excel 文件 (*.xlsx)"))
        if path:
            with self.ctx.store.read() as s:
                roster.export_xlsx(s, self.plan[0].day, self.plan[-1].day, path)

    def export_pdf(self) -> None:
        """The month on A4 landscape."""
        name = dialogs.file_name("值班表", f"{self.year}年{self.month}月", ext="pdf")
        path = dialogs.save_path(self, self.tr("打印值班表"), name, self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.write_pdf(path)

    def write_pdf(self, path: str) -> None:
        """Write the month shown to *path*."""
        with self.ctx.store.read() as s:
            unit = settings.get(s, "issuing_unit")
        write_html_pdf(month_html(unit, self.year, self.month, self.plan), path, f"值班表 {self.year}年{self.month}月")


def _who(p: roster.PlannedShift) -> str:
    people = (QCoreApplication.translate("Roster", "带班 %1，值班 %2").replace("%1", p.leader or "—")
              .replace("%2", p.officer or QCoreApplication.translate("Roster", "（未排班）"))
              + (QCoreApplication.translate("Roster", "，备勤 %1").replace("%1", p.backup) if p.backup else ""))
    return (QCoreApplication.translate("Roster", "%1 %2（%3）").replace("%1", shift_text(p.day, p.label))
            .replace("%2", times_text(p.times_text)).replace("%3", people))
