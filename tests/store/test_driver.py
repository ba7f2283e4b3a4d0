"""The turn's statements on the driver: transactions, another process's lock, a lost server."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store import driver
from bot.store.db import create_engine
from bot.store.driver import Driver, Statements
from bot.store.locks import ConversationLocks
from bot.store.migrate import upgrade_async
from bot.store.qa import QaLog
from bot.store.state import Change, ETagConflict, StateStore
from tests.conftest import postgres_url, reset_postgres


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    await upgrade_async(database_url)
    created = create_engine(database_url)
    yield created
    await created.dispose()


async def test_a_failed_unit_of_work_leaves_nothing_behind(engine: AsyncEngine) -> None:
    store = StateStore(engine)
    tags = await store.write([Change("a", '{"n": 1}')])

    with pytest.raises(ETagConflict):  # the second change is stale: the first is undone too
        await store.write([Change("b", '{"n": 2}'), Change("a", '{"n": 3}', "stale")])

    stored = await store.read(["a", "b"])
    assert list(stored) == ["a"]
    assert stored["a"].data == '{"n": 1}' and stored["a"].e_tag == tags["a"]


async def test_questions_get_increasing_ids_and_are_read_back_through_sqlalchemy(
    engine: AsyncEngine,
) -> None:
    log = QaLog(engine)
    values = {"conversation_id": "c", "user_id": "u", "lang": "nb", "intent": "frame"}
    first = await log.record(text="hva er rammen", score=0.9, band="answer", **values)
    second = await log.record(text="frist", score=0.3, band="suggest", **values)

    assert second > first
    asked = await log.get(second)
    assert asked is not None and asked.text == "frist" and asked.band == "suggest"
    assert asked.asked_at.tzinfo is not None and not asked.missed


async def test_a_sqlite_write_waits_for_another_process_without_stopping_the_event_loop(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'laget.db'}"
    await upgrade_async(url)
    engine = create_engine(url)
    store = StateStore(engine)
    other = sqlite3.connect(tmp_path / "laget.db", isolation_level=None)  # a `laget` command
    try:
        other.execute("BEGIN IMMEDIATE")  # holds the write lock
        writing = asyncio.create_task(store.write([Change("k", '{"n": 1}')]))
        for _ in range(20):  # the event loop runs other work while the write waits
            await asyncio.sleep(0)
        assert not writing.done()

        other.execute("COMMIT")
        await writing
        assert (await store.read(["k"]))["k"].data == '{"n": 1}'
    finally:
        other.close()
        await engine.dispose()


class _BusyReader(sqlite3.Connection):
    """A read-only connection whose file is busy (another connection recovering the log)."""

    def execute(self, *_args: Any, **_kwargs: Any) -> sqlite3.Cursor:
        busy = sqlite3.OperationalError("database is locked")
        busy.sqlite_errorcode = sqlite3.SQLITE_BUSY
        raise busy


async def test_a_read_the_busy_reader_cannot_do_is_done_on_the_pools_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'laget.db'}"
    await upgrade_async(url)
    engine = create_engine(url)
    store = StateStore(engine)
    busy = sqlite3.connect(tmp_path / "laget.db", factory=_BusyReader)
    try:
        await store.write([Change("k", '{"n": 1}')])
        monkeypatch.setattr(driver, "sqlite_reader", lambda _engine: busy)

        assert (await store.read(["k"]))["k"].data == '{"n": 1}'
    finally:
        busy.close()
        await engine.dispose()


async def test_a_unit_of_work_that_waits_for_something_else_is_refused_on_sqlite(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'laget.db'}"
    await upgrade_async(url)
    engine = create_engine(url)

    async def waits(statements: Statements) -> None:
        await statements.execute("DELETE FROM bot_state")
        await asyncio.sleep(0)

    try:
        with pytest.raises(RuntimeError, match="other than SQLite"):
            await Driver(engine).run(waits, write=True)
    finally:
        await engine.dispose()


async def test_postgres_statements_of_a_turn_run_on_the_connection_holding_its_lock() -> None:
    url = postgres_url()
    await reset_postgres(url)
    await upgrade_async(url)
    engine = create_engine(url)
    locks = ConversationLocks(engine)
    store = StateStore(engine)
    checkouts: list[object] = []
    event.listen(engine.sync_engine, "checkout", lambda *_: checkouts.append(1))
    try:
        async with locks.hold("conversation"):
            await store.write([Change("k", '{"n": 1}')])
            assert (await store.read(["k"]))["k"].data == '{"n": 1}'
        assert checkouts == []  # no connection of the query pool was needed
        await store.read(["k"])  # outside a turn: the query pool's
        assert len(checkouts) == 1
    finally:
        await locks.close()
        await engine.dispose()


async def test_postgres_connections_lost_to_a_server_restart_are_replaced() -> None:
    url = postgres_url()
    await reset_postgres(url)
    await upgrade_async(url)
    engine = create_engine(url)
    locks = ConversationLocks(engine)
    store = StateStore(engine)
    admin = create_engine(url)
    try:
        await store.write([Change("k", '{"n": 1}')])
        async with locks.hold("conversation"):
            pass
        async with admin.connect() as connection:  # what a restart does to pooled connections
            await connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            await connection.commit()

        async with locks.hold("conversation"):
            stored = await store.read(["k"])
        assert stored["k"].data == '{"n": 1}'
        await store.write([Change("k", '{"n": 2}')])
        assert (await store.read(["k"]))["k"].data == '{"n": 2}'
    finally:
        await locks.close()
        await admin.dispose()
        await engine.dispose()
