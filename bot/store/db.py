"""Creating the async engine for SQLite (embedded default) or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

# How long a SQLite writer waits for another to commit (in the driver's thread, never on the
# event loop). Under a burst the event loop is slow to finish a transaction it has begun, and
# 5 s let a 50-conversation burst fail a turn with "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 30_000


def is_sqlite(url: str) -> bool:
    """True when the URL names a SQLite database."""
    return make_url(url).get_backend_name() == "sqlite"


def ensure_sqlite_dir(url: str) -> None:
    """Create the folder of a file-based SQLite database (e.g. ./var/) if it is missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database or "").parent.mkdir(parents=True, exist_ok=True)


def create_engine(url: str) -> AsyncEngine:
    """An async engine; SQLite gets WAL and a busy timeout so readers never block the writer.

    A failed statement's error never shows its parameters (what users wrote): they would reach
    the logs with it. No pre-ping on checkout (a round trip for every statement): a dead
    connection is noticed when it is used, and the pool starts afresh (see `bot.store.driver`).
    """
    ensure_sqlite_dir(url)
    if not is_sqlite(url):
        return create_async_engine(url, hide_parameters=True)
    # One connection per process: SQLite has a single writer anyway, and with several pooled
    # connections a writer that keeps its transaction open across `await`s on a busy event
    # loop left the others sleeping in SQLite's busy handler, some for seconds (a p95 of
    # 0.6-0.9 s and a slowest turn of 3.5 s with 16 clients, against 0.33 s and 0.55 s with
    # one connection, at the same throughput). Turns now queue for the connection in order on
    # the event loop. No code path holds a connection while it waits for a second one.
    engine = create_async_engine(url, pool_size=1, max_overflow=0, hide_parameters=True)

    @event.listens_for(engine.sync_engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


async def ping(engine: AsyncEngine) -> bool:
    """True when the database answers a trivial query."""
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception:  # any driver error means "not healthy"
        return False
    return True
