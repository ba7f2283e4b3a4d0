"""The scheme's data as the bot and the CLI see it: the data files plus imported counts.

The region (data files) is loaded and validated once at start. Counts imported with
`laget data import-counts` live in the database and are merged in on every question, so a new
import changes the frames the bot reports at once, without a restart.
"""

from __future__ import annotations

from datetime import datetime

from bot.scheme import Allocation, RegionData, compute_allocation, current_cycle_year
from bot.scheme.counts import Counts, CountsStore, ImportedCounts
from bot.scheme.decisions import FrameDecision, FrameDecisions, NoDecisions
from bot.scheme.models import NetworkYear


class SchemeData:
    """One region's data with the imported counts applied."""

    def __init__(
        self,
        region: RegionData,
        counts: CountsStore,
        decisions: FrameDecisions | None = None,
    ) -> None:
        self.region = region
        self._counts = counts
        self.decisions = decisions or NoDecisions()
        # The last allocation per year and the stored numbers it was computed from: computing
        # one (exact fractions for every network) costs more than reading those numbers.
        self._allocations: dict[int, tuple[object, Allocation]] = {}

    async def region_with_counts(self, year: int) -> tuple[RegionData, ImportedCounts | None]:
        """The region with `year`'s imported counts in place of the files' counts, and the
        frames an administrator decided in place of the files' `decided_ramme`."""
        region, imported, _ = await self._region_and_key(year)
        return region, imported

    async def _region_and_key(self, year: int) -> tuple[RegionData, ImportedCounts | None, object]:
        imported = await self._counts.get(self.region.id, year)
        data = self.region.years.get(year)
        if data is None:
            return self.region, imported, None
        decided = await self.decisions.for_year(self.region.id, year)
        key = (
            tuple(sorted((imported.counts if imported else {}).items())),
            tuple(sorted(decided.items())),
        )
        if imported is None and not decided:
            return self.region, imported, key
        counts = imported.counts if imported is not None else {}
        networks = {
            network_id: _with_decision(
                _with_counts(numbers, counts.get(network_id)), decided.get(network_id)
            )
            for network_id, numbers in data.networks.items()
        }
        years = {**self.region.years, year: data.model_copy(update={"networks": networks})}
        return self.region.model_copy(update={"years": years}), imported, key

    async def allocation(self, year: int) -> tuple[Allocation, ImportedCounts | None]:
        """The year's frames (AllocationError if the year has no data or cannot be split).

        The stored counts and decisions are read every time (another process may have changed
        them); the frames are computed again only when those numbers changed."""
        region, imported, key = await self._region_and_key(year)
        cached = self._allocations.get(year)
        if cached is not None and key is not None and cached[0] == key:
            return cached[1], imported
        allocation = compute_allocation(region, year)
        self._allocations[year] = (key, allocation)
        return allocation, imported

    def cycle_year(self, now: datetime) -> int:
        """The grant year whose cycle is under way at `now`."""
        return current_cycle_year(self.region, now)

    async def store_counts(self, year: int, counts: dict[str, Counts], source: str) -> None:
        """Replace `year`'s counts for the networks given (all or nothing)."""
        await self._counts.replace(self.region.id, year, counts, source)


def _with_counts(counts: NetworkYear, imported: Counts | None) -> NetworkYear:
    if imported is None:
        return counts
    return counts.model_copy(
        update={"elevtall": imported.elevtall, "barnetall": imported.barnetall}
    )


def _with_decision(counts: NetworkYear, decision: FrameDecision | None) -> NetworkYear:
    if decision is None:
        return counts
    return counts.model_copy(
        update={
            "decided_ramme": decision.amount,
            "decided_on": decision.decided_on,
            "decision_reference": decision.reference,
        }
    )
