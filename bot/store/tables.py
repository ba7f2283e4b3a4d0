"""Laget's tables. Changes to them go through an Alembic migration in migrations/versions."""

from __future__ import annotations

from datetime import UTC, datetime

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
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every database (SQLite returns naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

# Bot Framework state (conversation and user state) as JSON, with an e_tag for optimistic
# concurrency. Keys can be long and contain any character, so they are stored as text.
bot_state = Table(
    "bot_state",
    metadata,
    Column("key", String(1024), primary_key=True),
    Column("data", Text, nullable=False),
    Column("e_tag", String(64), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
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
    Column("installed_at", UTCDateTime(), nullable=False),
    Column("retired_at", UTCDateTime(), nullable=True),
    UniqueConstraint("conversation_id", name="uq_conversation_refs_conversation_id"),
)

# Counts imported by an administrator (`laget data import-counts`); they replace the counts of
# the data files for that region and year, so the bot's frames change without a restart.
network_counts = Table(
    "network_counts",
    metadata,
    Column("region_id", String(64), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("network_id", String(64), primary_key=True),
    Column("elevtall", Integer, nullable=False),
    Column("barnetall", Integer, nullable=False),
    Column("source", String(512), nullable=False),
    Column("imported_at", UTCDateTime(), nullable=False),
)

# Who is an administrator (network_id "") or a coordinator of a network, by Azure AD object id.
role_assignments = Table(
    "role_assignments",
    metadata,
    Column("aad_object_id", String(64), primary_key=True),
    Column("role", String(32), primary_key=True),
    Column("network_id", String(64), primary_key=True, server_default=""),
    Column("name", String(256), nullable=False, server_default=""),
    Column("email", String(256), nullable=False, server_default=""),
    Column("granted_at", UTCDateTime(), nullable=False),
)
