"""The map's remembered choices: basemaps opened, the one shown, boundary sources and ring radii."""

import pytest

from commanddesk.map import coords, prefs
from commanddesk.services import settings


def test_basemaps_remembered_in_order_updated_in_place_and_forgotten(store, officer):
    with store.transaction() as s:
        assert prefs.basemaps(s) == []
        prefs.remember_basemap(s, prefs.Basemap("/maps/a.mbtiles", "海州区影像"))
        prefs.remember_basemap(s, prefs.Basemap("/maps/b.mbtiles", "市区街道", coords.GCJ02))
        prefs.remember_basemap(s, prefs.Basemap("/maps/a.mbtiles", "海州区影像2026"))
    with store.read() as s:
        assert prefs.basemaps(s) == [prefs.Basemap("/maps/b.mbtiles", "市区街道", coords.GCJ02),
                                     prefs.Basemap("/maps/a.mbtiles", "海州区影像2026", coords.WGS84)]
    with store.transaction() as s:
        prefs.set_current_basemap(s, "/maps/b.mbtiles")
        prefs.forget_basemap(s, "/maps/a.mbtiles")
        assert prefs.current_basemap(s) == "/maps/b.mbtiles"  # another one forgotten: the shown one stays
        prefs.forget_basemap(s, "/maps/b.mbtiles")
        assert prefs.current_basemap(s) == ""  # back to the vector basemap
        assert prefs.basemaps(s) == []


def test_damaged_basemap_list_reads_as_what_can_be_used(store, officer):
    with store.transaction() as s:
        settings.put(s, prefs.BASEMAPS, "{not json")
        assert prefs.basemaps(s) == []
        settings.put(s, prefs.BASEMAPS, '{"path": "/x"}')
        assert prefs.basemaps(s) == []
        settings.put(s, prefs.BASEMAPS, '[{"path": "/x.mbtiles", "frame": "bd09"}, {"name": "无路径"}, 3, '
                                        '{"path": "/y.mbtiles", "name": ""}]')
        assert prefs.basemaps(s) == [prefs.Basemap("/x.mbtiles", "/x.mbtiles", coords.WGS84),
                                     prefs.Basemap("/y.mbtiles", "/y.mbtiles", coords.WGS84)]


def test_boundary_sources_default_to_the_builtin(store, officer):
    with store.transaction() as s:
        assert prefs.boundary_sources(s) == [{"kind": "builtin"}]
        prefs.set_boundary_sources(s, [{"kind": "file", "path": "/b/海州区.geojson"}])
        assert prefs.boundary_sources(s) == [{"kind": "file", "path": "/b/海州区.geojson"}]
        prefs.set_boundary_sources(s, [{"path": "no kind"}])
        assert prefs.boundary_sources(s) == [{"kind": "builtin"}]
    # the default is a copy: changing it changes nothing remembered
    with store.read() as s:
        prefs.boundary_sources(s)[0]["kind"] = "changed"
        assert prefs.boundary_sources(s) == [{"kind": "builtin"}]


@pytest.mark.parametrize("text, radii", [
    ("1,3,5", (1.0, 3.0, 5.0)),
    ("0.5，2", (0.5, 2.0)),
    ("5 3 1 3", (1.0, 3.0, 5.0)),
    ("2、10", (2.0, 10.0)),
    ("200", (200.0,)),
    ("", ()),
])
def test_parse_rings(text, radii):
    assert prefs.parse_rings(text) == radii


@pytest.mark.parametrize("text, message", [
    ("一,三", "圈层半径应为以逗号分隔的公里数，例如 1,3,5。"),
    ("0,1", "圈层半径应在 0 到 200 公里之间，最多 8 个。"),
    ("-1", "圈层半径应在 0 到 200 公里之间"),
    ("201", "圈层半径应在 0 到 200 公里之间"),
    ("1,2,3,4,5,6,7,8,9", "最多 8 个"),
])
def test_bad_rings_are_refused_in_chinese(text, message):
    with pytest.raises(ValueError) as err:
        prefs.parse_rings(text)
    assert message in str(err.value)


def test_rings_remembered_and_defaults_for_nothing_or_damage(store, officer):
    with store.transaction() as s:
        assert prefs.rings_km(s) == prefs.DEFAULT_RINGS
        prefs.set_rings_km(s, (0.5, 2.0, 10.0))
        assert settings.get(s, prefs.RINGS) == "0.5,2,10"
        assert prefs.rings_km(s) == (0.5, 2.0, 10.0)
        settings.put(s, prefs.RINGS, "很远")
        assert prefs.rings_km(s) == prefs.DEFAULT_RINGS
