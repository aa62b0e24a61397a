"""Where commanddesk keeps its files: the user's own directories, made when first needed."""

import os
from pathlib import Path

from commanddesk import paths


def test_data_log_and_cache_dirs_are_made_in_the_users_directories():
    data = paths.data_dir()
    assert data.is_dir() and data.is_relative_to(Path(os.environ["XDG_DATA_HOME"]))
    assert paths.log_dir() == data / "logs" and paths.log_dir().is_dir()
    assert paths.cache_dir().is_dir() and paths.cache_dir().is_relative_to(Path(os.environ["XDG_CACHE_HOME"]))


def test_the_default_store_lives_in_the_data_dir():
    assert paths.default_db() == paths.data_dir() / "commanddesk.sqlite"
    assert not paths.default_db().exists()  # named, not created


def test_keys_and_the_store_setting_stay_out_of_the_data_dir():
    """A copied or restored store must not carry its audit keys or the machine's choice of store with it."""
    config = Path(os.environ["XDG_CONFIG_HOME"])
    for path in (paths.keys_dir(), paths.store_setting()):
        assert path.is_relative_to(config)
        assert not path.is_relative_to(paths.data_dir())
    assert paths.store_setting().name == "store.json"


def test_package_data_is_shipped_with_the_package():
    assert (paths.PACKAGE_DATA / "catalogues.toml").is_file()
    assert paths.PACKAGE_DATA.parent == Path(paths.__file__).resolve().parent
