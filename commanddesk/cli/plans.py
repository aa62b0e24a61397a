"""`commanddesk plans search|match|import`: the plan library from the command line (no Qt).

Which library: ``--demo`` the demonstration library (shipped demo plans plus
plans imported in demo mode); ``--db PATH`` that store's (a demo store's is the
demonstration library, any other store's is the post's own folder); neither,
the default store's. Types and categories may be given in Chinese
(``--type 山体滑坡``), through data/vocabulary.toml.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from .. import cipher
from ..errors import UserError
from .common import BadInput, complain_in_chinese

KIND_ALIASES = {"production-safety": "accident", "natural-disaster": "natural"}
LEVELS = {"特别重大": 1, "重大": 2, "较大": 3, "一般": 4, "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4,
          "Ⅰ级": 1, "Ⅱ级": 2, "Ⅲ级": 3, "Ⅳ级": 4, "1": 1, "2": 2, "3": 3, "4": 4}
COUNTS = ("deaths", "missing", "serious_injuries", "injuries", "trapped", "relocated", "collapsed_rooms",
          "direct_loss")
EMPTY = "本值班室的预案库为空：请用 commanddesk plans import 预案.docx 导入本单位预案（查看演示预案请加 --demo）"


def _where(p) -> None:
    p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="使用此数据库的预案库")
    p.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="使用演示预案库")


def add_parsers(subparsers) -> None:
    """Add `plans search`, `plans match` and `plans import`."""
    p = subparsers.add_parser("plans", help="预案检索、匹配与导入")
    sub = p.add_subparsers(dest="plans_command", required=True)
    s = sub.add_parser("search", help="全文检索预案（支持一两个字的中文词；切题的预案排在前面）")
    s.add_argument("text")
    s.add_argument("--tier", help="层级：overall/special/township/enterprise… 或 总体预案、专项预案…")
    s.add_argument("--category", help="类别：natural/accident/health/social 或 自然灾害、事故灾难…")
    s.add_argument("--level", help="响应级别 1–4 或 Ⅰ–Ⅳ")
    s.add_argument("--json", action="store_true")
    _where(s)
    m = sub.add_parser("match", help="为一起事件匹配预案并建议响应级别")
    m.add_argument("--kind", help="类别（可省略）：natural/accident/health/social 或 自然灾害、事故灾难…")
    m.add_argument("--type", required=True, help="事件类型：代码（accident.explosion、explosion）或中文（台风、山体滑坡、山火…）")
    m.add_argument("--level", help="事件等级 1–4 或 特别重大/重大/较大/一般")
    for key in COUNTS:
        m.add_argument(f"--{key.replace('_', '-')}", dest=key, metavar="N")
        m.add_argument(f"--predicted-{key.replace('_', '-')}", dest=f"predicted_{key}", metavar="N")
    m.add_argument("--measure", action="append", default=[], metavar="NAME=VALUE",
                   help="研判数据，如 wind_level=12、outage_share=0.8")
    m.add_argument("--warning", help="预警颜色 red/orange/yellow/blue 或 红/橙/黄/蓝")
    m.add_argument("--place", default="")
    m.add_argument("--json", action="store_true")
    _where(m)
    i = sub.add_parser("import", help="导入 Word 预案（.docx）为草稿：列出标题、章节和表格，并存入预案库")
    i.add_argument("file", metavar="FILE.docx")
    i.add_argument("--dry-run", action="store_true", help="只列出识别结果，不存入")
    i.add_argument("--json", action="store_true")
    _where(i)
    complain_in_chinese("commanddesk plans", p, s, m, i)


# --- which library -------------------------------------------------------------------------------

def _store_is_demo(path: Path) -> bool:
    """Whether a store file holds the demo county (read only, nothing written)."""
    from ..services.plans import DEMO_SETTING

    try:
        con = cipher.connect(path, read_only=True)  # an encrypted store with the process's passphrase
        try:
            row = con.execute("SELECT value FROM setting WHERE key = ?", (DEMO_SETTING,)).fetchone()
        finally:
            con.close()
    except UserError as exc:
        raise BadInput(exc.message) from None
    except cipher.errors() as exc:
        raise BadInput(f"无法读取数据库 {path}（{exc}）") from None
    return bool(row and row[0] == "1")


def where(args) -> tuple[bool, Path | None]:
    """(demo library?, store file to audit in or None) for the command line's --db/--demo."""
    from .. import paths

    db, demo = getattr(args, "db", None), getattr(args, "demo", False)
    if db and demo:
        raise BadInput("--db 与 --demo 不能同时使用")
    if demo:
        return True, None
    if db:
        path = Path(db)
        if not path.is_file():
            raise BadInput(f"数据库文件不存在：{path}")
        return _store_is_demo(path), path
    path = paths.default_db()
    if not path.is_file():
        return False, None
    return _store_is_demo(path), path


# --- parsing -------------------------------------------------------------------------------------

def _count(name: str, text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        raise BadInput(f"--{name.replace('_', '-')} 须为整数，而不是“{text}”") from None
    if value < 0:
        raise BadInput(f"--{name.replace('_', '-')} 不能为负数（{value}）")
    if value > 10**15:  # as `grade` refuses: no count or amount in yuan is larger
        raise BadInput(f"--{name.replace('_', '-')} 过大（超过 10^15），请核对")
    return value


def _category(text: str, option: str) -> str:
    from .. import vocabulary

    code = vocabulary.resolve_category(KIND_ALIASES.get(text, text))
    if code is None:
        raise BadInput(f"未知的事件类别“{text}”（可用 自然灾害、事故灾难、公共卫生事件、社会安全事件 或 natural、accident、health、social）"
                       if option == "--kind" else f"未知的类别“{text}”（可用 自然灾害、事故灾难、公共卫生事件、社会安全事件）")
    return code


def _level(text: str | None, what: str) -> int | None:
    if text is None or text == "":
        return None
    level = LEVELS.get(text.strip().removesuffix("响应"))
    if level is None:
        raise BadInput(f"未知的{what}“{text}”（可用 1–4 或 特别重大/重大/较大/一般）")
    return level


WARNINGS = {"red": "red", "orange": "orange", "yellow": "yellow", "blue": "blue", "红": "red", "红色": "red",
            "橙": "orange", "橙色": "orange", "黄": "yellow", "黄色": "yellow", "蓝": "blue", "蓝色": "blue"}


def facts_from(args):
    """Build matching facts from command-line arguments (BadInput on nonsense)."""
    from .. import vocabulary
    from ..catalogues import label
    from ..plans.matching import IncidentFacts

    kind = _category(args.kind, "--kind") if args.kind else None
    type_ = vocabulary.resolve_type(args.type, kind)
    if type_ is None:
        raise BadInput(f"未知的事件类型“{args.type}”（可用中文名称，如 台风、山体滑坡、危险化学品爆炸、大面积停电、山火）")
    if kind and not type_.startswith(kind + "."):
        raise BadInput(f"事件类型“{args.type}”（{label('incident_type', type_)}）不属于类别“{args.kind}”")
    kind = type_.split(".", 1)[0]
    grade = _level(args.level, "事件等级")
    counts = {k: v for k in COUNTS if (v := _count(k, getattr(args, k))) is not None}
    predicted = {k: v for k in COUNTS if (v := _count(k, getattr(args, f"predicted_{k}"))) is not None}
    measures = {}
    for item in args.measure:
        m = re.fullmatch(r"([a-z_]+)=(-?[0-9]+(?:\.[0-9]+)?)", item)
        if not m:
            raise BadInput(f"--measure 格式应为 名称=数值，而不是“{item}”")
        measures[m.group(1)] = float(m.group(2))
    warning = ""
    if args.warning:
        warning = WARNINGS.get(args.warning.strip())
        if warning is None:
            raise BadInput(f"未知的预警颜色“{args.warning}”（可用 红、橙、黄、蓝）")
    return IncidentFacts(category=kind, type=type_, grade=grade, counts=counts, predicted=predicted,
                         measures=measures, warning=warning, place_text=args.place)


# --- sub-commands --------------------------------------------------------------------------------

def _search(lib, args) -> int:
    from ..plans.model import TIERS
    from ..plans.search import index_for

    if not args.text.strip():
        raise BadInput("检索词不能为空")
    tier = None
    if args.tier:
        tier = args.tier if args.tier in TIERS else next((k for k, v in TIERS.items() if args.tier in (v, v[:2])), None)
        if tier is None:
            raise BadInput(f"未知的预案层级“{args.tier}”（可用 {'、'.join(TIERS.values())}）")
    category = _category(args.category, "--category") if args.category else None
    level = _level(args.level, "响应级别")
    hits = index_for(lib).search(args.text, tier, category, level)
    if args.json:
        print(json.dumps([{**h.__dict__, "demo": h.status == "demo", "marked_title": h.marked_title} for h in hits],
                         ensure_ascii=False, indent=2))
    else:
        for h in hits:
            print(f"{h.marked_title}（{h.edition}）· {h.section}：{re.sub('<[^>]+>', '', h.snippet)}")
        print(f"共 {len(hits)} 处")
    return 0


def _match(lib, args) -> int:
    from ..plans.matching import match
    from ..plans.model import level_name

    found = match(lib, facts_from(args))
    if args.json:
        print(json.dumps([{"plan": m.plan.id, "edition": m.plan.edition, "title": m.plan.title,
                           "marked_title": m.plan.marked_title, "status": m.plan.status, "demo": m.plan.demo,
                           "level": m.level, "level_name": level_name(m.level) if m.level else None,
                           "reason": m.reason, "predicted": any(f.predicted for f in m.fired),
                           "checklist": list(m.checklist)} for m in found], ensure_ascii=False, indent=2))
    else:
        for m in found:
            level = level_name(m.level) if m.level else "未达自动条件"
            print(f"{m.plan.marked_title}（{m.plan.edition}）：{level} — {m.reason}")
            for item in m.checklist[:3]:
                print(f"    人工研判：{item}")
        if not found:
            print("没有适用的预案")
    return 0


def print_tree(nodes: list[dict], depth: int = 0) -> None:
    """Print an imported document's chapters, indented by level."""
    for node in nodes:
        extra = "（无正文）" if not node["chars"] and not node["tables"] and not node["children"] else ""
        extra += f"（表格 {node['tables']} 张）" if node["tables"] else ""
        print(f"  {'    ' * depth}{node['heading']}{extra}")
        print_tree(node["children"], depth + 1)


def _import(args, demo: bool, store_path: Path | None) -> int:
    from ..clock import SystemClock, to_beijing
    from ..errors import UserError
    from ..plans import importer
    from ..plans import library as plan_library

    src = Path(args.file)
    if not src.is_file():
        raise BadInput(f"找不到文件：{src}")
    if src.suffix.lower() != ".docx":
        raise BadInput(f"只能导入 Word .docx 文件，而不是“{src.name}”")
    try:
        found = importer.summary(src)
        target = None
        if not args.dry_run:
            folder = plan_library.plan_folder(demo)
            target = importer.import_docx(src, folder, to_beijing(SystemClock().now()).date())
    except UserError as exc:
        raise BadInput(exc.message) from None
    if target is not None and store_path is not None:
        _audit(store_path, target, src)
    if args.json:
        print(json.dumps({**found, "stored": str(target) if target else None, "demo": demo},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"标题：{found['title']}")
    print(f"章节（{_count_nodes(found['chapters'])} 个）：")
    print_tree(found["chapters"])
    print(f"表格（{len(found['tables'])} 张）：")
    for t in found["tables"]:
        kind = "响应分级表，" if t["levels"] else ""
        print(f"  {t['chapter']}：{kind}{t['rows']} 行 × {t['columns']} 列（{' | '.join(t['header'])}）")
    if target is None:
        print("试运行：未存入预案库")
    else:
        print(f"已存为草稿：{target}" + ("（演示预案库）" if demo else ""))
        print("请在“预案”页由系统管理员补全响应级别、启动条件和措施后发布。")
    return 0


def _count_nodes(nodes: list[dict]) -> int:
    return sum(1 + _count_nodes(n["children"]) for n in nodes)


def _audit(store_path: Path, target: Path, src: Path) -> None:
    """One audit entry in the store for an import from the command line."""
    from ..errors import UserError
    from ..services import audit
    from ..store import open_store

    try:
        store = open_store(store_path)
    except UserError as exc:
        target.unlink(missing_ok=True)
        raise BadInput(exc.message) from None
    try:
        with store.transaction() as s:
            audit.record(s, "plan_import", "plan", target.stem, None, {"source": src.name, "via": "命令行"})
    finally:
        store.close()


def run(args) -> int:
    """Run a plans sub-command; 0 on success, 2 on bad input."""
    from ..plans import library as plan_library

    try:
        demo, store_path = where(args)
        if args.plans_command == "import":
            return _import(args, demo, store_path)
        lib = plan_library.library(demo)
        for err in lib.errors:
            print(f"commanddesk: {err.message}", file=sys.stderr)
        code = (_search if args.plans_command == "search" else _match)(lib, args)
        if not lib.current_plans():
            print(EMPTY, file=sys.stderr)
        return code
    except BadInput as exc:
        print(f"commanddesk plans: {exc}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    """Parse *argv* as a ``plans`` command line on its own and run it."""
    parser = argparse.ArgumentParser(prog="commanddesk")
    add_parsers(parser.add_subparsers(dest="command"))
    return run(parser.parse_args(argv))
