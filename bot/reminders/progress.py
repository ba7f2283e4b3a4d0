"""Who is done: marks ("Marker som ferdig") in the database, plus submitted behovsmeldinger.

`Completions` stores marks: a whole network done with a step (party ""), or one owner done.
`StoredProgress` turns them into the planner's `Progress`. For the owners' step (behovsmelding)
the expected owners are the network's member municipalities from the region data, and an
optional `submitted_owners(network_id, year)` hook (the behovsmelding feature) says who has
sent one. Owner names are matched with `normalise_name`, so "Osen kommune" counts for "Osen".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.reminders.planning import Progress, StepProgress
from bot.reminders.tables import step_completions
from bot.scheme.models import RegionData, normalise_name

NETWORK = ""  # party_id of a mark for the whole network
SubmittedOwners = Callable[[str, int], Awaitable[Iterable[str]]]


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


class StoredProgress:
    """The planner's `Progress`, from marks and (optionally) submitted behovsmeldinger."""

    def __init__(
        self,
        region: RegionData,
        completions: Completions,
        *,
        submitted_owners: SubmittedOwners | None = None,
        owner_step: str = "behovsmelding",
    ) -> None:
        self._region = region
        self._completions = completions
        self._submitted_owners = submitted_owners
        self._owner_step = owner_step

    async def progress(self, cycle_years: Sequence[int]) -> Progress:
        """Every network's progress with every step of these cycles."""
        marks = await self._completions.marks(cycle_years)
        entries: dict[tuple[str, str, int], StepProgress] = {}
        for cycle in cycle_years:
            for network in self._region.networks:
                for step in self._region.steps:
                    parties = {
                        p for n, s, c, p in marks if (n, s, c) == (network.id, step.id, cycle)
                    }
                    owners: frozenset[str] = frozenset()
                    submitted = {p for p in parties if p != NETWORK}
                    if step.id == self._owner_step:
                        owners = frozenset(network.members)
                        if self._submitted_owners is not None:
                            submitted |= set(await self._submitted_owners(network.id, cycle))
                    progress = StepProgress(
                        owners=owners,
                        submitted=frozenset(_as_members(submitted, network.members)),
                        done=NETWORK in parties,
                    )
                    if progress != StepProgress():
                        entries[(network.id, step.id, cycle)] = progress
        return Progress(entries)


def _as_members(names: Iterable[str], members: Iterable[str]) -> set[str]:
    """Owner names, spelled as the region's member list spells them when they match one."""
    by_key = {normalise_name(member): member for member in members}
    return {by_key.get(normalise_name(name), name) for name in names}
