"""The delivery worker: posts what turns have written to the deliveries outbox.

It runs inside `laget serve` (woken at once when a turn writes, and every few seconds for
messages written by other instances), or once from cron with `laget deliveries send`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.deliveries.model import Delivery, DeliveryStore
from bot.reminders.sender import RETRIED, Sender

log = logging.getLogger(__name__)

DEFAULT_RETRY = timedelta(minutes=1)  # when Teams gave no Retry-After


class DeliveryWorker:
    """Claims due messages and posts them through the sender, recording each outcome."""

    def __init__(
        self,
        store: DeliveryStore,
        sender: Sender,
        clock: Callable[[], datetime],
        *,
        batch_size: int = 50,
    ) -> None:
        self._store = store
        self._sender = sender
        self._clock = clock
        self._batch_size = batch_size
        self._wake = asyncio.Event()
        self.worker_id = f"{socket.gethostname()}:{uuid.uuid4().hex[:8]}"

    def wake(self) -> None:
        """A turn wrote a message: deliver it now rather than at the next interval."""
        self._wake.set()

    async def run(self, interval: float, stop: asyncio.Event) -> None:
        """Deliver until `stop` is set: when woken, and every `interval` seconds."""
        while not stop.is_set():
            self._wake.clear()
            try:
                await self.run_once(self._clock())
            except Exception:
                log.exception("delivery pass failed", extra={"worker_id": self.worker_id})
            woken = asyncio.ensure_future(self._wake.wait())
            stopped = asyncio.ensure_future(stop.wait())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    asyncio.wait({woken, stopped}, return_when=asyncio.FIRST_COMPLETED),
                    timeout=interval,
                )
            for waiter in (woken, stopped):
                waiter.cancel()

    async def run_once(self, now: datetime) -> Counter[str]:
        """One pass as of `now`; returns counts per outcome (sent, throttled, unreachable, …)."""
        report: Counter[str] = Counter()
        report["expired_leases"] = await self._store.expire_leases(now)
        while batch := await self._store.claim(self.worker_id, now, self._batch_size):
            report.update(await asyncio.gather(*(self._deliver(d, now) for d in batch)))
        log.info("delivery pass", extra={"worker_id": self.worker_id, "report": dict(report)})
        return report

    async def _deliver(self, delivery: Delivery, now: datetime) -> str:
        outcome = await self._sender.deliver(
            delivery.reference,
            delivery.card,
            previous_attempts=delivery.attempts,
            personal=delivery.personal,
            max_inline_wait=0,  # never sleep in a pass: a later pass retries, so stopping is quick
        )
        retry_at = None
        if outcome.state in RETRIED:
            wait = timedelta(seconds=outcome.retry_in) if outcome.retry_in else DEFAULT_RETRY
            retry_at = now + wait
        if outcome.state not in ("sent", *RETRIED):
            log.warning(
                "delivery not sent",
                extra={"conversation_id": delivery.conversation_id, "state": outcome.state},
            )
        await self._store.record(
            delivery,
            state=outcome.state,
            requests=outcome.requests,
            now=now,
            error=outcome.error,
            retry_at=retry_at,
            reference=outcome.new_reference,
        )
        return outcome.state
