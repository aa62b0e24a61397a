"""`commanddesk drill run|list`: a drill played from a script and scored, headless; bad input exit 2, one line."""

import json

import pytest

from commanddesk.cli import main
from commanddesk.drills import scenario
from tests.drills.conftest import action_files, scenario_file  # noqa: F401 - fixtures


def test_cli_drill_run_json(scenario_file, action_files, capsys):  # noqa: F811
    """`commanddesk drill run FILE --actions F --json` prints the score."""
    assert main(["drill", "run", str(scenario_file), "--actions", str(action_files[0]), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scenario"] == "t-leak" and out["counts"]["missed"] == 0
    assert main(["drill", "run", "no-such-drill"]) == 2
    assert "找不到演练脚本" in capsys.readouterr().err


def test_the_plain_report_names_the_score_and_each_outcome(scenario_file, action_files, capsys):  # noqa: F811
    """Without --json: the score line first, then one line per expected action with its state, then the KPIs."""
    assert main(["drill", "run", str(scenario_file), "--actions", str(action_files[0])]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "得分" in lines[0] and "未完成 0" in lines[0]
    assert lines[1].startswith("  [") and any("[按时]" in line for line in lines)
    assert lines[-1].startswith("  关键用时（分钟，自接报起）：")


def test_list_names_every_bundled_drill(capsys):
    """`drill list`: one line per shipped drill, its id first."""
    assert main(["drill", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [sc.id for sc in scenario.bundled()] and lines


@pytest.mark.parametrize("speed", ["0", "-3", "nan", "inf", "20000"])
def test_a_speed_out_of_range_is_one_chinese_line_exit_2(scenario_file, capsys, speed):  # noqa: F811
    """--speed must be a positive number up to 10000; anything else stops before the drill starts."""
    assert main(["drill", "run", str(scenario_file), "--speed", speed]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["commanddesk drill: --speed 须为 0 至 10000 之间的正数"]


def test_a_missing_actions_file_is_exit_2(scenario_file, tmp_path, capsys):  # noqa: F811
    """An actions file that is not there is named, not a traceback."""
    assert main(["drill", "run", str(scenario_file), "--actions", str(tmp_path / "none.toml")]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("commanddesk drill: ")
