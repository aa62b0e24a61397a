"""The demo county's routine: roster first (so calls and drafts name who is on duty), 零报告 with one street
not heard from, two 舆情 items."""

from sqlalchemy import select

from commanddesk.models import ClockInstance, Report
from commanddesk.services import demo, opinion, reports, roster, zero_reports


def test_the_demo_draft_and_leader_clock_name_the_rostered_leader(demo_store):
    ids = demo.stage_incidents(demo_store)
    with demo_store.read() as s:
        leader = roster.now(s).leader
        (draft,) = s.scalars(select(Report).where(Report.incident_id == ids[2], Report.status == "draft")).all()
        assert leader and reports.duty(draft)[1] == leader
        recipients = s.scalars(select(ClockInstance.recipient).where(ClockInstance.incident_id == ids[2],
                                                                       ClockInstance.rule_id == "C-LEADER-10")).all()
        assert recipients and all(leader in r for r in recipients)


def test_the_demo_county_has_one_street_not_heard_from(demo_store):
    demo.stage_incidents(demo_store)
    with demo_store.read() as s:
        lst = zero_reports.checklist(s)
        assert len(lst.lines) == 6 and lst.outstanding == ["猴嘴街道"]
        assert [line.unit for line in lst.lines if line.status == "situation"] == ["中云街道"]
        assert len(opinion.recent(s)) == 2
