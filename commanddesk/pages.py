"""The main window's pages: key (for ``--page`` and layout files) and navigation text, in order. No Qt.

The command line and the window both read this list, so a page cannot exist in one and not the other.
The texts are marked for Qt's lupdate (context "nav"); the window translates them when it shows them.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark *text* for translation in *context* without needing Qt here."""
    return text


PAGES: tuple[tuple[str, str], ...] = (
    ("duty", QT_TRANSLATE_NOOP("nav", "值班")),
    ("roster", QT_TRANSLATE_NOOP("nav", "值班表")),
    ("handover", QT_TRANSLATE_NOOP("nav", "交接班")),
    ("intake", QT_TRANSLATE_NOOP("nav", "接报")),
    ("incidents", QT_TRANSLATE_NOOP("nav", "事件")),
    ("warnings", QT_TRANSLATE_NOOP("nav", "预警")),
    ("plans", QT_TRANSLATE_NOOP("nav", "预案")),
    ("map", QT_TRANSLATE_NOOP("nav", "地图")),
    ("teams", QT_TRANSLATE_NOOP("nav", "队伍")),
    ("materials", QT_TRANSLATE_NOOP("nav", "物资")),
    ("ledger", QT_TRANSLATE_NOOP("nav", "物资台账")),
    ("shelters", QT_TRANSLATE_NOOP("nav", "避难场所")),
    ("hazards", QT_TRANSLATE_NOOP("nav", "风险隐患")),
    ("contacts", QT_TRANSLATE_NOOP("nav", "通讯录")),
    ("drills", QT_TRANSLATE_NOOP("nav", "演练")),
    ("statistics", QT_TRANSLATE_NOOP("nav", "统计")),
    ("settings", QT_TRANSLATE_NOOP("nav", "设置")),
)
PAGE_KEYS: tuple[str, ...] = tuple(key for key, _text in PAGES)
