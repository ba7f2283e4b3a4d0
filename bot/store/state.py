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

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.driver import Driver, Statements, binder
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
    """Reads and writes JSON documents by key, with optimistic concurrency.

    Every turn reads and writes state, so the statements run on the driver (`bot.store.driver`).
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self._driver = Driver(engine)
        self._stamp = binder(bot_state.c.updated_at, engine.dialect)

    async def read(self, keys: Iterable[str]) -> dict[str, StoredItem]:
        """The stored items among `keys`; unknown keys are simply absent."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        rows = await self._driver.fetch(_READ.format(marks=marks), wanted)
        return {key: StoredItem(data, e_tag) for key, data, e_tag in rows}

    async def write(self, changes: Sequence[Change]) -> dict[str, str]:
        """Store all changes in one transaction; returns each key's new e_tag."""
        if not changes:
            return {}
        now = self._stamp(datetime.now(UTC))

        async def work(statements: Statements) -> dict[str, str]:
            new_tags: dict[str, str] = {}
            for change in changes:
                e_tag = uuid.uuid4().hex
                if change.expected_e_tag is None:
                    await statements.execute(_UPSERT, (change.key, change.data, e_tag, now))
                else:
                    changed = await statements.execute(
                        _UPDATE, (change.data, e_tag, now, change.key, change.expected_e_tag)
                    )
                    if changed != 1:
                        raise ETagConflict(f"e_tag conflict on state key {change.key!r}")
                new_tags[change.key] = e_tag
            return new_tags

        return await self._driver.run(work, write=True)

    async def delete(self, keys: Iterable[str]) -> None:
        """Delete the items; unknown keys are ignored."""
        doomed = list(dict.fromkeys(keys))
        if not doomed:
            return

        async def work(statements: Statements) -> None:
            await statements.execute(_DELETE.format(marks=", ".join("?" * len(doomed))), doomed)

        await self._driver.run(work, write=True)


_READ = "SELECT key, data, e_tag FROM bot_state WHERE key IN ({marks})"
_UPSERT = (
    "INSERT INTO bot_state (key, data, e_tag, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET data = excluded.data, e_tag = excluded.e_tag, "
    "updated_at = excluded.updated_at"
)
_UPDATE = "UPDATE bot_state SET data = ?, e_tag = ?, updated_at = ? WHERE key = ? AND e_tag = ?"
_DELETE = "DELETE FROM bot_state WHERE key IN ({marks})"
