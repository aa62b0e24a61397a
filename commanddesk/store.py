"""Opening the SQLite store: pragmas, schema checks, migrations, transactions.

Every user action runs in one ``Store.transaction()``: SQLite's
``BEGIN IMMEDIATE`` takes the write lock up front, so two seats on one file
queue instead of failing half-way, and WAL with ``synchronous=FULL`` means a
committed action survives a power cut.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.orm import Session, sessionmaker

from . import cipher, migrations
from .dblock import WRITE_LOCK, write_lock  # noqa: F401 - part of the store's interface
from .clock import Clock, SystemClock
from .errors import ConflictError, StoreError

if TYPE_CHECKING:
    from .services.auth import Actor

SQLITE_MAGIC = cipher.SQLITE_MAGIC
LEDGER_LESS = ("0001_initial", "0002_intake")  # revisions whose stock lines have no movements yet
BUSY_TIMEOUT_MS = 5000


class Store:
    """An open database: engine, session factory, clock and the signed-in actor."""

    def __init__(self, path: Path | None, engine: Engine, clock: Clock,
                 read_engine: Engine | None = None, url: str | None = None) -> None:
        self.path = path  # the SQLite file (None in memory and on a server)
        self.url = url  # the server URL (None for SQLite)
        self.engine = engine
        self.read_engine = read_engine or engine
        self.clock = clock
        self.actor: Actor | None = None
        self.drill = False  # a drill workspace: incidents are exercises, printouts are marked
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(self.read_engine, expire_on_commit=False)
        from .services import audit  # local: audit imports models, which is fine here

        audit.install(self._sessions)
        from .services import sync

        sync.install(self._sessions)  # the change log a post and its vehicles exchange
        self.seal = audit.Seal()  # the audit key and anchor outside the file (none in memory)
        self._in_use = hold_in_use(path) if path is not None else None

    @property
    def label(self) -> str:
        """Short description of the database for the status bar."""
        if self.url:
            return display_url(self.url)
        return str(self.path) if self.path else "内存数据库"

    @property
    def location(self):
        """What ``open_store`` takes to open this store again (a second seat): the URL or the file."""
        return self.url if self.url is not None else self.path

    @property
    def encrypted(self) -> bool:
        """Whether the store is a SQLCipher file (opened with this process's passphrase)."""
        return self.path is not None and cipher.is_encrypted(self.path)

    @property
    def server(self) -> bool:
        """Whether the store is on a database server (PostgreSQL) rather than a SQLite file."""
        return self.url is not None

    @contextmanager
    def transaction(self, actor: Actor | None = None) -> Iterator[Session]:
        """One user action: commit on success, roll back everything on error."""
        session = self._sessions()
        session.info["clock"] = self.clock
        session.info["drill"] = self.drill
        session.info["actor"] = actor if actor is not None else self.actor
        session.info["audit_key"] = self.seal.key
        session.info["audit_seal"] = self.seal
        try:
            with session.begin():
                if self.url is not None:  # PostgreSQL: one writer at a time, like SQLite's BEGIN IMMEDIATE
                    write_lock(session.connection())
                if session.info["actor"] is not None:  # a role changed or account disabled since sign-in
                    from .services import accounts

                    session.info["actor"] = accounts.current(session, session.info["actor"])
                yield session
            head = session.info.get("audit_head")
            if head is not None:
                from .services import audit

                audit.write_anchor(self.seal, head)
        except StaleDataError as exc:
            raise ConflictError("该记录已被其他席位修改，请刷新后重试；您的修改未保存。") from exc
        except OperationalError as exc:
            raise translate_operational(exc, self.path or self.label) from exc
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; closing it ends (rolls back) its transaction.

        Objects loaded through it stay readable afterwards (detached, not expired).
        Reads use a deferred BEGIN, so they never hold the write lock.
        """
        session = self._readers()
        session.info["clock"] = self.clock
        session.info["drill"] = self.drill
        session.info["actor"] = self.actor
        try:
            yield session
        finally:
            session.close()

    def close(self) -> None:
        """Release the database file."""
        self.read_engine.dispose()
        self.engine.dispose()
        if self._in_use is not None:  # after the engines: closing this descriptor must not drop SQLite's locks
            self._in_use.close()
            self._in_use = None


def hold_in_use(path: Path):
    """A shared flock on the store file while it is open, so a restore can tell it is in use.

    flock and SQLite's own (POSIX) locks are independent on Linux and macOS; the lock goes with
    the process, also when it is killed. None where flock does not exist (Windows).
    """
    try:
        import fcntl
    except ImportError:
        return None
    try:
        fh = open(path, "rb")
    except OSError:
        return None
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        pass  # someone holds it exclusively for a moment (a restore): SQLite's lock still guards writes
    return fh


def in_use(path: Path) -> bool:
    """Whether a commanddesk process has the store at *path* open (its shared flock is held)."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fh = open(path, "rb")
    except OSError:
        return False
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        fh.close()
    return False




def is_url(target) -> bool:
    """Whether *target* is a database URL (``postgresql://…``) rather than a file path."""
    return isinstance(target, str) and "://" in target


def server_url(url: str) -> str:
    """The SQLAlchemy URL for a PostgreSQL URL: ``postgresql://`` means psycopg 3 here."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def display_url(url: str) -> str:
    """The URL without its password, for the status bar and messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a label, never an error
        return url


def translate_operational(exc: OperationalError, path) -> StoreError:
    """Turn SQLite's (and the server's) operational errors into one clear Chinese sentence."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    where = f"：{path}" if path else ""
    # libpq words a refused login "connection … failed: FATAL: …": said as a refusal, before "cannot connect"
    if any(w in text for w in ("password authentication failed", "no pg_hba.conf entry", "is not permitted to log in",
                               "no password supplied")) or ('FATAL:  role "' in text and "does not exist" in text):
        return StoreError(f"数据库服务器拒绝登录（用户名、密码或 pg_hba 设置）{where}")
    if "connection" in text and ("refused" in text or "failed" in text or "closed" in text):
        return StoreError(f"无法连接数据库服务器{where}")
    if "locked" in text or "busy" in text:
        return StoreError(f"数据库正被另一个程序锁定，请稍后重试{where}")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"数据库文件只读，无法保存修改{where}")
    if "disk I/O" in text or "full" in text:
        return StoreError(f"写入数据库失败（磁盘错误或空间不足）{where}")
    if "not a database" in text or "malformed" in text:
        return StoreError(f"文件不是有效的 commanddesk 数据库或已损坏{where}")
    return StoreError(f"数据库错误：{text}{where}")


def _make_engine(url: str, immediate: bool = True, path: Path | None = None, **kw) -> Engine:
    if path is not None and cipher.is_encrypted(path):  # SQLCipher: its DB-API module, every connection keyed
        kw.update(module=cipher.dbapi(path),
                  creator=lambda: cipher.connect(path, check_same_thread=False, isolation_level=None))
    engine = create_engine(url, **kw)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite recipe).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        if url != "sqlite://":
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def check_file(path: Path) -> None:
    """Refuse paths that cannot hold a store, with a clear message."""
    if not path.parent.is_dir():
        raise StoreError(f"目录不存在：{path.parent}")
    if path.is_dir():
        raise StoreError(f"这是一个目录，不是数据库文件：{path}")
    if path.exists():
        if path.stat().st_size > 0 and cipher.is_encrypted(path) and cipher.passphrase() is None:
            raise cipher.PassphraseNeeded(path)  # not SQLite's header: encrypted, or no database at all
        if not os.access(path, os.R_OK):
            raise StoreError(f"没有读取该数据库文件的权限：{path}")
        if not os.access(path, os.W_OK):
            raise StoreError(f"数据库文件只读，无法使用：{path}")
    elif not os.access(path.parent, os.W_OK):
        raise StoreError(f"目录不可写，无法创建数据库：{path.parent}")


def schema_revision(path: Path) -> tuple[str | None, bool]:
    """Return (alembic revision or None, whether the file has any tables)."""
    conn = cipher.connect(path, read_only=True, timeout=BUSY_TIMEOUT_MS / 1000)  # WrongPassphrase: untouched
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in names:
            return None, bool(names)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return (row[0] if row else None), True
    except cipher.database_errors() as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(f"数据库正被另一个程序锁定，请稍后重试：{path}") from exc
        if type(exc).__name__ == "OperationalError":
            raise StoreError(f"无法读取数据库：{path}（{exc}）") from exc
        raise StoreError(f"文件不是有效的 commanddesk 数据库或已损坏：{path}（{exc}）") from exc
    finally:
        conn.close()


def upgrade(engine: Engine) -> None:
    """Apply all pending Alembic migrations on *engine*."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations.DIRECTORY))
    with engine.begin() as conn:
        write_lock(conn)  # PostgreSQL: a second seat starting at the same time waits, then finds head
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def backup_copy(path: Path, revision: str) -> Path:
    """Copy the database (consistently, via SQLite's backup API) before an upgrade."""
    target = path.with_name(f"{path.name}.bak-{revision}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.bak-{revision}-{n}")
    src = cipher.connect(path)
    try:
        dst = cipher.connect(target, key=cipher.passphrase() if cipher.is_encrypted(path) else None)
        try:
            src.backup(dst)  # an encrypted store's copy is encrypted with the same key
        finally:
            dst.close()
    except (*cipher.errors(), OSError) as exc:  # e.g. a full disk: no half-written .bak left behind
        target.unlink(missing_ok=True)
        raise StoreError(f"升级前备份数据库失败（磁盘空间不足或无法写入？），数据库未作任何改动：{path}（{exc}）") from exc
    finally:
        src.close()
    return target


def server_revision(conn) -> tuple[str | None, bool]:
    """(alembic revision or None, whether the database has any tables) on a server."""
    from sqlalchemy import inspect, text

    names = set(inspect(conn).get_table_names())
    if "alembic_version" not in names:
        return None, bool(names)
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar(), True


def _open_server(url: str, clock: Clock) -> Store:
    """Open (migrating if needed) the store in a PostgreSQL database."""
    from sqlalchemy.exc import DBAPIError

    from .services import audit

    url = server_url(url)
    label = display_url(url)
    if not url.startswith("postgresql"):
        raise StoreError(f"不支持的数据库地址（只支持 SQLite 文件或 postgresql://）：{label}")
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # noqa: BLE001 - a malformed URL or a missing driver
        raise StoreError(f"数据库地址无效：{label}（{exc}）") from exc
    try:
        with engine.connect() as conn:
            revision, has_tables = server_revision(conn)
        if revision is None and has_tables:
            raise StoreError(f"该数据库不是 commanddesk 数据库，未作任何改动：{label}")
        if revision is not None and revision not in migrations.REVISIONS:
            raise StoreError(f"数据库来自更新版本的 commanddesk（结构版本 {revision}），"
                             f"本程序无法使用，数据库未作任何改动：{label}")
        upgraded = revision != migrations.HEAD
        if upgraded:
            upgrade(engine)  # under the write lock: two seats starting at once, one migrates
        with engine.begin() as conn:
            seal = audit.load_seal(conn, label, create=True)
    except StoreError:
        engine.dispose()
        raise
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise translate_operational(exc, label) from exc
    store = Store(None, engine, clock, url=url)
    store.seal = seal
    from . import notify

    notify.install(store._sessions)  # other seats hear which tables changed (LISTEN/NOTIFY)
    if upgraded and revision is not None:
        with store.transaction() as session:
            if revision in LEDGER_LESS:
                from .services import ledger

                ledger.open_balances(session)
            audit.reseal(session)
    return store


def open_store(path: Path | str | None, clock: Clock | None = None) -> Store:
    """Open or create the store at *path* (None: a private in-memory store; a URL: a PostgreSQL database)."""
    clock = clock or SystemClock()
    if is_url(path):
        return _open_server(path, clock)
    if path is None:
        from sqlalchemy.pool import StaticPool

        engine = _make_engine("sqlite://", poolclass=StaticPool)
        upgrade(engine)
        return Store(None, engine, clock)

    path = Path(path).expanduser().resolve()
    check_file(path)
    if path.exists() and path.stat().st_size == 0:  # not a store: an interrupted copy, or a file made by hand
        raise StoreError(f"数据库文件是空的（0 字节），未作任何改动：{path}。若它是新建时中断留下的，"
                         "删除后再打开即新建一个库；否则请从备份恢复。")
    if path.exists():
        revision, has_tables = schema_revision(path)
        if revision is None and has_tables:
            raise StoreError(f"该 SQLite 文件不是 commanddesk 数据库，未作任何改动：{path}")
        if revision is not None and revision not in migrations.REVISIONS:
            raise StoreError(
                f"数据库来自更新版本的 commanddesk（结构版本 {revision}），"
                f"本程序无法使用，文件未作任何改动：{path}"
            )
    else:
        revision = None

    engine = _make_engine(f"sqlite:///{path}", path=path)
    from .services import audit

    try:
        with engine.begin():
            pass  # takes and releases the write lock: fails fast if someone holds it
        upgraded = revision != migrations.HEAD
        if upgraded:
            if revision is not None:
                backup_copy(path, revision)
            upgrade(engine)
        with engine.begin() as conn:
            seal = audit.load_seal(conn, path, create=True)
    except OperationalError as exc:
        engine.dispose()
        raise translate_operational(exc, path) from exc
    store = Store(path, engine, clock, _make_engine(f"sqlite:///{path}", immediate=False, path=path))
    store.seal = seal
    if upgraded and revision is not None:
        with store.transaction() as session:  # what the migration changed is recorded, not flagged later
            if revision in LEDGER_LESS:  # stock from before the ledger: post its opening entries
                from .services import ledger

                ledger.open_balances(session)
            audit.reseal(session)
    return store


def open_read_only(path: Path) -> Engine:
    """An engine that only reads the store at *path* (for checks): never creates, migrates or locks it."""
    if is_url(path):
        return _read_only_server(path)
    path = Path(path).expanduser()
    if not path.exists():
        raise StoreError(f"数据库不存在：{path}")
    if path.is_dir():
        raise StoreError(f"这是一个目录，不是数据库文件：{path}")
    if path.stat().st_size == 0:
        raise StoreError(f"文件不是 SQLite 数据库，未作任何改动：{path}")
    if cipher.is_encrypted(path) and cipher.passphrase() is None:
        raise cipher.PassphraseNeeded(path)
    revision, has_tables = schema_revision(path)
    if revision is None:
        raise StoreError(f"该 SQLite 文件不是 commanddesk 数据库，未作任何改动：{path}")
    if revision not in migrations.REVISIONS:
        raise StoreError(f"数据库来自更新版本的 commanddesk（结构版本 {revision}），本程序无法校验：{path}")
    path = path.resolve()
    return create_engine("sqlite://", module=cipher.dbapi(path),
                         creator=lambda: cipher.connect(path, read_only=True, timeout=BUSY_TIMEOUT_MS / 1000))


def _read_only_server(url: str) -> Engine:
    """A read-only engine on a PostgreSQL store (every transaction READ ONLY)."""
    from sqlalchemy.exc import DBAPIError

    url = server_url(url)
    label = display_url(url)
    try:
        engine = create_engine(url, execution_options={"postgresql_readonly": True})
        with engine.connect() as conn:
            revision, _ = server_revision(conn)
    except (OperationalError, DBAPIError) as exc:
        raise translate_operational(exc, label) from exc
    except Exception as exc:  # noqa: BLE001 - a malformed URL or a missing driver
        raise StoreError(f"数据库地址无效：{label}（{exc}）") from exc
    if revision is None:
        engine.dispose()
        raise StoreError(f"该数据库不是 commanddesk 数据库：{label}")
    if revision not in migrations.REVISIONS:
        engine.dispose()
        raise StoreError(f"数据库来自更新版本的 commanddesk（结构版本 {revision}），本程序无法校验：{label}")
    return engine
