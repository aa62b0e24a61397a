"""Alembic migrations: they build exactly the models' schema, and are listed."""

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from commanddesk import migrations
from commanddesk.models import Base
from commanddesk.store import open_store


def test_upgrade_from_empty_equals_models(tmp_path):
    """Upgrading an empty file to head gives the same schema as the ORM metadata."""
    store = open_store(tmp_path / "m.sqlite")
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    store.close()
    assert diff == []


def test_revision_list_matches_scripts():
    """migrations.REVISIONS names every script, in order, ending at the head."""
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations.DIRECTORY))
    script = ScriptDirectory.from_config(cfg)
    ordered = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(ordered) == migrations.REVISIONS
    assert script.get_current_head() == migrations.HEAD


def test_audit_log_refuses_update_and_delete(tmp_path):
    """The database itself keeps the audit log append-only."""
    import sqlite3

    import pytest

    store = open_store(tmp_path / "a.sqlite")
    from commanddesk.services import audit

    with store.transaction() as s:
        audit.record(s, "test", "thing", "1")
    store.close()
    conn = sqlite3.connect(tmp_path / "a.sqlite")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET actor_name='x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log")
    conn.close()


def _insert(conn, table, **values):
    """Insert a row at an old schema, filling every other NOT NULL column with a blank of its type."""
    from sqlalchemy import text

    for _cid, name, type_, notnull, default, pk in conn.execute(text(f"PRAGMA table_info({table})")):
        if notnull and not pk and default is None and name not in values:
            kind = type_.upper()
            values[name] = (0 if "INT" in kind or "BOOL" in kind else "2026-11-23 14:00:00.000000"
                            if "DATETIME" in kind else "{}" if "JSON" in kind else "")
    names = ", ".join(values)
    conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + n for n in values)})"), values)


def test_0005_moves_relief_response_levels_off_the_grade(tmp_path):
    """A natural disaster graded on the relief table before 0005 gets that level as its response level."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations.DIRECTORY))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004_plans")
        # What 0004 stored: the relief plan's Ⅳ response as a flood's grade; a blast graded on 493.
        _insert(conn, "incident", id=1, title="洪涝", category="natural", type="natural.flood", grade=4)
        _insert(conn, "incident", id=2, title="爆炸", category="accident", type="accident.explosion", grade=3)
        _insert(conn, "grading", incident_id=1, table_id="natural_disaster_relief_2024", suggested=4, chosen=4,
                reasons='["死亡和失踪 25 人"]')
        _insert(conn, "grading", incident_id=2, table_id="production_safety_493", suggested=3, chosen=3)
        command.upgrade(cfg, "head")
        incidents = conn.execute(text("SELECT id, grade, response_level FROM incident ORDER BY id")).all()
        gradings = conn.execute(text(
            "SELECT incident_id, suggested, response_level, response_table_id, response_reasons FROM grading "
            "ORDER BY incident_id")).all()
    engine.dispose()
    assert [tuple(r) for r in incidents] == [(1, None, 4), (2, 3, None)]
    assert tuple(gradings[0])[:4] == (1, 4, 4, "natural_disaster_relief_2024") and "25" in gradings[0][4]
    assert tuple(gradings[1])[:4] == (2, 3, None, "")


def test_a_store_from_0002_opens_with_its_ledger_and_audit_log_in_order(tmp_path):
    """Stock from before the ledger gets its opening entries on upgrade (ledger.check agrees), and the
    rows the migrations changed are resealed, so `audit verify` passes on the upgraded store."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from commanddesk.services import audit, ledger
    from commanddesk.store import open_store

    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations.DIRECTORY))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002_intake")
        _insert(conn, "warehouse", id=1, code="W1", name="区储备库", level="county", jurisdiction_code="",
                lat=34.5, lon=119.2, version=1)
        _insert(conn, "material_item", id=1, code="M1", name="救生衣", category="protection", unit="件",
                perishable=0, version=1)
        _insert(conn, "stock_line", id=1, warehouse_id=1, item_id=1, batch="", quantity=50, version=1)
    engine.dispose()
    store = open_store(path)
    try:
        with store.read() as s:
            assert ledger.check(s) == []
            assert ledger.balance(s, 1, 1) == 50
            result = audit.verify(s.connection(), store.seal)
        assert result.ok, result.message()
    finally:
        store.close()
