"""Behovsmeldinger with their history; the user of a personal chat on its reference.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conversation_refs") as batch:
        batch.add_column(sa.Column("user_aad_id", sa.String(64), nullable=True))
        batch.create_index("ix_conversation_refs_user_aad_id", ["user_aad_id"])
    op.create_table(
        "needs_reports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("network_id", sa.String(64), nullable=True),
        sa.Column("author_id", sa.String(256), nullable=False),
        sa.Column("author_aad_id", sa.String(64), nullable=True),
        sa.Column("author_name", sa.String(256), nullable=False, server_default=""),
        sa.Column("owner", sa.String(120), nullable=False, server_default=""),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("step", sa.Integer, nullable=False, server_default="0"),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("reference", sa.String(32), nullable=True, unique=True),
        sa.Column("late", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_needs_reports_network_id", "needs_reports", ["network_id"])
    op.create_index("ix_needs_reports_author_id", "needs_reports", ["author_id"])
    op.create_table(
        "needs_report_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("needs_reports.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(256), nullable=False),
        sa.Column("actor_name", sa.String(256), nullable=False, server_default=""),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_needs_report_history_report_id", "needs_report_history", ["report_id"])


def downgrade() -> None:
    op.drop_table("needs_report_history")
    op.drop_table("needs_reports")
    with op.batch_alter_table("conversation_refs") as batch:
        batch.drop_index("ix_conversation_refs_user_aad_id")
        batch.drop_column("user_aad_id")
