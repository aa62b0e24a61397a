"""Place names offered while typing a call's place: hazard sites first, towns and villages with their parent."""

from commanddesk.models import HazardSite, Jurisdiction
from commanddesk.services.gazetteer import Place, places


def test_places_for_completion(store, officer):
    with store.transaction() as s:
        s.add(Jurisdiction(code="329906", name="测试县", level="county", lat=34.5, lon=119.1))
        s.flush()
        s.add(Jurisdiction(code="329906001", name="东关镇", level="town", parent_code="329906", lat=34.51, lon=119.11))
        s.flush()
        s.add(Jurisdiction(code="329906001201", name="桥头村", level="village", parent_code="329906001"))
        s.add(HazardSite(code="H1", name="东关镇化工仓库", kind="hazmat", risk_level="high", jurisdiction_code="329906001",
                         lat=34.52, lon=119.12))
    with store.read() as s:
        got = [p for p in places(s) if p.jurisdiction_code and p.jurisdiction_code.startswith("329906")]
    assert got == [
        Place("东关镇化工仓库", "329906001", 34.52, 119.12, "site"),
        Place("东关镇桥头村", "329906001201", None, None, "division"),
        Place("测试县", "329906", 34.5, 119.1, "division"),
        Place("测试县东关镇", "329906001", 34.51, 119.11, "division"),
    ]


def test_an_empty_store_offers_no_sites(store):
    with store.read() as s:
        assert [p for p in places(s) if p.kind == "site"] == []
