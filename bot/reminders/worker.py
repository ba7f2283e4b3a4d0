"""The reminder worker: plan → write → claim → send → record, then update finished cards.

`run_once(now)` does one pass as of `now`; `run(interval, stop)` repeats it until `stop` is set,
for embedding in `laget serve`. Several workers (processes, instances) may run against one
PostgreSQL database: the outbox's keys and leases keep every reminder to at most one post (see
`bot.store.outbox`). A failure with one reminder is logged with its key and conversation id
and does not stop the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Protocol, cast

from bot.reminders.card import ReminderCards
from bot.reminders.model import FinalState, ReminderOutbox, StoredReminder
from bot.reminders.planning import Progress, Target, plan, settlement
from bot.reminders.rules import ReminderRules
from bot.reminders.sender import RETRIED, Sender, SendOutcome
from bot.scheme.models import RegionData

log = logging.getLogger(__name__)


class TargetSource(Protocol):
    """Who can be reminded (see `bot.reminders.targets.StoredTargets`)."""

    async def targets(self) -> list[Target]: ...


class ProgressSource(Protocol):
    """Who is done (see `bot.reminders.progress.StoredProgress`)."""

    async def progress(self, cycle_years: Sequence[int]) -> Progress: ...


class ReferenceSource(Protocol):
    """Stored conversation references (see `bot.reminders.targets.StoredTargets`)."""

    async def reference(self, conversation_id: str) -> str | None: ...

    async def replace_personal(self, old_conversation_id: str, reference_json: str) -> str: ...

    async def refused(self, conversation_id: str, now: datetime) -> None: ...


def default_worker_id() -> str:
    """Host, process and a random suffix: unique per worker, readable in `claimed_by`."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class ReminderWorker:
    """Plans, sends and records deadline reminders."""

    def __init__(
        self,
        *,
        region: RegionData,
        rules: ReminderRules,
        targets: TargetSource,
        progress: ProgressSource,
        references: ReferenceSource,
        outbox: ReminderOutbox,
        sender: Sender,
        cards: ReminderCards,
        worker_id: str | None = None,
        batch_size: int = 50,
        concurrency: int = 16,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._region = region
        self._rules = rules
        self._targets = targets
        self._progress = progress
        self._references = references
        self._outbox = outbox
        self._sender = sender
        self._cards = cards
        self.worker_id = worker_id or default_worker_id()
        self._batch_size = batch_size
        self._slots = asyncio.Semaphore(concurrency)
        self._clock = clock
        self._passes: list[tuple[str, Callable[[datetime], Awaitable[int]]]] = []

    def add_pass(self, name: str, run: Callable[[datetime], Awaitable[int]]) -> None:
        """Run `run(now)` at the end of every pass (e.g. announcing decided frames); its count
        is reported under `name`. A failure there is logged and does not stop the pass."""
        self._passes.append((name, run))

    async def run(self, interval: float, stop: asyncio.Event) -> None:
        """Run a pass every `interval` seconds until `stop` is set (a failed pass is logged)."""
        while not stop.is_set():
            try:
                await self.run_once(self._clock())
            except Exception:
                log.exception("reminder pass failed", extra={"worker_id": self.worker_id})
            with contextlib.suppress(TimeoutError):  # the interval passed without a stop
                await asyncio.wait_for(stop.wait(), timeout=interval)

    async def run_once(self, now: datetime) -> Counter[str]:
        """One pass as of `now`; returns counts per outcome (sent, throttled, ..., closed)."""
        report: Counter[str] = Counter()
        report["expired_leases"] = await self._outbox.expire_leases(now)
        year = now.astimezone(self._rules.zone).year
        progress = await self._progress.progress(range(year - 1, year + 3))
        due = plan(self._region, self._rules, await self._targets.targets(), progress, now)
        cards = [(reminder, self._cards.render(reminder, progress, now)) for reminder in due]
        report["planned"] = len(due)
        report["written"] = len(await self._outbox.write(cards, now))
        while batch := await self._outbox.claim(self.worker_id, now, self._batch_size):
            states = await asyncio.gather(*(self._deliver(r, progress, now) for r in batch))
            report.update(states)
        report["closed"] = await self._close_cards(progress, now)
        for name, run in self._passes:
            try:
                report[name] = await run(now)
            except Exception:
                log.exception("extra pass failed", extra={"pass": name})
        log.info("reminder pass", extra={"worker_id": self.worker_id, "report": dict(report)})
        return report

    async def _deliver(self, reminder: StoredReminder, progress: Progress, now: datetime) -> str:
        """Send one claimed reminder and record what became of it; returns the state."""
        async with self._slots:
            try:
                return await self._deliver_one(reminder, progress, now)
            except Exception:
                # The row stays `sending` until its lease expires, then becomes `unknown`.
                log.exception(
                    "reminder delivery failed",
                    extra={"key": reminder.key, "conversation_id": reminder.target.conversation_id},
                )
                return "error"

    async def _deliver_one(
        self, reminder: StoredReminder, progress: Progress, now: datetime
    ) -> str:
        outbox = self._outbox
        settled = settlement(
            reminder.target,
            reminder.step_id,
            reminder.cycle_year,
            reminder.closes_at,
            progress=progress,
            now=now,
        )
        if settled is not None:
            error = "target done before sending" if settled == "done" else "deadline passed"
            await outbox.record_final(reminder, state="cancelled", error=error, requests=0, now=now)
            return "cancelled"
        conversation_id = reminder.target.conversation_id
        reference = await self._references.reference(conversation_id)
        if reference is None:
            error = "no active conversation reference (uninstalled?)"
            await outbox.record_final(reminder, state="gone", error=error, requests=0, now=now)
            return "gone"
        card = self._cards.render(reminder, progress, now)
        outcome = await self._sender.deliver(
            reference,
            json.dumps(card, ensure_ascii=False),
            previous_attempts=reminder.attempts,
            personal=reminder.personal,
        )
        new_conversation = None
        if outcome.new_reference is not None:
            new_conversation = await self._references.replace_personal(
                conversation_id, outcome.new_reference
            )
        await self._record(reminder, outcome, card, new_conversation, now)
        return outcome.state

    async def _record(
        self,
        reminder: StoredReminder,
        outcome: SendOutcome,
        card: dict[str, object],
        new_conversation: str | None,
        now: datetime,
    ) -> None:
        outbox = self._outbox
        error = outcome.error or ""
        if outcome.state == "sent":
            await outbox.record_sent(
                reminder,
                activity_id=outcome.activity_id or "",
                card=card,
                requests=outcome.requests,
                now=now,
                conversation_id=new_conversation,
            )
        elif outcome.state in RETRIED:
            retry_at = now + timedelta(seconds=outcome.retry_in or 0)
            await outbox.record_retry(
                reminder,
                state=outcome.state,
                error=error,
                retry_at=retry_at,
                requests=outcome.requests,
                now=now,
                conversation_id=new_conversation,
            )
        else:
            if outcome.state in ("blocked", "gone"):
                await self._references.refused(
                    new_conversation or reminder.target.conversation_id, now
                )
            final = cast(FinalState, outcome.state)  # sent and the retried states are above
            await outbox.record_final(
                reminder, state=final, error=error, requests=outcome.requests, now=now
            )

    async def _close_cards(self, progress: Progress, now: datetime) -> int:
        """Replace sent cards whose target is done, or whose deadline passed, by the variant."""
        closed = 0
        for reminder in await self._outbox.open_cards():
            state = settlement(
                reminder.target,
                reminder.step_id,
                reminder.cycle_year,
                reminder.closes_at,
                progress=progress,
                now=now,
            )
            if state is None or reminder.activity_id is None:
                continue
            card = self._cards.render(reminder, progress, now, state)
            reference = await self._references.reference(reminder.target.conversation_id)
            if reference is not None:
                outcome = await self._sender.update(
                    reference, reminder.activity_id, json.dumps(card, ensure_ascii=False)
                )
                if outcome.state not in ("sent", "blocked", "gone"):
                    log.warning(
                        "reminder card not updated",
                        extra={"key": reminder.key, "state": outcome.state},
                    )
                    continue  # tried again next pass
            await self._outbox.record_closed(reminder, card, now)
            closed += 1
        return closed
