"""The base of every multi-step dialog: "avbryt" and "hjelp" work at every step."""

from __future__ import annotations

from botbuilder.dialogs import (
    ComponentDialog,
    DialogContext,
    DialogTurnResult,
    DialogTurnStatus,
)
from botbuilder.schema import ActivityTypes

from bot.scheme import Localized
from bot.teams.turn_language import language
from bot.understanding.commands import Command, match_command

CANCELLED = Localized(
    nb="Greit, jeg har avbrutt. Skriv «hjelp» når du vil se hva jeg kan.",
    nn="Greitt, eg har avbrote. Skriv «hjelp» når du vil sjå kva eg kan.",
)


class InterruptibleDialog(ComponentDialog):
    """A component dialog that handles cancel and help before its own steps see the text."""

    help_text = Localized(
        nb="Svar på spørsmålet over, eller skriv «avbryt» for å avslutte.",
        nn="Svar på spørsmålet over, eller skriv «avbryt» for å avslutte.",
    )
    cancelled_text = CANCELLED

    async def on_continue_dialog(self, inner_dc: DialogContext) -> DialogTurnResult:
        interrupted = await self._interrupt(inner_dc)
        if interrupted is not None:
            return interrupted
        return await super().on_continue_dialog(inner_dc)

    async def _interrupt(self, inner_dc: DialogContext) -> DialogTurnResult | None:
        activity = inner_dc.context.activity
        if activity.type != ActivityTypes.message or not activity.text:
            return None
        command = match_command(activity.text)
        lang = language(inner_dc.context)
        if command is Command.CANCEL:
            await inner_dc.context.send_activity(self.cancelled_text.get(lang))
            return await inner_dc.cancel_all_dialogs(True)
        if command is Command.HELP:
            await inner_dc.context.send_activity(self.help_text.get(lang))
            await inner_dc.reprompt_dialog()
            return DialogTurnResult(DialogTurnStatus.Waiting)
        if command is Command.RESUME_NEEDS:  # «fortsett» while already under way (a restart)
            await inner_dc.reprompt_dialog()
            return DialogTurnResult(DialogTurnStatus.Waiting)
        return None
