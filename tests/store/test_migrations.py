"""The migrations make exactly the tables the code declares (bot/store/tables.py)."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from bot.store import reminder_tables as _reminder_tables  # noqa: F401  (its tables count too)
from bot.store.migrate import head_revision, upgrade
from bot.store.tables import metadata


def test_the_migrated_schema_matches_the_declared_tables(tmp_path: Path) -> None:
    upgrade(f"sqlite+aiosqlite:///{tmp_path}/m.db")
    engine = create_engine(f"sqlite:///{tmp_path}/m.db")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, metadata)
        assert context.get_current_revision() == head_revision()
    engine.dispose()
    assert differences == []
