"""安置: place an incident's evacuated people in shelters, never above capacity without an override."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from ..clock import format_beijing
from ..services import shelters as svc
from .context import AppContext
from .texts import t
from .widgets import error_label
from .text_table import TextRow, TextTable


class SheltersPanel(QWidget):
    """Shelters nearest an incident with their free places; place or release people."""

    sig_changed = Signal(int)
    """People were placed or left for this incident (its id)."""

    HEADERS = ["避难场所", "等级", "状态", "距离（千米）", "容量", "已安置", "空余", "本事件安置", "设施"]

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.incident_id: int | None = None
        self.options: list[svc.ShelterOption] = []
        self.table = TextTable(self.HEADERS, "shelter_options", right=(3, 4, 5, 6, 7))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.chosen = QLabel()
        self.chosen.setObjectName("shelter_chosen")
        self.people = QLineEdit()
        self.people.setObjectName("shelter_people")
        self.people.setPlaceholderText(self.tr("人数"))
        self.people.setMaximumWidth(90)
        self.group = QLineEdit()
        self.group.setObjectName("shelter_group")
        self.group.setPlaceholderText(self.tr("人员说明，如“低洼片区居民”“养老院老人”"))
        self.override = QCheckBox(self.tr("超员安置"))
        self.override.setObjectName("shelter_override")
        self.override_reason = QLineEdit()
        self.override_reason.setObjectName("shelter_override_reason")
        self.override_reason.setPlaceholderText(self.tr("超员理由（勾选超员时必填）"))
        self.override_reason.setEnabled(False)
        self.override.toggled.connect(self.override_reason.setEnabled)
        self.btn_assign = QPushButton(self.tr("安置"))
        self.btn_assign.setObjectName("btn_assign")
        self.btn_assign.clicked.connect(self.assign_selected)
        self.btn_release = QPushButton(self.tr("离开"))
        self.btn_release.setObjectName("btn_release")
        self.btn_release.clicked.connect(self.release_selected)
        form = QHBoxLayout()
        form.addWidget(self.chosen)
        form.addWidget(self.people)
        form.addWidget(self.group, 2)
        form.addWidget(self.override)
        form.addWidget(self.override_reason, 1)
        form.addWidget(self.btn_assign)
        form.addWidget(self.btn_release)
        self.message = error_label("shelter_message")
        top = QGroupBox(self.tr("可用避难场所（距事发地由近到远；已关闭的不列出）"))
        tl = QVBoxLayout(top)
        tl.addWidget(self.table, 1)
        tl.addLayout(form)
        tl.addWidget(self.message)
        self.history = TextTable(["时间", "避难场所", "人数", "安置后", "说明", "超员理由", "经办人"], "placements",
                                 right=(2, 3))
        bottom = QGroupBox(self.tr("本事件的安置记录"))
        QVBoxLayout(bottom).addWidget(self.history)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([380, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        ctx.notifier.sig_data_changed.connect(
            lambda key: self.reload() if key == "shelters" and self.isVisible() and self.incident_id else None)

    def load(self, incident_id: int | None) -> None:
        """Show shelters and placements for one incident."""
        self.incident_id = incident_id
        self.message.clear()
        self.reload()

    def reload(self) -> None:
        """Re-read shelters and this incident's placements."""
        keep = self.current()
        with self.ctx.store.read() as s:
            self.options = svc.options(s, self.incident_id)
            rows_ = svc.placements(s, self.incident_id) if self.incident_id is not None else []
        rows = []
        for o in self.options:
            texts = [o.name, t(o.level), t(o.status), f"{o.distance_km:.1f}" if o.distance_km is not None else "—",
                     f"{o.capacity:,}", f"{o.occupancy:,}", f"{o.free:,}", f"{o.placed_here:,}" if o.placed_here else "",
                     o.facilities]
            fg = "#b71c1c" if o.occupancy > o.capacity else "#8d5a00" if o.free == 0 else None
            rows.append(TextRow(texts, fg, tip=o.facilities))
        self.table.fill(rows, {0: 260, 8: 360})
        self.history.fill([TextRow([format_beijing(p.at, False), p.shelter, f"{p.people:+,}", f"{p.occupancy_after:,}",
                                    p.group, p.override_reason, p.actor_name]) for p in rows_])
        if keep is not None:
            self.select(keep.shelter_id)
        elif self.options:
            self.table.select_source(0)
        self._selected()

    def current(self) -> svc.ShelterOption | None:
        """The shelter selected in the list."""
        pos = self.table.current()
        return self.options[pos] if pos is not None and pos < len(self.options) else None

    def select(self, shelter_id: int) -> None:
        """Select a shelter by id."""
        for i, o in enumerate(self.options):
            if o.shelter_id == shelter_id:
                self.table.select_source(i)

    def _selected(self) -> None:
        o = self.current()
        may = self.ctx.actor is not None and self.ctx.actor.can(svc.auth.Permission.EDIT_REGISTRY)
        self.chosen.setText(f"{o.name}：空余 {o.free:,} 人" if o else self.tr("请选择避难场所"))
        self.btn_assign.setEnabled(may and o is not None)
        self.btn_release.setEnabled(may and o is not None and o.placed_here > 0)

    def _act(self, action) -> bool:
        if not self.ctx.act(action, self.message, "shelters"):
            return False
        if self.incident_id is not None:
            self.sig_changed.emit(self.incident_id)
        self.reload()
        return True

    def assign_selected(self) -> bool:
        """Place the typed number of people in the selected shelter."""
        o = self.current()
        if o is None:
            return False
        reason = self.override_reason.text() if self.override.isChecked() else ""
        ok = self._act(lambda s: svc.assign(s, o.shelter_id, self.people.text(), self.incident_id, self.group.text(),
                                            reason, expected_version=o.version))
        if ok:
            self.people.clear()
            self.group.clear()
            self.override.setChecked(False)
            self.override_reason.clear()
        return ok

    def release_selected(self) -> bool:
        """Record the typed number of people leaving the selected shelter."""
        o = self.current()
        if o is None:
            return False
        return self._act(lambda s: svc.release(s, o.shelter_id, self.people.text(), self.incident_id,
                                               self.group.text(), expected_version=o.version))

    def refresh_permission(self) -> None:
        """Re-check what the operator on duty may do here."""
        self._selected()
