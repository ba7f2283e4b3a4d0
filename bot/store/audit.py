"""The audit log: every submission, change, export, role change and channel link.

Entries name the actor (an Azure AD object id, a Teams user id, or "cli:<os user>"), the action
and its subject (a reference number, a network); `detail` holds small facts as JSON, never the
contents of a report.
"""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.tables import audit_log


@dataclass(frozen=True)
class AuditEntry:
    """One audited action."""

    at: datetime
    actor: str
    action: str
    subject: str
    detail: dict[str, Any]


def cli_actor() -> str:
    """The actor name for commands run on the server."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


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
