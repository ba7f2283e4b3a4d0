"""Marks ("Marker som ferdig") that a network, or one owner in it, is done with a step."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.reminders.model import NETWORK
from bot.store.reminder_tables import step_completions


class Completions:
    """Marks that a network, or one owner in it, is done with a step of a cycle."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def mark(
        self,
        network_id: str,
        step_id: str,
        cycle_year: int,
        *,
        marked_by: str,
        party_id: str = NETWORK,
        now: datetime | None = None,
    ) -> bool:
        """Mark done; False if it already was."""
        row = {
            "network_id": network_id,
            "step_id": step_id,
            "cycle_year": cycle_year,
            "party_id": party_id,
            "marked_by": marked_by,
            "marked_at": (now or datetime.now(UTC)).astimezone(UTC),
        }
        async with self._engine.begin() as connection:
            insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
            result = await connection.execute(
                insert(step_completions).values(row).on_conflict_do_nothing()
            )
        return bool(result.rowcount)

    async def unmark(
        self, network_id: str, step_id: str, cycle_year: int, *, party_id: str = NETWORK
    ) -> bool:
        """Take a mark back; False if there was none."""
        async with self._engine.begin() as connection:
            result = await connection.execute(
                delete(step_completions)
                .where(step_completions.c.network_id == network_id)
                .where(step_completions.c.step_id == step_id)
                .where(step_completions.c.cycle_year == cycle_year)
                .where(step_completions.c.party_id == party_id)
            )
        return bool(result.rowcount)

    async def marks(self, cycle_years: Sequence[int]) -> set[tuple[str, str, int, str]]:
        """Every mark of these cycles, as (network, step, cycle year, party)."""
        query = select(step_completions).where(step_completions.c.cycle_year.in_(cycle_years))
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return {(r["network_id"], r["step_id"], r["cycle_year"], r["party_id"]) for r in rows}
