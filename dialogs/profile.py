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

from bot.profile import WORKPLACES, UserProfile, parse_municipality, parse_workplace
from cards.renderer import CardRenderer
from cards.views import Button, ChoiceCard
from dialogs.base import InterruptibleDialog

WORKPLACE_PROMPT = "workplace"
MUNICIPALITY_PROMPT = "municipality"


class ProfileDialog(InterruptibleDialog):
    """Two questions, one per turn; the answers are saved to the user's profile."""

    help_text = (
        "Jeg spør hvor du jobber, slik at svarene mine kan passe for deg. "
        "Svar på spørsmålet, eller skriv «avbryt» for å la være."
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
        card = self._cards.render(
            "choice",
            ChoiceCard(
                title="Hvor jobber du?",
                text="Velg det som passer best, eller skriv svaret.",
                choices=[Button(title=label, text=label) for label in WORKPLACES.values()],
            ),
        )
        prompt = MessageFactory.attachment(CardFactory.adaptive_card(card))
        prompt.text = "Hvor jobber du?"
        retry = MessageFactory.text(
            "Det kjente jeg ikke igjen. Velg en av knappene, eller skriv for eksempel «skole»."
        )
        return await step.prompt(WORKPLACE_PROMPT, PromptOptions(prompt=prompt, retry_prompt=retry))

    async def ask_municipality(self, step: WaterfallStepContext) -> DialogTurnResult:
        step.values["workplace"] = parse_workplace(str(step.result))
        return await step.prompt(
            MUNICIPALITY_PROMPT,
            PromptOptions(
                prompt=MessageFactory.text("Hvilken kommune jobber du i?"),
                retry_prompt=MessageFactory.text(
                    "Skriv bare navnet på kommunen, for eksempel «Orkland» eller «Indre Fosen»."
                ),
            ),
        )

    async def save_profile(self, step: WaterfallStepContext) -> DialogTurnResult:
        profile = UserProfile(
            workplace=step.values["workplace"], municipality=parse_municipality(str(step.result))
        )
        await self._profiles.set(step.context, profile.model_dump())
        await step.context.send_activity(
            f"Takk! Jeg har notert: {profile.describe()}. Skriv «om meg» hvis du vil endre det."
        )
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
