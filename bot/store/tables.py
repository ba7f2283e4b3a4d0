"""Laget's tables. Changes to them go through an Alembic migration in migrations/versions."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# Bot Framework state (conversation and user state) as JSON, with an e_tag for optimistic
# concurrency. Keys can be long and contain any character, so they are stored as text.
bot_state = Table(
    "bot_state",
    metadata,
    Column("key", String(1024), primary_key=True),
    Column("data", Text, nullable=False),
    Column("e_tag", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Where the bot may talk proactively: one row per conversation (personal chat, group chat,
# team channel). `retired_at` is set on uninstall; the row is kept for the audit trail.
conversation_refs = Table(
    "conversation_refs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(512), nullable=False),
    Column("conversation_type", String(32), nullable=False),
    Column("tenant_id", String(128), nullable=True),
    Column("team_id", String(512), nullable=True),
    Column("channel_id", String(512), nullable=True),
    Column("service_url", String(1024), nullable=False),
    Column("bot_id", String(512), nullable=False),
    Column("reference", Text, nullable=False),
    Column("installed_at", DateTime(timezone=True), nullable=False),
    Column("retired_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("conversation_id", name="uq_conversation_refs_conversation_id"),
)
