"""The plans page: browse, search, diff editions, read at night, export, a new post's empty library and Word drafts
(the incident's 预案 tab: test_plan_panel.py)."""

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QLabel
from sqlalchemy import select

from commanddesk.models import AuditEntry
from commanddesk.ui import dialogs
from commanddesk.ui.context import AppContext
from commanddesk.ui.plans import PlansPage
from tests.conftest import sign_in
from tests.plans.test_import_export import _word_plan


def test_browse_search_and_diff(qtbot, window):
    """The library page lists plans, finds short terms and diffs two editions."""
    window.show_page("plans")
    page = window.page("plans")
    assert page.tree.topLevelItemCount() >= 1
    page.search.setText("堵漏")
    assert page.results.isVisible() and "<b>" not in page.results.toPlainText() and "堵漏" in page.results.toPlainText()
    page.search.clear()
    page.open_plan("special.hazmat")
    assert page.btn_diff.isEnabled()
    page.show_diff()
    assert "2021 版 → 2024 版" in page.view.toPlainText()


def test_a_plan_read_at_night_has_headings_in_the_night_colours(qtbot, window):
    """The reading view follows the look (the day's dark-blue headings were unreadable on the night background)."""
    from commanddesk.ui import theme

    window.show_page("plans")
    page = window.page("plans")
    page.open_plan("special.hazmat")
    try:
        theme.apply("night")
        night = page.view.toHtml()
        assert theme.NIGHT.accent in night.lower() and "#1a3c6e" not in night.lower()
    finally:
        theme.apply("day")
    assert "#1a3c6e" in page.view.toHtml().lower()


# --- the page on its own: demo library, a new post's empty library, Word drafts ---------------------------------



LEVEL = '''
[[groups]]
id = "move"
name = "转移安置组"
lead = "社会事务办"

[[levels]]
level = 4
activated_by = "街道主任"
summary = "一般汛情"
  [[levels.conditions]]
  text = "需转移群众 50 人以上"
  field = "relocated"
  op = ">="
  value = 50
  [[levels.measures]]
  id = "m1"
  text = "组织低洼片区群众转移"
  group = "move"
'''


@pytest.fixture
def demo_page(qtbot, demo_store):
    page = PlansPage(AppContext(demo_store, demo=True))
    qtbot.addWidget(page)
    page.resize(1240, 700)
    page.show()
    return page


@pytest.fixture
def post_page(qtbot, store):
    page = PlansPage(AppContext(store))
    qtbot.addWidget(page)
    page.resize(1240, 700)
    page.show()
    return page


def _leaves(tree) -> list:
    out = []

    def walk(item):
        for i in range(item.childCount()):
            child = item.child(i)
            (out.append(child) if child.childCount() == 0 else walk(child))
    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return out


def test_the_demo_library_opens_on_its_first_plan_marked_as_demo(demo_page):
    """Plans hang under tier then category; the first is open with its 【演示】 note and editions listed."""
    leaves = _leaves(demo_page.tree)
    assert leaves and all(leaf.text(0).startswith("【演示】") for leaf in leaves)
    assert demo_page.stack.currentIndex() == 0 and demo_page.current is not None
    assert demo_page.demo_note.isVisible() and demo_page.edition.count() >= 1
    assert demo_page.current.title in demo_page.view.toPlainText()
    assert not demo_page.btn_draft.isVisible()  # published and demo plans are not edited here


def test_search_narrows_by_level_and_a_hit_opens_its_plan(demo_page):
    """A term lists its hits; a level filter keeps fewer or as many; a miss says so; a hit opens that plan."""
    demo_page.search.setText("转移")
    every = len(demo_page.hits)
    assert every and demo_page.results.isVisible() and not demo_page.tree.isVisible()
    assert f"共 {every} 处" in demo_page.results.toPlainText()
    demo_page.level.setCurrentIndex(demo_page.level.findData("1"))
    assert len(demo_page.hits) <= every
    demo_page.level.setCurrentIndex(0)
    hit = demo_page.hits[-1]
    demo_page._result_clicked(QUrl(f"plan:{len(demo_page.hits) - 1}"))
    assert demo_page.current.id == hit.plan_id and demo_page.current.edition == hit.edition
    demo_page.search.setText("没有这个词的预案内容")
    assert "没有找到“没有这个词的预案内容”" in demo_page.results.toPlainText()
    demo_page.search.clear()
    assert demo_page.tree.isVisible() and not demo_page.results.isVisible()


def test_the_plan_shown_is_exported_under_its_own_name(demo_page, monkeypatch, tmp_path):
    """导出 PDF / Word suggest 【演示】short-edition and write the file chosen; cancel writes nothing."""
    asked: list = []
    target = {"pdf": tmp_path / "p.pdf", "docx": tmp_path / "p.docx"}
    monkeypatch.setattr(dialogs, "save_path", lambda parent, title, name, filters:
                        asked.append(name) or str(target[name.rsplit(".", 1)[1]]))
    demo_page.export("pdf")
    demo_page.export("docx")
    assert target["pdf"].read_bytes().startswith(b"%PDF") and target["docx"].stat().st_size > 0
    assert all(demo_page.current.edition in name for name in asked)
    monkeypatch.setattr(dialogs, "save_path", lambda *a: "")
    target["pdf"].unlink()
    demo_page.export("pdf")
    assert not target["pdf"].exists()


def test_a_new_post_sees_an_empty_library_and_how_to_fill_it(post_page):
    """No plan yet: the empty page explains the import; a duty officer who tries is told who may."""
    assert post_page.empty and post_page.stack.currentIndex() == 1
    assert "预案库还是空的" in post_page.empty_text.text()
    post_page.import_docx("/nowhere.docx")  # nobody signed in
    assert post_page.empty_message.text() == "无权执行「修改定级与时限规则表」：请先签到上岗。"


def test_an_administrator_imports_a_word_plan_as_a_draft_then_publishes_it(qtbot, post_page, store, tmp_path):
    """Import: a draft in the tree, opened, audited, with 编辑草稿; publishing refuses an incomplete draft
    and accepts it once levels are added."""
    sign_in(store, "值班员甲")
    post_page.import_docx(str(tmp_path / "none.docx"))
    assert "需要 系统管理员" in post_page.empty_message.text() and post_page.empty
    sign_in(store, "管理员丁")
    src = tmp_path / "云山街道防汛应急预案.docx"
    _word_plan(src)
    post_page.import_docx(str(src))
    assert post_page.stack.currentIndex() == 0 and post_page.current.status == "draft"
    assert "已导入为草稿" in post_page.errors.text() and post_page.btn_draft.isVisible()
    assert post_page.current.title == "云山街道防汛应急预案"
    with store.read() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "plan_import")) is not None

    draft = Path(post_page.current.path).read_text(encoding="utf-8")
    dlg, note = QDialog(), QLabel()
    qtbot.addWidget(dlg)
    assert not post_page._publish(dlg, draft, note) and "levels" in note.text()
    assert post_page._publish(dlg, draft + LEVEL, note)
    assert dlg.result() == QDialog.DialogCode.Accepted
    (plan,) = post_page.lib.plans
    assert plan.status == "published" and not plan.marked_title.startswith("【")
    with store.read() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "plan_publish")) is not None