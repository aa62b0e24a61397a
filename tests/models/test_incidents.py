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
        plan = "\n".join(r[0] for r in s.execute(ask, dict(zip(names, CLOSED_STATUSES))))
        assert overview.duty_board(s) == []  # the board asks the same question and gets its answer
    assert "ix_incident_open" in plan
