"""Smoke test of a built commanddesk bundle (standard library only; any Python 3.9+).

    python3 packaging/smoke_test.py [dist/commanddesk] [--keep DIR]      # or: make bundle-test

Runs the frozen app headless (QT_QPA_PLATFORM=offscreen) in private XDG
directories and checks, in order:

1. ``commanddesk --version`` prints the version;
2. the bundle's self-check (COMMANDDESK_BUNDLE_CHECK=1, see packaging/entry.py):
   every module and lazily imported library loads, the bundled fonts are seen,
   the drill chart draws, a new store migrates;
3. ``--demo --screenshot --page map``: the map page with the vector basemap and
   the demo's markers renders, and the PNG is not blank;
4. the same map over a raster basemap: an MBTiles file of magenta test tiles is
   made here and set as the basemap of a copy of the demo store, and the PNG
   must show those tiles (so tiles:// was served);
5. no request left the machine: every run is made inside a network namespace
   with no interfaces (``unshare -n``, or ``unshare -rn`` when not root) when
   the kernel allows it, and under ``strace -f`` when strace is installed,
   which counts the AF_INET/AF_INET6 connect() and sendto() calls of the app
   and all its QtWebEngine processes: there must be none. (The map page's own
   request interceptor also blocks every scheme but app, tiles, qrc, data, blob.)

With ``--root DIR`` every run happens inside a Debian root instead of this machine: the bundle is
linked into DIR/opt/commanddesk, the work folder is DIR/tmp/cd-smoke-*, and each run is
``chroot DIR`` in a mount namespace of its own with /proc and /dev mounted (and no network, as above).
Such a root is a Debian 12 minbase with no Python and no fonts, plus what INSTALL.md asks for:

    debootstrap --variant=minbase bookworm DIR http://deb.debian.org/debian
    chroot DIR apt-get install --no-install-recommends libgl1 libegl1

Exit status 0 when everything passed. The PNGs are kept with --keep DIR.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_BUNDLE = HERE.parent / "dist" / "commanddesk"
TILE_RGB = (230, 20, 180)        # the test tiles' magenta: no map style uses anything like it
GRID_RGB = (130, 0, 100)
AREA = (118.9, 34.3, 119.8, 34.95)   # west, south, east, north: around the demo county (连云港)
TIMEOUT = 120


# --- PNG ------------------------------------------------------------------------------------

def png_bytes(width: int, height: int, rows: list[bytes]) -> bytes:
    """An 8-bit RGB PNG from raw rows (no filter)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def read_png(path: str | Path) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels (row by row) of an 8-bit, non-interlaced PNG."""
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, palette = 8, b"", None
    width = height = depth = ctype = interlace = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = [tuple(body[i:i + 3]) for i in range(0, len(body), 3)]
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(ctype)
    if depth != 8 or interlace or channels is None:
        raise ValueError(f"{path}: unsupported PNG (bit depth {depth}, colour type {ctype}, interlace {interlace})")
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        prev = line
        if ctype == 2 or ctype == 6:
            pixels.extend(tuple(line[i:i + 3]) for i in range(0, stride, channels))
        elif ctype == 3:
            pixels.extend(palette[v] for v in line)
        else:
            pixels.extend((v, v, v) for v in line[::channels])
    return width, height, pixels


def region(width: int, height: int, pixels: list, box=(0.25, 0.2, 0.95, 0.9)) -> list[tuple[int, int, int]]:
    """The pixels inside a box given as fractions (left, top, right, bottom): the map's middle."""
    x0, y0, x1, y1 = int(box[0] * width), int(box[1] * height), int(box[2] * width), int(box[3] * height)
    return [pixels[y * width + x] for y in range(y0, y1) for x in range(x0, x1)]


def is_tile_colour(p: tuple[int, int, int]) -> bool:
    r, g, b = p
    return r > 150 and b > 110 and g < 100 and r - g > 80


# --- test data ------------------------------------------------------------------------------

def tile_png() -> bytes:
    """A 256 px magenta tile with a darker 32 px grid."""
    rows = []
    for y in range(256):
        row = bytearray()
        for x in range(256):
            row += bytes(GRID_RGB if x % 32 == 0 or y % 32 == 0 else TILE_RGB)
        rows.append(bytes(row))
    return png_bytes(256, 256, rows)


def make_mbtiles(path: Path, zooms=range(6, 11)) -> int:
    """An MBTiles file (TMS rows) covering AREA at the given zooms; returns the number of tiles."""
    import math

    def xy(lon: float, lat: float, z: int) -> tuple[int, int]:
        n = 1 << z
        x = int((lon + 180.0) / 360.0 * n)
        y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
        return min(max(x, 0), n - 1), min(max(y, 0), n - 1)

    west, south, east, north = AREA
    tile = tile_png()
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
        meta = {"name": "smoke-test tiles", "format": "png", "minzoom": str(min(zooms)), "maxzoom": str(max(zooms)),
                "bounds": f"{west},{south},{east},{north}", "type": "baselayer", "attribution": "smoke test"}
        conn.executemany("INSERT INTO metadata VALUES (?, ?)", list(meta.items()))
        count = 0
        for z in zooms:
            x0, y0 = xy(west, north, z)
            x1, y1 = xy(east, south, z)
            for x in range(x0, x1 + 1):
                for y in range(y0, y1 + 1):
                    conn.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, (1 << z) - 1 - y, tile))
                    count += 1
        conn.commit()
    finally:
        conn.close()
    return count


def store_with_basemap(cache: Path, target: Path, mbtiles: Path | str) -> None:
    """Copy the demo template the first run built, with the MBTiles file as the map's basemap."""
    templates = sorted(cache.glob("commanddesk/demo-*.sqlite"))
    if not templates:
        raise RuntimeError(f"no demo template under {cache}")
    shutil.copyfile(templates[-1], target)
    conn = sqlite3.connect(target)
    try:
        basemaps = json.dumps([{"path": str(mbtiles), "name": "smoke-test tiles", "frame": "wgs84"}])
        conn.executemany("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                         [("map.basemaps", basemaps), ("map.basemap", str(mbtiles))])
        conn.commit()
    finally:
        conn.close()


# --- running the bundle ---------------------------------------------------------------------

def _works(cmd: list[str]) -> bool:
    try:
        return subprocess.run(cmd + ["true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


class Runner:
    """Runs the bundle with private directories, isolated from the network where possible."""

    def __init__(self, exe: Path, work: Path, use_strace: bool, isolate: bool, root: Path | None = None) -> None:
        self.exe, self.work, self.root = exe, work, root
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("COMMANDDESK_", "QTWEBENGINE_"))}
        for name in ("DATA", "CACHE", "CONFIG", "STATE"):
            folder = work / "xdg" / name.lower()
            folder.mkdir(parents=True, exist_ok=True)
            self.env[f"XDG_{name}_HOME"] = str(folder)
        self.env["QT_QPA_PLATFORM"] = "offscreen"
        self.prefix: list[str] = []
        self.isolation = "none (unshare not available or not permitted)"
        if root is not None:  # a mount namespace for /proc and /dev, then the root; as root only
            inner = (f'mount -t proc proc "{root}/proc" && mount --rbind /dev "{root}/dev" && '
                     f'exec chroot "{root}" "$@"')
            self.prefix = ["unshare", "-m"] + (["-n"] if isolate else []) + ["--", "sh", "-c", inner, "sh"]
            self.isolation = (f"chroot {root}" + (" in unshare -n -m (no network interfaces)" if isolate else ""))
        elif isolate and sys.platform.startswith("linux") and shutil.which("unshare"):
            for cmd in (["unshare", "-n"], ["unshare", "-rn"]):
                if _works(cmd):
                    self.prefix, self.isolation = cmd, " ".join(cmd) + " (a network namespace without interfaces)"
                    break
        self.strace = use_strace and sys.platform.startswith("linux") and shutil.which("strace") is not None
        self.inet_calls: list[str] = []
        self.unix_targets: set[str] = set()
        self.runs = 0
        self.seconds: list[float] = []

    def run(self, args: list[str], extra_env: dict | None = None) -> subprocess.CompletedProcess:
        env = {**self.env, **(extra_env or {})}
        cmd = [str(self.exe), *args]
        if self.root is not None:  # the same files, as the root sees them
            cmd = [self.inside(a) for a in cmd]
            env = {k: self.inside(v) for k, v in env.items()}
        log = self.work / f"strace-{self.runs}.log"
        self.runs += 1
        # --seccomp-bpf stops the traced processes only at these calls, so the app runs at full speed
        trace = ["strace", "--seccomp-bpf", "-f", "-qq", "-o", str(log), "-e", "trace=connect,sendto,sendmsg"] \
            if self.strace else []
        # strace from this machine: inside a root there is none (it follows the app through the chroot)
        full = trace + self.prefix + cmd if self.root is not None else self.prefix + trace + cmd
        started = time.perf_counter()
        result = subprocess.run(full, env=env, capture_output=True, text=True, timeout=TIMEOUT, cwd=self.work)
        self.seconds.append(time.perf_counter() - started)
        if self.strace and log.exists():
            for line in log.read_text(errors="replace").splitlines():
                if "AF_INET" in line:           # AF_INET and AF_INET6
                    self.inet_calls.append(line.strip())
                m = re.search(r'sun_path="([^"]*)"', line)
                if m:
                    self.unix_targets.add(m.group(1))
        return result

    def inside(self, text: str) -> str:
        """*text* with this machine's path of the root's files replaced by the path inside the root."""
        root = str(self.root)
        return "/" + text[len(root):].lstrip("/") if text.startswith(root + "/") else text


def _into_root(folder: Path, root: Path) -> Path:
    """The bundle linked (or else copied) into ROOT/opt/commanddesk; its executable there."""
    target = root / "opt" / "commanddesk"
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)

    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(folder, target, symlinks=True, copy_function=link)
    return target / "commanddesk"


# --- checks ---------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke test of a built commanddesk bundle")
    parser.add_argument("bundle", nargs="?", default=str(DEFAULT_BUNDLE), help="the bundle folder (dist/commanddesk)")
    parser.add_argument("--keep", metavar="DIR", help="copy the screenshots here")
    parser.add_argument("--no-strace", action="store_true", help="do not count network calls with strace")
    parser.add_argument("--no-isolate", action="store_true", help="do not run inside a network namespace")
    parser.add_argument("--root", metavar="DIR", help="run inside this Debian root (chroot; see above)")
    args = parser.parse_args(argv)

    folder = Path(args.bundle).resolve()
    exe = folder / ("commanddesk.exe" if sys.platform.startswith("win") else "commanddesk")
    if not exe.is_file():
        print(f"smoke test: no bundle at {exe} (build it with: make bundle)", file=sys.stderr)
        return 2
    failures: list[str] = []

    def report(ok: bool, what: str, detail: str = "") -> None:
        print(f"{'ok  ' if ok else 'FAIL'}  {what}{': ' + detail if detail else ''}", flush=True)
        if not ok:
            failures.append(what)

    root = Path(args.root).resolve() if args.root else None
    if root is not None:
        if not (root / "usr" / "bin").is_dir():
            print(f"smoke test: {root} is not a system root (debootstrap --variant=minbase bookworm {root})",
                  file=sys.stderr)
            return 2
        exe = _into_root(folder, root)
        found = [p for p in ("usr/bin/python3", "usr/share/fonts") if (root / p).exists()]
        print(f"root: {root} (Python or fonts present: {', '.join(found) or 'none'})", flush=True)
    with tempfile.TemporaryDirectory(prefix="cd-smoke-", dir=root / "tmp" if root else None) as tmp:
        work = Path(tmp)
        runner = Runner(exe, work, use_strace=not args.no_strace, isolate=not args.no_isolate, root=root)
        counter = "strace -f (connect, sendto, sendmsg)" if runner.strace else "nothing (strace not installed)"
        print(f"bundle: {folder}\nnetwork isolation: {runner.isolation}\nnetwork calls counted with: {counter}",
              flush=True)

        r = runner.run(["--version"])
        report(r.returncode == 0 and re.fullmatch(r"commanddesk \S+", r.stdout.strip()) is not None,
               "--version", r.stdout.strip() or r.stderr.strip()[-300:])

        r = runner.run([], {"COMMANDDESK_BUNDLE_CHECK": "1"})
        lines = [ln for ln in r.stdout.splitlines() if ln.startswith(("ok ", "FAIL", "bundle-check"))]
        report(r.returncode == 0 and "bundle-check ok" in r.stdout, "self-check",
               f"{sum(ln.startswith('ok ') for ln in lines)} checks passed" if r.returncode == 0
               else "\n" + r.stdout[-3000:] + r.stderr[-1500:])

        shots = {}
        vector = work / "map-vector.png"
        r = runner.run(["--demo", "--screenshot", str(vector), "--page", "map"])
        if r.returncode == 0 and vector.is_file():
            w, h, px = read_png(vector)
            middle = region(w, h, px)
            counts = Counter(middle)
            colours = len(counts)
            top = counts.most_common(1)[0][1] / len(middle)
            report(colours >= 64 and top < 0.9, "map page, vector basemap and demo markers",
                   f"{w}x{h}, {colours} colours in the map area, commonest {top:.0%}")
            shots["map-vector.png"] = vector
        else:
            report(False, "map page, vector basemap and demo markers", r.stderr[-1500:])

        tiles = work / "smoke.mbtiles"
        n = make_mbtiles(tiles)
        store = work / "tiles.sqlite"
        raster = work / "map-tiles.png"
        try:
            store_with_basemap(Path(runner.env["XDG_CACHE_HOME"]), store, runner.inside(str(tiles)))
            r = runner.run(["--db", str(store), "--screenshot", str(raster), "--page", "map"])
            if r.returncode == 0 and raster.is_file():
                w, h, px = read_png(raster)
                middle = region(w, h, px)
                share = sum(map(is_tile_colour, middle)) / len(middle)
                report(share > 0.2, "map page, MBTiles basemap served by tiles://",
                       f"{w}x{h}, test-tile colour on {share:.0%} of the map area ({n} tiles in the file)")
                shots["map-tiles.png"] = raster
            else:
                report(False, "map page, MBTiles basemap served by tiles://", r.stderr[-1500:])
        except (RuntimeError, sqlite3.Error) as exc:
            report(False, "map page, MBTiles basemap served by tiles://", str(exc))

        if runner.strace:
            report(not runner.inet_calls and bool(shots), "no request left the machine",
                   f"{len(runner.inet_calls)} AF_INET/AF_INET6 connect/sendto calls in {runner.runs} runs"
                   + (f", e.g. {runner.inet_calls[0][:200]}" if runner.inet_calls else "")
                   + (f"; local sockets tried: {', '.join(sorted(runner.unix_targets))}"
                      if runner.unix_targets else ""))
        else:
            print(f"note  network calls not counted (no strace); isolation: {runner.isolation}")

        if args.keep:
            keep = Path(args.keep)
            keep.mkdir(parents=True, exist_ok=True)
            for name, path in shots.items():
                shutil.copyfile(path, keep / name)
            print(f"screenshots kept in {keep.resolve()}")

    print("smoke test passed" if not failures else f"smoke test FAILED: {', '.join(failures)}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
