"""packaging/gazetteer.py: the national division list turned into the reader's gazetteer.csv."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
spec = importlib.util.spec_from_file_location("gazetteer_build", ROOT / "packaging" / "gazetteer.py")
build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build)

# a made-up source in the indented layout the package ships (names and codes invented)
SOURCE = "\n".join([
    "甲市\t910000\t甲",
    "\t甲市\t910000\t甲",
    "\t\t东区\t910101\t东",
    "\t\t\t东街街道",
    "\t\t\t\t东街社区",
    "乙省\t920000\t乙",
    "\t丙市\t920100\t丙",
    "\t\t南县\t920121\t南",
    "\t\t\t南山镇",
    "\t\t\t西镇",
    "\t\t\t北乡镇",
    "\t\t丙市经济技术开发区\t920171\t经开区",
    "\t省直辖行政区划\t929000\t省直辖",
    "\t\t丁市\t929001\t丁",
    "",
])

HAND = """\
# old header
code,name,level,parent
# a hand-written comment
920121,南县(手写),county,920100
,北乡镇,town,920121
"""


def _rows(path: Path) -> list[list[str]]:
    return [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")][1:]


def test_build_keeps_hand_lines_and_adds_the_rest(tmp_path):
    src, target = tmp_path / "china_location.txt", tmp_path / "gazetteer.csv"
    src.write_text(SOURCE, encoding="utf-8")
    target.write_text(HAND, encoding="utf-8")
    build.build(src, target)
    text = target.read_text(encoding="utf-8")
    assert "# a hand-written comment" in text and "# old header" not in text
    rows = _rows(target)
    assert rows[:2] == [["920121", "南县(手写)", "county", "920100"], ["", "北乡镇", "town", "920121"]]
    assert ["910101", "东区", "county", "910000"] in rows  # a municipality's districts hang from it
    assert not any(r[0] == "910000" and r[2] == "city" for r in rows)
    assert ["929001", "丁市", "county", "920000"] in rows  # 省直辖 is a grouping, not a city
    assert ["920171", "丙市经济技术开发区", "zone", "920100"] in rows
    assert ["", "南山镇", "town", "920121"] in rows and ["", "东街街道", "town", "910101"] in rows
    assert sum(r[0] == "920121" for r in rows) == 1 and sum(r[1] == "北乡镇" for r in rows) == 1
    assert not any("社区" in r[1] for r in rows)  # villages are left out
    assert not any(r[1] == "西镇" for r in rows)  # two-character names would match ordinary words
    build.build(src, target)
    assert target.read_text(encoding="utf-8") == text  # a second run changes nothing
