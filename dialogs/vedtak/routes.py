"""Vedtak in Teams: «registrer vedtak» gives administrators a card to enter a network's decided
frame; the network is told at the next reminder pass (`VedtakService.announce`)."""

from __future__ import annotations

from botbuilder.core import TurnContext
from botbuilder.dialogs import DialogContext

from bot.audit import Audit
from bot.scheme import Lang, format_money
from bot.scheme.roles import RoleDirectory
from bot.teams.messages import card_message
from bot.teams.routing import Router
from bot.teams.turn_language import language
from bot.understanding.commands import Command
from bot.vedtak import texts as t
from bot.vedtak.service import DecisionError, Entry, VedtakService
from cards.payloads import VedtakPayload, action
from cards.renderer import CardRenderer
from cards.views import Button, FormCard, FormInput

FIELDS = ("network", "amount", "decided_on", "reference")


class VedtakFeature:
    """The administrators' card for decided frames."""

    def __init__(
        self, service: VedtakService, *, roles: RoleDirectory, cards: CardRenderer, audit: Audit
    ) -> None:
        self._service = service
        self._roles = roles
        self._cards = cards
        self._audit = audit

    def router(self) -> Router:
        """«registrer vedtak» and the card's button."""
        return Router(
            commands={Command.REGISTER_VEDTAK: self.open},
            payloads={VedtakPayload: self.on_payload},
        )

    async def _is_admin(self, turn_context: TurnContext) -> bool:
        person = await self._roles.person(turn_context.activity.from_property.aad_object_id)
        return person is not None and person.admin

    async def open(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        """The form, for administrators."""
        lang = language(turn_context)
        if not await self._is_admin(turn_context):
            await turn_context.send_activity(t.REFUSED.get(lang))
            return
        await self._form(turn_context, self._service.year(), {}, {}, lang)

    async def on_payload(
        self, turn_context: TurnContext, _dc: DialogContext, payload: VedtakPayload
    ) -> None:
        """«Registrer vedtaket»: checked, stored, announced at the next pass."""
        lang = language(turn_context)
        if not await self._is_admin(turn_context):
            await turn_context.send_activity(t.REFUSED.get(lang))
            return
        values = payload.inputs()
        actor = str(turn_context.activity.from_property.aad_object_id or "")
        entry = Entry(*(values.get(name, "") for name in FIELDS))
        try:
            decision = self._service.read(entry, payload.year, actor, lang)
        except DecisionError as error:
            await self._form(turn_context, payload.year, values, {error.field: str(error)}, lang)
            return
        await self._service.decide([decision])
        await self._audit.record(
            "vedtak.decided",
            actor=actor,
            subject=decision.reference,
            network=decision.network_id,
            amount=decision.amount,
            year=decision.year,
        )
        name = self._service.network_name(decision.network_id)
        text = t.DECIDED.get(lang).format(
            name=name, amount=format_money(decision.amount), year=decision.year
        )
        await turn_context.send_activity(text)

    async def _form(
        self,
        turn_context: TurnContext,
        year: int,
        values: dict[str, str],
        errors: dict[str, str],
        lang: Lang,
    ) -> None:
        networks = [(n.name, n.id) for n in self._service.networks()]
        labels = (t.NETWORK, t.AMOUNT, t.DATE, t.REFERENCE)
        inputs = [
            FormInput(
                id=name,
                label=label.get(lang),
                kind="choice" if name == "network" else "text",
                value=values.get(name, ""),
                choices=networks if name == "network" else [],
                required=True,
                max_length=64,
                error=errors.get(name),
            )
            for name, label in zip(FIELDS, labels, strict=True)
        ]
        card = FormCard(
            title=t.FORM_TITLE.get(lang).format(year=year),
            intro=[t.FORM_INTRO.get(lang)],
            error_summary=t.ERRORS.get(lang) if errors else None,
            inputs=inputs,
            submit=Button(
                title=t.SAVE.get(lang), data=action(VedtakPayload(action="vedtak", year=year))
            ),
        )
        await turn_context.send_activity(card_message(self._cards, card))
