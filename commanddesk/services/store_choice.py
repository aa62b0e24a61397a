"""Which store this machine opens when it is started without --db or --demo.

The choice cannot live in a store (it says which store to open), so it is a small
JSON file in the user's config directory (``paths.store_setting()``, mode 600):
``{"db": "<SQLite path or postgresql:// URL>"}``. A choice is checked by really
opening what it names before anything is written. A password in a server URL is
not kept in that file: it goes to libpq's password file (``~/.pgpass``, or
``PGPASSFILE``; mode 600), which psycopg reads when the URL has none.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import StoreError

# The store module (and SQLAlchemy) is imported only when a choice is checked: reading the
# setting at start-up stays cheap, before the sign-in window is shown.


@dataclass(frozen=True)
class Choice:
    """What was saved: the store as written to the setting, and where a password went (if one was given)."""

    db: str
    setting: Path
    pgpass: Path | None
    note: str  # one sentence about the store found there (new, empty database, or its schema version)


def chosen() -> str | None:
    """The store this machine is set to open (path or URL), None when nothing is set.

    A setting that cannot be read is said as such rather than silently falling back to
    the local file (a seat meant for the server would otherwise start on an empty store).
    """
    file = paths.store_setting()
    if not file.exists():
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        db = data["db"] if isinstance(data, dict) else None
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as exc:
        raise StoreError(f"本机的数据库设置无法读取：{file}（{exc}）；请删除它或重新设置") from exc
    if not isinstance(db, str) or not db.strip():
        raise StoreError(f"本机的数据库设置无效：{file}；请删除它或重新设置")
    return db


def target(db: str | None, demo: bool) -> str | None:
    """What to open: --db or --demo as given on the command line win; otherwise this machine's setting."""
    if db or demo:
        return db
    return chosen()


def pgpass_file() -> Path:
    """libpq's password file: PGPASSFILE, else %APPDATA%/postgresql/pgpass.conf on Windows, else ~/.pgpass."""
    if os.environ.get("PGPASSFILE"):
        return Path(os.environ["PGPASSFILE"])
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", Path.home())) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _field(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _write_private(file: Path, text: str) -> None:
    """Write *text* to *file* atomically, readable by this user only (0600 from the first byte)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_name(file.name + ".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)  # an old .new left with another mode
        os.replace(tmp, file)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def remember_password(url: str) -> tuple[str, Path | None]:
    """(the URL without its password, the password file it went to — None when the URL had none)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if not parsed.password:
        return url, None
    host = parsed.host or str(parsed.query.get("host") or "localhost")
    fields = [host, str(parsed.port or 5432), parsed.database or "*", parsed.username or getpass.getuser()]
    key = ":".join(_field(f) if f != "*" else f for f in fields)
    line = f"{key}:{_field(str(parsed.password))}"
    file = pgpass_file()
    kept = []
    if file.exists():
        for old in file.read_text(encoding="utf-8").splitlines():
            if old.startswith(key + ":") or old == "":
                continue  # the same server, database and user: replaced by the new line
            kept.append(old)
    _write_private(file, "\n".join([*kept, line]) + "\n")
    return parsed._replace(password=None).render_as_string(hide_password=False), file


def check(db: str) -> tuple[str, str]:
    """(the store normalised for the setting, one sentence about it) — by opening it; StoreError when it cannot.

    A server URL is connected to (the password in the URL, if any, is used); an existing
    file is opened read-only; a new file must be creatable (it is made at the next start).
    Nothing is created, migrated or written here.
    """
    from .. import cipher, migrations
    from ..store import check_file, is_url, open_read_only

    db = db.strip()
    if not db:
        raise StoreError("请填写数据库文件路径或 postgresql:// 服务器地址")
    if is_url(db):
        return db, _check_server(db)
    path = Path(db).expanduser().resolve()
    if path.exists() and path.is_file() and path.stat().st_size > 0 and cipher.is_encrypted(path):
        return str(path), "加密的 SQLite 数据库（启动时询问口令）"
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        check_file(path)
        return str(path), "新的 SQLite 数据库（下次启动时建立）"
    engine = open_read_only(path)
    try:
        with engine.connect():
            pass
    finally:
        engine.dispose()
    return str(path), f"SQLite 数据库（结构版本 {migrations.HEAD} 以内）"


def _check_server(url: str) -> str:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError

    from .. import migrations
    from ..store import display_url, server_revision, server_url, translate_operational

    label = display_url(url)
    if not server_url(url).startswith("postgresql"):
        raise StoreError(f"不支持的数据库地址（只支持 SQLite 文件或 postgresql://）：{label}")
    try:
        engine = create_engine(server_url(url), connect_args={"connect_timeout": 5})
    except Exception as exc:  # noqa: BLE001 - a malformed URL or a missing driver
        raise StoreError(f"数据库地址无效：{label}（{exc}）") from exc
    try:
        with engine.connect() as conn:
            revision, has_tables = server_revision(conn)
    except DBAPIError as exc:
        raise translate_operational(exc, label) from exc
    except Exception as exc:  # noqa: BLE001 - e.g. a port that is not a number
        raise StoreError(f"数据库地址无效：{label}（{exc}）") from exc
    finally:
        engine.dispose()
    if revision is None and has_tables:
        raise StoreError(f"该数据库不是 commanddesk 数据库（已有其他表）：{label}")
    if revision is None:
        return "服务器上的空数据库（下次启动时建立数据库结构）"
    if revision not in migrations.REVISIONS:
        raise StoreError(f"数据库来自更新版本的 commanddesk（结构版本 {revision}），本程序无法使用：{label}")
    return f"服务器上的 commanddesk 数据库（结构版本 {revision}）"


def use(db: str) -> Choice:
    """Check *db* by opening it, then make it this machine's store; nothing is written when the check fails."""
    normalised, note = check(db)
    pgpass = None
    if "://" in normalised:
        normalised, pgpass = remember_password(normalised)
    file = paths.store_setting()
    _write_private(file, json.dumps({"db": normalised}, ensure_ascii=False, indent=1) + "\n")
    return Choice(normalised, file, pgpass, note)


def forget() -> bool:
    """Go back to the default local file; whether a setting was removed."""
    file = paths.store_setting()
    if not file.exists():
        return False
    file.unlink()
    return True
