"""A throwaway PostgreSQL server for the test run.

``PgServer.start()`` finds ``initdb``/``pg_ctl`` (on PATH or under
/usr/lib/postgresql/*/bin), installs the ``postgresql`` package through apt
when they are missing and the run is root, runs ``initdb`` into a temporary
folder as an unprivileged user (initdb refuses root), starts the server on a
free loopback port with its unix socket in that folder, and stops it and
removes the folder at the end. Every test gets its own database, made from a
migrated template (``CREATE DATABASE … TEMPLATE``), which is much faster than
migrating each time. When no server can be had, ``start`` raises
``Unavailable`` with one sentence saying why; the fixtures skip with it.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "cd"


class Unavailable(RuntimeError):
    """PostgreSQL cannot be started here (the reason is the message)."""


def _find_bin() -> Path | None:
    for name in ("initdb", "pg_ctl"):
        if shutil.which(name) is None:
            break
    else:
        return Path(os.path.realpath(shutil.which("pg_ctl"))).parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(folder, "initdb")) and os.path.exists(os.path.join(folder, "pg_ctl")):
            return Path(folder)
    return None


def _install() -> str | None:
    """apt-get install postgresql when root; returns why it could not (None when it did)."""
    if os.geteuid() != 0:
        return "未找到 initdb/pg_ctl，且不是 root，无法用 apt 安装 postgresql"
    if shutil.which("apt-get") is None:
        return "未找到 initdb/pg_ctl，且没有 apt-get"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "postgresql"],
                       env=env, check=True, capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError) as exc:
        return f"apt-get install postgresql 失败：{exc}"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> tuple[int, int] | None:
    """(uid, gid) of an unprivileged user to run the server as, when we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return entry.pw_uid, entry.pw_gid
    raise Unavailable("以 root 运行，但没有可用于运行 PostgreSQL 的普通用户（postgres 或 nobody）")


class PgServer:
    """One PostgreSQL cluster in a temporary folder, on a free loopback port."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.port = 0
        self.bin: Path | None = None
        self._user: tuple[int, int] | None = None
        self._names = itertools.count(1)
        self.running = False
        self._stopping = False

    # --- life cycle ------------------------------------------------------------------------------------

    def start(self) -> PgServer:
        self.bin = _find_bin()
        if self.bin is None:
            why = _install()
            self.bin = _find_bin()
            if self.bin is None:
                raise Unavailable(why or "安装后仍未找到 initdb/pg_ctl")
        self._user = _run_as()
        self.folder = Path(tempfile.mkdtemp(prefix="cd-pg-"))
        os.chmod(self.folder, 0o755)
        if self._user:
            os.chown(self.folder, *self._user)
        data = self.folder / "data"
        self._cmd([str(self.bin / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                   "-E", "UTF8", "--locale=C", "--no-sync"])
        self.port = _free_port()
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._cmd([str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"),
                   "-o", options, "-w", "-t", "60", "start"])
        self.running = True
        return self

    def stop(self) -> None:
        if self.running:
            self._stopping = True  # the prefetch thread ends at its next copy
            ready = getattr(self, "_ready", None)
            while ready is not None and not ready.empty():
                ready.get_nowait()
            self._cmd([str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop"])
            self.running = False
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def _cmd(self, argv: list[str]) -> None:
        kw = {}
        if self._user:
            kw = dict(user=self._user[0], group=self._user[1], extra_groups=[])
        try:
            subprocess.run(argv, check=True, capture_output=True, timeout=120, cwd=self.folder, **kw)
        except subprocess.CalledProcessError as exc:
            tail = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[-1:] or [""]
            raise Unavailable(f"{Path(argv[0]).name} 失败：{tail[0]}") from exc
        except (subprocess.SubprocessError, OSError) as exc:
            raise Unavailable(f"{Path(argv[0]).name} 无法运行：{exc}") from exc

    # --- databases -------------------------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, template: str | None = None, prefix: str = "t") -> str:
        """A new empty database (or a copy of *template*); returns its URL."""
        name = f"{prefix}{next(self._names)}"
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def take(self, template: str) -> str:
        """A fresh copy of *template*, made ahead of time by a background thread (CREATE DATABASE is slow)."""
        import queue
        import threading

        if getattr(self, "_ready", None) is None:
            self._ready: queue.Queue = queue.Queue(maxsize=2)

            def fill() -> None:
                while not self._stopping:
                    try:
                        self._ready.put(self.create_database(template=template, prefix="p"))
                    except Exception as exc:  # noqa: BLE001 - handed to the test that takes it
                        self._ready.put(exc)
                        return

            threading.Thread(target=fill, name="pg-prefetch", daemon=True).start()
        got = self._ready.get(timeout=120)
        if isinstance(got, Exception):
            raise got
        return got
