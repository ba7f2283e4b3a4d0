"""Beslutningsgrunnlag: one document per network and grant year, every version kept.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decision_bases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("network_id", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("reference", sa.String(32), nullable=True, unique=True),
        sa.Column("late", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("network_id", "year", name="uq_decision_bases_network_year"),
    )
    op.create_table(
        "decision_basis_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("basis_id", sa.Integer, sa.ForeignKey("decision_bases.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("actor_id", sa.String(256), nullable=False),
        sa.Column("actor_name", sa.String(256), nullable=False, server_default=""),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("basis_id", "version", name="uq_decision_basis_history_version"),
    )
    op.create_index("ix_decision_basis_history_basis_id", "decision_basis_history", ["basis_id"])


def downgrade() -> None:
    op.drop_table("decision_basis_history")
    op.drop_table("decision_bases")
