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

from bot.needs.form import FIELDS
from bot.needs.model import Author, StoredReport
from bot.needs.service import NeedsService, StaleCard
from bot.scheme import Localized
from bot.teams.turn_language import language
from bot.understanding.commands import command_key
from cards.renderer import CardRenderer
from cards.views import Button, ChoiceCard
from dialogs.base import InterruptibleDialog

ANSWER_PROMPT = "needs_answer"
STEPS = "needs_steps"
BACK_WORDS = {"tilbake", "forrige", "gå tilbake", "attende", "førre", "gå attende"}
NOT_FOUND = Localized(
    nb="Fant ikke behovsmeldingen. Skriv «ny behovsmelding».",
    nn="Fann ikkje behovsmeldinga. Skriv «ny behovsmelding».",
)
QUESTION = Localized(nb="({number} av {count}) {question}", nn="({number} av {count}) {question}")
CHANGED_ELSEWHERE = Localized(
    nb="Behovsmeldingen ble endret et annet sted; jeg henter den nyeste.",
    nn="Behovsmeldinga vart endra ein annan stad; eg hentar den nyaste.",
)

OnComplete = Callable[[TurnContext, StoredReport], Awaitable[None]]

# The draft as this turn last read or wrote it, handed to the question that follows in the same
# turn (so a turn reads the draft once). It lives in `turn_state`, which ends with the turn, and
# is taken at most once: a later turn, or a second look in this one, reads the database again.
_HANDED_OVER = "laget.needs.report"


def author_of(turn_context: TurnContext) -> Author:
    """The Teams user behind the turn."""
    sender = turn_context.activity.from_property
    return Author(id=sender.id, aad_id=sender.aad_object_id, name=sender.name or "")


def hand_over(turn_context: TurnContext, report: StoredReport) -> None:
    """Give the dialog's next question in this turn the draft just read or saved, so it need
    not read it again. Call it only with the report as stored now (read or written in this
    turn, after every write of this turn)."""
    turn_context.turn_state[_HANDED_OVER] = report


def _take_over(turn_context: TurnContext, report_id: int, author: Author) -> StoredReport | None:
    """The draft handed over in this turn, if it is this one and the author's (taken once)."""
    report = turn_context.turn_state.pop(_HANDED_OVER, None)
    if (
        isinstance(report, StoredReport)
        and report.id == report_id
        and report.author_id == author.id
    ):
        return report
    return None


class NeedsReportDialog(InterruptibleDialog):
    """Asks the open fields of one draft in form order; «tilbake» goes one question back."""

    help_text = Localized(
        nb="Jeg spør om ett felt av gangen, og lagrer hvert svar med en gang. Skriv «tilbake» for "
        "forrige spørsmål, eller «avbryt» for å ta pause: utkastet er lagret, og «fortsett "
        "behovsmeldingen» tar deg hit igjen.",
        nn="Eg spør om eitt felt om gongen, og lagrar kvart svar med ein gong. Skriv «tilbake» "
        "for førre spørsmål, eller «avbryt» for å ta pause: utkastet er lagra, og «fortset "
        "behovsmeldinga» tek deg hit igjen.",
    )
    cancelled_text = Localized(
        nb="Greit, jeg tar pause. Utkastet er lagret: skriv «fortsett behovsmeldingen» når du vil "
        "fortsette, eller «mine behovsmeldinger» for å se alle.",
        nn="Greitt, eg tek pause. Utkastet er lagra: skriv «fortset behovsmeldinga» når du vil "
        "halde fram, eller «mine behovsmeldingar» for å sjå alle.",
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
        """The draft as stored: the one handed over earlier in this turn, else read."""
        report_id = int((step.options or {}).get("report", 0))
        author = author_of(step.context)
        handed = _take_over(step.context, report_id, author)
        return handed if handed is not None else await self._service.own(report_id, author)

    async def ask(self, step: WaterfallStepContext) -> DialogTurnResult:
        lang = language(step.context)
        report = await self._report(step)
        if report is None:
            await step.context.send_activity(NOT_FOUND.get(lang))
            return await step.end_dialog()
        if report.step >= len(FIELDS):
            await self._on_complete(step.context, report)
            return await step.end_dialog()
        spec = FIELDS[report.step]
        question = QUESTION.get(lang).format(
            number=report.step + 1, count=len(FIELDS), question=spec.question.get(lang)
        )
        labels = list(spec.choice_labels(lang).values())
        if spec.kind == "choices":
            listed = "\n".join(f"{n}. {label}" for n, label in enumerate(labels, 1))
            prompt = MessageFactory.text(f"{question}\n{listed}")
        elif spec.choices:
            card = self._cards.render(
                ChoiceCard(
                    title=spec.label.get(lang),
                    text=question,
                    choices=[Button(title=label, text=label) for label in labels],
                ),
            )
            prompt = MessageFactory.attachment(CardFactory.adaptive_card(card))
            prompt.text = question
        else:
            prompt = MessageFactory.text(question)
        return await step.prompt(ANSWER_PROMPT, PromptOptions(prompt=prompt))

    async def receive(self, step: WaterfallStepContext) -> DialogTurnResult:
        lang = language(step.context)
        report = await self._report(step)
        if report is None:
            return await step.end_dialog()
        answer = str(step.result or "")
        spec = FIELDS[min(report.step, len(FIELDS) - 1)]
        try:
            if command_key(answer) in BACK_WORDS:
                back = max(report.step - 1, 0)
                saved = await self._service.save_answers(
                    report, {}, author_of(step.context), lang=lang, step=back
                )
            else:
                saved = await self._service.save_answers(
                    report, {spec.name: answer}, author_of(step.context), lang=lang
                )
                problem = saved.errors.get(spec.name) or saved.warnings.get(spec.name)
                if problem:
                    await step.context.send_activity(problem)
            hand_over(step.context, saved.report)  # the next question needs no second read
        except StaleCard:  # nothing handed over: the next question reads the newest version
            await step.context.send_activity(CHANGED_ELSEWHERE.get(lang))
        return await step.replace_dialog(STEPS, step.options)
