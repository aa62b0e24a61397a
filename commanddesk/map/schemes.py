"""The map page's own URL schemes, and a gate that blocks every other request.

- ``app://map/…`` serves the page (``data/map/web``), ``app://assets/leaflet/…``
  the Leaflet files of the xstatic-leaflet package;
- ``tiles://<key>/<z>/<x>/<y>`` serves tiles from an opened MBTiles file;
- the request interceptor lets only app, tiles, qrc (the QWebChannel script),
  data and blob URLs through and counts what it saw, so "no network" is a
  property of the profile, not a hope about the page.

``register_schemes()`` (defined in the package, so that start-up does not pay
for this module) must run before the QApplication exists;
``configure_profile()`` after it, before the first map page loads.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import threading
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlSchemeHandler,
)

from ..paths import PACKAGE_DATA
from . import APP, TILES, register_schemes  # noqa: F401  (register_schemes re-exported)
from .mbtiles import MIME, MBTiles, sniff

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"app", "tiles", "qrc", "data", "blob"})
WEB_DIR = PACKAGE_DATA / "map" / "web"
PAGE_URL = "app://map/index.html"
_MIME_FALLBACK = {".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".png": "image/png",
                  ".map": "application/json"}

_state: dict = {"handlers": {}, "interceptor": None, "tilesets": {}}
_lock = threading.Lock()


def _reply(job: QWebEngineUrlRequestJob, mime: str, data: bytes) -> None:
    buf = QBuffer(parent=job)  # the job owns the buffer, so it lives until the reply is read
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    job.reply(mime.encode(), buf)


class AppSchemeHandler(QWebEngineUrlSchemeHandler):
    """app://map/<file> from the package, app://assets/leaflet/<file> from xstatic-leaflet."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._cache: dict[str, tuple[str, bytes]] = {}

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt name)
        """Serve app://map/… and app://assets/leaflet/… from the package (UrlNotFound otherwise)."""
        url = job.requestUrl()
        key = f"{url.host()}{url.path()}"
        hit = self._cache.get(key)
        if hit is None:
            path = self._resolve(url.host(), url.path())
            if path is None:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
                return
            mime = _MIME_FALLBACK.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            hit = self._cache[key] = (mime, path.read_bytes())
        _reply(job, *hit)

    @staticmethod
    def _resolve(host: str, path: str) -> Path | None:
        if host == "map":
            root = WEB_DIR
            rel = path.lstrip("/")
        elif host == "assets" and path.startswith("/leaflet/"):
            import xstatic.pkg.leaflet as xleaflet

            root = Path(xleaflet.BASE_DIR)
            rel = path[len("/leaflet/"):]
        else:
            return None
        full = (root / rel).resolve()
        if root.resolve() not in full.parents or not full.is_file():
            return None
        return full


class TilesSchemeHandler(QWebEngineUrlSchemeHandler):
    """tiles://<key>/<z>/<x>/<y>[.ext] from the MBTiles file registered under key."""

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt name)
        """Serve one tile of a registered MBTiles file (UrlInvalid or UrlNotFound otherwise)."""
        url = job.requestUrl()
        tileset = _state["tilesets"].get(url.host())
        parts = url.path().strip("/").split("/")
        try:
            z, x, y = int(parts[0]), int(parts[1]), int(parts[2].split(".")[0])
        except (IndexError, ValueError):
            job.fail(QWebEngineUrlRequestJob.Error.UrlInvalid)
            return
        data = tileset.tile(z, x, y) if tileset is not None else None
        if data is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        _reply(job, MIME.get(sniff(data) or tileset.info.format, "image/png"), data)


class RequestGate(QWebEngineUrlRequestInterceptor):
    """Blocks every request outside ALLOWED_SCHEMES and counts requests per scheme."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.counts: Counter[str] = Counter()
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt name)
        """Count each request by scheme; block any outside ALLOWED_SCHEMES."""
        url = info.requestUrl()
        scheme = url.scheme()
        self.counts[scheme] += 1
        if scheme not in ALLOWED_SCHEMES:
            self.blocked.append(url.toString())
            info.block(True)

    def reset(self) -> None:
        """Forget what was counted (tests)."""
        self.counts.clear()
        self.blocked.clear()


def configure_profile(profile: QWebEngineProfile | None = None) -> QWebEngineProfile:
    """Install the scheme handlers and the gate on *profile* (default profile); idempotent."""
    profile = profile or QWebEngineProfile.defaultProfile()
    if _state["interceptor"] is None:
        app = QCoreApplication.instance()
        _state["handlers"] = {APP: AppSchemeHandler(app), TILES: TilesSchemeHandler(app)}
        _state["interceptor"] = RequestGate(app)
    for name, handler in _state["handlers"].items():
        if profile.urlSchemeHandler(name) is None:
            profile.installUrlSchemeHandler(name, handler)
    profile.setUrlRequestInterceptor(_state["interceptor"])
    return profile


def gate() -> RequestGate | None:
    """The request gate once configure_profile() has run."""
    return _state["interceptor"]


def add_tileset(path: str | Path) -> tuple[str, MBTiles]:
    """Open an MBTiles file for tiles:// and return (key, reader); MBTilesError if unusable."""
    path = str(Path(path).resolve())
    key = "t" + hashlib.sha1(path.encode()).hexdigest()[:12]
    with _lock:
        reader = _state["tilesets"].get(key)
        if reader is None:
            reader = MBTiles(path)
            _state["tilesets"][key] = reader
    return key, reader


def tile_url(key: str, fmt: str) -> str:
    """The Leaflet URL template for a registered tileset."""
    return f"tiles://{key}/{{z}}/{{x}}/{{y}}.{fmt}"
