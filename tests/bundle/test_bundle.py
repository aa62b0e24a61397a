"""The built bundle (make bundle): smoke-tested only when dist/commanddesk exists, else skipped.

The helpers of packaging/smoke_test.py (PNG reading, test tiles) are checked
always; they are quick and need no bundle.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "commanddesk"
EXE = BUNDLE / ("commanddesk.exe" if sys.platform.startswith("win") else "commanddesk")
SMOKE = ROOT / "packaging" / "smoke_test.py"


def _smoke_module():
    spec = importlib.util.spec_from_file_location("cd_smoke_test", SMOKE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_png_reader_reads_what_qt_writes(tmp_path):
    from PySide6.QtGui import QColor, QImage

    image = QImage(37, 5, QImage.Format.Format_RGB32)
    for x in range(37):
        for y in range(5):
            image.setPixelColor(x, y, QColor(x * 6, y * 50, (x * y) % 256))
    path = tmp_path / "qt.png"
    assert image.save(str(path))
    width, height, pixels = _smoke_module().read_png(path)
    assert (width, height) == (37, 5)
    assert pixels[3 * 37 + 20] == (120, 150, 60)
    assert all(pixels[y * 37 + x] == (x * 6, y * 50, (x * y) % 256) for x in range(37) for y in range(5))


def test_test_tiles_are_a_valid_mbtiles_file(tmp_path):
    from commanddesk.map import mbtiles

    smoke = _smoke_module()
    path = tmp_path / "t.mbtiles"
    count = smoke.make_mbtiles(path, zooms=range(7, 9))
    info = mbtiles.inspect(path)
    assert count > 0 and (info.minzoom, info.maxzoom, info.format) == (7, 8, "png")
    reader = mbtiles.MBTiles(path)
    try:
        x, y = mbtiles.tiles_covering(smoke.AREA, 8)[0]
        (tmp_path / "tile.png").write_bytes(reader.tile(8, x, y))
    finally:
        reader.close()
    _w, _h, pixels = smoke.read_png(tmp_path / "tile.png")
    assert smoke.is_tile_colour(pixels[5 * 256 + 5]) and not smoke.is_tile_colour(pixels[0])


@pytest.mark.skipif(not EXE.is_file(), reason="no bundle built (make bundle)")
@pytest.mark.timeout(600)
def test_bundle_smoke():
    result = subprocess.run([sys.executable, str(SMOKE), str(BUNDLE)], capture_output=True, text=True, timeout=580)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke test passed" in result.stdout
