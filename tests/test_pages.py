"""The window's pages, one list for the window and the command line: keys unique and usable, texts translated."""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from commanddesk.pages import PAGE_KEYS, PAGES, QT_TRANSLATE_NOOP

TS = Path(__file__).resolve().parents[1] / "commanddesk" / "data" / "i18n" / "commanddesk_en.ts"


def test_keys_are_unique_lowercase_words_in_the_order_of_the_pages():
    """A key is what `--page` and a saved layout name; each page has one, and no two pages share one."""
    assert PAGE_KEYS == tuple(key for key, _ in PAGES)
    assert len(set(PAGE_KEYS)) == len(PAGE_KEYS)
    assert all(re.fullmatch(r"[a-z]+", key) for key in PAGE_KEYS)
    assert PAGE_KEYS[0] == "duty" and PAGE_KEYS[-1] == "settings"  # the duty page opens, settings close the list


def test_navigation_texts_are_distinct_chinese():
    """The navigation shows Chinese names, no two alike."""
    texts = [text for _, text in PAGES]
    assert len(set(texts)) == len(texts)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]+", t) for t in texts)


def test_the_marker_returns_its_text_unchanged():
    """QT_TRANSLATE_NOOP only marks a text for lupdate; the window translates it later."""
    assert QT_TRANSLATE_NOOP("nav", "值班") == "值班"


def test_every_navigation_text_has_its_english_translation():
    """Each page's name is in the English catalogue's "nav" context, finished."""
    nav = next(c for c in ET.parse(TS).getroot() if c.findtext("name") == "nav")
    done = {m.findtext("source"): m.find("translation") for m in nav.iter("message")}
    for _, text in PAGES:
        translation = done[text]
        assert translation.text and translation.get("type") is None, text


def test_loading_the_list_loads_no_qt():
    """The command line reads the list without starting Qt."""
    code = "import sys, commanddesk.pages; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
