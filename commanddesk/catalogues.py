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
