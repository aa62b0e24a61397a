#!/usr/bin/env python3
"""Backups on a virtual desktop (#20), like ``make desktop-check`` (run that once first: it installs Xvfb,
openbox, xdotool, xclip, imagemagick). ``.venv/bin/python tools/desktop_check_backups.py``

A real store (a copy of the demo template opened with --db, not --demo) in a private home: the shift
leader signs in, the start backup appears, 设置 → 备份与恢复 lists it, 从所选备份恢复… closes, restores
(audited with who) and starts the app again on the same store; then the store is emptied to 0 bytes, the
next start shows 数据库无法打开, a wrong PIN is refused, the right one restores and sign-in follows.
Screenshots in build/desktop-check-backups/. Clicks are at fixed places of a 1366x768 screen.
"""
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import desktop_check as dc  # noqa: E402  (the virtual desktop of make desktop-check)

OUT = ROOT / "build" / "desktop-check-backups"
LEADER, LEADER_PIN = "周建华", "222222"  # the demo's shift leader (data/demo/operators.csv)


def launch(d: dc.Desktop, store: Path) -> None:
    d.app_log = open(d.home / "app.log", "a")
    d.app = subprocess.Popen([sys.executable, "-m", "commanddesk", "--db", str(store)], cwd=ROOT, env=d.env,
                             stdout=d.app_log, stderr=subprocess.STDOUT)


def click(d: dc.Desktop, x: int, y: int) -> None:
    d.x("mousemove", "--sync", str(x), str(y))
    d.x("click", "1")


def restores(store: Path) -> list[dict]:
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT after FROM audit_log WHERE action = 'db.restore'").fetchall()
    finally:
        conn.close()
    return [json.loads(r[0]) for r in rows]


def session(d: dc.Desktop) -> list[str]:
    notes = []
    store = d.home / "post.sqlite"
    d.start()
    d.env["XDG_CACHE_HOME"] = str(d.home / "cache")  # the demo template and its audit key, this session's own
    subprocess.run([sys.executable, "-c", "import shutil; from commanddesk.services import demo; "
                    f"shutil.copyfile(demo.template(), {str(store)!r})"],
                   env=dict(d.env, QT_QPA_PLATFORM="offscreen"), check=True, cwd=ROOT)
    # 1. the shift leader signs in; the start backup follows 3 s after the window opens
    launch(d, store)
    d.activate(d.window("签到上岗", 60))
    d.key("shift+Tab")
    d.key("Down", "Down")  # 李晓明 → 刘洋 → 周建华
    d.key("Tab")
    d.type(LEADER_PIN)
    d.key("Return")
    d.gone("签到上岗", 20)
    main = d.window("commanddesk", 60)
    time.sleep(6.0)
    d.shot("01-main-after-start-backup")
    made = sorted((d.home / "data" / "commanddesk" / "backups").glob("*/*-start.sqlite"))
    if not made:
        raise dc.CheckFailed("启动后没有自动备份 / no start backup")
    notes.append(f"start backup {made[0].name}, {made[0].stat().st_size // 1024} KB")
    # 2. 设置 (the last navigation entry) → 备份与恢复
    x, y, _w, _h = d.geometry(main)
    click(d, x + 60, y + 85)
    d.key("End")
    time.sleep(2.0)
    click(d, 349, 88)
    time.sleep(1.5)
    d.shot("02-settings-backups-tab")
    # 3. 从所选备份恢复… → 是: the window closes, the restore runs, the app starts again on the same store
    click(d, 600, 212)
    time.sleep(0.5)
    click(d, 1295, 675)
    time.sleep(1.5)
    d.shot("03-restore-confirm")
    d.key("alt+y")
    time.sleep(4.0)
    d.shot("04-restored-from-tab")
    d.key("Return")
    if d.app.wait(30) != 0:
        raise dc.CheckFailed(f"恢复后程序退出状态 {d.app.returncode} / exit status after the restore")
    d.app = None  # the app now running was started by the first one
    d.window("签到上岗", 60)
    time.sleep(1.0)
    d.shot("05-started-again")
    by = [r.get("by") for r in restores(store)]
    if by != [{"how": "settings", "name": LEADER, "role": "shift_leader"}]:
        raise dc.CheckFailed(f"恢复的审计记录不对 / restore audit entry: {by}")
    notes.append(f"restored from the tab, audited by {LEADER}, started again on the same store")
    d.key("Escape")
    time.sleep(2.0)
    for pid in subprocess.run(["pgrep", "-f", f"commanddesk --db {store}"], capture_output=True,
                              text=True).stdout.split():  # that app (its unique temporary store), by its id
        subprocess.run(["kill", pid], check=False)
    time.sleep(2.0)
    # 4. the store emptied: the next start offers its backups
    store.write_bytes(b"")
    for extra in ("-wal", "-shm"):
        Path(f"{store}{extra}").unlink(missing_ok=True)
    launch(d, store)
    d.activate(d.window("数据库无法打开", 60))
    time.sleep(1.0)
    d.shot("06-restore-offer")
    d.type(LEADER)
    d.key("Tab")
    d.type("000000")
    d.key("Return")
    time.sleep(2.0)
    d.shot("07-restore-offer-wrong-pin")
    d.type(LEADER_PIN)  # the focus stays in the emptied PIN field
    d.key("Return")
    time.sleep(3.0)
    d.shot("08-restored-message")
    d.key("Return")
    d.window("签到上岗", 60)
    time.sleep(1.0)
    d.shot("09-signin-after-restore")
    if store.stat().st_size == 0 or len(restores(store)) != 1:
        raise dc.CheckFailed("空文件未恢复 / the empty store was not restored")
    notes.append(f"0-byte store restored from the start dialog ({store.stat().st_size // 1024} KB)")
    d.app.terminate()
    d.app.wait(10)
    return notes


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    d = dc.Desktop(OUT, "paste", 3.0, keep=False)
    try:
        for note in session(d):
            print(f"desktop-check-backups: {note}")
    except dc.CheckFailed as exc:
        print(f"desktop-check-backups: {exc}", file=sys.stderr)
        return 1
    finally:
        d.stop()
    print(f"desktop-check-backups: 通过 / passed — screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
