"""Interface texts kept as data (table headers, form labels, choices) in the interface language.

Texts written inside a widget's method go through ``self.tr``. Texts kept in tuples
and lists — column headers, the labels of a form's fields, the choices of a drop-down —
are marked where they are written with ``QT_TR_NOOP`` (so ``make translations``
collects them) and translated where they are shown, with ``t``: the table models,
``FormDialog`` and the header helpers do that, so a page only marks its texts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = ""  # the context lupdate gives QT_TR_NOOP texts outside tr()


def t(text: str) -> str:
    """*text* (marked with QT_TR_NOOP) in the interface language; Chinese stays as written."""
    return QCoreApplication.translate(CONTEXT, text) if text else text


def ts(texts) -> list[str]:
    """Each of *texts* through ``t`` (for header lists)."""
    return [t(x) for x in texts]
