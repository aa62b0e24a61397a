"""The message reader: what an officer pasting a duty message would see suggested."""

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commanddesk.clock import BEIJING
from commanddesk.reading import Reader, read_message
from commanddesk.services.reading import demo_post_places
from commanddesk.vocabulary import vocabulary

from .evaluation import EVAL_FILE, FIELDS, HELDOUT_FILE, RECEIVED, messages, score


@pytest.fixture(scope="module")
def reader():
    return Reader(demo_post_places())


def _read(reader, text, received=RECEIVED):
    return reader.read(text, received)


def _time(reading):
    return reading.occurred.astimezone(BEIJING).replace(tzinfo=None) if reading.occurred else None


# --- event time ---
@pytest.mark.parametrize("text, want, precision", [
    ("今晚8点，某小区起火", datetime(2026, 11, 23, 20, 0), "exact"),
    ("今晚8点许，某小区起火", datetime(2026, 11, 23, 20, 0), "approx"),
    ("昨日凌晨发生山体滑坡", datetime(2026, 11, 22, 3, 0), "approx"),
    ("半小时前一辆货车侧翻", datetime(2026, 11, 23, 21, 30), "approx"),
    ("一个多小时前发生火灾", datetime(2026, 11, 23, 20, 45), "approx"),
    ("9日14时30分左右发生爆炸", datetime(2026, 11, 9, 14, 30), "approx"),
    ("11月20日16时许渔船遇险", datetime(2026, 11, 20, 16, 0), "approx"),
    ("2026年11月22日19时30分燃气爆炸", datetime(2026, 11, 22, 19, 30), "exact"),
    ("今天14:20发生爆炸", datetime(2026, 11, 23, 14, 20), "exact"),
    ("下午3点半发生滑坡", datetime(2026, 11, 23, 15, 30), "exact"),
    ("今天上午十点发生火灾", datetime(2026, 11, 23, 10, 0), "exact"),
    ("前天夜里大风刮倒大树", datetime(2026, 11, 21, 22, 0), "approx"),
    ("今晨6时许突降冰雹", datetime(2026, 11, 23, 6, 0), "approx"),
    ("5分钟前接到电话，楼内冒烟", datetime(2026, 11, 23, 21, 55), "approx"),
])
def test_event_time_absolute_and_relative_to_receipt(reader, text, want, precision):
    r = _read(reader, text)
    assert _time(r) == want
    assert r.occurred_precision == precision
    start, end = r.fields["occurred"].span
    assert text[start:end].strip()


def test_year_less_date_in_the_future_is_last_years(reader):
    """Read on 2 January, 12月30日 is three days ago, not next December."""
    r = _read(reader, "12月30日22时许发生火灾", datetime(2027, 1, 2, 9, 0, tzinfo=BEIJING))
    assert _time(r) == datetime(2026, 12, 30, 22, 0)


def test_day_without_month_in_the_future_is_last_months(reader):
    r = _read(reader, "28日14时发生滑坡", datetime(2026, 12, 3, 9, 0, tzinfo=BEIJING))
    assert _time(r) == datetime(2026, 11, 28, 14, 0)


def test_time_of_day_after_the_receipt_is_yesterday(reader):
    r = _read(reader, "23时50分许发生火灾", datetime(2026, 11, 24, 0, 20, tzinfo=BEIJING))
    assert _time(r) == datetime(2026, 11, 23, 23, 50)


def test_as_of_stamps_and_forecasts_are_not_event_times(reader):
    r = _read(reader, "截至23日18时，全县累计转移群众1.2万人。预计22时30分恢复供电。")
    assert r.occurred is None
    r = _read(reader, "截至目前无人员伤亡，事故于20时15分发生。")
    assert _time(r) == datetime(2026, 11, 23, 20, 15)


def test_receipt_time_is_never_taken_from_the_message(reader):
    r = _read(reader, "接报时间：2026年11月23日21时05分。今晚8点发生火灾。")
    assert r.received == RECEIVED
    assert "received" not in r.fields


def test_numbers_that_are_not_times(reader):
    assert _read(reader, "3号楼起火，1号线停运").occurred is None
    assert _read(reader, "整改意见第3点落实情况").occurred is None


# --- counts ---
@pytest.mark.parametrize("text, want", [
    ("造成2人死亡、5人受伤", {"deaths": 2, "injured_unknown": 5}),
    ("死亡3人，受伤5人", {"deaths": 3, "injured_unknown": 5}),
    ("1人经抢救无效死亡", {"deaths": 1}),
    ("死了3个人，伤了五六个", {"deaths": 3, "injured_unknown": 5}),
    ("烧死2人，烧伤1人", {"deaths": 2, "injured_unknown": 1}),
    ("造成1死3伤", {"deaths": 1, "injured_unknown": 3}),
    ("一死两伤", {"deaths": 1, "injured_unknown": 2}),
    ("3名工人被困", {"trapped": 3}),
    ("被困人员3名", {"trapped": 3}),
    ("十余人被困", {"trapped": 10}),
    ("二十多人受伤", {"injured_unknown": 20}),
    ("疏散周边群众200余人", {"relocated": 200}),
    ("转移安置280户860人", {"relocated": 860}),
    ("累计转移群众1.2万人", {"relocated": 12000}),
    ("2人落水失踪", {"missing": 2}),
    ("2人失联", {"missing": 2}),
    ("6人受伤，其中2人重伤", {"injured_unknown": 4, "serious_injuries": 2}),
    ("2人重伤、3人轻伤", {"serious_injuries": 2, "injuries": 3}),
    ("死亡人数为5人", {"deaths": 5}),
    ("一名独居老人遇难", {"deaths": 1}),
    ("车上2人轻伤", {"injuries": 2}),
    ("伤者已送市第一人民医院救治", {}),
    ("2辆车追尾", {}),
])
def test_counts(reader, text, want):
    r = _read(reader, text)
    got = {k: v for k, v in r.counts.items() if v is not None}
    assert got == want


def test_approximate_counts_are_lower_bounds_and_flagged(reader):
    r = _read(reader, "十余人被困，疏散群众约300人，3人受伤")
    assert r.counts["trapped"] == 10 and r.fields["trapped"].approx
    assert r.counts["relocated"] == 300 and r.fields["relocated"].approx
    assert not r.fields["injured_unknown"].approx


def test_nobody_hurt_sets_zeros(reader):
    r = _read(reader, "某小区起火，无人员伤亡")
    assert r.counts["deaths"] == 0 and r.injuries_total == 0 and r.counts["serious_injuries"] == 0
    assert r.counts["trapped"] is None  # not said
    r = _read(reader, "3人受伤，无人员伤亡报告有误")  # a figure wins over the zero phrase
    assert r.counts["injured_unknown"] == 3


def test_past_incidents_are_not_this_incidents_counts(reader):
    r = _read(reader, "该处2019年曾发生滑坡，造成3人死亡。今天下午3点再次发生滑坡，1人受伤。")
    assert r.counts["deaths"] is None and r.counts["injured_unknown"] == 1
    assert _time(r) == datetime(2026, 11, 23, 15, 0)


def test_count_span_shows_the_words(reader):
    text = "灌南县一化工厂爆炸，造成2人死亡"
    r = _read(reader, text)
    start, end = r.fields["deaths"].span
    assert text[start:end] == "2人死亡"


def test_injuries_total_in_json(reader):
    j = _read(reader, "受伤6人，其中重伤2人").to_json()
    assert j["counts"]["injuries"] == 6 and j["counts"]["serious_injuries"] == 2
    assert j["counts"]["deaths"] is None


# --- direct loss ---
@pytest.mark.parametrize("text, yuan", [
    ("直接经济损失约300万元", 3_000_000), ("直接经济损失1.5亿元", 150_000_000), ("经济损失初步估计20万元", 200_000),
    ("投资300万元的厂房起火", None), ("损失情况正在统计", None),
])
def test_direct_loss_only_after_loss(reader, text, yuan):
    assert _read(reader, text).direct_loss_yuan == yuan


# --- place ---
def test_post_places_come_first(reader):
    r = _read(reader, "开发区朝阳街道东巷村后山起火")
    assert r.place.source == "post" and r.place.county_code == "320771"
    assert r.place.division_code == "320771001201"  # the post's own code for 东巷村
    r = _read(reader, "连云港海晟化工有限公司发生液氯泄漏")
    assert r.place.kind == "site" and r.place.county_code == "320791"
    assert r.place.lat is not None


def test_gazetteer_gives_province_city_county(reader):
    r = _read(reader, "盐城市响水县陈家港镇一化工园区企业发生爆炸")
    p = r.place
    assert (p.province, p.city, p.county, p.county_code) == ("江苏省", "盐城市", "响水县", "320921")


def test_ambiguous_district_is_a_choice_not_a_guess(reader):
    r = _read(reader, "朝阳区一小区起火")
    assert r.place is None
    assert {c.county_code for c in r.place_choices} == {"110105", "220104"}
    j = r.to_json()
    assert j["place"]["county_code"] is None and len(j["place"]["choices"]) == 2
    assert _read(reader, "北京市朝阳区一小区起火").place.county_code == "110105"
    assert _read(reader, "长春朝阳区一小区起火").place.county_code == "220104"


def test_the_posts_region_settles_a_name(reader):
    """Two 鼓楼区 in Jiangsu, none in the demo city: a choice; with the city named, settled."""
    assert _read(reader, "鼓楼区一商场起火").place is None
    assert _read(reader, "徐州市鼓楼区一商场起火").place.county_code == "320302"


def test_a_hospital_named_is_not_the_place(reader):
    r = _read(reader, "灌南县新安镇一工厂起火，伤者已送连云港市第一人民医院")
    assert r.place.county_code == "320724"


# --- type and caller ---
@pytest.mark.parametrize("text, code", [
    ("一化工企业反应釜爆炸并引发火灾", "accident.explosion"),
    ("山体滑坡", "natural.geohazard"), ("液氨泄漏", "accident.hazmat"), ("货车追尾", "accident.road_traffic"),
    ("后山上起火", "natural.forest_fire"), ("电梯故障，一人被困", "accident.special_equipment"),
    ("疑似聚集性疫情", "health.infectious"), ("婚宴后食物中毒", "health.poisoning"),
    ("未发生火灾，系误报", None),
])
def test_type_from_the_one_vocabulary(reader, text, code):
    r = _read(reader, text)
    assert r.type == code
    if code:
        assert r.category == code.split(".")[0]
        start, end = r.fields["type"].span
        assert vocabulary().resolve_type(text[start:end]) == code  # the same table as plans match --type


@pytest.mark.parametrize("text, unit", [
    ("开发区消防救援大队报告：居民楼起火", "开发区消防救援大队"),
    ("【灌云县应急管理局】渔船遇险", "灌云县应急管理局"),
    ("东海县石梁河镇网格员李明报：房屋倒塌", "东海县石梁河镇"),
    ("连云港市急救中心：开发区一工厂爆炸", "连云港市急救中心"),
    ("110转警：一小区起火", None), ("据群众报告，某地起火", None),
])
def test_caller_unit(reader, text, unit):
    assert _read(reader, text).caller_unit == unit


# --- the evaluation set ---
@pytest.mark.parametrize("path, size", [(EVAL_FILE, 60), (HELDOUT_FILE, 30)])
def test_evaluation_set_is_read_at_least_97_percent_right(reader, path, size):
    rows = messages(path)
    assert len(rows) >= size
    per, wrong = score(reader, path)
    right = sum(v[0] for v in per.values())
    total = sum(v[1] for v in per.values())
    assert total == len(rows) * len(FIELDS)
    assert right / total >= 0.97, "\n".join(wrong)


def test_shared_reader_without_post_places():
    r = read_message("灌南县堆沟港镇一化工厂发生爆炸", RECEIVED)
    assert r.place.county_code == "320724" and r.place.source == "gazetteer"


# --- never raises ---
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)))
def test_never_raises_on_arbitrary_text(text, when):
    r = read_message(text, when.replace(tzinfo=BEIJING))
    r.to_json()
    for s in r.fields.values():
        assert 0 <= s.span[0] <= s.span[1] <= len(text)


_PIECES = st.sampled_from(["今晚", "昨日", "凌晨", "8点", "14时30分", "许", "左右", "9日", "12月", "2026年", "截至",
                           "3人", "十余", "死亡", "受伤", "被困", "重伤", "其中", "疏散", "损失", "万元", "亿元",
                           "灌南县", "朝阳区", "开发区", "报告：", "，", "。", "一", "两", "五六个", "多", "余",
                           "0", "99999999999", "半小时前", "1死3伤", "【", "】", "无人员伤亡"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_never_raises_on_message_shaped_text(text):
    r = read_message(text, RECEIVED)
    j = r.to_json()
    if r.occurred is not None:
        assert r.occurred <= RECEIVED + timedelta(minutes=10)
    assert all(v is None or v >= 0 for v in j["counts"].values())


# --- shapes met after the evaluation set was written ---
@pytest.mark.parametrize("text, key, value", [
    ("一名工人在切割石材时被倒下的石板砸中，送医后抢救无效死亡", "deaths", 1),
    ("云门村一名七旬老人今天下午上山砍柴至今未归", "missing", 1),
    ("1名工人手臂被卷入设备，伤势严重，已送医", "serious_injuries", 1),
    ("【网格员上报】地点：开发区猴嘴街道范庄村 事件：厨房起火 伤亡：无", "deaths", 0),
    ("比上次报告增加1人，另有5人受伤正在救治", "injured_unknown", 5),
])
def test_more_count_shapes(reader, text, key, value):
    assert _read(reader, text).counts[key] == value


@pytest.mark.parametrize("text, code", [
    ("燃气泄漏引发爆燃，2人受伤", "accident.explosion"),  # the consequence, not the cause
    ("今天下午开发区发生3.5级地震，暂无人员伤亡和房屋倒塌报告", "natural.earthquake"),  # a denied consequence
    ("【突发事件信息】据灌云县防汛办报告，受台风影响，转移群众3260人", "natural.typhoon"),  # the caller's name is no type
])
def test_type_is_what_happened(reader, text, code):
    assert _read(reader, text).type == code


def test_forecasts_are_no_event_time(reader):
    assert _read(reader, "请各单位注意：预计今晚8点至明天上午有大到暴雨").occurred is None


def test_a_heading_is_not_the_caller_and_据_is_dropped(reader):
    assert _read(reader, "【突发事件信息】据灌云县防汛办报告，转移群众30人").caller_unit == "灌云县防汛办"
    assert _read(reader, "据110指挥中心转警，赣榆区城头镇一村民家着火").caller_unit == "110指挥中心"


def test_a_town_calling_about_itself_gives_the_place(reader):
    r = _read(reader, "东海县温泉镇政府：昨夜持续强降雨，镇区多处积水，已转移群众80余人")
    assert r.caller_unit == "东海县温泉镇政府" and r.place.county_code == "320722"


def test_reader_imports_no_qt():
    import subprocess
    import sys

    code = ("import sys, commanddesk.reading, commanddesk.cli.intake, commanddesk.services.reading; "
            "sys.exit(1 if [m for m in sys.modules if m.startswith('PySide6')] else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
