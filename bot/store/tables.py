"""Laget's tables. Changes to them go through an Alembic migration in migrations/versions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    CursorResult,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
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
    Column("user_aad_id", String(64), nullable=True, index=True),  # personal chats only
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

# Behovsmeldinger: drafts and sent reports. `answers` is the JSON of the answers given so far
# (validated by bot.needs.form on submit); `version` rises with every change, so a stale card
# button can be recognised; `reference` is set when the report is sent.
needs_reports = Table(
    "needs_reports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False),
    Column("network_id", String(64), nullable=True, index=True),
    Column("author_id", String(256), nullable=False, index=True),
    Column("author_aad_id", String(64), nullable=True),
    Column("author_name", String(256), nullable=False, server_default=""),
    Column("owner", String(120), nullable=False, server_default=""),
    Column("status", String(16), nullable=False),
    Column("step", Integer, nullable=False, server_default="0"),
    Column("answers", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("reference", String(32), nullable=True, unique=True),
    Column("late", Boolean, nullable=False, server_default=false()),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("submitted_at", UTCDateTime(), nullable=True),
)

# Every change to a report, kept: who, when, what (the answers after the change).
needs_report_history = Table(
    "needs_report_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", Integer, ForeignKey("needs_reports.id"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("action", String(16), nullable=False),
    Column("actor_id", String(256), nullable=False),
    Column("actor_name", String(256), nullable=False, server_default=""),
    Column("answers", Text, nullable=False),
    Column("at", UTCDateTime(), nullable=False),
)

# Questions asked in conversation, with what the recogniser made of them and the user's 👍/👎.
# `text` is left empty when the question held a national identity number.
qa_questions = Table(
    "qa_questions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("asked_at", UTCDateTime(), nullable=False),
    Column("conversation_id", String(512), nullable=False),
    Column("user_id", String(256), nullable=False),
    Column("text", Text, nullable=False),
    Column("lang", String(2), nullable=False),
    Column("intent", String(32), nullable=False),
    Column("score", Float, nullable=False),
    Column("band", String(16), nullable=False),
    Column("missed", Boolean, nullable=False, server_default=false()),
    Column("feedback", String(8), nullable=True),
)

# Questions sent to a network's coordinators ("spør koordinatoren"), and their answers.
qa_escalations = Table(
    "qa_escalations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("question_id", Integer, ForeignKey("qa_questions.id"), nullable=False),
    Column("network_id", String(64), nullable=False, index=True),
    Column("asker_name", String(256), nullable=False, server_default=""),
    Column("asker_reference", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("answer", Text, nullable=True),
    Column("answered_by", String(256), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("answered_at", UTCDateTime(), nullable=True),
)

# Who did what to others' data, and when: submissions, changes, exports, roles, channel links.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime(), nullable=False, index=True),
    Column("actor", String(256), nullable=False),
    Column("action", String(64), nullable=False),
    Column("subject", String(256), nullable=False, server_default=""),
    Column("detail", Text, nullable=False, server_default="{}"),
)


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the row an INSERT made."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("the database returned no id for the inserted row")
    return int(key[0])


# Messages to people other than the one in the turn (a sent report's notice, a question to the
# coordinators, an answer relayed back): written in the turn, delivered by the delivery worker.
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("network_id", String(64), nullable=True),
    Column("conversation_id", String(512), nullable=False),
    Column("personal", Boolean, nullable=False),
    Column("reference", Text, nullable=False),
    Column("card", Text, nullable=False),
    Column("state", String(16), nullable=False, index=True),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", UTCDateTime(), nullable=False),
    Column("last_error", Text, nullable=True),
    Column("claimed_by", String(128), nullable=True),
    Column("claimed_until", UTCDateTime(), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("sent_at", UTCDateTime(), nullable=True),
)


# Short-lived, single-use download links (a network's spreadsheet), by the SHA-256 of their
# token: the database never holds a link that works. The file is made when the link is used.
export_links = Table(
    "export_links",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("network_id", String(64), nullable=False),
    Column("year", Integer, nullable=False),
    Column("created_by", String(256), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("used_at", UTCDateTime(), nullable=True),
)


def _documents(name: str, history_name: str, key: str) -> tuple[Table, Table]:
    """A kind of document kept one per network and grant year (`document` is its parts as
    JSON), and every saved version of it (who, when, the document after the change)."""
    documents = Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("network_id", String(64), nullable=False),
        Column("year", Integer, nullable=False),
        Column("status", String(16), nullable=False),
        Column("version", Integer, nullable=False),
        Column("document", Text, nullable=False),
        Column("reference", String(32), nullable=True, unique=True),
        Column("late", Boolean, nullable=False, server_default=false()),
        Column("created_at", UTCDateTime(), nullable=False),
        Column("updated_at", UTCDateTime(), nullable=False),
        Column("sent_at", UTCDateTime(), nullable=True),
        UniqueConstraint("network_id", "year", name=f"uq_{name}_network_year"),
    )
    history = Table(
        history_name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(key, Integer, ForeignKey(f"{name}.id"), nullable=False, index=True),
        Column("version", Integer, nullable=False),
        Column("action", String(24), nullable=False),
        Column("actor_id", String(256), nullable=False),
        Column("actor_name", String(256), nullable=False, server_default=""),
        Column("document", Text, nullable=False),
        Column("at", UTCDateTime(), nullable=False),
        UniqueConstraint(key, "version", name=f"uq_{history_name}_version"),
    )
    return documents, history


# Beslutningsgrunnlag (migration 0009), and reports to Statsforvalteren (0011), which start as
# a copy of the beslutningsgrunnlag.
decision_bases, decision_basis_history = _documents(
    "decision_bases", "decision_basis_history", "basis_id"
)
reports, report_history = _documents("reports", "report_history", "report_id")

# Frames decided by Statsforvalteren (vedtak), entered by an administrator; `announced_at` is
# set once the decision's card has been queued for the network (exactly once per decision).
decided_frames = Table(
    "decided_frames",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("region_id", String(64), nullable=False),
    Column("year", Integer, nullable=False),
    Column("network_id", String(64), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("decided_on", Date, nullable=False),
    Column("reference", String(64), nullable=False),
    Column("entered_by", String(256), nullable=False),
    Column("entered_at", UTCDateTime(), nullable=False),
    Column("announced_at", UTCDateTime(), nullable=True),
    Column("replaced_amount", BigInteger, nullable=True),  # the decision this one corrected
    UniqueConstraint("region_id", "year", "network_id", name="uq_decided_frames_network_year"),
)
