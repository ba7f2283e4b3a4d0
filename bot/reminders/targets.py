"""Who can be reminded, from the database: linked channels, coordinators' and owners' 1:1 chats.

A coordinator (or an owner's contact person) is reachable once they have a personal chat with
Laget (its conversation reference names them by `user.aadObjectId`). This module also answers
the worker's questions about references: look one up, replace a recreated 1:1 chat, and retire
a conversation that Teams refuses.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from bot.reminders.model import ConversationDirectory, ConversationRecord, LinkStore
from bot.reminders.planning import Target
from bot.scheme.models import RegionData, normalise_name
from bot.scheme.roles import RoleDirectory


@dataclass(frozen=True)
class OwnerContact:
    """A person who speaks for an owner (eier) in a network, e.g. who drafted its behovsmelding."""

    network_id: str
    owner_id: str
    aad_object_id: str
    name: str = ""


OwnerContacts = Callable[[], Awaitable[list[OwnerContact]]]


class StoredTargets:
    """Targets and conversation references, from the stored links, roles and references."""

    def __init__(
        self,
        region: RegionData,
        references: ConversationDirectory,
        roles: RoleDirectory,
        links: LinkStore,
        *,
        owner_contacts: OwnerContacts | None = None,
    ) -> None:
        self._region = region
        self._references = references
        self._roles = roles
        self._links = links
        self._owner_contacts = owner_contacts
        # References read by the last `targets()`, so a pass needs no query per reminder.
        self._seen: dict[str, str] = {}

    async def targets(self) -> list[Target]:
        """Every reachable target: channels (not blocked), coordinators, owners' contacts."""
        active = await self._references.active()
        self._seen = {r.conversation_id: json.dumps(r.reference) for r in active}
        known = set(self._seen)
        chats = _personal_chats(active)
        found = [
            Target("channel", link.network_id, link.conversation_id, link.conversation_id)
            for link in await self._links.all()
            if link.blocked_at is None and link.conversation_id in known
        ]
        for stored in await self._roles.all():
            person = stored.assignment
            chat = chats.get(person.aad_object_id)
            if person.role == "coordinator" and person.network_id and chat:
                found.append(
                    Target(
                        "coordinator",
                        person.network_id,
                        person.aad_object_id,
                        chat,
                        name=stored.name,
                    )
                )
        for contact in await self._owner_contacts() if self._owner_contacts else []:
            chat = chats.get(contact.aad_object_id.lower())
            if chat and contact.network_id in self._region.network_ids:
                owner = _member_name(self._region, contact.network_id, contact.owner_id)
                found.append(
                    Target(
                        "owner",
                        contact.network_id,
                        contact.aad_object_id.lower(),
                        chat,
                        owner_id=owner,
                        name=contact.name,
                    )
                )
        return found

    async def reference(self, conversation_id: str) -> str | None:
        """The stored reference (JSON) of an active conversation, or None."""
        if conversation_id in self._seen:
            return self._seen[conversation_id]
        record = await self._references.get(conversation_id)
        if record is None or record.retired_at is not None:
            return None
        return json.dumps(record.reference)

    async def replace_personal(self, old_conversation_id: str, reference_json: str) -> str:
        """Store a recreated 1:1 chat in place of the deleted one; returns its conversation id."""
        reference = json.loads(reference_json)
        new_id = str(reference["conversation"]["id"])
        old = await self._references.get(old_conversation_id)
        if old is None:
            old = ConversationRecord(
                conversation_id=new_id,
                conversation_type="personal",
                service_url=str(reference.get("serviceUrl", "")),
                bot_id=str((reference.get("bot") or {}).get("id", "")),
                reference=reference,
            )
        record = replace(
            old,
            conversation_id=new_id,
            reference=reference,
            installed_at=datetime.now(UTC),
            retired_at=None,
        )
        await self._references.store(record)
        await self._references.retire(old_conversation_id)
        self._seen.pop(old_conversation_id, None)
        return new_id

    async def refused(self, conversation_id: str, now: datetime) -> None:
        """Teams refused the conversation for good (blocked, uninstalled or deleted)."""
        await self._links.mark_blocked(conversation_id, now)
        await self._references.retire(conversation_id)
        self._seen.pop(conversation_id, None)


def _personal_chats(records: list[ConversationRecord]) -> dict[str, str]:
    """AAD object id (lower case) → the newest personal conversation with that user."""
    chats: dict[str, str] = {}
    for record in records:
        user = record.reference.get("user") or {}
        aad = user.get("aadObjectId") if isinstance(user, dict) else None
        if record.conversation_type == "personal" and aad:
            chats[str(aad).lower()] = record.conversation_id
    return chats


def _member_name(region: RegionData, network_id: str, owner: str) -> str:
    members = {normalise_name(m): m for m in region.network(network_id).members}
    return members.get(normalise_name(owner), owner)
