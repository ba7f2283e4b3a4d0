"""Delivering claimed reminders through a `Channel`, within Teams' rate limits, with retries.

Teams' limits are data (`RateLimits`): per bot per conversation 7 per second, 8 per 2 s, 60 per
30 s and 1800 per hour; 50 per second per app per tenant. Each (count, period) becomes an
aiolimiter leaky bucket of capacity `burst` draining (count − burst)/period per second, so no
window of `period` seconds ever holds more than `count` requests, at any phase.

Outcomes (`SendOutcome.state`):
- sent: Teams took the post; the activity id is kept to update the card later;
- throttled: 429 (Retry-After honoured), or 412/502/503/504 (exponential backoff with jitter,
  capped); a short wait is slept here, a long one is handed back so the worker retries at
  `retry_in`;
- unreachable: the connection was refused or could not be made, so nothing reached Teams;
  retried like `throttled`, but named for what happened;
- blocked: 403 (MessageWritesBlocked: blocked or uninstalled), never retried;
- gone: 404 ConversationNotFound; a 1:1 chat is recreated once first;
- failed: the attempt cap was reached, or Teams refused for good (400, 401, 500, ...);
- unknown: the request went out but no answer came: maybe posted, so never resent (the outbox
  guarantees at most once).
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Literal, TypeVar

from aiolimiter import AsyncLimiter

from bot.reminders.channel import Channel, ChannelError

State = Literal["sent", "throttled", "unreachable", "blocked", "gone", "failed", "unknown"]
RETRIED: tuple[State, ...] = ("throttled", "unreachable")
_RETRYABLE = {412, 429, 502, 503, 504}
T = TypeVar("T")


@dataclass(frozen=True)
class Rate:
    """At most `count` requests in any `period` seconds; up to `burst` of them back to back."""

    count: int
    period: float
    burst: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.burst < self.count or self.period <= 0:
            raise ValueError(f"invalid rate {self}: need 1 <= burst < count and period > 0")

    def limiter(self) -> AsyncLimiter:
        """A leaky bucket that never lets more than `count` through in one `period`."""
        return AsyncLimiter(self.burst, self.burst * self.period / (self.count - self.burst))


TEAMS_PER_CONVERSATION = (
    Rate(7, 1.0, burst=3),
    Rate(8, 2.0, burst=4),
    Rate(60, 30.0, burst=8),
    Rate(1800, 3600.0, burst=60),
)
TEAMS_PER_TENANT = (Rate(50, 1.0),)


@dataclass(frozen=True)
class RateLimits:
    """The limits the sender keeps, per conversation and per tenant (Teams' by default)."""

    per_conversation: tuple[Rate, ...] = TEAMS_PER_CONVERSATION
    per_tenant: tuple[Rate, ...] = TEAMS_PER_TENANT


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: total requests per reminder, and how long to wait in between."""

    max_attempts: int = 8
    base_delay: float = 1.0  # seconds, doubled per attempt, with jitter
    max_delay: float = 600.0  # cap on any single wait (also on Retry-After)
    max_inline_wait: float = 30.0  # longer waits are handed back to the worker


@dataclass(frozen=True)
class SendOutcome:
    """What became of one delivery."""

    state: State
    requests: int
    activity_id: str | None = None
    error: str | None = None
    retry_in: float | None = None  # seconds, for `throttled`
    new_reference: str | None = None  # JSON of the recreated 1:1 chat's reference, if any


@dataclass
class _Attempts:
    previous: int
    inline_wait: float  # longer waits are handed back to the caller
    made: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.previous + self.made


class Sender:
    """Sends and updates cards, keeping the rate limits and classifying what Teams answers."""

    def __init__(
        self,
        channel: Channel,
        *,
        limits: RateLimits | None = None,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self._channel = channel
        self._limits = limits or RateLimits()
        self._policy = policy or RetryPolicy()
        self._sleep = sleep
        self._jitter = jitter
        self._conversations: dict[str, list[AsyncLimiter]] = {}
        self._tenants: dict[str, list[AsyncLimiter]] = {}

    async def deliver(
        self,
        reference_json: str,
        card_json: str,
        *,
        previous_attempts: int = 0,
        personal: bool = False,
        max_inline_wait: float | None = None,
    ) -> SendOutcome:
        """Post the card to the reference's conversation; 404 on a 1:1 chat recreates it once.

        A wait longer than `max_inline_wait` (the policy's by default) is handed back as
        `retry_in` instead of being slept here.
        """
        inline = self._policy.max_inline_wait if max_inline_wait is None else max_inline_wait
        attempts = _Attempts(previous_attempts, inline)
        outcome, activity_id = await self._post(attempts, reference_json, card_json)
        if outcome is None:
            return SendOutcome("sent", attempts.made, activity_id)
        if outcome.state != "gone" or not personal:
            return outcome
        failed, created = await self._attempt(
            attempts, reference_json, lambda: self._channel.recreate(reference_json)
        )
        if failed is not None or created is None:
            error = failed.error if failed else "no reference"
            return SendOutcome("gone", attempts.made, error=f"1:1 chat not recreated: {error}")
        outcome, activity_id = await self._post(attempts, created, card_json)
        if outcome is None:
            return SendOutcome("sent", attempts.made, activity_id, new_reference=created)
        return replace(outcome, requests=attempts.made, new_reference=created)

    async def _post(
        self, attempts: _Attempts, reference_json: str, card_json: str
    ) -> tuple[SendOutcome | None, str | None]:
        return await self._attempt(
            attempts, reference_json, lambda: self._channel.post(reference_json, card_json)
        )

    async def update(self, reference_json: str, activity_id: str, card_json: str) -> SendOutcome:
        """Replace a posted card (same limits and retries as a post)."""
        attempts = _Attempts(0, self._policy.max_inline_wait)
        outcome, _ = await self._attempt(
            attempts,
            reference_json,
            lambda: self._channel.update(reference_json, activity_id, card_json),
        )
        return outcome or SendOutcome("sent", attempts.made)

    async def _attempt(
        self, attempts: _Attempts, reference_json: str, call: Callable[[], Awaitable[T]]
    ) -> tuple[SendOutcome | None, T | None]:
        """Call until it succeeds (None, result) or ends in an outcome (outcome, None)."""
        while True:
            if attempts.total >= self._policy.max_attempts:
                last = attempts.errors[-1] if attempts.errors else "no attempt left"
                error = f"gave up after {attempts.total} attempts: {last}"
                return SendOutcome("failed", attempts.made, error=error), None
            await self._acquire(reference_json)
            attempts.made += 1
            try:
                return None, await call()
            except ChannelError as error:
                attempts.errors.append(str(error))
                state = classify(error)
                if state not in RETRIED:
                    return SendOutcome(state, attempts.made, error=str(error)), None
                delay = self._delay(error, attempts.total)
                if delay > attempts.inline_wait:
                    return SendOutcome(state, attempts.made, error=str(error), retry_in=delay), None
                await self._sleep(delay)

    def _delay(self, error: ChannelError, attempt: int) -> float:
        """Retry-After when Teams gave one, else exponential backoff with jitter; capped."""
        if error.retry_after is not None:
            return min(max(error.retry_after, 0.0), self._policy.max_delay)
        ceiling = min(self._policy.max_delay, self._policy.base_delay * 2.0 ** max(attempt - 1, 0))
        return ceiling / 2 + self._jitter() * ceiling / 2

    async def _acquire(self, reference_json: str) -> None:
        conversation, tenant = _conversation_and_tenant(reference_json)
        for limiter in self._limiters(self._conversations, conversation, "per_conversation"):
            await limiter.acquire()
        for limiter in self._limiters(self._tenants, tenant, "per_tenant"):
            await limiter.acquire()

    def _limiters(
        self, pool: dict[str, list[AsyncLimiter]], key: str, which: str
    ) -> list[AsyncLimiter]:
        if key not in pool:
            if len(pool) >= 10_000:  # forget idle buckets (full capacity again) now and then
                for idle in [k for k, ls in pool.items() if all(_idle(li) for li in ls)]:
                    del pool[idle]
            rates: tuple[Rate, ...] = getattr(self._limits, which)
            pool[key] = [rate.limiter() for rate in rates]
        return pool[key]


def classify(error: ChannelError) -> State:
    """What an error means for the reminder (see the module docstring)."""
    if error.status is None:
        return "unknown" if error.maybe_delivered else "unreachable"
    if error.status in _RETRYABLE:
        return "throttled"
    if error.status == 403:
        return "blocked"
    if error.status == 404:
        return "gone"
    return "failed"


def _idle(limiter: AsyncLimiter) -> bool:
    return limiter.has_capacity(limiter.max_rate)


def _conversation_and_tenant(reference_json: str) -> tuple[str, str]:
    try:
        reference = json.loads(reference_json)
    except ValueError:
        return "", ""
    conversation = reference.get("conversation") if isinstance(reference, dict) else None
    if not isinstance(conversation, dict):
        return "", ""
    return str(conversation.get("id") or ""), str(conversation.get("tenantId") or "")
