"""`commanddesk intake parse|record`: the message reader from the command line (no Qt).

    commanddesk intake parse "今晚8点许，灌南县…发生爆炸，造成2人死亡" [--received ISO8601] [--json]
    commanddesk intake parse --jsonl messages.jsonl [--json]     # one {"text", "received"?} per line
    commanddesk intake record --db PATH "…" [--received ISO8601] [--operator NAME]

``parse`` prints what the reader makes of a message (with ``--db``, knowing that
store's own places). ``record`` records a call from a message without the window:
the same reader, grading and clocks as the form; it prints the new incident's
number. A message that yields no place or type is refused (exit 2), and nothing
is written. Bad input is one Chinese line and exit status 2, never a traceback;
in a JSONL file a bad line gets an error object and the others are still read.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from .common import BadInput, complain_in_chinese

MAX_TEXT = 100_000  # characters; a longer message is refused
PROG = "commanddesk intake"


def add_parsers(subparsers) -> None:
    """Add `intake parse` and `intake record`."""
    p = subparsers.add_parser("intake", help="从短信、微信或转警文字识别接报要素，或直接记录接报")
    sub = p.add_subparsers(dest="intake_command", required=True)
    parse = sub.add_parser("parse", help="识别一条信息（或 --jsonl 文件中的每一行）")
    parse.add_argument("text", nargs="?", help="信息原文")
    parse.add_argument("--jsonl", metavar="FILE", help="每行一个 JSON 对象：text，可选 received")
    parse.add_argument("--received", metavar="ISO8601", help="接报时间（默认现在），如 2026-11-23T22:00:00+08:00")
    parse.add_argument("--json", action="store_true", help="输出 JSON")
    parse.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="按此数据库的区划、风险点和单位识别地点")
    record = sub.add_parser("record", help="按信息原文记录一次接报（与接报页同一识别、定级和时限）")
    record.add_argument("text", help="信息原文")
    record.add_argument("--db", metavar="PATH", required=True, default=argparse.SUPPRESS, help="数据库")
    record.add_argument("--received", metavar="ISO8601", help="接报时间（默认现在）")
    record.add_argument("--operator", metavar="NAME", help="记录人（值班员账户名；只有一名值班员时可省略）")
    record.add_argument("--json", action="store_true", help="输出 JSON")
    complain_in_chinese(PROG, p, parse, record)


def _received(text: str | None) -> datetime:
    from ..clock import BEIJING

    if not text:
        return datetime.now(timezone.utc)
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise BadInput(f"接报时间“{text}”无法识别，请写成 2026-11-23T22:00:00+08:00") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=BEIJING)
    if not 1900 <= value.year <= 2200:  # the reader counts hours and days back from it
        raise BadInput(f"接报时间“{text}”的年份应在 1900 至 2200 之间")
    return value.astimezone(timezone.utc)


def _check_text(text) -> str:
    if not isinstance(text, str) or not text.strip():
        raise BadInput("信息原文为空")
    if len(text) > MAX_TEXT:
        raise BadInput(f"信息原文过长（{len(text)} 字，上限 {MAX_TEXT} 字）")
    if "\x00" in text or sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n") > len(text) // 10:
        raise BadInput("信息原文含有二进制内容，不是文字")
    return text


def _reader(args):
    from ..reading import Reader

    db = getattr(args, "db", None)
    if not db:
        return Reader()
    store = _open(db)
    try:
        from ..services import reading as reading_svc

        with store.read() as s:
            return reading_svc.reader_for(s)
    finally:
        store.close()


def _open(db: str):
    from ..errors import UserError
    from ..store import is_url, open_store

    path = db if is_url(db) else Path(db)
    if not is_url(path) and not path.exists():
        raise BadInput(f"数据库不存在：{path}")
    try:
        return open_store(path)
    except UserError as exc:
        raise BadInput(exc.message) from None


def _summary(result: dict) -> str:
    """One reading as a few Chinese lines."""
    from ..catalogues import label

    place = result["place"] or {}
    where = place.get("text") or "—"
    if place.get("choices"):
        where += "（有多种可能：" + "、".join(c["label"] for c in place["choices"]) + "）"
    elif place.get("county_code"):
        where += f"（{place['county_code']}）"
    names = {"deaths": "死亡", "missing": "失踪", "serious_injuries": "重伤", "injuries": "受伤合计",
             "trapped": "被困", "relocated": "疏散转移"}
    counts = "，".join(f"{names[k]} {v}" for k, v in result["counts"].items() if k in names and v is not None)
    loss = f"{result['direct_loss_yuan'] / 10000:g} 万元" if result["direct_loss_yuan"] is not None else "—"
    return "\n".join([
        f"事发时间：{result['occurred'] or '—'}（{label('time_precision', result['occurred_precision'])}）",
        f"事发地点：{where}",
        f"事件类型：{result['type_label'] or '—'}（{result['type'] or result['category'] or '—'}）",
        f"伤亡：{counts or '—'}",
        f"直接经济损失：{loss}",
        f"来电单位：{result['caller_unit'] or '—'}",
    ])


def _parse(args) -> int:
    if (args.text is None) == (args.jsonl is None):
        raise BadInput("请给出信息原文，或用 --jsonl FILE（二者取其一）")
    reader = _reader(args)
    if args.text is not None:
        result = reader.read(_check_text(args.text), _received(args.received)).to_json()
        print(json.dumps(result, ensure_ascii=False) if args.json else _summary(result))
        return 0
    path = Path(args.jsonl)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise BadInput(f"文件不存在：{path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"无法读取文件：{path}（{exc.__class__.__name__}）") from None
    default = args.received
    failed = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise BadInput("每行应为一个 JSON 对象")
            result = reader.read(_check_text(row.get("text")), _received(row.get("received") or default)).to_json()
            out = result if args.json else {"line": number, "summary": _summary(result)}
        except json.JSONDecodeError as exc:
            out, failed = {"line": number, "error": f"第 {number} 行不是 JSON（{exc.msg}）"}, failed + 1
        except BadInput as exc:
            out, failed = {"line": number, "error": f"第 {number} 行：{exc}"}, failed + 1
        if args.json or "error" in out:
            print(json.dumps(out, ensure_ascii=False))
        else:
            print(f"— 第 {number} 行\n{out['summary']}")
    return 2 if failed and failed == sum(1 for line in lines if line.strip()) else 0


def _record(args) -> int:
    from sqlalchemy import select

    from ..errors import UserError, ValidationError
    from ..models import Operator
    from ..services import auth
    from ..services import incidents as svc
    from ..services import reading as reading_svc

    text = _check_text(args.text)
    store = _open(args.db)
    try:
        now = store.clock.now()
        received = _received(args.received) if args.received else now
        with store.read() as s:
            reader = reading_svc.reader_for(s)
            staff = [o for o in s.scalars(select(Operator).where(Operator.active.is_(True)))
                     if auth.Actor(o.id, o.name, auth.Role(o.role)).can(auth.Permission.RECORD_CALL)]
        if args.operator:
            staff = [o for o in staff if o.name == args.operator]
            if not staff:
                raise BadInput(f"没有可记录接报的账户“{args.operator}”")
        elif len(staff) != 1:
            raise BadInput("请用 --operator 指定记录人（值班员账户名）")
        op = staff[0]
        actor = auth.Actor(op.id, op.name, auth.Role(op.role))
        reading = reader.read(text, received)
        inp = reading_svc.call_input(reading, received=received, stamped=now)
        missing = [name for name, ok in (("事发地点", bool(inp.place_text)), ("事件类型", bool(inp.type))) if not ok]
        if missing:
            raise BadInput("未能从原文识别出" + "和".join(missing) + "，未记录（请在接报页录入）")
        try:
            with store.transaction(actor) as s:
                result = svc.record_call(s, inp)
                number = svc.number(svc.get(s, result.incident_id))
        except ValidationError as exc:
            raise BadInput(exc.message) from None
        except UserError as exc:
            raise BadInput(exc.message) from None
    finally:
        store.close()
    if args.json:
        print(json.dumps({"incident_id": result.incident_id, "number": number, "call_id": result.call_id,
                          "grade": result.grade, "reading": reading.to_json()}, ensure_ascii=False))
    elif number != str(result.incident_id):  # on a command vehicle: the id for scripts, the number people use
        print(f"{result.incident_id}\t{number}")
    else:
        print(result.incident_id)
    return 0


def run(args) -> int:
    """Run an intake sub-command; 0 on success, 2 on bad input."""
    try:
        return _parse(args) if args.intake_command == "parse" else _record(args)
    except BadInput as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
