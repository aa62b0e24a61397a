"""A compact scenario for engine tests (the bundled ones are tested separately)."""

import pytest

SCENARIO = '''
id = "t-leak"
title = "测试：罐区泄漏"
start = 2026-07-14T02:10:00+08:00
duration_minutes = 60

[initial_call]
channel = "phone"
caller_unit = "徐圩新区管理委员会"
caller_name = "钱伟"
category = "accident"
type = "accident.hazmat"
place_text = "徐圩新区石化基地罐区"
occurred_offset_minutes = -5
counts = { deaths = 1 }
course = "罐区管线泄漏"

[[expect]]
action = "notify_leader"
within = 10

[[expect]]
action = "log_call"
within = 5

[[injects]]
id = "i1"
at = 12
kind = "call"
source = "园区消防站"
text = "现场死亡增至 10 人"
counts = { deaths = 10 }

  [[injects.expect]]
  action = "log_call"
  within = 5

  [[injects.expect]]
  action = "phone_city"
  within = 20

[[injects]]
id = "i2"
at = 30
kind = "request"
source = "市政府总值班室"
text = "请报送书面报告"

  [[injects.expect]]
  action = "initial_report"
  within = 15
'''

ONTIME = '''
[[actions]]
at = 1
action = "log_call"
inject = "initial"
[[actions]]
at = 4
action = "notify_leader"
leader = "周建华"
[[actions]]
at = 14
action = "log_call"
inject = "i1"
[[actions]]
at = 20
action = "phone_city"
[[actions]]
at = 31
action = "initial_report"
signer = "周建华"
[[actions]]
at = 33
action = "activate_plan"
plan = "special.hazmat"
level = 2
decider = "周建华"
'''

LATE = '''
[[actions]]
at = 3
action = "log_call"
inject = "initial"
[[actions]]
at = 16
action = "notify_leader"
leader = "周建华"
[[actions]]
at = 15
action = "log_call"
inject = "i1"
[[actions]]
at = 39
action = "phone_city"
'''


@pytest.fixture
def scenario_file(tmp_path):
    path = tmp_path / "t-leak.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


@pytest.fixture
def action_files(tmp_path):
    on, late = tmp_path / "ontime.toml", tmp_path / "late.toml"
    on.write_text(ONTIME, encoding="utf-8")
    late.write_text(LATE, encoding="utf-8")
    return on, late
