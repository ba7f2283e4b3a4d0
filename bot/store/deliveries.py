"""The deliveries outbox in the database: written in a turn, claimed under a lease, recorded.

The same discipline as the reminders' outbox (`bot.store.outbox`): a message is leased before
it is posted, only its claimant records the outcome, and one still `sending` after its lease
is `unknown` and never posted again (at most once).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.deliveries.model import CLAIMABLE, Delivery, Message
from bot.store.leases import claim_rows
from bot.store.tables import deliveries


class DeliveryOutbox:
    """Messages to other people, until Teams has taken them."""

    def __init__(self, engine: AsyncEngine, *, lease: timedelta = timedelta(minutes=5)) -> None:
        self._engine = engine
        self._lease = lease

    async def enqueue(self, messages: list[Message], now: datetime) -> int:
        """Write the messages to be sent; returns how many."""
        if not messages:
            return 0
        now = now.astimezone(UTC)
        rows = [
            {
                "kind": m.kind,
                "network_id": m.network_id,
                "conversation_id": m.conversation_id,
                "personal": m.personal,
                "reference": m.reference_json,
                "card": m.card_json,
                "state": "pending",
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
                "updated_at": now,
            }
            for m in messages
        ]
        async with self._engine.begin() as connection:
            await connection.execute(insert(deliveries), rows)
        return len(rows)

    async def claim(self, worker_id: str, now: datetime, limit: int) -> list[Delivery]:
        """Lease up to `limit` due messages to `worker_id` (state `sending`)."""
        now = now.astimezone(UTC)
        due = and_(deliveries.c.state.in_(CLAIMABLE), deliveries.c.next_attempt_at <= now)
        rows = await claim_rows(
            self._engine,
            deliveries,
            due,
            worker_id=worker_id,
            now=now,
            lease=self._lease,
            limit=limit,
        )
        return sorted((_delivery(row) for row in rows), key=lambda d: (d.next_attempt_at, d.id))

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
        now = now.astimezone(UTC)
        values: dict[str, Any] = {
            "state": state,
            "attempts": delivery.attempts + requests,
            "last_error": error,
            "claimed_by": None,
            "claimed_until": None,
            "updated_at": now,
        }
        if state == "sent":
            values["sent_at"] = now
        if retry_at is not None:
            values["next_attempt_at"] = retry_at.astimezone(UTC)
        if reference is not None:
            values["reference"] = reference
        async with self._engine.begin() as connection:
            await connection.execute(
                update(deliveries)
                .where(deliveries.c.id == delivery.id)
                .where(deliveries.c.state.in_(("sending", "unknown")))
                .values(**values)
            )

    async def expire_leases(self, now: datetime) -> int:
        """Claimed messages whose lease expired become `unknown` (never posted again)."""
        now = now.astimezone(UTC)
        statement = (
            update(deliveries)
            .where(deliveries.c.state == "sending")
            .where(deliveries.c.claimed_until < now)
            .values(state="unknown", last_error="lease expired while sending", updated_at=now)
        )
        async with self._engine.begin() as connection:
            result = await connection.execute(statement)
        return int(result.rowcount or 0)

    async def recent(self, limit: int = 100) -> list[Delivery]:
        """The newest messages first, for `laget deliveries status`."""
        query = select(deliveries).order_by(deliveries.c.id.desc()).limit(limit)
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [_delivery(row) for row in rows]


def _delivery(row: Any) -> Delivery:
    return Delivery(
        id=row["id"],
        kind=row["kind"],
        network_id=row["network_id"],
        conversation_id=row["conversation_id"],
        personal=bool(row["personal"]),
        reference=row["reference"],
        card=row["card"],
        state=row["state"],
        attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"],
        last_error=row["last_error"],
        created_at=row["created_at"],
        sent_at=row["sent_at"],
    )
