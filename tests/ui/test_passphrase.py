"""The passphrase prompt of an encrypted store at start: a wrong one is said in Chinese, changes nothing,
and the prompt waits for another; the right one opens the store for sign-in."""

import hashlib

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from commanddesk import app, cipher
from commanddesk.services import encryption
from commanddesk.ui.passphrase import PassphraseDialog
from tests.ui.conftest import type_text

pytestmark = pytest.mark.sqlite_only

PASSPHRASE = "车载终端口令-甲"


@pytest.fixture
def encrypted(store, clock):
    path = store.path
    store.close()
    encryption.encrypt(path, PASSPHRASE, clock)
    cipher.set_passphrase(None)
    return path


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_wrong_passphrase_is_refused_then_the_right_one_opens(qtbot, encrypted):
    before = _sha(encrypted)

    def check(text):
        cipher.probe(encrypted, text)
        cipher.set_passphrase(text)

    dialog = PassphraseDialog(str(encrypted), check)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.field, "wrong-passphrase")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.isVisible() and "口令不正确" in dialog.error.text() and "未作任何改动" in dialog.error.text()
    assert dialog.field.text() == "" and cipher.passphrase() is None
    assert _sha(encrypted) == before
    type_text(qtbot, dialog.field, PASSPHRASE)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted and cipher.passphrase() == PASSPHRASE
    assert app.quick_accounts(encrypted)  # the sign-in list is read from the encrypted store


def test_start_asks_only_when_needed(qtbot, encrypted, tmp_path):
    assert app.unlock_store(tmp_path / "plain-new.sqlite")  # a new or plain store: nothing asked
    cipher.set_passphrase(PASSPHRASE)  # COMMANDDESK_PASSPHRASE or --passphrase-file: no prompt
    assert app.unlock_store(encrypted)
    cipher.set_passphrase("given-but-wrong")
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.error.text())
        dialog.field.setText(PASSPHRASE)
        dialog.try_open()

    QTimer.singleShot(0, answer)
    assert app.unlock_store(encrypted)
    assert "口令不正确" in seen[0] and cipher.passphrase() == PASSPHRASE

    cipher.set_passphrase(None)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # 退出: nothing opened
    assert not app.unlock_store(encrypted)


def test_the_status_bar_says_the_store_is_encrypted(qtbot, encrypted, clock):
    from commanddesk.store import open_store
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.main_window import MainWindow
    from tests.conftest import sign_in

    cipher.set_passphrase(PASSPHRASE)
    store = open_store(encrypted, clock)
    try:
        sign_in(store, "值班员甲")
        w = MainWindow(AppContext(store))
        qtbot.addWidget(w)
        assert store.encrypted and "〔已加密〕" in w.db_label.text()
        w.close()
    finally:
        store.close()
