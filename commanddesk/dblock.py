"""The one lock every writer takes on a database server (SQLite's BEGIN IMMEDIATE does the same job itself)."""

WRITE_LOCK = 0x636D6464  # the advisory lock key every write transaction on PostgreSQL takes ("cmdd")


def write_lock(conn) -> None:
    """Serialise writers on PostgreSQL: a transaction-scoped advisory lock, released at commit/rollback."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
