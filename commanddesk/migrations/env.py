"""Alembic environment: runs on the connection commanddesk hands over."""

from alembic import context
from sqlalchemy import create_engine

from commanddesk.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    """Upgrade on the given connection, or on the URL for command-line use."""
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection, target_metadata=target_metadata, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


run()
