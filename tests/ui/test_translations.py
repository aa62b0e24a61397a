"""The English build: every interface text through tr() has its English, shipped compiled; --lang en uses it."""

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "commanddesk" / "data" / "i18n" / "commanddesk_en.ts"
LITERALS = TS.with_name("literals_en.ts")
QM = TS.with_suffix(".qm")
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def _messages(path: Path) -> dict[tuple[str, str], str | None]:
    out = {}
    for ctx in etree.parse(str(path)).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            tr = m.find("translation")
            if tr.get("type") in ("obsolete", "vanished"):
                continue
            out[(name, m.findtext("source"))] = None if tr.get("type") == "unfinished" else tr.text
    return out


def test_every_text_has_its_english():
    missing = [k for path in (TS, LITERALS) for k, v in _messages(path).items() if not v]
    assert not missing, f"{len(missing)} texts without English, e.g. {missing[:5]} — run `make translations`"


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate not installed")
def test_the_translation_file_knows_every_text_in_the_source(tmp_path):
    """A tr() text added to the code must be added to commanddesk_en.ts (make translations) and translated."""
    fresh = tmp_path / "fresh.ts"
    sources = [str(p) for p in sorted((ROOT / "commanddesk" / "ui").glob("*.py"))]
    sources += [str(ROOT / "commanddesk" / "app.py"), str(ROOT / "commanddesk" / "pages.py")]
    subprocess.run([str(LUPDATE), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    unknown = set(_messages(fresh)) - set(_messages(TS))
    assert not unknown, f"texts missing from commanddesk_en.ts: {sorted(unknown)[:5]}"


def test_texts_kept_in_tuples_and_lists_are_collected_too():
    """Column headers, form labels and choices (shown through ui.texts.t) are all in literals_en.ts."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import ui_literals
    finally:
        sys.path.pop(0)
    unknown = set(ui_literals.literals()) - {s for (_c, s) in _messages(LITERALS)}
    assert not unknown, f"not in literals_en.ts: {sorted(unknown)[:5]} — run `make translations`"


def test_the_compiled_file_says_what_the_source_says(qapp):
    """commanddesk_en.qm is commanddesk_en.ts compiled (lrelease after every edit: make translations)."""
    from PySide6.QtCore import QTranslator

    tr = QTranslator()
    assert tr.load(str(QM))
    messages = {**_messages(TS), **_messages(LITERALS)}
    stale = [(c, s) for (c, s), text in messages.items() if text and tr.translate(c, s) != text]
    assert not stale, f"{len(stale)} texts differ in the .qm, e.g. {stale[:3]} — run `make translations`"


def test_english_is_used_when_asked_and_chinese_stays_the_default():
    code = ("import sys; from PySide6.QtWidgets import QApplication; from PySide6.QtCore import QCoreApplication;"
            "from commanddesk import app as a; q = QApplication([]);"
            "a.install_translations(q, sys.argv[1]);"
            "print(QCoreApplication.translate('nav', '值班'), QCoreApplication.translate('MainWindow', '视图(&V)'))")
    for lang, expected in (("en", "Duty &View"), ("zh", "值班 视图(&V)")):
        r = subprocess.run([sys.executable, "-c", code, lang], capture_output=True, text=True, timeout=60,
                           env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
        assert r.stdout.strip() == expected, r.stderr
