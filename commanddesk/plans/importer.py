"""Import a plan from a .docx file into a draft plan file (python-docx; no Qt).

The document keeps its structure: the title (Title style, or the first
paragraph when it is not a numbered heading), chapters at their depth (Word
heading styles, or the official numbering 第一章 / 一、 / （一） / 1. / （1）
and decimal 1 / 1.1 / 1.1.1), chapters with no text of their own, and tables
as rows of cells (a table of response levels is recognised as such). The draft
has no response levels yet: an administrator completes levels and conditions
in the draft editor and publishes it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import tomli_w

from ..errors import UserError

HEADING_STYLE_RE = re.compile(r"^(heading|标题)\s*(\d*)$", re.IGNORECASE)
_CN = "一二三四五六七八九十百零〇"
# numbering kinds in the order Chinese official documents nest them
NUMBERING = (
    ("chapter", re.compile(rf"^第[{_CN}\d]+[章篇部分]")),
    ("cn", re.compile(rf"^[{_CN}]+[、．.]")),
    ("paren_cn", re.compile(rf"^[（(][{_CN}]+[）)]")),
    ("arabic", re.compile(r"^\d+[.．、](?!\d)")),
    ("paren_arabic", re.compile(r"^[（(]\d+[）)]")),
)
# 1 总则 / 1总则 / 1.1 组织体系 / 2.3.1应急指挥部; a bare number is a heading only if short and not a quantity or a
# date (2026年11月23日, 120急救中心, 3人被困 are body text)
DECIMAL_RE = re.compile(r"^(\d+(?:[.．]\d+)+|\d{1,2}(?![年月日时点分秒个人名家户处起次件辆台套条米千万亿元岁级号层]))"
                        r"(?:\s+|(?=[\u4e00-\u9fff]))")
LEVEL_WORD_RE = re.compile(r"[ⅠⅡⅢⅣ]\s*级|[一二三四1-4]\s*级|I{1,3}V?\s*级|IV\s*级|特别重大|较大")
HEADING_MAX = 40  # a numbered line longer than this, or ending in 。；, is body text (a list item)


@dataclass
class DocChapter:
    """One chapter found in a document."""

    heading: str
    level: int
    text: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)


def _style(paragraph) -> str:
    return ((paragraph.style.name or "") if paragraph.style is not None else "").strip()


def _style_level(paragraph) -> int | None:
    """1–9 for Word's Heading/标题 N styles (0 for Title), else None."""
    name = _style(paragraph)
    if name.lower() == "title":
        return 0
    m = HEADING_STYLE_RE.match(name)
    if m:
        return int(m.group(2) or 1)
    return None


def numbering(text: str) -> tuple[str, int] | None:
    """(kind, depth) of a heading's numbering: ("cn", 1) for 一、, ("decimal", 2) for 1.1; None if unnumbered."""
    for kind, rx in NUMBERING:
        if rx.match(text):
            return kind, 1
    m = DECIMAL_RE.match(text)
    if m:
        return "decimal", len(re.split(r"[.．]", m.group(1)))
    return None


def _looks_like_heading(text: str) -> bool:
    return len(text) <= HEADING_MAX and not re.search(r"[。；;]$", text) and "。" not in text


def is_level_table(rows: list[list[str]]) -> bool:
    """A table of response levels: its header names 级别/分级, and its rows name the levels."""
    if len(rows) < 2:
        return False
    header = "".join(rows[0])
    first_col = [r[0] for r in rows[1:] if r]
    return ("级" in header) and sum(bool(LEVEL_WORD_RE.search(c)) for c in first_col) >= 2


MAX_UNZIPPED = 200 * 1024 * 1024  # what the parts of a plan's .docx may unpack to (pictures included)


def read_docx(path: Path) -> tuple[str, list[DocChapter]]:
    """(title, chapters) of a .docx; chapters in document order with their depth."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    name = Path(path).name
    try:  # a .docx is a zip: refuse one that unpacks to more than a plan ever is (a zip bomb) before parsing
        with zipfile.ZipFile(path) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_UNZIPPED:
                raise UserError(f"Word 文件解压后超过 {MAX_UNZIPPED // 1024 // 1024} MB，不像是一份预案，未导入：{name}")
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise UserError(f"无法读取 Word 文件（须为 .docx）：{name}（{type(exc).__name__}）") from None
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError, AttributeError, TypeError, XMLSyntaxError,
            zipfile.BadZipFile) as exc:  # python-docx meets a damaged package in many ways
        raise UserError(f"无法读取 Word 文件（已损坏或不是 Word 保存的文件）：{name}（{type(exc).__name__}）") from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    # first pass: the body as (kind, payload) items
    items: list[tuple[str, object]] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text.strip()
            if text:
                items.append(("p", (text, _style_level(para))))
        elif tag == "tbl":
            rows = [[cell.text.strip() for cell in row.cells] for row in Table(child, document).rows]
            if any(any(c for c in r) for r in rows):
                items.append(("t", rows))

    title = ""
    for i, (kind, payload) in enumerate(items):
        if kind == "p" and payload[1] == 0:
            title = payload[0]
            del items[i]
            break
    if not title and items and items[0][0] == "p":
        text, style = items[0][1]
        if numbering(text) is None and len(text) <= 60 and not re.search(r"[。；;]$", text):
            title = text
            del items[0]
    if not title:
        title = Path(path).stem

    # which numbering kinds the document uses decide their depth (一、 is 1 unless 第一章 is above it)
    present = set()
    for kind, payload in items:
        if kind == "p":
            text, style = payload
            num = numbering(text)
            if num and num[0] != "decimal" and (style or _looks_like_heading(text)):
                present.add(num[0])
    rank = {k: i + 1 for i, k in enumerate(k for k, _ in NUMBERING if k in present)}

    chapters: list[DocChapter] = []
    current = DocChapter("正文", 1)
    for kind, payload in items:
        if kind == "t":
            current.tables.append(payload)
            continue
        text, style = payload
        num = numbering(text)
        level = None
        if style:  # Heading N
            level = style
        elif num and _looks_like_heading(text):
            level = num[1] if num[0] == "decimal" else rank.get(num[0])
        if level is None:
            current.text.append(text)
            continue
        if current.heading != "正文" or current.text or current.tables:
            chapters.append(current)
        current = DocChapter(text, min(level, 6))
    if current.heading != "正文" or current.text or current.tables:
        chapters.append(current)
    return title, chapters


def summary(path: Path) -> dict:
    """What an import finds: title, the chapter tree and the tables (for the command line and the UI)."""
    title, chapters = read_docx(path)
    tree: list[dict] = []
    stack: list[tuple[int, list]] = [(0, tree)]
    tables = []
    for ch in chapters:
        node = {"heading": ch.heading, "level": ch.level, "chars": sum(len(t) for t in ch.text),
                "tables": len(ch.tables), "children": []}
        while stack[-1][0] >= ch.level:
            stack.pop()
        stack[-1][1].append(node)
        stack.append((ch.level, node["children"]))
        for rows in ch.tables:
            tables.append({"chapter": ch.heading, "rows": len(rows), "columns": max(len(r) for r in rows),
                           "header": rows[0], "levels": is_level_table(rows)})
    return {"title": title, "chapters": tree, "tables": tables}


def _find(chapters: list[DocChapter], *words: str) -> DocChapter | None:
    return next((c for c in chapters if any(w in c.heading for w in words) and c.text), None)


def draft_from_docx(path: Path, plan_id: str, today: date) -> dict:
    """A draft plan (as data for docs/plan-format.md) made from a Word document."""
    title, chapters = read_docx(path)
    if not chapters:
        raise UserError(f"Word 文件中没有可导入的正文：{Path(path).name}")
    scope = _find(chapters, "适用范围", "适用") or next((c for c in chapters if c.text), None)
    escalation = _find(chapters, "升级", "扩大")
    termination = _find(chapters, "终止", "结束")
    return {
        "id": plan_id,
        "edition": today.isoformat(),
        "status": "draft",
        "title": title,
        "short": title[:16],
        "tier": "special",
        "category": "all",
        "types": [],
        "scope": "\n".join(scope.text) if scope else "（待补充）",
        "escalation": "\n".join(escalation.text) if escalation else "",
        "termination": "\n".join(termination.text) if termination else "",
        "appendix": [{"heading": c.heading, "level": c.level, "text": "\n".join(c.text), "tables": c.tables}
                     for c in chapters],
    }


def to_toml(data: dict) -> str:
    """Serialise plan data as TOML text."""
    return tomli_w.dumps(data)


def plan_id_for(path: Path, title: str) -> str:
    """draft.<latin file name>, or draft.<hash of the title> for a Chinese file name (one id per document)."""
    stem = re.sub(r"[^0-9A-Za-z]+", "-", Path(path).stem).strip("-").lower()
    return f"draft.{stem or hashlib.sha1(title.encode()).hexdigest()[:8]}"


def import_docx(path: Path, folder: Path, today: date) -> Path:
    """Write a draft plan file for *path* into *folder*; return the new file."""
    title, _ = read_docx(path)
    plan_id = plan_id_for(path, title)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{plan_id}-{today.isoformat()}.toml"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{plan_id}-{today.isoformat()}-{n}.toml"
    data = draft_from_docx(path, plan_id, today)
    if n > 1:
        data["edition"] = f"{today.isoformat()}-{n}"
    target.write_text(to_toml(data), encoding="utf-8")
    return target


def publish(text: str, path: Path) -> Path:
    """Validate edited draft text as a published plan and save it; PlanFileError if incomplete."""
    import tomllib

    from .library import PlanFileError, parse

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanFileError(path, "（文件）", f"TOML 格式错误：{exc}") from None
    data["status"] = "published"
    parse(path, data, user=True)  # raises with the field and reason when incomplete
    path.write_text(to_toml(data), encoding="utf-8")
    return path
