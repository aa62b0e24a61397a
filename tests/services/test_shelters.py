"""Placing evacuated people in shelters: choices nearest first, refusals in Chinese, occupancy and status kept.

The main capacity/override and stale-view cases are in tests/services/test_ledger.py; these are the rest.
"""

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from commanddesk.errors import PermissionDenied, UserError, ValidationError
from commanddesk.models import Shelter, ShelterAssignment, TimelineEvent
from commanddesk.services import incidents, shelters


def _shelter(s, code, name, capacity, lat=None, lon=None, status="standby", occupancy=0):
    sh = Shelter(code=code, name=name, level="fixed", kind="building", capacity=capacity, lat=lat, lon=lon,
                 status=status, occupancy=occupancy)
    s.add(sh)
    s.flush()
    return sh.id


@pytest.fixture
def site(store, officer):
    with store.transaction() as s:
        ids = {"near": _shelter(s, "S1", "洪门小学", 50, 34.586, 119.216),
               "far": _shelter(s, "S2", "体育馆", 500, 34.70, 119.40),
               "nowhere": _shelter(s, "S3", "村委会", 30),
               "closed": _shelter(s, "S4", "旧礼堂", 80, 34.585, 119.215, status="closed")}
        inc = incidents.record_call(s, incidents.CallInput(category="natural", type="natural.rainstorm",
                                                           place_text="洪门街道", lat=34.585, lon=119.215))
    return store, ids, inc.incident_id


def test_options_nearest_first_closed_left_out_unplaced_last(site):
    store, ids, inc = site
    with store.read() as s:
        opts = shelters.options(s, inc)
    assert [o.name for o in opts] == ["洪门小学", "体育馆", "村委会"]
    assert opts[0].distance_km < 1 < opts[1].distance_km
    assert opts[2].distance_km is None
    assert (opts[0].status, opts[0].free, opts[0].placed_here) == ("待用", 50, 0)


def test_options_from_a_given_origin_without_incident(site):
    store, ids, _ = site
    with store.read() as s:
        opts = shelters.options(s, origin=SimpleNamespace(lat=34.70, lon=119.40))
    assert opts[0].name == "体育馆" and opts[0].distance_km < 0.01


def test_first_placement_opens_the_shelter_and_filling_it_marks_it_full(site):
    store, ids, inc = site
    with store.transaction() as s:
        row = shelters.assign(s, ids["near"], "20", inc, "  低洼片区  ")
        assert (row.people, row.occupancy_after, row.group_text, row.actor_name) == (20, 20, "低洼片区", "值班员甲")
    with store.read() as s:
        assert s.get(Shelter, ids["near"]).status == "open"
        events = [e.summary for e in s.scalars(select(TimelineEvent).where(TimelineEvent.incident_id == inc))]
    assert "安置 20 人到洪门小学（低洼片区），现安置 20 / 50 人" in events
    with store.transaction() as s:
        shelters.assign(s, ids["near"], 30, inc)
    with store.read() as s:
        assert s.get(Shelter, ids["near"]).status == "full"


def test_an_override_reason_within_capacity_is_not_kept(site):
    store, ids, inc = site
    with store.transaction() as s:
        row = shelters.assign(s, ids["near"], 10, inc, override_reason="以防万一")
        assert row.override_reason == ""


@pytest.mark.parametrize("people, message", [
    ("十", "人数须为整数，而不是“十”。"),
    ("", "人数须为整数"),
    (0, "人数须大于 0。"),
    (-5, "人数须大于 0。"),
    (10**7 + 1, "人数过大（10000001），请核对。"),
])
def test_people_must_be_a_sensible_whole_number(site, people, message):
    store, ids, inc = site
    with pytest.raises(ValidationError) as err:
        with store.transaction() as s:
            shelters.assign(s, ids["near"], people, inc)
    assert message in err.value.message
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(ShelterAssignment)) == 0
        assert s.get(Shelter, ids["near"]).occupancy == 0


def test_a_closed_shelter_takes_nobody(site):
    store, ids, inc = site
    with pytest.raises(ValidationError, match="“旧礼堂”已关闭，不能再安置人员。"):
        with store.transaction() as s:
            shelters.assign(s, ids["closed"], 5, inc)


def test_missing_shelter_or_incident(site):
    store, ids, inc = site
    with pytest.raises(UserError, match="该避难场所已不存在。"):
        with store.transaction() as s:
            shelters.assign(s, 9999, 5, inc)
    with pytest.raises(UserError, match="所选事件已不存在。"):
        with store.transaction() as s:
            shelters.assign(s, ids["near"], 5, 9999)
    with store.read() as s:
        assert s.get(Shelter, ids["near"]).occupancy == 0


def test_an_incident_can_only_take_away_its_own_people(site):
    store, ids, inc = site
    with store.transaction() as s:
        shelters.assign(s, ids["far"], 100)  # people placed without an incident
        shelters.assign(s, ids["far"], 10, inc)
    with pytest.raises(ValidationError, match="本事件在“体育馆”安置的只有 10 人。"):
        with store.transaction() as s:
            shelters.release(s, ids["far"], 11, inc)
    with store.transaction() as s:
        shelters.release(s, ids["far"], 11)  # without an incident: up to everyone there
    with store.read() as s:
        assert s.get(Shelter, ids["far"]).occupancy == 99
        assert [p.people for p in shelters.placements(s, inc)] == [10]


def test_placing_needs_a_signed_in_officer(store):
    with store.transaction() as s:
        sid = _shelter(s, "S1", "洪门小学", 50)
    with pytest.raises(PermissionDenied):
        with store.transaction() as s:
            shelters.assign(s, sid, 5)
    with store.read() as s:
        assert s.get(Shelter, sid).occupancy == 0
