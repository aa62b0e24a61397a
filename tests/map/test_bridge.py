"""The bridge between the map page and Python: each call from the page becomes one Qt signal with its values."""

import pytest

from commanddesk.map.bridge import MapBridge

from .conftest import spin


def test_each_page_call_is_re_emitted_with_its_values(qtbot):
    """ready, a background click, a marker click, a legend switch, a drawn zone and a paint token arrive as sent."""
    b = MapBridge()
    got: list = []
    b.sig_ready.connect(lambda: got.append(("ready",)))
    b.sig_map_clicked.connect(lambda lat, lon: got.append(("map", lat, lon)))
    b.sig_feature_clicked.connect(lambda *a: got.append(("feature", *a)))
    b.sig_layer_toggled.connect(lambda layer, on: got.append(("layer", layer, on)))
    b.sig_zone_drawn.connect(lambda spec: got.append(("zone", spec)))
    b.sig_painted.connect(lambda token: got.append(("painted", token)))
    b.ready()
    b.mapClicked(34.6, 119.2)
    b.featureClicked("team", "12", "开发区消防站", 34.61, 119.22)
    b.layerToggled("shelter", False)
    b.zoneDrawn('{"shape": "circle", "lat": 34.6, "lon": 119.2, "radius_m": 500}')
    b.painted("t1")
    assert got == [("ready",), ("map", 34.6, 119.2), ("feature", "team", "12", "开发区消防站", 34.61, 119.22),
                   ("layer", "shelter", False),
                   ("zone", '{"shape": "circle", "lat": 34.6, "lon": 119.2, "radius_m": 500}'), ("painted", "t1")]


def test_hover_text_comes_from_whoever_supplies_it(qtbot):
    """Without a source a marker has no hover text; with one, the source is asked for that kind and id."""
    b = MapBridge()
    assert b.tip("team", "12") == ""
    asked: list = []
    b.tip_source = lambda kind, rid: asked.append((kind, rid)) or f"{kind}#{rid}：在岗 12 人"
    assert b.tip("team", "12") == "team#12：在岗 12 人" and asked == [("team", "12")]


@pytest.fixture(scope="module")
def view(qapp):
    from commanddesk.map.page import MapView

    v = MapView()
    ready: list = []
    v.bridge.sig_ready.connect(lambda: ready.append(True))
    v.resize(600, 400)
    v.show()
    spin(lambda: v.loaded and ready, timeout=15)
    yield v
    v.close()
    v.deleteLater()


def test_the_loaded_page_talks_back_through_the_bridge(qtbot, view):
    """A paint token sent into the page comes back on sig_painted, through QWebChannel."""
    with qtbot.waitSignal(view.bridge.sig_painted, timeout=5000) as sig:
        view.call("afterPaint", "令牌-1")
    assert sig.args == ["令牌-1"]
