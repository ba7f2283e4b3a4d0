"""The reminders' domain types, and the small interfaces their stores implement.

The database layer implements them: `bot.store.outbox` (with its at-most-once guarantee),
`bot.store.channel_links`, `bot.store.completions` and `bot.store.references`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal, Protocol

from bot.reminders.planning import PlannedReminder, Target

NETWORK = ""  # party_id of a mark for the whole network
FinalState = Literal["blocked", "gone", "failed", "unknown", "cancelled"]


@dataclass(frozen=True)
class ConversationRecord:
    """A conversation the bot has been installed in."""

    conversation_id: str
    conversation_type: str
    service_url: str
    bot_id: str
    reference: dict[str, Any]
    tenant_id: str | None = None
    team_id: str | None = None
    channel_id: str | None = None
    user_aad_id: str | None = None  # the user of a personal chat
    installed_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    retired_at: datetime | None = None


@dataclass(frozen=True)
class StoredReminder:
    """A reminder as the outbox holds it."""

    id: int
    key: str
    region_id: str
    step_id: str
    cycle_year: int
    target: Target
    offset_days: int
    deadline: date
    due_at: datetime
    closes_at: datetime
    state: str
    attempts: int
    next_attempt_at: datetime
    card: dict[str, Any]
    last_error: str | None = None
    activity_id: str | None = None
    sent_at: datetime | None = None
    closed_at: datetime | None = None
    claimed_by: str | None = None
    claimed_until: datetime | None = None

    @property
    def personal(self) -> bool:
        """True when the reminder goes to a person's 1:1 chat (not a channel)."""
        return self.target.kind != "channel"


@dataclass(frozen=True)
class ChannelLink:
    """One linked channel."""

    network_id: str
    conversation_id: str
    linked_by: str
    linked_at: datetime
    blocked_at: datetime | None = None


def channel_conversation_id(conversation_id: str) -> str:
    """The channel itself, for a conversation id that may name a thread in it.

    Teams gives a message in a channel thread the id "19:…@thread.tacv2;messageid=123"; a
    reminder must start a new post in the channel, so links keep the part before ";".
    """
    return conversation_id.split(";", 1)[0]


class ConversationDirectory(Protocol):
    """Where the bot is installed: stored conversation references."""

    async def store(self, record: ConversationRecord) -> None:
        """Insert or refresh a conversation; storing it again un-retires it."""
        ...

    async def retire(self, conversation_id: str) -> bool:
        """Mark a conversation as uninstalled; False if it was not known or already retired."""
        ...

    async def get(self, conversation_id: str) -> ConversationRecord | None:
        """The stored record of one conversation, retired or not."""
        ...

    async def active(self, *, personal_for: list[str] | None = None) -> list[ConversationRecord]:
        """All conversations the bot is installed in (or only these users' personal chats)."""
        ...


class ReminderOutbox(Protocol):
    """The reminders outbox: written once, handed out under a lease, outcomes recorded."""

    async def write(
        self, due: Sequence[tuple[PlannedReminder, dict[str, Any]]], now: datetime
    ) -> list[str]:
        """Insert each (reminder, card) unless its key exists; returns the keys inserted."""
        ...

    async def claim(self, worker_id: str, now: datetime, limit: int) -> list[StoredReminder]:
        """Lease up to `limit` due reminders to `worker_id` (state `sending`)."""
        ...

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
        ...

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
        ...

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
        ...

    async def expire_leases(self, now: datetime) -> int:
        """Move reminders whose `sending` lease has expired to `unknown` (never re-sent)."""
        ...

    async def open_cards(self, limit: int = 500) -> list[StoredReminder]:
        """Sent reminders whose card has not yet been replaced by its done/expired variant."""
        ...

    async def record_closed(
        self, reminder: StoredReminder, card: dict[str, Any], now: datetime
    ) -> None:
        """The card was updated in place to its final variant."""
        ...

    async def get(self, key: str) -> StoredReminder | None:
        """One reminder by its key."""
        ...

    async def for_network(self, network_id: str, limit: int = 20) -> list[StoredReminder]:
        """The network's latest reminders, newest first (for the "påminnelser" command)."""
        ...

    async def in_states(self, states: Sequence[str], limit: int = 100) -> list[StoredReminder]:
        """Reminders in these states, oldest first (e.g. "unknown", "failed" for review)."""
        ...

    async def snooze(self, key: str, until: datetime, now: datetime) -> str | None:
        """Remind a person again at `until` (a copy under a derived key); None if not possible."""
        ...


class LinkStore(Protocol):
    """Teams channels linked to a network."""

    async def link(
        self, network_id: str, conversation_id: str, linked_by: str, now: datetime | None = None
    ) -> bool:
        """Link the channel (again); True if it was not linked (or was blocked) before."""
        ...

    async def unlink(self, network_id: str, conversation_id: str) -> bool:
        """Remove the link; False if there was none."""
        ...

    async def conversations(self, network_id: str) -> list[str]:
        """The network's linked channels that are not blocked (conversation ids)."""
        ...

    async def networks_of(self, conversation_id: str) -> list[str]:
        """The networks a channel is linked to (for "påminnelser" asked in a channel)."""
        ...

    async def all(self) -> list[ChannelLink]:
        """Every link, blocked or not."""
        ...

    async def mark_blocked(self, conversation_id: str, now: datetime) -> int:
        """Teams refused the channel (403 blocked/uninstalled, 404 gone): stop using it."""
        ...


class CompletionStore(Protocol):
    """Marks that a network, or one owner in it, is done with a step of a cycle."""

    async def mark(
        self,
        network_id: str,
        step_id: str,
        cycle_year: int,
        *,
        marked_by: str,
        party_id: str = NETWORK,
        now: datetime | None = None,
    ) -> bool:
        """Mark done; False if it already was."""
        ...

    async def unmark(
        self, network_id: str, step_id: str, cycle_year: int, *, party_id: str = NETWORK
    ) -> bool:
        """Take a mark back; False if there was none."""
        ...

    async def marks(self, cycle_years: Sequence[int]) -> set[tuple[str, str, int, str]]:
        """Every mark of these cycles, as (network, step, cycle year, party)."""
        ...
