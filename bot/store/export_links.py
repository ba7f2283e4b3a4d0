"""Export links in the database, by the hash of their token (see `bot.exports.model`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.exports.model import LINK_LIFETIME, ExportLink, Use
from bot.store.tables import export_links


class ExportLinks:
    """Create and use single-use links."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def create(
        self, digest: str, network_id: str, year: int, created_by: str, now: datetime
    ) -> ExportLink:
        """Keep a new link, valid for LINK_LIFETIME from `now`; old links are cleared away."""
        now = now.astimezone(UTC)
        values = {
            "token_hash": digest,
            "network_id": network_id,
            "year": year,
            "created_by": created_by[:256],
            "created_at": now,
            "expires_at": now + LINK_LIFETIME,
        }
        async with self._engine.begin() as connection:
            # Nothing is kept longer than needed: links a day past their end are gone.
            await connection.execute(
                delete(export_links).where(export_links.c.expires_at < now - 24 * LINK_LIFETIME)
            )
            await connection.execute(insert(export_links).values(**values))
        return _link(values)

    async def use(self, digest: str, now: datetime) -> tuple[Use, ExportLink | None]:
        """Use a link once (atomically: two requests at once get it once)."""
        now = now.astimezone(UTC)
        async with self._engine.begin() as connection:
            used = await connection.execute(
                update(export_links)
                .where(export_links.c.token_hash == digest)
                .where(export_links.c.used_at.is_(None))
                .where(export_links.c.expires_at > now)
                .values(used_at=now)
            )
            query = select(export_links).where(export_links.c.token_hash == digest)
            row = (await connection.execute(query)).mappings().first()
        if row is None:
            return "unknown", None
        link = _link(row)
        if used.rowcount:
            return "ok", link
        return ("used" if link.used_at is not None else "expired"), link


def _link(row: Any) -> ExportLink:
    return ExportLink(
        network_id=row["network_id"],
        year=row["year"],
        created_by=row["created_by"],
        expires_at=row["expires_at"],
        used_at=row.get("used_at"),
    )
