"""The map's own URL schemes and the gate: the page and its tiles come from the app, nothing from the network."""

import pytest

from commanddesk.map import mbtiles, schemes
from commanddesk.map.schemes import AppSchemeHandler

from .conftest import js, make_mbtiles, spin


def test_only_the_page_and_leaflet_files_are_served():
    """app://map/ serves the page's files, app://assets/leaflet/ Leaflet's; no path climbs out of either."""
    resolve = AppSchemeHandler._resolve
    assert resolve("map", "/index.html") == (schemes.WEB_DIR / "index.html").resolve()
    assert resolve("assets", "/leaflet/leaflet.js").name == "leaflet.js"
    for host, path in (("map", "/../../paths.py"), ("map", "/%2e%2e/x"), ("map", "/"), ("map", "/nope.js"),
                       ("assets", "/other/x.js"), ("assets", "/leaflet/../../../etc/passwd"), ("evil", "/index.html")):
        assert resolve(host, path) is None, (host, path)


def test_a_tileset_is_registered_once_under_a_stable_key(qapp, tmp_path):
    """The same file gives the same key and reader; the URL template is what Leaflet expects."""
    path = tmp_path / "base.mbtiles"
    make_mbtiles(path, zooms=range(8, 9))
    key, reader = schemes.add_tileset(path)
    again, same = schemes.add_tileset(str(path))
    assert key == again and reader is same and key.startswith("t")
    assert schemes.tile_url(key, "png") == f"tiles://{key}/{{z}}/{{x}}/{{y}}.png"


def test_an_unusable_tileset_is_refused(tmp_path):
    """A file that is not MBTiles is refused with MBTilesError, not served."""
    bad = tmp_path / "bad.mbtiles"
    bad.write_bytes(b"not sqlite")
    with pytest.raises(mbtiles.MBTilesError):
        schemes.add_tileset(bad)


@pytest.fixture(scope="module")
def view(qapp):
    from commanddesk.map.page import MapView

    v = MapView()
    v.resize(600, 400)
    v.show()
    spin(lambda: v.loaded, timeout=15)
    yield v
    v.close()
    v.deleteLater()


def _load_image(view, url: str):
    view.run(f"window.__img = null; var i = new Image(); i.onload = function () {{ window.__img = i.naturalWidth; }};"
             f" i.onerror = function () {{ window.__img = -1; }}; i.src = {url!r};")
    spin(lambda: js(view, "window.__img") is not None)
    return js(view, "window.__img")


def test_tiles_come_from_the_registered_file_and_a_missing_one_fails(view, tmp_path):
    """A tile in the file loads as a 256-pixel image; one outside it, or an unknown tileset, fails cleanly."""
    path = tmp_path / "t.mbtiles"
    make_mbtiles(path, zooms=range(8, 9))
    key, _reader = schemes.add_tileset(path)
    z = 8
    x, y = next(iter(mbtiles.tiles_covering((119.1, 34.5, 119.6, 34.85), z)))
    assert _load_image(view, f"tiles://{key}/{z}/{x}/{y}.png") == 256
    assert _load_image(view, f"tiles://{key}/3/0/0.png") == -1
    assert _load_image(view, f"tiles://tnothere/{z}/{x}/{y}.png") == -1
    assert _load_image(view, f"tiles://{key}/not/a/tile") == -1


def test_the_network_is_shut_out_and_counted(view):
    """An image from the internet is blocked by the gate and named in its list; app:// requests are counted."""
    gate = schemes.gate()
    gate.reset()
    assert _load_image(view, "https://tile.openstreetmap.org/1/0/0.png") == -1
    assert any("openstreetmap" in url for url in gate.blocked)
    assert gate.counts["https"] >= 1
    assert _load_image(view, "app://assets/leaflet/images/marker-icon.png") > 0
    assert gate.counts["app"] >= 1 and set(gate.counts) <= schemes.ALLOWED_SCHEMES | {"https"}
    gate.reset()
    assert gate.blocked == [] and not gate.counts
