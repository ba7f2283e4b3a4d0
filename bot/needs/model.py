"""The behovsmelding's domain types, and the small interface its store implements.

The database layer (`bot.store.needs`) implements `ReportStore`; the feature never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol


class Status(StrEnum):
    """Where a report is in its life."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"


class WriteOutcome(StrEnum):
    """What a conditional write did."""

    DONE = "done"
    ALREADY = "already"  # it was already in the requested state (e.g. sent twice)
    STALE = "stale"  # the report changed since the card was made
    MISSING = "missing"  # no such report for this user


@dataclass(frozen=True)
class Author:
    """Who writes: the Teams user id (always), their Azure AD object id and name if known."""

    id: str
    aad_id: str | None = None
    name: str = ""


@dataclass(frozen=True)
class StoredReport:
    """One report as stored."""

    id: int
    year: int
    network_id: str | None
    author_id: str
    author_aad_id: str | None
    author_name: str
    owner: str
    status: Status
    step: int
    answers: dict[str, Any]
    version: int
    reference: str | None
    late: bool
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None


@dataclass(frozen=True)
class HistoryEntry:
    """One kept change."""

    version: int
    action: str
    actor_name: str
    at: datetime
    answers: dict[str, Any]


def reference_for(report_id: int, year: int) -> str:
    """The reference number a sent report gets, e.g. "BM-2027-0007"."""
    return f"BM-{year}-{report_id:04d}"


class ReportStore(Protocol):
    """Where behovsmeldinger are kept (drafts, sending exactly once, changes, withdrawal)."""

    async def create_draft(self, author: Author, year: int) -> StoredReport:
        """A new, empty draft."""
        ...

    async def get(self, report_id: int) -> StoredReport | None:
        """One report by id."""
        ...

    async def for_author(self, author_id: str) -> list[StoredReport]:
        """An author's reports, most recently changed first."""
        ...

    async def for_network(self, network_id: str, year: int) -> list[StoredReport]:
        """A network's reports of a grant year."""
        ...

    async def in_year(self, year: int) -> list[StoredReport]:
        """Every report of a grant year."""
        ...

    async def save(
        self,
        report_id: int,
        version: int,
        answers: dict[str, Any],
        *,
        author: Author,
        step: int,
        network_id: str | None,
        action: str = "saved",
    ) -> tuple[WriteOutcome, StoredReport | None]:
        """Store new answers if the report is still at `version` and not withdrawn. DONE comes
        with the report as stored by this write; STALE (it changed, or was withdrawn) with None."""
        ...

    async def submit(
        self, report_id: int, version: int, *, author: Author, late: bool
    ) -> tuple[WriteOutcome, StoredReport | None]:
        """Send a draft exactly once; a second press answers ALREADY with the sent report."""
        ...

    async def withdraw(self, report_id: int, version: int, *, author: Author) -> WriteOutcome:
        """Withdraw a sent report (kept, with its history)."""
        ...
