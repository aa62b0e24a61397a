#!/usr/bin/env python3
"""Two seats on one PostgreSQL database on a virtual desktop (#17), screenshots to look at.

    .venv/bin/python tools/seats_check.py [--out build/seats-check]

A throwaway server (tests/pg.py) with the demo county; Xvfb + openbox (tools/desktop_check.py's
Desktop); seat 席位A and seat 席位B each `python -m commanddesk --db URL`, signed in by keystrokes.
Seat B shows its incident list; a call is recorded on the server by another writer
(`commanddesk intake record --db URL`, as seat A's operator); screenshots of seat B 1 s later
(the call in its list and strip, no F5) and of its 值班 page (both seats in 在线席位). Then the
server is stopped: seat B must say the connection is lost (screenshot), and after the server is
started again the banner must go and a call recorded meanwhile must be listed (screenshot).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from desktop_check import MAIN_TITLE, CheckFailed, Desktop, demo_pin  # noqa: E402

from commanddesk.pages import PAGE_KEYS  # noqa: E402


def _seat(d: Desktop, url: str, name: str, pin: str) -> tuple[subprocess.Popen, str]:
    log = open(d.home / f"{name}.log", "w")
    env = dict(d.env, COMMANDDESK_SEAT=name)
    before = set(d.x("search", "--onlyvisible", "--name", MAIN_TITLE, check=False).split())
    app = subprocess.Popen([sys.executable, "-m", "commanddesk", "--db", url], cwd=ROOT, env=env,
                           stdout=log, stderr=subprocess.STDOUT)
    d.app = app  # Desktop.alive() watches the seat being started
    wid = d.window("签到上岗", 60)
    d.activate(wid)
    d.type(pin)
    d.key("Return")
    d.gone("签到上岗", 20)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = set(d.x("search", "--onlyvisible", "--name", MAIN_TITLE, check=False).split()) - before
        if now:
            time.sleep(2.0)
            return app, now.pop()
        time.sleep(0.3)
    raise CheckFailed(f"{name} 的主窗口没有出现 / main window of {name} did not appear")


def _record(url: str, text: str, env) -> None:
    from commanddesk.services.demo import DEMO_OFFICER

    subprocess.run([sys.executable, "-m", "commanddesk", "intake", "record", "--db", url, "--operator",
                    DEMO_OFFICER, text], cwd=ROOT, env=env, check=True, capture_output=True, timeout=60)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "build" / "seats-check"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from commanddesk.services import demo
    from commanddesk.services.demo import DEMO_OFFICER
    from commanddesk.store import open_store
    from tests.pg import PgServer

    d = Desktop(out, "clipboard", 0, keep=False)
    server = PgServer().start()
    seats: list[subprocess.Popen] = []
    try:
        d.start()
        url = server.create_database(prefix="county")
        import os

        os.environ.update({k: d.env[k] for k in ("XDG_CONFIG_HOME", "XDG_DATA_HOME")})
        store = open_store(url)
        with store.transaction() as s:
            demo.load(s)
        demo.stage_incidents(store)
        store.close()
        pin = demo_pin(DEMO_OFFICER)
        app_a, _wid_a = _seat(d, url, "席位A", pin)
        seats.append(app_a)
        app_b, wid_b = _seat(d, url, "席位B", pin)
        seats.append(app_b)
        d.activate(wid_b)
        d.key(f"alt+{PAGE_KEYS.index('incidents') + 1}")
        time.sleep(3.0)
        d.shot("01-seatB-before")
        _record(url, "连云港市海州区新浦路与解放路交叉口一辆危化品罐车侧翻，液体泄漏，2人受伤", d.env)
        time.sleep(1.0)
        d.shot("02-seatB-1s-after-call")
        d.key(f"alt+{PAGE_KEYS.index('duty') + 1}")
        time.sleep(1.5)
        d.shot("03-seatB-duty-presence")
        d.key(f"alt+{PAGE_KEYS.index('incidents') + 1}")
        server._cmd([str(server.bin / "pg_ctl"), "-D", str(server.folder / "data"), "-m", "fast", "-w", "stop"])
        time.sleep(3.0)
        d.shot("04-seatB-server-gone")
        options = (f"-p {server.port} -k {server.folder} -c listen_addresses=127.0.0.1 -c fsync=off")
        server._cmd([str(server.bin / "pg_ctl"), "-D", str(server.folder / "data"), "-l",
                     str(server.folder / "log"), "-o", options, "-w", "-t", "60", "start"])
        _record(url, "海州区朝阳街道一处民房倒塌，1人被困", d.env)
        time.sleep(12.0)  # back-off: at most 10 s between attempts
        d.shot("05-seatB-back")
        for app in seats:
            if app.poll() is not None:
                raise CheckFailed(f"席位程序已退出（状态 {app.returncode}）/ a seat exited")
        print(f"screenshots in {out}")
        return 0
    except CheckFailed as exc:
        print(exc)
        return 1
    finally:
        for app in seats:
            if app.poll() is None:
                app.terminate()
                try:
                    app.wait(10)
                except subprocess.TimeoutExpired:
                    app.kill()
        d.app = None
        d.stop()
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
