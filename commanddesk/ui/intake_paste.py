"""粘贴识别: a pasted message fills the intake form with suggestions the officer can see and undo.

Ctrl+Shift+V (or the 粘贴识别 button) reads the clipboard with the message reader
(commanddesk/reading). Each suggested field is tinted and its tooltip quotes the
words it came from; the message is shown above the form with those words marked,
the ones of the field holding the cursor in a stronger colour. What the officer
already typed is never overwritten: the suggestion is listed instead, and a
double-click takes it. Counts drive the grade, so saving asks once to confirm
suggested counts that were not confirmed. The receipt time is never read from
the message: pasting opens the call at the moment of pasting, like a keystroke.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication, QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
    QPlainTextEdit, QPushButton, QTextEdit, QVBoxLayout,
)

from ..catalogues import label
from ..clock import format_beijing
from ..reading import Reader, Reading
from ..services import gazetteer
from ..services import reading as reading_svc

# reader field → form widget key
TARGETS = {"caller_unit": "caller_unit", "occurred": "occurred_at", "place": "place_text", "category": "category",
           "type": "type", "deaths": "count_deaths", "missing": "count_missing",
           "serious_injuries": "count_serious_injuries", "injuries": "count_injuries",
           "injured_unknown": "count_injured_unknown", "trapped": "count_trapped", "relocated": "count_relocated",
           "direct_loss_yuan": "direct_loss"}
NAMES = {"caller_unit": "来电单位", "occurred": "事发时间", "place": "事发地点", "category": "事件类别",
         "type": "事件类型", "deaths": "死亡", "missing": "失踪", "serious_injuries": "重伤", "injuries": "轻伤",
         "injured_unknown": "受伤（伤情不明）", "trapped": "被困", "relocated": "疏散转移",
         "direct_loss_yuan": "直接经济损失（万元）"}
COUNTS = ("deaths", "missing", "serious_injuries", "injuries", "injured_unknown", "trapped", "relocated",
          "direct_loss_yuan")
TINT = "background:#fff3c4;"
SPAN_ALL = QColor("#fff3c4")
SPAN_FOCUS = QColor("#ffb74d")
MAX_PASTE = 20_000  # characters kept from the clipboard


class PasteAssist(QObject):
    """The paste-and-read helper of one intake page."""

    def __init__(self, page) -> None:
        super().__init__(page)
        self.page = page
        self.reading: Reading | None = None
        self.message = ""
        self.suggested: dict[str, dict] = {}  # reader key → {"text", "span", "filled", "confirmed"}
        self._before: dict | None = None  # the form as it was before the paste (for 撤销识别)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader")
        self._reader: Future = self._load_reader()

        self.button = QPushButton(self.tr("粘贴识别（Ctrl+Shift+V）"))
        self.button.setObjectName("paste_read")
        self.button.setToolTip(self.tr("把剪贴板中的短信、微信或转警文字作为原始信息保存，并据此填写建议"))
        self.button.clicked.connect(lambda: self.paste())
        sc = QShortcut(QKeySequence("Ctrl+Shift+V"), page)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(lambda: self.paste())

        self.panel = QGroupBox(self.tr("原始信息（粘贴识别的建议以黄色标出，来源文字在下方高亮）"))
        self.panel.setObjectName("paste_panel")
        self.view = QPlainTextEdit()
        self.view.setObjectName("original_message")
        self.view.setReadOnly(True)
        self.view.setFixedHeight(58)
        self.list = QListWidget()
        self.list.setObjectName("paste_suggestions")
        self.list.setMaximumHeight(92)
        self.list.currentItemChanged.connect(lambda item, _=None: self._highlight(item.data(Qt.ItemDataRole.UserRole)
                                                                               if item else None))
        self.list.itemActivated.connect(self._take)
        self.list.itemDoubleClicked.connect(self._take)
        self.btn_confirm = QPushButton(self.tr("确认伤亡数字"))
        self.btn_confirm.setObjectName("paste_confirm")
        self.btn_confirm.clicked.connect(self.confirm_counts)
        self.btn_undo = QPushButton(self.tr("撤销识别"))
        self.btn_undo.setObjectName("paste_undo")
        self.btn_undo.clicked.connect(self.undo)
        self.note = QLabel()
        self.note.setObjectName("paste_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#555;")
        buttons = QVBoxLayout()
        buttons.addWidget(self.btn_confirm)
        buttons.addWidget(self.btn_undo)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.view, 3)
        row.addWidget(self.list, 3)
        row.addLayout(buttons)
        box = QVBoxLayout(self.panel)
        box.setContentsMargins(6, 4, 6, 4)
        box.addLayout(row)
        box.addWidget(self.note)
        self.panel.hide()
        for key, target in TARGETS.items():
            w = page.w[target]
            if isinstance(w, QLineEdit):
                w.textChanged.connect(lambda *_, k=key: self._maybe_theirs(k))
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(lambda *_, k=key: self._maybe_theirs(k))
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)

    # --- the reader, built off the UI thread ---
    def _load_reader(self) -> Future:
        try:
            with self.page.ctx.store.read() as s:
                places = reading_svc.post_places(s)
        except Exception:  # noqa: BLE001 - no places is still a working reader
            places = None
        return self._pool.submit(Reader, places)

    def reload(self) -> None:
        """The post's places changed: build the reader again (in the background)."""
        self._reader = self._load_reader()

    # --- paste ---
    def paste(self, text: str | None = None) -> Reading | None:
        """Read *text* (the clipboard when None) into suggestions; keep it as the call's original message."""
        page = self.page
        if text is None:
            text = QApplication.clipboard().text()
        text = (text or "").replace("\x00", "")[:MAX_PASTE]
        if not text.strip():
            page.error.setText(self.tr("剪贴板中没有文字：请先复制短信、微信或转警内容，再按 Ctrl+Shift+V。"))
            return None
        if not page._opened:
            page._open(page.ctx.store.clock.now())  # pasting answers the call, like the first keystroke
        if self.reading is not None:
            self.undo(quiet=True)  # a second paste replaces the first one's suggestions
        self._before = page.values_for_draft()
        self._picked_before = page._picked
        reading = self._reader.result().read(text, page._stamp)
        self.reading, self.message = reading, text
        self.suggested = {}
        self.list.clear()
        page._loading = True
        try:
            for key in TARGETS:
                if key == "type":
                    continue  # after the category, which fills the type list
                self._offer(key, reading)
            self._offer("type", reading)
        finally:
            page._loading = False
        if reading.place_choices:
            for choice in reading.place_choices:
                item = QListWidgetItem(self.tr("事发地点可能是：") + choice.label() + self.tr("（双击选用）"))
                item.setData(Qt.ItemDataRole.UserRole, "place")
                item.setData(Qt.ItemDataRole.UserRole + 1, ("choice", choice))
                self.list.addItem(item)
        self.view.setPlainText(text)
        self._highlight(None)
        filled = sum(1 for s in self.suggested.values() if s["filled"])
        held = sum(1 for s in self.suggested.values() if not s["filled"])
        note = self.tr("已按原文填写 %1 项建议（黄色）。Tab 离开即接受，修改即为您的录入；伤亡数字保存前须确认。").replace("%1", str(filled))
        if held:
            note += self.tr("另有 %1 项与您已填写的内容不同，未覆盖，见右侧列表（双击采用）。").replace("%1", str(held))
        if reading.place_choices:
            note += self.tr("地名有多种可能，请在列表中选定。")
        if not self.suggested and not reading.place_choices:
            note = self.tr("未能从原文识别出可填写的内容；原文已保存为本次来电的原始信息。")
        self.note.setText(note)
        self.panel.show()
        self.btn_confirm.setVisible(any(k in COUNTS for k in self.suggested))
        page.error.clear()
        page._category_changed()
        page._show_receipt_state()
        page._refresh_live()
        page._draft_timer.start()
        return reading

    def _display(self, key: str, reading: Reading) -> tuple[object, str] | None:
        """(the value to put in the widget, how the list shows it), or None when there is none."""
        s = reading.fields.get(key)
        if s is None:
            return None
        if key == "occurred":
            return format_beijing(s.value, False), format_beijing(s.value, False) + ("（约）" if s.approx else "")
        if key == "place":
            if reading.place is None:
                return (s.words(reading.text), s.words(reading.text) + self.tr("（有多种可能）")) if reading.place_choices else None
            p = reading.place
            return p.text, p.text + "（" + p.label() + (f"，{p.county_code}" if p.county_code else "") + "）"
        if key in ("category", "type"):
            name = label("incident_category" if key == "category" else "incident_type", s.value)
            return s.value, name
        if key == "direct_loss_yuan":
            text = f"{s.value / 10000:g}"
            return text, text + ("（约）" if s.approx else "")
        if key in COUNTS:
            return str(s.value), str(s.value) + (self.tr("（约，至少）") if s.approx else "")
        return str(s.value), str(s.value)

    def _offer(self, key: str, reading: Reading) -> None:
        shown = self._display(key, reading)
        if shown is None:
            return
        value, text = shown
        page = self.page
        w = page.w[TARGETS[key]]
        span = reading.fields[key].span
        current = self._value(key)
        empty = current in ("", None)
        if key == "type" and reading.category and page.w["category"].currentData() != reading.category:
            empty = False  # the officer chose another category: the type is theirs to pick
        filled = empty or current == value
        if empty:
            self._set(key, value)
            if key == "place" and reading.place is not None:
                self._pick_place(reading.place)
        self.suggested[key] = {"value": value, "span": span, "filled": filled, "confirmed": False,
                               "approx": reading.fields[key].approx}
        words = reading.text[span[0]:span[1]]
        if filled:
            _badge(w)
            w.setStyleSheet(TINT)
            w.setToolTip(self.tr("建议（来自原文“%1”）：Tab 接受，修改即为您的录入").replace("%1", words))
            line = f"{NAMES[key]}：{text} ← “{words}”"
        else:
            line = f"{NAMES[key]}：" + self.tr("建议 %1（未填入，您已填写“%2”）← “%3”").replace("%1", text).replace(
                "%2", str(self._shown_current(key))).replace("%3", words)
        item = QListWidgetItem(line)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setData(Qt.ItemDataRole.UserRole + 1, ("value", value))
        self.list.addItem(item)

    def _shown_current(self, key: str) -> str:
        w = self.page.w[TARGETS[key]]
        return w.currentText() if isinstance(w, QComboBox) else w.text()

    def _value(self, key: str):
        w = self.page.w[TARGETS[key]]
        return w.currentData() if isinstance(w, QComboBox) else w.text().strip()

    def _set(self, key: str, value) -> None:
        page = self.page
        w = page.w[TARGETS[key]]
        if isinstance(w, QComboBox):
            if key == "category":
                page._set_combo("category", value)
                page._category_changed()
            else:
                page._set_combo(TARGETS[key], value)
        else:
            w.setText(str(value))
        if key == "occurred":
            s = self.reading.fields["occurred"] if self.reading else None
            page._set_combo("occurred_precision", "approx" if s is not None and s.approx else "exact")

    def _pick_place(self, place) -> None:
        page = self.page
        code = place.division_code if place.source == "post" else None
        page._picked = gazetteer.Place(place.text, code, place.lat, place.lon, "reader")
        note = place.label() + (f"（{place.county_code}）" if place.county_code else "")
        if place.source != "post":
            note += self.tr("，不在本值班室的区划表中")
        page.w["jurisdiction"].setText(self.tr("识别地点：") + note)

    # --- the officer's changes ---
    def _maybe_theirs(self, key: str) -> None:
        s = self.suggested.get(key)
        if s is None or self.page._loading or not s["filled"]:
            return
        if self._value(key) != s["value"]:
            w = self.page.w[TARGETS[key]]
            w.setStyleSheet("")
            w.setToolTip("")
            _unbadge(w)

    def _take(self, item: QListWidgetItem) -> None:
        """Double-click or Enter on a listed suggestion: put it in its field (or choose a place)."""
        key = item.data(Qt.ItemDataRole.UserRole)
        kind, value = item.data(Qt.ItemDataRole.UserRole + 1)
        page = self.page
        if kind == "choice":
            page._loading = True
            page.w["place_text"].setText(value.text)
            page._loading = False
            self._pick_place(value)
            self.suggested["place"] = {"value": value.text, "span": value.span, "filled": True, "confirmed": True,
                                       "approx": False, "choice": value.label()}
            page.w["place_text"].setStyleSheet(TINT)
            _badge(page.w["place_text"])
        else:
            self._set(key, value)
            self.suggested[key]["filled"] = True
            page.w[TARGETS[key]].setStyleSheet(TINT)
            _badge(page.w[TARGETS[key]])
        page._refresh_live()

    def _focus_changed(self, _old, new) -> None:
        if self.reading is None or new is None or not self.panel.isVisible():
            return
        for key, target in TARGETS.items():
            if self.page.w[target] is new and key in self.suggested:
                self._highlight(key)
                return

    def _highlight(self, key: str | None) -> None:
        """Mark every suggestion's words in the message; the one of *key* stronger."""
        selections = []
        for k, s in self.suggested.items():
            a, b = s["span"]
            if b <= a or b > len(self.message):
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(a)
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(SPAN_FOCUS if k == key else SPAN_ALL)
            sel.format = fmt
            selections.append(sel)
        self.view.setExtraSelections(selections)

    def highlighted(self) -> list[tuple[int, int]]:
        """The spans marked in the message view (for tests)."""
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in self.view.extraSelections()]

    # --- undo, confirmation, review ---
    def undo(self, quiet: bool = False) -> None:
        """撤销识别: the form as it was before the paste; the message is no longer kept."""
        page = self.page
        before = self._before
        self._untint()
        self.reading, self.message, self.suggested, self._before = None, "", {}, None
        self.list.clear()
        self.view.clear()
        self.panel.hide()
        if before is not None and not quiet:
            page._apply_draft(before)
            page._picked = getattr(self, "_picked_before", None)
            if page._picked is None:
                page.w["jurisdiction"].clear()

    def _untint(self) -> None:
        for key in self.suggested:
            w = self.page.w[TARGETS[key]]
            w.setStyleSheet("")
            w.setToolTip("")
            _unbadge(w)

    def reset(self) -> None:
        """The form was cleared (saved, discarded or a new call)."""
        self._untint()
        self.reading, self.message, self.suggested, self._before = None, "", {}, None
        self.list.clear()
        self.view.clear()
        self.panel.hide()

    def unconfirmed_counts(self) -> list[tuple[str, str]]:
        """Suggested counts still as suggested and not yet confirmed: (name, value)."""
        out = []
        for key in COUNTS:
            s = self.suggested.get(key)
            if s and s["filled"] and not s["confirmed"] and self._value(key) == s["value"]:
                out.append((NAMES[key], str(s["value"]) + ("（约）" if s["approx"] else "")))
        return out

    def confirm_counts(self) -> None:
        """Mark the casualty and loss figures read from the text as checked by the operator."""
        for key in COUNTS:
            if key in self.suggested:
                self.suggested[key]["confirmed"] = True
        self.note.setText(self.tr("伤亡与损失数字已确认。"))

    def confirm_before_save(self) -> bool:
        """Ask once about suggested counts nobody confirmed; True to go on saving."""
        pending = self.unconfirmed_counts()
        if not pending:
            return True
        lines = "\n".join(f"　{name}：{value}" for name, value in pending)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("确认识别的数字"),
                          self.tr("以下伤亡与损失数字由原文识别填写，将用于定级：\n%1\n\n确认无误并保存吗？").replace("%1", lines),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.page)
        box.setObjectName("paste_confirm_counts")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("确认并保存"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("返回修改"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False
        self.confirm_counts()
        return True

    def review(self) -> dict:
        """For the call record: each suggestion, the words it came from, and whether it was kept."""
        out = {}
        for key, s in self.suggested.items():
            final = self._value(key)
            a, b = s["span"]
            out[key] = {"value": s["value"], "words": self.message[a:b], "span": [a, b], "filled": s["filled"],
                        "final": final, "kept": s["filled"] and final == s["value"],
                        **({"approx": True} if s["approx"] else {}),
                        **({"confirmed": s["confirmed"]} if key in COUNTS else {})}
        return out

    def restore_message(self, text: str) -> None:
        """A draft brought back after a crash: its original message is kept (the marks are not)."""
        if not text:
            return
        self.message = text
        self.view.setPlainText(text)
        self.note.setText(self.tr("已随草稿恢复原始信息；原有的建议标记未恢复，表中内容视为已录入。"))
        self.btn_confirm.hide()
        self.panel.show()

    def close(self) -> None:
        """Stop the reading worker without waiting for a text still being read."""
        self._pool.shutdown(wait=False)


_BADGE_ICON = None


def _badge_icon():
    """A small 建议 tag drawn once (a line edit shows it at its right end)."""
    global _BADGE_ICON
    if _BADGE_ICON is None:
        from PySide6.QtGui import QFont, QIcon, QPainter, QPixmap

        pix = QPixmap(30, 16)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor("#f59e0b"))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(0, 0, 30, 16, 4, 4)
        font = QFont()
        font.setPixelSize(11)
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, QCoreApplication.translate("PasteAssist", "建议"))
        p.end()
        _BADGE_ICON = QIcon(pix)
    return _BADGE_ICON


def _badge(w) -> None:
    if isinstance(w, QLineEdit) and w.property("suggestion_badge") is None:
        action = w.addAction(_badge_icon(), QLineEdit.ActionPosition.TrailingPosition)
        action.setToolTip(QCoreApplication.translate("PasteAssist", "由原文识别的建议"))
        w.setProperty("suggestion_badge", action)


def _unbadge(w) -> None:
    action = w.property("suggestion_badge") if isinstance(w, QLineEdit) else None
    if action is not None:
        w.removeAction(action)
        w.setProperty("suggestion_badge", None)


def attach(page) -> PasteAssist:
    """Give an intake page its 粘贴识别 button, shortcut and message panel."""
    return PasteAssist(page)


__all__ = ["PasteAssist", "attach"]
