#!/usr/bin/env python3
"""A person's session with commanddesk on a virtual desktop (``make desktop-check``).

Xvfb (1366x768x24) + openbox + xdotool, no Qt in this process: the app runs as it
would for a user (``python -m commanddesk --demo`` on the xcb plugin) and is driven
by keystrokes only:

1. sign in as the demo duty officer (name preselected, PIN typed, Enter);
2. check the main window's size (at least 1300x700 on a 1366x768 screen);
3. Ctrl+N, type a call (caller, place, category, type, counts; Chinese pasted through
   the clipboard, see --chinese), wait a real 70 s, Ctrl+Enter;
4. read the demo database with sqlite3: the call must be there, with what was typed;
5. F2 (action card of the new incident), screenshot, Esc; Ctrl+Shift+Y (指挥车同步), it must fit
   the screen, screenshot, Esc;
6. every page of commanddesk.pages by its Alt+digit shortcut (the last three by the
   navigation list's first entry and Down), one screenshot each into build/desktop-check/;
7. Ctrl+Q; the app must exit with status 0.

Any failure prints one line (Chinese / English) and exits non-zero. Screenshots
taken so far stay in the folder for a look.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from commanddesk.catalogues import catalogue  # noqa: E402  (no Qt: plain data)
from commanddesk.pages import PAGE_KEYS as PAGES  # noqa: E402

SCREEN = (1366, 768)
MIN_WINDOW = (1300, 700)
TOOLS = {"Xvfb": "xvfb", "openbox": "openbox", "xdotool": "xdotool", "xclip": "xclip",
         "xdpyinfo": "x11-utils", "import": "imagemagick"}
MAIN_TITLE = "commanddesk 值班与应急指挥"

# The call typed in step 3 (what a duty officer hears on the phone).
CALL = {
    "caller_unit": "海晟化工安全环保部",
    "caller_name": "王建国",
    "caller_post": "安全员",
    "caller_phone": "13905180001",
    "place_text": "连云港海晟化工罐区",
    "category": "accident",
    "type": "accident.hazmat",
    "counts": {"injuries": 3, "trapped": 1},
}


class CheckFailed(Exception):
    """One line for the operator: 中文 / English."""


class Desktop:
    """The virtual display, the window manager and the app, all started (and stopped) here."""

    def __init__(self, out: Path, chinese: str, wait: float, keep: bool) -> None:
        self.out = out
        self.chinese = chinese
        self.wait = wait
        self.keep = keep
        self.procs: list[subprocess.Popen] = []
        self.app: subprocess.Popen | None = None
        self.home = Path(tempfile.mkdtemp(prefix="cd-desktop-"))
        self.env = dict(os.environ)
        self.display = ""
        self.shots: list[Path] = []
        self.failures: list[str] = []  # found but not fatal: the session goes on, the check fails

    # --- processes ---------------------------------------------------------------------------------
    def start(self) -> None:
        number = next(n for n in range(91, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                      and not Path(f"/tmp/.X{n}-lock").exists())
        self.display = f":{number}"
        log = open(self.home / "xvfb.log", "w")
        self.procs.append(subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
            stdout=log, stderr=subprocess.STDOUT))
        self.env.update({"DISPLAY": self.display, "XDG_DATA_HOME": str(self.home / "data"),
                         "XDG_CONFIG_HOME": str(self.home / "config"), "LANG": "C.UTF-8"})
        for key in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
            self.env.pop(key, None)  # the real thing: Qt picks xcb because DISPLAY is set
        deadline = time.monotonic() + 15
        while subprocess.run(["xdpyinfo"], env=self.env, capture_output=True).returncode != 0:
            if time.monotonic() > deadline:
                raise CheckFailed("Xvfb 未能启动 / Xvfb did not start (see xvfb.log)")
            time.sleep(0.2)
        self.procs.append(subprocess.Popen(["openbox"], env=self.env, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL))
        time.sleep(1.0)

    def launch_app(self) -> None:
        self.app_log = open(self.home / "app.log", "w")
        self.app = subprocess.Popen([sys.executable, "-m", "commanddesk", "--demo"], cwd=ROOT, env=self.env,
                                    stdout=self.app_log, stderr=subprocess.STDOUT)

    def app_output(self) -> str:
        self.app_log.flush()
        return (self.home / "app.log").read_text(encoding="utf-8", errors="replace").strip()

    def stop(self) -> None:
        if self.app is not None and self.app.poll() is None:
            self.app.terminate()
            try:
                self.app.wait(10)
            except subprocess.TimeoutExpired:
                self.app.kill()
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
        if not self.keep:
            shutil.rmtree(self.home, ignore_errors=True)

    # --- X helpers -----------------------------------------------------------------------------------
    def x(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=60)
        if check and result.returncode != 0:
            raise CheckFailed(f"xdotool {' '.join(args)} 失败 / failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def alive(self) -> None:
        if self.app is not None and self.app.poll() is not None:
            raise CheckFailed(f"程序已退出（状态 {self.app.returncode}）/ the app exited: {self.app_output()[-400:]}")

    def window(self, title: str, timeout: float = 30) -> str:
        """The id of the visible window whose title contains *title* (waits for it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.alive()
            found = self.x("search", "--onlyvisible", "--name", title, check=False).split()
            if found:
                return found[-1]
            time.sleep(0.3)
        raise CheckFailed(f"窗口“{title}”没有出现 / window '{title}' did not appear")

    def gone(self, title: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.x("search", "--onlyvisible", "--name", title, check=False).split():
                return
            time.sleep(0.2)
        raise CheckFailed(f"窗口“{title}”没有关闭 / window '{title}' did not close")

    def geometry(self, wid: str) -> tuple[int, int, int, int]:
        values = dict(line.split("=", 1) for line in self.x("getwindowgeometry", "--shell", wid).splitlines()
                      if "=" in line)
        return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])

    def activate(self, wid: str) -> None:
        self.x("windowactivate", "--sync", wid, check=False)
        self.x("windowfocus", "--sync", wid, check=False)
        time.sleep(0.3)

    def key(self, *keys: str, pause: float = 0.15) -> None:
        for k in keys:
            self.x("key", "--clearmodifiers", k)
            time.sleep(pause)

    def type(self, text: str) -> None:
        """Type *text* into the focused field; non-ASCII through the clipboard unless --chinese=type."""
        if text.isascii() or self.chinese == "type":
            self.x("type", "--delay", "40", text)
        else:
            subprocess.run(["xclip", "-selection", "clipboard"], input=text.encode(), env=self.env, check=True,
                           timeout=10)
            time.sleep(0.2)
            self.key("ctrl+v")
        time.sleep(0.2)

    def shot(self, name: str) -> Path:
        path = self.out / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, check=True, timeout=30)
        self.shots.append(path)
        return path

    # --- the store -----------------------------------------------------------------------------------
    def db_path(self) -> Path:
        """The demo copy the app opened (``demo-<pid>.sqlite`` in its data folder)."""
        path = self.home / "data" / "commanddesk" / "demo" / f"demo-{self.app.pid}.sqlite"
        if not path.is_file():
            raise CheckFailed(f"找不到演示数据库 / demo database not found: {path}")
        return path

    def query(self, sql: str, *args) -> list[tuple]:
        conn = sqlite3.connect(f"file:{self.db_path()}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()


def demo_pin(name: str) -> str:
    import csv

    with open(ROOT / "commanddesk" / "data" / "demo" / "operators.csv", encoding="utf-8") as fh:
        return next(r["pin"] for r in csv.DictReader(fh) if r["name"] == name)


def check(d: Desktop) -> list[str]:
    """The session; returns notes for the summary."""
    from commanddesk.services.demo import DEMO_OFFICER  # noqa: PLC0415 (no Qt)
    from commanddesk.services.incidents import COUNT_FIELDS  # noqa: PLC0415

    notes = []
    d.start()
    d.launch_app()
    # 1. sign in: the name list starts at the first active account (the demo duty officer)
    wid = d.window("签到上岗", 60)
    d.activate(wid)
    d.shot("00-signin")
    d.type(demo_pin(DEMO_OFFICER))
    d.key("Return")
    d.gone("签到上岗", 20)
    # 2. the main window's size
    main = d.window(MAIN_TITLE, 60)
    time.sleep(2.0)  # openbox maximises; the first page is built
    d.activate(main)
    _x, _y, w, h = d.geometry(main)
    notes.append(f"main window {w}x{h} on {SCREEN[0]}x{SCREEN[1]}")
    if w < MIN_WINDOW[0] or h < MIN_WINDOW[1]:
        d.shot("01-main-too-small")
        raise CheckFailed(f"主窗口只有 {w}×{h}，应至少 {MIN_WINDOW[0]}×{MIN_WINDOW[1]} / main window too small")
    before = d.query("SELECT count(*) FROM incident")[0][0]
    # 3. a call: Ctrl+N puts the cursor on 来电单位; Tab walks the paper-log order
    d.key("ctrl+n")
    time.sleep(0.8)
    d.type(CALL["caller_unit"])
    d.key("Tab")
    d.type(CALL["caller_name"])
    d.key("Tab")
    d.type(CALL["caller_post"])
    d.key("Tab")
    d.type(CALL["caller_phone"])
    d.key("Tab", "Tab", "Tab")  # 事发时间 (left empty), its precision, then 事发地点
    d.type(CALL["place_text"])
    d.key("Tab")  # closes the place completer too, if it opened (Esc would offer to discard the call)
    categories = list(catalogue("incident_category"))
    for _ in range(categories.index(CALL["category"]) + 1):  # the list starts with a blank entry
        d.key("Down")
    d.key("Tab")
    types = [k for k in catalogue("incident_type") if k.startswith(CALL["category"] + ".")]
    for _ in range(types.index(CALL["type"]) + 1):
        d.key("Down")
    keys = [k for k, _ in COUNT_FIELDS]
    at = -1
    for name, value in CALL["counts"].items():
        for _ in range(keys.index(name) - at):
            d.key("Tab")
        at = keys.index(name)
        d.type(str(value))
    d.shot("02-intake-typed")
    print(f"desktop-check: 已录入来电，等待 {d.wait:g} 秒后保存 / call typed, waiting {d.wait:g} s", flush=True)
    time.sleep(d.wait)
    d.alive()
    d.key("ctrl+Return")
    time.sleep(2.5)
    d.shot("03-after-save")
    # 4. the store
    rows = d.query("SELECT i.id, i.title, i.place_text, i.category, i.type, c.caller_unit, c.caller_name "
                   "FROM incident i JOIN call_record c ON c.incident_id = i.id "
                   "WHERE i.place_text = ? ORDER BY i.id DESC", CALL["place_text"])
    after = d.query("SELECT count(*) FROM incident")[0][0]
    if not rows:  # keep going (pages, F2, quit) but the check fails
        d.failures.append(
            f"接报 {d.wait:g} 秒后按 Ctrl+Enter 未保存（事件数 {before}→{after}；原因见 03-after-save.png 底部红字）"
            f" / the call was not saved after {d.wait:g} s")
        d.key("alt+3")  # the incidents page selects its first incident
        time.sleep(1.5)
    else:
        inc_id, title, place, category, type_, unit, caller = rows[0]
        if (category, type_, unit, caller) != (CALL["category"], CALL["type"], CALL["caller_unit"],
                                               CALL["caller_name"]):
            d.failures.append(f"保存的内容与录入不符 / saved values differ: {rows[0]}")
        notes.append(f"saved incident #{inc_id} “{title}” at {place} after {d.wait:g} s")
    # 5. F2: the action card of the incident shown (the one just saved)
    d.key("F2")
    card = d.window("应急处置卡", 15)
    _cx, _cy, cw, ch = d.geometry(card)
    d.shot("04-action-card")
    notes.append(f"F2 action card {cw}x{ch}")
    d.key("Escape")
    d.gone("应急处置卡")
    d.activate(main)
    # 5b. Ctrl+Shift+Y: the 指挥车同步 dialog (not a page) must fit the screen
    d.key("ctrl+shift+y")
    dialog = d.window("指挥车同步", 15)
    sx, sy, sw, sh = d.geometry(dialog)
    time.sleep(1.0)
    d.shot("05-sync")
    if sx < 0 or sy < 0 or sx + sw > 1366 or sy + sh > 768:
        d.failures.append(f"指挥车同步超出屏幕 / sync dialog off screen: {sw}x{sh}+{sx}+{sy}")
    notes.append(f"sync dialog {sw}x{sh}")
    d.key("Escape")
    d.gone("指挥车同步")
    d.activate(main)
    # 6. every page
    for i, page in enumerate(PAGES):
        if i < 10:
            d.key(f"alt+{(i + 1) % 10}")
        else:  # no Alt shortcut left: click the first entry of the navigation list, then Down to the page
            main = d.window(MAIN_TITLE)  # a new X window since the map's GL view came in
            x, y, w, h = d.geometry(main)
            d.x("mousemove", "--sync", str(x + 60), str(y + 85))
            d.x("click", "1")
            d.key("Home")  # whichever entry the click hit: from the first one
            time.sleep(1.0)
            for _ in range(i):
                d.key("Down", pause=0.05)
        time.sleep(6.0 if page == "map" else 2.0)
        d.alive()
        d.shot(f"{10 + i:02d}-{page}")
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in d.shots[-len(PAGES):]}
    if len(digests) != len(PAGES):
        raise CheckFailed(f"{len(PAGES)} 个页面只得到 {len(digests)} 张不同的截图 / pages look the same")
    # 7. quit
    d.activate(d.window(MAIN_TITLE))
    d.key("ctrl+q")
    try:
        status = d.app.wait(20)
    except subprocess.TimeoutExpired:
        raise CheckFailed("Ctrl+Q 后程序 20 秒内未退出 / the app did not quit") from None
    if status != 0:
        raise CheckFailed(f"程序退出状态 {status} / exit status {status}: {d.app_output()[-400:]}")
    if d.failures:
        raise CheckFailed("；".join(d.failures))
    return notes


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="commanddesk on a virtual desktop, driven by xdotool")
    p.add_argument("--out", default=str(ROOT / "build" / "desktop-check"), help="screenshot folder")
    p.add_argument("--wait", type=float, default=70.0, help="seconds between typing the call and saving it")
    p.add_argument("--quick", action="store_true", help="wait 3 s instead of 70 s (for trying the check)")
    p.add_argument("--chinese", choices=("paste", "type"), default="paste",
                   help="how Chinese text goes in: clipboard + Ctrl+V (default) or xdotool type")
    p.add_argument("--keep", action="store_true", help="keep the temporary home (logs, database)")
    args = p.parse_args(argv)
    missing = [f"{tool} ({pkg})" for tool, pkg in TOOLS.items() if shutil.which(tool) is None]
    if missing:
        print("desktop-check: 缺少工具 / missing tools: " + ", ".join(missing)
              + "；请运行 make desktop-check（会用 apt 安装）", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    d = Desktop(out, args.chinese, 3.0 if args.quick else args.wait, args.keep)
    try:
        notes = check(d)
    except CheckFailed as exc:
        print(f"desktop-check: 失败 / FAILED: {exc}", file=sys.stderr)
        if d.home.exists():
            print(f"desktop-check: 截图 / screenshots: {out}" + (f"；日志 / logs: {d.home}" if args.keep else ""),
                  file=sys.stderr)
        return 1
    finally:
        d.stop()
    for line in notes:
        print(f"desktop-check: {line}")
    print(f"desktop-check: 通过 / passed — {len(d.shots)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
