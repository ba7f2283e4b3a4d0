"""Reminders in Teams: linking a channel to a network, «påminnelser», and the card's buttons.

Who may do what is decided by the domain core's role checks (MANAGE_NETWORK); the reminder
engine (`bot.reminders`) plans and sends. This module only talks, in the language of the turn
(`bot.reminders.texts`); the reminder card itself is bokmål.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from botbuilder.core import TurnContext
from botbuilder.dialogs import DialogContext

from bot.audit import Audit
from bot.reminders import texts as t
from bot.reminders.assembly import Reminders
from bot.reminders.model import ConversationDirectory, channel_conversation_id
from bot.reminders.planning import snooze_until
from bot.scheme import RegionData, format_date, oslo_today
from bot.scheme.roles import Permission, RoleDirectory, allowed
from bot.teams.conversations import conversation_record, conversation_type
from bot.teams.messages import card_message
from bot.teams.routing import Router
from bot.teams.turn_language import language
from bot.understanding.commands import Command, match_link
from cards.reminder_views import ReminderPayload
from cards.renderer import CardRenderer
from cards.views import Fact, FactsCard

log = logging.getLogger(__name__)


class RemindersFeature:
    """Channel links, the reminder list and the reminder card's buttons."""

    def __init__(
        self,
        reminders: Reminders,
        *,
        region: RegionData,
        roles: RoleDirectory,
        references: ConversationDirectory,
        cards: CardRenderer,
        clock: Callable[[], datetime],
        audit: Audit,
    ) -> None:
        self._audit = audit
        self._reminders = reminders
        self._region = region
        self._roles = roles
        self._references = references
        self._cards = cards
        self._clock = clock

    def router(self) -> Router:
        """Its command, the channel link phrase and the reminder card's buttons."""
        return Router(
            commands={Command.REMINDERS: self.overview},
            phrases=[(match_link, self.link)],
            payloads={ReminderPayload: self.on_payload},
        )

    async def link(self, turn_context: TurnContext, _dc: DialogContext, network_text: str) -> None:
        """«koble denne kanalen til Fosen»: coordinators of the network and admins only."""
        activity = turn_context.activity
        lang = language(turn_context)
        names = ", ".join(n.name for n in self._region.networks)
        if not network_text.strip():
            await turn_context.send_activity(t.WHICH_NETWORK_TO_LINK.get(lang).format(names=names))
            return
        network = self._region.find_network(network_text)
        if network is None:
            text = t.NO_SUCH_NETWORK.get(lang).format(text=network_text, names=names)
            await turn_context.send_activity(text)
            return
        if conversation_type(activity) != "channel":
            await turn_context.send_activity(t.IN_THE_CHANNEL.get(lang).format(name=network.name))
            return
        person = await self._roles.person(activity.from_property.aad_object_id)
        if person is None or not allowed(person, Permission.MANAGE_NETWORK, network.id):
            await turn_context.send_activity(t.LINK_REFUSED.get(lang).format(name=network.name))
            return
        channel = channel_conversation_id(activity.conversation.id)
        await self._references.store(conversation_record(activity, channel))
        await self._reminders.links.link(network.id, channel, person.aad_object_id)
        await self._audit.record(
            "channel.linked", actor=person.aad_object_id, subject=network.id, channel=channel
        )
        log.info("channel linked", extra={"conversation_id": channel})
        await turn_context.send_activity(t.LINKED.get(lang).format(name=network.name))

    async def overview(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        """«påminnelser»: reminders of the networks the person coordinates, or of this channel."""
        activity = turn_context.activity
        lang = language(turn_context)
        person = await self._roles.person(activity.from_property.aad_object_id)
        networks = set(person.coordinator_of) if person else set()
        channel = channel_conversation_id(activity.conversation.id)
        networks |= set(await self._reminders.links.networks_of(channel))
        if person is not None and person.admin and not networks:
            networks = set(self._region.network_ids)
        if not networks:
            await turn_context.send_activity(t.OVERVIEW_REFUSED.get(lang))
            return
        facts: list[Fact] = []
        for network_id in sorted(networks):
            name = self._region.network(network_id).name
            for reminder in await self._reminders.outbox.for_network(network_id, limit=10):
                step = self._region.step(reminder.step_id).short.get(lang)
                state = t.STATE_TEXT.get(reminder.state)
                line = t.REMINDER_LINE.get(lang).format(
                    when=format_date(oslo_today(reminder.due_at), lang),
                    days=reminder.offset_days,
                    state=state.get(lang) if state else reminder.state,
                )
                facts.append(Fact(title=f"{name}: {step}", value=line))
        rules = self._reminders.rules
        steps = ", ".join(
            t.STEP_OFFSETS.get(lang).format(
                step=self._region.step(step_id).short.get(lang),
                offsets="/".join(str(o) for o in rule.offsets),
            )
            for step_id, rule in rules.steps.items()
            if rule.enabled
        )
        card = FactsCard(
            title=t.OVERVIEW_TITLE.get(lang),
            headline=t.SENT_AT.get(lang).format(time=f"{rules.send_at:%H:%M}", steps=steps),
            facts=facts[:30],
            notes=[] if facts else [t.NONE_PLANNED.get(lang)],
        )
        await turn_context.send_activity(card_message(self._cards, card))

    async def on_payload(
        self, turn_context: TurnContext, _dc: DialogContext, payload: ReminderPayload
    ) -> None:
        """The reminder card's «Utsett» and «Marker som ferdig»."""
        lang = language(turn_context)
        reminder = await self._reminders.outbox.get(payload.reminder)
        if reminder is None:
            await turn_context.send_activity(t.UNKNOWN_REMINDER.get(lang))
            return
        now = self._clock()
        person = await self._roles.person(turn_context.activity.from_property.aad_object_id)
        target = reminder.target
        addressee = (
            target.kind != "channel" and person is not None and person.aad_object_id == target.id
        )
        if payload.op == "snooze":  # a personal reminder, snoozed by the person it is addressed to
            if not addressee:
                await turn_context.send_activity(t.SNOOZE_REFUSED.get(lang))
                return
            until = await self._reminders.outbox.snooze(
                payload.reminder, snooze_until(now, self._reminders.rules), now
            )
            await turn_context.send_activity((t.SNOOZED if until else t.NOT_SNOOZED).get(lang))
            return
        own = target.kind == "owner" and addressee
        may = person is not None and allowed(person, Permission.MANAGE_NETWORK, target.network_id)
        if person is None or not (own or may):
            await turn_context.send_activity(t.DONE_REFUSED.get(lang))
            return
        party = target.owner_id if own and target.owner_id else ""
        await self._reminders.completions.mark(
            target.network_id,
            reminder.step_id,
            reminder.cycle_year,
            marked_by=person.aad_object_id,
            party_id=party,
        )
        await turn_context.send_activity(t.MARKED_DONE.get(lang))
