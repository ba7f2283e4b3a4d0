"""Every SQL statement a SQLite database runs, whichever path sent it (SQLAlchemy or the
driver directly): the sqlite3 connection's trace callback sees them all."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.driver import sqlite_reader


@asynccontextmanager
async def traced(engine: AsyncEngine) -> AsyncIterator[list[str]]:
    """The statements run on the engine's (single, pooled) SQLite connection and on its
    read-only connection (`bot.store.driver.sqlite_reader`) in the block, in order."""
    async with engine.connect() as connection:
        driver: Any = (await connection.get_raw_connection()).driver_connection
    connections = [driver._conn, sqlite_reader(engine)]  # noqa: SLF001 (aiosqlite's sqlite3)
    assert all(isinstance(raw, sqlite3.Connection) for raw in connections)
    statements: list[str] = []
    for raw in connections:
        raw.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        for raw in connections:
            raw.set_trace_callback(None)


def reads_of(statements: list[str], table: str) -> list[str]:
    """The SELECTs among `statements` that name `table`."""
    return [s for s in statements if s.lstrip().upper().startswith("SELECT") and table in s]
