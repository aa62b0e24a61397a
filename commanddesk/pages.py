"""The main window's pages: key (for ``--page`` and layout files) and navigation text, in order. No Qt.

The command line and the window both read this list, so a page cannot exist in one and not the other.
"""

PAGES: tuple[tuple[str, str], ...] = (
    ("duty", "值班"),
    ("intake", "接报"),
    ("incidents", "事件"),
    ("warnings", "预警"),
    ("plans", "预案"),
    ("map", "地图"),
    ("teams", "队伍"),
    ("materials", "物资"),
    ("ledger", "物资台账"),
    ("shelters", "避难场所"),
    ("hazards", "风险隐患"),
    ("contacts", "通讯录"),
    ("drills", "演练"),
    ("statistics", "统计"),
    ("settings", "设置"),
)
PAGE_KEYS: tuple[str, ...] = tuple(key for key, _text in PAGES)
