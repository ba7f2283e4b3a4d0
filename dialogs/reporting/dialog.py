"""ReportDialog fills a report one question at a time, like the beslutningsgrunnlag's dialog:
each tiltak's questions in order, then the four conditions, then the evaluation; every answer
saved at once; «tilbake» and «behold» (keep the value shown, such as text copied from the
plan). Every question ends with what has been used so far."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from botbuilder.core import MessageFactory, TurnContext
from botbuilder.dialogs import (
    DialogTurnResult,
    PromptOptions,
    TextPrompt,
    WaterfallDialog,
    WaterfallStepContext,
)

from bot.decision_basis.form import display_value, measure, measures
from bot.decision_basis.model import StoredBasis
from bot.decision_basis.service import StaleBasis
from bot.reporting import texts as t
from bot.reporting import views
from bot.reporting.form import EVALUATION, FIELD_BY_NAME, FROM_PLAN, MEASURE, MET, Part
from bot.reporting.service import ReportService
from bot.scheme import Lang
from bot.teams.turn_language import language
from bot.understanding.commands import command_key
from dialogs.base import InterruptibleDialog
from dialogs.decision_basis.dialog import BACK_WORDS, KEEP_WORDS, editor_of

ANSWER_PROMPT = "report_answer"
STEPS = "report_steps"

OnComplete = Callable[[TurnContext, StoredBasis], Awaitable[None]]
Key = tuple[str, int, str]  # (part, tiltak id or 0, field name)


def questions(document: dict[str, Any]) -> list[Key]:
    """Every question in order: each tiltak's, the conditions, the evaluation."""
    keys: list[Key] = []
    for found in measures(document):
        keys += [("measure", int(found["id"]), spec.name) for spec in MEASURE]
    keys += [("conditions", 0, spec.name) for spec in MET]
    keys += [("evaluation", 0, spec.name) for spec in EVALUATION]
    return keys


def answered(document: dict[str, Any], key: Key) -> bool:
    """Answered (the conditions' text copied from the plan is not an answer yet)."""
    part, measure_id, name = key
    if part == "conditions" and document.get(FROM_PLAN):
        return False
    values = measure(document, measure_id) if part == "measure" else document
    return values is not None and values.get(name) not in (None, "")


def _next(document: dict[str, Any], key: Key) -> Key | None:
    """The next question of the same tiltak or of the conditions (walked in order, since a
    copy from the beslutningsgrunnlag may already be there), else the first open one."""
    order = questions(document)
    if key in order and order.index(key) + 1 < len(order):
        following = order[order.index(key) + 1]
        if following[:2] == key[:2] and key[0] in ("measure", "conditions"):
            return following
    return next((k for k in order if not answered(document, k)), None)


def _as_key(value: Any) -> Key | None:
    if isinstance(value, list | tuple) and len(value) == 3:
        return str(value[0]), int(value[1]), str(value[2])
    return None


class ReportDialog(InterruptibleDialog):
    """Asks the open questions of one report in order."""

    help_text = t.STEP_HELP
    cancelled_text = t.STEP_CANCELLED

    def __init__(self, service: ReportService, on_complete: OnComplete) -> None:
        super().__init__(ReportDialog.__name__)
        self._service = service
        self._on_complete = on_complete
        self.add_dialog(TextPrompt(ANSWER_PROMPT))
        self.add_dialog(WaterfallDialog(STEPS, [self.ask, self.receive]))
        self.initial_dialog_id = STEPS

    async def _report(self, step: WaterfallStepContext) -> StoredBasis | None:
        report_id = int((step.options or {}).get("report", 0))
        return await self._service.get(report_id, step.context.activity.from_property.aad_object_id)

    async def ask(self, step: WaterfallStepContext) -> DialogTurnResult:
        lang = language(step.context)
        report = await self._report(step)
        if report is None:
            await step.context.send_activity(t.NOT_FOUND.get(lang))
            return await step.end_dialog()
        key = _as_key((step.options or {}).get("at"))
        if key is None or key not in questions(report.document):
            order = questions(report.document)
            key = next((k for k in order if not answered(report.document, k)), None)
        if key is None:
            await self._on_complete(step.context, report)
            return await step.end_dialog()
        step.options["at"] = list(key)
        sums = await self._service.sums(report)
        text = "\n\n".join(
            [
                self._question(report, key, lang),
                f"{t.USED.get(lang)}: {views.meter(sums, lang).value}",
            ]
        )
        return await step.prompt(ANSWER_PROMPT, PromptOptions(prompt=MessageFactory.text(text)))

    def _question(self, report: StoredBasis, key: Key, lang: Lang) -> str:
        part, measure_id, name = key
        spec = FIELD_BY_NAME[name]
        title = views.part_title(report, part, lang, measure_id)  # type: ignore[arg-type]
        text = t.QUESTION.get(lang).format(title=title, question=spec.question.get(lang))
        values = measure(report.document, measure_id) if part == "measure" else report.document
        if values and values.get(name) not in (None, "", []):
            shown = display_value(spec, values[name], lang)
            text += "\n" + t.NOW.get(lang).format(value=shown)
        return text

    async def receive(self, step: WaterfallStepContext) -> DialogTurnResult:
        lang = language(step.context)
        report = await self._report(step)
        if report is None:
            return await step.end_dialog()
        options = dict(step.options or {})
        key = _as_key(options.get("at"))
        answer = str(step.result or "")
        said = command_key(answer)
        order = questions(report.document)
        if key is None or key not in order:
            return await step.replace_dialog(STEPS, {**options, "at": None})
        values = (
            measure(report.document, key[1]) if key[0] == "measure" else report.document
        ) or {}
        if said in BACK_WORDS:
            options["at"] = list(order[max(order.index(key) - 1, 0)])
        elif said in KEEP_WORDS and values.get(key[2]) not in (None, ""):
            kept = str(values[key[2]])  # saved as it stands (so copied plan text counts)
            options["at"] = await self._save(step, report, key, kept, lang)
        else:
            options["at"] = await self._save(step, report, key, answer, lang)
        return await step.replace_dialog(STEPS, options)

    async def _save(
        self, step: WaterfallStepContext, report: StoredBasis, key: Key, answer: str, lang: Lang
    ) -> list[Any] | None:
        part: Part = key[0]  # type: ignore[assignment]
        try:
            saved = await self._service.save_part(
                report,
                part,
                {key[2]: answer},
                editor_of(step.context),
                lang=lang,
                measure_id=key[1] or None,
            )
        except StaleBasis:
            await step.context.send_activity(t.STALE.get(lang).format(version="?"))
            return list(key)
        problem = saved.errors.get(key[2])
        if problem:
            await step.context.send_activity(problem)
            return list(key)
        if key[2] in saved.warnings:
            await step.context.send_activity(saved.warnings[key[2]])
        found = _next(saved.basis.document, key)
        return list(found) if found else None
