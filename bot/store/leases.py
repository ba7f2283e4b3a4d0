"""Claiming due rows of an outbox under a lease, safely with several workers at once.

PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED` and the UPDATE in one short transaction, so
concurrent workers get disjoint rows. SQLite: one conditional `UPDATE … WHERE id IN (SELECT …
LIMIT n) RETURNING`, atomic because SQLite has a single writer. Used by the reminders' outbox
and the deliveries outbox.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, RowMapping, Table, and_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine


async def claim_rows(
    engine: AsyncEngine,
    table: Table,
    due: ColumnElement[bool],
    *,
    worker_id: str,
    now: datetime,
    lease: timedelta,
    limit: int,
) -> Sequence[RowMapping]:
    """Move up to `limit` due rows (oldest `next_attempt_at` first) to `sending` for
    `worker_id`, until `now + lease`; returns them as they are now."""
    values: dict[str, Any] = {
        "state": "sending",
        "claimed_by": worker_id,
        "claimed_until": now + lease,
        "updated_at": now,
    }
    order = (table.c.next_attempt_at, table.c.id)
    async with engine.begin() as connection:
        chosen = select(table.c.id).where(due).order_by(*order).limit(limit)
        if connection.dialect.name == "postgresql":
            locked = chosen.with_for_update(skip_locked=True)
            ids = (await connection.execute(locked)).scalars().all()
            if not ids:
                return []
            target: ColumnElement[bool] = and_(table.c.id.in_(ids), due)
        else:
            target = and_(table.c.id.in_(chosen), due)
        statement = update(table).where(target).values(**values).returning(table)
        rows: Sequence[RowMapping] = (await connection.execute(statement)).mappings().all()
    return rows
