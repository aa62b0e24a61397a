"""Build the one-folder commanddesk bundle and pack it (what `make bundle` runs).

    .venv/bin/python packaging/build.py [--xz] [--no-archive]

1. PyInstaller with packaging/commanddesk.spec -> dist/commanddesk/
   (work files in build/pyinstaller/; a second build reuses them);
2. the install note (INSTALL.md), the icon, a desktop entry and install.sh are
   added to the folder;
3. the folder is packed as dist/commanddesk-<version>-<os>-<arch>.tar.gz
   (a .zip on Windows), with commanddesk-<version>/ as its top folder; --xz also
   writes a .tar.xz (preset 9 unless --xz-preset says otherwise), about a quarter smaller
   and many times slower to make.

Prints the sizes at the end. Needs PyInstaller in the running Python
(pip install -e '.[bundle]'); on Linux also binutils (strip, readelf, as, ld)
and icu-devtools (icupkg), without which the bundle is bigger but still works.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "commanddesk"
LINUX = sys.platform.startswith("linux")
WINDOWS = sys.platform.startswith("win")


def version() -> str:
    text = (ROOT / "commanddesk" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__\s*=\s*"([^"]+)"', text).group(1)


def platform_tag() -> str:
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    return f"{'windows' if WINDOWS else 'macos' if sys.platform == 'darwin' else 'linux'}-{machine}"


def folder_size(path: Path) -> int:
    """Bytes of the regular files under *path* (symbolic links not followed)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit("build: PyInstaller is not installed here: pip install -e '.[bundle]' (make bundle does it)")
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
           str(HERE / "commanddesk.spec")]
    print("build:", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)


def add_extras() -> None:
    """The install note, icon, desktop entry and installer script beside the executable."""
    shutil.copyfile(HERE / "INSTALL.md", BUNDLE / "INSTALL.md")
    shutil.copyfile(HERE / "commanddesk.png", BUNDLE / "commanddesk.png")
    if not WINDOWS:
        shutil.copyfile(HERE / "commanddesk.desktop", BUNDLE / "commanddesk.desktop")
        shutil.copyfile(HERE / "install.sh", BUNDLE / "install.sh")
        os.chmod(BUNDLE / "install.sh", 0o755)


def glibc_floor() -> tuple[str, str] | None:
    """The newest GLIBC_x.y symbol version any ELF file of the bundle needs, and one such file (Linux)."""
    if not LINUX or shutil.which("readelf") is None:
        return None
    best: tuple[tuple[int, ...], str] | None = None
    for path in BUNDLE.rglob("*"):
        if path.is_symlink() or not path.is_file() or not (".so" in path.name or os.access(path, os.X_OK)):
            continue
        out = subprocess.run(["readelf", "-V", "-W", str(path)], capture_output=True, text=True).stdout
        for found in set(re.findall(r"Name: GLIBC_([0-9.]+)", out)):
            key = tuple(int(n) for n in found.split("."))
            if best is None or key > best[0]:
                best = (key, str(path.relative_to(BUNDLE)))
    return (".".join(map(str, best[0])), best[1]) if best else None


def pack(fmt: str, xz_preset: int = 9) -> Path:
    """dist/commanddesk-<version>-<platform>.<fmt> with commanddesk-<version>/ inside."""
    top = f"commanddesk-{version()}"
    stem = DIST / f"{top}-{platform_tag()}"
    if fmt == "zip":
        out = stem.with_suffix(".zip")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in sorted(BUNDLE.rglob("*")):
                if path.is_file():
                    zf.write(path, f"{top}/{path.relative_to(BUNDLE).as_posix()}")
        return out
    out = Path(f"{stem}.tar.{fmt}")

    def owner(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    options = {"compresslevel": 6} if fmt == "gz" else {"preset": xz_preset}
    tmp = out.with_name(out.name + ".part")
    with tarfile.open(tmp, f"w:{fmt}", **options) as tf:
        tf.add(BUNDLE, arcname=top, filter=owner)
    os.replace(tmp, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and pack the commanddesk bundle")
    parser.add_argument("--xz", action="store_true", help="also write a .tar.xz (smaller, slower)")
    parser.add_argument("--xz-preset", type=int, default=9, choices=range(10), metavar="0-9",
                        help="xz preset (default 9: 64 MB dictionary, ~700 MB of memory to pack)")
    parser.add_argument("--no-archive", action="store_true", help="build dist/commanddesk/ only")
    parser.add_argument("--skip-pyinstaller", action="store_true", help="pack the existing dist/commanddesk/")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if not args.skip_pyinstaller:
        run_pyinstaller()
    if not (BUNDLE / ("commanddesk.exe" if WINDOWS else "commanddesk")).is_file():
        sys.exit(f"build: no bundle in {BUNDLE}")
    add_extras()
    built = time.perf_counter()
    size = folder_size(BUNDLE)
    print(f"bundle: {BUNDLE} — {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB) unpacked, "
          f"{sum(1 for _ in BUNDLE.rglob('*'))} files and folders; built in {built - started:.0f} s", flush=True)
    floor = glibc_floor()
    if floor:
        print(f"glibc floor: {floor[0]} (e.g. {floor[1]}; the build machine's own libraries set it)", flush=True)
    if args.no_archive:
        return 0
    formats = ["zip"] if WINDOWS else ["gz"] + (["xz"] if args.xz else [])
    for fmt in formats:
        t = time.perf_counter()
        out = pack(fmt, args.xz_preset)
        packed = out.stat().st_size
        print(f"archive: {out} — {packed / 1e6:.1f} MB ({packed / 2**20:.1f} MiB), "
              f"packed in {time.perf_counter() - t:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
