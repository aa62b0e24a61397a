"""Where commanddesk keeps its files (per-user directories via platformdirs)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs("commanddesk", appauthor=False)
PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def data_dir() -> Path:
    """Directory for the default store and demo copies (created on demand)."""
    path = Path(_DIRS.user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """Directory for the rotating error log."""
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    """Directory for the automatic backups (one sub-folder per store; not created until a backup is made)."""
    return Path(_DIRS.user_data_dir) / "backups"


def cache_dir() -> Path:
    """Directory for rebuildable files such as the demo template database."""
    path = Path(_DIRS.user_cache_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def keys_dir() -> Path:
    """Directory (in the user's config dir) for the audit keys and anchors; never in the store."""
    return Path(_DIRS.user_config_dir) / "audit-keys"


def default_db() -> Path:
    """The store used when no --db is given."""
    return data_dir() / "commanddesk.sqlite"


def store_setting() -> Path:
    """The per-machine file naming the store to open when no --db is given (user's config dir, never the store)."""
    return Path(_DIRS.user_config_dir) / "store.json"
