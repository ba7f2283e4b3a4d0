"""Bot state and conversation references.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bot_state",
        sa.Column("key", sa.String(1024), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("e_tag", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "conversation_refs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("conversation_id", sa.String(512), nullable=False),
        sa.Column("conversation_type", sa.String(32), nullable=False),
        sa.Column("tenant_id", sa.String(128), nullable=True),
        sa.Column("team_id", sa.String(512), nullable=True),
        sa.Column("channel_id", sa.String(512), nullable=True),
        sa.Column("service_url", sa.String(1024), nullable=False),
        sa.Column("bot_id", sa.String(512), nullable=False),
        sa.Column("reference", sa.Text, nullable=False),
        sa.Column("installed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("conversation_id", name="uq_conversation_refs_conversation_id"),
    )


def downgrade() -> None:
    op.drop_table("conversation_refs")
    op.drop_table("bot_state")
