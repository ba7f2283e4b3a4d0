"""Questions in Teams: answers, «Mente du …?», 👍/👎, and asking the network's coordinator.

«Spør koordinatoren» sends the question as a card with an answer field to the coordinators'
chats and the network's linked channels; the first answer is relayed to the asker's chat
(through the proactive channel) and stored, with status. Decisions live in `QaService`.
"""

from __future__ import annotations

import json

from botbuilder.core import TurnContext
from botbuilder.dialogs import DialogContext

from bot.deliveries.notify import NetworkNotifier
from bot.profile.model import UserProfile
from bot.qa.answers import Asker, Reply
from bot.qa.service import QaService, Who
from bot.ratelimit import TOO_OFTEN, UserRateLimit
from bot.scheme import Lang, Localized, RegionData
from bot.scheme.roles import Permission, RoleDirectory, allowed
from bot.teams.messages import card_message
from bot.teams.profiles import Profiles
from bot.teams.routing import Router
from bot.teams.turn_language import language
from cards.markdown import verbatim
from cards.payloads import AnswerPayload, EscalatePayload, FeedbackPayload, IntentPayload
from cards.renderer import CardRenderer, CardTooLarge
from cards.views import Button, FactsCard, FormCard, FormInput

QaPayload = IntentPayload | FeedbackPayload | EscalatePayload | AnswerPayload

# What the asker reads (in their language); the card to the coordinators stays bokmål, since
# it goes to other people's chats and channels.
QUESTION_GONE = Localized(
    nb="Det spørsmålet finner jeg ikke. Skriv det gjerne på nytt.",
    nn="Det spørsmålet finn eg ikkje. Skriv det gjerne på nytt.",
)
WHICH_NETWORK = Localized(
    nb="Hvilket nettverk hører du til? Skriv for eksempel «jeg hører til Fosen», og trykk så "
    "på knappen igjen.",
    nn="Kva nettverk høyrer du til? Skriv til dømes «eg høyrer til Fosen», og trykk så på "
    "knappen igjen.",
)
SENT_TO_COORDINATORS = Localized(
    nb="Spørsmålet er sendt til koordinatorene i {name}. Du får svaret her.",
    nn="Spørsmålet er sendt til koordinatorane i {name}. Du får svaret her.",
)
NO_COORDINATOR = Localized(
    nb="Ingen koordinator i nettverket ditt er koblet til Laget ennå, så jeg fikk ikke sendt "
    "spørsmålet. Ta gjerne kontakt med koordinatoren direkte.",
    nn="Ingen koordinator i nettverket ditt er kopla til Laget enno, så eg fekk ikkje sendt "
    "spørsmålet. Ta gjerne kontakt med koordinatoren direkte.",
)
# To the coordinator (bokmål, like the card they answered on).
TOO_LARGE_ANSWER = (
    "Svaret ble for stort til å sendes i Teams. Kort det litt ned og trykk «Send svar» igjen."
)
ANSWER_FROM = Localized(nb="Svar fra {name}", nn="Svar frå {name}")
YOU_ASKED = Localized(nb="Du spurte: «{text}»", nn="Du spurde: «{text}»")


class QaFeature:
    """The conversation side of questions and answers."""

    def __init__(
        self,
        service: QaService,
        *,
        cards: CardRenderer,
        notify: NetworkNotifier,
        roles: RoleDirectory,
        region: RegionData,
        profiles: Profiles,
    ) -> None:
        self._service = service
        self._profiles = profiles
        self._cards = cards
        self._notify = notify
        self._roles = roles
        self._region = region
        self._escalations = UserRateLimit(limit=5, window=3600)

    def router(self) -> Router:
        """Its buttons, and every text no other feature answers (a question)."""
        payload_types: list[type[QaPayload]] = [
            IntentPayload,
            FeedbackPayload,
            EscalatePayload,
            AnswerPayload,
        ]
        return Router(payloads=dict.fromkeys(payload_types, self.on_payload), fallback=self.ask)

    async def ask(self, turn_context: TurnContext, _dc: DialogContext, text: str) -> None:
        """Answer a typed question, and remember the network it named («jeg hører til …»)."""
        lang = language(turn_context)
        profile = await self._profiles.get(turn_context)
        reply = await self._service.ask(
            text, _asker(turn_context, profile), _who(turn_context), lang
        )
        await self.send(turn_context, reply)
        await self._remember_network(turn_context, profile, reply)

    async def on_payload(
        self, turn_context: TurnContext, _dc: DialogContext, payload: QaPayload
    ) -> None:
        """A question-related button."""
        profile = await self._profiles.get(turn_context)
        reply = await self._on_payload(turn_context, payload, profile)
        await self._remember_network(turn_context, profile, reply)

    async def _remember_network(
        self, turn_context: TurnContext, profile: UserProfile, reply: Reply | None
    ) -> None:
        """«Jeg hører til Fosen»: keep the network in the user's profile."""
        if reply is not None and reply.remember_network is not None:
            profile = profile.model_copy(update={"network_id": reply.remember_network})
            await self._profiles.set(turn_context, profile)

    async def _on_payload(
        self, turn_context: TurnContext, payload: QaPayload, profile: UserProfile
    ) -> Reply | None:
        lang = language(turn_context)
        if isinstance(payload, IntentPayload):
            asker = _asker(turn_context, profile)
            reply = await self._service.choose(payload, asker, _who(turn_context), lang)
            await self.send(turn_context, reply)
            return reply
        if isinstance(payload, FeedbackPayload):
            await self.send(
                turn_context, await self._service.feedback(payload, _who(turn_context), lang)
            )
        elif isinstance(payload, EscalatePayload):
            await self._escalate(turn_context, payload, profile)
        else:
            await self._answer(turn_context, payload)
        return None

    async def send(self, turn_context: TurnContext, reply: Reply) -> None:
        """Send a reply: its card with the text as fallback, or the text alone."""
        if reply.card is None:
            await turn_context.send_activity(reply.text)
            return
        await turn_context.send_activity(card_message(self._cards, reply.card, reply.text))

    async def _escalate(
        self, turn_context: TurnContext, payload: EscalatePayload, profile: UserProfile
    ) -> None:
        lang = language(turn_context)
        asked = await self._service.own_question(payload.question, _who(turn_context))
        network = _network(self._region, profile)
        if asked is None or not asked.text:
            await turn_context.send_activity(QUESTION_GONE.get(lang))
            return
        if network is None:
            await turn_context.send_activity(WHICH_NETWORK.get(lang))
            return
        activity = turn_context.activity
        if not self._escalations.allow(activity.from_property.id):
            await turn_context.send_activity(TOO_OFTEN.get(lang))
            return
        reference = TurnContext.get_conversation_reference(activity).serialize()
        asker = activity.from_property.name or "en bruker"
        escalation = await self._service.log.escalate(
            asked.id, network, asker, json.dumps(reference)
        )
        card = FormCard(
            title=f"Spørsmål til koordinatorene i {self._region.network(network).name}",
            intro=[
                f"{verbatim(asker)} spør:",
                f"«{verbatim(asked.text)}»",
                "Svaret sendes til den som spurte.",
            ],
            inputs=[FormInput(id="answer", label="Svar", kind="multiline", required=True)],
            submit=Button(title="Send svar", data={"action": "answer", "escalation": escalation}),
        )
        reached = await self._notify(network, self._cards.render(card), "qa.question")
        if reached:
            name = self._region.network(network).name
            await turn_context.send_activity(SENT_TO_COORDINATORS.get(lang).format(name=name))
        else:
            await turn_context.send_activity(NO_COORDINATOR.get(lang))

    async def _answer(self, turn_context: TurnContext, payload: AnswerPayload) -> None:
        escalation = await self._service.log.escalation(payload.escalation)
        if escalation is None:
            await turn_context.send_activity("Det spørsmålet kjenner jeg ikke igjen.")
            return
        person = await self._roles.person(turn_context.activity.from_property.aad_object_id)
        if person is None or not allowed(
            person, Permission.VIEW_NETWORK_REPORTS, escalation.network_id
        ):
            await turn_context.send_activity("Bare koordinatorene i nettverket kan svare her.")
            return
        text = payload.text()
        if not text:
            await turn_context.send_activity("Skriv svaret i feltet før du trykker «Send svar».")
            return
        name = turn_context.activity.from_property.name or "Koordinatoren"
        asked = await self._service.log.get(escalation.question_id)
        lang: Lang = "nn" if asked is not None and asked.lang == "nn" else "nb"  # the asker's
        card = FactsCard(
            title=ANSWER_FROM.get(lang).format(name=verbatim(name)),
            headline=verbatim(text[:4000]),
            notes=[YOU_ASKED.get(lang).format(text=verbatim(asked.text) if asked else "")],
        )
        try:  # made before the answer is stored: a stored answer must reach the asker
            relayed = self._cards.render(card)
        except CardTooLarge:
            await turn_context.send_activity(TOO_LARGE_ANSWER)
            return
        if not await self._service.log.answer(escalation.id, text[:4000], name):
            await turn_context.send_activity("Dette spørsmålet er allerede besvart.")
            return
        await self._notify.relay(escalation.asker_reference, relayed, "qa.answer")
        asker = verbatim(escalation.asker_name)
        await turn_context.send_activity(f"Takk! Svaret er sendt til {asker}.")


def _who(turn_context: TurnContext) -> Who:
    """The presser of a button or the writer of a message (conversation and Teams user id)."""
    activity = turn_context.activity
    return Who(activity.conversation.id, activity.from_property.id)


def _asker(turn_context: TurnContext, profile: UserProfile) -> Asker:
    sender = turn_context.activity.from_property
    return Asker(sender.aad_object_id if sender else None, profile)


def _network(region: RegionData, profile: UserProfile) -> str | None:
    if profile.network_id:
        return profile.network_id
    if profile.municipality:
        found = region.find_network(profile.municipality)
        return found.id if found else None
    return None
