"""Questions, feedback and questions sent to coordinators.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "qa_questions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("conversation_id", sa.String(512), nullable=False),
        sa.Column("user_id", sa.String(256), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("intent", sa.String(32), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("band", sa.String(16), nullable=False),
        sa.Column("missed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("feedback", sa.String(8), nullable=True),
    )
    op.create_table(
        "qa_escalations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("question_id", sa.Integer, sa.ForeignKey("qa_questions.id"), nullable=False),
        sa.Column("network_id", sa.String(64), nullable=False),
        sa.Column("asker_name", sa.String(256), nullable=False, server_default=""),
        sa.Column("asker_reference", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("answer", sa.Text, nullable=True),
        sa.Column("answered_by", sa.String(256), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_qa_escalations_network_id", "qa_escalations", ["network_id"])


def downgrade() -> None:
    op.drop_table("qa_escalations")
    op.drop_table("qa_questions")
