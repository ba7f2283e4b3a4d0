"""The reminders outbox: write due reminders once, hand them out under a lease, record outcomes.

Delivery guarantee: **at most once per reminder key**, and exactly once whenever nothing crashes
and Teams answers.

A post to Teams cannot be made idempotent on Teams' side (the connector has no idempotency key),
so a crash between "Teams accepted the post" and "we recorded it" cannot be told apart from a
crash just before the post. We therefore never re-send a reminder whose fate is unknown:

1. `write` inserts each due reminder with its deterministic key; `INSERT … ON CONFLICT (key) DO
   NOTHING` on both PostgreSQL and SQLite, so planning the same moment again, or in two workers
   at once, cannot create a second row.
2. `claim` moves rows from pending/throttled (and due) to `sending`, stamping `claimed_by` and a
   lease `claimed_until`, before anything is posted. PostgreSQL: `SELECT … FOR UPDATE SKIP
   LOCKED` and the UPDATE in one short transaction, so concurrent workers get disjoint rows.
   SQLite: one conditional `UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING`, atomic because
   SQLite has a single writer.
3. Only the claimant records the outcome (the UPDATE is fenced on `claimed_by`). A retry is
   scheduled only when Teams *answered* that it did not take the post (429, 412, 5xx, or the
   connection was refused before the request was sent): state `throttled` with
   `next_attempt_at`, claimable again later.
4. A row still `sending` after its lease expired (the worker crashed or hung after claiming, and
   may or may not have posted) is moved to `unknown` by `expire_leases`: it is never claimed
   again, so there is no duplicate; it stays visible for review. A timeout or a dropped
   connection after the request went out is recorded as `unknown` for the same reason.

The lease therefore bounds how long a crash goes unreported; it is not what prevents duplicates
(a worker that wakes up after its lease expired still cannot cause a second post, because
nobody else re-sends an expired claim). If the original claimant later learns the truth it may
still record it (`sending` or `unknown` → sent/throttled/...).

All timestamps are stored in UTC (SQLite keeps no offset, so everything is converted first).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.reminders.model import FinalState, StoredReminder
from bot.reminders.planning import PlannedReminder, Target
from bot.store.leases import claim_rows
from bot.store.reminder_tables import reminders

_CLAIMABLE = ("pending", "throttled", "unreachable")
_RECORDABLE = ("sending", "unknown")
_CHUNK = 200  # rows per INSERT (SQLite allows 32 766 bound parameters per statement)


class Outbox:
    """Durable reminders and their delivery status."""

    def __init__(self, engine: AsyncEngine, *, lease: timedelta = timedelta(minutes=10)) -> None:
        self._engine = engine
        self._lease = lease

    async def write(
        self, due: Sequence[tuple[PlannedReminder, dict[str, Any]]], now: datetime
    ) -> list[str]:
        """Insert each (reminder, card) unless its key exists; returns the keys inserted."""
        rows = [_row(reminder, card, now) for reminder, card in due]
        inserted: list[str] = []
        async with self._engine.begin() as connection:
            for start in range(0, len(rows), _CHUNK):
                statement = (
                    _insert(connection)(reminders)
                    .values(rows[start : start + _CHUNK])
                    .on_conflict_do_nothing(index_elements=["key"])
                    .returning(reminders.c.key)
                )
                inserted += (await connection.execute(statement)).scalars().all()
        return inserted

    async def claim(self, worker_id: str, now: datetime, limit: int) -> list[StoredReminder]:
        """Lease up to `limit` due reminders to `worker_id` (state `sending`)."""
        now = now.astimezone(UTC)
        due = and_(reminders.c.state.in_(_CLAIMABLE), reminders.c.next_attempt_at <= now)
        rows = await claim_rows(
            self._engine,
            reminders,
            due,
            worker_id=worker_id,
            now=now,
            lease=self._lease,
            limit=limit,
        )
        return sorted((_stored(row) for row in rows), key=lambda r: (r.next_attempt_at, r.id))

    async def record_sent(
        self,
        reminder: StoredReminder,
        *,
        activity_id: str,
        card: dict[str, Any],
        requests: int,
        now: datetime,
        conversation_id: str | None = None,
    ) -> bool:
        """Teams took the post: keep its activity id (to update the card later)."""
        values: dict[str, Any] = {
            "state": "sent",
            "activity_id": activity_id,
            "card": json.dumps(card, ensure_ascii=False),
            "sent_at": now.astimezone(UTC),
            "last_error": None,
        }
        if conversation_id is not None:
            values["conversation_id"] = conversation_id
        return await self._record(reminder, requests, now, values)

    async def record_retry(
        self,
        reminder: StoredReminder,
        *,
        error: str,
        retry_at: datetime,
        requests: int,
        now: datetime,
        conversation_id: str | None = None,
        state: str = "throttled",
    ) -> bool:
        """Teams refused for now (throttled or unreachable): claimable again from `retry_at`."""
        values = {
            "state": state,
            "last_error": error,
            "next_attempt_at": retry_at.astimezone(UTC),
        }
        if conversation_id is not None:
            values["conversation_id"] = conversation_id
        return await self._record(reminder, requests, now, values)

    async def record_final(
        self,
        reminder: StoredReminder,
        *,
        state: FinalState,
        error: str,
        requests: int,
        now: datetime,
    ) -> bool:
        """A final outcome other than sent: blocked, gone, failed, unknown or cancelled."""
        return await self._record(reminder, requests, now, {"state": state, "last_error": error})

    async def expire_leases(self, now: datetime) -> int:
        """Move reminders whose `sending` lease has expired to `unknown` (never re-sent)."""
        now = now.astimezone(UTC)
        statement = (
            update(reminders)
            .where(reminders.c.state == "sending")
            .where(reminders.c.claimed_until < now)
            .values(
                state="unknown",
                last_error="lease expired while sending: delivery unknown, not re-sent",
                updated_at=now,
            )
        )
        async with self._engine.begin() as connection:
            result = await connection.execute(statement)
        return int(result.rowcount or 0)

    async def open_cards(self, limit: int = 500) -> list[StoredReminder]:
        """Sent reminders whose card has not yet been replaced by its done/expired variant."""
        query = (
            select(reminders)
            .where(reminders.c.state == "sent")
            .where(reminders.c.closed_at.is_(None))
            .where(reminders.c.activity_id.is_not(None))
            .order_by(reminders.c.id)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [_stored(row) for row in rows]

    async def record_closed(
        self, reminder: StoredReminder, card: dict[str, Any], now: datetime
    ) -> None:
        """The card was updated in place to its final variant."""
        now = now.astimezone(UTC)
        statement = (
            update(reminders)
            .where(reminders.c.id == reminder.id)
            .values(closed_at=now, card=json.dumps(card, ensure_ascii=False), updated_at=now)
        )
        async with self._engine.begin() as connection:
            await connection.execute(statement)

    async def get(self, key: str) -> StoredReminder | None:
        """One reminder by its key."""
        async with self._engine.connect() as connection:
            row = (
                (await connection.execute(select(reminders).where(reminders.c.key == key)))
                .mappings()
                .first()
            )
        return None if row is None else _stored(row)

    async def for_network(self, network_id: str, limit: int = 20) -> list[StoredReminder]:
        """The network's latest reminders, newest first (for the "påminnelser" command)."""
        query = (
            select(reminders)
            .where(reminders.c.network_id == network_id)
            .order_by(reminders.c.due_at.desc(), reminders.c.id.desc())
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [_stored(row) for row in rows]

    async def in_states(self, states: Sequence[str], limit: int = 100) -> list[StoredReminder]:
        """Reminders in these states, oldest first (e.g. "unknown", "failed" for review)."""
        query = (
            select(reminders)
            .where(reminders.c.state.in_(states))
            .order_by(reminders.c.due_at, reminders.c.id)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [_stored(row) for row in rows]

    async def snooze(self, key: str, until: datetime, now: datetime) -> str | None:
        """Remind a person again at `until` (a copy under a derived key); None if not possible.

        Only personal reminders can be snoozed, and only to before the deadline passes. The
        derived key contains the day, so pressing "Utsett" twice the same day snoozes once.
        """
        original = await self.get(key)
        until = until.astimezone(UTC)
        if original is None or not original.personal or until >= original.closes_at:
            return None
        copy = f"{original.key}~utsatt-{until:%Y%m%d}"
        row = {
            **_target_columns(original.target),
            "key": copy,
            "region_id": original.region_id,
            "step_id": original.step_id,
            "cycle_year": original.cycle_year,
            "offset_days": original.offset_days,
            "deadline": original.deadline,
            "due_at": until,
            "closes_at": original.closes_at,
            "state": "pending",
            "attempts": 0,
            "next_attempt_at": until,
            "card": json.dumps(original.card, ensure_ascii=False),
            "created_at": now.astimezone(UTC),
            "updated_at": now.astimezone(UTC),
        }
        async with self._engine.begin() as connection:
            await connection.execute(
                _insert(connection)(reminders)
                .values(row)
                .on_conflict_do_nothing(index_elements=["key"])
            )
        return copy

    async def _record(
        self, reminder: StoredReminder, requests: int, now: datetime, values: dict[str, Any]
    ) -> bool:
        statement = (
            update(reminders)
            .where(reminders.c.id == reminder.id)
            .where(reminders.c.claimed_by == reminder.claimed_by)
            .where(reminders.c.state.in_(_RECORDABLE))
            .values(
                **values,
                attempts=reminders.c.attempts + requests,
                claimed_until=None,
                updated_at=now.astimezone(UTC),
            )
        )
        async with self._engine.begin() as connection:
            result = await connection.execute(statement)
        return bool(result.rowcount)


def _insert(connection: AsyncConnection) -> Any:
    return postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert


def _target_columns(target: Target) -> dict[str, Any]:
    return {
        "network_id": target.network_id,
        "target_kind": target.kind,
        "target_id": target.id,
        "owner_id": target.owner_id,
        "conversation_id": target.conversation_id,
    }


def _row(reminder: PlannedReminder, card: dict[str, Any], now: datetime) -> dict[str, Any]:
    now = now.astimezone(UTC)
    return {
        **_target_columns(reminder.target),
        "key": reminder.key,
        "region_id": reminder.region_id,
        "step_id": reminder.step_id,
        "cycle_year": reminder.cycle_year,
        "offset_days": reminder.offset_days,
        "deadline": reminder.deadline,
        "due_at": reminder.due_at.astimezone(UTC),
        "closes_at": reminder.closes_at.astimezone(UTC),
        "state": "pending",
        "attempts": 0,
        "next_attempt_at": reminder.due_at.astimezone(UTC),
        "card": json.dumps(card, ensure_ascii=False),
        "created_at": now,
        "updated_at": now,
    }


def _stored(row: Any) -> StoredReminder:
    return StoredReminder(
        id=row["id"],
        key=row["key"],
        region_id=row["region_id"],
        step_id=row["step_id"],
        cycle_year=row["cycle_year"],
        target=Target(
            kind=row["target_kind"],
            network_id=row["network_id"],
            id=row["target_id"],
            conversation_id=row["conversation_id"],
            owner_id=row["owner_id"],
        ),
        offset_days=row["offset_days"],
        deadline=row["deadline"],
        due_at=row["due_at"],
        closes_at=row["closes_at"],
        state=row["state"],
        attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"],
        card=json.loads(row["card"]),
        last_error=row["last_error"],
        activity_id=row["activity_id"],
        sent_at=row["sent_at"],
        closed_at=row["closed_at"],
        claimed_by=row["claimed_by"],
        claimed_until=row["claimed_until"],
    )
