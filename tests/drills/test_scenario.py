"""Drill scenarios read from TOML: what a valid file gives, and refusals that name file, inject and reason.

Hostile values of every field are in test_scenario_hostile.py; these are the ordinary cases.
"""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from commanddesk.drills.scenario import ScenarioError, bundled, find, load_scenario
from commanddesk.errors import UserError

GOOD = '''
id = "t-rain"
title = "测试：城区内涝"
setting = "连续强降雨"
start = 2026-07-14T02:10:00+08:00
duration_minutes = 120
objectives = ["检验接报"]
roles = ["值班员", "带班领导"]

[initial_call]
channel = "phone"
category = "natural"
type = "natural.rainstorm"
place_text = "洪门街道"
counts = { trapped = 3 }

[[expect]]
action = "log_call"
within = 5

[[expect]]
action = "change_level"
within = 60
level = 3
note = "视情提级"

[[injects]]
id = "i1"
at = 20
kind = "message"
text = "又有两处积水"
predicted = { trapped = 10 }

[[injects]]
id = 2
at = 45
kind = "request"
text = "市里要求续报"
  [[injects.expect]]
  action = "followup_report"
  within = 30
'''


def write(tmp_path, text, name="t-rain.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_scenario(tmp_path):
    s = load_scenario(write(tmp_path, GOOD))
    assert (s.id, s.title, s.setting, s.duration_minutes) == ("t-rain", "测试：城区内涝", "连续强降雨", 120)
    assert s.start == datetime(2026, 7, 13, 18, 10, tzinfo=timezone.utc)
    assert s.at(20) == s.start + timedelta(minutes=20) and s.end == s.start + timedelta(minutes=120)
    assert s.roles == ("值班员", "带班领导") and s.objectives == ("检验接报",)
    assert s.initial_call["counts"] == {"trapped": 3}
    assert [(e.action, e.within, e.label) for e in s.expect] == [("log_call", 5, "记录来电"),
                                                              ("change_level", 60, "调整响应级别")]
    assert s.expect[1].params == {"level": 3} and s.expect[1].note == "视情提级"
    assert [i.id for i in s.injects] == ["i1", "2"]
    first, second = s.injects
    assert (first.channel, first.predicted, first.expect) == ("phone", {"trapped": 10}, ())
    assert second.expect[0].label == "报送续报"
    assert s.inject("2") is second and s.inject("none") is None


@pytest.mark.parametrize("change, where, reason", [
    (('type = "natural.rainstorm"', 'type = "accident.fire"'), "initial_call", "类型“accident.fire”与类别“natural”不符"),
    (('at = 45', 'at = 10'), "插入事件 2", "插入事件须按时间先后排列"),
    (('at = 45', 'at = 121'), "插入事件 2", "时间 at 应为 0 至 120 的整数分钟"),
    (('id = 2', 'id = "i1"'), "插入事件 i1", "编号重复"),
    (('level = 3', 'level = 5'), "初始来电", "动作 change_level 的 level 应为 1 至 4"),
    (('counts = { trapped = 3 }', 'counts = { trapped = -1 }'), "initial_call", "伤亡数字应为 0 至 1000000 的整数：trapped"),
    (('kind = "message"', 'kind = "rumour"'), "插入事件 i1", "未知类型“rumour”"),
    (('place_text = "洪门街道"', 'place_text = "  "'), "initial_call", "事发地点 place_text 应为非空文字"),
])
def test_refusals_name_the_inject_and_reason(tmp_path, change, where, reason):
    path = write(tmp_path, GOOD.replace(*change, 1))
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert (err.value.inject, err.value.reason) == (where, reason)
    assert err.value.message == f"演练脚本有误：t-rain.toml，{where}：{reason}"


def test_a_missing_key_and_an_unreadable_file(tmp_path):
    with pytest.raises(ScenarioError, match="（总体）：缺少 duration_minutes"):
        load_scenario(write(tmp_path, GOOD.replace("duration_minutes = 120", "")))
    with pytest.raises(ScenarioError, match="（文件）：无法读取：不是有效的 TOML"):
        load_scenario(write(tmp_path, "id = ", "bad.toml"))


def test_every_bundled_scenario_loads_and_is_found_by_its_file_name():
    scenarios = bundled()
    assert scenarios
    for s in scenarios:
        assert find(Path(s.path).stem).id == s.id


def test_find_by_path_and_unknown_names(tmp_path):
    path = write(tmp_path, GOOD)
    assert find(str(path)).id == "t-rain"
    with pytest.raises(UserError) as err:
        find("no-such-drill")
    assert err.value.message.startswith("找不到演练脚本“no-such-drill”。可用：")
    assert Path(bundled()[0].path).stem in err.value.message
