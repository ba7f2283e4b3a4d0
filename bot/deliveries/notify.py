"""Telling a network's coordinators (their personal chats with the bot and the network's
linked channels), and relaying to one conversation: both through the deliveries outbox.

The turn only writes the messages and wakes the delivery worker; it never waits for Teams.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from bot.deliveries.model import DeliveryStore, Kind, Message
from bot.reminders.model import ConversationDirectory, ConversationRecord
from bot.scheme.roles import RoleDirectory

LinkedChannels = Callable[[str], Awaitable[list[str]]]  # network id -> conversation ids


class NetworkNotifier:
    """Queues a card for everyone who coordinates a network, or for one conversation."""

    def __init__(
        self,
        deliveries: DeliveryStore,
        references: ConversationDirectory,
        roles: RoleDirectory,
        linked_channels: LinkedChannels,
        *,
        wake: Callable[[], None],
        clock: Callable[[], datetime],
    ) -> None:
        self._deliveries = deliveries
        self._references = references
        self._roles = roles
        self._linked_channels = linked_channels
        self._wake = wake
        self._clock = clock

    async def targets(self, network_id: str) -> list[ConversationRecord]:
        """The coordinators' personal chats and the network's linked channels."""
        coordinators = [
            stored.assignment.aad_object_id
            for stored in await self._roles.all()
            if stored.assignment.network_id == network_id
        ]
        chats = await self._references.active(personal_for=coordinators) if coordinators else []
        channels = []
        for conversation_id in await self._linked_channels(network_id):
            record = await self._references.get(conversation_id)
            if record is not None and record.retired_at is None:
                channels.append(record)
        return chats + channels

    async def __call__(self, network_id: str, card: dict[str, Any], kind: Kind) -> int:
        """Queue `card` for every target of the network; returns how many there are."""
        return await self._queue(_messages(await self.targets(network_id), card, kind, network_id))

    async def admins(
        self,
        card: dict[str, Any],
        kind: Kind,
        *,
        skip: str | None = None,
        network_id: str | None = None,
    ) -> int:
        """Queue `card` for every administrator's personal chat with the bot (not `skip`'s,
        the person who acted and is answered in the turn), and, given `network_id`, for that
        network's targets too; each conversation once. Returns how many."""
        admins = sorted(
            {
                stored.assignment.aad_object_id
                for stored in await self._roles.all()
                if stored.assignment.role == "admin" and stored.assignment.aad_object_id != skip
            }
        )
        targets = await self._references.active(personal_for=admins) if admins else []
        if network_id is not None:
            targets += await self.targets(network_id)
        unique = {
            target.conversation_id: target
            for target in targets
            if skip is None or target.user_aad_id != skip  # the one who acted sees the receipt
        }
        return await self._queue(_messages(list(unique.values()), card, kind, network_id))

    async def relay(self, reference_json: str, card: dict[str, Any], kind: Kind) -> None:
        """Queue `card` for the one conversation of a stored reference (e.g. an asker's chat)."""
        reference = json.loads(reference_json)
        conversation = reference.get("conversation") or {}
        message = Message(
            kind=kind,
            conversation_id=str(conversation.get("id", "")),
            reference_json=reference_json,
            card_json=json.dumps(card, ensure_ascii=False),
            personal=conversation.get("conversationType") == "personal",
        )
        await self._queue([message])

    async def _queue(self, messages: list[Message]) -> int:
        queued = await self._deliveries.enqueue(messages, self._clock())
        if queued:
            self._wake()
        return queued


def _messages(
    targets: list[ConversationRecord], card: dict[str, Any], kind: Kind, network_id: str | None
) -> list[Message]:
    """One message of `card` per target conversation."""
    card_json = json.dumps(card, ensure_ascii=False)
    return [
        Message(
            kind=kind,
            conversation_id=target.conversation_id,
            reference_json=json.dumps(target.reference),
            card_json=card_json,
            personal=target.conversation_type == "personal",
            network_id=network_id,
        )
        for target in targets
    ]
