"""Where the bot may speak proactively: stored conversation references.

The reference itself is kept as the JSON the channel layer serialized; the other columns are
what the reminders need to choose targets (tenant, team, channel, conversation type).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.reminders.model import ConversationRecord
from bot.store.tables import conversation_refs


class ConversationReferences:
    """Store, retire and look up conversation references."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def store(self, record: ConversationRecord) -> None:
        """Insert or refresh a conversation; storing it again un-retires it."""
        values = {
            "conversation_type": record.conversation_type,
            "tenant_id": record.tenant_id,
            "team_id": record.team_id,
            "channel_id": record.channel_id,
            "user_aad_id": record.user_aad_id,
            "service_url": record.service_url,
            "bot_id": record.bot_id,
            "reference": json.dumps(record.reference),
            "installed_at": record.installed_at,
            "retired_at": None,
        }
        async with self._engine.begin() as connection:
            insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
            await connection.execute(
                insert(conversation_refs)
                .values(conversation_id=record.conversation_id, **values)
                .on_conflict_do_update(index_elements=["conversation_id"], set_=values)
            )

    async def retire(self, conversation_id: str) -> bool:
        """Mark a conversation as uninstalled; False if it was not known or already retired."""
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(conversation_refs)
                .where(conversation_refs.c.conversation_id == conversation_id)
                .where(conversation_refs.c.retired_at.is_(None))
                .values(retired_at=datetime.now(UTC))
            )
        return bool(result.rowcount)

    async def get(self, conversation_id: str) -> ConversationRecord | None:
        """The stored record of one conversation, retired or not."""
        query = select(conversation_refs).where(
            conversation_refs.c.conversation_id == conversation_id
        )
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).mappings().first()
        return None if row is None else _record(row)

    async def active(self, *, personal_for: list[str] | None = None) -> list[ConversationRecord]:
        """All conversations the bot is installed in (or only these users' personal chats)."""
        query = (
            select(conversation_refs)
            .where(conversation_refs.c.retired_at.is_(None))
            .order_by(conversation_refs.c.id)
        )
        if personal_for is not None:
            query = query.where(conversation_refs.c.conversation_type == "personal").where(
                conversation_refs.c.user_aad_id.in_(personal_for)
            )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [_record(row) for row in rows]


def _record(row: Any) -> ConversationRecord:
    return ConversationRecord(
        conversation_id=row["conversation_id"],
        conversation_type=row["conversation_type"],
        service_url=row["service_url"],
        bot_id=row["bot_id"],
        reference=json.loads(row["reference"]),
        tenant_id=row["tenant_id"],
        team_id=row["team_id"],
        channel_id=row["channel_id"],
        user_aad_id=row["user_aad_id"],
        installed_at=row["installed_at"],
        retired_at=row["retired_at"],
    )
