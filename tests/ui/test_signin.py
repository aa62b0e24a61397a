"""签到上岗: name and PIN; a refusal explained in the dialog, a new shift ending the last one."""

import pytest
from PySide6.QtWidgets import QDialog, QLabel
from sqlalchemy import select

from commanddesk.models import Shift
from commanddesk.ui.context import AppContext
from commanddesk.ui.signin import SignInDialog
from tests.conftest import sign_in


@pytest.fixture
def ctx(store):
    return AppContext(store)


def _dialog(qtbot, ctx, **kw) -> SignInDialog:
    d = SignInDialog(ctx, **kw)
    qtbot.addWidget(d)
    return d


def test_everyone_who_may_sign_in_is_offered_with_the_pin_hidden(qtbot, ctx):
    """The name list holds the store's active accounts, each with its role as tooltip; the PIN is masked."""
    d = _dialog(qtbot, ctx)
    names = [d.name.itemText(i) for i in range(d.name.count())]
    assert sorted(names) == sorted(["值班员甲", "领导乙", "导调丙", "管理员丁"])
    assert all(d.name.itemData(i, 3) for i in range(d.name.count()))
    assert d.pin.echoMode() == d.pin.EchoMode.Password


def test_a_right_pin_starts_the_shift_and_tells_the_window(qtbot, ctx, store):
    """The dialog closes accepted, the store's operator is the one named and the window hears it."""
    d = _dialog(qtbot, ctx)
    d.name.setCurrentText("领导乙")
    d.pin.setText("123456")
    with qtbot.waitSignal(ctx.notifier.sig_signed_in):
        d.try_sign_in()
    assert d.result() == QDialog.DialogCode.Accepted
    assert store.actor is d.actor and d.actor.name == "领导乙"


def test_a_wrong_pin_is_explained_and_the_pin_box_emptied(qtbot, ctx, store):
    """The dialog stays open with the reason in Chinese, the PIN cleared for the next try, nobody signed in."""
    d = _dialog(qtbot, ctx)
    d.name.setCurrentText("值班员甲")
    d.pin.setText("654321")
    d.try_sign_in()
    assert d.result() != QDialog.DialogCode.Accepted and store.actor is None
    assert d.error.text() and d.pin.text() == ""
    assert any("\u4e00" <= ch <= "\u9fff" for ch in d.error.text())


def test_no_name_no_attempt(qtbot, ctx, store):
    """An empty name is asked for before any PIN is checked."""
    d = _dialog(qtbot, ctx)
    d.name.setCurrentText("  ")
    d.pin.setText("123456")
    d.try_sign_in()
    assert d.error.text() == "请填写姓名。" and store.actor is None


def test_a_new_shift_ends_the_previous_one(qtbot, ctx, store):
    """Signing in over someone closes their shift: one open shift on the seat, the newcomer's."""
    first = sign_in(store, "值班员甲")
    d = _dialog(qtbot, ctx)
    d.name.setCurrentText("领导乙")
    d.pin.setText("123456")
    d.try_sign_in()
    with store.read() as s:
        open_shifts = s.scalars(select(Shift).where(Shift.ended_at.is_(None))).all()
        assert s.get(Shift, first.shift_id).ended_at is not None
    assert [sh.id for sh in open_shifts] == [d.actor.shift_id]


def test_while_the_store_is_still_opening_the_dialog_waits(qtbot, store):
    """Shown before the store is open (with the names it was given), it asks to wait; once attached it works."""
    d = _dialog(qtbot, None, accounts=[("值班员甲", "值班员")])
    assert d.name.count() == 1
    d.name.setCurrentText("值班员甲")
    d.pin.setText("123456")
    d.try_sign_in()
    assert "正在打开数据库" in d.error.text() and d.result() != QDialog.DialogCode.Accepted
    d.attach(AppContext(store))
    d.try_sign_in()
    assert d.result() == QDialog.DialogCode.Accepted and store.actor.name == "值班员甲"


def test_the_demo_lists_its_accounts(qtbot, ctx):
    """On the demo the dialog names the demo accounts and where their PINs are written; not on a real store."""
    plain = " ".join(w.text() for w in _dialog(qtbot, ctx).findChildren(QLabel))
    demo = " ".join(w.text() for w in _dialog(qtbot, ctx, demo=True).findChildren(QLabel))
    assert "演示账户" not in plain
    assert "演示账户" in demo and "值班员甲" in demo and "README" in demo
