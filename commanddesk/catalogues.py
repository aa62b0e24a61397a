"""Code lists (codes → Chinese labels), read from data/catalogues.toml."""

from __future__ import annotations

import tomllib
from functools import cache

from .paths import PACKAGE_DATA


@cache
def all_catalogues() -> dict[str, dict[str, str]]:
    """Every code list in the catalogue file."""
    with open(PACKAGE_DATA / "catalogues.toml", "rb") as fh:
        return tomllib.load(fh)


def catalogue(name: str) -> dict[str, str]:
    """One code list, in file order."""
    return all_catalogues()[name]


def label(name: str, code: str | None) -> str:
    """The label of *code* in list *name*, or the code itself if unknown."""
    if code is None:
        return ""
    return catalogue(name).get(code, code)


def grading_scale(type_code: str, category: str = "") -> str | None:
    """The grading kind of an incident type (``grading_scale`` list), or None if it has none.

    A type listed on its own wins; otherwise its category decides (the part
    before the dot, or *category*). An empty entry means no national scale.
    """
    scales = catalogue("grading_scale")
    key = type_code if type_code in scales else (type_code.split(".")[0] if "." in type_code else category)
    return scales.get(key) or None


def response_scale(category: str) -> str | None:
    """The response-level kind of a category (``response_scale`` list), or None."""
    return catalogue("response_scale").get(category) or None
