"""What a written report says, in the wording PDF, Word and plain text share."""

import dataclasses
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from commanddesk.clock import BEIJING
from commanddesk.documents import model
from commanddesk.documents.model import Element, plain_text, sample_report


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"),
                                     (21, "二十一"), (99, "九十九")])
def test_chinese_numbers(n, text):
    assert model.chinese_number(n) == text


@pytest.mark.parametrize("n", [0, 100, -1])
def test_only_one_to_ninety_nine_can_be_numbered(n):
    with pytest.raises(ValueError):
        model.chinese_number(n)


def test_issue_time_in_beijing_with_two_digit_minutes():
    assert model.format_issued(datetime(2026, 11, 23, 14, 5, tzinfo=timezone.utc)) == "2026年11月23日22时05分"
    assert model.format_issued(datetime(2026, 11, 23, 22, 5)) == "2026年11月23日22时05分"  # naive is Beijing
    # past midnight in Beijing is the next day
    assert model.format_issued(datetime(2026, 12, 31, 16, 30, tzinfo=timezone.utc)) == "2027年1月1日0时30分"


@pytest.mark.parametrize("element, text, missing", [
    (Element("time", "时间", " 21时52分许。 "), "21时52分许。", False),
    (Element("time", "时间", "", model.STATUS_OK), "【待核实】", True),
    (Element("time", "时间", "写了也不算", model.STATUS_MISSING), "【待核实】", True),
    (Element("trend", "发展趋势", "", model.STATUS_UNKNOWN), "暂不掌握", False),
    (Element("trend", "发展趋势", "风力可能加大", model.STATUS_UNKNOWN), "暂不掌握；风力可能加大", False),
])
def test_how_an_element_prints(element, text, missing):
    assert model.element_text(element) == text
    assert model.is_missing(element) is missing


def test_numbered_headings():
    heads = [h for h, _ in model.numbered(sample_report())]
    assert heads[:2] == ["一、时间：", "二、地点："]
    assert heads[-1] == "十二、现场指挥负责人及联系方式："


def test_masthead_signer_and_intro():
    doc = sample_report("续报2")
    assert model.masthead(doc) == "值班信息"
    assert model.masthead(replace(doc, exercise=True)) == "值班信息（演练）"
    assert model.signer_text(doc) == "签发人：周建华"
    assert model.signer_text(replace(doc, signer="")) == "签发人：（待签发）"
    assert model.intro(doc) == "现将有关情况续报如下："
    assert model.intro(sample_report("核报")) == "现将有关情况核报如下："


def test_header_marks_cc_and_printed_line():
    doc = replace(sample_report(), copy_number="000003", urgency="特急")
    assert model.header_marks(doc) == ["000003", "特急"]
    assert model.header_marks(sample_report()) == []
    assert model.cc_text(doc) == "抄送：连云港市应急管理局，连云港经济技术开发区党工委办公室。"
    assert model.cc_text(replace(doc, cc=())) == ""
    assert model.printed_text(doc) == ("连云港经济技术开发区应急管理局", "2026年11月23日印发")
    other = replace(doc, printer="市应急管理局", printed_on=datetime(2026, 11, 24, 9, 0, tzinfo=BEIJING))
    assert model.printed_text(other) == ("市应急管理局", "2026年11月24日印发")


def test_note_on_one_line_when_it_fits_else_one_part_a_line():
    short = replace(sample_report(), contact="", author="王丽", duty_officer="李某", duty_leader="")
    assert model.note_lines(short) == ["（拟稿人：王丽；值班员：李某）"]
    full = replace(sample_report(), duty_officer="李晓明", duty_leader="王建国")
    assert model.note_lines(full) == ["（联系人：李晓明　电话：0518-80143699）", "（拟稿人：王丽）",
                                      "（值班员：李晓明　带班领导：王建国）"]
    assert model.note_text(full).count("\n") == 2
    none = replace(sample_report(), contact="", author="", duty_officer="", duty_leader="")
    assert model.note_lines(none) == [] and model.note_text(none) == ""


def test_duty_and_author_texts():
    doc = replace(sample_report(), duty_officer="", duty_leader="王建国", author="")
    assert model.duty_text(doc) == "带班领导：王建国"
    assert model.author_text(doc) == ""


def test_plain_text_of_a_follow_up_drill_report():
    doc = replace(sample_report("续报1", exercise=True), late_note="（迟报说明：通信中断）")
    text = model.plain_text(doc)
    lines = text.splitlines()
    assert lines[0] == "【演练 EXERCISE — 非真实事件】"
    assert lines[1:4] == ["连云港经济技术开发区应急管理局", "值班信息（演练）", "开应急值〔2026〕17号　续报1　签发人：周建华"]
    assert "（迟报说明：通信中断）" in lines
    assert lines.index("较上次报告的变化：") < lines.index("现将有关情况续报如下：")
    assert "  死亡人数：3 → 5" in lines
    assert "八、发展趋势：暂不掌握" in lines
    assert "十一、请求事项：【待核实】" in lines
    assert lines[-1] == "连云港经济技术开发区应急管理局　2026年11月23日印发"


def test_plain_text_of_a_first_report_has_no_changes_or_watermark():
    text = model.plain_text(sample_report())
    assert "较上次报告的变化" not in text and "EXERCISE" not in text
    assert text.splitlines()[0] == "连云港经济技术开发区应急管理局"



# --- 版头 marks, 附注 and 版记 -----------------------------------------------------------------

def _marked():
    return dataclasses.replace(sample_report(), copy_number="000003", classification="机密", urgency="特急")


def test_marks_stand_above_the_header_in_order():
    """份号, 密级 and 紧急程度 open the report, one a line, before the issuing unit."""
    lines = plain_text(_marked()).split("\n")
    assert lines[:4] == ["000003", "机密", "特急", "连云港经济技术开发区应急管理局"]
    assert plain_text(sample_report()).split("\n")[0] == "连云港经济技术开发区应急管理局"


def test_record_lists_every_cc_and_the_printing_date():
    """抄送 units joined by full-width commas, ending in 。; 印发 date in Beijing time."""
    from commanddesk.documents.model import cc_text, printed_text

    doc = dataclasses.replace(sample_report(), cc=("甲单位", "乙单位", "丙单位"),
                              issued_at=datetime(2026, 12, 31, 16, 30, tzinfo=timezone.utc))
    assert cc_text(doc) == "抄送：甲单位，乙单位，丙单位。"
    assert printed_text(doc) == ("连云港经济技术开发区应急管理局", "2027年1月1日印发")  # 00:30 Beijing
    assert cc_text(dataclasses.replace(doc, cc=())) == ""
    text = plain_text(doc)
    assert text.index("2027年1月1日0时30分") < text.index("抄送：甲单位") < text.index("2027年1月1日印发")


def test_a_note_too_long_for_one_line_takes_two():
    from commanddesk.documents.model import note_lines

    doc = sample_report()
    assert note_lines(doc) == ["（联系人：李晓明　电话：0518-80143699）", "（拟稿人：王丽）"]
    assert note_lines(dataclasses.replace(doc, contact="联系人：王丽")) == ["（联系人：王丽；拟稿人：王丽）"]
    assert note_lines(dataclasses.replace(doc, contact="", author="")) == []
