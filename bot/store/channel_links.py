"""Teams channels linked to a network ("koble denne kanalen til Fosen"); several per network."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.reminders.model import ChannelLink, channel_conversation_id
from bot.store.reminder_tables import channel_links


class ChannelLinks:
    """Link, unlink and list channels; a link is marked blocked when Teams refuses it."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def link(
        self, network_id: str, conversation_id: str, linked_by: str, now: datetime | None = None
    ) -> bool:
        """Link the channel (again); True if it was not linked (or was blocked) before."""
        channel = channel_conversation_id(conversation_id)
        when = (now or datetime.now(UTC)).astimezone(UTC)
        values = {"linked_by": linked_by, "linked_at": when, "blocked_at": None}
        existing = await self._get(network_id, channel)
        async with self._engine.begin() as connection:
            insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
            await connection.execute(
                insert(channel_links)
                .values(network_id=network_id, conversation_id=channel, **values)
                .on_conflict_do_update(
                    index_elements=["network_id", "conversation_id"], set_=values
                )
            )
        return existing is None or existing.blocked_at is not None

    async def unlink(self, network_id: str, conversation_id: str) -> bool:
        """Remove the link; False if there was none."""
        channel = channel_conversation_id(conversation_id)
        async with self._engine.begin() as connection:
            result = await connection.execute(
                delete(channel_links)
                .where(channel_links.c.network_id == network_id)
                .where(channel_links.c.conversation_id == channel)
            )
        return bool(result.rowcount)

    async def conversations(self, network_id: str) -> list[str]:
        """The network's linked channels that are not blocked (conversation ids)."""
        return [
            link.conversation_id
            for link in await self.all()
            if link.network_id == network_id and link.blocked_at is None
        ]

    async def networks_of(self, conversation_id: str) -> list[str]:
        """The networks a channel is linked to (for "påminnelser" asked in a channel)."""
        channel = channel_conversation_id(conversation_id)
        return [link.network_id for link in await self.all() if link.conversation_id == channel]

    async def all(self) -> list[ChannelLink]:
        """Every link, blocked or not."""
        query = select(channel_links).order_by(channel_links.c.network_id, channel_links.c.id)
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [_link(row) for row in rows]

    async def mark_blocked(self, conversation_id: str, now: datetime) -> int:
        """Teams refused the channel (403 blocked/uninstalled, 404 gone): stop using it."""
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(channel_links)
                .where(channel_links.c.conversation_id == channel_conversation_id(conversation_id))
                .where(channel_links.c.blocked_at.is_(None))
                .values(blocked_at=now.astimezone(UTC))
            )
        return int(result.rowcount or 0)

    async def _get(self, network_id: str, channel: str) -> ChannelLink | None:
        query = (
            select(channel_links)
            .where(channel_links.c.network_id == network_id)
            .where(channel_links.c.conversation_id == channel)
        )
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).mappings().first()
        return None if row is None else _link(row)


def _link(row: Any) -> ChannelLink:
    return ChannelLink(
        network_id=row["network_id"],
        conversation_id=row["conversation_id"],
        linked_by=row["linked_by"],
        linked_at=row["linked_at"],
        blocked_at=row["blocked_at"],
    )
