"""Decided frames (vedtak), entered by an administrator, announced once.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decided_frames",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("region_id", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("network_id", sa.String(64), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("decided_on", sa.Date, nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("entered_by", sa.String(256), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("announced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("replaced_amount", sa.BigInteger, nullable=True),
        sa.UniqueConstraint(
            "region_id", "year", "network_id", name="uq_decided_frames_network_year"
        ),
    )


def downgrade() -> None:
    op.drop_table("decided_frames")
