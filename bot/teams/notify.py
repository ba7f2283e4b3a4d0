"""Telling a network's coordinators: their personal chats with the bot, and linked channels.

Sending goes through a `Channel` (the proactive door to Teams, `bot.teams.proactive`), so
this module only chooses the targets. A failure to reach one target is logged and does not
stop the others.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.reminders.channel import Channel
from bot.reminders.model import ConversationDirectory, ConversationRecord
from bot.scheme.roles import RoleDirectory

log = logging.getLogger(__name__)

LinkedChannels = Callable[[str], Awaitable[list[str]]]  # network id -> conversation ids


class NetworkNotifier:
    """Sends a card to everyone who coordinates a network."""

    def __init__(
        self,
        channel: Channel,
        references: ConversationDirectory,
        roles: RoleDirectory,
        linked_channels: LinkedChannels,
    ) -> None:
        self._channel = channel
        self._references = references
        self._roles = roles
        self._linked_channels = linked_channels

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

    async def __call__(self, network_id: str, card: dict[str, Any]) -> int:
        """Send `card` to every target; returns how many were reached."""
        card_json = json.dumps(card, ensure_ascii=False)
        reached = 0
        for target in await self.targets(network_id):
            try:
                await self._channel.post(json.dumps(target.reference), card_json)
                reached += 1
            except Exception:  # one unreachable coordinator must not stop the others
                log.exception(
                    "notification failed", extra={"conversation_id": target.conversation_id}
                )
        return reached
