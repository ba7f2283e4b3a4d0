"""The reminders' tables, on the shared `bot.store.tables.metadata`.

The Alembic migration that creates them (PostgreSQL shown; SQLite is the same with TEXT/INTEGER
types, `DATETIME` for timestamps and `INTEGER PRIMARY KEY` for the ids):

    CREATE TABLE channel_links (
        id SERIAL PRIMARY KEY,
        network_id VARCHAR(64) NOT NULL,
        conversation_id VARCHAR(512) NOT NULL,      -- the Teams channel, without ";messageid="
        linked_by VARCHAR(64) NOT NULL,             -- AAD object id of who linked it
        linked_at TIMESTAMP WITH TIME ZONE NOT NULL,
        blocked_at TIMESTAMP WITH TIME ZONE,        -- set when Teams answered 403 / 404
        CONSTRAINT uq_channel_links_network_conversation UNIQUE (network_id, conversation_id)
    );
    CREATE TABLE step_completions (
        network_id VARCHAR(64) NOT NULL,
        step_id VARCHAR(64) NOT NULL,
        cycle_year INTEGER NOT NULL,
        party_id VARCHAR(256) NOT NULL DEFAULT '',  -- '' = the whole network; else an owner
        marked_by VARCHAR(64) NOT NULL,
        marked_at TIMESTAMP WITH TIME ZONE NOT NULL,
        PRIMARY KEY (network_id, step_id, cycle_year, party_id)
    );
    CREATE TABLE reminders (
        id SERIAL PRIMARY KEY,
        key VARCHAR(200) NOT NULL,
        region_id VARCHAR(64) NOT NULL,
        step_id VARCHAR(64) NOT NULL,
        cycle_year INTEGER NOT NULL,
        network_id VARCHAR(64) NOT NULL,
        target_kind VARCHAR(16) NOT NULL,           -- channel | coordinator | owner
        target_id VARCHAR(512) NOT NULL,
        owner_id VARCHAR(256),
        conversation_id VARCHAR(512) NOT NULL,
        offset_days INTEGER NOT NULL,
        deadline DATE NOT NULL,
        due_at TIMESTAMP WITH TIME ZONE NOT NULL,
        closes_at TIMESTAMP WITH TIME ZONE NOT NULL,
        state VARCHAR(16) NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
        last_error TEXT,
        activity_id VARCHAR(512),
        card TEXT NOT NULL,
        sent_at TIMESTAMP WITH TIME ZONE,
        closed_at TIMESTAMP WITH TIME ZONE,         -- card replaced by its done/expired variant
        created_at TIMESTAMP WITH TIME ZONE NOT NULL,
        updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
        claimed_by VARCHAR(128),
        claimed_until TIMESTAMP WITH TIME ZONE,
        CONSTRAINT uq_reminders_key UNIQUE (key)
    );
    CREATE INDEX ix_reminders_claim ON reminders (state, next_attempt_at);
    CREATE INDEX ix_reminders_open ON reminders (state, closed_at);

States of a reminder: pending → sending → sent, or throttled (retried later) → sending …; final:
blocked (403), gone (404 and no 1:1 chat to recreate), failed (cap reached or not retryable),
unknown (the post may or may not have reached Teams; never re-sent, see `outbox`), cancelled
(the target was done, or the deadline passed, before the reminder could be sent).
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, Integer, String, Table, Text, UniqueConstraint

from bot.store.tables import UTCDateTime, metadata

STATES = (
    "pending",
    "sending",
    "sent",
    "throttled",
    "unreachable",
    "blocked",
    "gone",
    "failed",
    "unknown",
    "cancelled",
)

# A Teams channel a coordinator linked to a network ("koble denne kanalen til Fosen").
channel_links = Table(
    "channel_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("network_id", String(64), nullable=False),
    Column("conversation_id", String(512), nullable=False),
    Column("linked_by", String(64), nullable=False),
    Column("linked_at", UTCDateTime(), nullable=False),
    Column("blocked_at", UTCDateTime(), nullable=True),
    UniqueConstraint("network_id", "conversation_id", name="uq_channel_links_network_conversation"),
)

# Who is done with a step: the whole network (party_id "") or one owner (party_id = owner id).
step_completions = Table(
    "step_completions",
    metadata,
    Column("network_id", String(64), primary_key=True),
    Column("step_id", String(64), primary_key=True),
    Column("cycle_year", Integer, primary_key=True),
    Column("party_id", String(256), primary_key=True, server_default=""),
    Column("marked_by", String(64), nullable=False),
    Column("marked_at", UTCDateTime(), nullable=False),
)

# The outbox: one row per reminder identity (the idempotency key), with its delivery status.
reminders = Table(
    "reminders",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False),
    Column("region_id", String(64), nullable=False),
    Column("step_id", String(64), nullable=False),
    Column("cycle_year", Integer, nullable=False),
    Column("network_id", String(64), nullable=False),
    Column("target_kind", String(16), nullable=False),
    Column("target_id", String(512), nullable=False),
    Column("owner_id", String(256), nullable=True),
    Column("conversation_id", String(512), nullable=False),
    Column("offset_days", Integer, nullable=False),
    Column("deadline", Date, nullable=False),
    Column("due_at", UTCDateTime(), nullable=False),
    Column("closes_at", UTCDateTime(), nullable=False),
    Column("state", String(16), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", UTCDateTime(), nullable=False),
    Column("last_error", Text, nullable=True),
    Column("activity_id", String(512), nullable=True),
    Column("card", Text, nullable=False),
    Column("sent_at", UTCDateTime(), nullable=True),
    Column("closed_at", UTCDateTime(), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("claimed_by", String(128), nullable=True),
    Column("claimed_until", UTCDateTime(), nullable=True),
    UniqueConstraint("key", name="uq_reminders_key"),
)
Index("ix_reminders_claim", reminders.c.state, reminders.c.next_attempt_at)
Index("ix_reminders_open", reminders.c.state, reminders.c.closed_at)
