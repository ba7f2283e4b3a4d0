"""The beslutningsgrunnlag's domain types, and the small interface its store implements.

One document per network per grant year (nn: avgjerdsgrunnlag), written by the network's
coordinators. The database layer (`bot.store.decision_basis`) implements `BasisStore`; the
feature never imports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol


class Status(StrEnum):
    """Where a beslutningsgrunnlag is in its life."""

    DRAFT = "draft"
    SENT = "sent"


class WriteOutcome(StrEnum):
    """What a conditional write did."""

    DONE = "done"
    ALREADY = "already"  # it was already sent
    STALE = "stale"  # it changed since the card or step was made
    MISSING = "missing"


@dataclass(frozen=True)
class Editor:
    """Who writes: the Teams user id, the Azure AD object id and the name Teams gave."""

    id: str
    aad_id: str | None = None
    name: str = ""


@dataclass(frozen=True)
class StoredBasis:
    """One beslutningsgrunnlag as stored; `document` holds its parts (`bot.decision_basis.form`)."""

    id: int
    network_id: str
    year: int
    status: Status
    version: int
    document: dict[str, Any]
    reference: str | None
    late: bool
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True)
class BasisVersion:
    """One kept version: who made it, when, and the document after the change."""

    version: int
    action: str
    actor_name: str
    at: datetime
    document: dict[str, Any]


def reference_for(basis_id: int, year: int, prefix: str = "BG") -> str:
    """The reference a sent document gets, e.g. "BG-2027-0003" (a report: "RP-2027-0003")."""
    return f"{prefix}-{year}-{basis_id:04d}"


class BasisStore(Protocol):
    """Where beslutningsgrunnlag are kept, every saved version with them."""

    async def open(
        self,
        network_id: str,
        year: int,
        editor: Editor,
        initial: dict[str, Any] | None = None,
    ) -> StoredBasis:
        """The network's document for the year, made (from `initial`, else empty) if new."""
        ...

    async def get(self, basis_id: int) -> StoredBasis | None:
        """One document by id."""
        ...

    async def find(self, network_id: str, year: int) -> StoredBasis | None:
        """The network's document for the year, if one was started."""
        ...

    async def in_year(self, year: int) -> list[StoredBasis]:
        """Every document of a grant year."""
        ...

    async def save(
        self, basis_id: int, version: int, document: dict[str, Any], *, editor: Editor, action: str
    ) -> WriteOutcome:
        """Store a new version if the document is still at `version`."""
        ...

    async def send(
        self,
        basis_id: int,
        version: int,
        *,
        editor: Editor,
        late: bool,
        now: datetime | None = None,
    ) -> tuple[WriteOutcome, StoredBasis | None]:
        """Send a draft exactly once (at `now`, the service's clock; the real one if not
        given); a second press answers ALREADY with the sent document."""
        ...

    async def version(self, basis_id: int, version: int) -> dict[str, Any] | None:
        """The document as it was at `version` (for merging a change made from an old card)."""
        ...

    async def history(self, basis_id: int) -> list[BasisVersion]:
        """Every kept version, oldest first."""
        ...


@dataclass(frozen=True)
class SentNeed:
    """One sent behovsmelding as the beslutningsgrunnlag sees it: who, and which topics."""

    owner: str
    topics: tuple[str, ...]
    reference: str


class NeedsSource(Protocol):
    """The network's sent behovsmeldinger (the behovsmelding feature's store provides them)."""

    async def sent_needs(self, network_id: str, year: int) -> Iterable[SentNeed]:
        """Owner and topics of every sent (not withdrawn) behovsmelding."""
        ...


class StepMarks(Protocol):
    """Marks that a network is done with a step (the reminders stop and their cards close)."""

    async def mark(self, network_id: str, step_id: str, cycle_year: int, *, marked_by: str) -> bool:
        """Mark done; False if it already was."""
        ...
