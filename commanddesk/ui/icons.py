"""Which icon means what, in one place (qtawesome's Material Design Icons, drawn offline from the package).

Pages, buttons, actions and clock states ask for a meaning (``icon("save")``), never
for a glyph. Buttons need not ask at all: ``decorate(widget)`` gives every push
button under *widget* the icon its text calls for (导出 PDF → the PDF glyph). Icons
are drawn in the current look's text colour and re-drawn when the look changes.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_API", "pyside6")  # qtawesome speaks Qt through QtPy; this app is PySide6

from PySide6.QtGui import QAction, QIcon  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget  # noqa: E402

from . import theme  # noqa: E402

GLYPHS = {
    # pages
    "page.duty": "mdi6.clipboard-text-clock-outline",
    "page.intake": "mdi6.phone-incoming",
    "page.incidents": "mdi6.alert-octagon-outline",
    "page.plans": "mdi6.book-open-page-variant-outline",
    "page.map": "mdi6.map-outline",
    "page.teams": "mdi6.account-group-outline",
    "page.materials": "mdi6.package-variant-closed",
    "page.ledger": "mdi6.clipboard-list-outline",
    "page.shelters": "mdi6.home-group",
    "page.hazards": "mdi6.alert-outline",
    "page.contacts": "mdi6.card-account-phone-outline",
    "page.drills": "mdi6.school-outline",
    "page.settings": "mdi6.cog-outline",
    "page.warnings": "mdi6.bullhorn-outline",
    "page.statistics": "mdi6.chart-bar",
    "page.roster": "mdi6.calendar-account-outline",
    "page.handover": "mdi6.account-switch-outline",
    # clock states
    "clock.pending": "mdi6.timer-sand",
    "clock.due_soon": "mdi6.timer-alert-outline",
    "clock.overdue": "mdi6.alarm-light",
    "clock.met": "mdi6.check-circle-outline",
    "clock.list": "mdi6.format-list-bulleted",
    # actions
    "new_call": "mdi6.phone-plus",
    "save": "mdi6.content-save-outline",
    "cancel": "mdi6.close",
    "confirm": "mdi6.check",
    "pdf": "mdi6.file-pdf-box",
    "word": "mdi6.file-word-box",
    "excel": "mdi6.microsoft-excel",
    "import": "mdi6.tray-arrow-down",
    "export": "mdi6.tray-arrow-up",
    "print": "mdi6.printer-outline",
    "search": "mdi6.magnify",
    "add": "mdi6.plus",
    "edit": "mdi6.pencil-outline",
    "delete": "mdi6.delete-outline",
    "refresh": "mdi6.refresh",
    "sign_in": "mdi6.account-switch-outline",
    "mute": "mdi6.volume-off",
    "quit": "mdi6.exit-to-app",
    "dispatch": "mdi6.truck-fast-outline",
    "report": "mdi6.file-document-edit-outline",
    "send": "mdi6.send-outline",
    "phone": "mdi6.phone-outline",
    "approve": "mdi6.check-decagram-outline",
    "plan": "mdi6.play-box-outline",
    "card": "mdi6.card-text-outline",
    "grade": "mdi6.scale-balance",
    "place": "mdi6.map-marker-outline",
    "clipboard": "mdi6.clipboard-text-search-outline",
    "start": "mdi6.play",
    "pause": "mdi6.pause",
    "next": "mdi6.skip-next",
    "back": "mdi6.keyboard-return",
    "verify": "mdi6.shield-check-outline",
    "night": "mdi6.weather-night",
    "large": "mdi6.format-size",
    "language": "mdi6.translate",
    "compare": "mdi6.compare-horizontal",
    "stock": "mdi6.package-variant",
    "transfer": "mdi6.swap-horizontal",
    "sync": "mdi6.sync",
    "sync_alert": "mdi6.sync-alert",
    "take_out": "mdi6.database-export-outline",
}

# A button's text → its meaning: the first rule whose words appear in the text wins.
BUTTON_RULES: tuple[tuple[tuple[str, ...], str], ...] = (  # Chinese words, and the English build's
    (("PDF",), "pdf"),
    (("Word",), "word"),
    (("Excel",), "excel"),
    (("粘贴识别", "clipboard", "Paste"), "clipboard"),
    (("打印", "Print"), "print"),
    (("导入", "Import"), "import"),
    (("导出", "Export"), "export"),
    (("签到", "换班", "Sign in", "shift"), "sign_in"),
    (("新接报", "新建接报", "New call"), "new_call"),
    (("保存", "Save"), "save"),
    (("取消", "Cancel"), "cancel"),
    (("删除", "Delete"), "delete"),
    (("新增", "添加", "Add"), "add"),
    (("编辑", "修改", "Edit"), "edit"),
    (("检索", "查询", "搜索", "Search"), "search"),
    (("调派", "派遣", "Dispatch"), "dispatch"),
    (("审签", "签批", "批准", "approv", "Approv"), "approve"),
    (("发送", "报送", "已发送", "Send"), "send"),
    (("来电", "电话", "带班领导", "call", "phone", "informed"), "phone"),
    (("续报", "初报", "核报", "终报", "报告", "report"), "report"),
    (("启动预案", "预案", "plan"), "plan"),
    (("处置卡", "Action card"), "card"),
    (("定级", "等级", "grade", "Grade"), "grade"),
    (("地图", "选点", "位置", "map", "Map"), "place"),
    (("校验", "Verify", "Check"), "verify"),
    (("开始", "Start"), "start"),
    (("暂停", "Pause"), "pause"),
    (("下一条", "next"), "next"),
    (("返回", "Back"), "back"),
    (("对比", "Compare"), "compare"),
    (("调拨", "Transfer"), "transfer"),
    (("入库", "出库", "盘点", "归还", "Receive", "Issue", "Stocktake", "Return"), "stock"),
    (("报废", "核销", "Write off"), "delete"),
    (("定额", "Quota"), "edit"),
    (("刷新", "Refresh"), "refresh"),
    (("确定", "确认", "OK", "Confirm"), "confirm"),
)


def icon(meaning: str, colour: str | None = None) -> QIcon:
    """The icon for *meaning* in the current look's text colour (or *colour*)."""
    import qtawesome

    t = theme.current()
    return qtawesome.icon(GLYPHS[meaning], color=colour or t.text, color_disabled=t.disabled)


def meaning_of(text: str) -> str | None:
    """The meaning a button's text calls for, or None."""
    for words, meaning in BUTTON_RULES:
        if any(w in text for w in words):
            return meaning
    return None


def set_icon(target: QAbstractButton | QAction, meaning: str) -> None:
    """Give a button or action its icon, and keep it in the current look when the look changes."""
    target.setProperty("icon_meaning", meaning)
    target.setIcon(icon(meaning))
    if isinstance(target, QAction) and target not in _actions:
        _actions.append(target)
        target.destroyed.connect(lambda *_a, a=target: _actions.remove(a) if a in _actions else None)


_actions: list[QAction] = []


def decorate(root: QWidget) -> None:
    """Give every push button under *root* the icon its text calls for (buttons with an icon are left alone)."""
    from PySide6.QtWidgets import QPushButton

    buttons = root.findChildren(QPushButton)
    if isinstance(root, QPushButton):
        buttons.append(root)
    for b in buttons:
        if b.property("icon_meaning") or not b.icon().isNull():
            continue
        meaning = meaning_of(b.text())
        if meaning:
            set_icon(b, meaning)


def recolour() -> None:
    """Re-draw every icon set through this module in the current look."""
    app = QApplication.instance()
    if app is None:
        return
    for w in app.allWidgets():
        meaning = w.property("icon_meaning")
        if meaning and isinstance(w, QAbstractButton):
            w.setIcon(icon(meaning))
    for a in list(_actions):
        a.setIcon(icon(a.property("icon_meaning")))
