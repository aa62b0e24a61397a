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
