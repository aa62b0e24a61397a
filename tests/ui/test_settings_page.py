"""设置 page: the post's own settings (rule tables, 零报告 units, seat lock) checked, audited, and only for administrators."""

from commanddesk.services import incidents as svc


def test_post_settings_choose_a_table_for_every_kind(qtbot, demo_store):
    """The administrator picks tables by title for all eight scales; the choice is stored and graded on."""
    from commanddesk.services import settings
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.main_window import MainWindow
    from tests.conftest import sign_in

    sign_in(demo_store, "赵磊", "999999")
    w = MainWindow(AppContext(demo_store, demo=True))
    qtbot.addWidget(w)
    w.show_page("settings")
    post = w.page("settings").post
    assert len(post.tables) == 8 and all(box.isEnabled() for box in post.tables.values())
    assert post.tables["geohazard"].currentText().startswith("国家标准：突发地质灾害")
    relief = post.tables["natural_disaster"]
    relief.setCurrentIndex(relief.findData("demo_county_relief"))
    post.save()
    assert post.note.text() == "已保存。"
    with demo_store.read() as s:
        assert settings.get(s, "grading_table_natural_disaster") == "demo_county_relief"
        assert svc.tables_for(s)["geohazard"] == ""


def test_post_settings_are_read_only_for_a_duty_officer(qtbot, window):
    window.show_page("settings")
    post = window.page("settings").post
    assert not any(box.isEnabled() for box in post.tables.values()) and not post.btn.isEnabled()


def test_post_settings_name_the_zero_report_units_and_deadline(qtbot, demo_store):
    from commanddesk.services import settings, zero_reports
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.main_window import MainWindow
    from tests.conftest import sign_in

    sign_in(demo_store, "赵磊", "999999")
    w = MainWindow(AppContext(demo_store, demo=True))
    qtbot.addWidget(w)
    w.show_page("settings")
    post = w.page("settings").post
    post.edits["zero_report_units"].setText("朝阳街道、中云街道、朝阳街道")
    post.save()
    assert "单位重复：朝阳街道" in post.note.text()
    post.edits["zero_report_units"].setText("朝阳街道、中云街道，开发区住房和城乡建设局")
    post.edits["zero_report_deadline"].setText("25:00")
    post.save()
    assert "08:30 这样的时刻" in post.note.text()
    with demo_store.read() as s:
        assert settings.get(s, zero_reports.UNITS_KEY) == ""  # nothing of the refused saves was kept
    post.edits["zero_report_deadline"].setText("09:00")
    post.save()
    assert post.note.text() == "已保存。"
    with demo_store.read() as s:
        assert zero_reports.units(s) == ["朝阳街道", "中云街道", "开发区住房和城乡建设局"]
        assert zero_reports.checklist(s).deadline.strftime("%H:%M") == "09:00"


def test_post_settings_set_the_seat_lock_minutes_checked_and_audited(qtbot, demo_store, clock):
    """The administrator sets 闲置锁屏（分钟）: junk and out-of-range values are refused with nothing saved;
    a good value is audited and the seat then locks after that many quiet minutes."""
    from sqlalchemy import select

    from commanddesk.models import AuditEntry
    from commanddesk.services import settings
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.main_window import MainWindow
    from tests.conftest import sign_in

    sign_in(demo_store, "赵磊", "999999")
    w = MainWindow(AppContext(demo_store, demo=True))
    qtbot.addWidget(w)
    w.show()
    w.show_page("settings")
    post = w.page("settings").post
    field = post.edits["idle_lock_minutes"]
    assert field.isEnabled() and not field.isReadOnly()
    for junk in ("abc", "-1", "241", "３", "1.5"):
        field.setText(junk)
        post.save()
        assert "“闲置锁屏（分钟）”须为 0 至 240 的整数" in post.note.text(), junk
    with demo_store.read() as s:
        assert settings.get(s, "idle_lock_minutes") == "0"  # the test default: nothing of the refusals kept
    field.setText(" 3 ")
    post.save()
    assert post.note.text() == "已保存。"
    with demo_store.read() as s:
        assert settings.get(s, "idle_lock_minutes") == "3"
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity_id == "idle_lock_minutes")
                          .order_by(AuditEntry.id.desc()).limit(1)).one()
        assert entry.actor_name == "赵磊" and '"3"' in entry.after
    w.idle_lock.check()
    clock.advance(minutes=3, seconds=1)
    w.idle_lock.check()
    assert w.idle_lock.locked


# --- 数据与审计: the audit check and the tidy, on worker threads ----------------------------------------------


def _settings(qtbot, store, name="赵磊", pin="999999"):
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.settings_page import SettingsPage
    from tests.conftest import sign_in

    sign_in(store, name, pin)
    page = SettingsPage(AppContext(store, demo=True))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def test_the_page_says_which_database_and_schema_it_runs_on(qtbot, demo_store):
    """数据与审计 names the store, the schema revision and where the error log is."""
    from commanddesk import migrations

    page = _settings(qtbot, demo_store)
    text = page.info.text()
    assert demo_store.label in text and f"结构版本：{migrations.HEAD}" in text and "commanddesk.log" in text


def test_the_audit_check_runs_beside_the_work_and_says_the_chain_is_whole(qtbot, demo_store):
    """校验 runs on its own thread with a progress bar and ends with 审计日志完整 in plain colours."""
    page = _settings(qtbot, demo_store)
    page.verify()
    assert not page.btn_verify.isEnabled() and page.verify_result.text() == "正在校验审计日志…"
    page.wait_verified()
    qtbot.waitUntil(lambda: page.btn_verify.isEnabled(), timeout=30000)
    assert page.verify_result.text().startswith("审计日志完整：共 ") and page.verify_result.styleSheet() == ""
    assert page.verify_bar.isHidden()


def test_a_record_changed_behind_the_apps_back_is_found_and_shown_in_red(qtbot, demo_store):
    """A team renamed straight in the file (not through the app) fails the check, in bold red."""
    import sqlite3

    conn = sqlite3.connect(demo_store.path)
    conn.execute("UPDATE rescue_team SET name = '改名未留痕' WHERE id = (SELECT min(id) FROM rescue_team)")
    conn.commit()
    conn.close()
    page = _settings(qtbot, demo_store)
    page.verify()
    page.wait_verified()
    qtbot.waitUntil(lambda: page.btn_verify.isEnabled(), timeout=30000)
    assert "审计日志完整" not in page.verify_result.text() and "问题" in page.verify_result.text()
    assert "#b00020" in page.verify_result.styleSheet()


def test_tidying_by_hand_reports_what_it_did_and_counts_for_the_schedule(qtbot, demo_store):
    """整理数据库 runs on a worker thread, says how the file changed, and is recorded as a run by hand."""
    from commanddesk.services import upkeep

    page = _settings(qtbot, demo_store)
    with demo_store.read() as s:
        assert upkeep.last_runs(s)[1] is None
    tidy = page.tidy
    tidy.start()
    assert not tidy.btn.isEnabled() and tidy.result.text() == "正在整理数据库…"
    tidy.wait()
    qtbot.waitUntil(lambda: tidy.btn.isEnabled(), timeout=30000)
    assert tidy.result.text().startswith("已整理数据库：") and tidy.result.styleSheet() == ""
    with demo_store.read() as s:
        assert upkeep.last_runs(s)[1] == demo_store.clock.now()  # the schedule will not run it again tonight


def test_only_an_administrator_may_point_this_machine_at_another_database(qtbot, demo_store):
    """连接数据库… is an administrator's; for a duty officer it is off."""
    page = _settings(qtbot, demo_store, "李晓明", "111111")
    assert not page.btn_store.isEnabled()
    from tests.conftest import sign_in

    sign_in(demo_store, "赵磊", "999999")
    page.refresh_permission()
    assert page.btn_store.isEnabled()
