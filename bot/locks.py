"""One turn at a time per conversation, within one process and across instances.

Inside a process an `asyncio.Lock` per conversation orders the turns. On PostgreSQL, where
several `laget serve` instances may share one database, a session-level advisory lock keyed by
the conversation id also orders turns that arrive at different instances. SQLite is the
single-instance setup, so the in-process lock is all it needs.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

_LOCK = text("SELECT pg_advisory_lock(hashtextextended(:key, 0))")
_UNLOCK = text("SELECT pg_advisory_unlock(hashtextextended(:key, 0))")


class ConversationLocks:
    """Hands out the lock of a conversation; unused locks are dropped again."""

    def __init__(self, engine: AsyncEngine | None = None) -> None:
        self._engine = (
            engine if engine is not None and engine.dialect.name == "postgresql" else None
        )
        self._locks: dict[str, asyncio.Lock] = {}
        self._waiters: dict[str, int] = {}

    @asynccontextmanager
    async def hold(self, conversation_id: str) -> AsyncIterator[None]:
        """Hold the conversation's lock for the duration of the block."""
        lock = self._locks.setdefault(conversation_id, asyncio.Lock())
        self._waiters[conversation_id] = self._waiters.get(conversation_id, 0) + 1
        try:
            async with lock:
                if self._engine is None:
                    yield
                else:
                    async with self._engine.connect() as connection:
                        await connection.execute(_LOCK, {"key": conversation_id})
                        try:
                            yield
                        finally:
                            await connection.execute(_UNLOCK, {"key": conversation_id})
        finally:
            self._waiters[conversation_id] -= 1
            if self._waiters[conversation_id] == 0:
                del self._waiters[conversation_id]
                del self._locks[conversation_id]

    def __len__(self) -> int:
        """How many conversations currently hold or wait for a lock."""
        return len(self._locks)
