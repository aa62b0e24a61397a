"""How far the tests mirror the package: which modules have tests/<package>/test_<module>.py, and test lines per source line.

    python tools/test_mirror.py          # the figures
    python tools/test_mirror.py --list   # and the modules without their test file
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE, TESTS = ROOT / "commanddesk", ROOT / "tests"


def modules() -> list[Path]:
    """Every module of the package that holds code (package markers and Alembic's scripts left out)."""
    return sorted(p for p in PACKAGE.rglob("*.py")
                  if p.name != "__init__.py" and "migrations" not in p.relative_to(PACKAGE).parts)


def mirror(module: Path) -> Path:
    """Where the module's tests belong: commanddesk/ui/intake.py → tests/ui/test_intake.py."""
    rel = module.relative_to(PACKAGE)
    return TESTS.joinpath(*rel.parts[:-1], f"test_{rel.name}")


def lines(paths) -> int:
    """Non-blank lines in these files."""
    return sum(sum(1 for line in p.read_text(encoding="utf-8").splitlines() if line.strip()) for p in paths)


def main(argv: list[str]) -> int:
    """Print the mirror count and the tests ÷ source ratio (and with --list the modules still without tests)."""
    mods = modules()
    missing = [m for m in mods if not mirror(m).exists()]
    source = lines(PACKAGE.rglob("*.py"))
    tests = lines(TESTS.rglob("*.py"))
    print(f"modules with their test file: {len(mods) - len(missing)} of {len(mods)}")
    print(f"test lines / source lines: {tests} / {source} = {tests / source:.2f}")
    if "--list" in argv:
        for m in missing:
            print(f"  {m.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
