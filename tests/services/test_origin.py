"""Where an incident is for distances: its own coordinates, else its division's centre, else a place its text names."""

from commanddesk.models import HazardSite, Incident, Jurisdiction
from commanddesk.services import incidents
from commanddesk.services.origin import incident_origin


def _call(store, place: str, **kw) -> int:
    with store.transaction() as s:
        return incidents.record_call(s, incidents.CallInput(
            category="accident", type="accident.fire", place_text=place, **kw)).incident_id


def _places(store) -> None:
    with store.transaction() as s:
        s.add(Jurisdiction(code="320700", name="海州区", level="county", lat=34.57, lon=119.16))
        s.add(Jurisdiction(code="320701", name="无坐标镇", level="town", parent_code="320700"))
        s.flush()
        s.add(HazardSite(code="H1", name="石化基地罐区", kind="hazchem", risk_level="major", lat=34.60, lon=119.50))


def test_the_incidents_own_coordinates_come_first(store, officer):
    _places(store)
    iid = _call(store, "海州区石化基地罐区", lat=34.61, lon=119.51, jurisdiction_code="320700")
    with store.read() as s:
        origin = incident_origin(s, s.get(Incident, iid))
    assert (origin.lat, origin.lon, origin.how) == (34.61, 119.51, "按事发地点坐标")


def test_without_coordinates_the_division_centre_is_used(store, officer):
    _places(store)
    iid = _call(store, "某路口", jurisdiction_code="320700")
    with store.read() as s:
        origin = incident_origin(s, s.get(Incident, iid))
    assert (origin.lat, origin.lon) == (34.57, 119.16) and "海州区" in origin.how and "中心" in origin.how


def test_a_division_without_a_centre_falls_back_to_the_longest_place_named(store, officer):
    """无坐标镇 has no centre; the text names both 海州区 and the tank farm: the longer, more precise name wins."""
    _places(store)
    iid = _call(store, "海州区石化基地罐区东侧", jurisdiction_code="320701")
    with store.read() as s:
        origin = incident_origin(s, s.get(Incident, iid))
    assert (origin.lat, origin.lon) == (34.60, 119.50) and "石化基地罐区" in origin.how


def test_nowhere_known_gives_no_origin(store, officer):
    _places(store)
    iid = _call(store, "不明地点")
    with store.read() as s:
        assert incident_origin(s, s.get(Incident, iid)) is None
