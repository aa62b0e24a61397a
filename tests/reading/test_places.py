"""Places named in a message, read against the national gazetteer and the post's own places."""

import pytest

from commanddesk.reading import Reader
from commanddesk.reading.places import LEVELS, find_place, gazetteer_entries, gazetteer_index
from commanddesk.services.reading import demo_post_places

from .evaluation import RECEIVED


@pytest.fixture(scope="module")
def reader():
    return Reader(demo_post_places())


def _place(reader, text):
    return reader.read(text, RECEIVED).place


def _choices(reader, text):
    return {c.county_code for c in reader.read(text, RECEIVED).place_choices}


@pytest.mark.parametrize("text, province, city, county, code", [
    ("四川省成都市武侯区一商场起火", "四川省", "成都市", "武侯区", "510107"),
    ("浙江省杭州市西湖区一处民房起火", "浙江省", "杭州市", "西湖区", "330106"),
    ("广东省深圳市南山区一厂房起火", "广东省", "深圳市", "南山区", "440305"),
    ("湖北省武汉市洪山区一高校实验室爆燃", "湖北省", "武汉市", "洪山区", "420111"),
    ("新疆乌鲁木齐市天山区一小区燃气泄漏", "新疆维吾尔自治区", "乌鲁木齐市", "天山区", "650102"),
    ("黑龙江哈尔滨市道里区一仓库起火", "黑龙江省", "哈尔滨市", "道里区", "230102"),
    ("山东省济南市历下区一酒店起火", "山东省", "济南市", "历下区", "370102"),
])
def test_counties_across_the_country_with_their_codes(reader, text, province, city, county, code):
    p = _place(reader, text)
    assert (p.province, p.city, p.county, p.county_code) == (province, city, county, code)
    assert p.source == "gazetteer"


def test_a_municipality_s_districts_hang_from_it(reader):
    p = _place(reader, "上海市浦东新区一厂房起火")
    assert (p.province, p.city, p.county, p.county_code) == ("上海市", None, "浦东新区", "310115")
    assert _place(reader, "重庆市渝中区一商场起火").county_code == "500103"


def test_a_township_elsewhere_gives_its_county(reader):
    p = _place(reader, "广东省深圳市南山区粤海街道一写字楼起火")
    assert (p.township, p.county_code) == ("粤海街道", "440305")
    assert _place(reader, "盐城市响水县陈家港镇一化工企业爆炸").township == "陈家港镇"


def test_a_county_name_in_two_places_is_a_choice(reader):
    assert _place(reader, "朝阳区一小区起火") is None
    assert _choices(reader, "朝阳区一小区起火") == {"110105", "220104"}
    assert _place(reader, "西湖区一处民房起火") is None
    assert _choices(reader, "西湖区一处民房起火") == {"330106", "360103"}
    assert _place(reader, "鼓楼区一商场起火") is None
    assert {"320106", "320302", "350102", "410204"} <= _choices(reader, "鼓楼区一商场起火")


@pytest.mark.parametrize("text, code", [
    ("北京市朝阳区一小区起火", "110105"),
    ("吉林省长春市朝阳区一小区起火", "220104"),
    ("长春朝阳区一小区起火", "220104"),
    ("福州市鼓楼区一商场起火", "350102"),
    ("开封市鼓楼区一商场起火", "410204"),
    ("江西省南昌市西湖区一处民房起火", "360103"),
])
def test_the_enclosing_name_settles_it(reader, text, code):
    assert _place(reader, text).county_code == code


def test_the_posts_own_places_come_first(reader):
    # 朝阳街道 is also a street in five other provinces; the post's own one wins
    p = _place(reader, "开发区朝阳街道东巷村后山起火")
    assert p.source == "post" and p.county_code == "320771"
    # 板桥街道 exists in Nanjing and Yunnan too: the demo region's is meant
    assert _place(reader, "板桥街道一民房起火").county_code == "320703"
    assert _place(reader, "海州街道一民房起火").county_code == "320706"


def test_the_gazetteer_alone_still_offers_the_choice():
    found, choices = find_place("板桥街道一民房起火", None)
    assert found is None and {"320114", "320703"} <= {c.county_code for c in choices}


def test_the_gazetteer_is_national():
    entries = gazetteer_entries()
    by_key = {e.key: e for e in entries}
    counties = [e for e in entries if e.level == "county"]
    assert len({e.code[:2] for e in counties}) >= 31  # every province on the mainland
    assert len(counties) > 2800 and sum(e.level == "town" for e in entries) > 30000
    for e in entries:
        assert e.level in LEVELS
        if e.level in ("county", "city"):
            assert e.code and len(e.code) == 6 and e.code.isdigit()
        if e.parent:
            assert LEVELS[by_key[e.parent].level] < LEVELS[e.level]
    assert len(by_key) == len(entries)
    assert "朝阳区" in gazetteer_index().by_name
