"""预案: browse the plan library by tier and category, search it, read and compare editions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QStackedWidget, QTextBrowser, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..catalogues import catalogue
from ..plans import library as plan_library
from ..plans.diff import diff
from ..plans.model import TIERS
from ..plans.render import diff_html, plan_html
from ..plans.search import index_for
from . import theme
from .context import AppContext
from .texts import t

ROLE = Qt.ItemDataRole.UserRole


class PlansPage(QWidget):
    """Tree by tier and category, search with highlighted hits, reading view, edition diff."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.demo = self._store_is_demo()
        self.lib = plan_library.library(self.demo)
        self.current = None
        self.search = QLineEdit()
        self.search.setObjectName("plan_search")
        self.search.setPlaceholderText(self.tr("检索预案全文（如：堵漏、转移安置、Ⅱ级响应），空格分隔多个词"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.run_search)
        self.tier = self._combo({"": "全部层级", **TIERS})
        self.category = self._combo({"": "全部类别", **catalogue("incident_category")})
        self.level = self._combo({"": "全部级别", "1": "Ⅰ级", "2": "Ⅱ级", "3": "Ⅲ级", "4": "Ⅳ级"})
        for box in (self.tier, self.category, self.level):
            box.currentIndexChanged.connect(self.run_search)
        filters = QHBoxLayout()
        for box in (self.tier, self.category, self.level):
            filters.addWidget(box)
        self.tree = QTreeWidget()
        self.tree.setObjectName("plan_tree")
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(self._tree_selected)
        self.results = QTextBrowser()
        self.results.setObjectName("plan_results")
        self.results.setOpenLinks(False)
        self.results.anchorClicked.connect(self._result_clicked)
        self.results.hide()
        self.errors = QLabel()
        self.errors.setObjectName("plan_errors")
        self.errors.setWordWrap(True)
        theme.mark(self.errors, "warn")
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.search)
        ll.addLayout(filters)
        ll.addWidget(self.tree, 1)
        ll.addWidget(self.results, 1)
        ll.addWidget(self.errors)

        self.edition = QComboBox()
        self.edition.setObjectName("plan_edition")
        self.edition.currentIndexChanged.connect(self._edition_changed)
        self.compare = QComboBox()
        self.compare.setObjectName("plan_compare")
        self.btn_diff = QPushButton(self.tr("对比版本"))
        self.btn_diff.clicked.connect(self.show_diff)
        self.btn_pdf = QPushButton(self.tr("导出 PDF…"))
        self.btn_docx = QPushButton(self.tr("导出 Word…"))
        self.btn_pdf.clicked.connect(lambda: self.export("pdf"))
        self.btn_docx.clicked.connect(lambda: self.export("docx"))
        for box in (self.edition, self.compare):  # long edition names give way at 1366 px instead of widening the window
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("版本")))
        bar.addWidget(self.edition)
        bar.addWidget(QLabel(self.tr("与")))
        bar.addWidget(self.compare)
        bar.addWidget(self.btn_diff)
        bar.addStretch(1)
        self.btn_import = QPushButton(self.tr("导入 Word…"))
        self.btn_import.setToolTip(self.tr("从 .docx 导入为草稿，由系统管理员补全响应级别和条件后发布"))
        self.btn_import.clicked.connect(self.import_docx)
        self.btn_draft = QPushButton(self.tr("编辑草稿…"))
        self.btn_draft.clicked.connect(self.edit_draft)
        for b in (self.btn_import, self.btn_draft, self.btn_pdf, self.btn_docx):
            bar.addWidget(b)
        self.view = QTextBrowser()
        self.view.setObjectName("plan_view")
        theme.state().changed.connect(self._look_changed)  # the page's colours follow the day/night look
        self.demo_note = QLabel(self.tr("【演示】演示数据：虚构单位与电话，未经任何机关批准，不得用于实际处置"))
        self.demo_note.setObjectName("plan_demo_note")
        self.demo_note.setWordWrap(True)
        theme.mark(self.demo_note, "demo")
        self.demo_note.hide()
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 0, 0, 0)
        rl.addLayout(bar)
        rl.addWidget(self.demo_note)
        rl.addWidget(self.view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([380, 860])
        self.stack = QStackedWidget()
        self.stack.addWidget(split)
        self.stack.addWidget(self._empty_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.fill_tree()

    def _store_is_demo(self) -> bool:
        from ..services import plans as svc

        with self.ctx.store.read() as s:
            return svc.is_demo(s)

    def _empty_page(self) -> QWidget:
        """What a new post sees: no plans yet, and how to bring in its own."""
        page = QWidget()
        page.setObjectName("plan_empty")
        self.empty_text = QLabel(self.tr(
            "<h3>本值班室的预案库还是空的</h3>"
            "<p>请导入本单位现行的应急预案（Word .docx 文件）。导入后为草稿：标题、章节层级和表格按原文保留，"
            "由系统管理员补全响应级别、启动条件和措施后发布，发布后即可在事件中匹配和启动。</p>"
            "<p>软件自带的预案是演示数据，只在演示模式（commanddesk --demo）中出现。</p>"))
        self.empty_text.setWordWrap(True)
        self.btn_empty_import = QPushButton(self.tr("导入预案"))
        self.btn_empty_import.setObjectName("plan_empty_import")
        self.btn_empty_import.clicked.connect(lambda: self.import_docx())
        self.empty_message = QLabel()
        self.empty_message.setObjectName("plan_empty_message")
        self.empty_message.setWordWrap(True)
        theme.mark(self.empty_message, "error")
        box = QVBoxLayout(page)
        box.addStretch(1)
        box.addWidget(self.empty_text)
        box.addWidget(self.btn_empty_import, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.empty_message)
        box.addStretch(2)
        return page

    @property
    def empty(self) -> bool:
        """The library has no plan at all (not even a draft)."""
        return not self.lib.plans

    def _combo(self, items: dict[str, str]) -> QComboBox:
        box = QComboBox()
        for code, text in items.items():
            box.addItem(t(text), code)
        return box

    def fill_tree(self) -> None:
        """Plans grouped by tier, then category."""
        self.tree.clear()
        cats = {**catalogue("incident_category"), "all": "综合"}
        tiers: dict[str, QTreeWidgetItem] = {}
        groups: dict[tuple[str, str], QTreeWidgetItem] = {}
        first = None
        self.stack.setCurrentIndex(1 if self.empty else 0)
        for plan in sorted(self.lib.listed(), key=lambda p: (list(TIERS).index(p.tier), p.category, p.id)):
            if plan.tier not in tiers:
                tiers[plan.tier] = QTreeWidgetItem(self.tree, [t(TIERS[plan.tier])])
                tiers[plan.tier].setExpanded(True)
            key = (plan.tier, plan.category)
            if key not in groups:
                groups[key] = QTreeWidgetItem(tiers[plan.tier], [t(cats.get(plan.category, plan.category))])
                groups[key].setExpanded(True)
            item = QTreeWidgetItem(groups[key], [plan.marked_short])
            item.setData(0, ROLE, plan.id)
            item.setToolTip(0, plan.marked_title)
            first = first or item
        self.errors.clear()
        if self.lib.errors:
            self.errors.setText(self.tr("%1 个预案文件未能加载：").replace("%1", str(len(self.lib.errors)))
                                + "；".join(e.message for e in self.lib.errors[:3]))
        if first is not None and self.current is None:
            self.tree.setCurrentItem(first)

    def _tree_selected(self, item, _previous) -> None:
        if item is not None and item.data(0, ROLE):
            self.open_plan(item.data(0, ROLE))

    def open_plan(self, plan_id: str, edition: str | None = None, anchor: str = "") -> None:
        """Show a plan (its newest edition unless one is named)."""
        editions = self.lib.editions(plan_id)
        if not editions:
            return
        plan = next((p for p in editions if p.edition == edition), None) or self.lib.current(plan_id) or editions[0]
        self.current = plan
        self.demo_note.setVisible(plan.demo)
        for box in (self.edition, self.compare):
            box.blockSignals(True)
            box.clear()
            for p in editions:
                box.addItem(f"{p.edition} 版" + ("（现行）" if p is self.lib.current(plan_id) else "")
                            + ("" if p.status == "published" else f"（{p.status_label}）"), p.edition)
            box.blockSignals(False)
        self.edition.setCurrentIndex(self.edition.findData(plan.edition))
        self.compare.setCurrentIndex(min(1, self.compare.count() - 1))
        self.btn_diff.setEnabled(len(editions) > 1)
        self.view.setHtml(plan_html(plan, theme.document_colours()))
        self.btn_draft.setVisible(plan.status == "draft")
        if anchor:
            self.view.find(anchor)

    def _look_changed(self) -> None:
        if self.current is not None:
            self.open_plan(self.current.id, self.current.edition)

    def _edition_changed(self) -> None:
        if self.current is not None and self.edition.currentData():
            self.open_plan(self.current.id, self.edition.currentData())

    def show_diff(self) -> None:
        """Show what changed between the selected editions."""
        if self.current is None:
            return
        a = self.lib.get(self.current.id, self.compare.currentData())
        b = self.current
        if a is None or a is b:
            return
        from datetime import date

        old, new = (a, b) if (a.approved or date.min, a.edition) < (b.approved or date.min, b.edition) else (b, a)
        self.view.setHtml(diff_html(old, new, diff(old, new), theme.document_colours()))

    def run_search(self) -> None:
        """Search as the user types; hits replace the tree until the box is cleared."""
        text = self.search.text().strip()
        searching = bool(text)
        self.tree.setVisible(not searching)
        self.results.setVisible(searching)
        if not searching:
            return
        level = self.level.currentData()
        hits = index_for(self.lib).search(text, self.tier.currentData() or None, self.category.currentData() or None,
                                          int(level) if level else None)
        self.hits = hits
        if not hits:
            self.results.setHtml(self.tr("<p>没有找到“%1”。</p>").replace("%1", text))
            return
        from html import escape

        rows = [f"<p><a href='plan:{i}'><b>{escape(h.marked_title)}</b>（{escape(h.edition)}）· {escape(h.section)}</a>"
                f"<br>{h.snippet}</p>" for i, h in enumerate(hits)]
        self.results.setHtml(f"<p>共 {len(hits)} 处</p>" + "".join(rows))

    def _result_clicked(self, url: QUrl) -> None:
        index = int(url.toString().split(":", 1)[1])
        hit = self.hits[index]
        self.open_plan(hit.plan_id, hit.edition, hit.section)

    def export(self, fmt: str) -> None:
        """Save the plan shown as PDF or Word."""
        if self.current is None:
            return
        from .dialogs import file_name, save_path

        path = save_path(self, self.tr("导出预案"), file_name(self.current.marked_short, self.current.edition, ext=fmt),
                                              "PDF (*.pdf)" if fmt == "pdf" else "Word (*.docx)")
        if path:
            from ..documents import plans as export

            (export.write_pdf if fmt == "pdf" else export.write_docx)(self.current, path)

    # --- drafts from Word documents (administrators) ---
    def _admin(self) -> bool:
        from ..errors import PermissionDenied
        from ..services import auth

        try:
            auth.require(self.ctx.actor, auth.Permission.EDIT_RULES)
        except PermissionDenied as exc:
            self._say(exc.message)
            return False
        return True

    def import_docx(self, path: str | None = None) -> None:
        """Turn a Word plan into a draft in the user's plan folder."""
        from ..clock import to_beijing
        from ..errors import UserError
        from ..plans import importer
        from ..services import audit

        if not self._admin():
            return
        if path is None:
            from .dialogs import open_path

            path = open_path(self, self.tr("导入预案"), "Word (*.docx)")
            if not path:
                return
        try:
            target = importer.import_docx(Path(path), plan_library.plan_folder(self.demo),
                                          to_beijing(self.ctx.store.clock.now()).date())
        except UserError as exc:
            self._say(exc.message)
            return
        with self.ctx.store.transaction() as s:
            audit.record(s, "plan_import", "plan", target.stem, None, {"source": Path(path).name})
        self.reload_library()
        plan = next(p for p in self.lib.plans if p.path == str(target))
        self.open_plan(plan.id, plan.edition)
        self._say(self.tr("已导入为草稿：请补全响应级别、启动条件和措施后发布。"))

    def _say(self, text: str) -> None:
        """A message where the user is looking: the empty page or the list's foot."""
        (self.empty_message if self.empty else self.errors).setText(text)

    def edit_draft(self) -> None:
        """Edit the draft's text and publish it once it validates."""
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit

        if self.current is None or self.current.status != "draft" or not self._admin():
            return
        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("编辑预案草稿（TOML，格式见 docs/plan-format.md）"))
        edit = QPlainTextEdit(Path(self.current.path).read_text(encoding="utf-8"))
        note = QLabel()
        note.setWordWrap(True)
        theme.mark(note, "error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("校验并发布"))
        layout = QVBoxLayout(dlg)
        layout.addWidget(edit, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        dlg.resize(900, 640)
        from .dialogs import prepare

        prepare(dlg)
        buttons.rejected.connect(dlg.reject)
        buttons.accepted.connect(lambda: self._publish(dlg, edit.toPlainText(), note))
        self.draft_dialog = dlg
        dlg.exec()

    def _publish(self, dlg, text: str, note: QLabel) -> bool:
        from ..plans import importer
        from ..plans.library import PlanFileError
        from ..services import audit

        path = Path(self.current.path)
        try:
            importer.publish(text, path)
        except PlanFileError as exc:
            note.setText(exc.message)
            return False
        with self.ctx.store.transaction() as s:
            audit.record(s, "plan_publish", "plan", path.stem)
        dlg.accept()
        self.reload_library()
        return True

    def reload_library(self) -> None:
        """Re-read all plan files (after an import or a publication)."""
        self.lib = plan_library.reload(self.demo)
        self.current = None
        self.fill_tree()
