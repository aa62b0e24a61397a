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


def day_text(day) -> str:
    """A calendar day as the duty roster writes it: 12月4日 (English 12-04)."""
    return (QCoreApplication.translate("Shifts", "%1月%2日").replace("%1", str(day.month))
            .replace("%2", str(day.day)).replace("%3", f"{day:%m-%d}"))


def shift_text(day, label: str) -> str:
    """A shift named by its day and its label (白班, 夜班…): 12月4日白班 (English 12-04 Day shift)."""
    return QCoreApplication.translate("Shifts", "%1%2").replace("%1", day_text(day)).replace("%2", t(label))


def times_text(text: str) -> str:
    """A shift's hours (08:30–次日08:30) with the word for the next day in the interface language."""
    return text.replace("次日", QCoreApplication.translate("Shifts", "次日"))


def refusal(actor, perm) -> str:
    """Why *actor* may not do *perm*, in the interface language (``auth.refusal``'s sentence)."""
    from ..services import auth

    what = t(auth.PERMISSION_LABELS[perm])
    if actor is None:
        return QCoreApplication.translate("Refusal", "无权执行「%1」：请先签到上岗。").replace("%1", what)
    if actor.revoked:
        return QCoreApplication.translate("Refusal", "无权执行「%1」：%2").replace("%2", actor.revoked).replace("%1", what)
    roles = (QCoreApplication.translate("Refusal", " 或 ").join(t(r) for r in auth.who_may(perm, actor.drill))
             or QCoreApplication.translate("Refusal", "（无角色）"))
    return (QCoreApplication.translate("Refusal", "无权执行「%1」：需要 %2（当前角色：%3）。")
            .replace("%3", t(actor.role_label)).replace("%2", roles).replace("%1", what))
