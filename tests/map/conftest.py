"""Map fixtures: QtWebEngine set up before the QApplication, one map page per module.

QtWebEngine reads its Chromium flags and the custom URL schemes once, when the
QApplication starts, so this runs at import (collection) time, before
pytest-qt's ``qapp`` exists.
"""

from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
for _flag in (["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []) + ["--disable-gpu"]:
    if _flag not in _flags:
        _flags.append(_flag)
os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(_flags)

import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (must precede the QApplication)

from commanddesk.map import register_schemes  # noqa: E402

register_schemes()


def add_incident(store, title: str, lat: float | None, lon: float | None, grade: int | None = 3,
                 drill: bool = False, type_: str = "") -> int:
    """Log an incident straight into the store and return its id."""
    from commanddesk.models import Incident

    with store.transaction() as s:
        inc = Incident(title=title, category="accident", type=type_, received_at=store.clock.now(),
                       grade=grade, lat=lat, lon=lon, is_drill=drill, place_text="测试地点")
        s.add(inc)
        s.flush()
        return inc.id


def make_mbtiles(path, bounds=(119.1, 34.5, 119.6, 34.85), zooms=range(8, 13), fmt="png",
                 metadata: dict | None = None) -> int:
    """Draw a small raster basemap with QImage (a grid and "z/x/y" on each tile); return its tile count."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

    from commanddesk.map import mbtiles

    tiles = {}
    for z in zooms:
        for x, y in mbtiles.tiles_covering(bounds, z):
            img = QImage(256, 256, QImage.Format.Format_RGB32)
            img.fill(QColor.fromHsv((x * 37 + y * 61) % 360, 40, 235))
            p = QPainter(img)
            p.setPen(QPen(QColor("#7a8a99"), 2))
            p.drawRect(1, 1, 254, 254)
            p.setFont(QFont("sans", 18))
            p.drawText(QRect(0, 0, 256, 256), Qt.AlignmentFlag.AlignCenter, f"{z}/{x}/{y}")
            p.end()
            data = QByteArray()
            buf = QBuffer(data)
            buf.open(QIODevice.OpenModeFlag.WriteOnly)
            img.save(buf, "JPG" if fmt == "jpg" else fmt.upper())
            tiles[(z, x, y)] = bytes(data.data())
    west, south, east, north = bounds
    meta = {"name": "测试底图", "format": fmt, "minzoom": str(min(zooms)), "maxzoom": str(max(zooms)),
            "bounds": f"{west},{south},{east},{north}", "attribution": "commanddesk 测试瓦片", **(metadata or {})}
    mbtiles.write(path, tiles, meta)
    return len(tiles)


def spin(predicate, timeout: float = 5.0) -> None:
    """Process Qt events until *predicate()* is true (TimeoutError after *timeout* s)."""
    import time

    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        QTest.qWait(10)


def js(view, expression: str, timeout: float = 5.0):
    """Evaluate a JavaScript expression in the map page and return its value.

    The value travels as JSON text: PySide6 hands objects and arrays from
    runJavaScript back as empty strings.
    """
    import json

    box: list = []
    code = f"(function () {{ var v = ({expression}); return v === undefined ? 'null' : JSON.stringify(v); }})()"
    view.page().runJavaScript(code, 0, box.append)
    spin(lambda: box, timeout)
    return json.loads(box[0])


@pytest.fixture(scope="module")
def map_store(tmp_path_factory):
    """A demo copy shared by one test module, with two real incidents and one drill."""
    from datetime import datetime

    from commanddesk import paths
    from commanddesk.clock import BEIJING, FixedClock
    from commanddesk.services import demo
    from commanddesk.store import open_store

    from ..conftest import _shared_cache, sign_in

    home = tmp_path_factory.mktemp("maphome")
    with pytest.MonkeyPatch.context() as mp:  # the same private dirs the function fixtures use
        mp.setenv("XDG_CACHE_HOME", str(_shared_cache()))
        mp.setenv("XDG_DATA_HOME", str(home / "data"))
        mp.setattr(paths, "_DIRS", paths.PlatformDirs("commanddesk", appauthor=False))
        template = demo.template()
    path = home / "map.sqlite"
    shutil.copyfile(template, path)
    store = open_store(path, FixedClock(datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING)))
    sign_in(store, demo.DEMO_OFFICER, "111111")
    store.test_ids = {
        "major": add_incident(store, "某化工企业储罐泄漏爆炸", 34.632, 119.312, grade=2, type_="accident.explosion"),
        "minor": add_incident(store, "道路交通事故", 34.60, 119.22, grade=4),
        "drill": add_incident(store, "演练：水库溃坝", 34.58, 119.25, grade=1, drill=True),
    }
    yield store
    store.close()


@pytest.fixture(scope="module")
def map_page(qapp, map_store):
    """One loaded MapPage, 1200×800, shared by the tests of a module."""
    from commanddesk.ui.context import AppContext
    from commanddesk.ui.map_page import MapPage

    page = MapPage(AppContext(map_store, demo=True))
    ready: list = []
    page.view.bridge.sig_ready.connect(lambda: ready.append(True))
    page.resize(1200, 800)
    page.show()
    spin(lambda: page.view.loaded and ready, timeout=15)
    js(page.view, "1")  # every queued call has run
    yield page
    page.close()
    page.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
