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
