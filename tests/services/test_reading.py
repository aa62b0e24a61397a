"""The reader's view of the store and a call made from a message alone (``intake record``)."""

from datetime import datetime, timedelta

import pytest

from commanddesk.clock import BEIJING
from commanddesk.reading import Reader
from commanddesk.services.reading import call_input, channel_of, demo_post_places, post_places, reader_for

RECEIVED = datetime(2026, 11, 23, 22, 0, tzinfo=BEIJING)
MESSAGE = "110转警：今天下午3点，洪门街道一民房起火，2人受伤，直接经济损失约5万元。"


@pytest.fixture(scope="module")
def reader():
    return Reader(demo_post_places())


@pytest.mark.parametrize("text, channel", [
    ("110转警：某路口两车相撞", "police_110_119"),
    ("119指挥中心通报，某厂起火", "police_110_119"),
    ("区公安分局转警，有人落水", "police_110_119"),
    ("灾害信息员张某报告：某村山体滑坡", "info_officer"),
    ("网格员报告，小区内树木倒伏", "grid"),
    ("某村村民发来短信，道路积水", "sms"),
    ("某村道路积水严重，" + "情况" * 20 + "请转110", "sms"),  # 110 only counts near the start
])
def test_channel_of(text, channel):
    assert channel_of(text) == channel


def test_a_call_from_a_message_takes_every_suggestion(reader):
    call = call_input(reader.read(MESSAGE, RECEIVED), received=RECEIVED, stamped=RECEIVED)
    assert (call.category, call.type) == ("accident", "accident.fire")
    assert call.place_text == "洪门街道"
    assert call.jurisdiction_code == "320706004"  # the post's own division
    assert call.occurred_at == datetime(2026, 11, 23, 15, 0, tzinfo=BEIJING)
    assert call.occurred_precision == "exact"
    assert call.counts == {"injured_unknown": 2, "direct_loss": 50000}
    assert call.channel == "police_110_119"
    assert call.original_message == MESSAGE and call.course == MESSAGE
    assert call.receipt_edit_reason == ""
    injured = call.suggestions["injured_unknown"]
    assert (injured["value"], injured["words"], injured["final"], injured["kept"]) == (2, "2人受伤", 2, True)
    assert call.suggestions["occurred"]["value"] == "2026-11-23T07:00:00+00:00"
    assert call.suggestions["place"]["value"] == "江苏省连云港市海州区洪门街道"


def test_a_gateway_receipt_time_different_from_the_recording_is_explained(reader):
    stamped = RECEIVED + timedelta(minutes=3)
    call = call_input(reader.read(MESSAGE, RECEIVED), received=RECEIVED, stamped=stamped)
    assert (call.received_at, call.stamped_at) == (RECEIVED, stamped)
    assert call.receipt_edit_reason == "消息网关给出的接报时间（--received）"


def test_a_message_without_facts_makes_an_empty_call(reader):
    call = call_input(reader.read("请回电", RECEIVED), received=RECEIVED, stamped=RECEIVED)
    assert (call.category, call.type, call.place_text) == ("", "", "")
    assert call.occurred_at is None and call.occurred_precision == "unknown"
    assert call.jurisdiction_code is None and call.lat is None
    assert call.counts == {} and call.suggestions == {}
    assert call.channel == "sms"


def test_a_long_message_is_cut_for_the_course_but_kept_whole(reader):
    text = "洪门街道一民房起火。" + "现场情况" * 600
    call = call_input(reader.read(text, RECEIVED), received=RECEIVED, stamped=RECEIVED)
    assert len(call.course) == 2000
    assert call.original_message == text


def test_the_demo_stores_places_are_the_demo_files(demo_store):
    with demo_store.read() as s:
        places = post_places(s)
        read = reader_for(s).read(MESSAGE, RECEIVED)
    files = demo_post_places()
    assert sorted(d[:3] for d in places.divisions) == sorted(d[:3] for d in files.divisions)
    assert {x[0] for x in places.sites} == {x[0] for x in files.sites}
    assert read.place is not None and read.place.division_code == "320706004"
