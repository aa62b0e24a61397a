"""Writing CAP 1.2 alerts: GB/T 35965.1 identifiers that never repeat, Beijing times, schema-valid or nothing."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from commanddesk import cap
from commanddesk.cap import CapError
from commanddesk.cap_write import Area, Outgoing, cap_time, identifier, next_after, render

UNIT = "32070600000100"
AT = datetime(2026, 7, 1, 8, 0, 5, tzinfo=timezone(timedelta(hours=8)))


def message(**changes) -> Outgoing:
    o = Outgoing(identifier=identifier(UNIT, AT, 0), sender="hzqyjj@example.cn", sent=AT, status="Actual",
                 msg_type="Alert", category="Met", event="暴雨", urgency="Immediate", severity="Severe",
                 certainty="Likely", area=Area("海州区洪门街道", ("320706004",), ((34.5, 119.1), (34.6, 119.1),
                                                                             (34.6, 119.3), (34.5, 119.1))),
                 sender_name="海州区气象台", headline="海州区气象台发布暴雨橙色预警", description="预计未来3小时降雨量将达50毫米以上。",
                 instruction="停止户外作业", effective=AT, expires=AT + timedelta(hours=6),
                 parameters=(("预警颜色", "橙色"),))
    return replace(o, **changes)


def test_identifier_is_unit_beijing_second_and_sequence():
    assert identifier(UNIT, AT.astimezone(timezone.utc), 3) == f"{UNIT}_20260701080005_3"
    assert len(identifier(UNIT, AT, 0)) == 31


@pytest.mark.parametrize("unit", ["320706", "3207060000010X", ""])
def test_a_bad_unit_code_is_refused(unit):
    with pytest.raises(CapError, match="应为 14 位数字"):
        identifier(unit, AT, 0)


def test_sequence_must_be_one_digit():
    with pytest.raises(CapError, match="同一秒内的序号应为 0-9"):
        identifier(UNIT, AT, 10)


def test_next_identifier():
    first = next_after(None, UNIT, AT)
    assert first == f"{UNIT}_20260701080005_0"
    same_second = next_after(first, UNIT, AT + timedelta(microseconds=500))
    assert same_second == f"{UNIT}_20260701080005_1"
    assert next_after(f"{UNIT}_20260701080005_9", UNIT, AT) == f"{UNIT}_20260701080006_0"
    # a clock that went back never reuses an identifier
    assert next_after(f"{UNIT}_20260701080005_4", UNIT, AT - timedelta(hours=1)) == f"{UNIT}_20260701080005_5"
    assert next_after(first, UNIT, AT + timedelta(seconds=1)) == f"{UNIT}_20260701080006_0"
    # another unit's identifier or rubbish: start afresh
    assert next_after(f"32070700000100_20260701080005_4", UNIT, AT) == first
    assert next_after("garbage", UNIT, AT) == first


def test_times_are_written_in_beijing_time():
    assert cap_time(datetime(2026, 7, 1, 0, 0, 0, 999, tzinfo=timezone.utc)) == "2026-07-01T08:00:00+08:00"
    with pytest.raises(CapError, match="不带时区的时间"):
        cap_time(datetime(2026, 7, 1, 8, 0))


def test_a_written_alert_reads_back_the_same():
    data = render(message(references=(("qxt@example.cn", f"{UNIT}_20260701070000_0", AT - timedelta(hours=1)),),
                          msg_type="Update"))
    assert data.startswith(b"<?xml")
    got = cap.parse(data)
    assert (got.identifier, got.sender, got.status, got.msg_type) == (identifier(UNIT, AT, 0), "hzqyjj@example.cn",
                                                                      "Actual", "Update")
    assert got.sent == AT and got.expires == AT + timedelta(hours=6)
    assert (got.event, got.headline, got.instruction) == ("暴雨", "海州区气象台发布暴雨橙色预警", "停止户外作业")
    assert got.geocodes == ("320706004",) and got.area_desc == "海州区洪门街道"
    assert got.polygon[0] == (34.5, 119.1)
    assert got.references[0][1] == f"{UNIT}_20260701070000_0"
    assert got.parameters["预警颜色"] == "橙色"


def test_a_message_the_schema_refuses_is_not_written():
    with pytest.raises(CapError, match="未通过 CAP 1.2 模式校验"):
        render(message(status="Maybe"))


def test_control_characters_are_refused():
    with pytest.raises(CapError, match="含 XML 不允许的字符"):
        render(message(description="降雨\x00量"))
