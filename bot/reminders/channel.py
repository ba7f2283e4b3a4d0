"""What the sender needs from Teams, as a protocol, and the typed errors it understands.

`bot.teams.proactive.TeamsChannel` implements `Channel` with botbuilder; tests and the benchmark use
it against a fake Bot Connector. Everything here is plain Python, so the sender and the worker
never import botbuilder.
"""

from __future__ import annotations

from typing import Protocol


class ChannelError(Exception):
    """Teams (the Bot Connector) did not take a request.

    `status` is the HTTP status, or None when no answer came. `retry_after` is Teams'
    Retry-After in seconds. `code` is the connector's error code (e.g. "MessageWritesBlocked",
    "ConversationNotFound"). `maybe_delivered` is True when the request went out but the answer
    was lost (timeout, dropped connection): Teams may have posted it, so it must not be resent.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        code: str | None = None,
        maybe_delivered: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.code = code
        self.maybe_delivered = maybe_delivered

    def __str__(self) -> str:
        status = "no answer" if self.status is None else f"HTTP {self.status}"
        code = f" {self.code}" if self.code else ""
        return f"{status}{code}: {self.args[0]}"


class Channel(Protocol):
    """Posting and updating cards in Teams conversations.

    References are the JSON text of a serialized `ConversationReference` (as stored in
    `conversation_refs.reference`); cards are the JSON text of an Adaptive Card.
    """

    async def post(self, reference_json: str, card_json: str) -> str:
        """Post an Adaptive Card as a new message; returns its activity id."""

    async def update(self, reference_json: str, activity_id: str, card_json: str) -> None:
        """Replace the card of a message the bot posted earlier."""

    async def recreate(self, reference_json: str) -> str:
        """Start the 1:1 chat with the reference's user again; returns the new reference JSON."""
