"""Decided frames (vedtak) as entered by administrators, and their one-time announcement."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.scheme.decisions import FrameDecision
from bot.store.driver import Driver, RowQuery
from bot.store.tables import decided_frames


class FrameDecisionsRepository:
    """Implements `bot.scheme.decisions.FrameDecisions`, plus the announcement claim."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        # Read for every frame question: on the driver (`bot.store.driver`).
        self._driver = Driver(engine)
        self._year = RowQuery(decided_frames, "region_id = ? AND year = ?", engine.dialect)

    async def for_year(self, region_id: str, year: int) -> dict[str, FrameDecision]:
        """The decided frames of a year, by network id."""
        rows = await self._year.rows(self._driver, (region_id, year))
        return {row["network_id"]: _decision(row) for row in rows}

    async def decide(self, region_id: str, decisions: list[FrameDecision]) -> None:
        """Store decisions in one transaction; a network's new decision replaces its old one
        (and is announced again)."""
        now = datetime.now(UTC)
        async with self._engine.begin() as connection:
            for decision in decisions:
                earlier = (
                    await connection.execute(
                        select(decided_frames.c.amount)
                        .where(decided_frames.c.region_id == region_id)
                        .where(decided_frames.c.year == decision.year)
                        .where(decided_frames.c.network_id == decision.network_id)
                    )
                ).scalar_one_or_none()
                await connection.execute(
                    delete(decided_frames)
                    .where(decided_frames.c.region_id == region_id)
                    .where(decided_frames.c.year == decision.year)
                    .where(decided_frames.c.network_id == decision.network_id)
                )
                await connection.execute(
                    insert(decided_frames).values(
                        region_id=region_id,
                        year=decision.year,
                        network_id=decision.network_id,
                        amount=decision.amount,
                        decided_on=decision.decided_on,
                        reference=decision.reference,
                        entered_by=decision.entered_by,
                        entered_at=now,
                        replaced_amount=earlier,
                    )
                )

    async def unannounced(self, region_id: str) -> list[FrameDecision]:
        """Decisions whose card has not been queued yet, oldest first."""
        query = (
            select(decided_frames)
            .where(decided_frames.c.region_id == region_id)
            .where(decided_frames.c.announced_at.is_(None))
            .order_by(decided_frames.c.id)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [_decision(row) for row in rows]

    async def claim(self, region_id: str, decision: FrameDecision, now: datetime) -> bool:
        """Mark a decision announced; False when another process did so first (so each
        decision's card is queued once, whichever instance or cron job gets there)."""
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(decided_frames)
                .where(decided_frames.c.region_id == region_id)
                .where(decided_frames.c.year == decision.year)
                .where(decided_frames.c.network_id == decision.network_id)
                .where(decided_frames.c.announced_at.is_(None))
                .values(announced_at=now.astimezone(UTC))
            )
        return bool(result.rowcount)


def _decision(values: Any) -> FrameDecision:
    return FrameDecision(
        network_id=values["network_id"],
        year=values["year"],
        amount=int(values["amount"]),
        decided_on=values["decided_on"],
        reference=values["reference"],
        entered_by=values["entered_by"],
        entered_at=values["entered_at"],
        replaces=None if values["replaced_amount"] is None else int(values["replaced_amount"]),
    )
