"""Counts (elevtall, barnetall) imported per network and year, and where they are kept."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Counts:
    """One network's counts for a year."""

    elevtall: int
    barnetall: int


@dataclass(frozen=True)
class ImportedCounts:
    """A year's imported counts and where they came from."""

    counts: dict[str, Counts]
    source: str
    imported_at: datetime


class CountsStore(Protocol):
    """Where imported counts are kept (the store implements it)."""

    async def get(self, region_id: str, year: int) -> ImportedCounts | None:
        """A year's imported counts, if any were imported."""
        ...

    async def replace(
        self, region_id: str, year: int, counts: Mapping[str, Counts], source: str
    ) -> None:
        """Replace the year's counts for the networks given (all or nothing)."""
        ...
