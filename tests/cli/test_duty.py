"""roster show, handover draft and daily-report on the command line: data out, bad input exit 2 with one line."""

import json
from datetime import date

from commanddesk.cli import main
from commanddesk.clock import SystemClock
from commanddesk.services import roster


def test_roster_show_and_handover_and_daily_report(store, officer, tmp_path, capsys):
    day, slot = roster.slot_at(SystemClock().now(), roster.parse_starts(roster.DEFAULT_STARTS))  # the CLI's clock
    with store.transaction() as s:
        roster.set_shift(s, date(2026, 11, 23), 1, leader="领导乙", officer="值班员甲")
        roster.set_shift(s, day, slot, leader="领导乙", officer="管理员丁")
    db = str(tmp_path / "test.sqlite")
    assert main(["roster", "show", "--db", db, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["on_duty"]["officer"] == "管理员丁" and data["on_duty"]["day"] == day.isoformat()
    assert main(["roster", "show", "--db", db, "--date", "2026-11-23"]) == 0
    assert "夜班 17:30–次日08:30：带班领导 领导乙，值班员 值班员甲" in capsys.readouterr().out
    assert main(["handover", "draft", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["incidents"] == []
    assert main(["daily-report", "--db", db, "--date", "2026-11-23", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["incidents"] == 0


def test_bad_input_is_one_line_and_status_2(store, tmp_path, capsys):
    db = str(tmp_path / "test.sqlite")
    assert main(["daily-report", "--db", db, "--date", "23/11/2026"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "YYYY-MM-DD" in err
    assert main(["handover", "draft", "--db", db, "--operator", "无名氏"]) == 2
    assert "无名氏" in capsys.readouterr().err
    assert main(["roster", "show", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "数据库不存在" in capsys.readouterr().err


def test_a_bad_action_is_one_chinese_line(capsys):
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(["roster", "plan"])
    assert exc.value.code == 2 and capsys.readouterr().err.startswith("commanddesk: ")
