"""AppContext.act: one user action, one transaction; a refusal shows in the label and changes nothing."""

from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from commanddesk.errors import UserError
from commanddesk.models import Operator
from commanddesk.ui.context import AppContext
from tests.conftest import sign_in


def _operators(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(Operator))


def test_a_refused_action_shows_its_reason_and_rolls_back(qtbot, store):
    """The Chinese reason lands in the label; what the action wrote before refusing is not kept."""
    ctx = AppContext(store)
    label = QLabel()
    qtbot.addWidget(label)
    changed: list[str] = []
    ctx.notifier.sig_data_changed.connect(changed.append)
    before = _operators(store)

    def action(s):
        s.add(Operator(name="半路", role="duty_officer", pin_hash="-", post=""))
        s.flush()
        raise UserError("不允许：测试")

    assert ctx.act(action, label, key="operators") is False
    assert label.text() == "不允许：测试"
    assert _operators(store) == before and changed == []


def test_a_done_action_clears_the_label_and_tells_the_views(qtbot, store):
    """On success the old message goes, the change is committed and views hear the key."""
    ctx = AppContext(store)
    label = QLabel("上一次的错误")
    qtbot.addWidget(label)
    with qtbot.waitSignal(ctx.notifier.sig_data_changed) as heard:
        assert ctx.act(lambda s: s.add(Operator(name="新人", role="duty_officer", pin_hash="-", post="")),
                       label, key="operators")
    assert heard.args == ["operators"] and label.text() == ""
    assert _operators(store) == 5


def test_without_a_key_nobody_is_told(qtbot, store):
    """An action with no key is committed quietly."""
    ctx = AppContext(store)
    label = QLabel()
    qtbot.addWidget(label)
    changed: list[str] = []
    ctx.notifier.sig_data_changed.connect(changed.append)
    assert ctx.act(lambda s: None, label)
    assert changed == []


def test_actor_is_whoever_is_signed_in_on_the_store(store):
    """The context follows the store's sign-in, it keeps no copy of its own."""
    ctx = AppContext(store)
    assert ctx.actor is None and ctx.demo is False and ctx.drill is None
    actor = sign_in(store, "领导乙")
    assert ctx.actor is actor and ctx.actor.name == "领导乙"
