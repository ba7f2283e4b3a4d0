"""Who is done: marks ("Marker som ferdig") plus submitted behovsmeldinger.

Marks are kept by a `CompletionStore` (`bot.store.completions`): a whole network done with a
step (party ""), or one owner done. `StoredProgress` turns them into the planner's `Progress`.
For the owners' step (behovsmelding) the expected owners are the network's member
municipalities from the region data, and an optional `submitted_owners(network_id, year)` hook
(the behovsmelding feature) says who has sent one. Owner names are matched with
`normalise_name`, so "Osen kommune" counts for "Osen".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence

from bot.reminders.model import NETWORK, CompletionStore
from bot.reminders.planning import Progress, StepProgress
from bot.scheme.models import RegionData, normalise_name

SubmittedOwners = Callable[[str, int], Awaitable[Iterable[str]]]


class StoredProgress:
    """The planner's `Progress`, from marks and (optionally) submitted behovsmeldinger."""

    def __init__(
        self,
        region: RegionData,
        completions: CompletionStore,
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
