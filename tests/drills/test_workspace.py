"""A drill's own database: reference data copied, incidents and the real audit log left behind, the real store untouched."""

import hashlib
import sqlite3
from datetime import datetime, timezone

from pathlib import Path

import pytest

from commanddesk.drills import workspace
from commanddesk.drills.scenario import bundled
from commanddesk.services import incidents


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count(path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def reference(demo_store):
    """The demo store with one real incident recorded (and audited) in it, closed again."""
    with demo_store.transaction() as s:
        incidents.record_call(s, incidents.CallInput(category="natural", type="natural.rainstorm",
                                                     place_text="洪门街道", caller_name="张三"))
    path = Path(demo_store.engine.url.database)
    demo_store.close()
    return path


def test_a_drill_copies_reference_data_without_incidents(reference, tmp_path):
    before = _digest(reference)
    assert _count(reference, "incident") > 0
    drill = workspace.create(reference, tmp_path / "drill.sqlite")
    assert _digest(reference) == before  # the real store only read
    assert _count(drill, "incident") == 0
    assert _count(drill, "timeline_event") == 0
    assert _count(reference, "audit_log") > 0 and _count(drill, "audit_log") == 0
    assert _count(drill, "rescue_team") == _count(reference, "rescue_team") > 0
    con = sqlite3.connect(drill)
    try:
        assert con.execute("SELECT value FROM setting WHERE key='workspace'").fetchone() == ("drill",)
        # the audit log's guard is back in place
        assert con.execute("SELECT 1 FROM sqlite_master WHERE type='trigger' AND name='audit_log_no_delete'"
                           ).fetchone() == (1,)
    finally:
        con.close()


def test_an_existing_drill_file_is_never_overwritten(reference, tmp_path):
    target = tmp_path / "drill.sqlite"
    target.write_bytes(b"keep me")
    with pytest.raises(FileExistsError):
        workspace.create(reference, target)
    assert target.read_bytes() == b"keep me"


def test_new_path_names_scenario_and_start_and_listing_reads_it_back():
    when = datetime(2026, 11, 23, 14, 0, 5, tzinfo=timezone.utc)
    path = workspace.new_path("t-tank", when)
    assert path.parent == workspace.drills_dir()
    assert path.name == "drill-t-tank-20261123-140005.sqlite"
    path.write_bytes(b"")  # not a database: described from its name alone
    older = workspace.new_path("t-tank", datetime(2026, 11, 1, 8, 0, tzinfo=timezone.utc))
    older.write_bytes(b"damaged")
    files = workspace.listing()
    assert [f.path for f in files] == [path, older]
    assert files[0].started == when
    assert files[0].title == "演练（脚本不详）"


def test_describe_names_the_scenario_and_start(reference, tmp_path):
    scenario = bundled()[0]
    drill = workspace.create(reference, tmp_path / "drill-x.sqlite")
    con = sqlite3.connect(drill)
    con.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('drill_scenario', ?)", (scenario.id,))
    con.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('drill_started', '2026-11-23T14:00:00')")
    con.commit()
    con.close()
    found = workspace.describe(drill)
    assert found.title == scenario.title
    assert found.started == datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)  # naive read as UTC


def test_describe_a_drill_whose_scenario_is_gone(reference, tmp_path):
    drill = workspace.create(reference, tmp_path / "drill-y.sqlite")
    con = sqlite3.connect(drill)
    con.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('drill_scenario', 'no-such-scenario')")
    con.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('drill_started', 'not a time')")
    con.commit()
    con.close()
    found = workspace.describe(drill)
    assert found.title == "演练（脚本已不在本机）"
    assert found.started is None


def test_delete_removes_the_file_and_its_wal(tmp_path):
    path = tmp_path / "drill-z.sqlite"
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"drill-z.sqlite{suffix}").write_bytes(b"x")
    workspace.delete(path)
    assert list(tmp_path.iterdir()) == []
    workspace.delete(path)  # already gone: nothing to complain about
