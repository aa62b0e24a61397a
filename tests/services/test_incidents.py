"""Incident reads the pages use: where it is, and the assessment entered for plan matching."""

import pytest

from commanddesk.errors import UserError
from commanddesk.models import Incident
from commanddesk.services import incidents


def _call(s, **kw):
    return incidents.record_call(s, incidents.CallInput(category="natural", type="natural.geohazard",
                                                        place_text="某村后山", **kw)).incident_id


def test_position_is_the_incidents_coordinates_or_nothing(store, officer):
    with store.transaction() as s:
        placed = _call(s, lat=34.6, lon=119.2)
        unplaced = _call(s)
    with store.read() as s:
        assert incidents.position(s, placed) == (34.6, 119.2)
        assert incidents.position(s, unplaced) is None
        assert incidents.position(s, 999) is None


def test_assessment_is_the_warning_and_measures_last_entered(store, officer):
    with store.transaction() as s:
        inc = _call(s)
        assert incidents.assessment(s, inc) == ("", {})
        s.get(Incident, inc).warning, s.get(Incident, inc).measures = "red", {"outage_share": 0.3}
    with store.read() as s:
        assert incidents.assessment(s, inc) == ("red", {"outage_share": 0.3})
        with pytest.raises(UserError, match="不存在"):
            incidents.assessment(s, 999)


def test_known_facts_prefill_a_follow_up_call(store, officer):
    with store.transaction() as s:
        inc = _call(s, counts={"deaths": 2})
    with store.read() as s:
        known = incidents.known_facts(s, inc)
        assert known.type == "natural.geohazard" and known.place_text == "某村后山" and known.counts["deaths"] == 2
        with pytest.raises(UserError, match="不存在"):
            incidents.known_facts(s, 999)


def _listed(store, **kw):
    from commanddesk.services import incidents as svc

    with store.read() as s:
        page = svc.list_page(s, **kw)
        return [i.place_text for i in page.incidents], page.total, page.more


def test_the_list_comes_a_page_at_a_time_with_every_open_incident(store, officer, clock):
    """Newest first, *limit* at a time; an old incident still open is on the first page whatever its age."""
    from commanddesk.models import Incident
    from commanddesk.services import incidents as svc

    places = ["甲村", "乙村", "丙村", "丁村", "戊村"]
    ids = []
    for place in places:
        with store.transaction() as s:
            ids.append(svc.record_call(s, svc.CallInput(category="accident", type="accident.fire",
                                                        place_text=place, counts={})).incident_id)
        clock.advance(minutes=10)
    with store.transaction() as s:
        for i in ids[1:]:
            s.get(Incident, i).status = "terminated"
    assert _listed(store, limit=2) == (["戊村", "丁村", "甲村"], 5, True)  # 甲村 is old but open
    assert _listed(store, offset=2, limit=2) == (["丙村", "乙村"], 5, True)
    assert _listed(store, offset=4, limit=2) == (["甲村"], 5, False)
    assert _listed(store, text="丙") == (["丙村"], 1, False)
    assert _listed(store, text=f"#{ids[3]}") == (["丁村"], 1, False)
    assert _listed(store, text="村 戊") == (["戊村"], 1, False)
    assert _listed(store, text="%") == ([], 0, False)  # typed wildcards are letters, not patterns
    with store.read() as s:
        assert [i.id for i in svc.active_incidents(s)] == [ids[0]]


def test_the_filter_finds_by_number_title_and_place_and_counts_every_match(store, officer, clock):
    """What the filter box finds (served by ix_incident_filter, 0021): the post's number, a vehicle's 车1-0007,
    a word of the title or of the place; the count is every match, also past the first page."""
    from commanddesk.models import Incident
    from commanddesk.services import incidents as svc

    ids = []
    for place in ("海州区甲村", "海州区乙村", "连云区丙村"):
        with store.transaction() as s:
            ids.append(svc.record_call(s, svc.CallInput(category="accident", type="accident.fire",
                                                        place_text=place, counts={})).incident_id)
        clock.advance(minutes=10)
    with store.transaction() as s:  # the third came from vehicle 1, its seventh incident
        for i, title in zip(ids, ("甲村民房火灾", "乙村仓库火灾", "丙村厂房火灾")):
            s.get(Incident, i).title = title
        s.get(Incident, ids[2]).sync_site, s.get(Incident, ids[2]).site_number = "车1", 7
    assert _listed(store, text="车1-0007") == (["连云区丙村"], 1, False)
    assert _listed(store, text=f"#{ids[0]}") == (["海州区甲村"], 1, False)
    assert _listed(store, text="海州") == (["海州区乙村", "海州区甲村"], 2, False)
    assert _listed(store, text="仓库 海州") == (["海州区乙村"], 1, False)  # a title word and a place word
    assert _listed(store, text="火灾", limit=1) == (["连云区丙村"], 3, True)
    assert _listed(store, text="火灾", offset=1, limit=1) == (["海州区乙村"], 3, True)
    assert _listed(store, text="没有这个") == ([], 0, False)
