"""The synthetic history of a demo store: right counts, clearly marked, and the audit log still verifies."""

from datetime import timedelta

from sqlalchemy import func, select

from commanddesk.models import (
    AuditEntry, CallRecord, ClockInstance, Grading, Incident, Report, RescueTeam, StockMovement, TimelineEvent,
)
from commanddesk.services import audit, history, incidents, ledger, statistics


def test_one_scaled_year_is_counted_marked_and_verifiable(demo_store):
    with demo_store.read() as s:
        before = s.scalar(select(func.count()).select_from(Incident))
        entries_before = s.scalar(select(func.count()).select_from(AuditEntry))
    seen = []
    counts = history.fill(demo_store, 1, incidents_per_year=500, audit_per_year=5000,
                          progress=lambda done, total: seen.append((done, total)),
                          movements_per_year=0, teams_per_year=0, drills_per_year=0)
    assert counts == {"incidents": 500, "calls": 500, "gradings": 500, "clocks": 1000, "reports": 500,
                      "report_sends": 500, "timeline": 1000, "drills": 0, "movements": 0, "teams": 0,
                      "audit": 5000}
    assert seen[-1] == (500, 500)
    with demo_store.read() as s:
        assert s.scalar(select(func.count()).select_from(Incident)) == before + 500
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == entries_before + 5000
        synthetic = s.scalars(select(Incident).where(Incident.title.like(f"%{history.MARK}"))).all()
        assert len(synthetic) == 500
        for i in synthetic[:50]:  # each opens like any incident: the grading rules accept its facts
            incidents.suggest_for(i, incidents.tables_for(s))
        ids = [i.id for i in synthetic]
        for model in (CallRecord, Grading):
            assert s.scalar(select(func.count()).select_from(model).where(model.incident_id.in_(ids))) == 500
        assert s.scalar(select(func.count()).select_from(ClockInstance)
                        .where(ClockInstance.incident_id.in_(ids))) == 1000
        now = demo_store.clock.now()
        span = min(i.received_at for i in synthetic), max(i.received_at for i in synthetic)
        assert span[0] >= now - timedelta(days=366) and span[1] < now and span[1] - span[0] > timedelta(days=300)
        st = statistics.compute(s, (now - timedelta(days=366)).date(), now.date())
        assert st.incidents >= 500
    with demo_store.engine.connect() as conn:
        result = audit.verify(conn, demo_store.seal)
    assert result.ok, result.message()
    assert result.checked == entries_before + 5000 and result.signed


def test_a_busy_county_has_reports_timelines_ledger_teams_and_drills(demo_store):
    """The ten-year shape, scaled down: every incident has its 初报 (sent, numbered per year) and timeline, the
    ledger's pairs leave every line adding up, the teams are registry rows, drills stay out of the figures."""
    with demo_store.read() as s:
        teams_before = s.scalar(select(func.count()).select_from(RescueTeam))
        moves_before = s.scalar(select(func.count()).select_from(StockMovement))
        last = {m: s.scalar(select(func.coalesce(func.max(m.id), 0))) for m in (StockMovement, AuditEntry, Report,
                                                                               TimelineEvent)}
    counts = history.fill(demo_store, 2, incidents_per_year=150, audit_per_year=100,
                          movements_per_year=400, teams_per_year=25, drills_per_year=3)
    assert counts["incidents"] == 300 and counts["drills"] == 6 and counts["movements"] == 800
    assert counts["teams"] == 50 and counts["reports"] == counts["report_sends"] == 306
    assert counts["timeline"] == 612
    assert counts["audit"] == 306 * 9 + 800 + 50  # every row audited: more entries than the floor asked for
    with demo_store.read() as s:
        assert s.scalar(select(func.count()).select_from(RescueTeam)) == teams_before + 50
        assert s.scalar(select(func.count()).select_from(StockMovement)) == moves_before + 800
        assert ledger.check(s) == []
        drills = s.scalars(select(Incident).where(Incident.is_drill.is_(True))).all()
        assert len(drills) == 6 and all(d.title.startswith("演练：") and d.title.endswith(history.MARK) for d in drills)
        now = demo_store.clock.now()
        for model, column in ((StockMovement, StockMovement.at), (AuditEntry, AuditEntry.at),
                              (Report, Report.sent_at), (TimelineEvent, TimelineEvent.at)):
            newest = s.scalar(select(func.max(column)).where(model.id > last[model]))
            assert newest <= now, model  # all of it is history: nothing dated ahead
        numbers = s.execute(select(Report.doc_year, Report.doc_seq).where(Report.title.like(f"%{history.MARK}%"))).all()
        assert len(numbers) == len(set(numbers)) == 306
        now = demo_store.clock.now()
        st = statistics.compute(s, (now - timedelta(days=800)).date(), now.date())
        assert st.incidents == 300  # no drill among them
        some = s.scalars(select(Incident).where(Incident.title.like(f"%{history.MARK}"), Incident.is_drill.is_(False))
                         .limit(1)).one()
        kinds = [e.kind for e in s.scalars(select(TimelineEvent).where(TimelineEvent.incident_id == some.id))]
        assert kinds == ["call", "report"]
    with demo_store.engine.connect() as conn:
        result = audit.verify(conn, demo_store.seal)
    assert result.ok, result.message()


def test_the_county_profile_looks_like_a_county_year(demo_store):
    """The --demo store's year: catalogue kinds (roads and fires first, rain in the flood season), nearly all
    一般, the post's own townships by name, the clock rules of the shipped rule file met late now and then."""
    from collections import Counter

    from commanddesk.catalogues import catalogue
    from commanddesk.clock import to_beijing
    from commanddesk.models import Jurisdiction

    counts = history.fill(demo_store, 1, incidents_per_year=600, audit_per_year=600 * 5, profile=history.COUNTY,
                          movements_per_year=0, teams_per_year=0, drills_per_year=0)
    assert counts["incidents"] == 600 and counts["movements"] == counts["teams"] == counts["drills"] == 0
    with demo_store.read() as s:
        synthetic = s.scalars(select(Incident).where(Incident.title.like(f"%{history.MARK}"))).all()
        towns = dict(s.execute(select(Jurisdiction.code, Jurisdiction.name).where(Jurisdiction.level == "town")).all())
        clocks = s.scalars(select(ClockInstance).where(ClockInstance.incident_id.in_([i.id for i in synthetic]))).all()
    types = catalogue("incident_type")
    assert all(i.type in types and i.status == "terminated" and not i.is_drill for i in synthetic)
    kinds = Counter(i.type for i in synthetic)
    assert kinds.most_common(2)[0][0] in ("accident.road_traffic", "accident.fire")
    assert sum(1 for i in synthetic if i.grade == 4) > 0.95 * len(synthetic)
    assert all(i.jurisdiction_code in towns and i.place_text.startswith(towns[i.jurisdiction_code]) for i in synthetic)
    natural = Counter(6 <= to_beijing(i.received_at).month <= 9 for i in synthetic if i.category == "natural")
    assert natural[True] > natural[False]  # a third of the year holds most of the rain
    assert {c.rule_id for c in clocks} <= {"C-LEADER-10", "C-LEVEL-2H", "C-DIS-2H"}
    late = sum(1 for c in clocks if c.state == "met_late") / len(clocks)
    assert 0.01 < late < 0.15 and all(c.state in ("met", "met_late") for c in clocks)
    with demo_store.engine.connect() as conn:
        assert audit.verify(conn, demo_store.seal).ok
