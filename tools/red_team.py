"""Red team for hostile input (#20): every input surface attacked through its real entry point.

    .venv/bin/python tools/red_team.py [--only SURFACE ...] [--examples N] [--json OUT.json]

Command-line attacks run ``python -m commanddesk …`` as a subprocess: a refusal must be exit status 2
(1 for ``audit verify``'s verdict) with one line of Chinese on stderr and no traceback, and the store
given with --db must have the same bytes afterwards. Attacks on what only the UI reads (Excel
imports, MBTiles, GeoJSON, track files, the plans folder, clock overrides, intake fields, registry
filters) call the service the page calls, in a worker process with a 2 GB address-space limit and a
per-attack alarm: a refusal is the service's own Chinese error (UserError and its kinds, the map's
MBTilesError / BoundaryError), and the store's bytes are compared after the store is closed.

Every outcome is one of: refused, accepted (a legitimate input taken), TRACEBACK, HANG, MEMORY,
WRONGLY-ACCEPTED (hostile input saved or used), BAD-MESSAGE (exit 2 but not one Chinese line),
STORE-CHANGED (a refusal that still changed the store). The tally of the capitalised ones is the
figure docs/reliability.md quotes. Files and stores live in /tmp/20b-red-team (reused between runs).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(os.environ.get("RED_TEAM_WORK") or Path(tempfile.gettempdir()) / "20b-red-team")
ENV = {**os.environ, "XDG_DATA_HOME": str(WORK / "data"), "XDG_CONFIG_HOME": str(WORK / "config"),
       "XDG_CACHE_HOME": str(WORK / "cache"), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
os.environ.update({k: ENV[k] for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")})
BAD = ("TRACEBACK", "HANG", "MEMORY", "WRONGLY-ACCEPTED", "WRONGLY-REFUSED", "BAD-MESSAGE", "STORE-CHANGED")
CJK = re.compile(r"[\u4e00-\u9fff]")
CLI_TIMEOUT = 90
CALL_TIMEOUT = 60


@dataclass
class Outcome:
    surface: str
    name: str
    verdict: str
    detail: str = ""
    seconds: float = 0.0


def digest(path: Path | None) -> str | None:
    """The bytes of a store (and its WAL, if one is left), or None for no store."""
    if path is None or not Path(path).is_file():
        return None
    h = hashlib.sha256(Path(path).read_bytes())
    wal = Path(str(path) + "-wal")
    if wal.is_file():
        h.update(wal.read_bytes())
    return h.hexdigest()


def template() -> Path:
    """A demo store made once by the CLI (``demo create``)."""
    path = WORK / "demo.sqlite"
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "commanddesk", "demo", "create", str(path)], env=ENV, check=True,
                       capture_output=True, cwd=ROOT)
    return path


def fresh_store(name: str) -> Path:
    path = WORK / "stores" / f"{name}.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    for extra in ("", "-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    shutil.copyfile(template(), path)
    return path


# --- command-line attacks ------------------------------------------------------------------------

def cli(surface: str, name: str, args: list[str], db: Path | None = None, must_refuse: bool = True,
        env: dict | None = None, timeout: int = CLI_TIMEOUT, must_work: bool = False) -> Outcome:
    before = digest(db)
    start = time.monotonic()
    try:
        p = subprocess.run([sys.executable, "-m", "commanddesk", *args], capture_output=True, text=True,
                           timeout=timeout, env=env or ENV, cwd=WORK, errors="replace")
    except subprocess.TimeoutExpired:
        return Outcome(surface, name, "HANG", f"> {timeout} s", time.monotonic() - start)
    except (OSError, ValueError) as exc:  # an argument the OS cannot pass (NUL, too long): not an attack
        return Outcome(surface, name, "skipped", str(exc))
    took = time.monotonic() - start
    err = p.stderr.strip()
    lines = [x for x in err.splitlines() if x.strip()]
    if "Traceback" in err or p.returncode < 0 or p.returncode > 2:
        last = lines[-1] if lines else f"status {p.returncode}"
        return Outcome(surface, name, "TRACEBACK", last[:200], took)
    if p.returncode in (1, 2):
        if len(lines) != 1 and p.returncode == 2 or lines and not CJK.search(lines[-1]):
            return Outcome(surface, name, "BAD-MESSAGE", " | ".join(lines)[:200], took)
        if must_work:  # a bad side file must not stop good work
            return Outcome(surface, name, "WRONGLY-REFUSED", lines[-1][:200] if lines else "", took)
        if before is not None and digest(db) != before:
            return Outcome(surface, name, "STORE-CHANGED", lines[-1][:200] if lines else "", took)
        return Outcome(surface, name, "refused", lines[-1][:160] if lines else "", took)
    if must_refuse:
        return Outcome(surface, name, "WRONGLY-ACCEPTED", p.stdout.strip()[:160], took)
    return Outcome(surface, name, "accepted", "", took)


def file_at(name: str, data: bytes | str) -> Path:
    path = WORK / "files" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _mutations(seed_bytes: bytes, n: int, rng: random.Random) -> list[tuple[str, bytes]]:
    """Random damage to a good file: truncation, flipped bytes, deleted and repeated spans."""
    out = []
    for i in range(n):
        data = bytearray(seed_bytes)
        how = rng.choice(("truncate", "flip", "delete", "repeat"))
        if how == "truncate":
            data = data[: rng.randrange(len(data))]
        elif how == "flip":
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif how == "delete":
            a = rng.randrange(len(data))
            del data[a: a + rng.randint(1, 200)]
        else:
            a = rng.randrange(len(data))
            data[a:a] = data[a: a + rng.randint(1, 200)] * rng.randint(2, 50)
        out.append((f"{how}-{i}", bytes(data)))
    return out


GOOD_SCENARIO = (ROOT / "commanddesk/data/scenarios/forest-fire-night.toml").read_text(encoding="utf-8")
GOOD_ACTIONS = (ROOT / "commanddesk/data/scenarios/actions/forest-fire-night-ontime.toml").read_text(encoding="utf-8")
_HEAD = """id = "x"\ntitle = "t"\nstart = 2026-04-04T21:20:00+08:00\nduration_minutes = 60\n"""
_CALL = """[initial_call]\ncategory = "natural"\ntype = "natural.forest_fire"\nplace_text = "某地"\n"""

HOSTILE_SCENARIOS = {
    "empty": "",
    "not-toml": "this is = = not toml [",
    "latin1": GOOD_SCENARIO.encode("utf-8")[:200].decode("utf-8", "ignore").encode("gbk", "ignore"),
    "utf16": GOOD_SCENARIO.encode("utf-16"),
    "binary": bytes(range(256)) * 40,
    "initial_call-string": _HEAD + 'initial_call = "x"\n',
    "initial_call-list": _HEAD + "initial_call = [1, 2]\n",
    "injects-string": _HEAD + 'injects = "abc"\n' + _CALL,
    "injects-table": _HEAD + "[injects]\nat = 1\n" + _CALL,
    "inject-int": _HEAD + "injects = [1, 2]\n" + _CALL,
    "expect-int-items": _HEAD + "expect = [1]\n" + _CALL,
    "expect-string": _HEAD + 'expect = "log_call"\n' + _CALL,
    "within-bool": _HEAD + _CALL + '[[expect]]\naction = "log_call"\nwithin = true\n',
    "within-huge": _HEAD + _CALL + '[[expect]]\naction = "log_call"\nwithin = 99999999999999\n',
    "start-naive": _HEAD.replace("+08:00", "") + _CALL,
    "start-date": _HEAD.replace("2026-04-04T21:20:00+08:00", "2026-04-04") + _CALL,
    "start-year-1": _HEAD.replace("2026-04-04T21:20:00+08:00", "0001-01-01T00:00:00+08:00") + _CALL,
    "start-year-9999": _HEAD.replace("2026-04-04T21:20:00+08:00", "9999-12-31T23:00:00+08:00") + _CALL,
    "duration-huge": _HEAD.replace("= 60", "= 9223372036854775807") + _CALL,
    "duration-bool": _HEAD.replace("= 60", "= true") + _CALL,
    "counts-huge": _HEAD + _CALL + "counts = { deaths = 9223372036854775807 }\n",
    "counts-list": _HEAD + _CALL + "counts = [1]\n",
    "counts-unknown-key": _HEAD + _CALL + "counts = { lunch = 3 }\n",
    "predicted-string": _HEAD + _CALL + 'predicted = "many"\n',
    "area-list": _HEAD.replace("duration_minutes = 60\n", "duration_minutes = 60\narea = [1]\n") + _CALL,
    "objectives-string": _HEAD.replace("duration_minutes = 60\n", 'duration_minutes = 60\nobjectives = "abc"\n') + _CALL,
    "objectives-tables": _HEAD.replace("duration_minutes = 60\n", "duration_minutes = 60\nobjectives = [{a = 1}]\n") + _CALL,
    "roles-int": _HEAD.replace("duration_minutes = 60\n", "duration_minutes = 60\nroles = 5\n") + _CALL,
    "occurred-offset-string": _HEAD + _CALL + 'occurred_offset_minutes = "-12"\n',
    "occurred-offset-huge": _HEAD + _CALL + "occurred_offset_minutes = -99999999999999\n",
    "occurred-offset-after": _HEAD + _CALL + "occurred_offset_minutes = 30\n",
    "inject-id-table": _HEAD + _CALL + '[[injects]]\nid = {a = 1}\nat = 1\nkind = "call"\ntext = "x"\n',
    "inject-text-table": _HEAD + _CALL + '[[injects]]\nid = "a"\nat = 1\nkind = "call"\ntext = {a = 1}\n',
    "inject-channel-odd": _HEAD + _CALL + '[[injects]]\nid = "a"\nat = 1\nkind = "call"\ntext = "x"\nchannel = [1]\n',
    "inject-at-float": _HEAD + _CALL + '[[injects]]\nid = "a"\nat = 1.5\nkind = "call"\ntext = "x"\n',
    "inject-at-bool": _HEAD + _CALL + '[[injects]]\nid = "a"\nat = true\nkind = "call"\ntext = "x"\n',
    "place-huge": _HEAD + _CALL.replace('"某地"', '"' + "地" * 2_000_000 + '"'),
    "text-control-chars": _HEAD + _CALL + 'text = "来电\\u0000\\u0007\\u001b[2J"\ncaller_name = "\\u0008\\u0008"\n',
    "deep-nesting": _HEAD + _CALL + "x = " + "[" * 5000 + "]" * 5000 + "\n",
    "caller-phone-int": _HEAD + _CALL + "caller_phone = 13800000000\n",
    "category-int": _HEAD + _CALL.replace('"natural"', "5"),
    "type-mismatch": _HEAD + _CALL.replace('"natural.forest_fire"', '"accident.explosion"'),
    "params-level-string": _HEAD + _CALL + '[[expect]]\naction = "grade"\nwithin = 5\nlevel = "high"\n',
}

HOSTILE_ACTIONS = {
    "empty": "",
    "not-toml": "[[actions]\nat=",
    "binary": bytes(range(256)) * 10,
    "actions-string": 'actions = "x"\n',
    "actions-ints": "actions = [1, 2]\n",
    "actions-table": "[actions]\nat = 1\naction = \"log_call\"\n",
    "at-bool": '[[actions]]\nat = true\naction = "log_call"\n',
    "at-inf": '[[actions]]\nat = inf\naction = "log_call"\n',
    "at-nan": '[[actions]]\nat = nan\naction = "log_call"\n',
    "at-huge": '[[actions]]\nat = 1e300\naction = "log_call"\n',
    "at-int-huge": '[[actions]]\nat = 9223372036854775807\naction = "log_call"\n',
    "action-table": '[[actions]]\nat = 1\naction = {a = 1}\n',
    "grade-no-level": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "grade"\n',
    "grade-level-text": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "grade"\nlevel = "high"\n',
    "grade-level-9": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "grade"\nlevel = 9\n',
    "grade-level-float": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "grade"\nlevel = 2.5\n',
    "log-call-unknown-inject": '[[actions]]\nat = 1\naction = "log_call"\ninject = "nope"\n',
    "log-call-inject-int": '[[actions]]\nat = 1\naction = "log_call"\ninject = 5\n',
    "dispatch-before-call": '[[actions]]\nat = 1\naction = "dispatch"\n',
    "dispatch-type-list": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "dispatch"\nteam_type = [1]\n',
    "issue-items-ints": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "issue_material"\nitems = [1, 2]\n',
    "issue-items-no-item": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "issue_material"\nitems = [{quantity = 1}]\n',
    "issue-quantity-huge": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "issue_material"\nitem = "灭火器"\nquantity = 9223372036854775807\n',
    "issue-quantity-text": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "issue_material"\nitem = "灭火器"\nquantity = "many"\n',
    "checklist-items-string": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "checklist"\nitems = "abc"\n',
    "checklist-items-tables": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "checklist"\nitems = [{a = 1}]\n',
    "activate-level-text": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "activate_plan"\nlevel = "x"\n',
    "change-level-none": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "change_level"\n',
    "report-signer-table": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "initial_report"\nsigner = {a = 1}\n',
    "report-channel-odd": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "initial_report"\nchannel = "pigeon"\n',
    "leader-int": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "notify_leader"\nleader = 5\n',
    "reason-huge": '[[actions]]\nat = 1\naction = "log_call"\n[[actions]]\nat = 2\naction = "grade"\nlevel = 4\nreason = "'
                   + "长" * 1_000_000 + '"\n',
}


def cli_attacks(examples: int) -> list[Outcome]:
    out: list[Outcome] = []
    rng = random.Random(20)
    db = fresh_store("cli")
    # --- the overflow cases and their neighbours
    for name, args in {
        "clocks --received 0001": ["clocks", "--kind", "accident", "--level", "2", "--received", "0001-01-01T00:00"],
        "clocks --received 9999": ["clocks", "--kind", "accident", "--level", "2", "--received", "9999-12-31T23:59"],
        "clocks --occurred 0001": ["clocks", "--kind", "accident", "--level", "2", "--received", "2026-11-23T10:00",
                                   "--occurred", "0001-01-01T00:00"],
        "clocks --unit-received 9999": ["clocks", "--kind", "accident", "--level", "2", "--received",
                                        "2026-11-23T10:00", "--unit-received", "9999-12-31T23:59"],
        "clocks --horizon huge": ["clocks", "--kind", "accident", "--level", "2", "--received", "2026-11-23T10:00",
                                  "--horizon", "99999999999999999"],
        "clocks --horizon negative": ["clocks", "--kind", "natural", "--level", "2", "--received", "2026-11-23T10:00",
                                      "--horizon", "-5"],
        "clocks --received offset +25:00": ["clocks", "--kind", "accident", "--level", "2", "--received",
                                            "2026-11-23T10:00+25:00"],
        "clocks --flag control": ["clocks", "--kind", "accident", "--level", "2", "--received", "2026-11-23T10:00",
                                  "--flag", "\x07\x1b[2J"],
        "plans match --measure 1.2.3": ["plans", "match", "--demo", "--type", "typhoon", "--measure", "outage_share=1.2.3"],
        "plans match --measure nan": ["plans", "match", "--demo", "--type", "typhoon", "--measure", "outage_share=nan"],
        "plans match --measure inf": ["plans", "match", "--demo", "--type", "typhoon", "--measure", "wind_force=inf"],
        "plans match --measure 1e309": ["plans", "match", "--demo", "--type", "typhoon", "--measure", "wind_force=1e309"],
        "plans match --measure no =": ["plans", "match", "--demo", "--type", "typhoon", "--measure", "wind_force"],
        "plans match --measure unknown": ["plans", "match", "--demo", "--type", "typhoon", "--measure", "lunch=3"],
        "plans match --deaths 1e309": ["plans", "match", "--demo", "--type", "explosion", "--deaths", "1e309"],
        "plans match --deaths -1": ["plans", "match", "--demo", "--type", "explosion", "--deaths", "-1"],
        "plans match --deaths huge": ["plans", "match", "--demo", "--type", "explosion", "--deaths", "9" * 400],
        "plans match --level 7": ["plans", "match", "--demo", "--type", "explosion", "--level", "7"],
        "grade --deaths 1e309": ["grade", "--kind", "accident", "--deaths", "1e309"],
        "grade --deaths nan": ["grade", "--kind", "accident", "--deaths", "nan"],
        "grade --deaths -inf": ["grade", "--kind", "accident", "--deaths", "-inf"],
        "grade --deaths 10^400": ["grade", "--kind", "accident", "--deaths", "1" + "0" * 400],
        "grade --deaths 3.5": ["grade", "--kind", "accident", "--deaths", "3.5"],
        "grade --predicted-deaths -3": ["grade", "--kind", "accident", "--predicted-deaths", "-3"],
        "grade --table nope": ["grade", "--kind", "accident", "--table", "../../etc/passwd", "--deaths", "1"],
        "--size 99999x99999": ["--demo", "--screenshot", str(WORK / "x.png"), "--size", "99999x99999"],
        "--size 0x0": ["--demo", "--screenshot", str(WORK / "x.png"), "--size", "0x0"],
        "stats 0001..9999": ["stats", "--db", str(db), "--from", "0001-01-01", "--to", "9999-12-31"],
        "stats month 13": ["stats", "--db", str(db), "--from", "2026-13-01", "--to", "2026-12-31"],
        "stats reversed": ["stats", "--db", str(db), "--from", "2026-12-31", "--to", "2026-01-01"],
        "roster --date 0001": ["roster", "show", "--db", str(db), "--date", "0001-01-01"],
        "roster --date 9999": ["roster", "show", "--db", str(db), "--date", "9999-12-31"],
        "daily-report --date 9999": ["daily-report", "--db", str(db), "--date", "9999-12-31"],
        "daily-report --date 0001": ["daily-report", "--db", str(db), "--date", "0001-01-01"],
        "handover --operator control": ["handover", "draft", "--db", str(db), "--operator", "\x01\x07"],
        "map export --incident abc": ["map", "export", "--db", str(db), "-o", str(WORK / "m.html"), "--incident", "abc"],
        "map export --incident huge": ["map", "export", "--db", str(db), "-o", str(WORK / "m.html"), "--incident",
                                       "9" * 40],
        "map export -o directory": ["map", "export", "--db", str(db), "-o", str(WORK)],
        "drill --speed nan": ["drill", "run", "forest-fire-night", "--speed", "nan"],
        "drill --speed inf": ["drill", "run", "forest-fire-night", "--speed", "inf"],
        "drill unknown": ["drill", "run", "../../../etc/passwd"],
        "demo create --years huge": ["demo", "create", str(WORK / "never.sqlite"), "--years", "1e9"],
        "demo create existing": ["demo", "create", str(db)],
        "intake parse 120 KB": ["intake", "parse", "接报" * 20_000],
        "intake parse --received 0001": ["intake", "parse", "今晚8点 某地起火", "--received", "0001-01-01T00:00"],
        "intake parse --received 9999": ["intake", "parse", "半小时前 某地起火", "--received", "9999-12-31T23:59"],
        "intake record control chars": ["intake", "record", "--operator", "李晓明", "--db", str(db), "海州区\x01\x07\x1b 化工厂爆炸 死亡1人"],
        "intake record 120 KB": ["intake", "record", "--operator", "李晓明", "--db", str(db), "海州区化工厂爆炸" + "长" * 40_000],
        "intake record 100 years back": ["intake", "record", "--operator", "李晓明", "--db", str(db), "海州区化工厂爆炸 死亡1人",
                                         "--received", "1926-11-23T10:00"],
        "intake record future": ["intake", "record", "--operator", "李晓明", "--db", str(db), "海州区化工厂爆炸 死亡1人",
                                 "--received", "2999-11-23T10:00"],
        "intake record --operator nobody": ["intake", "record", "--operator", "李晓明", "--db", str(db), "海州区化工厂爆炸",
                                            "--operator", "不存在的人"],
        "plans search quote": ["plans", "search", "--demo", '"'],
        "plans search star": ["plans", "search", "--demo", "*"],
        "plans search NEAR(": ["plans", "search", "--demo", "NEAR("],
        "plans search unbalanced": ["plans", "search", "--demo", '"危化 AND (爆炸 OR'],
        "plans search column:": ["plans", "search", "--demo", "title:危化 body:* ^"],
        "plans search control": ["plans", "search", "--demo", "\x01\x02危化"],
        "plans search --level 9": ["plans", "search", "--demo", "危化", "--level", "9"],
        "sync resolve huge id": ["sync", "resolve", "--db", str(db), "99999999999999999999", "--keep", "here",
                                 "--reason", "x"],
        "cap export -o directory": ["cap", "export", "--db", str(db), "--warning", "1", "-o", str(WORK)],
        "cap export --warning huge": ["cap", "export", "--db", str(db), "--warning", "9" * 30, "-o",
                                      str(WORK / "c.xml")],
    }.items():
        harmless = name.startswith(("plans search", "intake parse 120", "clocks --flag", "plans match --measure unknown"))
        out.append(cli("cli-args", name, args, db if str(db) in args else None, must_refuse=not harmless))
    # hypothesis-style random arguments for the numeric options
    for i in range(examples):
        junk = rng.choice(["1e309", "-0", "0x10", "１２", "三", "NaN", "1_000", " 5", "5 ", "٣", "∞", "1e-400",
                           str(rng.randint(-10**30, 10**30)), "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(5))])
        option = rng.choice(["--deaths", "--injuries", "--missing", "--direct-loss", "--relocated"])
        out.append(cli("cli-args", f"grade {option} {junk!r}", ["grade", "--kind", "accident", option, junk],
                       must_refuse=False))
    return out


def drill_attacks(examples: int) -> list[Outcome]:
    out = []
    rng = random.Random(21)
    for name, text in HOSTILE_SCENARIOS.items():
        path = file_at(f"scenario-{name}.toml", text)
        out.append(cli("drill-scenario", name, ["drill", "run", str(path)], must_refuse=name in (
            "empty", "not-toml", "latin1", "utf16", "binary")))
    for name, data in _mutations(GOOD_SCENARIO.encode("utf-8"), examples, rng):
        path = file_at(f"scenario-m-{name}.toml", data)
        out.append(cli("drill-scenario", f"mutated {name}", ["drill", "run", str(path)], must_refuse=False))
    for name, text in HOSTILE_ACTIONS.items():
        path = file_at(f"actions-{name}.toml", text)
        out.append(cli("drill-actions", name, ["drill", "run", "forest-fire-night", "--actions", str(path)],
                       must_refuse=False))
    for name, data in _mutations(GOOD_ACTIONS.encode("utf-8"), examples, rng):
        path = file_at(f"actions-m-{name}.toml", data)
        out.append(cli("drill-actions", f"mutated {name}", ["drill", "run", "forest-fire-night", "--actions", str(path)],
                       must_refuse=False))
    # bad reference stores for drill run --db, and the same files for audit verify
    good = template().read_bytes()
    stores = {"empty": b"", "random": os.urandom(8192), "truncated": good[: len(good) // 3],
              "header-only": good[:100], "text": "不是数据库".encode() * 100,
              "foreign-sqlite": _foreign_sqlite(), "newer-schema": _newer_schema()}
    for name, data in stores.items():
        path = file_at(f"store-{name}.sqlite", data)
        before = digest(path)
        o = cli("bad-store", f"drill run --db {name}", ["drill", "run", "forest-fire-night", "--db", str(path)])
        if o.verdict == "refused" and digest(path) != before:
            o.verdict = "STORE-CHANGED"
        out.append(o)
        out.append(cli("bad-store", f"audit verify {name}", ["audit", "verify", "--db", str(path)], db=path))
        out.append(cli("bad-store", f"stats --db {name}", ["stats", "--db", str(path), "--from", "2026-01-01",
                                                            "--to", "2026-12-31"], db=path))
        # its backups are listed and checked without opening it (#20); as a backup it is refused
        out.append(cli("bad-store", f"db backups --check {name}", ["db", "backups", "--check", "--db", str(path)],
                       db=path, must_refuse=False))
        target = WORK / "files" / f"restored-{name}.sqlite"
        o = cli("bad-store", f"db restore --from {name}", ["db", "restore", "--from", str(path), "--db", str(target)],
                db=path)
        if target.exists():
            o.verdict = "WRONGLY-ACCEPTED"
        out.append(o)
    folder = WORK / "files" / "a-directory.sqlite"
    folder.mkdir(parents=True, exist_ok=True)
    out.append(cli("bad-store", "drill run --db directory", ["drill", "run", "forest-fire-night", "--db", str(folder)]))
    return out


def _foreign_sqlite() -> bytes:
    path = WORK / "files" / "foreign.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE incident (id TEXT, deaths TEXT)")
    conn.execute("INSERT INTO incident VALUES ('x', 'y')")
    conn.commit()
    conn.close()
    return path.read_bytes()


def _newer_schema() -> bytes:
    path = WORK / "files" / "newer.sqlite"
    shutil.copyfile(template(), path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    return path.read_bytes()


def cap_attacks(examples: int) -> list[Outcome]:
    out = []
    rng = random.Random(22)
    good = next((ROOT / "commanddesk/data/demo_warnings").glob("*.xml")).read_bytes()
    cases = {
        "empty": b"", "binary": os.urandom(4000), "truncated": good[: len(good) // 2],
        "billion-laughs": b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;'
                          b'&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><alert>&c;</alert>',
        "xxe": b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert>&x;</alert>',
        "deep": b"<alert>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</alert>",
        "gbk": good.decode("utf-8").replace('encoding="UTF-8"', 'encoding="GBK"').encode("gbk", "ignore"),
        "utf16": good.decode("utf-8").encode("utf-16"),
        "year-9999": re.sub(rb"\d{4}-\d\d-\d\dT", b"9999-12-31T", good),
        "year-0001": re.sub(rb"\d{4}-\d\d-\d\dT", b"0001-01-01T", good),
        "offset-99": re.sub(rb"\+08:00", b"+99:00", good),
        "huge-headline": re.sub(rb"<headline>[^<]*</headline>", b"<headline>" + "长".encode() * 3_000_000
                                + b"</headline>", good),
        "control-chars": re.sub(rb"<headline>[^<]*</headline>", b"<headline>&#27;[2J&#7;</headline>", good),
        "polygon-nan": re.sub(rb"<polygon>[^<]*</polygon>", b"<polygon>nan,nan nan,nan nan,nan nan,nan</polygon>", good),
        "polygon-1000": re.sub(rb"<polygon>[^<]*</polygon>", b"<polygon>1000,1000 1,1 2,2 1000,1000</polygon>", good),
    }
    db = fresh_store("cap")
    for name, data in cases.items():
        path = file_at(f"cap-{name}.xml", data)
        out.append(cli("cap-file", name, ["cap", "import", str(path), "--db", str(db)], db=db,
                       must_refuse=name not in ("gbk", "utf16")))
        if out[-1].verdict in ("accepted", "WRONGLY-ACCEPTED"):
            db = fresh_store("cap")
    for name, data in _mutations(good, examples, rng):
        path = file_at(f"cap-m-{name}.xml", data)
        out.append(cli("cap-file", f"mutated {name}", ["cap", "import", str(path), "--db", str(db)], db=db,
                       must_refuse=False))
        if out[-1].verdict == "accepted":
            db = fresh_store("cap")
    return out


def sync_attacks(examples: int) -> list[Outcome]:
    out = []
    rng = random.Random(23)
    db = fresh_store("sync-post")
    vehicle = WORK / "stores" / "sync-vehicle.sqlite"
    for extra in ("", "-wal", "-shm"):
        Path(str(vehicle) + extra).unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "commanddesk", "sync", "init", "--from", str(db), "--to", str(vehicle),
                    "--site", "车1"], env=ENV, capture_output=True, cwd=WORK)
    pkg = WORK / "files" / "good.cdsync"
    pkg.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "commanddesk", "sync", "export", "--db", str(vehicle), "--to", str(pkg)],
                   env=ENV, capture_output=True, cwd=WORK)
    good = pkg.read_bytes() if pkg.exists() else b"{}"
    try:
        whole = json.loads(good)
    except ValueError:
        whole = {}
    bomb = dict(whole, content=base64.b64encode(__import__("zlib").compress(b"[" + b"0," * 50_000_000 + b"0]", 9)).decode())
    cases = {"empty": b"", "binary": os.urandom(3000), "json-list": b"[1,2]", "json-string": b'"x"',
             "manifest-string": json.dumps(dict(whole, manifest="x")).encode(),
             "signature-odd": json.dumps(dict(whole, signature="zz")).encode(),
             "content-not-base64": json.dumps(dict(whole, content="***")).encode(),
             "deep-json": b"[" * 100_000 + b"]" * 100_000,
             "zlib-bomb (unsigned)": json.dumps(bomb).encode(),
             "nan-in-manifest": good.replace(b'"schema"', b'"x": NaN, "schema"', 1)}
    for name, data in cases.items():
        path = file_at(f"sync-{name}.cdsync", data)
        out.append(cli("sync-package", name, ["sync", "import", str(path), "--db", str(db)], db=db))
    for name, data in _mutations(good, examples, rng):
        path = file_at(f"sync-m-{name}.cdsync", data)
        out.append(cli("sync-package", f"mutated {name}", ["sync", "import", str(path), "--db", str(db)], db=db))
    return out


def docx_attacks(examples: int) -> list[Outcome]:
    out = []
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        _stream_member(z, "word/document.xml", b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/"
                       b"2006/main'><w:body>", 1_500_000_000, b"</w:body></w:document>")
    cases = {"empty": b"", "binary": os.urandom(2000), "zip-without-document": _zip({"a.txt": b"x"}),
             "zip-bomb": bomb.getvalue(),
             "document-not-xml": _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00\x01"})}
    for name, data in cases.items():
        path = file_at(f"plan-{name}.docx", data)
        out.append(cli("plan-docx", name, ["plans", "import", "--demo", str(path), "--dry-run"]))
    return out


def _stream_member(z: zipfile.ZipFile, name: str, head: bytes, filler: int, tail: bytes) -> None:
    """Write *name* as head + *filler* spaces + tail without holding it in memory (a zip bomb member)."""
    with z.open(zipfile.ZipInfo(name), "w", force_zip64=True) as fh:
        fh.write(head)
        chunk = b" " * (1 << 20)
        for _ in range(filler >> 20):
            fh.write(chunk)
        fh.write(tail)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def folder_attacks(examples: int) -> list[Outcome]:
    """A malformed file in the user's plans/ folder or rules/clock-overrides.toml, through the CLI."""
    out = []
    db = fresh_store("folders")
    plan_cases = {"levels-ints": 'id = "p"\ntitle = "t"\nlevels = [1, 2]\n', "binary": bytes(range(256)),
                  "levels-table": 'id = "p"\ntitle = "t"\n[levels]\na = 1\n', "tier-int": 'id = "p"\ntier = 5\n',
                  "measures-string": 'id = "p"\ntitle = "t"\ntier = "special"\ncategory = "accident"\nstatus = "published"'
                                     '\n[[levels]]\nlevel = 1\nmeasures = "x"\n',
                  "conditions-ints": 'id = "p"\ntitle = "t"\ntier = "special"\ncategory = "accident"\nstatus = "published"'
                                     '\n[[levels]]\nlevel = 1\nconditions = [1]\n',
                  "id-table": "id = {a = 1}\n", "deep": "x = " + "[" * 3000 + "]" * 3000}
    for name, text in plan_cases.items():
        env = dict(ENV, XDG_DATA_HOME=str(WORK / "data-plans" / name))
        folder = WORK / "data-plans" / name / "commanddesk" / "plans"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.toml").write_bytes(text.encode() if isinstance(text, str) else text)
        o = cli("plans-folder", f"plans search with {name}", ["plans", "search", "--db", str(db), "预案"],
                must_refuse=False, env=env, must_work=True)
        out.append(o)
        out.append(cli("plans-folder", f"plans match with {name}", ["plans", "match", "--db", str(db), "--type",
                                                                    "explosion", "--deaths", "3"],
                       must_refuse=False, env=env, must_work=True))
    override_cases = {"binary": bytes(range(256)), "rules-int": "rules = 5\n", "unknown-rule": "[rules.NOPE]\nenabled = false\n",
                      "times-ints": "[rules.C-XUBAO]\ntimes = [1, 2]\n", "not-toml": "[rules\n",
                      "statutory-retimed": "[rules.C-LEVEL-2H]\noffset_minutes = 999\n"}
    for name, text in override_cases.items():
        env = dict(ENV, XDG_DATA_HOME=str(WORK / "data-rules" / name))
        folder = WORK / "data-rules" / name / "commanddesk" / "rules"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "clock-overrides.toml").write_bytes(text.encode() if isinstance(text, str) else text)
        store = fresh_store(f"overrides-{name}")
        out.append(cli("clock-overrides", f"intake record with {name}", ["intake", "record", "--operator", "李晓明", "--db", str(store),
                                                                          "海州区化工厂爆炸 死亡1人"],
                       must_refuse=False, env=env, must_work=True))
    return out


# --- service attacks (what only the UI reads), in a worker process --------------------------------

def run_worker(surface: str, examples: int) -> list[Outcome]:
    """Run one service surface in a child process (memory limit, alarm per attack); its outcomes."""
    try:
        p = subprocess.run([sys.executable, __file__, "--worker", surface, "--examples", str(examples)],
                           capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=3600, errors="replace")
    except subprocess.TimeoutExpired:
        return [Outcome(surface, "(worker)", "HANG", "worker did not finish in an hour")]
    out = []
    for line in p.stdout.splitlines():
        if line.startswith("{"):
            out.append(Outcome(**json.loads(line)))
    if p.returncode != 0:
        tail = [x for x in p.stderr.splitlines() if x.strip()][-1:] or [f"status {p.returncode}"]
        out.append(Outcome(surface, "(worker died)", "TRACEBACK", tail[0][:200]))
    return out


class _Hang(BaseException):
    pass


class _Dirty(Exception):
    """Accepted, but what was saved still carries the hostile part."""


def _alarm(_sig, _frame):
    raise _Hang()


def _call(surface: str, name: str, fn, refusals: tuple, must_refuse: bool, store_path: Path | None = None,
          timeout: int = CALL_TIMEOUT, must_work: bool = False) -> Outcome:
    """Call fn(); classify what happened. fn returns True when it refused without raising (an import result
    that lists errors), False/None when it accepted."""
    import signal
    import traceback

    before = digest(store_path)
    start = time.monotonic()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    try:
        refused_quietly = fn()
        verdict, detail = ("refused", "") if refused_quietly else (
            ("WRONGLY-ACCEPTED" if must_refuse else "accepted"), "")
    except _Hang:
        verdict, detail = "HANG", f"> {timeout} s"
    except _Dirty as exc:
        verdict, detail = "WRONGLY-ACCEPTED", str(exc)
    except MemoryError:
        verdict, detail = "MEMORY", "MemoryError"
    except refusals as exc:
        message = getattr(exc, "message", None) or str(exc)
        verdict, detail = ("refused" if CJK.search(message) else "BAD-MESSAGE"), message[:160]
        if must_work:  # a bad side file must not stop good work
            verdict = "WRONGLY-REFUSED"
    except Exception as exc:  # noqa: BLE001 (the point is to find these)
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        verdict = "TRACEBACK"
        detail = f"{type(exc).__name__}: {str(exc)[:100]} at {Path(frame.filename).name}:{frame.lineno}"
    finally:
        signal.alarm(0)
    took = time.monotonic() - start
    if verdict == "refused" and before is not None and digest(store_path) != before:
        verdict = "STORE-CHANGED"
    return Outcome(surface, name, verdict, detail, took)


def _sign_in(session, name: str, pin: str):
    try:
        from commanddesk.services.accounts import sign_in
    except ImportError:  # before the accounts module
        from commanddesk.services.auth import sign_in
    return sign_in(session, name, pin)


class _StoreBox:
    """A private copy of the demo store, opened per attack and closed after it (so its bytes can be compared)."""

    def __init__(self, name: str, operator: str = "赵磊", pin: str = "999999") -> None:
        from datetime import datetime

        from commanddesk.clock import BEIJING, FixedClock
        from commanddesk.store import open_store

        self.name = name
        self.clock = FixedClock(datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING))
        self.path = fresh_store(name)
        store = open_store(self.path, self.clock)
        with store.transaction() as s:
            self.actor = _sign_in(s, operator, pin)
        store.close()

    def refresh(self) -> None:
        from commanddesk.store import open_store

        self.path = fresh_store(self.name)
        store = open_store(self.path, self.clock)
        with store.transaction() as s:
            self.actor = _sign_in(s, self.actor.name, "999999" if self.actor.name == "赵磊" else "111111")
        store.close()

    def run(self, fn):
        """fn(session) inside one transaction of a freshly opened store; closed afterwards."""
        from commanddesk.store import open_store

        store = open_store(self.path, self.clock)
        store.actor = self.actor
        try:
            with store.transaction() as s:
                return fn(s)
        finally:
            store.close()


def _xlsx_cases(box: _StoreBox, examples: int) -> dict[str, tuple[bytes, bool]]:
    """name -> (file bytes, must be refused)."""
    from openpyxl import Workbook

    from commanddesk.services import spreadsheets

    good = WORK / "files" / "teams-good.xlsx"
    box.run(lambda s: spreadsheets.export(s, spreadsheets.spec_for("teams"), good))
    good_bytes = good.read_bytes()

    def sheet(rows, title="救援队伍") -> bytes:
        wb = Workbook()
        ws = wb.active
        ws.title = title
        for r in rows:
            ws.append(r)
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    def rewrite(data: bytes, member: str, fn) -> bytes:
        src = zipfile.ZipFile(io.BytesIO(data))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for info in src.infolist():
                body = src.read(info.filename)
                z.writestr(info.filename, fn(body) if info.filename == member else body)
        return buf.getvalue()

    from openpyxl import load_workbook

    exported = list(load_workbook(good, read_only=True).worksheets[0].iter_rows(values_only=True))
    head, sample = list(exported[0]), list(exported[1])

    def team(code: str, **changes) -> list:
        """A row like the first exported team, with a new code and the given columns changed (by label)."""
        row = list(sample)
        row[head.index("编号")] = code
        for label, value in changes.items():
            row[head.index(label)] = value
        return row

    fake_dim = rewrite(good_bytes, "xl/worksheets/sheet1.xml",
                       lambda b: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', b))
    tiny = sheet([head, team("T-X1")])
    fake_dim_tiny = rewrite(tiny, "xl/worksheets/sheet1.xml",
                            lambda b: re.sub(rb"<dimension ref=\"[^\"]*\"/>", b'<dimension ref="A1:XFD1048576"/>', b)
                            if b"<dimension" in b else b.replace(b"<sheetViews>", b'<dimension ref="A1:XFD1048576"/><sheetViews>', 1))
    src = zipfile.ZipFile(io.BytesIO(tiny))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                before, _, after = body.partition(b"</sheetData>")
                _stream_member(z, info.filename, before + b"</sheetData><!--", 1_200_000_000, b"-->" + after)
            else:
                z.writestr(info.filename, body)
    bomb = buf.getvalue()
    far_cell = rewrite(tiny, "xl/worksheets/sheet1.xml",
                       lambda b: b.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x'
                                           b"</t></is></c></row></sheetData>", 1))
    wide = rewrite(tiny, "xl/worksheets/sheet1.xml",
                   lambda b: b.replace(b"</row>", b"".join(b'<c r="%s1" t="inlineStr"><is><t>x</t></is></c>'
                                                            % _col(i).encode() for i in range(6, 16000)) + b"</row>", 1))
    laughs = (b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
              b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>')
    entity = rewrite(tiny, "xl/worksheets/sheet1.xml", lambda b: laughs + b.replace(
        b"</row>", b'<c r="ZZ1" t="inlineStr"><is><t>&f;</t></is></c></row>', 1))

    def as_text(ws_rows, cells):
        """A sheet whose cells at *cells* ((row, column) from 1) hold text even when it begins with "="."""
        wb = Workbook()
        ws = wb.active
        ws.title = "救援队伍"
        for r, row in enumerate(ws_rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c, value=value)
                if (r, c) in cells:
                    cell.data_type = "s"
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    name_col = head.index("名称") + 1
    cases: dict[str, tuple[bytes, bool]] = {
        "empty file": (b"", True), "random bytes": (os.urandom(5000), True),
        "truncated export": (good_bytes[: len(good_bytes) // 2], True),
        "zip without workbook": (_zip({"a.txt": b"x"}), True),
        "csv renamed": ("编号,名称\nT1,队\n".encode(), True),
        "fake dimension (good file)": (fake_dim, False),
        "fake dimension (tiny file)": (fake_dim_tiny, False),
        "zip bomb 1.2 GB sheet": (bomb, True),
        "cell at XFD1048576": (far_cell, False),
        "16000 columns": (wide, True),
        "entity expansion": (entity, True),
        "header only": (sheet([head]), False),
        "no header": (sheet([]), True),
        "duplicate header": (sheet([head + ["编号"], team("T-X1") + ["T-X1"]]), True),
        "duplicate key rows": (sheet([head, team("T-X1"), team("T-X1", 名称="队2")]), True),
        "blank 状态": (sheet([head, team("T-X2", 名称="新队", 状态=None)]), False),
        "blank 状态 of an existing team": (sheet([head, team("T001", 状态=None)]), False),
        "blank 类型": (sheet([head, team("T-X2", 名称="新队", 类型=None)]), True),
        "formula cell": (sheet([head, team("T-X3", 名称="=HYPERLINK(\"http://x\",\"点我\")")]), True),
        "text beginning with =": (as_text([head, team("T-X3", 名称="=HYPERLINK(\"http://x\",\"点我\")")],
                                          {(2, name_col)}), False),
        "DDE text": (as_text([head, team("T-X4", 名称="=cmd|' /C calc'!A0")], {(2, name_col)}), False),
        "escaped control chars": (sheet([head, team("T-X5", 名称="队_x0007__x001B_")]), False),
        "name 100k chars": (sheet([head, team("T-X6", 名称="长" * 100_000)]), True),
        "wrong sheet title": (sheet([head, team("T-X7", 名称="新队7")], title="Sheet9"), False),
        "unknown choice": (sheet([head, team("T-X8", 名称="新队8", 类型="飞碟队")]), True),
    }
    for label, value in (("nan", float("nan")), ("inf", float("inf")), ("1e308", 1e308), ("10^30", 10**30),
                         ("-5", -5), ("bool", True), ("date", __import__("datetime").datetime(2026, 1, 1)),
                         ("text", "很多")):
        for column in ("总人数", "纬度"):
            cases[f"{column} {label}"] = (sheet([head, team("T-N1", 名称="新队N", **{column: value})]), True)
    rng = random.Random(24)
    for name, data in _mutations(good_bytes, examples, rng):
        cases[f"mutated export {name}"] = (data, False)
    return cases


def _col(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def worker_xlsx(examples: int) -> list[Outcome]:
    from commanddesk.errors import UserError
    from commanddesk.services import roster, spreadsheets

    box = _StoreBox("xlsx")
    out = []
    for name, (data, must_refuse) in _xlsx_cases(box, examples).items():
        path = file_at("attack.xlsx", data)
        for registry in ("teams", "contacts"):
            def attack(s, registry=registry):
                result = spreadsheets.import_file(s, spreadsheets.spec_for(registry), path)
                if not result.ok:
                    raise UserError(result.errors[0].text())
            o = _call("xlsx-import", f"{registry}: {name}", lambda: box.run(attack), (UserError,),
                      must_refuse and registry == "teams" or name in ("empty file", "random bytes", "zip bomb 1.2 GB sheet"),
                      box.path)
            out.append(o)
            if o.verdict in ("accepted", "WRONGLY-ACCEPTED"):
                box.refresh()
        def roster_attack(s):
            result = roster.import_xlsx(s, path)
            if not result.ok:
                raise UserError(result.errors[0].text())

        o = _call("xlsx-import", f"roster: {name}", lambda: box.run(roster_attack),
                  (UserError,), False, box.path)
        out.append(o)
        if o.verdict in ("accepted", "WRONGLY-ACCEPTED"):
            box.refresh()
    # formulas out: an exported value beginning with "=" must come back as text, and re-import unchanged
    from openpyxl import load_workbook

    from commanddesk.services import registry as reg

    def plant(s):
        spec = spreadsheets.spec_for("contacts")
        rows = reg.list_rows(s, spec)
        reg.update(s, spec, rows[0].id, {"name": "=HYPERLINK(\"http://evil\",\"点我\")", "notes": "=cmd|' /C calc'!A0"})

    box.refresh()
    box.run(plant)
    export = WORK / "files" / "contacts-formulas.xlsx"
    box.run(lambda s: spreadsheets.export(s, spreadsheets.spec_for("contacts"), export))
    wb = load_workbook(export)
    formulas = [c.coordinate for row in wb.worksheets[0].iter_rows() for c in row if c.data_type == "f"]
    out.append(Outcome("xlsx-export", "values beginning with = exported", "WRONGLY-ACCEPTED" if formulas else "refused",
                       f"formula cells {formulas[:4]}" if formulas else "written as text"))
    out.append(_call("xlsx-export", "re-import of that export", lambda: box.run(
        lambda s: not spreadsheets.import_file(s, spreadsheets.spec_for("contacts"), export).ok), (UserError,), False,
        box.path))
    return out


def worker_mbtiles(examples: int) -> list[Outcome]:
    from commanddesk.map import mbtiles

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    out = []

    def make(name: str, setup: str, rows: list = (), meta: list = ()) -> Path:
        path = WORK / "files" / f"tiles-{name}.mbtiles"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        conn = sqlite3.connect(path)
        conn.executescript(setup)
        if meta:
            conn.executemany("INSERT INTO metadata VALUES (?, ?)", meta)
        if rows:
            conn.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", rows)
        conn.commit()
        conn.close()
        return path

    std = "CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data);"
    cases = {
        "no tables": make("none", "CREATE TABLE x (a);"),
        "metadata only": make("meta-only", "CREATE TABLE metadata (name, value);"),
        "tiles wrong columns": make("wrong-cols", "CREATE TABLE metadata (name, value); CREATE TABLE tiles (a, b);"),
        "view on missing table": make("bad-view", "CREATE TABLE metadata (name, value); CREATE VIEW tiles AS SELECT * FROM gone;"),
        "empty tiles": make("empty", std),
        "zoom text": make("zoom-text", std, [("abc", 0, 0, png)]),
        "zoom huge": make("zoom-huge", std, [(2**62, 0, 0, png)]),
        "zoom negative": make("zoom-neg", std, [(-5, 0, 0, png)]),
        "tile text": make("tile-text", std, [(1, 0, 0, "not an image")]),
        "tile int": make("tile-int", std, [(1, 0, 0, 12345)]),
        "tile float": make("tile-float", std, [(1, 0, 0, 1.5)]),
        "tile null": make("tile-null", std, [(1, 0, 0, None)]),
        "tile not an image": make("tile-junk", std, [(1, 0, 0, b"junk")]),
        "minzoom inf": make("minzoom-inf", std, [(1, 0, 0, png)], [("minzoom", "inf"), ("maxzoom", "1e400")]),
        "minzoom nan": make("minzoom-nan", std, [(1, 0, 0, png)], [("minzoom", "nan"), ("maxzoom", "-inf")]),
        "center inf": make("center-inf", std, [(1, 0, 0, png)], [("center", "inf,nan,1e400")]),
        "center nan zoom": make("center-nan", std, [(1, 0, 0, png)], [("center", "1,2,nan")]),
        "bounds nan": make("bounds-nan", std, [(1, 0, 0, png)], [("bounds", "nan,nan,nan,nan")]),
        "bounds reversed": make("bounds-rev", std, [(1, 0, 0, png)], [("bounds", "180,90,-180,-90")]),
        "metadata blob keys": make("meta-blob", std, [(1, 0, 0, png)], [(b"\xff\xfe", b"\x00\x01"), (None, None)]),
        "format pbf": make("pbf", std, [(1, 0, 0, png)], [("format", "pbf")]),
        "huge minzoom > maxzoom": make("zooms", std, [(1, 0, 0, png)], [("minzoom", "30"), ("maxzoom", "2")]),
        "name 1 MB": make("name", std, [(1, 0, 0, png)], [("name", "长" * 1_000_000)]),
    }
    good = make("good", std, [(1, 0, 0, png)])
    raw = good.read_bytes()
    files = {"empty file": b"", "random bytes": os.urandom(4096), "sqlite header + junk": raw[:16] + os.urandom(5000),
             "truncated": raw[: len(raw) // 2], "page flipped": raw[:2048] + os.urandom(1024) + raw[3072:]}
    for name, data in files.items():
        cases[name] = file_at(f"tiles-{name.replace(' ', '-')}.mbtiles", data)
    rng = random.Random(25)
    for name, data in _mutations(raw, examples, rng):
        cases[f"mutated {name}"] = file_at(f"tiles-m-{name}.mbtiles", data)
    folder = WORK / "files" / "tiles-dir.mbtiles"
    folder.mkdir(parents=True, exist_ok=True)
    cases["a directory"] = folder

    def use(path: Path):
        """What the map does with a basemap: open it, then serve tiles the page asks for (any z/x/y)."""
        tiles = mbtiles.MBTiles(path)
        try:
            info = tiles.info
            for z, x, y in ((1, 0, 0), (info.maxzoom, 0, 0), (info.minzoom, 0, 0), (62, 1, 1), (-1, 0, 0)):
                tiles.tile(z, x, y)
        finally:
            tiles.close()

    for name, path in cases.items():
        out.append(_call("mbtiles", name, lambda path=path: use(path), (mbtiles.MBTilesError,), False))
    return out


def worker_geojson(examples: int) -> list[Outcome]:
    from commanddesk.map import boundaries, coords

    def poly(*ring):
        return {"type": "Polygon", "coordinates": [list(ring)]}

    sq = [[119.0, 34.0], [119.1, 34.0], [119.1, 34.1], [119.0, 34.1], [119.0, 34.0]]
    fc = lambda *features: {"type": "FeatureCollection", "features": list(features)}  # noqa: E731
    feat = lambda g, p=None: {"type": "Feature", "geometry": g, "properties": p if p is not None else {"name": "区"}}  # noqa: E731
    cases: dict[str, object] = {
        "not json": b"{not json", "empty": b"", "latin1": '{"type":"Feature","name":"\xe9"}'.encode("latin-1"),
        "utf16": json.dumps(fc(feat(poly(*sq)))).encode("utf-16"),
        "deep nesting": b"[" * 200_000 + b"]" * 200_000,
        "deep nesting in object": b'{"type":"FeatureCollection","features":' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        "list top": [1, 2], "string top": "FeatureCollection", "type list": {"type": [1]},
        "features dict": {"type": "FeatureCollection", "features": {"a": 1}},
        "features string": {"type": "FeatureCollection", "features": "abc"},
        "features ints": fc(1, 2),
        "geometry string": fc({"type": "Feature", "geometry": "POLYGON", "properties": {}}),
        "geometry list": fc({"type": "Feature", "geometry": [1, 2], "properties": {}}),
        "properties list": fc({"type": "Feature", "geometry": poly(*sq), "properties": [1]}),
        "properties string": fc({"type": "Feature", "geometry": poly(*sq), "properties": "x"}),
        "coordinates missing": fc(feat({"type": "Polygon"})),
        "coordinates string": fc(feat({"type": "Polygon", "coordinates": "abc"})),
        "coordinates number": fc(feat({"type": "Polygon", "coordinates": 5})),
        "ring of numbers": fc(feat({"type": "Polygon", "coordinates": [[1, 2, 3]]})),
        "position strings": fc(feat(poly(["a", "b"], ["c", "d"], ["e", "f"], ["a", "b"]))),
        "position bools": fc(feat(poly([True, True], [False, True], [True, False], [True, True]))),
        "position one number": fc(feat(poly([1], [2], [3], [1]))),
        "3D positions": fc(feat(poly(*[p + [12.5] for p in sq]))),
        "4D positions": fc(feat(poly(*[p + [1, 2] for p in sq]))),
        "NaN positions": b'{"type":"Polygon","coordinates":[[[NaN,NaN],[1,1],[2,2],[NaN,NaN]]]}',
        "Infinity positions": b'{"type":"Polygon","coordinates":[[[Infinity,1],[1,1],[2,2],[Infinity,1]]]}',
        "out of range": fc(feat(poly([500, 500], [600, 500], [600, 600], [500, 500]))),
        "empty ring": fc(feat({"type": "Polygon", "coordinates": [[]]})),
        "empty polygon": fc(feat({"type": "Polygon", "coordinates": []})),
        "two-point ring": fc(feat(poly([119, 34], [119, 34]))),
        "degenerate ring": fc(feat(poly([119, 34], [119, 34], [119, 34], [119, 34]))),
        "multipolygon flat": fc(feat({"type": "MultiPolygon", "coordinates": [[119, 34]]})),
        "multipolygon empty polys": fc(feat({"type": "MultiPolygon", "coordinates": [[], [[]]]})),
        "geometry collection": fc(feat({"type": "GeometryCollection", "geometries": [poly(*sq)]})),
        "null geometry": fc(feat(None)),
        "name huge": fc(feat(poly(*sq), {"name": "长" * 2_000_000})),
        "name control": fc(feat(poly(*sq), {"name": "\x00\x07\x1b[2J"})),
        "name table": fc(feat(poly(*sq), {"name": {"a": 1}})),
        "code list": fc(feat(poly(*sq), {"name": "区", "code": [1, 2]})),
        "1e309 position": b'{"type":"Polygon","coordinates":[[[1e309,1],[1,1],[2,2],[1e309,1]]]}',
        "big ints": fc(feat(poly([10**400, 1], [1, 1], [2, 2], [10**400, 1]))),
        "million points": fc(feat(poly(*([[119 + i * 1e-7, 34.0] for i in range(1_000_000)] + [[119, 34.0]])))),
        "good": fc(feat(poly(*sq))),
    }
    out = []
    for name, value in cases.items():
        data = value if isinstance(value, bytes) else json.dumps(value).encode()
        path = file_at("area.geojson", data)

        def use(path=path):
            """What the map does with a boundary file: load it, shift it for a GCJ-02 basemap, find names, bounds."""
            collection = boundaries.load_geojson_file(path)
            boundaries.in_display_frame(collection, coords.GCJ02)
            boundaries.name_at([collection], 34.05, 119.05)
            coords.bounds(f["geometry"] for f in collection["features"])
            json.dumps(collection, allow_nan=False)

        out.append(_call("geojson", name, use, (boundaries.BoundaryError,), False))
    return out


def worker_tracks(examples: int) -> list[Outcome]:
    from sqlalchemy import select

    from commanddesk.errors import UserError
    from commanddesk.models import RescueTeam
    from commanddesk.services import tracks

    box = _StoreBox("tracks")
    team = box.run(lambda s: s.scalar(select(RescueTeam.id).order_by(RescueTeam.id)))
    gpx = ('<?xml version="1.0"?><gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>{}</trkseg></trk></gpx>')
    pt = '<trkpt lat="{}" lon="{}"><time>{}</time></trkpt>'
    cases = {
        "gpx not xml": ("gpx", "<gpx"), "gpx empty": ("gpx", ""), "gpx billion laughs": (
            "gpx", '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                   '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
                   '<gpx><trkpt lat="34" lon="119"><time>&d;</time></trkpt></gpx>'),
        "gpx xxe": ("gpx", '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><gpx><trkpt lat='
                           '"34" lon="119"><time>&x;</time></trkpt></gpx>'),
        "gpx lat missing": ("gpx", gpx.format('<trkpt lon="119"><time>2026-11-23T10:00:00Z</time></trkpt>')),
        "gpx lat text": ("gpx", gpx.format(pt.format("abc", "119", "2026-11-23T10:00:00Z"))),
        "gpx lat nan": ("gpx", gpx.format(pt.format("nan", "nan", "2026-11-23T10:00:00Z"))),
        "gpx lat inf": ("gpx", gpx.format(pt.format("inf", "119", "2026-11-23T10:00:00Z"))),
        "gpx time 9999": ("gpx", gpx.format(pt.format("34", "119", "9999-12-31T23:59:59-23:59"))),
        "gpx time 0001": ("gpx", gpx.format(pt.format("34", "119", "0001-01-01T00:00:00+14:00"))),
        "gpx time garbage": ("gpx", gpx.format(pt.format("34", "119", "yesterday"))),
        "gpx deep": ("gpx", "<gpx>" + "<a>" * 100_000 + "</a>" * 100_000 + "</gpx>"),
        "gpx 30k points": ("gpx", gpx.format(pt.format("34", "119", "2026-11-23T10:00:00Z") * 30_000)),
        "csv empty": ("csv", ""), "csv no columns": ("csv", "a,b\n1,2\n"),
        "csv lat nan": ("csv", "时间,纬度,经度\n2026-11-23 10:00,nan,nan\n"),
        "csv lat inf": ("csv", "时间,纬度,经度\n2026-11-23 10:00,inf,119\n"),
        "csv lat 1e309": ("csv", "时间,纬度,经度\n2026-11-23 10:00,1e309,119\n"),
        "csv short row": ("csv", "时间,纬度,经度\n2026-11-23 10:00\n"),
        "csv nul": ("csv", "时间,纬度,经度\n2026-11-23 10:00,34\x00,119\n"),
        "csv time 9999": ("csv", "时间,纬度,经度\n9999-12-31T23:59:59-23:59,34,119\n"),
        "csv huge field": ("csv", "时间,纬度,经度\n" + '"' + "x" * 200_000 + '",34,119\n'),
        "csv gbk": ("csv", "时间,纬度,经度\n2026-11-23 10:00,34,119\n".encode("gbk")),
        "good csv": ("csv", "时间,纬度,经度\n2026-11-23 10:00,34.6,119.2\n"),
    }
    out = []
    for name, (kind, text) in cases.items():
        path = file_at(f"track.{kind}", text)
        o = _call("track-file", name, lambda path=path: box.run(lambda s: tracks.import_track(s, team, path)) and False,
                  (UserError,), name != "good csv" and "time 9999" not in name and "time 0001" not in name, box.path)
        out.append(o)
        if o.verdict in ("accepted", "WRONGLY-ACCEPTED"):
            box.refresh()
    return out


def worker_folders(examples: int) -> list[Outcome]:
    """The user's plans/ folder and clock overrides as the pages read them (services, not the CLI)."""
    from commanddesk import paths
    from commanddesk.errors import UserError
    from commanddesk.plans import library
    from commanddesk.services import clocks, plans

    out = []
    box = _StoreBox("folders", "李晓明", "111111")
    folder = paths.data_dir() / "plans"
    base = 'id = "p"\ntitle = "t"\ntier = "special"\ncategory = "accident"\nstatus = "published"\nedition = "2026"\n'
    lvl = "[[levels]]\nlevel = 1\nname = \"Ⅰ级\"\n"
    plan_cases = {
        "levels ints": 'id = "p"\ntitle = "t"\nlevels = [1, 2]\n', "levels table": base + "[levels]\na = 1\n",
        "binary": bytes(range(256)), "not utf-8": "id = '预案'".encode("gbk"), "deep": "x = " + "[" * 3000 + "]" * 3000,
        "measures string": base + lvl + 'measures = "x"\n', "conditions ints": base + lvl + "conditions = [1]\n",
        "condition value table": base + lvl + '[[levels.conditions]]\nfield = "deaths"\nop = ">="\nvalue = {a = 1}\n',
        "condition value nan": base + lvl + '[[levels.conditions]]\nfield = "deaths"\nop = ">="\nvalue = nan\n',
        "condition in string": base + lvl + '[[levels.conditions]]\nfield = "type"\nop = "in"\nvalue = "abc"\n',
        "groups ints": base + lvl + "groups = [1]\n", "cards string": base + lvl + 'cards = "x"\n',
        "sections ints": base + lvl + "sections = [1, 2]\n", "types table": base + lvl + "types = {a = 1}\n",
        "approved text": base + lvl + 'approved = "yesterday"\n', "edition table": base.replace('"2026"', "{a = 1}") + lvl,
        "id int": base.replace('id = "p"', "id = 5") + lvl, "title huge": base.replace('"t"', '"' + "长" * 1_000_000 + '"') + lvl,
        "level 99": base + "[[levels]]\nlevel = 99\n", "level bool": base + "[[levels]]\nlevel = true\n",
    }
    from sqlalchemy import select

    from commanddesk.models import Incident

    incident = box.run(lambda s: s.scalar(select(Incident.id).where(Incident.is_drill.is_(False)).order_by(Incident.id)))
    for name, text in plan_cases.items():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "bad.toml").write_bytes(text.encode() if isinstance(text, str) else text)

        def pages():
            """What 预案 and 事件 read: the library (bad files listed, not raised), the search, the matches."""
            lib = library.reload(False)
            from commanddesk.plans import search as plan_search

            plan_search.index_for(lib).search("预案")
            box.run(lambda s: plans.matches(s, incident))
            return False

        out.append(_call("plans-folder", name, pages, (UserError,), False, must_work=True))
    shutil.rmtree(folder, ignore_errors=True)
    library.reload(False)
    rules_file = paths.data_dir() / "rules" / "clock-overrides.toml"
    rules_file.parent.mkdir(parents=True, exist_ok=True)
    override_cases = {"binary": bytes(range(256)), "rules int": "rules = 5\n", "unknown rule": "[rules.NOPE]\nenabled = false\n",
                      "times ints": "[rules.C-XUBAO]\ntimes = [1, 2]\n", "not toml": "[rules\n",
                      "statutory retimed": "[rules.C-LEVEL-2H]\noffset_minutes = 999\n", "deep": "x = " + "[" * 3000 + "]" * 3000,
                      "offset huge": "[rules.C-XUBAO]\nenabled = true\nwarn_before_minutes = 99999999999999999\n"}
    from commanddesk.services import incidents

    for name, text in override_cases.items():
        rules_file.write_bytes(text.encode() if isinstance(text, str) else text)
        clocks.ruleset.cache_clear()

        def save_a_call():
            """The intake page's save with a bad override file in place: statutory clocks must still start."""
            box.run(lambda s: incidents.record_call(s, incidents.CallInput(
                category="accident", type="accident.explosion", place_text="海州区某厂", counts={"deaths": 1})))
            return False

        o = _call("clock-overrides", name, save_a_call, (UserError,), False, None, must_work=True)
        out.append(o)
        box.refresh()
    rules_file.unlink()
    clocks.ruleset.cache_clear()
    return out


def worker_intake(examples: int) -> list[Outcome]:
    from datetime import datetime, timedelta

    from commanddesk.clock import BEIJING
    from commanddesk.errors import UserError
    from commanddesk.services import incidents

    box = _StoreBox("intake", "李晓明", "111111")
    now = datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING)
    base = dict(category="accident", type="accident.explosion", place_text="海州区某厂")
    cases = {
        "control chars in course": (dict(course="爆炸\x00\x07\x1b[2J\ufffe"), False),
        "control chars in caller": (dict(caller_name="\x08\x08张三"), False),
        "control chars in place": (dict(place_text="海州区\x0b某厂"), False),
        "only control chars in place": (dict(place_text="\x07\x08"), True),
        "lat inf": (dict(lat=float("inf"), lon=119.2), True),
        "lat nan": (dict(lat=float("nan"), lon=119.2), True),
        "lat 1000": (dict(lat=1000.0, lon=119.2), True),
        "lon -999": (dict(lat=34.6, lon=-999.0), True),
        "lat without lon": (dict(lat=34.6), True),
        "10 MB course": (dict(course="长" * 10_000_000), True),
        "1 MB original message": (dict(original_message="长" * 1_000_000), True),
        "100 years back": (dict(received_at=now - timedelta(days=36525), receipt_edit_reason="补录"), True),
        "year 1": (dict(received_at=datetime(1, 1, 2, tzinfo=BEIJING), receipt_edit_reason="补录"), True),
        "occurred year 1": (dict(occurred_at=datetime(1, 1, 2, tzinfo=BEIJING)), True),
        "occurred 100 years back": (dict(occurred_at=now - timedelta(days=36525)), True),
        "deaths 10^30": (dict(counts={"deaths": 10**30}), True),
        "deaths nan": (dict(counts={"deaths": float("nan")}), True),
        "deaths -1": (dict(counts={"deaths": -1}), True),
        "unknown count key": (dict(counts={"lunch": 3}), False),
        "grade 9": (dict(grade=9), True),
        "channel pigeon": (dict(channel="pigeon"), True),
        "flags junk": (dict(flags=frozenset({"\x00junk"})), False),
        "lone surrogate": (dict(course="爆炸\ud800"), False),
        "phone 10k digits": (dict(caller_phone="1" * 10_000), True),
        "good": ({}, False),
    }
    from commanddesk.models import CallRecord

    def save(s, inp):
        """Record the call, then read back what was stored: no control character may be in it."""
        result = incidents.record_call(s, inp)
        call = s.get(CallRecord, result.call_id)
        for key in ("place_text", "course", "caller_name", "cause", "measures"):
            value = getattr(call, key) or ""
            if any(ord(c) < 32 and c not in "\n\t" or 0xD800 <= ord(c) < 0xE000 or c in "\ufffe\uffff" for c in value):
                raise _Dirty(f"{key} saved with control characters")
        return False

    out = []
    for name, (changes, must_refuse) in cases.items():
        inp = incidents.CallInput(**{**base, **changes})
        o = _call("intake", name, lambda inp=inp: box.run(lambda s: save(s, inp)), (UserError,), must_refuse, box.path)
        out.append(o)
        if o.verdict in ("accepted", "WRONGLY-ACCEPTED"):
            box.refresh()
    # the 事件 filter (Ctrl+F) and the 预案 search box, with FTS and LIKE syntax
    from commanddesk.plans import library
    from commanddesk.plans import search as plan_search

    index = plan_search.index_for(library.library(True))
    for text in ('"', "*", "NEAR(", '"危化 AND (', "%", "_", "\\", "\x00", "'; DROP TABLE incident; --", "a:b", "^",
                 "长" * 100_000, "危 " * 5000):
        out.append(_call("search-box", f"incidents {text[:12]!r}", lambda text=text: box.run(
            lambda s: incidents.list_page(s, text)) and False, (UserError,), False, box.path))
        out.append(_call("search-box", f"plans {text[:12]!r}", lambda text=text: index.search(text) and False,
                         (UserError,), False))
    return out


WORKERS = {"xlsx": worker_xlsx, "mbtiles": worker_mbtiles, "geojson": worker_geojson, "tracks": worker_tracks,
           "folders": worker_folders, "intake": worker_intake}
CLI_SURFACES = {"cli": cli_attacks, "drills": drill_attacks, "cap": cap_attacks, "sync": sync_attacks,
                "docx": docx_attacks, "cli-folders": folder_attacks}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="surfaces: " + " ".join([*CLI_SURFACES, *WORKERS]))
    ap.add_argument("--examples", type=int, default=12, help="random mutations per file kind")
    ap.add_argument("--json", metavar="OUT")
    ap.add_argument("--keep-template", action="store_true", help="reuse the demo store of the last run")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
        for o in WORKERS[args.worker](args.examples):
            print(json.dumps(asdict(o), ensure_ascii=False), flush=True)
        return 0
    if not args.keep_template:  # made by the code under test, so no attack meets an upgrade of an older store
        (WORK / "demo.sqlite").unlink(missing_ok=True)
    template()
    wanted = args.only or [*CLI_SURFACES, *WORKERS]
    results: list[Outcome] = []
    for name in wanted:
        start = time.monotonic()
        got = CLI_SURFACES[name](args.examples) if name in CLI_SURFACES else run_worker(name, args.examples)
        results += got
        bad = [o for o in got if o.verdict in BAD]
        print(f"== {name}: {len(got)} attacks, {len(bad)} failures ({time.monotonic() - start:.0f} s)", flush=True)
        for o in bad:
            print(f"   {o.verdict:16} {o.surface} / {o.name}: {o.detail}", flush=True)
    tally: dict[str, int] = {}
    for o in results:
        tally[o.verdict] = tally.get(o.verdict, 0) + 1
    print("tally:", json.dumps(tally, ensure_ascii=False), f"of {len(results)} attacks")
    if args.json:
        Path(args.json).write_text(json.dumps({"tally": tally, "outcomes": [asdict(o) for o in results]},
                                              ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if any(o.verdict in BAD for o in results) else 0


if __name__ == "__main__":
    sys.exit(main())
