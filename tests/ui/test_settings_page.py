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
