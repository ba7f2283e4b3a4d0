"""The audit log in the database: every submission, change, export, role change and link.

Implements `bot.audit.Audit`; `detail` is kept as JSON.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.audit import AuditEntry
from bot.store.tables import audit_log


class AuditLog:
    """Append to and read the audit log."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def record(self, action: str, *, actor: str, subject: str = "", **detail: Any) -> None:
        """Append one entry."""
        async with self._engine.begin() as connection:
            await connection.execute(
                insert(audit_log).values(
                    at=datetime.now(UTC),
                    actor=actor[:256],
                    action=action,
                    subject=subject[:256],
                    detail=json.dumps(detail, ensure_ascii=False, default=str),
                )
            )

    async def entries(self, limit: int = 100) -> list[AuditEntry]:
        """The newest entries first."""
        query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [
            AuditEntry(
                row["at"], row["actor"], row["action"], row["subject"], json.loads(row["detail"])
            )
            for row in rows
        ]
