"""The incident timeline: one line per change, stamped with who did it and the injected clock's time."""

from datetime import timedelta

from sqlalchemy import select

from commanddesk.models import Incident, TimelineEvent
from commanddesk.services import incidents, timeline


def _incident(s):
    return s.get(Incident, incidents.record_call(s, incidents.CallInput(
        category="natural", type="natural.geohazard", place_text="某村后山")).incident_id)


def test_a_line_names_the_signed_in_officer_and_the_clocks_time(store, officer, clock):
    with store.transaction() as s:
        inc = _incident(s)
        clock.advance(minutes=7)
        timeline.record(s, inc, "note", "现场报告道路中断", {"road": "X101"})
    with store.read() as s:
        line = s.scalars(select(TimelineEvent).where(TimelineEvent.kind == "note")).one()
        assert (line.summary, line.data, line.actor_name) == ("现场报告道路中断", {"road": "X101"}, "值班员甲")
        assert line.at == clock.now()


def test_a_line_at_a_given_time_and_by_the_system_when_nobody_is_signed_in(store, officer, clock):
    earlier = clock.now() - timedelta(hours=1)
    with store.transaction() as s:
        inc = _incident(s)
        s.info["actor"] = None
        timeline.record(s, inc, "note", "系统补记", at=earlier)
    with store.read() as s:
        line = s.scalars(select(TimelineEvent).where(TimelineEvent.kind == "note")).one()
        assert (line.actor_name, line.actor_id, line.at) == ("系统", None, earlier)
