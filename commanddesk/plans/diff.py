"""Differences between two editions of a plan, section by section."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .model import Plan


@dataclass(frozen=True)
class SectionDiff:
    """How one section changed: added, removed, changed (with line diff) or same."""

    heading: str
    state: str
    lines: tuple[tuple[str, str], ...]  # (" "|"-"|"+", text)


def diff(old: Plan, new: Plan) -> list[SectionDiff]:
    """Compare every section of two editions, in the newer edition's order."""
    a, b = dict(old.sections()), dict(new.sections())
    out = []
    for heading in list(b) + [h for h in a if h not in b]:
        if heading not in a:
            out.append(SectionDiff(heading, "added", tuple(("+", x) for x in b[heading].splitlines())))
        elif heading not in b:
            out.append(SectionDiff(heading, "removed", tuple(("-", x) for x in a[heading].splitlines())))
        elif a[heading] == b[heading]:
            out.append(SectionDiff(heading, "same", ()))
        else:
            lines = []
            for op in difflib.ndiff(a[heading].splitlines(), b[heading].splitlines()):
                if op[0] in " -+":
                    lines.append((op[0], op[2:]))
            out.append(SectionDiff(heading, "changed", tuple(lines)))
    return out
