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


def test_a_store_damaged_into_bytes_that_look_encrypted_offers_its_backup(qtbot, store, clock, monkeypatch):
    """#20: a plain store overwritten with random bytes looks encrypted; with a backup, the prompt offers
    从备份恢复…, the restore dialog follows, and the restored (plain) store needs no passphrase."""
    import os

    from commanddesk.services import backup_auto
    from commanddesk.ui import backups

    path = store.path
    store.close()
    assert backup_auto.make(path, clock.now(), "start", keep=3).ok
    path.write_bytes(os.urandom(8192))
    seen = []

    def prompt(dialog):
        seen.append(dialog.restore_button is not None)
        return PassphraseDialog.RESTORE

    def offer(dialog):
        dialog.name.setText("领导乙")
        dialog.pin.setText("123456")
        dialog.restore()
        return dialog.result()

    monkeypatch.setattr(PassphraseDialog, "exec", prompt)
    monkeypatch.setattr(backups.RestoreOffer, "exec", offer)
    monkeypatch.setattr(backups.QMessageBox, "information", lambda *a, **k: None)
    assert app.unlock_store(path) and seen == [True]
    assert not cipher.is_encrypted(path) and app.quick_accounts(path)
