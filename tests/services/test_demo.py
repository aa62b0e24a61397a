"""What --demo opens: the county, a year of synthetic past incidents marked （演示）, and today's live ones."""

from datetime import timedelta

from sqlalchemy import func, select

from commanddesk.models import Incident
from commanddesk.services import audit, daily, demo, history, incidents, statistics
from commanddesk.store import open_store


def test_a_demo_copy_has_a_closed_marked_year_that_is_never_today(clock):
    path = demo.fresh_copy(clock)
    store = open_store(path, clock)
    try:
        ids = demo.stage_incidents(store)
        now = clock.now()
        with store.read() as s:
            past = s.scalars(select(Incident).where(Incident.id.not_in(ids))).all()
            assert len(past) == demo.HISTORY_INCIDENTS
            assert all(i.title.endswith(history.MARK) and i.status == "terminated" for i in past)
            assert max(i.received_at for i in past) < now - timedelta(hours=23)
            assert min(i.received_at for i in past) > now - timedelta(days=366)
            report = daily.build(s, daily.today(s))  # today's duty day lists the staged calls only
            assert report.incidents == len(ids) and history.MARK not in dict(report.sections)["事件情况"]
            first = incidents.list_page(s)  # the list starts with the live calls, open, then the closed past
            assert {i.id for i in first.incidents[:len(ids)]} == set(ids)
            st = statistics.compute(s, (now - timedelta(days=365)).date(), now.date())
            assert st.incidents == demo.HISTORY_INCIDENTS + len(ids) and len([m for m in st.by_month.values() if m]) >= 12
        with store.engine.connect() as conn:
            assert audit.verify(conn, store.seal).ok
    finally:
        store.close()
        demo.discard(path)


def test_the_drill_reference_stays_free_of_incidents(demo_template):
    store = open_store(demo_template)
    try:
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(Incident)) == 0
    finally:
        store.close()
