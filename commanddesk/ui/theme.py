"""Day and night looks, and large type: one palette and one stylesheet for the whole app.

Widgets never pick colours themselves. A label says what it is with a role
(``mark(label, "error")``) and the stylesheet colours every role; painted
widgets (the clock strip) and table cells ask ``colour("overdue_bg")``. A
switch re-applies the palette and stylesheet to the running app and tells
every window (``changed``), so nothing needs a restart.

The red and amber of the clock states are the same in both looks: a late
clock must read as late at 3 a.m. as at noon.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

NAMES = {"day": "日间", "night": "夜间"}
ROLES = ("error", "ok", "warn", "muted", "accent", "banner", "title", "heading", "big", "mono", "demo")


@dataclass(frozen=True)
class Theme:
    """The colours of one look, by meaning."""

    name: str
    window: str
    base: str
    alt_base: str
    text: str
    button: str
    highlight: str
    highlight_text: str
    disabled: str
    muted: str
    error: str
    ok: str
    warn: str
    banner_bg: str
    accent: str
    drill: str
    strip_bg: str
    focus_bg: str
    focus_border: str
    focus_text: str
    border: str
    pending_bg: str
    pending_fg: str
    # the alarm colours: identical in both looks
    due_soon_bg: str = "#ffb300"
    due_soon_fg: str = "#1a1a1a"
    overdue_bg: str = "#c62828"
    overdue_fg: str = "#ffffff"
    overdue_dim_bg: str = "#7f1d1d"
    overdue_dim_fg: str = "#ffd6d6"


DAY = Theme(
    name="day", window="#efefef", base="#ffffff", alt_base="#f5f7fa", text="#1f2328", button="#e6e7e9",
    highlight="#2b7bd6", highlight_text="#ffffff", disabled="#9aa0a6", muted="#555555", error="#b00020",
    ok="#1b5e20", warn="#805b00", banner_bg="#fff3cd", accent="#0d47a1", drill="#6a1b9a", strip_bg="#f4f4f4",
    focus_bg="#dde7f3", focus_border="#90a4c0", focus_text="#1f3a60", border="#b8bec6",
    pending_bg="#e8f1e8", pending_fg="#1d4d1d",
)
NIGHT = Theme(
    name="night", window="#1b1e22", base="#23272c", alt_base="#2a2f35", text="#cfd6dd", button="#2e3339",
    highlight="#2f5d8c", highlight_text="#ffffff", disabled="#6b737b", muted="#8f9aa5", error="#ff6b6b",
    ok="#7bc67e", warn="#e0b050", banner_bg="#3b3220", accent="#8ab4f8", drill="#7b3fa0", strip_bg="#15181b",
    focus_bg="#243449", focus_border="#4a6a93", focus_text="#cfe0f5", border="#3d444c",
    pending_bg="#1f3526", pending_fg="#b9dcc0",
)
THEMES = {"day": DAY, "night": NIGHT}
BASE_POINT_SIZE = 10
LARGE_FACTOR = 1.3


class _State(QObject):
    changed = Signal()
    """The look changed: repaint what you paint yourself, re-colour icons."""

    def __init__(self) -> None:
        super().__init__()
        self.theme: Theme = DAY
        self.large = False


_state: _State | None = None


def state() -> _State:
    """The app's current look (created on first use, after the QApplication)."""
    global _state
    if _state is None:
        _state = _State()
    return _state


def current() -> Theme:
    """The look in use."""
    return state().theme


def colour(key: str) -> QColor:
    """A colour of the current look by meaning, e.g. ``colour("overdue_bg")``."""
    return QColor(getattr(current(), key))


def adapt(name: str, background: bool = False) -> QColor:
    """A colour chosen for the day look (a row's red text, its pale yellow background) made to read at night.

    Day: unchanged. Night: a pale background becomes a dark tint of the same hue, a dark text
    colour a light one, so a warning row stays a warning row without glaring.
    """
    c = QColor(name)
    if current().name == "day" or not c.isValid():
        return c
    h, s, lightness, a = c.getHslF()
    h = max(h, 0.0)  # greys have no hue (-1)
    if background:
        return QColor.fromHslF(h, min(s, 0.6), min(lightness, 0.22), a) if lightness > 0.3 else c
    return QColor.fromHslF(h, min(s, 0.75), max(lightness, 0.68), a) if lightness < 0.6 else c


def chip_colours(state_key: str) -> tuple[str, str]:
    """(background, text) of a clock chip: pending, due_soon, overdue or overdue_dim."""
    t = current()
    return getattr(t, f"{state_key}_bg"), getattr(t, f"{state_key}_fg")


def scale(px: int) -> int:
    """A font size in pixels, larger with large type."""
    return round(px * (LARGE_FACTOR if state().large else 1))


def stylesheet(t: Theme) -> str:
    """The app-wide stylesheet for look *t*: the roles and the few things a palette cannot say."""
    return f"""
QLabel[role="error"] {{ color: {t.error}; font-weight: bold; }}
QLabel[role="ok"] {{ color: {t.ok}; font-weight: bold; }}
QLabel[role="warn"] {{ color: {t.warn}; }}
QLabel[role="muted"] {{ color: {t.muted}; }}
QLabel[role="accent"] {{ color: {t.accent}; font-weight: bold; }}
QLabel[role="banner"] {{ background: {t.banner_bg}; color: {t.text}; padding: 4px; }}
QLabel[role="demo"] {{ background: {t.banner_bg}; color: {t.warn}; font-weight: bold; padding: 4px; }}
QLabel[role="title"] {{ font-size: {scale(20)}px; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {scale(16)}px; font-weight: bold; }}
QLabel[role="big"] {{ font-size: {scale(18)}px; font-weight: bold; }}
QLabel[role="mono"] {{ font-size: {scale(20)}px; font-family: monospace; }}
QListWidget#nav {{ font-size: {scale(15)}px; }}
QListWidget#nav::item {{ padding: {scale(5)}px 10px; }}
QWidget[invalid="true"] {{ border: 2px solid {t.error}; }}
QToolTip {{ color: {t.text}; background: {t.alt_base}; border: 1px solid {t.border}; }}
"""


def document_colours(t: Theme | None = None):
    """The colours for HTML shown on screen in look *t* (plans, diffs): headings and marks readable on its
    background. Paper (PDF, print) keeps its own black-on-white colours."""
    from ..plans.render import PAPER, Colours

    t = t or current()
    if t.name == "day":
        return PAPER
    return Colours(heading=t.accent, meta=t.muted, border=t.border, header_bg=t.alt_base, demo_fg=t.warn,
                   demo_bg=t.banner_bg, add_bg=t.pending_bg, del_bg=t.overdue_dim_bg,
                   levels=(t.error, "#ffa060", t.warn, t.accent))


def palette(t: Theme) -> QPalette:
    """The Qt palette for look *t* (used with the Fusion style, which follows it everywhere)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, value in ((roles.Window, t.window), (roles.WindowText, t.text), (roles.Base, t.base),
                        (roles.AlternateBase, t.alt_base), (roles.Text, t.text), (roles.Button, t.button),
                        (roles.ButtonText, t.text), (roles.Highlight, t.highlight),
                        (roles.HighlightedText, t.highlight_text), (roles.ToolTipBase, t.alt_base),
                        (roles.ToolTipText, t.text), (roles.PlaceholderText, t.muted), (roles.Link, t.accent),
                        (roles.BrightText, t.error), (roles.Mid, t.border), (roles.Dark, t.border)):
        p.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, QColor(t.disabled))
    return p


def apply(name: str | None = None, large: bool | None = None) -> Theme:
    """Switch the running app to look *name* and/or large type; unchanged arguments keep their value."""
    s = state()
    if name is not None:
        if name not in THEMES:
            raise ValueError(name)
        s.theme = THEMES[name]
    if large is not None:
        s.large = large
    app = QApplication.instance()
    if app is not None:
        app.setStyle("Fusion")
        app.setPalette(palette(s.theme))
        font = QFont(app.font())
        font.setPointSizeF(BASE_POINT_SIZE * (LARGE_FACTOR if s.large else 1))
        app.setFont(font)
        app.setStyleSheet(stylesheet(s.theme))
    s.changed.emit()
    return s.theme


def mark(widget: QWidget, role: str | None) -> None:
    """Give *widget* a role of the stylesheet (or none); takes effect at once."""
    if role is not None and role not in ROLES:
        raise ValueError(role)
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def flag_invalid(widget: QWidget, invalid: bool) -> None:
    """Frame a field in the error colour (or clear the frame)."""
    widget.setProperty("invalid", "true" if invalid else "false")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


# --- remembered choice ---------------------------------------------------------------------------

def _settings() -> QSettings:
    from .. import paths

    return QSettings(str(paths.data_dir() / "layout.ini"), QSettings.Format.IniFormat)


def saved() -> tuple[str, bool]:
    """The look and large-type choice remembered on this machine (day, normal type at first)."""
    s = _settings()
    name = str(s.value("look/theme", "day"))
    return (name if name in THEMES else "day"), str(s.value("look/large", "false")).lower() == "true"


def remember() -> None:
    """Keep the current look and type size for the next start."""
    s = _settings()
    s.setValue("look/theme", current().name)
    s.setValue("look/large", "true" if state().large else "false")
    s.sync()
