"""Chinese words for incident categories and types (data/vocabulary.toml). No Qt.

    resolve_type("山体滑坡")   -> "natural.geohazard"
    resolve_category("事故")   -> "accident"
    types_about("滑坡")        -> {"natural.geohazard"}

Intake, the plans command line and plan search use the same file, so a word
that works in one place works in all of them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .catalogues import catalogue
from .errors import UserError
from .paths import PACKAGE_DATA

VOCABULARY_FILE = PACKAGE_DATA / "vocabulary.toml"
# endings that people add or drop freely: 危险化学品(事故), 地质(灾害), 大面积停电(事件)
_ENDINGS = re.compile(r"(事故灾难|事故|灾害|灾情|险情|事件|疫情)$")
_SPACE = re.compile(r"[\s\u3000]+")


class VocabularyError(UserError):
    """The vocabulary file is unusable: which entry, why."""


@dataclass(frozen=True)
class Vocabulary:
    """Words → codes, and code → its words (the catalogue label first)."""

    category_words: dict[str, str]
    type_words: dict[str, str]
    words_of: dict[str, tuple[str, ...]]

    def resolve_type(self, text: str, category: str | None = None) -> str | None:
        """The type code a word names: a code, a short code within *category*, a label or a synonym."""
        word = normalise(text)
        if not word:
            return None
        types = catalogue("incident_type")
        if word in types:
            return word
        if category and f"{category}.{word}" in types:
            return f"{category}.{word}"
        if "." not in word:
            short = [code for code in types if code.split(".", 1)[1] == word]
            if len(short) == 1:
                return short[0]
        for candidate in (word, _ENDINGS.sub("", word)):
            if candidate in self.type_words:
                return self.type_words[candidate]
        stripped = _ENDINGS.sub("", word)
        if len(stripped) >= 2:
            hits = {code for w, code in self.type_words.items() if _ENDINGS.sub("", w) == stripped}
            if len(hits) == 1:
                return hits.pop()
        return None

    def resolve_category(self, text: str) -> str | None:
        """The category code a word names (code or Chinese name)."""
        word = normalise(text)
        if word in catalogue("incident_category"):
            return word
        return self.category_words.get(word)

    def types_about(self, term: str) -> set[str]:
        """Types the search term is about: it is one of their words, or contains one (山体滑坡 → 滑坡)."""
        word = normalise(term)
        if not word:
            return set()
        exact = self.resolve_type(word)
        if exact:
            return {exact}
        found = {code for w, code in self.type_words.items() if len(w) >= 2 and w in word}
        return found

    def words(self, type_code: str) -> tuple[str, ...]:
        """Every word for a type, its catalogue label first."""
        return self.words_of.get(type_code, ())


def normalise(text: str) -> str:
    """Trim and drop inner spaces (full-width ones too)."""
    return _SPACE.sub("", text or "")


def parse(data: dict, path: Path | str = VOCABULARY_FILE) -> Vocabulary:
    """Check vocabulary data against the catalogues; VocabularyError names the bad entry."""
    name = Path(path).name
    categories = catalogue("incident_category")
    types = catalogue("incident_type")
    category_words: dict[str, str] = {}
    for code, words in (data.get("categories") or {}).items():
        if code not in categories:
            raise VocabularyError(f"词表有误：{name}，categories.{code}：不是已知的事件类别")
        for w in [categories[code], *words]:
            w = normalise(w)
            if category_words.get(w, code) != code:
                raise VocabularyError(f"词表有误：{name}，“{w}”同时属于类别 {category_words[w]} 和 {code}")
            category_words[w] = code
    type_words: dict[str, str] = {}
    words_of: dict[str, tuple[str, ...]] = {}
    entries = data.get("types") or {}
    for code, entry in entries.items():
        if code not in types:
            raise VocabularyError(f"词表有误：{name}，types.{code}：不是已知的事件类型")
        words = entry.get("words", []) if isinstance(entry, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise VocabularyError(f"词表有误：{name}，types.{code}.words：应为非空文字列表")
    for code, label in types.items():
        ordered = [normalise(label)]
        for w in (entries.get(code) or {}).get("words", []):
            w = normalise(w)
            if w not in ordered:
                ordered.append(w)
        for w in ordered:
            if type_words.get(w, code) != code:
                raise VocabularyError(f"词表有误：{name}，“{w}”同时属于类型 {type_words[w]} 和 {code}")
            type_words[w] = code
        words_of[code] = tuple(ordered)
    return Vocabulary(category_words, type_words, words_of)


def load(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """Read and check a vocabulary file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VocabularyError(f"词表有误：{Path(path).name}：无法读取（{exc}）") from None
    return parse(data, path)


@cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary (read once per process)."""
    return load()


def resolve_type(text: str, category: str | None = None) -> str | None:
    """The incident type code a word names (see ``Vocabulary.resolve_type``), or None."""
    return vocabulary().resolve_type(text, category)


def resolve_category(text: str) -> str | None:
    """The category code a word names, or None."""
    return vocabulary().resolve_category(text)


def types_about(term: str) -> set[str]:
    """The types a search term is about."""
    return vocabulary().types_about(term)
