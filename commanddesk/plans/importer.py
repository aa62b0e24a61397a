"""Import a plan from a .docx file into a draft plan file (python-docx; no Qt).

Headings become sections, tables stay tables (rows of cells). The draft has
no response levels yet: an administrator completes levels and conditions in
the draft editor and publishes it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import tomli_w

from ..errors import UserError

HEADING_RE = re.compile(r"^(heading|标题)\s*\d*$", re.IGNORECASE)
NUMBERED_RE = re.compile(r"^[一二三四五六七八九十]+、|^\d+(\.\d+)*\s")


def _is_heading(paragraph) -> bool:
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    return bool(HEADING_RE.match(name.strip())) or name.strip().lower() == "title"


def read_docx(path: Path) -> tuple[str, list[dict]]:
    """(title, sections) of a .docx: each section is {heading, text, tables}."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise UserError(f"无法读取 Word 文件：{Path(path).name}（{exc}）") from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    title = ""
    sections: list[dict] = []
    current = {"heading": "正文", "text": [], "tables": []}
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text.strip()
            if not text:
                continue
            if _is_heading(para):
                if not title and (para.style.name or "").lower() == "title":
                    title = text
                    continue
                if current["text"] or current["tables"]:
                    sections.append(current)
                current = {"heading": text, "text": [], "tables": []}
            else:
                current["text"].append(text)
        elif tag == "tbl":
            table = Table(child, document)
            rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
            current["tables"].append(rows)
    if current["text"] or current["tables"]:
        sections.append(current)
    if not title:
        title = sections[0]["heading"] if sections and sections[0]["heading"] != "正文" else Path(path).stem
    for s in sections:
        s["text"] = "\n".join(s["text"])
    return title, sections


def draft_from_docx(path: Path, plan_id: str, today: date) -> dict:
    """A draft plan (as data for docs/plan-format.md) made from a Word document."""
    title, sections = read_docx(path)
    if not sections:
        raise UserError(f"Word 文件中没有可导入的正文：{Path(path).name}")
    scope = next((s["text"] for s in sections if "适用" in s["heading"] or "范围" in s["heading"]), sections[0]["text"])
    return {
        "id": plan_id,
        "edition": today.isoformat(),
        "status": "draft",
        "title": title,
        "short": title[:16],
        "tier": "special",
        "category": "all",
        "types": [],
        "approved": today,
        "scope": scope or "（待补充）",
        "escalation": next((s["text"] for s in sections if "升级" in s["heading"]), ""),
        "termination": next((s["text"] for s in sections if "终止" in s["heading"] or "结束" in s["heading"]), ""),
        "appendix": [{"heading": s["heading"], "text": s["text"], "tables": s["tables"]} for s in sections],
    }


def to_toml(data: dict) -> str:
    """Serialise plan data as TOML text."""
    return tomli_w.dumps(data)


def import_docx(path: Path, folder: Path, today: date) -> Path:
    """Write a draft plan file for *path* into *folder*; return the new file."""
    stem = re.sub(r"[^0-9A-Za-z]+", "-", Path(path).stem).strip("-").lower() or "imported"
    plan_id = f"draft.{stem}"
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
