"""Opening MBTiles basemaps: good files, and one clear message for bad ones."""

import sqlite3

import pytest

from commanddesk.map import coords, mbtiles

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20


def test_reads_tiles_with_the_tms_row_flip(tmp_path):
    """Tiles are asked for in XYZ rows and stored in TMS rows."""
    path = tmp_path / "a.mbtiles"
    mbtiles.write(path, {(3, 6, 3): PNG + b"a", (3, 6, 4): PNG + b"b"},
                  {"name": "测试", "format": "png", "bounds": "119,34,120,35", "center": "119.3,34.6,10"})
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT tile_row FROM tiles WHERE tile_data = ?", (PNG + b"a",)).fetchone() == (4,)
    m = mbtiles.MBTiles(path)
    assert m.tile(3, 6, 3).endswith(b"a")
    assert m.tile(3, 6, 4).endswith(b"b")
    assert m.tile(3, 6, 5) is None and m.tile(3, 99, 0) is None
    assert (m.info.name, m.info.format, m.info.minzoom, m.info.maxzoom) == ("测试", "png", 3, 3)
    assert m.info.bounds == (119, 34, 120, 35) and m.info.center == (34.6, 119.3, 10)
    assert m.info.frame == coords.WGS84
    m.close()


def test_gcj02_hint_in_metadata(tmp_path):
    """A file whose metadata names GCJ-02 is flagged as such."""
    path = tmp_path / "g.mbtiles"
    mbtiles.write(path, {(0, 0, 0): PNG}, {"name": "g", "format": "png", "crs": "GCJ-02"})
    assert mbtiles.inspect(path).frame == coords.GCJ02


@pytest.mark.parametrize("make", ["text", "sqlite_without_tiles", "empty", "vector", "not_images"])
def test_bad_files_get_one_chinese_message(tmp_path, make):
    """Corrupt, non-MBTiles, empty, vector or non-image files are refused with a clear message."""
    path = tmp_path / f"{make}.mbtiles"
    if make == "text":
        path.write_bytes(b"this is not a database at all" * 10)
    elif make == "sqlite_without_tiles":
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE t (x)")
    elif make == "empty":
        mbtiles.write(path, {}, {"name": "e", "format": "png"})
    elif make == "vector":
        mbtiles.write(path, {(0, 0, 0): b"\x1a\x02pbf"}, {"name": "v", "format": "pbf"})
    else:
        mbtiles.write(path, {(0, 0, 0): b"hello"}, {"name": "n", "format": "png"})
    with pytest.raises(mbtiles.MBTilesError) as err:
        mbtiles.MBTiles(path)
    assert path.name in str(err.value) and "\n" not in str(err.value)


def test_truncated_file_is_refused(tmp_path):
    """A database cut short after its header is refused, not a crash."""
    good = tmp_path / "good.mbtiles"
    mbtiles.write(good, {(z, 0, 0): PNG for z in range(3)}, {"name": "g", "format": "png"})
    bad = tmp_path / "cut.mbtiles"
    bad.write_bytes(good.read_bytes()[:600])
    with pytest.raises(mbtiles.MBTilesError):
        mbtiles.inspect(bad)


def test_sniff_and_tiles_covering():
    """Image formats are told by their bytes; the tile range covers the bounds."""
    assert mbtiles.sniff(PNG) == "png"
    assert mbtiles.sniff(b"\xff\xd8\xff\xe0") == "jpg"
    assert mbtiles.sniff(b"RIFF\0\0\0\0WEBPVP8 ") == "webp"
    assert mbtiles.sniff(b"GIF89a") is None
    assert mbtiles.tiles_covering((-180, -85, 180, 85), 1) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert sorted({x for x, _ in mbtiles.tiles_covering((119.0, 34.4, 119.6, 34.9), 10)}) == [850, 851, 852]
