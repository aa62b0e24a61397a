"""A registry screen: filter box, sortable table, detail form, create/edit/delete.

A county keeps thousands of records (10,000 rescue teams in ten years): the list holds one page of them
(registry.PAGE, in the registry's order or by the clicked column), the filter and a click on a column header
ask the store, and 更多… fetches the next page; the Excel export still writes every record."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton,
    QSplitter, QTableView, QVBoxLayout, QWidget,
)

from ..errors import UserError, ValidationError
from ..services import registry
from ..services.registry import RegistrySpec, Row
from . import texts, theme
from .context import AppContext
from .record_form import RecordForm
from .tables import RowTableModel, fit_columns


class PagedRowModel(RowTableModel):
    """The page's rows as the store gave them: a header click asks the page to list again in that order."""

    def __init__(self, fields, on_sort, parent=None) -> None:
        super().__init__(fields, parent)
        self._on_sort = on_sort

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by *column* in the store (column -1: the registry's own order)."""
        key = self.fields[column].key if 0 <= column < len(self.fields) else None
        self._on_sort(key, order == Qt.SortOrder.DescendingOrder)


class RegistryPage(QWidget):
    """Lists one registry and edits the selected record beside the list."""

    sig_selected = Signal(object)
    """The selected record changed (a Row, or None)."""

    def __init__(self, ctx: AppContext, spec: RegistrySpec, where: dict | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.spec, self.where = ctx, spec, dict(where or {})
        self.current: Row | None = None
        self._new = False
        self._dirty = False
        self._stale = True

        self.filter = QLineEdit()
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText(self.tr("筛选：输入名称、编号、区划等关键字，空格分隔多个词（Ctrl+F）"))
        self.filter.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)  # the store is asked when typing pauses, not on every key
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self.refilter)
        self.filter.textChanged.connect(lambda _t: self._filter_timer.start())
        self.count = QLabel()
        self.count.setObjectName("registry_count")
        self.btn_more = QPushButton(self.tr("更多…"))
        self.btn_more.setObjectName("registry_more")
        self.btn_more.setToolTip(self.tr("再列出 %1 条").replace("%1", str(registry.PAGE)))
        self.btn_more.clicked.connect(self.load_more)
        self.btn_more.hide()
        self._listed = 0  # records fetched so far (a reload fetches as many again)
        self._sort: tuple[str | None, bool] = (None, False)
        self._pinned: list[int] = []  # saved here but sorting beyond the listed pages: listed at the end
        self.total = 0
        """How many records the registry has (under the page's fixed columns), listed or not."""
        self.matching = 0
        """How many of them match the filter."""
        self.btn_new = QPushButton(self.tr("新建"))
        self.btn_delete = QPushButton(self.tr("删除"))
        self.btn_refresh = QPushButton(self.tr("刷新"))
        self.btn_refresh.setToolTip(self.tr("重新读取数据库（F5），可看到其他席位的修改"))
        self.btn_new.clicked.connect(self.start_new)
        self.btn_delete.clicked.connect(self.delete_current)
        self.btn_refresh.clicked.connect(self.reload)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.count)
        bar.addWidget(self.btn_more)
        for b in (self.btn_new, self.btn_delete, self.btn_refresh):
            bar.addWidget(b)

        self.model = PagedRowModel(spec.table_fields, self._sort_changed, self)
        self.table = QTableView()
        self.table.setObjectName("table")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # until a header is clicked: the service's order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.heading = QLabel()
        self.heading.setObjectName("detail_heading")
        theme.mark(self.heading, "heading")
        self.form = RecordForm(spec.fields)
        self.form.sig_edited.connect(self._edited)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        theme.mark(self.notice, "warn")
        self.notice.hide()
        self.btn_save = QPushButton(self.tr("保存（Ctrl+S）"))
        self.btn_revert = QPushButton(self.tr("撤销修改（Esc）"))
        self.btn_save.setObjectName("save")
        self.btn_save.clicked.connect(self.save)
        self.btn_revert.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.btn_revert)
        buttons.addWidget(self.btn_save)
        self.detail = QWidget()
        dl = QVBoxLayout(self.detail)
        dl.setContentsMargins(8, 0, 0, 0)
        dl.addWidget(self.heading)
        dl.addWidget(self.notice)
        dl.addWidget(self.form, 1)
        self.extra_slot = QVBoxLayout()
        dl.addLayout(self.extra_slot)
        dl.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([780, 420])
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

        for keys, slot in ((QKeySequence.StandardKey.Save, self.save), ("Ctrl+F", self.filter.setFocus),
                           ("F5", self.reload), ("Escape", self.revert)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        sc = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        sc.setContext(Qt.ShortcutContext.WidgetShortcut)
        sc.activated.connect(self.delete_current)
        ctx.notifier.sig_data_changed.connect(self._other_changed)
        self._apply_permission()

    # --- loading ---
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Re-read the records if they changed while the page was hidden."""
        if self._stale:
            self.reload()
        super().showEvent(event)

    def _page(self, s, offset: int = 0, limit: int | None = None) -> registry.RowPage:
        key, descending = self._sort
        return registry.list_page(s, self.spec, self.filter.text(), offset=offset, limit=limit, sort=key,
                                  descending=descending, where=self.where)

    def reload(self) -> None:
        """Re-read the registry from the store (as many records as were listed), keeping the selection."""
        keep = self.current.id if self.current is not None else None
        self._filter_timer.stop()
        with self.ctx.store.read() as s:
            page = self._page(s, limit=max(registry.PAGE, self._listed))
            listed = {r.id for r in page.rows}
            extra = []
            for record_id in self._pinned:
                if record_id not in listed:
                    try:
                        extra.append(registry.get_row(s, self.spec, record_id))
                    except UserError:  # deleted meanwhile
                        pass
            self._pinned = [r.id for r in extra]
            choices = {f.key: registry.choices(s, f) for f in self.spec.fields
                       if f.kind in ("choice", "ref", "bool")}
        self.form.set_choices(choices)
        self._listed = len(page.rows)
        self.model.set_rows(page.rows + extra)
        self._stale = False
        self._update_count(page)
        if getattr(self.table, "_column_fitter", None) is None:  # measured once, then refitted on resize
            n = self.model.columnCount()  # the code and name keep their width longest, and so do
            # phone numbers, counts and dates (a cut-off 0518-… is of no use); free text gives way first
            short = ("phone", "int", "float", "bool", "date")
            kinds = [f.kind for f in self.model.fields]
            elastic = tuple(c for c in range(2, n) if kinds[c] not in short)
            phones = tuple(c for c in range(n) if kinds[c] == "phone")
            fit_columns(self.table, caps={c: 220 for c in range(n)}, elastic=elastic, watch=False, keep=phones)
        self._select(keep)

    def _other_changed(self, key: str) -> None:
        if key != self.spec.key or not self.isVisible():
            self._stale = True
            if self.isVisible():
                self.reload()

    def refilter(self) -> None:
        """The filter changed: list the first page of matches from the store, keeping the selection if listed."""
        self._filter_timer.stop()
        keep = self.current.id if self.current is not None else None
        self._pinned = []
        with self.ctx.store.read() as s:
            page = self._page(s)
        self._listed = len(page.rows)
        self.model.set_rows(page.rows)
        self._update_count(page)
        self._select(keep)

    @property
    def filter_pending(self) -> bool:
        """Whether typed filter text still waits for the list to be asked again."""
        return self._filter_timer.isActive()

    def _sort_changed(self, key: str | None, descending: bool) -> None:
        if (key, descending) == self._sort:
            return
        self._sort = (key, descending)
        self._pinned = []
        if not self._stale:  # the first listing (on show) already uses it
            self._listed = 0
            self.reload()

    def load_more(self) -> None:
        """更多…: fetch the next page below what is listed."""
        keep = self.current.id if self.current is not None else None
        with self.ctx.store.read() as s:
            page = self._page(s, offset=self._listed)
        have = {self.model.row(i).id for i in range(self.model.rowCount())}
        rows = [self.model.row(i) for i in range(self.model.rowCount())]
        self._listed += len(page.rows)
        self.model.set_rows(rows + [r for r in page.rows if r.id not in have])
        self._update_count(page)
        self._select(keep)

    def _update_count(self, page: registry.RowPage) -> None:
        self.total, self.matching = page.total, page.matching
        if self.filter.text().strip():
            text = (self.tr("符合条件 %1 条（共 %2 条）").replace("%1", str(page.matching))
                    .replace("%2", str(page.total)))
        else:
            text = self.tr("共 %1 条").replace("%1", str(page.total))
        if page.more:
            text += self.tr("，已列出前 %1 条").replace("%1", str(self._listed))
        self.count.setText(text)
        self.btn_more.setVisible(page.more)

    def select_id(self, record_id: int | None) -> None:
        """Select a record by id (a map marker, a record just saved); one not listed (beyond the listed pages)
        is fetched and listed at the end. None, or a record gone: the first row."""
        if record_id is not None and self.model.row_of(record_id) < 0 and not self._new:
            try:
                with self.ctx.store.read() as s:
                    row = registry.get_row(s, self.spec, record_id)
            except UserError:
                row = None
            if row is not None:
                self._pinned.append(record_id)
                self.model.set_rows([self.model.row(i) for i in range(self.model.rowCount())] + [row])
        self._select(record_id)

    def _select(self, record_id: int | None) -> None:
        """Select a record by id if it is listed; otherwise show the first row."""
        pos = self.model.row_of(record_id) if record_id is not None else -1
        if pos < 0 and self._new:
            return
        if pos < 0:
            pos = 0 if self.model.rowCount() else -1
        if pos < 0:
            self._show(None)
            return
        index = self.model.index(pos, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self._show(self.model.row(pos))

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            self._new = False
            self._show(self.model.row(current.row()))

    def _show(self, row: Row | None) -> None:
        self.current = row
        self._dirty = False
        self.form.load(row)
        if row is None:
            self.heading.setText(self.tr("（无记录）") if not self._new else self.tr("新建%1").replace("%1", self.spec.noun))
        else:
            self.heading.setText(row.texts.get(self.spec.title_key) or str(row.id))
        self.btn_delete.setEnabled(row is not None and self._may_edit())
        self.sig_selected.emit(row)

    # --- editing ---
    def _may_edit(self) -> bool:
        actor = self.ctx.actor
        return actor is not None and actor.can(self.spec.permission)

    def _apply_permission(self) -> None:
        may = self._may_edit()
        self.form.set_editable(may)
        for b in (self.btn_new, self.btn_save, self.btn_revert):
            b.setEnabled(may)
        self.btn_delete.setEnabled(may and self.current is not None)
        if may:
            self.notice.hide()
        else:
            self.notice.setText(self.tr("只读：") + texts.refusal(self.ctx.actor, self.spec.permission))
            self.notice.show()

    def refresh_permission(self) -> None:
        """Re-check what the operator on duty may do here."""
        self._apply_permission()

    def _edited(self) -> None:
        self._dirty = True
        self.form.clear_error()

    def start_new(self) -> None:
        """Clear the form for a new record."""
        self._new = True
        self.table.clearSelection()
        self._show(None)
        first = next((f for f in self.spec.fields if f.editable), None)
        if first is not None:
            self.form.widgets[first.key].setFocus()

    def revert(self) -> None:
        """Drop unsaved edits and show the stored record again."""
        if self._new:
            self._new = False
            self._select(None)
        else:
            self._show(self.current)

    def save(self) -> bool:
        """Validate and store the form; on refusal, say why and keep the input."""
        values = self.form.values()
        try:
            with self.ctx.store.transaction() as s:
                if self._new or self.current is None:
                    record_id = registry.create(s, self.spec, values)
                else:
                    record_id = self.current.id
                    registry.update(s, self.spec, record_id, values, expected=self.current)
        except ValidationError as exc:
            self.form.show_error(exc.message, exc.field)
            return False
        except UserError as exc:
            self.form.show_error(exc.message)
            return False
        self._new = False
        self.ctx.notifier.sig_data_changed.emit(self.spec.key)
        self.filter_keep_visible(record_id)
        return True

    def filter_keep_visible(self, record_id: int) -> None:
        """Reload and select *record_id*, clearing a filter that would hide it; a record that sorts beyond the
        listed pages is listed at the end, so what was just saved is always in view."""
        self.reload()
        if self.model.row_of(record_id) < 0 and self.filter.text():
            self.filter.blockSignals(True)
            self.filter.clear()
            self.filter.blockSignals(False)
            self.reload()
        self.select_id(record_id)

    def delete_current(self) -> None:
        """Delete the selected record after the user confirms."""
        row = self.current
        if row is None or not self._may_edit():
            return
        name = row.texts.get(self.spec.title_key) or str(row.id)
        if not self.confirm(self.tr("删除确认"),
                            self.tr("确定删除%1“%2”吗？此操作会记入审计日志。")
                            .replace("%1", self.spec.noun).replace("%2", name)):
            return
        try:
            with self.ctx.store.transaction() as s:
                registry.delete(s, self.spec, row.id, expected=row)
        except UserError as exc:
            self.form.show_error(exc.message)
            return
        self.current = None
        self.ctx.notifier.sig_data_changed.emit(self.spec.key)
        self.reload()

    def confirm(self, title: str, text: str) -> bool:
        """Ask a yes/no question (tests replace this)."""
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes
