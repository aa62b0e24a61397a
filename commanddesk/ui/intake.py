"""接报: the duty phone log form, keyboard first, with live grading and duplicates."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QValidator
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout,
    QWidget,
)

from .. import numerals, paths
from ..catalogues import catalogue
from ..clock import format_beijing, parse_beijing
from ..errors import UserError, ValidationError
from ..services import gazetteer
from ..services import incidents as svc
from . import intake_paste
from .context import AppContext
from .texts import t

TEXT_FIELDS = (("cause", "起因"), ("course", "经过"), ("measures", "已采取措施"), ("trend", "发展趋势"),
               ("requests", "请求事项"), ("notified", "已通知"))


class CountValidator(QValidator):
    """A count field takes digits and Chinese numerals only; a refused keystroke is reported."""

    def __init__(self, refused, parent=None) -> None:
        super().__init__(parent)
        self._refused = refused

    def validate(self, text: str, pos: int):  # noqa: D102 - Qt override
        """Accept blank or anything numerals.parse_count reads (三, 12, 1.5万); intermediate otherwise."""
        if not text.strip():
            return QValidator.State.Acceptable, text, pos
        try:
            numerals.parse_count(text)
        except ValueError:
            if numerals.is_partial(text):
                return QValidator.State.Intermediate, text, pos  # e.g. 一百零, still being typed
            self._refused(text)
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, text, pos


class IntakePage(QWidget):
    """One call, typed in the order of the paper log; Enter on the last field saves."""

    sig_saved = Signal(int)
    """A call was saved (the incident id)."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.incident_id: int | None = None  # follow-up mode when set
        self._places: dict[str, gazetteer.Place] = {}
        self._picked: gazetteer.Place | None = None
        self._tables: dict[str, str] = {}
        self._loading = False
        self._suggestion = None
        self.w: dict[str, QWidget] = {}

        self.banner = QLabel()
        self.banner.setObjectName("intake_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fff3cd; padding:4px;")
        self.banner.hide()
        self.btn_new = QPushButton(self.tr("新接报（Ctrl+N）"))
        self.btn_new.clicked.connect(self.new_call)
        self.btn_discard = QPushButton(self.tr("放弃草稿"))
        self.btn_discard.clicked.connect(self.discard)
        head = QHBoxLayout()
        title = QLabel(self.tr("值班电话记录（接报）"))
        title.setStyleSheet("font-size:17px; font-weight:bold;")
        head.addWidget(title)
        head.addWidget(self.banner, 1)
        head.addStretch(1)
        head.addWidget(self.btn_discard)
        head.addWidget(self.btn_new)

        # left column: receipt, caller, event, place
        left = QFormLayout()
        self.w["received_at"] = QLineEdit()
        self.receipt_state = QLabel()
        self.receipt_state.setObjectName("receipt_state")
        self.receipt_state.setStyleSheet("color:#555;")
        received_row = QHBoxLayout()
        received_row.addWidget(self.w["received_at"], 1)
        received_row.addWidget(self.receipt_state)
        self.w["receipt_edit_reason"] = QLineEdit()
        self.w["receipt_edit_reason"].setPlaceholderText(self.tr("修改了接报时间时必填"))
        self.w["channel"] = self._combo(catalogue("call_channel"))
        for key in ("caller_unit", "caller_name", "caller_post", "caller_phone"):
            self.w[key] = QLineEdit()
        self.w["occurred_at"] = QLineEdit()
        self.w["occurred_at"].setPlaceholderText(self.tr("如 22:10 或 2026-11-23 22:10"))
        self.w["occurred_precision"] = self._combo(catalogue("time_precision"))
        self.w["place_text"] = QLineEdit()
        self.w["place_text"].setPlaceholderText(self.tr("输入地名、企业或风险点，可自动补全"))
        self.w["category"] = self._combo(catalogue("incident_category"), blank=True)
        self.w["type"] = QComboBox()
        self.w["category"].currentIndexChanged.connect(self._category_changed)
        occurred = QHBoxLayout()
        occurred.addWidget(self.w["occurred_at"], 1)
        occurred.addWidget(self.w["occurred_precision"])
        rows = (("接报时间", received_row), ("修改原因", self.w["receipt_edit_reason"]),
                ("报告方式", self.w["channel"]), ("来电单位", self.w["caller_unit"]),
                ("来电人", self.w["caller_name"]), ("职务", self.w["caller_post"]),
                ("回拨电话", self.w["caller_phone"]), ("事发时间", occurred),
                ("事发地点＊", self.w["place_text"]), ("事件类别＊", self.w["category"]),
                ("事件类型＊", self.w["type"]))
        for text, widget in rows:
            left.addRow(t(text), widget)
        self.w["jurisdiction"] = QLabel()
        self.w["jurisdiction"].setStyleSheet("color:#555;")
        self.btn_map = QPushButton(self.tr("在地图上点选…"))
        self.btn_map.setObjectName("pick_on_map")
        self.btn_map.clicked.connect(lambda: self.window().pick_place() if hasattr(self.window(), "pick_place") else None)
        place_row = QHBoxLayout()
        place_row.addWidget(self.w["jurisdiction"], 1)
        place_row.addWidget(self.btn_map)
        left.addRow("", place_row)

        # counts: actual and predicted
        counts = QGroupBox(self.tr("伤亡与损失（实际 / 研判可能）"))
        grid = QGridLayout(counts)
        for col, (key, name) in enumerate(svc.COUNT_FIELDS):
            head_label = QLabel(t(name))
            head_label.setWordWrap(True)
            grid.addWidget(head_label, 0, col)
            self.w[f"count_{key}"] = QLineEdit()
            self.w[f"pred_{key}"] = QLineEdit()
            self.w[f"pred_{key}"].setPlaceholderText(self.tr("研判"))
            for prefix, w in (("count", self.w[f"count_{key}"]), ("pred", self.w[f"pred_{key}"])):
                w.setMaximumWidth(80)
                w.setAlignment(Qt.AlignmentFlag.AlignRight)
                w.setToolTip(self.tr("填写人数：阿拉伯数字或中文数字（如 3、三、二十三、一百零五）"))
                w.setValidator(CountValidator(lambda text, k=f"{prefix}_{key}": self._count_refused(k, text), w))
                w.editingFinished.connect(lambda k=f"{prefix}_{key}": self._count_finished(k))
            grid.addWidget(self.w[f"count_{key}"], 1, col)
            grid.addWidget(self.w[f"pred_{key}"], 2, col)
        self.count_hint = QLabel()
        self.count_hint.setObjectName("count_hint")
        self.count_hint.setWordWrap(True)
        grid.addWidget(self.count_hint, 4, 0, 1, len(svc.COUNT_FIELDS))
        self.w["direct_loss"] = QLineEdit()
        self.w["direct_loss"].setAlignment(Qt.AlignmentFlag.AlignRight)
        self.w["direct_loss"].setMaximumWidth(120)
        grid.addWidget(QLabel(self.tr("直接经济损失（万元）")), 3, 0, 1, 3)
        grid.addWidget(self.w["direct_loss"], 3, 3, 1, 2)

        # narrative
        narrative = QFormLayout()
        for key, name in TEXT_FIELDS:
            w = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setFixedHeight(40)
            self.w[key] = w
            narrative.addRow(t(name), w)
        self.w["commander"] = QLineEdit()
        self.w["commander"].setPlaceholderText(self.tr("现场指挥负责人及联系方式"))
        narrative.addRow(self.tr("现场指挥"), self.w["commander"])

        # grading
        grade_box = QGroupBox(self.tr("定级"))
        gl = QVBoxLayout(grade_box)
        self.suggestion = QLabel(self.tr("录入伤亡和损失后自动给出建议等级"))
        self.suggestion.setObjectName("grade_suggestion")
        self.suggestion.setWordWrap(True)
        self.w["grade"] = QComboBox()
        self.w["grade"].addItem(self.tr("采用建议等级"), "auto")
        for level, name in catalogue("grade_level").items():
            self.w["grade"].addItem(t(name), int(level))
        self.w["grade"].addItem(self.tr("暂不定级"), None)
        self.w["grade_reason"] = QLineEdit()
        self.w["grade_reason"].setPlaceholderText(self.tr("与建议不同时须填写调整理由"))
        self.w["unstable"] = QCheckBox(self.tr("灾情不稳定（每日零报告）"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("确认等级")))
        row.addWidget(self.w["grade"])
        row.addWidget(self.w["grade_reason"], 1)
        gl.addWidget(self.suggestion)
        gl.addLayout(row)
        gl.addWidget(self.w["unstable"])

        self.duplicates = QListWidget()
        self.duplicates.setObjectName("duplicates")
        self.duplicates.setMaximumHeight(70)
        self.duplicates.itemActivated.connect(self._use_duplicate)
        self.dup_label = QLabel(self.tr("可能重复的事件（双击或回车：作为续报来电记入该事件）"))
        self.error = QLabel()
        self.error.setObjectName("intake_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020; font-weight:bold;")
        self.btn_save = QPushButton(self.tr("保存接报（Ctrl+Enter）"))
        self.btn_save.setObjectName("intake_save")
        self.btn_save.clicked.connect(self.save)

        right = QVBoxLayout()
        right.addWidget(counts)
        right.addLayout(narrative)
        right.addWidget(grade_box)
        left_box = QVBoxLayout()
        left_box.addLayout(left)
        left_box.addWidget(self.dup_label)
        left_box.addWidget(self.duplicates)
        left_box.addStretch(1)
        cols = QHBoxLayout()
        cols.addLayout(left_box, 4)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        cols.addWidget(line)
        cols.addLayout(right, 6)
        inner = QWidget()
        inner.setLayout(cols)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.btn_save)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

        self._set_tab_order()
        self._connect_edits()
        self.completer = QCompleter(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.activated.connect(self._place_chosen)
        self.w["place_text"].setCompleter(self.completer)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(400)
        self._draft_timer.timeout.connect(self.write_draft)
        self._stamp = self.ctx.store.clock.now()
        self._opened = False  # a call is open once Ctrl+N is pressed or the first field is typed
        self._blank: dict = {}
        self._live = QTimer(self)  # an idle form shows the live time, never a stale stamp
        self._live.setInterval(1000)
        self._live.timeout.connect(self._tick_live)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.save)
        sc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(self.cancel)
        self.paste_assist = intake_paste.attach(self)  # 粘贴识别: Ctrl+Shift+V, button, message panel
        head.insertWidget(head.count() - 2, self.paste_assist.button)
        layout.insertWidget(1, self.paste_assist.panel)
        self._load_places()
        if not self.restore_draft():
            self.go_idle()

    # --- construction helpers ---
    def _combo(self, items: dict[str, str], blank: bool = False) -> QComboBox:
        box = QComboBox()
        if blank:
            box.addItem("", "")
        for code, text in items.items():
            box.addItem(t(text), code)
        return box

    def _set_tab_order(self) -> None:
        order = ["received_at", "receipt_edit_reason", "channel", "caller_unit", "caller_name", "caller_post",
                 "caller_phone", "occurred_at", "occurred_precision", "place_text", "category", "type"]
        for key, _ in svc.COUNT_FIELDS:
            order.append(f"count_{key}")
        for key, _ in svc.COUNT_FIELDS:
            order.append(f"pred_{key}")
        order += ["direct_loss"] + [k for k, _ in TEXT_FIELDS] + ["commander", "grade", "grade_reason"]
        widgets = [self.w[k] for k in order] + [self.btn_save]
        for a, b in zip(widgets, widgets[1:]):
            QWidget.setTabOrder(a, b)
        self.tab_order = order
        self.w["grade_reason"].returnPressed.connect(self.save)
        self.w["commander"].returnPressed.connect(lambda: self.w["grade"].setFocus())

    def _connect_edits(self) -> None:
        for key, w in self.w.items():
            if isinstance(w, QLineEdit):
                w.textChanged.connect(self._edited)
            elif isinstance(w, QPlainTextEdit):
                w.textChanged.connect(self._edited)
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self._edited)
            elif isinstance(w, QCheckBox):
                w.toggled.connect(self._edited)

    def _load_places(self) -> None:
        with self.ctx.store.read() as s:
            found = gazetteer.places(s)
            self._tables = svc.tables_for(s)
        self._places = {p.text: p for p in found}
        self.completer.setModel(QStringListModel(list(self._places), self.completer))

    def _category_changed(self) -> None:
        cat = self.w["category"].currentData()
        box: QComboBox = self.w["type"]
        keep = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem("", "")
        for code, text in catalogue("incident_type").items():
            if cat and code.startswith(cat + "."):
                box.addItem(t(text), code)
        i = box.findData(keep)
        box.setCurrentIndex(i if i >= 0 else 0)
        box.blockSignals(False)
        self.w["unstable"].setEnabled(cat == "natural")

    def _place_chosen(self, text: str) -> None:
        place = self._places.get(text)
        if place is not None:
            self.w["jurisdiction"].setText(self._place_note(place))

    def _place_note(self, place: gazetteer.Place) -> str:
        where = f"（{place.lat:.4f}, {place.lon:.4f}）" if place.lat is not None else ""
        return self.tr("区划代码 ") + (place.jurisdiction_code or "—") + where

    # --- state: idle (live time) or a call opened (stamp kept) ---
    def new_call(self) -> None:
        """Answer a new call (Ctrl+N): clear the form and stamp the time of receipt now; the stamp is kept."""
        self._clear()
        self._open(self.ctx.store.clock.now())
        self.w["caller_unit"].setFocus()

    def go_idle(self) -> None:
        """No call open: an empty form whose receipt time follows the clock until recording starts."""
        self._clear()
        self._opened = False
        self._tick_live()
        if self.isVisible():
            self._live.start()

    def _open(self, stamp) -> None:
        """Open the call: from now on the receipt time is this stamp, unless edited by hand."""
        self._opened = True
        self._live.stop()
        self._stamp = stamp
        if self.w["received_at"].text() != format_beijing(stamp) and not self._receipt_typed():
            self._loading = True
            self.w["received_at"].setText(format_beijing(stamp))
            self._loading = False
        self._show_receipt_state()

    def _receipt_typed(self) -> bool:
        return self.w["received_at"].hasFocus() and self.w["received_at"].isModified()

    def _tick_live(self) -> None:
        if self._opened:
            self._live.stop()
            return
        self._stamp = self.ctx.store.clock.now()
        self._loading = True
        self.w["received_at"].setText(format_beijing(self._stamp))
        self._loading = False
        self._show_receipt_state()

    def receipt_edited(self) -> bool:
        """Whether the officer changed the receipt time from the stamp the form made."""
        return self._opened and self.w["received_at"].text().strip() != format_beijing(self._stamp)

    def _show_receipt_state(self) -> None:
        if not self._opened:
            text, style = self.tr("实时（开始录入时定格）"), "color:#555;"
        elif self.receipt_edited():
            text, style = self.tr("已手工修改，须填写修改原因"), "color:#b45309; font-weight:bold;"
        else:
            text, style = self.tr("已定格"), "color:#2e7d32;"
        self.receipt_state.setText(text)
        self.receipt_state.setStyleSheet(style)

    def is_blank(self) -> bool:
        """Nothing recorded yet (the receipt time aside)."""
        return self.incident_id is None and self._typed_values() == self._blank

    def _typed_values(self) -> dict:
        return {k: v for k, v in self.values_for_draft().items() if k != "received_at"}

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Reached by navigation with an empty form: show the current time, not when it was cleared."""
        super().showEvent(event)
        if self.is_blank():
            self.go_idle()  # reached by navigation: show the time now, not when the form was last cleared

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Stop the live time of receipt while the page is not shown."""
        self._live.stop()
        super().hideEvent(event)

    def _clear(self) -> None:
        self._loading = True
        self.incident_id = None
        self._picked = None
        for key, w in self.w.items():
            if isinstance(w, QLineEdit | QPlainTextEdit):
                w.clear()
            elif isinstance(w, QComboBox):
                w.setCurrentIndex(0)
            elif isinstance(w, QCheckBox):
                w.setChecked(False)
        self.w["jurisdiction"].clear()
        self.banner.hide()
        self.error.clear()
        self.count_hint.clear()
        self.duplicates.clear()
        if getattr(self, "paste_assist", None) is not None:
            self.paste_assist.reset()
        self._loading = False
        self._blank = self._typed_values()
        self._refresh_live()
        self.clear_draft()

    def follow_up(self, incident_id: int) -> None:
        """A further call about an existing incident: prefill what is known."""
        self.new_call()
        self._loading = True
        with self.ctx.store.read() as s:
            known = svc.known_facts(s, incident_id)
        title, category, type_, place = known.title, known.category, known.type, known.place_text
        counts, predicted, grade, occurred = known.counts, known.predicted, known.grade, known.occurred_at
        self.incident_id = incident_id
        self._set_combo("category", category)
        self._category_changed()
        self._set_combo("type", type_)
        self.w["place_text"].setText(place)
        if occurred:
            self.w["occurred_at"].setText(format_beijing(occurred, False))
        for key, _ in svc.COUNT_FIELDS:
            self.w[f"count_{key}"].setText(str(counts.get(key, "")) if counts.get(key) else "")
            self.w[f"pred_{key}"].setText(str(predicted.get(key, "")) if predicted.get(key) else "")
        if counts.get("direct_loss"):
            self.w["direct_loss"].setText(f"{counts['direct_loss'] / 10000:g}")
        self.banner.setText(self.tr("续报来电：记入事件 #%1 %2（当前等级：%3）。请更新变化的数字和情况。")
                            .replace("#%1", known.number).replace("%1", known.number).replace("%2", title)
                            .replace("%3", svc.grade_label(grade)))
        self.banner.show()
        self._loading = False
        self._refresh_live()
        self.w["caller_unit"].setFocus()

    def _set_combo(self, key: str, value) -> None:
        box: QComboBox = self.w[key]
        i = box.findData(value)
        box.setCurrentIndex(max(i, 0))

    def _edited(self, *_) -> None:
        if self._loading:
            return
        if not self._opened:
            self._open(self.ctx.store.clock.now())  # the officer starts recording: the call is opened now
        self.error.clear()
        self._show_receipt_state()
        self._refresh_live()
        self._draft_timer.start()

    # --- counts: digits or Chinese numerals ---
    def _count_label(self, key: str) -> str:
        prefix, name = key.split("_", 1)
        text = t(dict(svc.COUNT_FIELDS)[name])
        return text + (self.tr("（研判）") if prefix == "pred" else "")

    def _count_refused(self, key: str, text: str) -> None:
        """A keystroke that would make a count field hold a non-number was dropped: say so."""
        self.count_hint.setStyleSheet("color:#b00020;")
        self.count_hint.setText(self.tr("“%1”只能填写人数：阿拉伯数字或中文数字（如 3、三、二十三），不能填“%2”。")
                                .replace("%1", self._count_label(key)).replace("%2", text.strip()))

    def _count_finished(self, key: str) -> None:
        """Leaving a count field: 二十三 becomes 23; what cannot be read is pointed out."""
        w: QLineEdit = self.w[key]
        text = w.text().strip()
        if not text:
            return
        try:
            number = numerals.parse_count(text)
        except ValueError as exc:
            self.count_hint.setStyleSheet("color:#b00020;")
            self.count_hint.setText(self._count_label(key) + "：" + str(exc))
            return
        if text != str(number):
            w.setText(str(number))
            self.count_hint.setStyleSheet("color:#555;")
            self.count_hint.setText(self.tr("“%1”已按“%2”记为 %3。").replace("%1", self._count_label(key))
                                    .replace("%2", text).replace("%3", str(number)))
        elif self.count_hint.styleSheet() == "color:#b00020;":
            self.count_hint.clear()

    # --- live grading and duplicates ---
    def _numbers(self, prefix: str) -> dict[str, int]:
        out = {}
        for key, _ in svc.COUNT_FIELDS:
            text = self.w[f"{prefix}_{key}"].text().strip()
            try:
                out[key] = numerals.parse_count(text)
            except ValueError:
                continue  # empty or not yet a number: left out of the live suggestion
        return out

    def _loss(self) -> int | None:
        text = self.w["direct_loss"].text().strip().replace(",", "")
        try:
            return round(float(text) * 10000) if text else None
        except ValueError:
            return None

    def _refresh_live(self) -> None:
        category = self.w["category"].currentData() or ""
        counts = self._numbers("count")
        loss = self._loss()
        if loss:
            counts["direct_loss"] = loss
        predicted = self._numbers("pred")
        type_ = self.w["type"].currentData() or ""
        result = svc.suggest(category, counts, predicted, self._tables, type=type_) if category else None
        response = svc.suggest_response(category, counts, predicted, self._tables) if category else None
        self._suggestion = result
        response_text = ""
        if response is not None:  # a response level (应急响应), shown apart from the event grade
            response_text = "\n" + self.tr("应急响应建议（不是事件等级）：") + svc.response_label(response.level)
        if result is None:
            if category and (type_ or category in ("health", "social")):
                text = self.tr("该类型没有国家事件分级标准，暂不定级（可人工定级）")
            else:
                text = self.tr("选择事件类别、类型并录入伤亡和损失后，自动给出建议等级")
            self.suggestion.setText(text + response_text)
            self.suggestion.setStyleSheet("")
        else:
            text = self.tr("建议等级：") + svc.grade_label(result.level)
            if result.predicted_decides:
                text += self.tr("（依据研判可能数字）")
            if result.reasons:
                text += "\n" + result.reasons[0].text
            text += "\n" + self.tr("依据：") + result.source + response_text
            self.suggestion.setText(text)
            colour = {1: "#b71c1c", 2: "#e65100", 3: "#f9a825", 4: "#1565c0"}.get(result.level, "#555")
            self.suggestion.setStyleSheet(f"border-left:6px solid {colour}; padding-left:6px;")
        self._refresh_duplicates()

    def _refresh_duplicates(self) -> None:
        self.duplicates.clear()
        if self.incident_id is not None:
            self.dup_label.hide()
            self.duplicates.hide()
            return
        inp = svc.CallInput(category=self.w["category"].currentData() or "",
                            type=self.w["type"].currentData() or "", place_text=self.w["place_text"].text())
        if not inp.place_text.strip() and not inp.type:
            found = []
        else:
            with self.ctx.store.read() as s:
                found = svc.likely_duplicates(s, inp, self.ctx.store.clock.now())
        for d in found[:5]:
            item = QListWidgetItem(f"{d.number} {d.title} — {d.why}")
            item.setData(Qt.ItemDataRole.UserRole, d.incident_id)
            self.duplicates.addItem(item)
        self.dup_label.setVisible(bool(found))
        self.duplicates.setVisible(bool(found))

    def _use_duplicate(self, item: QListWidgetItem) -> None:
        keep = self.values_for_draft()
        stamp = self._stamp  # the call was answered when it was opened, not when it became a follow-up
        self.follow_up(item.data(Qt.ItemDataRole.UserRole))
        self._stamp = stamp
        self._apply_draft({k: v for k, v in keep.items() if k not in ("category", "type", "place_text")
                           and not k.startswith(("count_", "pred_")) and k != "direct_loss" and v})

    # --- saving ---
    def collect(self) -> svc.CallInput:
        """Read the form into a CallInput; typed times are parsed (ValidationError if unreadable)."""
        now = self.ctx.store.clock.now()
        stamp = self._stamp if self._opened else now
        received_text = self.w["received_at"].text().strip()
        if not self._opened or not received_text or received_text == format_beijing(stamp):
            received = stamp  # untouched: the exact stamp, however long the call took
        else:
            try:
                received = parse_beijing(received_text, now)
            except ValueError as exc:
                raise ValidationError(str(exc), "received_at") from None
        occurred_text = self.w["occurred_at"].text().strip()
        try:
            occurred = parse_beijing(occurred_text, now) if occurred_text else None
        except ValueError as exc:
            raise ValidationError(str(exc), "occurred_at") from None
        counts = self._counts_for_save("count")
        predicted = self._counts_for_save("pred")
        loss_text = self.w["direct_loss"].text().strip().replace(",", "")
        if loss_text:
            try:
                counts["direct_loss"] = round(float(loss_text) * 10000)
            except ValueError:
                raise ValidationError(f"“直接经济损失”须为数字（万元），而不是“{loss_text}”。", "direct_loss") from None
            if counts["direct_loss"] < 0:
                raise ValidationError("“直接经济损失”不能为负数。", "direct_loss")
        return svc.CallInput(
            category=self.w["category"].currentData() or "", type=self.w["type"].currentData() or "",
            place_text=self.w["place_text"].text(), received_at=received, stamped_at=stamp,
            receipt_edit_reason=self.w["receipt_edit_reason"].text(), occurred_at=occurred,
            occurred_precision=self.w["occurred_precision"].currentData() if occurred else "unknown",
            jurisdiction_code=self._place().jurisdiction_code if self._place() else None,
            lat=self._place().lat if self._place() else None, lon=self._place().lon if self._place() else None,
            counts=counts, predicted=predicted,
            **{k: self.w[k].toPlainText() for k, _ in TEXT_FIELDS},
            commander=self.w["commander"].text(), channel=self.w["channel"].currentData(),
            caller_unit=self.w["caller_unit"].text(), caller_name=self.w["caller_name"].text(),
            caller_post=self.w["caller_post"].text(), caller_phone=self.w["caller_phone"].text(),
            grade=self.w["grade"].currentData(), grade_reason=self.w["grade_reason"].text(),
            flags=frozenset({"disaster_unstable"}) if self.w["unstable"].isChecked() else frozenset(),
            original_message=self.paste_assist.message, suggestions=self.paste_assist.review())

    def _counts_for_save(self, prefix: str) -> dict[str, int]:
        """The counts as numbers; one that cannot be read refuses the save, naming its field."""
        out = {}
        for key, _ in svc.COUNT_FIELDS:
            text = self.w[f"{prefix}_{key}"].text().strip()
            if not text:
                continue
            if text.startswith(("-", "－")):
                raise ValidationError(self.tr("“%1”不能为负数。").replace("%1", self._count_label(f"{prefix}_{key}")),
                                      f"{prefix}_{key}")
            try:
                out[key] = numerals.parse_count(text)
            except ValueError as exc:
                raise ValidationError(self._count_label(f"{prefix}_{key}") + "：" + str(exc), f"{prefix}_{key}") from None
        return out

    def _place(self) -> gazetteer.Place | None:
        text = self.w["place_text"].text().strip()
        if self._picked is not None and self._picked.text == text:
            return self._picked
        return self._places.get(text)

    def set_place(self, lat: float, lon: float, text: str) -> None:
        """A place picked on the map: its text and WGS-84 coordinates."""
        self._picked = gazetteer.Place(text, None, lat, lon, "map")
        self.w["place_text"].setText(text)
        self.w["jurisdiction"].setText(self._place_note(self._picked))
        self.w["place_text"].setFocus()

    def save(self) -> int | None:
        """Save the call; on refusal say why, point at the field and keep everything typed."""
        if not self.paste_assist.confirm_before_save():
            return None  # suggested counts not confirmed: back to the form
        try:
            inp = self.collect()
            with self.ctx.store.transaction() as s:
                result = svc.record_call(s, inp, self.incident_id)
        except ValidationError as exc:
            self.show_error(exc.message, exc.field)
            return None
        except UserError as exc:
            self.show_error(exc.message)
            return None
        self.clear_draft()
        self.go_idle()  # the next call is opened when it is answered
        self.w["caller_unit"].setFocus()  # where the next call starts, not the last field typed
        self.ctx.notifier.sig_data_changed.emit("incidents")
        self.sig_saved.emit(result.incident_id)
        return result.incident_id

    def show_error(self, message: str, field: str | None = None) -> None:
        """Explain a refusal in red and put the cursor on the field."""
        self.error.setText(message)
        key = {"counts": None}.get(field, field)
        if key and key not in self.w:
            key = f"count_{key}" if f"count_{key}" in self.w else None
        if key in self.w:
            self.w[key].setFocus()

    def cancel(self) -> bool:
        """Esc: clear the form, asking first if anything was typed; True if cleared."""
        if not self.is_blank() or self.receipt_edited():
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("放弃本次接报"),
                              self.tr("已录入的内容将被清除，且不会保存。确定放弃吗？"),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setObjectName("intake_cancel")
            box.button(QMessageBox.StandardButton.Yes).setText(self.tr("放弃"))
            box.button(QMessageBox.StandardButton.No).setText(self.tr("继续录入"))
            box.setDefaultButton(QMessageBox.StandardButton.No)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return False
        self.go_idle()
        self.w["caller_unit"].setFocus()
        return True

    # --- drafts: nothing typed is lost ---
    def draft_path(self) -> Path:
        """Where the unsaved call is kept between keystrokes (survives a crash)."""
        key = hashlib.sha256(self.ctx.store.label.encode()).hexdigest()[:12]
        folder = paths.data_dir() / "drafts"
        folder.mkdir(exist_ok=True)
        return folder / f"intake-{key}.json"

    def values_for_draft(self) -> dict:
        """What has been typed, as plain data for the draft file."""
        out = {}
        for key, w in self.w.items():
            if isinstance(w, QLineEdit):
                out[key] = w.text()
            elif isinstance(w, QPlainTextEdit):
                out[key] = w.toPlainText()
            elif isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif isinstance(w, QCheckBox):
                out[key] = w.isChecked()
        return out

    def write_draft(self) -> None:
        """Write the form to disk atomically (called shortly after each edit)."""
        if not self._opened:
            return
        data = {"stamp": self._stamp.isoformat(), "incident_id": self.incident_id, "values": self.values_for_draft(),
                "message": self.paste_assist.message}
        path = self.draft_path()
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    def clear_draft(self) -> None:
        """Forget the unsaved call draft."""
        self._draft_timer.stop()
        self.draft_path().unlink(missing_ok=True)

    def discard(self) -> None:
        """Drop the unsaved form (the 放弃草稿 button; asks first, like Esc)."""
        self.cancel()

    def restore_draft(self) -> bool:
        """Bring back a form left unsaved (e.g. by a crash); True if there was one."""
        from datetime import datetime

        path = self.draft_path()
        if not path.exists():
            return False
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            stamp = datetime.fromisoformat(data["stamp"])
        except (ValueError, KeyError, OSError):
            return False
        self.new_call()
        if data.get("incident_id"):
            self.follow_up(int(data["incident_id"]))
        self._open(stamp)
        self._apply_draft(data.get("values", {}))
        self.paste_assist.restore_message(data.get("message") or "")
        self.banner.setText(self.tr("已恢复未保存的接报草稿（接报时间 %1）。核对后保存，或点“放弃草稿”。")
                            .replace("%1", format_beijing(stamp)))
        self.banner.show()
        self.write_draft()
        return True

    def _apply_draft(self, values: dict) -> None:
        self._loading = True
        if "category" in values:
            self._set_combo("category", values["category"])
            self._category_changed()
        for key, value in values.items():
            w = self.w.get(key)
            if isinstance(w, QLineEdit):
                w.setText(value or "")
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(value or "")
            elif isinstance(w, QComboBox) and key != "category":
                i = w.findData(value)
                if i >= 0:
                    w.setCurrentIndex(i)
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
        self._loading = False
        self._show_receipt_state()
        self._refresh_live()

    def refresh_permission(self) -> None:
        """Enable saving only for an operator who may record calls."""
        actor = self.ctx.actor
        from ..services.auth import Permission

        self.btn_save.setEnabled(actor is not None and actor.can(Permission.RECORD_CALL))
