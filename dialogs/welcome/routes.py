"""The welcome card and the small courtesies: «hjelp», «hei», «takk», «avbryt» with nothing on."""

from __future__ import annotations

from botbuilder.core import TurnContext
from botbuilder.dialogs import DialogContext

from bot import replies
from bot.teams.messages import card_message
from bot.teams.routing import Router
from bot.teams.turn_language import language
from bot.understanding.commands import Command
from cards.renderer import CardRenderer


class WelcomeFeature:
    """What Laget says when greeted, thanked or asked for help."""

    def __init__(self, cards: CardRenderer) -> None:
        self._cards = cards

    def router(self) -> Router:
        """Its commands."""
        return Router(
            commands={
                Command.HELP: self._help,
                Command.GREETING: self._help,
                Command.THANKS: self._you_are_welcome,
                Command.CANCEL: self._nothing_to_cancel,
            }
        )

    async def welcome(self, turn_context: TurnContext) -> None:
        """The welcome card (also on a personal install)."""
        view = replies.WELCOME[language(turn_context)]
        await turn_context.send_activity(card_message(self._cards, view))

    async def _help(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        await self.welcome(turn_context)

    async def _you_are_welcome(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        await turn_context.send_activity(replies.YOU_ARE_WELCOME.get(language(turn_context)))

    async def _nothing_to_cancel(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        await turn_context.send_activity(replies.NOTHING_TO_CANCEL.get(language(turn_context)))
