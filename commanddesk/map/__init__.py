"""The offline map: data for it (no Qt) and the QtWebEngine page that shows it.

Only ``register_schemes`` lives here, so that calling it at start-up costs the
import of QtWebEngineCore and nothing more; see docs/map.md.
"""

from __future__ import annotations

import logging
import os

APP, TILES = b"app", b"tiles"
_registered: list[bool] = []


def register_schemes() -> None:
    """Declare app:// and tiles:// to QtWebEngine; call once before QApplication (idempotent).

    As root, Chromium refuses to start without ``--no-sandbox``; that flag is
    added to QTWEBENGINE_CHROMIUM_FLAGS here, and only for root.
    """
    if _registered:
        return
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme

    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join([*flags, "--no-sandbox"])
    if QCoreApplication.instance() is not None:
        logging.getLogger(__name__).warning(
            "register_schemes() called after QApplication was created; the map may not load")
    # Lets QtWebEngineWidgets be imported later, when the map page is first built.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    for name in (APP, TILES):
        if QWebEngineUrlScheme.schemeByName(name).name() == name:
            continue
        scheme = QWebEngineUrlScheme(name)
        scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
        flags_ = (QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.LocalAccessAllowed
                  | QWebEngineUrlScheme.Flag.CorsEnabled)
        if name == TILES:
            flags_ |= QWebEngineUrlScheme.Flag.LocalScheme  # so even a file:// page could show tiles
        scheme.setFlags(flags_)
        QWebEngineUrlScheme.registerScheme(scheme)
    _registered.append(True)
