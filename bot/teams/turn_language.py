"""The language of a turn, decided once by the Teams handler and read by every reply.

The decision itself is pure (`bot.understanding.language.choose_language`); this module only
keeps its result on the `TurnContext`, so features and dialogs (whose later steps run in later
turns) reply in the user's current language without passing it through every call.
"""

from __future__ import annotations

from botbuilder.core import TurnContext

from bot.scheme import Lang
from bot.understanding.language import locale_language

_KEY = "laget.lang"


def set_language(turn_context: TurnContext, lang: Lang) -> None:
    """Reply in `lang` for the rest of this turn."""
    turn_context.turn_state[_KEY] = lang


def language(turn_context: TurnContext) -> Lang:
    """The turn's language; the Teams locale's when the handler has not decided one."""
    lang = turn_context.turn_state.get(_KEY)
    if lang == "nn":
        return "nn"
    if lang == "nb":
        return "nb"
    return locale_language(turn_context.activity.locale)
