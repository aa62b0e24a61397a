"""Hostile MBTiles files: a wrong schema, odd cell types and impossible metadata are refused with one Chinese
sentence or read defensively (no tile served from a cell that is no image), never a traceback."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commanddesk.map import mbtiles

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
SCHEMA = "CREATE TABLE metadata (name, value); CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data);"


def _file(path, setup=SCHEMA, tiles=((1, 0, 0, PNG),), meta=()):
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.executescript(setup)
        if tiles:
            db.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", tiles)
        db.executemany("INSERT INTO metadata VALUES (?, ?)", meta)
    return path


def _open_and_serve(path):
    """What the map does: open the basemap, then answer whatever tile requests the page makes."""
    m = mbtiles.MBTiles(path)
    try:
        for z, x, y in ((m.info.minzoom, 0, 0), (m.info.maxzoom, 0, 0), (62, 1, 1), (10**9, 0, 0), (-1, 0, 0)):
            m.tile(z, x, y)
        return m.info
    finally:
        m.close()


@pytest.mark.parametrize("setup,tiles", [
    ("CREATE TABLE metadata (name, value); CREATE VIEW tiles AS SELECT * FROM gone;", ()),
    ("CREATE TABLE metadata (name, value); CREATE TABLE tiles (a, b);", ()),
    (SCHEMA, (("abc", 0, 0, PNG),)),  # a zoom level that is text
    (SCHEMA, ((2**62, 0, 0, PNG),)),  # 1 << zoom would need exabytes
    (SCHEMA, ((1, 0, 0, "not an image"), (1, 0, 1, 1.5))),  # tile cells that are no blob
])
def test_a_wrong_schema_or_cell_types_are_refused_in_chinese(tmp_path, setup, tiles):
    path = _file(tmp_path / "bad.mbtiles", setup, tiles)
    with pytest.raises(mbtiles.MBTilesError) as err:
        _open_and_serve(path)
    assert "底图" in str(err.value)


def test_a_directory_named_like_a_basemap_is_refused(tmp_path):
    folder = tmp_path / "tiles.mbtiles"
    folder.mkdir()
    with pytest.raises(mbtiles.MBTilesError):
        mbtiles.MBTiles(folder)


def test_cells_that_are_no_image_are_never_served(tmp_path):
    path = _file(tmp_path / "mixed.mbtiles", tiles=((1, 0, 1, PNG), (1, 1, 1, "text"), (1, 0, 0, 7)))
    m = mbtiles.MBTiles(path)
    assert m.tile(1, 0, 0) == PNG  # TMS row 1 is XYZ row 0
    assert m.tile(1, 1, 0) is None and m.tile(1, 0, 1) is None
    m.close()


metadata_text = st.one_of(st.sampled_from(["inf", "-inf", "nan", "1e400", "-5", "99", "1,2", "a,b,c",
                                           "inf,nan,1e400", "180,90,-180,-90", ""]),
                          st.text(max_size=30), st.floats().map(str))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(minzoom=metadata_text, maxzoom=metadata_text, center=metadata_text, bounds=metadata_text)
def test_any_metadata_opens_with_usable_zooms_or_none(tmp_path, minzoom, maxzoom, center, bounds):
    """Zoom levels stay 0–24 with min <= max, centre and bounds are finite and on the earth, or None."""
    path = _file(tmp_path / "meta.mbtiles", meta=(("minzoom", minzoom), ("maxzoom", maxzoom), ("center", center),
                                                   ("bounds", bounds), ("format", "png")))
    info = _open_and_serve(path)
    assert 0 <= info.minzoom <= info.maxzoom <= mbtiles.MAX_ZOOM
    if info.center is not None:
        assert -90 <= info.center[0] <= 90 and -180 <= info.center[1] <= 180
    if info.bounds is not None:
        west, south, east, north = info.bounds
        assert -180 <= west < east <= 180 and -90 <= south < north <= 90


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage=st.lists(st.tuples(st.integers(0, 8191), st.integers(0, 255)), min_size=1, max_size=12),
       cut=st.integers(16, 8192))
def test_a_damaged_file_is_refused_or_read(tmp_path, damage, cut):
    """Flipped bytes and truncation anywhere past the header: MBTilesError or a basemap, nothing else."""
    raw = bytearray(_file(tmp_path / "good.mbtiles").read_bytes())
    for at, byte in damage:
        if 16 <= at < len(raw):
            raw[at] = byte
    path = tmp_path / "damaged.mbtiles"
    path.write_bytes(bytes(raw[:cut]))
    try:
        _open_and_serve(path)
    except mbtiles.MBTilesError:
        pass
