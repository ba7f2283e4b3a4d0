"""The outbox on SQLite and PostgreSQL: one row per key, disjoint claims, fenced records."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.reminders.planning import PlannedReminder, Target
from bot.store.outbox import Outbox
from tests.reminders.conftest import SEVEN_DAYS

CARD = {"type": "AdaptiveCard", "version": "1.5", "body": []}
LEASE = dt.timedelta(minutes=5)


def planned(n: int, *, kind: str = "channel") -> PlannedReminder:
    conversation = f"19:channel-{n}@thread.tacv2" if kind == "channel" else f"a:chat-{n}"
    return PlannedReminder(
        region_id="trondelag",
        step_id="beslutningsgrunnlag",
        cycle_year=2027,
        target=Target(kind, "fosen", conversation, conversation),  # type: ignore[arg-type]
        offset_days=7,
        deadline=dt.date(2027, 2, 1),
        due_at=SEVEN_DAYS.astimezone(dt.UTC),
        closes_at=dt.datetime(2027, 2, 1, 23, 0, tzinfo=dt.UTC),
    )


async def filled(engine: AsyncEngine, count: int) -> Outbox:
    outbox = Outbox(engine, lease=LEASE)
    await outbox.write([(planned(n), CARD) for n in range(count)], SEVEN_DAYS)
    return outbox


async def test_writing_the_same_reminders_again_adds_nothing(engine: AsyncEngine) -> None:
    outbox = Outbox(engine)
    due = [(planned(n), CARD) for n in range(3)]

    first = await outbox.write(due, SEVEN_DAYS)
    again = await outbox.write([*due, (planned(3), CARD)], SEVEN_DAYS)

    assert sorted(first) == sorted(r.key for r, _ in due)
    assert again == [planned(3).key]
    stored = await outbox.get(planned(0).key)
    assert stored is not None and stored.state == "pending" and stored.card == CARD
    assert stored.due_at == SEVEN_DAYS and stored.due_at.tzinfo is not None


async def test_concurrent_writers_insert_each_key_once(engine: AsyncEngine) -> None:
    outbox = Outbox(engine)
    due = [(planned(n), CARD) for n in range(40)]

    results = await asyncio.gather(*(outbox.write(due, SEVEN_DAYS) for _ in range(4)))

    assert sorted(key for keys in results for key in keys) == sorted(r.key for r, _ in due)


async def test_nothing_is_claimed_before_it_is_due(engine: AsyncEngine) -> None:
    outbox = await filled(engine, 2)

    assert await outbox.claim("w1", SEVEN_DAYS - dt.timedelta(seconds=1), 10) == []
    assert len(await outbox.claim("w1", SEVEN_DAYS, 10)) == 2


async def test_concurrent_claims_are_disjoint(engine: AsyncEngine) -> None:
    outbox = await filled(engine, 60)
    others = [Outbox(engine, lease=LEASE) for _ in range(3)]

    async def drain(worker: str, box: Outbox) -> list[str]:
        keys: list[str] = []
        while batch := await box.claim(worker, SEVEN_DAYS, 7):
            keys += [r.key for r in batch]
            assert all(r.state == "sending" and r.claimed_by == worker for r in batch)
        return keys

    claimed = await asyncio.gather(
        drain("w0", outbox), *(drain(f"w{i + 1}", box) for i, box in enumerate(others))
    )

    every = [key for keys in claimed for key in keys]
    assert len(every) == 60 == len(set(every))


async def test_only_the_claimant_records_the_outcome(engine: AsyncEngine) -> None:
    outbox = await filled(engine, 1)
    [mine] = await outbox.claim("w1", SEVEN_DAYS, 10)
    impostor = type(mine)(**{**mine.__dict__, "claimed_by": "w2"})

    assert not await outbox.record_sent(
        impostor, activity_id="x", card=CARD, requests=1, now=SEVEN_DAYS
    )
    assert await outbox.record_sent(mine, activity_id="a-1", card=CARD, requests=1, now=SEVEN_DAYS)

    stored = await outbox.get(mine.key)
    assert stored is not None
    assert (stored.state, stored.activity_id, stored.attempts) == ("sent", "a-1", 1)
    assert stored.claimed_until is None and stored.sent_at == SEVEN_DAYS


async def test_a_throttled_reminder_is_claimed_again_when_its_time_comes(
    engine: AsyncEngine,
) -> None:
    outbox = await filled(engine, 1)
    [claimed] = await outbox.claim("w1", SEVEN_DAYS, 10)
    later = SEVEN_DAYS + dt.timedelta(seconds=90)

    await outbox.record_retry(claimed, error="429", retry_at=later, requests=3, now=SEVEN_DAYS)

    assert await outbox.claim("w2", later - dt.timedelta(seconds=1), 10) == []
    [again] = await outbox.claim("w2", later, 10)
    assert (again.key, again.attempts, again.claimed_by) == (claimed.key, 3, "w2")


async def test_an_expired_lease_becomes_unknown_and_is_never_resent(engine: AsyncEngine) -> None:
    outbox = await filled(engine, 1)
    [claimed] = await outbox.claim("w1", SEVEN_DAYS, 10)

    assert await outbox.expire_leases(SEVEN_DAYS + LEASE) == 0  # the lease still holds
    assert await outbox.expire_leases(SEVEN_DAYS + LEASE + dt.timedelta(seconds=1)) == 1

    assert await outbox.claim("w2", SEVEN_DAYS + dt.timedelta(days=1), 10) == []
    stored = await outbox.get(claimed.key)
    assert stored is not None and stored.state == "unknown"
    assert [r.key for r in await outbox.in_states(["unknown", "failed"])] == [claimed.key]
    assert stored.last_error is not None and "not re-sent" in stored.last_error
    # The claimant may still tell the truth later.
    assert await outbox.record_sent(claimed, activity_id="a", card=CARD, requests=1, now=SEVEN_DAYS)


async def test_personal_reminders_can_be_snoozed_once_a_day(engine: AsyncEngine) -> None:
    outbox = Outbox(engine)
    chat, channel = planned(1, kind="coordinator"), planned(2)
    await outbox.write([(chat, CARD), (channel, CARD)], SEVEN_DAYS)
    tomorrow = SEVEN_DAYS + dt.timedelta(days=1)

    copy = await outbox.snooze(chat.key, tomorrow, SEVEN_DAYS)
    twice = await outbox.snooze(chat.key, tomorrow, SEVEN_DAYS)

    assert copy is not None and copy == twice
    assert await outbox.snooze(channel.key, tomorrow, SEVEN_DAYS) is None
    assert await outbox.snooze(chat.key, SEVEN_DAYS + dt.timedelta(days=9), SEVEN_DAYS) is None
    assert await outbox.snooze("no-such-key", tomorrow, SEVEN_DAYS) is None
    first = await outbox.claim("w", SEVEN_DAYS, 10)
    assert {r.key for r in first} == {chat.key, channel.key}
    [snoozed] = await outbox.claim("w", tomorrow, 10)
    assert snoozed.key == copy and snoozed.target == chat.target
