"""One turn at a time per conversation, within one process and across instances.

Inside a process an `asyncio.Lock` per conversation orders the turns. On PostgreSQL, where
several `laget serve` instances may share one database, a session-level advisory lock keyed by
the conversation id also orders turns that arrive at different instances. SQLite is the
single-instance setup, so the in-process lock is all it needs.

A session-level advisory lock lives on one connection, which must stay checked out for the whole
turn. Those connections come from a pool of their own: if they came from the pool the turn's
queries use, a burst of as many conversations as that pool has connections would check them all
out for locks, and every turn would then wait forever for a connection to do its work. With two
pools, a turn waiting for a lock connection holds nothing the running turns need.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.store.driver import Driver

# Outside a transaction: the lock is session-level and outlives the statement.
_LOCK = "SELECT pg_advisory_lock(hashtextextended(?, 0))"
_UNLOCK = "SELECT pg_advisory_unlock(hashtextextended(?, 0))"

# Connections held by turns in progress, per instance; more turns wait for one (and hold
# nothing else meanwhile). With the query pool's 5 + 10, an instance opens at most 30
# connections: Azure's smallest PostgreSQL (B1ms) allows 50, PostgreSQL's default is 100
# (deploy/README.md, "Running several instances").
LOCK_POOL_SIZE = 5
LOCK_POOL_OVERFLOW = 10


class ConversationLocks:
    """Hands out the lock of a conversation; unused locks are dropped again."""

    def __init__(self, engine: AsyncEngine | None = None) -> None:
        self._engine: AsyncEngine | None = None
        self._driver: Driver | None = None
        if engine is not None and engine.dialect.name == "postgresql":
            self._engine = create_async_engine(
                engine.url,
                pool_size=LOCK_POOL_SIZE,
                max_overflow=LOCK_POOL_OVERFLOW,
                hide_parameters=True,
            )
            self._driver = Driver(self._engine)
        self._locks: dict[str, asyncio.Lock] = {}
        self._waiters: dict[str, int] = {}

    @asynccontextmanager
    async def hold(self, conversation_id: str) -> AsyncIterator[None]:
        """Hold the conversation's lock for the duration of the block."""
        lock = self._locks.setdefault(conversation_id, asyncio.Lock())
        self._waiters[conversation_id] = self._waiters.get(conversation_id, 0) + 1
        try:
            async with lock:
                if self._driver is None:
                    yield
                else:
                    async with self._driver.holding(_LOCK, (conversation_id,)) as statements:
                        try:
                            yield
                        finally:
                            await statements.fetch(_UNLOCK, (conversation_id,))
        finally:
            self._waiters[conversation_id] -= 1
            if self._waiters[conversation_id] == 0:
                del self._waiters[conversation_id]
                del self._locks[conversation_id]

    def __len__(self) -> int:
        """How many conversations currently hold or wait for a lock."""
        return len(self._locks)

    async def close(self) -> None:
        """Release the lock connections."""
        if self._engine is not None:
            await self._engine.dispose()
