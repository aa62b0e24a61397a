"""The notifier: one object per app that carries 'this kind of data changed' and 'someone signed in'."""

from commanddesk.ui.context import AppContext
from commanddesk.ui.notifier import Notifier


def test_a_change_reaches_every_listener_with_its_key(qtbot):
    """Two views listening both hear the registry key; a local change is not marked remote."""
    n = Notifier()
    first, second = [], []
    n.sig_data_changed.connect(first.append)
    n.sig_data_changed.connect(second.append)
    n.sig_data_changed.emit("teams")
    assert first == second == ["teams"] and n.remote is False


def test_sign_in_is_its_own_signal(qtbot):
    """Listening to sign-ins does not pick up data changes, and the other way round."""
    n = Notifier()
    signed, changed = [], []
    n.sig_signed_in.connect(lambda: signed.append(True))
    n.sig_data_changed.connect(changed.append)
    with qtbot.waitSignal(n.sig_signed_in):
        n.sig_signed_in.emit()
    assert signed == [True] and changed == []


def test_each_context_gets_its_own_notifier(store):
    """Two windows (say a drill's and the real one) do not hear each other's changes."""
    a, b = AppContext(store), AppContext(store)
    heard: list[str] = []
    b.notifier.sig_data_changed.connect(heard.append)
    a.notifier.sig_data_changed.emit("incidents")
    assert a.notifier is not b.notifier and heard == []
