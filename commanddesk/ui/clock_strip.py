"""The clock strip: the running reporting clocks on every page, and a list of all of them one click away."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ..clock import format_beijing
from ..services import clocks, deadlines, settings
from . import theme
from .context import AppContext
from .texts import t

STATE_TEXT = {"pending": "计时中", "due_soon": "即将到时", "overdue": "已超时"}
CHIP_GAP = 6


@dataclass(frozen=True)
class Chip:
    """Something drawn on the strip and what a click on it does."""

    rect: QRect
    kind: str  # "clock", "focus" (the current incident's label) or "more" (the list of every clock)
    label: str
    item: clocks.StripItem | None = None
    incident_id: int | None = None
    count: str = ""  # the countdown as drawn


class ClockStrip(QWidget):
    """Paints clock chips itself (one widget, not one per clock) so a tick stays cheap.

    The clocks of the incident being worked on (``set_focus``) come first,
    whatever other incidents' clocks say; then the most urgent of the rest as
    far as they fit. The button at the right end opens a list of every
    running clock, grouped by incident, most urgent first.
    """

    sig_open_incident = Signal(int)
    """The user clicked a clock of this incident."""

    sig_open_page = Signal(str)
    """The user clicked a clock of no incident: a warning's forwarding ("warnings") or an instruction's feedback ("duty")."""

    sig_overdue = Signal(object)
    """A clock has just run out (a clocks.StripItem)."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("clock_strip")
        self.views: list[clocks.ClockView] = []
        self._now: datetime | None = None
        self._items: list[clocks.StripItem] | None = None  # every clock's state at _now, made when asked for
        self._order: tuple[list[clocks.ClockView], int, list[clocks.ClockView], list] = ([], 0, [], [])
        self._alarmed_upto = 0  # the first this many (by deadline) have been looked at for an alarm
        self._overdue = 0  # how many have run out at _now
        self.focus_id: int | None = None
        self._chips: list[Chip] = []
        self._overdue_seen: set[int] = set()
        self._flash = False
        self.due_soon_minutes = 5
        self.popup: ClockListPopup | None = None
        self.setMinimumHeight(34)
        self.setMouseTracking(True)
        self._font = QFont(self.font())
        self._font.setPointSizeF(self._font.pointSizeF() + 0.5)
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(1000)
        ctx.notifier.sig_data_changed.connect(lambda _k: self.reload())
        self.reload(first=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """One line of chips, as wide as the window allows."""
        return QSize(800, 34)

    def reload(self, first: bool = False) -> None:
        """Re-read the running clocks from the store."""
        with self.ctx.store.read() as s:
            self.views = deadlines.running(s, drills=self.ctx.store.drill)
            self.due_soon_minutes = int(settings.get(s, "due_soon_minutes") or 5)
        if first:  # clocks that ran out while the app was closed alarm once, now
            self._overdue_seen = set()
        self.tick()

    def set_focus(self, incident_id: int | None) -> None:
        """The incident being worked on: its clocks always stay on the strip."""
        if incident_id != self.focus_id:
            self.focus_id = incident_id
            self._chips = self.layout_chips()
            self.update()

    @property
    def overdue_count(self) -> int:
        """How many clocks had run out at the last tick."""
        return self._overdue

    @property
    def items(self) -> list[clocks.StripItem]:
        """Every running clock with its state at the last tick, most urgent first (the list; tests)."""
        if self._items is None:
            self._items = clocks.strip(self.views, self._now, self.due_soon_minutes) if self._now else []
        return self._items

    def _by_deadline(self) -> tuple[list[clocks.ClockView], list]:
        """The views by deadline and their deadlines, sorted again only when the views were replaced."""
        if self._order[0] is not self.views or self._order[1] != len(self.views):
            ordered = sorted(self.views, key=lambda v: v.due_at)
            self._order = (self.views, len(self.views), ordered, [v.due_at for v in ordered])
            self._alarmed_upto = 0
        return self._order[2], self._order[3]

    def _item(self, view: clocks.ClockView) -> clocks.StripItem:
        return clocks.strip([view], self._now, self.due_soon_minutes)[0]

    def tick(self) -> None:
        """Recompute states and countdowns from the injected clock and repaint.

        Only the clocks that get a chip are worked out each second: the views are kept by deadline, so
        how many have run out is a binary search and the most urgent are the first ones (2,000 running
        clocks tick in well under a millisecond; benchmarks/scale.py). ``items`` has them all, on demand.
        """
        self._now = now = self.ctx.store.clock.now()
        self._items = None
        ordered, dues = self._by_deadline()
        # overdue: whole seconds left below zero (clocks.strip), i.e. the deadline a second or more ago
        self._overdue = bisect_right(dues, now - timedelta(seconds=1))
        self._flash = not self._flash
        if self._overdue < self._alarmed_upto:  # the clock went back (a test) or a clock was met
            self._alarmed_upto = self._overdue
        for view in ordered[self._alarmed_upto:self._overdue]:
            if view.id not in self._overdue_seen:
                self._overdue_seen.add(view.id)
                self.sig_overdue.emit(self._item(view))
        self._alarmed_upto = self._overdue
        self.setToolTip("" if self.views else self.tr("没有正在计时的报告时限"))
        self._chips = self.layout_chips()
        if self.popup is not None and self.popup.isVisible():
            self.popup.fill(self.items, self.focus_id)
        self.update()

    # --- layout: which chips fit, where ---
    def _chip_width(self, label: str, count: str) -> int:
        return QFontMetrics(self._font).horizontalAdvance(label) + QFontMetrics(self._bold).horizontalAdvance(count) + 28

    def more_label(self, shown: set[int]) -> str:
        """The text of the button that lists every clock (*shown*: ids of the clocks with a chip)."""
        ordered, _dues = self._by_deadline()
        hidden = len(ordered) - len(shown)
        if hidden > 0:  # the first _overdue by deadline have run out
            late = self._overdue - sum(1 for v in ordered[:self._overdue] if v.id in shown)
            return self.tr("另有 %1 项 ▾").replace("%1", str(hidden)) if not late else \
                self.tr("另有 %1 项（%2 超时）▾").replace("%1", str(hidden)).replace("%2", str(late))
        return self.tr("全部 %1 项 ▾").replace("%1", str(len(ordered)))

    def layout_chips(self) -> list[Chip]:
        """Place the chips for the current width: focus incident first, then by urgency, then the list button."""
        if not self.views or self._now is None:
            return []
        ordered, _dues = self._by_deadline()
        fmb = QFontMetrics(self._bold)
        h = max(10, self.height() - 8)
        late = self._overdue  # the button can never say more than this
        more_w = fmb.horizontalAdvance(self.tr("另有 %1 项（%2 超时）▾").replace("%1", str(len(ordered)))
                                       .replace("%2", str(late))) + 20
        right = self.width() - more_w - 10
        # a warning's forwarding clock has no incident (None): it is never the focus
        focus = [] if self.focus_id is None else \
            clocks.strip([v for v in ordered if v.incident_id == self.focus_id], self._now, self.due_soon_minutes)
        # the rest by deadline (the order of clocks.strip), made one at a time as long as they fit
        others = (self._item(v) for v in ordered if self.focus_id is None or v.incident_id != self.focus_id)
        chips: list[Chip] = []
        x = 6
        if focus:
            title = _short(focus[0].view.incident_title, 8)
            label = self.tr("当前：%1").replace("%1", title)
            w = fmb.horizontalAdvance(label) + 14
            chips.append(Chip(QRect(x, 4, w, h), "focus", label, incident_id=self.focus_id))
            x += w + 2
            for size, brief in ((12, False), (8, False), (8, True), (6, True), (4, True), (3, True)):
                # shorter names (and 1:47:59 for 剩余 1:47:59) rather than a clock of this incident left out
                labels = [_short(item.view.name, size) for item in focus]
                counts = [_left(item) if brief else item.countdown for item in focus]
                widths = [self._chip_width(lab, cnt) for lab, cnt in zip(labels, counts)]
                if x + sum(widths) + CHIP_GAP * len(widths) <= right:
                    break
            for n, (item, label, count, w) in enumerate(zip(focus, labels, counts, widths)):
                if n and x + w > right:
                    break  # the first always shows; the rest are in the list
                chips.append(Chip(QRect(x, 4, w, h), "clock", label, item, item.view.incident_id, count))
                x += w + CHIP_GAP
            x += CHIP_GAP
        for item in others:
            label = f"{_short(item.view.incident_title, 10)} · {_short(item.view.name, 12)}"
            w = self._chip_width(label, item.countdown)
            if x + w > right:
                break
            chips.append(Chip(QRect(x, 4, w, h), "clock", label, item, item.view.incident_id, item.countdown))
            x += w + CHIP_GAP
        more = self.more_label({c.item.view.id for c in chips if c.kind == "clock"})
        chips.append(Chip(QRect(self.width() - more_w - 4, 4, more_w, h), "more", more))
        return chips

    def shown_items(self) -> list[clocks.StripItem]:
        """The clocks that have a chip on the strip now, left to right."""
        return [c.item for c in self._chips if c.kind == "clock"]

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Lay the chips out again for the new width."""
        self._chips = self.layout_chips()
        super().resizeEvent(event)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        """Draw each clock chip in its state's colours, or the quiet line when nothing runs."""
        p = QPainter(self)
        p.fillRect(self.rect(), theme.colour("strip_bg"))
        if not self._chips:
            p.setPen(theme.colour("muted"))
            p.setFont(self._font)
            p.drawText(self.rect().adjusted(10, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                       self.tr("报告时限：当前没有正在计时的时限"))
            p.end()
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        chips = self._chips
        focus = [c for c in chips if c.incident_id == self.focus_id and self.focus_id is not None
                 and c.kind in ("focus", "clock")]
        if focus:  # one tinted frame around the current incident's label and clocks
            frame = QRect(focus[0].rect.left() - 3, 1, focus[-1].rect.right() - focus[0].rect.left() + 7,
                          self.height() - 2)
            p.setPen(QPen(theme.colour("focus_border")))
            p.setBrush(theme.colour("focus_bg"))
            p.drawRoundedRect(QRectF(frame), 6, 6)
        for chip in chips:
            if chip.kind == "focus":
                p.setPen(theme.colour("focus_text"))
                p.setFont(self._bold)
                p.drawText(chip.rect.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, chip.label)
                continue
            if chip.kind == "more":
                late = "超时" in chip.label
                p.setPen(QPen(theme.colour("overdue_bg" if late else "border")))
                p.setBrush(theme.colour("base"))
                p.drawRoundedRect(QRectF(chip.rect), 5, 5)
                p.setPen(theme.colour("error" if late else "text"))
                p.setFont(self._bold)
                p.drawText(chip.rect, Qt.AlignmentFlag.AlignCenter, chip.label)
                continue
            item = chip.item
            key = item.state
            if key == "overdue" and not self._flash:
                key = "overdue_dim"
            bg, fg = theme.chip_colours(key)
            p.setPen(QPen(theme.colour("border") if item.state == "pending" else QColor(bg)))
            p.setBrush(QColor(bg))
            p.drawRoundedRect(QRectF(chip.rect), 5, 5)
            p.setPen(QColor(fg))
            p.setFont(self._font)
            p.drawText(chip.rect.adjusted(8, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, chip.label)
            p.setFont(self._bold)
            p.drawText(chip.rect.adjusted(0, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                       chip.count)
        p.end()

    # --- mouse ---
    def chip_at(self, pos) -> Chip | None:
        """What is drawn under a point, if anything."""
        return next((c for c in self._chips if c.rect.contains(pos)), None)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """A click on a chip opens its incident (instructions: the duty page, warnings: theirs; "more": the list)."""
        chip = self.chip_at(event.position().toPoint())
        if chip is None:
            return
        if chip.kind == "more":
            self.open_list()
        elif chip.incident_id is not None:
            self.sig_open_incident.emit(chip.incident_id)
        elif chip.item is not None:  # instructions' feedback clocks carry negative ids (services.instructions)
            self.sig_open_page.emit("duty" if chip.item.view.id < 0 else "warnings")

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        """A pointing hand and the clock's details as tooltip over a chip."""
        chip = self.chip_at(event.position().toPoint())
        if chip is None:
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        if chip.kind == "more":
            self.setToolTip(self.tr("列出全部正在计时的时限（按事件分组，最紧迫的在前；任何页面按 F9）"))
        elif chip.item is not None:
            v = chip.item.view
            self.setToolTip(f"{v.incident_title}\n{v.name} → {v.recipient}\n时限 {format_beijing(v.due_at)}\n"
                            f"{chip.item.countdown}")
        else:
            self.setToolTip(self.tr("打开当前事件"))

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Back to the normal cursor when the mouse leaves the strip."""
        self.unsetCursor()
        super().leaveEvent(event)

    def open_list(self) -> "ClockListPopup":
        """Show every running clock under the strip's right end."""
        if self.popup is None:
            self.popup = ClockListPopup(self)
            self.popup.sig_open_incident.connect(self.sig_open_incident)
        self.popup.fill(self.items, self.focus_id)
        self.popup.adjustSize()
        corner = self.mapToGlobal(QPoint(self.width(), self.height()))
        screen = self.screen().availableGeometry() if self.screen() else None
        x = corner.x() - self.popup.width()
        if screen is not None:
            x = max(screen.left(), x)
        self.popup.move(x, corner.y())
        self.popup.show()
        self.popup.tree.setFocus()
        return self.popup


class ClockListPopup(QFrame):
    """Every running clock, grouped by incident, the most urgent incident and clock first.

    A click (or Enter) on an incident or one of its clocks opens that incident.
    """

    sig_open_incident = Signal(int)

    HEADERS = ("事件 / 时限", "接收方", "截止", "剩余时间", "状态")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("clock_popup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.tree = QTreeWidget()
        self.tree.setObjectName("clock_popup_tree")
        self.tree.setColumnCount(len(self.HEADERS))
        self.tree.setHeaderLabels([t(h) for h in self.HEADERS])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.itemClicked.connect(self._chosen)
        self.tree.itemActivated.connect(self._chosen)
        self.caption = QLabel()
        self.caption.setObjectName("clock_popup_caption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.caption)
        layout.addWidget(self.tree)
        self._ids: list[tuple[int, list[int]]] = []
        self._rows: dict[int, QTreeWidgetItem] = {}
        self._groups: dict[int, QTreeWidgetItem] = {}

    @staticmethod
    def group(items: list[clocks.StripItem]) -> list[tuple[int, str, list[clocks.StripItem]]]:
        """(incident id, title, its clocks) with the incident whose clock is most urgent first."""
        groups: dict[int, list[clocks.StripItem]] = {}
        for item in sorted(items, key=lambda i: i.seconds_left):
            groups.setdefault(item.view.incident_id, []).append(item)
        return [(ident, its[0].view.incident_title, its) for ident, its in groups.items()]

    def fill(self, items: list[clocks.StripItem], focus_id: int | None = None) -> None:
        """Show *items*; when the same clocks are shown already, only their countdowns change."""
        grouped = self.group(items)
        ids = [(ident, [i.view.id for i in its]) for ident, _t, its in grouped]
        overdue = sum(1 for i in items if i.state == "overdue")
        self.caption.setText(self.tr("正在计时 %1 项，%2 项已超时；点击打开事件").replace("%1", str(len(items)))
                             .replace("%2", str(overdue)))
        rebuilt = ids != self._ids
        if rebuilt:
            self._rebuild(grouped, focus_id)
            self._ids = ids
        for ident, _title, its in grouped:
            for item in its:
                self._paint_row(self._rows[item.view.id], item)
            worst = its[0]
            g = self._groups[ident]
            g.setText(3, _left(worst))
            g.setText(4, self.tr("%1 项").replace("%1", str(len(its)))
                      + (self.tr("，%1 超时").replace("%1", str(sum(i.state == "overdue" for i in its)))
                         if worst.state == "overdue" else ""))
            g.setForeground(4, theme.colour("error" if worst.state == "overdue" else "text"))
        if rebuilt:
            self._size_columns()

    def _rebuild(self, grouped, focus_id: int | None) -> None:
        self.tree.clear()
        self._rows, self._groups = {}, {}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for ident, title, its in grouped:
            shown = its[0].view.incident_number or (f"#{ident}" if ident is not None else "")
            name = f"{shown} {title}".strip() + (self.tr("（当前事件）") if ident == focus_id else "")
            g = QTreeWidgetItem([name, "", "", "", ""])
            g.setData(0, Qt.ItemDataRole.UserRole, ident)
            for col in range(len(self.HEADERS)):
                g.setFont(col, bold)
                g.setBackground(col, theme.colour("focus_bg" if ident == focus_id else "alt_base"))
            g.setFirstColumnSpanned(False)
            self.tree.addTopLevelItem(g)
            self._groups[ident] = g
            for item in its:
                v = item.view
                row = QTreeWidgetItem(["　" + v.name, v.recipient, format_beijing(v.due_at)[5:], "", ""])
                row.setData(0, Qt.ItemDataRole.UserRole, ident)
                row.setToolTip(0, f"{v.incident_title}\n{v.name} → {v.recipient}\n时限 {format_beijing(v.due_at)}")
                self.tree.addTopLevelItem(row)
                self._rows[v.id] = row

    def _size_columns(self) -> None:
        fm = self.tree.fontMetrics()
        for col in range(len(self.HEADERS)):
            self.tree.resizeColumnToContents(col)
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0) + 12, 320))
        self.tree.setColumnWidth(1, min(self.tree.columnWidth(1) + 12, 220))
        self.tree.setColumnWidth(3, max(self.tree.columnWidth(3), fm.horizontalAdvance("超时 00:00:00") + 16))
        self.tree.setColumnWidth(4, max(self.tree.columnWidth(4), fm.horizontalAdvance("10 项，10 超时") + 16))
        rows = self.tree.topLevelItemCount()
        row_h = self.tree.sizeHintForRow(0) if rows else 22
        width = sum(self.tree.columnWidth(c) for c in range(len(self.HEADERS))) + 30
        self.tree.setMinimumSize(min(width, 900), min(rows * row_h + self.tree.header().height() + 8, 460))

    def _paint_row(self, row: QTreeWidgetItem, item: clocks.StripItem) -> None:
        bg, fg = theme.chip_colours(item.state)
        row.setText(3, _left(item))
        row.setText(4, t(STATE_TEXT[item.state]))
        for col in range(len(self.HEADERS)):
            row.setBackground(col, QColor(bg))
            row.setForeground(col, QColor(fg))

    def row_of_clock(self, clock_id: int) -> QTreeWidgetItem | None:
        """The list row of a clock (tests and keyboard use)."""
        return self._rows.get(clock_id)

    def order(self) -> list[tuple[int, list[int]]]:
        """(incident id, [clock ids]) as listed, top to bottom."""
        return list(self._ids)

    def _chosen(self, row: QTreeWidgetItem, _col: int = 0) -> None:
        ident = row.data(0, Qt.ItemDataRole.UserRole)
        if ident is None:
            return
        self.hide()
        self.sig_open_incident.emit(int(ident))


def _left(item: clocks.StripItem) -> str:
    """12:34 while running, 超时 03:05 once overdue (the column says 剩余时间)."""
    return item.countdown.removeprefix("剩余 ")


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class Alarm:
    """Makes an overdue clock impossible to miss: flash, sound (unless muted), tray message."""

    def __init__(self, window: QWidget, ctx: AppContext) -> None:
        self.window, self.ctx = window, ctx
        self._sound = None
        self._tray = None
        self.muted = False
        self.fired: list[str] = []  # what was raised, newest last (tests read this)

    def trigger(self, item: clocks.StripItem) -> None:
        """Raise the alarm for one overdue clock."""
        text = f"{item.view.incident_title}：{item.view.name} 已超时"
        self.fired.append(text)
        QApplication.alert(self.window, 0)
        if not self.muted:
            self._play()
        lock = getattr(self.window, "idle_lock", None)
        if lock is not None and lock.locked:  # a locked seat does not show whose incident it is
            text = QCoreApplication.translate("Alarm", "有时限已超时（值班席位已锁定）")
        self._notify(text)

    def _play(self) -> None:
        if self._sound is False:
            return
        try:
            if self._sound is None:
                from PySide6.QtCore import QUrl
                from PySide6.QtMultimedia import QSoundEffect

                from ..paths import PACKAGE_DATA

                self._sound = QSoundEffect()
                self._sound.setSource(QUrl.fromLocalFile(str(PACKAGE_DATA / "sounds" / "alarm.wav")))
            self._sound.play()
        except Exception:  # no audio stack (e.g. headless): the flashing strip remains
            self._sound = False

    def _notify(self, text: str) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self._tray is None:
            self._tray = QSystemTrayIcon(self.window.windowIcon(), self.window)
            self._tray.show()
        self._tray.showMessage("commanddesk 报告时限", text, QSystemTrayIcon.MessageIcon.Critical, 10000)
