"""Vedtak: frames decided by Statsforvalteren, entered by an administrator.

A decided frame replaces the estimate wherever the frame is shown, with the date and the
decision's reference. Entered through `laget frame decide` (one network, or a CSV file for all),
kept in the database (`bot.store.frame_decisions` implements `FrameDecisions`) and merged into
the year's data on every question, like imported counts. A frame decided in the year's data
file (`decided_ramme`) still counts when no administrator has entered one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True)
class FrameDecision:
    """One network's decided frame for one grant year."""

    network_id: str
    year: int
    amount: int
    decided_on: date
    reference: str
    entered_by: str = ""
    entered_at: datetime | None = None
    replaces: int | None = None  # the amount of the decision this one corrected, if any


class FrameDecisions(Protocol):
    """Where decided frames are kept."""

    async def for_year(self, region_id: str, year: int) -> dict[str, FrameDecision]:
        """The decided frames of a year, by network id."""
        ...

    async def decide(self, region_id: str, decisions: list[FrameDecision]) -> None:
        """Store decisions (all or nothing); a network's new decision replaces its old one and
        will be announced again."""
        ...


class NoDecisions:
    """No decided frames (a data file's own `decided_ramme` still counts)."""

    async def for_year(self, region_id: str, year: int) -> dict[str, FrameDecision]:
        """Nothing decided."""
        return {}

    async def decide(self, region_id: str, decisions: list[FrameDecision]) -> None:
        """Nowhere to keep them."""
        raise NotImplementedError("no store for decided frames")
