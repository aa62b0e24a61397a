"""`commanddesk stats` on the demo store: the page's new figures in --json and in the plain lines."""

import json

from commanddesk import cli


def _run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_json_carries_divisions_last_year_and_durations(capsys, demo_template):
    code, out, err = _run(capsys, "stats", "--from", "2026-01-01", "--to", "2026-12-31", "--demo", "--json")
    assert code == 0, err
    r = json.loads(out)
    assert sum(r["by_division"].values()) == r["incidents"] > 0
    assert set(r["last_year_by_month"]) == set(r["by_month"]) and r["last_year_incidents"] >= 0
    first = r["to_first_report"]
    assert sum(first["bins"].values()) == first["n"] and (first["median_minutes"] is None) == (first["n"] == 0)
    assert {"to_arrival", "to_forward", "drills_by_year", "warnings_by_type"} <= set(r)
    code, out, err = _run(capsys, "stats", "--from", "2026-01-01", "--to", "2026-12-31", "--demo")
    assert code == 0 and "上年同期：事件" in out and "按乡镇（街道）：" in out and "迟报分钟：" in out
