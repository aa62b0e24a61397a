"""GCJ-02 shifts, distances and the plane geometry behind labels and picking."""

import pytest

from commanddesk.map import coords


def test_gcj_to_wgs_matches_an_independent_implementation():
    """gcoord's published test value: GCJ-02 (45 N, 123 E) is WGS-84 (44.99804071, 122.99395597)."""
    lat, lon = coords.gcj_to_wgs(45.0, 123.0)
    assert lat == pytest.approx(44.99804071, abs=5e-6)
    assert lon == pytest.approx(122.99395597, abs=5e-6)


def test_round_trip_is_exact_and_the_shift_is_a_few_hundred_metres():
    """WGS-84 → GCJ-02 → WGS-84 returns the point; at the demo county the shift is ~520 m."""
    for lat, lon in [(34.65, 119.30), (39.9, 116.4), (22.54, 114.06), (45.0, 123.0)]:
        glat, glon = coords.wgs_to_gcj(lat, lon)
        back = coords.gcj_to_wgs(glat, glon)
        assert coords.distance_m(lat, lon, *back) < 0.001
        assert 100 < coords.distance_m(lat, lon, glat, glon) < 800


def test_no_shift_outside_china():
    """Points outside the GCJ-02 box are left alone."""
    assert coords.wgs_to_gcj(48.85, 2.35) == (48.85, 2.35)
    assert coords.from_display(48.85, 2.35, coords.GCJ02) == (48.85, 2.35)
    assert coords.to_display(34.65, 119.3, coords.WGS84) == (34.65, 119.3)


def test_distance():
    """One degree of latitude is about 111.2 km."""
    assert coords.distance_m(34.0, 119.0, 35.0, 119.0) == pytest.approx(111195, rel=1e-3)


def test_simplify_keeps_shape_and_closure():
    """A dense square simplifies to its corners and stays closed."""
    ring = [[x / 100, 0.0] for x in range(101)] + [[1.0, y / 100] for y in range(1, 101)] \
        + [[1 - x / 100, 1.0] for x in range(1, 101)] + [[0.0, 1 - y / 100] for y in range(1, 101)]
    out = coords.simplify_ring(ring, 0.001)
    assert out[0] == out[-1]
    assert len(out) == 5


def test_label_point_lies_inside_a_concave_polygon():
    """A U-shaped area gets its label inside, not in the gap."""
    u = {"type": "Polygon", "coordinates": [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]]}
    lat, lon = coords.label_point(u)
    assert coords.point_in_geometry(lat, lon, u)


def test_point_in_polygon_respects_holes():
    """A point in a hole is outside."""
    g = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
                                            [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]]}
    assert coords.point_in_geometry(0.5, 0.5, g)
    assert not coords.point_in_geometry(2, 2, g)
