"""Collect the Chinese texts the interface keeps as data into data/i18n/literals_en.ts.

Texts written in a widget's method go through tr() and lupdate finds them. Texts kept in
tuples and lists (column headers, form labels, drop-down choices) are shown through
``commanddesk.ui.texts.t``; lupdate cannot see them, so this scans the UI modules for
every Chinese string literal outside tr() and keeps them in their own .ts file, context
"" (what ``t`` looks up). English already written is kept; new texts arrive unfinished.

    python packaging/ui_literals.py            # update the .ts
    python packaging/ui_literals.py --check    # exit 1 if a text is missing or unfinished
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "commanddesk" / "ui"
TS = ROOT / "commanddesk" / "data" / "i18n" / "literals_en.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")
TRANSLATED_CALLS = {"tr", "translate", "QT_TR_NOOP", "QT_TRANSLATE_NOOP", "_tr"}
NOT_SHOWN = {"icons.py", "theme.py"}  # words matched against texts, never shown themselves
# Labels that live outside ui/ (the domain keeps them) but the interface shows through ``t``:
# module → names of the module-level assignments (or functions) whose Chinese literals are labels.
SHOWN_FROM_DOMAIN = {
    "commanddesk/services/incidents.py": ("COUNT_FIELDS", "COUNT_LABELS", "grade_label", "response_label"),
    "commanddesk/services/audit_sentences.py": ("INCIDENT_STATUS",),
    "commanddesk/services/zones.py": ("KINDS",),
    "commanddesk/services/roster.py": ("slot_label",),
    "commanddesk/services/registry_specs.py": ("_place_fields", "TEAMS", "WAREHOUSES", "ITEMS", "STOCK", "SHELTERS",
                                               "HAZARDS", "ORGANISATIONS", "CONTACTS", "OPERATORS"),
    "commanddesk/services/registry.py": ("choices",),
    "commanddesk/plans/model.py": ("TIERS",),
    "commanddesk/rules/dispatch.py": ("ROLES",),
    "commanddesk/services/ledger.py": ("KINDS", "TIERS"),
    "commanddesk/services/auth.py": ("PERMISSION_LABELS",),
    "commanddesk/services/team_status.py": ("END_LABELS",),
}
# The code lists of data/catalogues.toml whose values are labels the interface shows through ``t``
# (drop-downs, status cells, role names); the others map codes to codes.
CATALOGUES = ROOT / "commanddesk" / "data" / "catalogues.toml"
CODE_LISTS = {"grading_scale", "response_scale"}


def literals() -> list[str]:
    """Every Chinese string literal of the UI modules that tr() does not already carry, sorted."""
    found: set[str] = set()
    for path in sorted(UI.glob("*.py")):
        if path.name in NOT_SHOWN:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value)):
                continue
            parent = parents.get(node)
            if isinstance(parent, (ast.Expr, ast.JoinedStr)):  # docstrings; parts of f-strings
                continue
            if isinstance(parent, ast.Call):
                f = parent.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                if name in TRANSLATED_CALLS:
                    continue
            found.add(node.value)
    found |= domain_labels() | catalogue_labels()
    return sorted(found)


def catalogue_labels() -> set[str]:
    """Every Chinese label of the catalogue file's code lists (not the lists of codes)."""
    import tomllib

    with open(CATALOGUES, "rb") as fh:
        lists = tomllib.load(fh)
    return {text for name, items in lists.items() if name not in CODE_LISTS
            for text in items.values() if isinstance(text, str) and CJK.search(text)}


def domain_labels() -> set[str]:
    """The Chinese literals of the assignments named in ``SHOWN_FROM_DOMAIN``."""
    found: set[str] = set()
    for rel, names in SHOWN_FROM_DOMAIN.items():
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        for stmt in tree.body:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(
                stmt, ast.AnnAssign) else []
            named = any(isinstance(t, ast.Name) and t.id in names for t in targets) or (
                isinstance(stmt, ast.FunctionDef) and stmt.name in names)
            if named:
                parents = {child: node for node in ast.walk(stmt) for child in ast.iter_child_nodes(node)}
                found |= {n.value for n in ast.walk(stmt)
                          if isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value)
                          and not isinstance(parents.get(n), (ast.Expr, ast.JoinedStr))}  # docstrings, f-strings
    return found


def read(path: Path = TS) -> dict[str, str | None]:
    """source → English (None while unfinished) from a literals .ts file."""
    if not path.exists():
        return {}
    from lxml import etree

    out = {}
    for m in etree.parse(str(path)).getroot().iter("message"):
        tr = m.find("translation")
        out[m.findtext("source")] = None if tr.get("type") == "unfinished" else (tr.text or "")
    return out


def write(texts: list[str], known: dict[str, str | None], path: Path = TS) -> None:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", '<TS version="2.1" language="en">',
             "<context>", "    <name></name>"]
    for text in texts:
        english = known.get(text)
        lines += ["    <message>", f"        <source>{escape(text)}</source>",
                  f"        <translation>{escape(english)}</translation>" if english
                  else '        <translation type="unfinished"></translation>', "    </message>"]
    lines += ["</context>", "</TS>", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    texts, known = literals(), read()
    if "--check" in argv:
        missing = [t for t in texts if not known.get(t)]
        for t in missing[:20]:
            print(f"literals_en.ts: no English for {t!r}", file=sys.stderr)
        return 1 if missing else 0
    write(texts, known)
    print(f"{TS.relative_to(ROOT)}: {len(texts)} texts, {sum(1 for t in texts if not known.get(t))} unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
