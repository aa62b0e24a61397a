"""The first administrator of a new post: the PIN obeys the same rule as every other account."""

from sqlalchemy import func, select

from commanddesk.models import Operator
from commanddesk.ui.context import AppContext
from commanddesk.ui.first_run import FirstAdminDialog


def _admins(store):
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(Operator).where(Operator.role == "admin"))


def _fill(dialog, name, pin):
    dialog.name.setText(name)
    dialog.pin.setText(pin)
    dialog.pin2.setText(pin)
    dialog.create()


def test_a_trivial_pin_is_refused_and_no_account_is_made(qtbot, store):
    before = _admins(store)
    dialog = FirstAdminDialog(AppContext(store))
    qtbot.addWidget(dialog)
    _fill(dialog, "新管理员", "123456")
    assert "过于简单" in dialog.error.text()
    assert _admins(store) == before


def test_a_sound_pin_makes_the_administrator(qtbot, store):
    before = _admins(store)
    dialog = FirstAdminDialog(AppContext(store))
    qtbot.addWidget(dialog)
    _fill(dialog, "新管理员", "583920")
    assert dialog.error.text() == ""
    assert _admins(store) == before + 1
