"""«om meg»: where the user works, asked in a short dialog and kept in their profile."""

from __future__ import annotations

from botbuilder.core import TurnContext
from botbuilder.dialogs import DialogContext

from bot.teams.profiles import Profiles
from bot.teams.routing import Router
from bot.understanding.commands import Command
from cards.renderer import CardRenderer
from dialogs.profile.dialog import ProfileDialog


class ProfileFeature:
    """The profile command and its dialog."""

    def __init__(self, profiles: Profiles, cards: CardRenderer) -> None:
        self._dialog = ProfileDialog(profiles.accessor, cards)

    def router(self) -> Router:
        """Its command and dialog."""
        return Router(commands={Command.PROFILE: self._start}, dialogs=[self._dialog])

    async def _start(self, _turn_context: TurnContext, dc: DialogContext) -> None:
        await dc.begin_dialog(ProfileDialog.__name__)
