"""DecisionBasisDialog fills a beslutningsgrunnlag one question at a time (for `laget chat`,
screen readers and people who prefer it). Every answer is saved at once, so the dialog can stop
anywhere; «beslutningsgrunnlag» and «Steg for steg» pick up at the first open question.

Besides answers it understands «tilbake», «behold» (keep the value shown), «legg til tiltak»,
«endre tiltak 2» and «fjern tiltak 2». Every question ends with the budget against the frame.
"""

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

from bot.decision_basis import texts as t
from bot.decision_basis import views
from bot.decision_basis.form import (
    CONDITIONS,
    EVALUATION,
    FIELD_BY_NAME,
    HEADER,
    MEASURE,
    Part,
    display_value,
    measure,
    measures,
)
from bot.decision_basis.model import Editor, Status, StoredBasis
from bot.decision_basis.service import DecisionBasisService, StaleBasis
from bot.teams.turn_language import language
from bot.understanding.commands import Command, command_key, match_command, match_measure_op
from dialogs.base import InterruptibleDialog

ANSWER_PROMPT = "basis_answer"
STEPS = "basis_steps"
BACK_WORDS = {"tilbake", "forrige", "gå tilbake", "attende", "førre", "gå attende"}
KEEP_WORDS = {"behold", "behald", "behold svaret", "behald svaret", "samme", "same"}
YES = {"ja", "ja takk", "jepp", "ja gjerne"}
NO = {"nei", "nei takk", "ferdig", "det er alt", "ingen flere", "ingen fleire"}
MORE = "more"  # the question «Vil dere legge til et tiltak til?»

OnComplete = Callable[[TurnContext, StoredBasis], Awaitable[None]]
OnSentChange = Callable[[TurnContext, StoredBasis, int], Awaitable[None]]  # (…, since version)
# A question: (part, tiltak id or 0, field name or MORE)
Key = tuple[str, int, str]


def editor_of(turn_context: TurnContext) -> Editor:
    """The Teams user behind the turn."""
    sender = turn_context.activity.from_property
    return Editor(id=sender.id, aad_id=sender.aad_object_id, name=sender.name or "")


def questions(document: dict[str, Any]) -> list[Key]:
    """Every question of the document in order: header, each tiltak, «another?», conditions,
    evaluation."""
    keys: list[Key] = [("header", 0, spec.name) for spec in HEADER]
    for found in measures(document):
        keys += [("measure", int(found["id"]), spec.name) for spec in MEASURE]
    keys.append(("more", 0, MORE))
    keys += [("conditions", 0, spec.name) for spec in CONDITIONS]
    keys += [("evaluation", 0, spec.name) for spec in EVALUATION]
    return keys


def answered(document: dict[str, Any], key: Key) -> bool:
    """True when the question has an answer (an optional field answered «nei» counts)."""
    part, measure_id, name = key
    if name == MORE:
        return bool(document.get("measures_done")) and bool(measures(document))
    values = measure(document, measure_id) if part == "measure" else document
    return values is not None and name in values


def first_open(document: dict[str, Any]) -> Key | None:
    """The first question without an answer (None when all are answered)."""
    return next((key for key in questions(document) if not answered(document, key)), None)


def _part(name: str) -> Part:
    """The part a field of the conditions or the evaluation belongs to."""
    return "evaluation" if name in {spec.name for spec in EVALUATION} else "conditions"


def _as_key(value: Any) -> Key | None:
    if isinstance(value, list | tuple) and len(value) == 3:
        return str(value[0]), int(value[1]), str(value[2])
    return None


class DecisionBasisDialog(InterruptibleDialog):
    """Asks the open questions of one beslutningsgrunnlag in order."""

    help_text = t.STEP_HELP
    cancelled_text = t.STEP_CANCELLED

    def __init__(
        self,
        service: DecisionBasisService,
        on_complete: OnComplete,
        on_sent_change: OnSentChange,
    ) -> None:
        super().__init__(DecisionBasisDialog.__name__)
        self._service = service
        self._on_complete = on_complete
        self._on_sent_change = on_sent_change  # a sent document changed: tell the admins
        self.add_dialog(TextPrompt(ANSWER_PROMPT))
        self.add_dialog(WaterfallDialog(STEPS, [self.ask, self.receive]))
        self.initial_dialog_id = STEPS

    async def _basis(self, step: WaterfallStepContext) -> StoredBasis | None:
        basis_id = int((step.options or {}).get("basis", 0))
        return await self._service.get(basis_id, step.context.activity.from_property.aad_object_id)

    async def ask(self, step: WaterfallStepContext) -> DialogTurnResult:
        lang = language(step.context)
        basis = await self._basis(step)
        if basis is None:
            await step.context.send_activity(t.NOT_FOUND.get(lang))
            return await step.end_dialog()
        key = _as_key((step.options or {}).get("at"))
        if key is None or key not in questions(basis.document):
            key = first_open(basis.document)
        if key is not None and key[0] == "more" and not measures(basis.document):
            basis, measure_id = await self._service.add_measure(basis, editor_of(step.context))
            key = ("measure", measure_id, MEASURE[0].name)
        since = int(step.options.setdefault("from_version", basis.version))
        if key is None:
            if basis.status is Status.SENT and basis.version != since:
                await self._on_sent_change(step.context, basis, since)  # once, for every change
            await self._on_complete(step.context, basis)
            return await step.end_dialog()
        step.options["at"] = list(key)
        budget = await self._service.budget(basis)
        lines = [self._question(basis, key, lang)]
        lines.append(views.step_budget_line(budget, lang, basis.year))
        return await step.prompt(
            ANSWER_PROMPT, PromptOptions(prompt=MessageFactory.text("\n\n".join(lines)))
        )

    def _question(self, basis: StoredBasis, key: Key, lang: Any) -> str:
        part, measure_id, name = key
        if name == MORE:
            return t.MORE_MEASURES.get(lang)
        spec = FIELD_BY_NAME[name]
        title = views.part_title(basis, part, lang, measure_id)  # type: ignore[arg-type]
        text = t.QUESTION.get(lang).format(title=title, question=spec.question.get(lang))
        if spec.kind == "choices":
            labels = spec.choice_labels(lang).values()
            text += "\n" + "\n".join(f"{n}. {label}" for n, label in enumerate(labels, 1))
        elif spec.kind == "owners":
            members = self._service.members(basis.network_id)
            text += "\n" + "\n".join(f"{n}. {member}" for n, member in enumerate(members, 1))
        values = measure(basis.document, measure_id) if part == "measure" else basis.document
        if values and values.get(name) not in (None, "", []):
            shown = display_value(spec, values[name], lang)
            text += "\n" + t.NOW.get(lang).format(value=shown)
        return text

    async def receive(self, step: WaterfallStepContext) -> DialogTurnResult:
        lang = language(step.context)
        basis = await self._basis(step)
        if basis is None:
            return await step.end_dialog()
        options = dict(step.options or {})
        key = _as_key(options.get("at")) or first_open(basis.document)
        answer = str(step.result or "")
        try:
            options["at"] = await self._handle(step, basis, key, answer)
        except StaleBasis:
            await step.context.send_activity(t.CHANGED_ELSEWHERE.get(lang))
        return await step.replace_dialog(STEPS, options)

    async def _handle(  # noqa: PLR0911  (one return per kind of message)
        self,
        step: WaterfallStepContext,
        basis: StoredBasis,
        key: Key | None,
        answer: str,
    ) -> list[Any] | None:
        """Act on one message; returns the question to ask next (None: the first open one)."""
        lang = language(step.context)
        editor = editor_of(step.context)
        said = command_key(answer)
        order = questions(basis.document)
        if key is None:
            return None
        if said in BACK_WORDS:
            at = order.index(key) if key in order else 0
            return list(order[max(at - 1, 0)])
        if match_command(answer) is Command.ADD_MEASURE:
            _, measure_id = await self._service.add_measure(basis, editor)
            return ["measure", measure_id, MEASURE[0].name]
        typed = match_measure_op(answer)
        if typed is not None:
            return await self._measure_op(step, basis, typed, key)
        if key[2] == MORE:
            if said in YES:
                _, measure_id = await self._service.add_measure(basis, editor)
                return ["measure", measure_id, MEASURE[0].name]
            if said in NO:
                await self._service.finish_measures(basis, editor)
                return None
            await step.context.send_activity(t.YES_OR_NO.get(lang))
            return list(key)
        if said in KEEP_WORDS and answered(basis.document, key):
            return _next(order, key, basis.document)
        part, measure_id, name = key
        saved = await self._service.save_part(
            basis,
            "measure" if part == "measure" else "header" if part == "header" else _part(name),
            {name: answer},
            editor,
            lang=lang,
            measure_id=measure_id or None,
        )
        problem = saved.errors.get(name)
        if problem:
            await step.context.send_activity(problem)
            return list(key)
        if name in saved.warnings:
            await step.context.send_activity(saved.warnings[name])
        if saved.merged:
            await step.context.send_activity(t.CHANGED_ELSEWHERE.get(lang))
        return _next(questions(saved.basis.document), key, saved.basis.document)

    async def _measure_op(
        self, step: WaterfallStepContext, basis: StoredBasis, typed: str, key: Key
    ) -> list[Any]:
        lang = language(step.context)
        kind, _, number_text = typed.partition(":")
        found = measures(basis.document)
        number = int(number_text)
        if not 1 <= number <= len(found):
            text = t.NO_SUCH_MEASURE.get(lang).format(number=number, count=len(found))
            await step.context.send_activity(text if found else t.NO_MEASURE_YET.get(lang))
            return list(key)
        measure_id = int(found[number - 1]["id"])
        if kind == "remove":
            await self._service.remove_measure(basis, measure_id, editor_of(step.context))
            await step.context.send_activity(t.REMOVED.get(lang))
            return list(key) if key[1] != measure_id else []
        return ["measure", measure_id, MEASURE[0].name]


def _next(order: list[Key], key: Key, document: dict[str, Any]) -> list[Any] | None:
    """After an answer: the next question of the same tiltak when it was answered before (the
    tiltak is being changed), else the first open question (None: every one is answered)."""
    if key in order and order.index(key) + 1 < len(order):
        following = order[order.index(key) + 1]
        if key[0] == "measure" and following[1] == key[1] and answered(document, following):
            return list(following)
    found = first_open(document)
    return list(found) if found else None
