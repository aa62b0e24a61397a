"""How many public functions and classes of commanddesk carry a docstring (overall and per package).

Public: module-level functions and classes, and the methods of public classes, whose names do not start
with an underscore (Alembic's revision scripts left out). Nested functions are not counted.

    python tools/docstrings.py            # the figures, then the undocumented ones of the package given
    python tools/docstrings.py ui         # only commanddesk/ui
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "commanddesk"


def public_defs(path: Path) -> list[tuple[str, bool]]:
    """(qualified name, has a docstring) of each public function, class and method in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    for node in tree.body:
        if not isinstance(node, kinds) or node.name.startswith("_"):
            continue
        out.append((node.name, ast.get_docstring(node) is not None))
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, kinds) and not item.name.startswith("_"):
                    out.append((f"{node.name}.{item.name}", ast.get_docstring(item) is not None))
    return out


def survey(root: Path = PACKAGE) -> dict[str, list[tuple[str, bool]]]:
    """Module path (relative to the package) → its public definitions."""
    return {str(p.relative_to(root)): public_defs(p) for p in sorted(root.rglob("*.py"))
            if "versions" not in p.relative_to(root).parts}


def share(found: dict[str, list[tuple[str, bool]]], prefix: str = "") -> tuple[int, int]:
    """(documented, public) over the modules whose path starts with *prefix*."""
    defs = [d for mod, ds in found.items() if mod.startswith(prefix) for d in ds]
    return sum(1 for _, ok in defs if ok), len(defs)


def main(argv: list[str]) -> int:
    """Print the figures and the undocumented definitions under the package part named in *argv*."""
    found = survey()
    prefix = (argv[0].rstrip("/") + "/") if argv else ""
    for label, pre in (("all", ""), ("ui", "ui/"), ("services", "services/")):
        done, total = share(found, pre)
        print(f"{label:9} {done}/{total} = {100 * done / max(total, 1):.1f} %")
    for mod, defs in found.items():
        if mod.startswith(prefix):
            for name, ok in defs:
                if not ok:
                    print(f"  {mod}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
