"""A key/value store of JSON documents with e_tags, for conversation and user state.

This is the SQL half of the bot's state storage and knows nothing of the Bot Framework; the
botbuilder `Storage` in `bot/teams/storage.py` wraps it. A write either succeeds for every item or
changes nothing: a stale e_tag anywhere in the batch raises `ETagConflict` and rolls back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.tables import bot_state


class ETagConflict(Exception):
    """The stored item changed since it was read (its e_tag no longer matches)."""


@dataclass(frozen=True)
class StoredItem:
    """One stored document and the e_tag of its current version."""

    data: str
    e_tag: str


@dataclass(frozen=True)
class Change:
    """A document to store; `expected_e_tag` None means overwrite whatever is there."""

    key: str
    data: str
    expected_e_tag: str | None = None


class StateStore:
    """Reads and writes JSON documents by key, with optimistic concurrency."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def read(self, keys: Iterable[str]) -> dict[str, StoredItem]:
        """The stored items among `keys`; unknown keys are simply absent."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        query = select(bot_state.c.key, bot_state.c.data, bot_state.c.e_tag).where(
            bot_state.c.key.in_(wanted)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return {row.key: StoredItem(row.data, row.e_tag) for row in rows}

    async def write(self, changes: Sequence[Change]) -> dict[str, str]:
        """Store all changes in one transaction; returns each key's new e_tag."""
        new_tags: dict[str, str] = {}
        if not changes:
            return new_tags
        now = datetime.now(UTC)
        async with self._engine.begin() as connection:
            for change in changes:
                e_tag = uuid.uuid4().hex
                values = {"data": change.data, "e_tag": e_tag, "updated_at": now}
                if change.expected_e_tag is None:
                    await connection.execute(self._upsert(connection.dialect.name, change, values))
                else:
                    result = await connection.execute(
                        update(bot_state)
                        .where(bot_state.c.key == change.key)
                        .where(bot_state.c.e_tag == change.expected_e_tag)
                        .values(**values)
                    )
                    if result.rowcount != 1:
                        raise ETagConflict(f"e_tag conflict on state key {change.key!r}")
                new_tags[change.key] = e_tag
        return new_tags

    async def delete(self, keys: Iterable[str]) -> None:
        """Delete the items; unknown keys are ignored."""
        doomed = list(keys)
        if not doomed:
            return
        async with self._engine.begin() as connection:
            await connection.execute(delete(bot_state).where(bot_state.c.key.in_(doomed)))

    @staticmethod
    def _upsert(dialect: str, change: Change, values: dict[str, Any]) -> Any:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        return (
            insert(bot_state)
            .values(key=change.key, **values)
            .on_conflict_do_update(index_elements=[bot_state.c.key], set_=values)
        )
