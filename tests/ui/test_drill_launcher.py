"""The 演练 page of the real workspace: only trainers start a drill or read its injects; past drills listed by scenario and start time."""

from tests.conftest import sign_in
from tests.ui.test_drill_console import _start_as_trainer, _widget_texts


def test_only_trainers_start_drills(qtbot, window):
    """A duty officer is told who may start a drill."""
    window.show_page("drills")
    page = window.page("drills")
    assert page.start() is None and "演练导调员" in page.message.text()


def test_launcher_shows_the_script_to_trainers_only(qtbot, window, demo_store):
    """The duty officer's launcher shows the scenario and objectives but no inject; the trainer's all of them."""
    window.show_page("drills")
    page = window.page("drills")
    page.choice.setCurrentIndex(page.choice.findData("chem-park-explosion"))
    sc = page._scenario()
    def flat(text: str) -> str:
        return "".join(text.split())

    text = flat(page.info.toPlainText())
    assert flat(sc.title) in text and not any(flat(i.text)[:20] in text for i in sc.injects)
    sign_in(demo_store, "陈静", "333333")
    window.ctx.notifier.sig_signed_in.emit()
    assert all(flat(i.text)[:20] in flat(page.info.toPlainText()) for i in sc.injects)


def test_drills_are_named_by_scenario_and_start_time(qtbot, window, demo_store, clock):
    """Past drills read "化工… · 2026-11-23 22:00 开始", not a file name."""
    run, drill_window = _start_as_trainer(qtbot, window, demo_store)
    page = window.page("drills")
    texts = [page.past.item(i).text() for i in range(page.past.count())]
    assert texts == [f"{run.scenario.title} · 2026-11-23 22:00 开始"]
    assert ".sqlite" not in _widget_texts(page) and ".sqlite" not in _widget_texts(drill_window)
    assert run.scenario.title in drill_window.db_label.text()
