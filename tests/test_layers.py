"""The layers hold: the domain stays free of Qt, the UI reads through services, modules import in one direction.

The static checks read every module's imports (at module level and inside functions) and allow no
exceptions beyond the few Qt rendering modules named in QT_ALLOWED.
"""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "commanddesk"

# Qt outside ui/: the entry point, the map's scheme handlers and page, and documents rendered with Qt's PDF writer.
QT_ALLOWED = {"commanddesk.app", "commanddesk.map", "commanddesk.map.page", "commanddesk.map.schemes",
              "commanddesk.map.bridge", "commanddesk.documents.pdf", "commanddesk.documents.plans"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every module *name* imports, anywhere in its code (submodules named in ``from x import y`` included)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and getattr(block.test, "id", getattr(block.test, "attr", "")) == "TYPE_CHECKING"
                   for stmt in block.body for n in ast.walk(stmt)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:  # imported for annotations only
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            subs = {f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in MODULES}
            found |= subs
            if len(subs) < len(node.names):
                found.add(module)
    return found


IMPORTS = {name: _imports(name, path) for name, path in MODULES.items()}


def test_qt_stays_in_the_interface():
    """Only ui/ (and the few named rendering and entry modules) import PySide6."""
    bad = sorted(n for n, deps in IMPORTS.items() if not n.startswith("commanddesk.ui") and n not in QT_ALLOWED
                 and any(d.startswith("PySide6") or d.startswith("qtawesome") for d in deps))
    assert not bad


def test_only_the_interface_and_the_entry_point_import_the_interface():
    bad = sorted(n for n, deps in IMPORTS.items() if not n.startswith("commanddesk.ui") and n != "commanddesk.app"
                 and any(d.startswith("commanddesk.ui") for d in deps))
    assert not bad


def test_the_interface_reads_through_services():
    """ui/ never imports the models, the store or SQLAlchemy (types for annotations excepted)."""
    bad = sorted(n for n, deps in IMPORTS.items() if n.startswith("commanddesk.ui")
                 and any(d.startswith(("commanddesk.models", "commanddesk.store", "sqlalchemy")) for d in deps))
    assert not bad, "move these reads into a service"


def _cycles() -> list[set[str]]:
    graph = {n: {d for d in deps if d in MODULES and d != n} for n, deps in IMPORTS.items()}
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(comp)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles():
    """Modules import one way: no two modules reach each other, at module level or inside functions.

    A cycle is broken by moving the shared piece down a layer (``origin``, ``audit_sentences``,
    ``deadlines``, ``ui/widgets``) or by handing the lower module a callable.
    """
    found = [sorted(c) for c in _cycles()]
    assert not found, found


def test_the_walk_sees_every_module():
    """The import graph covers the whole package, migrations included, and reads function-level imports."""
    on_disk = {p for p in PACKAGE.rglob("*.py")}
    assert set(MODULES.values()) == on_disk
    assert "commanddesk.services.accounts" in IMPORTS["commanddesk.store"]  # imported inside a method


def test_domain_imports_no_qt():
    """Importing models, services, store and the CLI loads no PySide6 module."""
    code = ("import sys, commanddesk.models, commanddesk.store, commanddesk.cli, "
            "commanddesk.services.registry, commanddesk.services.audit, commanddesk.services.demo, "
            "commanddesk.services.overview, commanddesk.services.auth, commanddesk.services.incidents, "
            "commanddesk.services.clocks, commanddesk.services.reports, commanddesk.rules.grading, "
            "commanddesk.rules.clocks, commanddesk.cli.rules, commanddesk.documents.model;"
            "bad=[m for m in sys.modules if m.startswith('PySide6')]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_cli_offers_every_page_of_the_window(capsys):
    """--page accepts exactly the pages the window has (one list, commanddesk.pages)."""
    from commanddesk.cli import build_parser
    from commanddesk.pages import PAGE_KEYS
    from commanddesk.ui.main_window import FACTORIES

    page = next(a for a in build_parser([])._actions if a.dest == "page")
    assert tuple(page.choices) == PAGE_KEYS == tuple(FACTORIES)


def test_public_functions_and_classes_say_what_they_do():
    """At least 95 % of public functions, classes and methods carry a docstring, in ui/ too (tools/docstrings.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("docstrings", PACKAGE.parent / "tools" / "docstrings.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    found = tool.survey(PACKAGE)
    for prefix in ("", "ui/"):
        done, total = tool.share(found, prefix)
        assert done >= 0.95 * total, f"{prefix or 'all'}: {done}/{total} documented"
