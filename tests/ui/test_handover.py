"""The 交接班 page: a record assembled from the services, checks saved, signed by both, then read-only and printable."""

from PySide6.QtCore import Qt

from commanddesk.services import handover


def test_assemble_check_sign_and_print(qtbot, window, demo_store, tmp_path):
    window.show_page("handover")
    page = window.page("handover")
    page.reload()
    page.new_record()
    assert page.current is not None and "交接班记录" in page.view.toPlainText()
    assert page.list.rows.row(0).texts[1] == "待交班人签字" and page.out_b.isEnabled()
    for i in range(page.checks.rowCount()):
        page.checks.item(i, 0).setCheckState(Qt.CheckState.Checked)
    page.notes.setPlainText("夜间注意雨情")
    assert page.save()
    hid = page.current.id
    with demo_store.transaction() as s:
        handover.sign_outgoing(s, hid, "111111")
    with demo_store.transaction() as s:
        handover.sign_incoming(s, hid, "刘洋", "444444")
    page.reload()
    assert page.list.rows.row(0).texts[1:4] == ["已交接", "李晓明", "刘洋"]
    assert not page.edit_box.isEnabled() and "夜间注意雨情" in page.view.toPlainText()
    out = tmp_path / "h.pdf"
    page.write_pdf(str(out))
    assert out.read_bytes().startswith(b"%PDF")


def test_a_refusal_shows_in_place(qtbot, window, demo_store):
    window.show_page("handover")
    page = window.page("handover")
    page.new_record()
    page.checks.item(0, 0).setCheckState(Qt.CheckState.Unchecked)  # not normal and no note
    assert not page.save() and "请写明情况" in page.message.text()


def _signed_out_record(demo_store):
    with demo_store.transaction() as s:
        row = handover.draft(s)
        handover.update(s, row.id, [{"item": c["item"], "ok": True, "note": ""} for c in row.checklist])
        hid = row.id
    with demo_store.transaction() as s:
        handover.sign_outgoing(s, hid, "111111")
    return hid


def test_incoming_officer_takes_over_at_sign_in_and_sees_it_first(qtbot, window, demo_store):
    from commanddesk.ui.signin import SignInDialog

    hid = _signed_out_record(demo_store)
    dlg = SignInDialog(window.ctx)
    qtbot.addWidget(dlg)
    dlg.name.setCurrentText("刘洋")
    dlg.pin.setText("444444")
    dlg.try_sign_in()
    assert dlg.actor is None and dlg.take_over.isVisibleTo(dlg) and f"第 {hid} 号" in dlg.take_over.text()
    dlg.try_sign_in()
    assert dlg.actor.name == "刘洋"
    with demo_store.read() as s:
        assert handover.get(s, hid).incoming == "刘洋"
    assert window.stack.currentWidget() is window.page("handover")  # the window shows what was taken over


def test_skipping_the_handover_needs_a_reason(qtbot, window, demo_store):
    from sqlalchemy import select

    from commanddesk.models import AuditEntry
    from commanddesk.ui.signin import SignInDialog

    hid = _signed_out_record(demo_store)
    dlg = SignInDialog(window.ctx)
    qtbot.addWidget(dlg)
    dlg.name.setCurrentText("刘洋")
    dlg.pin.setText("444444")
    dlg.try_sign_in()
    dlg.take_over.setChecked(False)
    dlg.try_sign_in()
    assert dlg.actor is None and "须说明原因" in dlg.error.text()
    dlg.skip_reason.setText("交班人已离岗，电话确认后补签")
    dlg.try_sign_in()
    assert dlg.actor.name == "刘洋"
    with demo_store.read() as s:
        assert handover.get(s, hid).incoming_signed_at is None
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "handover_skipped")).one()
    assert "补签" in entry.after


def test_a_signed_record_is_corrected_by_a_new_one(qtbot, window, demo_store, monkeypatch):
    from commanddesk.ui import handover as page_mod

    hid = _signed_out_record(demo_store)
    with demo_store.transaction() as s:
        handover.sign_incoming(s, hid, "刘洋", "444444")
    window.show_page("handover")
    page = window.page("handover")
    page.reload()
    assert page.fix_b.isEnabled()

    class Fake:
        def __init__(self, title, fields, on_accept, **kw):
            self.on_accept = on_accept

        def exec(self):
            self.on_accept({"notes": "对讲机实为 3 台"})

    monkeypatch.setattr(page_mod, "FormDialog", Fake)
    page.correct()
    assert page.current.corrects_id == hid and "更正第" in page.current.notes
    assert page.list.rows.row(0).texts[1] == "待交班人签字" and not page.fix_b.isEnabled()
