"""Append-only triggers for SQLite and PostgreSQL, used by the migrations.

SQLite: ``BEFORE UPDATE``/``BEFORE DELETE`` triggers that ``RAISE(ABORT)``.
PostgreSQL: one PL/pgSQL function raising an exception, attached per table
``BEFORE UPDATE``, ``BEFORE DELETE`` (per row) and ``BEFORE TRUNCATE`` (per
statement). The trigger names are the same on both (``<table>_no_update`` …),
so ``audit verify`` can look for them.
"""

from __future__ import annotations

FUNCTION = "commanddesk_append_only"


def is_postgresql(op) -> bool:
    return op.get_bind().dialect.name == "postgresql"


def append_only(op, table: str) -> None:
    """Make the database refuse UPDATE and DELETE (and on PostgreSQL TRUNCATE) on *table*."""
    if is_postgresql(op):
        op.execute(f"""CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; END $$""")
        for kind, when in (("no_update", "BEFORE UPDATE ON {t} FOR EACH ROW"),
                           ("no_delete", "BEFORE DELETE ON {t} FOR EACH ROW"),
                           ("no_truncate", "BEFORE TRUNCATE ON {t} FOR EACH STATEMENT")):
            op.execute(f"CREATE TRIGGER {table}_{kind} {when.format(t=table)} EXECUTE FUNCTION {FUNCTION}()")
        return
    op.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
               f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
    op.execute(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
               f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")


def drop_append_only(op, table: str) -> None:
    if is_postgresql(op):
        for kind in ("no_update", "no_delete", "no_truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_{kind} ON {table}")
        return
    op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
    op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
