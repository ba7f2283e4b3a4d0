"""Messages to other people than the one in the turn, and the store that keeps them.

A turn never waits for Teams to take a message to someone else: it writes a `Message` to the
deliveries outbox (`bot.store.deliveries` implements `DeliveryStore`) and answers at once; the
delivery worker posts it through the reminders' `Sender`, within Teams' rate limits, with the
same retries and the same error classes (throttled, unreachable, blocked, gone, failed,
unknown). A message whose answer was lost is never posted again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

# What a delivery can be about (shown in `laget deliveries status`).
Kind = str  # "needs.notice", "qa.question", "qa.answer"
CLAIMABLE = ("pending", "throttled", "unreachable")  # waiting to be (re)sent


@dataclass(frozen=True)
class Message:
    """One card for one conversation."""

    kind: Kind
    conversation_id: str
    reference_json: str
    card_json: str
    personal: bool
    network_id: str | None = None


@dataclass(frozen=True)
class Delivery:
    """A message as the outbox holds it."""

    id: int
    kind: Kind
    network_id: str | None
    conversation_id: str
    personal: bool
    reference: str
    card: str
    state: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


class DeliveryStore(Protocol):
    """The deliveries outbox (the store implements it)."""

    async def enqueue(self, messages: list[Message], now: datetime) -> int:
        """Write the messages to be sent; returns how many."""
        ...

    async def claim(self, worker_id: str, now: datetime, limit: int) -> list[Delivery]:
        """Lease up to `limit` due messages to `worker_id`."""
        ...

    async def record(
        self,
        delivery: Delivery,
        *,
        state: str,
        requests: int,
        now: datetime,
        error: str | None = None,
        retry_at: datetime | None = None,
        reference: str | None = None,
    ) -> None:
        """Keep what became of a claimed message (sent, to retry at `retry_at`, or final)."""
        ...

    async def expire_leases(self, now: datetime) -> int:
        """Claimed messages whose lease expired become `unknown` (never posted again)."""
        ...
