"""NeedsReportDialog fills a behovsmelding one question per turn (for `laget chat`, screen
readers and people who prefer it). Every answer is saved to the draft at once, so the dialog
can stop anywhere and «fortsett behovsmeldingen» resumes at the same question."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.dialogs import (
    DialogTurnResult,
    PromptOptions,
    TextPrompt,
    WaterfallDialog,
    WaterfallStepContext,
)

from bot.commands import normalise
from bot.needs_service import NeedsService, StaleCard
from bot.scheme.needs import FIELDS
from bot.store.needs import Author, StoredReport
from cards.renderer import CardRenderer
from cards.views import Button, ChoiceCard
from dialogs.base import InterruptibleDialog

ANSWER_PROMPT = "needs_answer"
STEPS = "needs_steps"
BACK_WORDS = {"tilbake", "forrige", "gå tilbake"}

OnComplete = Callable[[TurnContext, StoredReport], Awaitable[None]]


def author_of(turn_context: TurnContext) -> Author:
    """The Teams user behind the turn."""
    sender = turn_context.activity.from_property
    return Author(id=sender.id, aad_id=sender.aad_object_id, name=sender.name or "")


class NeedsReportDialog(InterruptibleDialog):
    """Asks the open fields of one draft in form order; «tilbake» goes one question back."""

    help_text = (
        "Jeg spør om ett felt av gangen, og lagrer hvert svar med en gang. Skriv «tilbake» for "
        "forrige spørsmål, eller «avbryt» for å ta pause: utkastet er lagret, og «fortsett "
        "behovsmeldingen» tar deg hit igjen."
    )
    cancelled_text = (
        "Greit, jeg tar pause. Utkastet er lagret: skriv «fortsett behovsmeldingen» når du vil "
        "fortsette, eller «mine behovsmeldinger» for å se alle."
    )

    def __init__(self, service: NeedsService, cards: CardRenderer, on_complete: OnComplete) -> None:
        super().__init__(NeedsReportDialog.__name__)
        self._service = service
        self._cards = cards
        self._on_complete = on_complete
        self.add_dialog(TextPrompt(ANSWER_PROMPT))
        self.add_dialog(WaterfallDialog(STEPS, [self.ask, self.receive]))
        self.initial_dialog_id = STEPS

    async def _report(self, step: WaterfallStepContext) -> StoredReport | None:
        report_id = int((step.options or {}).get("report", 0))
        return await self._service.own(report_id, author_of(step.context))

    async def ask(self, step: WaterfallStepContext) -> DialogTurnResult:
        report = await self._report(step)
        if report is None:
            await step.context.send_activity("Fant ikke behovsmeldingen. Skriv «ny behovsmelding».")
            return await step.end_dialog()
        if report.step >= len(FIELDS):
            await self._on_complete(step.context, report)
            return await step.end_dialog()
        spec = FIELDS[report.step]
        question = f"({report.step + 1} av {len(FIELDS)}) {spec.question}"
        if spec.kind == "choices":
            listed = "\n".join(f"{n}. {label}" for n, label in enumerate(spec.choices.values(), 1))
            prompt = MessageFactory.text(f"{question}\n{listed}")
        elif spec.choices:
            card = self._cards.render(
                "choice",
                ChoiceCard(
                    title=spec.label,
                    text=question,
                    choices=[Button(title=label, text=label) for label in spec.choices.values()],
                ),
            )
            prompt = MessageFactory.attachment(CardFactory.adaptive_card(card))
            prompt.text = question
        else:
            prompt = MessageFactory.text(question)
        return await step.prompt(ANSWER_PROMPT, PromptOptions(prompt=prompt))

    async def receive(self, step: WaterfallStepContext) -> DialogTurnResult:
        report = await self._report(step)
        if report is None:
            return await step.end_dialog()
        answer = str(step.result or "")
        spec = FIELDS[min(report.step, len(FIELDS) - 1)]
        try:
            if normalise(answer) in BACK_WORDS:
                back = max(report.step - 1, 0)
                await self._service.save_answers(report, {}, author_of(step.context), step=back)
            else:
                saved = await self._service.save_answers(
                    report, {spec.name: answer}, author_of(step.context)
                )
                problem = saved.errors.get(spec.name) or saved.warnings.get(spec.name)
                if problem:
                    await step.context.send_activity(problem)
        except StaleCard:
            await step.context.send_activity(
                "Behovsmeldingen ble endret et annet sted; jeg henter den nyeste."
            )
        return await step.replace_dialog(STEPS, step.options)
