"""Imported counts (elevtall, barnetall) per network, region and year."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import delete, insert
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.scheme.counts import Counts, ImportedCounts
from bot.store.driver import Driver, RowQuery
from bot.store.tables import network_counts


class CountsRepository:
    """Replace and read a year's imported counts."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        # Read for every frame question: on the driver (`bot.store.driver`).
        self._driver = Driver(engine)
        self._year = RowQuery(network_counts, "region_id = ? AND year = ?", engine.dialect)

    async def replace(
        self, region_id: str, year: int, counts: Mapping[str, Counts], source: str
    ) -> None:
        """Store the counts for the networks given, in one transaction.

        Networks not in `counts` keep what they had (imported or from the data file).
        """
        now = datetime.now(UTC)
        key = (network_counts.c.region_id == region_id) & (network_counts.c.year == year)
        async with self._engine.begin() as connection:
            await connection.execute(
                delete(network_counts).where(key & network_counts.c.network_id.in_(list(counts)))
            )
            if counts:
                await connection.execute(
                    insert(network_counts),
                    [
                        {
                            "region_id": region_id,
                            "year": year,
                            "network_id": network_id,
                            "elevtall": value.elevtall,
                            "barnetall": value.barnetall,
                            "source": source,
                            "imported_at": now,
                        }
                        for network_id, value in counts.items()
                    ],
                )

    async def get(self, region_id: str, year: int) -> ImportedCounts | None:
        """The imported counts for a year, or None if nothing was imported."""
        rows = await self._year.rows(self._driver, (region_id, year))
        if not rows:
            return None
        latest = max(rows, key=lambda row: row["imported_at"])
        return ImportedCounts(
            counts={row["network_id"]: Counts(row["elevtall"], row["barnetall"]) for row in rows},
            source=latest["source"],
            imported_at=latest["imported_at"],
        )
