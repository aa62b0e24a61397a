"""The web view that shows the map page and the queue of calls into it."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView

from .bridge import MapBridge
from .schemes import PAGE_URL, configure_profile

log = logging.getLogger(__name__)


def js_call(fn: str, *args) -> str:
    """JavaScript source calling ``cd.<fn>`` with JSON arguments."""
    return f"cd.{fn}({','.join(json.dumps(a, ensure_ascii=False, separators=(',', ':')) for a in args)})"


class MapWebPage(QWebEnginePage):
    """The page, with its JavaScript warnings and errors sent to the log."""

    def __init__(self, profile, parent=None) -> None:
        super().__init__(profile, parent)
        self.errors: list[str] = []

    def javaScriptConsoleMessage(self, level, message, line, source) -> None:  # noqa: N802 (Qt name)
        """Keep the page's JavaScript errors and log them; log warnings."""
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            self.errors.append(f"{source}:{line}: {message}")
            log.error("map page: %s:%s: %s", source, line, message)
        elif level == QWebEnginePage.JavaScriptConsoleMessageLevel.WarningMessageLevel:
            log.warning("map page: %s:%s: %s", source, line, message)


class MapView(QWebEngineView):
    """Loads ``app://map/index.html`` once; calls made before it loaded wait in a queue."""

    sig_loaded = Signal(bool)
    """The page finished loading (True) or failed (False); queued calls have run."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        profile = configure_profile()
        self.setPage(MapWebPage(profile, self))
        self.page().setBackgroundColor(QColor("#dfe9f2"))
        s = self.settings()
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self)
        self.channel.registerObject("bridge", self.bridge)
        self.page().setWebChannel(self.channel)
        self.loaded = False
        self._queue: list[tuple[str, Callable | None]] = []
        self.loadFinished.connect(self._on_loaded)
        self.load(QUrl(PAGE_URL))

    def call(self, fn: str, *args, callback: Callable | None = None) -> None:
        """Run ``cd.<fn>(*args)`` in the page, now or as soon as it has loaded."""
        self.run(js_call(fn, *args), callback)

    def run(self, code: str, callback: Callable | None = None) -> None:
        """Run JavaScript in the page, now or as soon as it has loaded."""
        if not self.loaded:
            self._queue.append((code, callback))
            return
        if callback is None:
            self.page().runJavaScript(code, 0)
        else:
            self.page().runJavaScript(code, 0, callback)

    def _on_loaded(self, ok: bool) -> None:
        if self.loaded:
            return
        self.loaded = ok
        if ok:
            queue, self._queue = self._queue, []
            # Calls without a callback go as one script: the page then draws the
            # first full frame once, not once per call.
            batch: list[str] = []
            for code, callback in queue:
                if callback is None:
                    batch.append(f"try {{ {code}; }} catch (e) {{ console.error(e); }}")
                    continue
                if batch:
                    self.run("\n".join(batch))
                    batch = []
                self.run(code, callback)
            if batch:
                self.run("\n".join(batch))
        self.sig_loaded.emit(ok)
