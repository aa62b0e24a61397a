"""The synthetic history of a demo store: right counts, clearly marked, and the audit log still verifies."""

from datetime import timedelta

from sqlalchemy import func, select

from commanddesk.models import AuditEntry, CallRecord, ClockInstance, Grading, Incident
from commanddesk.services import audit, history, incidents, statistics


def test_one_scaled_year_is_counted_marked_and_verifiable(demo_store):
    with demo_store.read() as s:
        before = s.scalar(select(func.count()).select_from(Incident))
        entries_before = s.scalar(select(func.count()).select_from(AuditEntry))
    seen = []
    counts = history.fill(demo_store, 1, incidents_per_year=500, audit_per_year=5000,
                          progress=lambda done, total: seen.append((done, total)))
    assert counts == {"incidents": 500, "calls": 500, "gradings": 500, "clocks": 1000, "audit": 5000}
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
