"""设置 → 连接数据库…: connects before saving, says what failed, offers a restart; only for administrators."""

import pytest

from commanddesk import paths
from commanddesk.app import restart_command
from commanddesk.store import open_store


@pytest.fixture
def own_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    monkeypatch.setattr(paths, "_DIRS", paths.PlatformDirs("commanddesk", appauthor=False))


def test_a_server_that_does_not_answer_is_named_and_nothing_is_saved(qtbot, own_config):
    from commanddesk.ui.store_dialog import StoreDialog

    dialog = StoreDialog("/tmp/seat.sqlite")
    qtbot.addWidget(dialog)
    dialog.field.setText("postgresql://seat1:pw@127.0.0.1:1/commanddesk")
    dialog.save()
    assert "无法连接数据库服务器" in dialog.error.text() and "设置未保存" in dialog.error.text()
    assert "pw@" not in dialog.error.text() and dialog.choice is None and dialog.result() == 0
    assert not paths.store_setting().exists()


def test_a_store_that_opens_is_saved(qtbot, own_config, tmp_path):
    from commanddesk.ui.store_dialog import StoreDialog

    db = tmp_path / "seat.sqlite"
    open_store(db).close()
    dialog = StoreDialog("/tmp/other.sqlite")
    qtbot.addWidget(dialog)
    dialog.field.setText(str(db))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.choice.db == str(db.resolve())
    assert str(db.resolve()) in paths.store_setting().read_text(encoding="utf-8")
    again = StoreDialog(str(db))  # the next time it shows (and offers) what is set
    qtbot.addWidget(again)
    assert again.field.text() == str(db.resolve()) and str(db.resolve()) in again.setting.text()


def test_a_broken_setting_is_shown_in_the_dialog(qtbot, own_config):
    from commanddesk.ui.store_dialog import StoreDialog

    paths.store_setting().parent.mkdir(parents=True)
    paths.store_setting().write_text("[]", encoding="utf-8")
    dialog = StoreDialog("/tmp/seat.sqlite")
    qtbot.addWidget(dialog)
    assert "本机的数据库设置无效" in dialog.error.text() and "未设置" in dialog.setting.text()


def test_only_an_administrator_may_choose_the_store(qtbot, window):
    window.show_page("settings")
    assert not window.page("settings").btn_store.isEnabled()


def test_the_restart_drops_db_and_demo_so_the_setting_is_read():
    argv = ["/x/commanddesk/__main__.py", "--db", "old.sqlite", "--theme", "night", "--demo", "--db=a"]
    assert restart_command(argv, "/venv/python", False) == ["/venv/python", "-m", "commanddesk", "--theme", "night"]
    assert restart_command(["/opt/cd/commanddesk", "--db", "x"], "/opt/cd/commanddesk", True) == ["/opt/cd/commanddesk"]


@pytest.mark.parametrize("given", [None, "other.sqlite"])
def test_the_app_started_without_db_opens_the_chosen_store(qapp, own_config, tmp_path, monkeypatch, given):
    from types import SimpleNamespace

    from commanddesk import app
    from commanddesk.errors import StoreError
    from commanddesk.services import store_choice

    db = tmp_path / "seat.sqlite"
    store_choice.use(str(db))
    seen = []

    def stop_at_open(where, demo):
        seen.append(where)
        raise StoreError("已记下要打开的数据库")

    monkeypatch.setattr(app, "store_path", stop_at_open)
    args = SimpleNamespace(db=given, demo=False, screenshot=str(tmp_path / "x.png"), lang=None, theme=None,
                           large_type=False, page="duty", size=(1366, 768))
    assert app.run(args) == 2
    assert seen == [given or str(db.resolve())]  # --db wins; without it, this machine's setting
