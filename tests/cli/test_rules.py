"""The grade and clocks sub-commands, run through a small argparse harness."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from commanddesk.cli import rules as rules_cli


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    """Parse *argv* with the rule sub-commands added, run it, return (status, stdout, stderr)."""
    parser = argparse.ArgumentParser(prog="commanddesk")
    rules_cli.add_parsers(parser.add_subparsers(dest="command"))
    status = rules_cli.run(parser.parse_args(list(argv)))
    out = capsys.readouterr()
    return status, out.out, out.err


def cli_json(capsys, *argv: str) -> dict:
    status, out, err = cli(capsys, *argv, "--json")
    assert status == 0, err
    return json.loads(out)


# --- grade -----------------------------------------------------------------------------

def test_grade_prints_level_reasons_and_source(capsys):
    """Text output names the level, each reason and the regulation."""
    status, out, err = cli(capsys, "grade", "--kind", "production-safety", "--deaths", "2",
                           "--serious-injuries", "12", "--direct-loss", "3000000")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "建议定级：较大（Ⅲ级）"
    assert "重伤（含急性工业中毒）12 人，达到较大事故标准" in lines[1]
    assert "国务院令第493号" in out and "仅为建议" in out


@pytest.mark.parametrize("argv, level, number", [
    (["--deaths", "3"], "较大", 3),
    (["--deaths", "9", "--missing", "1"], "重大", 2),
    (["--direct-loss", "6000万"], "重大", 2),
    (["--direct-loss", "1亿"], "特别重大", 1),
    (["--direct-loss", "9,999,900"], "一般", 4),
    (["--direct-loss", "999.99万元"], "一般", 4),
    (["--serious-injuries", "100"], "特别重大", 1),
    (["--deaths", "1", "--predicted-deaths", "12"], "重大", 2),
])
def test_grade_json_production_safety(capsys, argv, level, number):
    """--json gives level, level number, table, edition, reasons and source."""
    data = cli_json(capsys, "grade", "--kind", "production-safety", *argv)
    assert (data["level"], data["level_number"]) == (level, number)
    assert data["table"] == "production_safety_493" and "493" in data["edition"] + data["source"]
    assert data["reasons"] and isinstance(data["reasons"][0], str)


def test_grade_json_predicted_is_marked(capsys):
    """A level reached only by predicted figures says so."""
    data = cli_json(capsys, "grade", "--kind", "production-safety", "--deaths", "1", "--predicted-deaths", "12")
    assert data["predicted_decides"] and data["reasons"][0].startswith("研判可能") and "（预测）" in data["reasons"][0]


def test_grade_below_every_threshold_is_null(capsys):
    """Below the relief plan's floor the level and its number are null."""
    data = cli_json(capsys, "grade", "--kind", "natural-disaster", "--deaths", "5", "--relocated", "1000")
    assert data["level"] is None and data["level_number"] is None and data["reasons"] == []
    status, out, _ = cli(capsys, "grade", "--kind", "natural-disaster", "--deaths", "5")
    assert status == 0 and out.startswith("未达到任何一级应急响应的启动条件")


def test_grade_with_a_named_table(capsys):
    """--table picks the demo county table; its kind may be left out."""
    data = cli_json(capsys, "grade", "--table", "demo_county_relief", "--deaths", "4", "--missing", "2")
    assert data["table"] == "demo_county_relief" and data["level"] == "Ⅱ级响应" and not data["verified"]
    assert data["level_kind"] == "response" and data["response_level"] == data["level_number"] == 2
    status, out, _ = cli(capsys, "grade", "--table", "demo_county_relief", "--relocated", "1500")
    assert status == 0 and "建议启动Ⅱ级响应\n" in out and "重大" not in out and "未经核实" in out
    assert "不是事件等级" in out


def test_grade_warns_about_figures_the_table_ignores(capsys):
    """A figure the table does not grade on is noted on stderr and otherwise ignored."""
    status, out, err = cli(capsys, "grade", "--kind", "production-safety", "--relocated", "5000", "--deaths", "3")
    assert status == 0 and "不按“紧急转移安置或需紧急生活救助”分级" in err and "较大" in out


@pytest.mark.parametrize("argv, words", [
    (["--kind", "production-safety", "--deaths", "-3"], "不能为负数"),
    (["--kind", "production-safety", "--deaths", "三"], "须为非负整数"),
    (["--kind", "production-safety", "--deaths", "2.5"], "须为整数"),
    (["--kind", "production-safety", "--direct-loss", "1.23456元"], "须为整数"),
    (["--kind", "production-safety", "--predicted-deaths", "x"], "--predicted-deaths"),
    (["--kind", "volcano"], "未知的分级类别"),
    (["--table", "nope"], "没有编号为“nope”的分级表"),
    (["--kind", "production-safety", "--table", "demo_county_relief"], "不符"),
    (["--deaths", "3"], "请用 --kind"),
    (["--kind", "earthquake", "--magnitude", "5.5"], "--density"),
    (["--kind", "earthquake", "--magnitude", "五级", "--density", "dense"], "--magnitude 须为非负数字"),
    (["--kind", "earthquake", "--magnitude", "5", "--density", "crowded"], "--density 应为"),
    (["--kind", "power-outage", "--load-loss-pct", "45"], "--city-size"),
    (["--kind", "power-outage", "--load-loss-pct", "-1", "--city-size", "county"], "--load-loss-pct"),
    (["--kind", "forest-fire", "--burned-area-ha", "nan"], "--burned-area-ha"),
    (["--kind", "environmental", "--water-source-cut", "village"], "--water-source-cut 应为"),
    (["--kind", "森林火灾", "--table", "environmental_2014"], "不符"),
    (["--kind", "production-safety", "--deaths", "1e309"], "--deaths 数值过大"),
])
def test_grade_bad_input_exits_2_with_one_chinese_line(capsys, argv, words):
    """Bad input gives status 2 and one clear Chinese line on stderr, nothing on stdout."""
    status, out, err = cli(capsys, "grade", *argv)
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err


# --- clocks ----------------------------------------------------------------------------

def test_clocks_json_for_a_major_accident(capsys):
    """A 重大 accident received at 10:00 Beijing gets the city clock at 10:20 +08:00."""
    data = cli_json(capsys, "clocks", "--kind", "production-safety", "--level", "重大",
                    "--received", "2026-11-24T10:00:00", "--occurred", "2026-11-24T09:40:00+08:00")
    clocks = {c["rule"]: c for c in data["clocks"] if not c["slot"]}
    assert clocks["C-CITY-20"]["due"] == "2026-11-24T10:20:00+08:00"
    assert clocks["C-CITY-20"]["warn"] == "2026-11-24T10:15:00+08:00"
    assert clocks["C-CITY-20"]["anchor"] == "receipt"
    assert clocks["C-UNIT-1H"]["anchor"] == "event" and clocks["C-UNIT-1H"]["due"] == "2026-11-24T10:40:00+08:00"
    assert clocks["C-BUBAO"]["due"] == "2026-12-25T00:00:00+08:00"  # day 1 is the day after the accident
    slots = [c["due"] for c in data["clocks"] if c["rule"] == "C-XUBAO"]
    assert slots == ["2026-11-24T17:00:00+08:00", "2026-11-25T08:00:00+08:00"]
    assert data["type"] == "accident.industrial" and data["ruleset"] == "default"
    dues = [c["due"] for c in data["clocks"]]
    assert dues == sorted(dues)


def test_clocks_text_lists_name_due_anchor_and_rule(capsys):
    """Each text line gives the due time with +08:00, the name, the anchor and the rule id."""
    status, out, err = cli(capsys, "clocks", "--kind", "natural-disaster", "--level", "4",
                           "--received", "2026-11-24T23:50:00+08:00", "--flag", "disaster_unstable")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("事件：自然灾害")
    assert any(line.startswith("2026-11-25T00:00:00+08:00  报告带班领导") and "C-LEADER-10" in line
               for line in lines)
    assert any(line.startswith("2026-11-25T09:00:00+08:00") and "C-ZERO" in line and "起算" in line
               for line in lines)
    assert "C-XUBAO" not in out and "C-CITY-20" not in out


def test_clocks_utc_input_is_shown_in_beijing_time(capsys):
    """A received time given in UTC is shown as Beijing time."""
    data = cli_json(capsys, "clocks", "--kind", "accident", "--type", "fire", "--level", "Ⅳ",
                    "--received", "2026-11-24T15:50:00Z")
    assert data["received"] == "2026-11-24T23:50:00+08:00" and data["type"] == "accident.fire"
    bubao = [c for c in data["clocks"] if c["rule"] == "C-BUBAO-7"]
    assert bubao[0]["due"] == "2026-12-02T00:00:00+08:00" and bubao[0]["anchor"] == "receipt"


@pytest.mark.parametrize("word, level", [
    ("1", 1), ("特别重大", 1), ("Ⅱ", 2), ("II", 2), ("Ⅱ级", 2), ("较大", 3), ("III", 3), ("一般", 4),
    ("IV", 4), ("未定级", None),
])
def test_clocks_level_words(capsys, word, level):
    """Levels may be numbers, names or Roman numerals."""
    data = cli_json(capsys, "clocks", "--kind", "health", "--level", word, "--received", "2026-11-24T10:00")
    assert data["level"] == level
    assert ("C-CITY-20" in {c["rule"] for c in data["clocks"]}) == (level in (1, 2))


@pytest.mark.parametrize("argv, words", [
    (["--kind", "production-safety", "--level", "2", "--received", "2026-11-24T10:00",
      "--occurred", "2026-11-24T10:01"], "事发时间不能晚于接报时间"),
    (["--kind", "weather", "--level", "2", "--received", "2026-11-24T10:00"], "未知的事件类别"),
    (["--kind", "accident", "--level", "5", "--received", "2026-11-24T10:00"], "未知的等级"),
    (["--kind", "accident", "--level", "大", "--received", "2026-11-24T10:00"], "未知的等级"),
    (["--kind", "accident", "--level", "2", "--received", "昨天"], "ISO 8601"),
    (["--kind", "accident", "--level", "2", "--received", "2026-11-24T10:00", "--type", "meteor"],
     "未知的事件类型"),
    (["--kind", "natural-disaster", "--level", "2", "--received", "2026-11-24T10:00",
      "--type", "accident.fire"], "不属于类别"),
    (["--kind", "production-safety", "--level", "2", "--received", "2026-11-24T10:00",
      "--type", "pollution"], "不按生产安全事故报告"),
    (["--kind", "accident", "--level", "2", "--received", "0001-01-01T00:00"], "--received"),
    (["--kind", "accident", "--level", "2", "--received", "9999-12-31T23:59"], "年份应在 1900 至 2200 之间"),
])
def test_clocks_bad_input_exits_2_with_one_chinese_line(capsys, argv, words):
    """Bad input gives status 2 and one Chinese line on stderr."""
    status, out, err = cli(capsys, "clocks", *argv)
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err


def test_rule_modules_import_no_qt():
    """The rule engines and their CLI load no PySide6 module."""
    code = ("import sys, commanddesk.rules.grading, commanddesk.rules.clocks, commanddesk.cli.rules;"
            "bad=[m for m in sys.modules if m.startswith('PySide6')]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


# --- every scale by code and by Chinese name ------------------------------------

@pytest.mark.parametrize("code, name, table", [
    ("production-safety", "生产安全事故", "production_safety_493"),
    ("natural-disaster", "自然灾害", "natural_disaster_relief_2024"),
    ("geohazard", "地质灾害", "geohazard_national_2006"),
    ("forest-fire", "森林火灾", "forest_fire_541"),
    ("environmental", "突发环境事件", "environmental_2014"),
    ("earthquake", "地震", "earthquake_2012"),
    ("power-outage", "大面积停电", "power_outage_2015"),
    ("public-health", "突发公共卫生事件", "public_health_2006"),
])
def test_grade_accepts_each_scale_by_code_and_name(capsys, code, name, table):
    """--kind takes the scale code or its Chinese name; both pick the national table."""
    by_code = cli_json(capsys, "grade", "--kind", code)
    by_name = cli_json(capsys, "grade", "--kind", name)
    assert by_code["table"] == by_name["table"] == table
    assert by_code["scale"] == code and by_code["scale_name"] == name
    assert by_code["level_kind"] == ("response" if code == "natural-disaster" else "grade")


@pytest.mark.parametrize("argv, number", [
    (["--kind", "geohazard", "--deaths", "12"], 2),
    (["--kind", "地质灾害", "--threatened", "99"], 4),
    (["--kind", "地质灾害", "--potential-loss", "5000万"], 2),
    (["--kind", "forest-fire", "--deaths", "3"], 3),
    (["--kind", "forest-fire", "--burned-area-ha", "99.99"], 3),
    (["--kind", "forest-fire", "--burned-area-ha", "100公顷"], 2),
    (["--kind", "environmental", "--direct-loss", "3000万"], 2),
    (["--kind", "environmental", "--water-source-cut", "设区的市级以上城市"], 1),
    (["--kind", "earthquake", "--magnitude", "6.0", "--density", "fairly-dense"], 2),
    (["--kind", "earthquake", "--magnitude", "6.0", "--density", "人口密集地区"], 1),
    (["--kind", "earthquake", "--gdp-loss-1pct"], 1),
    (["--kind", "power-outage", "--load-loss-pct", "45%", "--city-size", "直辖市"], 2),
    (["--kind", "power-outage", "--users-out-pct", "70", "--city-size", "prefecture-600"], 2),
    (["--kind", "public-health", "--food-poisoning-cases", "30"], 4),
])
def test_grade_json_level_number_per_scale(capsys, argv, number):
    """Each scale's options reach the level its table gives, as level_number."""
    assert cli_json(capsys, "grade", *argv)["level_number"] == number


def test_grade_earthquake_magnitude_is_an_initial_judgement(capsys):
    """A magnitude gives a predicted grade (初判) that decides until counts are in."""
    data = cli_json(capsys, "grade", "--kind", "earthquake", "--magnitude", "5.5", "--density", "dense")
    assert data["level_predicted"] == 2 and data["predicted_decides"] and "初判" in data["reasons"][0]
    status, out, _ = cli(capsys, "grade", "--kind", "earthquake", "--magnitude", "5.5", "--density", "dense")
    assert status == 0 and out.startswith("建议定级：重大（Ⅱ级），按研判预测数字")


def test_grade_warns_about_facts_the_table_ignores(capsys):
    """A fact the chosen table does not read is named on stderr and ignored."""
    status, out, err = cli(capsys, "grade", "--kind", "forest-fire", "--deaths", "3", "--density", "dense")
    assert status == 0 and "不看“震中人口密集程度”" in err and "较大" in out


@pytest.mark.parametrize("verb", [[], ["grade"], ["clocks"], ["audit"], ["audit", "verify"], ["plans"],
                                  ["plans", "search"], ["plans", "match"], ["drill"], ["drill", "run"]])
def test_every_help_page_prints(verb, capsys):
    """--help works for every verb (a bare % in an option's help once made `grade --help` a traceback)."""
    from commanddesk.cli import main

    with pytest.raises(SystemExit) as stop:
        main([*verb, "--help"])
    assert stop.value.code == 0
    assert "usage" in capsys.readouterr().out


@pytest.mark.parametrize("word, table", [
    ("山体滑坡", "geohazard_national_2006"),
    ("泥石流", "geohazard_national_2006"),
    ("山火", "forest_fire_541"),
    ("化工厂爆炸", "production_safety_493"),
    ("台风", "natural_disaster_relief_2024"),  # no event scale: the relief plan's response levels
])
def test_grade_kind_takes_the_incident_type_in_words(capsys, word, table):
    """--kind 山体滑坡 grades on the scale that governs landslides."""
    assert cli_json(capsys, "grade", "--kind", word)["table"] == table
