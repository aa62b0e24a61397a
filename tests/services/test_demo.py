"""What --demo opens: the county, a year of synthetic past incidents marked （演示）, and today's live ones."""

import csv
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from commanddesk.models import (
    Contact, HazardSite, Incident, Jurisdiction, MaterialItem, Organisation, RescueTeam, Shelter, StockLine,
    StockMovement, TeamType, Warehouse,
)
from commanddesk.services import (
    accounts, audit, clocks, daily, deadlines, demo, history, incidents, plans, statistics,
)
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


# --- the county itself: every file loaded, the README's accounts, the cache, staged calls ------------------------


def _csv_rows(name: str) -> int:
    with open(demo.DEMO_DIR / name, encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.DictReader(fh))


@pytest.mark.parametrize("model, name", [
    (Jurisdiction, "jurisdictions.csv"), (TeamType, "team_types.csv"), (Organisation, "organisations.csv"),
    (Contact, "contacts.csv"), (RescueTeam, "teams.csv"), (Warehouse, "warehouses.csv"), (MaterialItem, "items.csv"),
    (StockLine, "stock.csv"), (Shelter, "shelters.csv"), (HazardSite, "hazard_sites.csv")])
def test_every_row_of_every_demo_file_is_in_the_template(demo_template, model, name):
    """The template holds exactly the rows of its CSV file: nothing dropped, nothing doubled."""
    store = open_store(demo_template)
    try:
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(model)) == _csv_rows(name)
    finally:
        store.close()


def test_the_stock_opens_with_one_ledger_entry_per_line(demo_template):
    """Each stock line's quantity is accounted for by an opening (期初) entry, so the ledger balances from day one."""
    store = open_store(demo_template)
    try:
        with store.read() as s:
            lines = {l.id: l.quantity for l in s.scalars(select(StockLine))}
            opening = dict(s.execute(select(StockMovement.stock_line_id, func.sum(StockMovement.quantity))
                                     .where(StockMovement.kind == "opening").group_by(StockMovement.stock_line_id)).all())
    finally:
        store.close()
    assert {k: v for k, v in lines.items() if v} == {k: v for k, v in opening.items() if v}


def test_the_accounts_in_the_readme_sign_in_with_their_pins(demo_store):
    """Each demo account the README lists signs in with the PIN given there, in the role given there."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\S+) \| (\S+)[^|]*\| (\d{6}) \|$", readme, re.M)
    assert len(rows) == _csv_rows("operators.csv") == 5
    roles = {"值班员": "duty_officer", "带班领导": "shift_leader", "演练导调员": "trainer", "系统管理员": "admin"}
    for name, role, pin in rows:
        with demo_store.transaction() as s:
            actor = accounts.sign_in(s, name, pin)
        assert actor.role.value == roles[role], name


def test_the_template_is_built_once_and_marked_as_the_demo(demo_template):
    """A second call returns the same file untouched; it is named for its fingerprint and its plans are demo plans."""
    before = demo_template.stat().st_mtime_ns
    assert demo.template() == demo_template and demo_template.stat().st_mtime_ns == before
    assert demo_template.name == f"demo-{demo.fingerprint()}.sqlite"
    store = open_store(demo_template)
    try:
        with store.read() as s:
            assert plans.is_demo(s)
    finally:
        store.close()


def test_the_fingerprint_follows_the_schema(monkeypatch):
    """A new schema revision names a new template (an old one would not open)."""
    first = demo.fingerprint()
    assert first == demo.fingerprint() and len(first) == 16
    monkeypatch.setattr(demo.migrations, "HEAD", "9999_future")
    assert demo.fingerprint() != first


def test_discarding_a_copy_removes_its_wal_files_too(tmp_path):
    """A demo copy goes with its -wal and -shm files; a missing one is no error."""
    path = tmp_path / "demo-1.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").write_bytes(b"x")
    demo.discard(path)
    demo.discard(path)
    assert list(tmp_path.iterdir()) == []


def test_staged_calls_have_live_clocks_one_of_them_almost_out(demo_store):
    """Three incidents minutes old, their clocks running on the store's clock: the leak's city phone report in its
    last minutes, and some already overdue, so the strip and the alarm have something to show."""
    ids = demo.stage_incidents(demo_store)
    assert len(ids) == 3
    with demo_store.read() as s:
        running = deadlines.running(s, drills=False)
    items = clocks.strip(running, demo_store.clock.now(), 5)
    assert {v.incident_id for v in running} >= set(ids)
    assert any(i.state == "due_soon" and i.view.name == "电话报告市政府" and i.view.incident_id in ids for i in items)
    assert any(i.state == "overdue" for i in items)
