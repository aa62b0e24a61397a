"""Which views re-read when another seat changes tables."""

from commanddesk import live
from commanddesk.models import Base
from commanddesk.notify import ALL

# Tables no view shows besides audit_* and sync_*: sign-in spans, and seat heartbeats (not announced;
# presence is re-read on its own timer). A new table must be given a view key or be named here.
_NO_VIEW = frozenset({"shift", "seat_presence"})


def test_tables_heard_together_become_sorted_distinct_keys():
    assert live.keys_for(["incident", "timeline_event", "dispatch"]) == ["dispatch", "incidents"]
    assert live.keys_for({"shelter_assignment"}) == ["shelters"]
    assert live.keys_for(["stock_movement", "stock_level", "warehouse"]) == ["stock", "warehouses"]


def test_tables_no_view_shows_re_read_nothing():
    assert live.keys_for(["audit_log"]) == []
    assert live.keys_for([]) == []
    assert live.keys_for(["no_such_table", "contact"]) == ["contacts"]


def test_a_reconnect_re_reads_everything():
    assert live.keys_for(["incident", ALL]) == [live.EVERYTHING]


def test_every_table_named_is_a_table_of_the_store():
    """A misspelt table name would silently never refresh its view."""
    assert set(live.KEY_BY_TABLE) <= set(Base.metadata.tables)


def test_every_table_a_seat_edits_has_its_view_key_or_is_known_to_have_none():
    unmapped = set(Base.metadata.tables) - set(live.KEY_BY_TABLE)
    assert all(t.startswith(("audit", "sync_")) or t in _NO_VIEW for t in unmapped), sorted(unmapped)

