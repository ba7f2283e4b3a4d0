"""ProfileDialog fills UserProfile: where the user works, and in which municipality."""

from __future__ import annotations

from botbuilder.core import CardFactory, MessageFactory, StatePropertyAccessor
from botbuilder.dialogs import (
    DialogTurnResult,
    PromptOptions,
    PromptValidatorContext,
    TextPrompt,
    WaterfallDialog,
    WaterfallStepContext,
)

from bot.profile.model import WORKPLACES, UserProfile, parse_municipality, parse_workplace
from bot.scheme import Localized
from bot.teams.turn_language import language
from cards.renderer import CardRenderer
from cards.views import Button, ChoiceCard
from dialogs.base import InterruptibleDialog

WORKPLACE_PROMPT = "workplace"
MUNICIPALITY_PROMPT = "municipality"

WHERE = Localized(nb="Hvor jobber du?", nn="Kvar jobbar du?")
PICK = Localized(
    nb="Velg det som passer best, eller skriv svaret.",
    nn="Vel det som passar best, eller skriv svaret.",
)
WHERE_AGAIN = Localized(
    nb="Det kjente jeg ikke igjen. Velg en av knappene, eller skriv for eksempel «skole».",
    nn="Det kjende eg ikkje att. Vel ein av knappane, eller skriv til dømes «skule».",
)
WHICH_MUNICIPALITY = Localized(nb="Hvilken kommune jobber du i?", nn="Kva kommune jobbar du i?")
MUNICIPALITY_AGAIN = Localized(
    nb="Skriv bare navnet på kommunen, for eksempel «Orkland» eller «Indre Fosen».",
    nn="Skriv berre namnet på kommunen, til dømes «Orkland» eller «Indre Fosen».",
)
NOTED = Localized(
    nb="Takk! Jeg har notert: {profile}. Skriv «om meg» hvis du vil endre det.",
    nn="Takk! Eg har notert: {profile}. Skriv «om meg» om du vil endre det.",
)


class ProfileDialog(InterruptibleDialog):
    """Two questions, one per turn; the answers are saved to the user's profile."""

    help_text = Localized(
        nb="Jeg spør hvor du jobber, slik at svarene mine kan passe for deg. "
        "Svar på spørsmålet, eller skriv «avbryt» for å la være.",
        nn="Eg spør kvar du jobbar, slik at svara mine kan passe for deg. "
        "Svar på spørsmålet, eller skriv «avbryt» for å la vere.",
    )

    def __init__(self, profiles: StatePropertyAccessor, cards: CardRenderer) -> None:
        super().__init__(ProfileDialog.__name__)
        self._profiles = profiles
        self._cards = cards
        self.add_dialog(TextPrompt(WORKPLACE_PROMPT, self._valid_workplace))
        self.add_dialog(TextPrompt(MUNICIPALITY_PROMPT, self._valid_municipality))
        self.add_dialog(
            WaterfallDialog("steps", [self.ask_workplace, self.ask_municipality, self.save_profile])
        )
        self.initial_dialog_id = "steps"

    async def ask_workplace(self, step: WaterfallStepContext) -> DialogTurnResult:
        lang = language(step.context)
        card = self._cards.render(
            ChoiceCard(
                title=WHERE.get(lang),
                text=PICK.get(lang),
                choices=[
                    Button(title=label.get(lang), text=label.get(lang))
                    for label in WORKPLACES.values()
                ],
            ),
        )
        prompt = MessageFactory.attachment(CardFactory.adaptive_card(card))
        prompt.text = WHERE.get(lang)
        retry = MessageFactory.text(WHERE_AGAIN.get(lang))
        return await step.prompt(WORKPLACE_PROMPT, PromptOptions(prompt=prompt, retry_prompt=retry))

    async def ask_municipality(self, step: WaterfallStepContext) -> DialogTurnResult:
        lang = language(step.context)
        step.values["workplace"] = parse_workplace(str(step.result))
        return await step.prompt(
            MUNICIPALITY_PROMPT,
            PromptOptions(
                prompt=MessageFactory.text(WHICH_MUNICIPALITY.get(lang)),
                retry_prompt=MessageFactory.text(MUNICIPALITY_AGAIN.get(lang)),
            ),
        )

    async def save_profile(self, step: WaterfallStepContext) -> DialogTurnResult:
        lang = language(step.context)
        known = UserProfile.model_validate(await self._profiles.get(step.context) or {})
        profile = UserProfile(  # a new workplace: the network follows the new municipality
            workplace=step.values["workplace"],
            municipality=parse_municipality(str(step.result)),
            lang=known.lang,
        )
        await self._profiles.set(step.context, profile.model_dump())
        await step.context.send_activity(NOTED.get(lang).format(profile=profile.describe(lang)))
        return await step.end_dialog(profile.model_dump())

    @staticmethod
    async def _valid_workplace(prompt: PromptValidatorContext) -> bool:
        return bool(prompt.recognized.succeeded) and (
            parse_workplace(str(prompt.recognized.value)) is not None
        )

    @staticmethod
    async def _valid_municipality(prompt: PromptValidatorContext) -> bool:
        return bool(prompt.recognized.succeeded) and (
            parse_municipality(str(prompt.recognized.value)) is not None
        )
