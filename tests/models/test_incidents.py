"""The incidents still being worked are found through their own index, not by reading every incident ever recorded."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from commanddesk.models import CLOSED_STATUSES
from commanddesk.services import overview


@pytest.fixture
def backend() -> str:
    return "postgresql"


def test_the_open_incidents_query_is_served_by_the_open_index(store):
    # the duty board's, the strip's and the list's question as the services send it: statuses as parameters
    names = [f"s{i}" for i in range(len(CLOSED_STATUSES))]
    ask = text("EXPLAIN SELECT * FROM incident WHERE status NOT IN (" + ", ".join(f":{n}" for n in names) + ") "
               "AND is_drill IS false ORDER BY received_at DESC, id DESC")
    with store.read() as s:
        s.execute(text("SET LOCAL enable_seqscan = off"))  # a tiny test table would be read whole anyway
        s.execute(text("SET LOCAL enable_bitmapscan = off"))
        plan = "\n".join(r[0] for r in s.execute(ask, dict(zip(names, CLOSED_STATUSES))))
        assert overview.duty_board(s) == []  # the board asks the same question and gets its answer
    assert "ix_incident_open" in plan


def test_the_strips_open_clocks_and_the_lists_count_are_served_by_their_indexes(store):
    with store.read() as s:
        s.execute(text("SET LOCAL enable_seqscan = off"))
        strip = "\n".join(r[0] for r in s.execute(text(
            "EXPLAIN SELECT clock_instance.id FROM clock_instance JOIN incident ON incident.id = clock_instance.incident_id "
            "WHERE clock_instance.state = :state AND clock_instance.kind != :kind AND incident.is_drill IS false "
            "ORDER BY clock_instance.due_at"), {"state": "open", "kind": "window"}))
        count = "\n".join(r[0] for r in s.execute(text(
            "EXPLAIN SELECT count(*) FROM (SELECT incident.id FROM incident WHERE incident.is_drill IS false) AS a")))
    assert "ix_clock_instance_open" in strip
    assert "ix_incident_real" in count
