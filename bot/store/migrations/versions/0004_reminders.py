"""Reminders: linked channels, step completions and the outbox.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _moment(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "channel_links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("network_id", sa.String(64), nullable=False),
        sa.Column("conversation_id", sa.String(512), nullable=False),
        sa.Column("linked_by", sa.String(64), nullable=False),
        _moment("linked_at"),
        _moment("blocked_at", nullable=True),
        sa.UniqueConstraint(
            "network_id", "conversation_id", name="uq_channel_links_network_conversation"
        ),
    )
    op.create_table(
        "step_completions",
        sa.Column("network_id", sa.String(64), primary_key=True),
        sa.Column("step_id", sa.String(64), primary_key=True),
        sa.Column("cycle_year", sa.Integer, primary_key=True),
        sa.Column("party_id", sa.String(256), primary_key=True, server_default=""),
        sa.Column("marked_by", sa.String(64), nullable=False),
        _moment("marked_at"),
    )
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("region_id", sa.String(64), nullable=False),
        sa.Column("step_id", sa.String(64), nullable=False),
        sa.Column("cycle_year", sa.Integer, nullable=False),
        sa.Column("network_id", sa.String(64), nullable=False),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(512), nullable=False),
        sa.Column("owner_id", sa.String(256), nullable=True),
        sa.Column("conversation_id", sa.String(512), nullable=False),
        sa.Column("offset_days", sa.Integer, nullable=False),
        sa.Column("deadline", sa.Date, nullable=False),
        _moment("due_at"),
        _moment("closes_at"),
        sa.Column("state", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        _moment("next_attempt_at"),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("activity_id", sa.String(512), nullable=True),
        sa.Column("card", sa.Text, nullable=False),
        _moment("sent_at", nullable=True),
        _moment("closed_at", nullable=True),
        _moment("created_at"),
        _moment("updated_at"),
        sa.Column("claimed_by", sa.String(128), nullable=True),
        _moment("claimed_until", nullable=True),
        sa.UniqueConstraint("key", name="uq_reminders_key"),
    )
    op.create_index("ix_reminders_claim", "reminders", ["state", "next_attempt_at"])
    op.create_index("ix_reminders_open", "reminders", ["state", "closed_at"])


def downgrade() -> None:
    op.drop_table("reminders")
    op.drop_table("step_completions")
    op.drop_table("channel_links")
