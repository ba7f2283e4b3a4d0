"""Imported network counts and role assignments.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "network_counts",
        sa.Column("region_id", sa.String(64), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("network_id", sa.String(64), primary_key=True),
        sa.Column("elevtall", sa.Integer, nullable=False),
        sa.Column("barnetall", sa.Integer, nullable=False),
        sa.Column("source", sa.String(512), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "role_assignments",
        sa.Column("aad_object_id", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(32), primary_key=True),
        sa.Column("network_id", sa.String(64), primary_key=True, server_default=""),
        sa.Column("name", sa.String(256), nullable=False, server_default=""),
        sa.Column("email", sa.String(256), nullable=False, server_default=""),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("role_assignments")
    op.drop_table("network_counts")
