"""The Teams handler: routes messages, card submits and install events to features.

Every piece of free text of a turn (the message, a card's submitted data) passes the
personal-data guard here, before any feature sees it: a national identity number refuses the
whole turn, and nothing of it is stored, logged, relayed or shown. Then handlers route and
features act: a message goes to the active dialog if there is one, otherwise through one table
(`bot.teams.routing`) assembled from what each feature declares. Install events store or retire
the conversation reference that proactive messages (the reminders) need.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from botbuilder.core import (
    ConversationState,
    InvokeResponse,
    TurnContext,
    UserState,
)
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.dialogs import DialogSet, DialogTurnStatus
from botbuilder.schema import ActivityTypes

from bot import replies
from bot.reminders.model import ConversationDirectory
from bot.scheme.hygiene import clean
from bot.scheme.privacy import holds_national_id
from bot.teams.conversations import conversation_record, conversation_type
from bot.teams.profiles import Profiles
from bot.teams.routing import RoutingTable
from bot.teams.state_cache import load_states, save_states
from bot.teams.turn_language import language, set_language
from bot.understanding.commands import match_command
from bot.understanding.language import choose_language, language_evidence
from cards.payloads import AskPayload, Payload, PayloadError, parse_payload

log = logging.getLogger(__name__)

Welcome = Callable[[TurnContext], Awaitable[None]]
# The activities the bot may answer (a message, a card's Action.Execute, its own arrival).
_SPOKEN = (ActivityTypes.message, ActivityTypes.invoke, ActivityTypes.conversation_update)


class LagetBot(TeamsActivityHandler):
    """The bot: one instance per process, state passed in, nothing global."""

    def __init__(
        self,
        conversation_state: ConversationState,
        user_state: UserState,
        *,
        profiles: Profiles,
        references: ConversationDirectory,
        welcome: Welcome,
        routes: RoutingTable,
    ) -> None:
        super().__init__()
        self._conversation_state = conversation_state
        self._user_state = user_state
        self._profiles = profiles
        self._references = references
        self._welcome = welcome
        self._routes = routes
        self._dialogs = DialogSet(conversation_state.create_property("DialogState"))
        for dialog in routes.dialogs:
            self._dialogs.add(dialog)

    async def on_turn(self, turn_context: TurnContext) -> None:
        states = (self._conversation_state, self._user_state)
        await load_states(turn_context, states)  # one query for both
        await self._decide_language(turn_context)
        await super().on_turn(turn_context)
        await save_states(turn_context, states)  # one transaction for both

    # Messages and card submits

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        activity.text = clean(activity.text)
        activity.value = clean(activity.value)
        if holds_national_id(activity.text, activity.value):
            await turn_context.send_activity(
                replies.NATIONAL_ID_REFUSED.get(language(turn_context))
            )
            return
        if activity.value is not None and not activity.text:
            try:
                payload = parse_payload(activity.value)
            except PayloadError:
                await turn_context.send_activity(replies.STALE_BUTTON.get(language(turn_context)))
                return
            await self._on_payload(turn_context, payload)
            return
        await self._handle_text(turn_context, TurnContext.remove_recipient_mention(activity) or "")

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        """Action.Execute gets the same payloads as Action.Submit and a short receipt.

        The SDK's own route types the receipt's `value` as an object, but Universal Actions
        want a string there, so `adaptiveCard/action` is answered here.
        """
        activity = turn_context.activity
        if activity.name != "adaptiveCard/action":
            return await super().on_invoke_activity(turn_context)
        value = clean(activity.value) if isinstance(activity.value, dict) else {}
        action = value.get("action")
        if holds_national_id(action):
            return _invoke_message(replies.NATIONAL_ID_REFUSED.get(language(turn_context)))
        try:
            payload = parse_payload(action.get("data") if isinstance(action, dict) else None)
        except PayloadError:
            return _invoke_message(replies.STALE_BUTTON.get(language(turn_context)))
        await self._on_payload(turn_context, payload)
        return _invoke_message(replies.RECEIVED.get(language(turn_context)))

    async def _on_payload(self, turn_context: TurnContext, payload: Payload) -> None:
        """A button goes to the feature that declared its payload type («ask» is typed text)."""
        if isinstance(payload, AskPayload):
            await self._handle_text(turn_context, payload.text)
            return
        route = self._routes.payload_route(payload)
        if route is None:  # a payload type no feature declared: treat it as stale
            await turn_context.send_activity(replies.STALE_BUTTON.get(language(turn_context)))
            return
        await route(turn_context, await self._dialogs.create_context(turn_context), payload)

    async def _handle_text(self, turn_context: TurnContext, text: str) -> None:
        """The active dialog first, then a feature's phrase, a command, and else a question."""
        activity = turn_context.activity
        text = text.strip()
        if len(text) > replies.MAX_MESSAGE_CHARS:
            await turn_context.send_activity(replies.TOO_LONG.get(language(turn_context)))
            return
        if not text:
            await turn_context.send_activity(replies.EMPTY.get(language(turn_context)))
            return
        activity.text = text
        dialog_context = await self._dialogs.create_context(turn_context)
        if dialog_context.active_dialog is not None:
            result = await dialog_context.continue_dialog()
            if result.status != DialogTurnStatus.Empty or turn_context.responded:
                return
        phrase = self._routes.phrase_route(text)
        if phrase is not None:
            route, named = phrase
            await route(turn_context, dialog_context, named)
            return
        command = match_command(text)
        command_route = self._routes.commands.get(command) if command else None
        if command_route is not None:
            await command_route(turn_context, dialog_context)
            return
        await self._routes.fallback(turn_context, dialog_context, text)

    # Language

    async def _decide_language(self, turn_context: TurnContext) -> None:
        """Reply in the written form of the user's message; remember it for the next turns.

        A message whose words show bokmål or nynorsk sets the language and is remembered, so a
        short answer («ja», «2») or a card submit keeps it; with nothing known, the Teams locale
        decides.
        """
        activity = turn_context.activity
        sender = activity.from_property
        if activity.type not in _SPOKEN or sender is None or not sender.id:
            return
        profile = await self._profiles.get(turn_context)  # an unreadable one starts afresh
        typed = activity.text if activity.type == ActivityTypes.message else None
        lang = choose_language(typed, profile.lang, activity.locale)
        set_language(turn_context, lang)
        if lang != profile.lang and language_evidence(typed or "") is not None:
            await self._profiles.set(turn_context, profile.model_copy(update={"lang": lang}))

    # Install events

    async def on_installation_update_add(self, turn_context: TurnContext) -> None:
        await self._remember(turn_context)

    async def on_installation_update_remove(self, turn_context: TurnContext) -> None:
        await self._forget(turn_context)

    async def on_conversation_update_activity(self, turn_context: TurnContext) -> None:
        """Only the bot's own arrival and departure matter here (no connector look-ups)."""
        activity = turn_context.activity
        bot_id = activity.recipient.id if activity.recipient else None
        if any(member.id == bot_id for member in activity.members_added or []):
            await self._remember(turn_context)
            if conversation_type(activity) == "personal":
                await self._welcome(turn_context)
        elif any(member.id == bot_id for member in activity.members_removed or []):
            await self._forget(turn_context)

    async def _remember(self, turn_context: TurnContext) -> None:
        record = conversation_record(turn_context.activity)
        await self._references.store(record)
        log.info("conversation stored", extra={"conversation_id": record.conversation_id})

    async def _forget(self, turn_context: TurnContext) -> None:
        conversation_id = turn_context.activity.conversation.id
        await self._references.retire(conversation_id)
        log.info("conversation retired", extra={"conversation_id": conversation_id})


def _invoke_message(text: str) -> InvokeResponse:
    body = {"statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": text}
    return InvokeResponse(status=200, body=body)
