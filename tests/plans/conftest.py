"""Small hand-written plans for engine tests (the shipped library is tested separately)."""

import pytest

from commanddesk.plans import library

HAZMAT = '''
id = "t.hazmat"
edition = "{edition}"
title = "测试区危险化学品事故应急预案"
short = "危化品预案"
tier = "special"
category = "accident"
types = ["accident.hazmat", "accident.explosion"]
jurisdiction_code = "320771"
jurisdiction = "测试区"
issuer = "测试区管委会"
approved = {approved}
scope = "适用于本区危险化学品生产、储存环节发生的泄漏、火灾、爆炸事故。"
escalation = "事态扩大时提请上级启动更高级别响应。"
termination = "{termination}"

[command]
hq = "危化品事故应急指挥部"
commander = "管委会分管副主任"

[[groups]]
id = "coord"
name = "综合协调组"
lead = "区应急管理局"
members = ["管委会办公室"]
duties = "信息汇总与报送"

[[groups]]
id = "rescue"
name = "抢险救援组"
lead = "区消防救援大队"
members = []
duties = "堵漏、灭火、搜救"

[[levels]]
level = 2
activated_by = "总指挥"
summary = "重大事故"
  [[levels.conditions]]
  text = "死亡（含失踪）10 人以上"
  field = "dead_missing"
  op = ">="
  value = 10
  predicted = true
  [[levels.measures]]
  id = "m-hq"
  text = "总指挥赶赴现场，成立现场指挥部"
  group = "coord"
  due_minutes = 30
  [[levels.measures]]
  id = "m-leak"
  text = "组织堵漏和冷却，防止次生爆炸"
  group = "rescue"
  due_minutes = 20
  [[levels.measures]]
  id = "m-city"
  text = "报请市政府派出工作组"
  group = "coord"

[[levels]]
level = 3
activated_by = "副总指挥"
summary = "较大事故"
  [[levels.conditions]]
  text = "死亡（含失踪）3 人以上"
  field = "dead_missing"
  op = ">="
  value = 3
  [[levels.conditions]]
  text = "需疏散周边群众的其他情形"
  field = "manual"
  [[levels.measures]]
  id = "m-hq"
  text = "副总指挥赶赴现场"
  group = "coord"
  due_minutes = 30
  [[levels.measures]]
  id = "m-leak"
  text = "组织堵漏和冷却，防止次生爆炸"
  group = "rescue"
  due_minutes = 20

[[cards]]
role = "duty_officer"
title = "值班员应急处置卡"
trigger = "接到危化品事故报告"
steps = ["问清时间、地点、物料、伤亡", "10 分钟内报告带班领导", "通知消防和园区"]
calls = [{{ who = "带班领导", phone = "见值班表" }}]
'''


@pytest.fixture
def plan_dir(tmp_path):
    """A folder with two editions of one plan and a broken file."""
    (tmp_path / "t.hazmat-2021.toml").write_text(
        HAZMAT.format(edition="2021", approved="2021-03-01", termination="险情消除后终止。"), encoding="utf-8")
    (tmp_path / "t.hazmat-2024.toml").write_text(
        HAZMAT.format(edition="2024", approved="2024-05-10", termination="险情消除、次生灾害风险排除后终止。"),
        encoding="utf-8")
    (tmp_path / "broken.toml").write_text(HAZMAT.format(edition="x", approved="2020-01-01", termination="")
                                          .replace('group = "rescue"', 'group = "nobody"', 1), encoding="utf-8")
    return tmp_path


@pytest.fixture
def lib(plan_dir):
    return library.load([plan_dir])
