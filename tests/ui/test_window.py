"""The main window, sign-in, the duty overview and settings."""

from PySide6.QtCore import Qt

from commanddesk.ui.main_window import PAGE_KEYS
from commanddesk.ui.signin import SignInDialog


def test_every_page_opens(qtbot, window):
    """Each navigation entry shows a working page (no placeholders)."""
    for i, key in enumerate(PAGE_KEYS):
        window.nav.setCurrentRow(i)
        assert window.stack.currentWidget() is window.page(key)
        assert window.page(key).objectName() == f"page_{key}"


def test_status_bar_names_operator_and_database(window, demo_store):
    """The status bar shows who is on duty and which file is open."""
    assert "李晓明" in window.operator_label.text() and "值班员" in window.operator_label.text()
    assert str(demo_store.path) in window.db_label.text()


def test_duty_overview_counts(window):
    """The duty page shows resource counts from the store."""
    page = window.page("duty")
    avail, total = page.card_labels["teams"].text().split(" / ")
    assert int(total) >= 60 and int(avail) == int(total)
    assert "李晓明" in page.title.text()


def test_duty_clock_follows_injected_clock(qtbot, window, clock):
    """The on-screen clock is driven by the injected clock, not the machine."""
    page = window.page("duty")
    clock.advance(minutes=20)
    page._update_clock()
    assert page.clock.text().startswith("2026-11-23 22:20:00")


def test_sign_in_dialog(qtbot, demo_store):
    """A wrong PIN is refused in place; the right one signs in and starts a shift."""
    from commanddesk.ui.context import AppContext

    demo_store.actor = None
    dlg = SignInDialog(AppContext(demo_store, demo=True))
    qtbot.addWidget(dlg)
    dlg.name.setCurrentText("周建华")
    qtbot.keyClicks(dlg.pin, "0000")
    qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    assert "不正确" in dlg.error.text() and dlg.result() == 0
    qtbot.keyClicks(dlg.pin, "222222")
    qtbot.keyClick(dlg.pin, Qt.Key.Key_Return)
    assert dlg.result() == 1
    assert demo_store.actor.name == "周建华" and demo_store.actor.role_label == "带班领导"


def test_accounts_are_admin_only(qtbot, window):
    """The duty officer sees accounts read-only with the reason."""
    window.show_page("settings")
    accounts = window.page("settings").accounts
    assert not accounts.btn_new.isEnabled()
    assert "系统管理员" in accounts.notice.text()


def test_settings_verifies_audit_chain(qtbot, window):
    """The settings page checks the audit chain on a thread, a progress bar counting, and reports it intact."""
    window.show_page("settings")
    settings = window.page("settings")
    settings.setCurrentIndex(1)
    formats = []
    settings.sig_verify_progress.connect(lambda *_a: formats.append(settings.verify_bar.format()))
    settings.btn_verify.click()
    assert not settings.btn_verify.isEnabled() and settings.verify_bar.isVisible()
    qtbot.waitUntil(lambda: settings.btn_verify.isEnabled(), timeout=30_000)
    assert "审计日志完整" in settings.verify_result.text()
    assert not settings.verify_bar.isVisible()
    assert "哈希链 %v / %m 条" in formats and "业务数据 %v / %m 行" in formats


def test_settings_tidies_the_database_with_a_progress_bar(qtbot, window, demo_store):
    """整理数据库 runs on a thread: the bar fills, the outcome names the file's size; the data stays."""
    from commanddesk.services import audit

    window.show_page("settings")
    settings = window.page("settings")
    settings.setCurrentIndex(1)
    tidy = settings.tidy
    tidy.btn.click()
    assert not tidy.btn.isEnabled() and tidy.bar.isVisible()
    qtbot.waitUntil(lambda: tidy.btn.isEnabled(), timeout=30_000)
    assert "已整理数据库" in tidy.result.text() and "MB" in tidy.result.text()
    assert tidy.bar.value() == tidy.bar.maximum()
    with demo_store.read() as s:
        assert audit.verify(s.connection(), demo_store.seal).ok


def test_post_settings_admin_only(qtbot, window, demo_store):
    """Only an administrator changes the post's settings; bad minutes are refused."""
    window.show_page("settings")
    post = window.page("settings").post
    assert not post.btn.isEnabled() and "仅系统管理员" in post.note.text()
    from tests.conftest import sign_in

    sign_in(demo_store, "赵磊", "999999")
    window.ctx.notifier.sig_signed_in.emit()
    assert post.btn.isEnabled()
    post.edits["due_soon_minutes"].setText("九十")
    post.save()
    assert "1 至 60" in post.note.text()
    post.edits["due_soon_minutes"].setText("8")
    post.edits["post_phone"].setText("0518-80140000")
    post.save()
    from commanddesk.services import settings

    with demo_store.read() as s:
        assert settings.get(s, "due_soon_minutes") == "8" and settings.get(s, "post_phone") == "0518-80140000"
    assert window.strip.due_soon_minutes == 8


def test_mute_is_remembered(qtbot, window, demo_store):
    """Muting the alarm sound is stored; the flashing strip stays."""
    window.mute_action.setChecked(True)
    assert window.alarm.muted
    from commanddesk.services import settings

    with demo_store.read() as s:
        assert settings.get(s, "alarm_muted") == "1"


def test_no_page_is_wider_than_a_1366_screen(qtbot, window):
    """With the app's own look applied, no page asks the window for more than 1366 px."""
    from PySide6.QtWidgets import QApplication

    from commanddesk.ui import theme

    app = QApplication.instance()
    font, style, sheet, palette = app.font(), app.style().name(), app.styleSheet(), app.palette()
    try:
        for look in ("day", "night"):
            theme.apply(look, large=False)
            for key in PAGE_KEYS:
                window.show_page(key)
                assert window.minimumSizeHint().width() <= 1366, (look, key, window.minimumSizeHint())
    finally:
        app.setStyle(style)
        app.setFont(font)
        app.setStyleSheet(sheet)
        app.setPalette(palette)
