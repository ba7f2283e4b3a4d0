"""Typed payloads of card buttons, validated where they arrive.

Buttons are `Action.Submit` with a `data` object carrying an `action` discriminator. (Teams'
imBack/messageBack use an `msteams` key, which the Agents Playground cannot submit.)
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from cards.reminder_views import ReminderPayload

# Ids and versions are stored as 32-bit integers: a larger number in a button's data cannot
# name anything, and must be refused here rather than overflow the database driver.
MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class AskPayload(BaseModel):
    """Say `text` to the bot, as if typed."""

    model_config = ConfigDict(extra="ignore")

    action: Literal["ask"]
    text: str = Field(min_length=1, max_length=500)


NeedsOp = Literal["form", "steps", "save", "submit", "edit", "withdraw", "confirm_withdraw"]


class NeedsPayload(BaseModel):
    """A behovsmelding button; a card form's inputs arrive beside these keys."""

    model_config = ConfigDict(extra="allow")

    action: Literal["needs"]
    op: NeedsOp
    report: Id
    version: int = Field(default=0, ge=0, le=MAX_ID)

    def inputs(self) -> dict[str, str]:
        """The card's input values (everything that is not a payload key), as text."""
        extra = self.model_extra or {}
        return {key: str(value) for key, value in extra.items() if isinstance(value, str | int)}


BasisOp = Literal[
    "summary",
    "form",
    "steps",
    "save",
    "add_measure",
    "remove_measure",
    "confirm_remove",
    "confirm_send",
    "send",
]
BasisPart = Literal["header", "measure", "conditions", "evaluation"]


class BasisPayload(BaseModel):
    """A beslutningsgrunnlag button; a card form's inputs arrive beside these keys. `measure`
    names a tiltak by its id (0: none)."""

    model_config = ConfigDict(extra="allow")

    action: Literal["basis"]
    op: BasisOp
    basis: Id
    version: int = Field(default=0, ge=0, le=MAX_ID)
    part: BasisPart | None = None
    measure: int = Field(default=0, ge=0, le=MAX_ID)

    def inputs(self) -> dict[str, str]:
        """The card's input values (everything that is not a payload key), as text."""
        extra = self.model_extra or {}
        return {key: str(value) for key, value in extra.items() if isinstance(value, str | int)}


ReportOp = Literal["summary", "form", "steps", "save", "add_measure", "confirm_send", "send"]
ReportPart = Literal["measure", "conditions", "evaluation"]


class ReportPayload(BaseModel):
    """A report (rapportering) button; a card form's inputs arrive beside these keys."""

    model_config = ConfigDict(extra="allow")

    action: Literal["report"]
    op: ReportOp
    report: Id
    version: int = Field(default=0, ge=0, le=MAX_ID)
    part: ReportPart | None = None
    measure: int = Field(default=0, ge=0, le=MAX_ID)

    def inputs(self) -> dict[str, str]:
        """The card's input values (everything that is not a payload key), as text."""
        extra = self.model_extra or {}
        return {key: str(value) for key, value in extra.items() if isinstance(value, str | int)}


class VedtakPayload(BaseModel):
    """«Registrer vedtaket»: an administrator's decided frame (the card's inputs beside it)."""

    model_config = ConfigDict(extra="allow")

    action: Literal["vedtak"]
    year: int = Field(ge=2000, le=2200)

    def inputs(self) -> dict[str, str]:
        """The card's input values, as text."""
        extra = self.model_extra or {}
        return {key: str(value) for key, value in extra.items() if isinstance(value, str | int)}


class IntentPayload(BaseModel):
    """A «Mente du …?» choice: answer the stored question as this intent ("none": none fits)."""

    action: Literal["intent"]
    intent: str = Field(min_length=1, max_length=40)
    question: Id


class FeedbackPayload(BaseModel):
    """👍 or 👎 on an answer."""

    action: Literal["feedback"]
    vote: Literal["up", "down"]
    question: Id


class EscalatePayload(BaseModel):
    """«Spør koordinatoren»: send the stored question to the network's coordinators."""

    action: Literal["escalate"]
    question: Id


class AnswerPayload(BaseModel):
    """A coordinator's answer to an escalated question (the card's input `answer` beside it)."""

    model_config = ConfigDict(extra="allow")

    action: Literal["answer"]
    escalation: Id

    def text(self) -> str:
        """What the coordinator wrote."""
        value = (self.model_extra or {}).get("answer", "")
        return value.strip() if isinstance(value, str) else ""


class ExportPayload(BaseModel):
    """«Last ned regneark»: a download link for a network's sent behovsmeldinger."""

    action: Literal["export"]
    network: str = Field(min_length=1, max_length=64)
    year: int = Field(ge=2000, le=2200)


Payload = Annotated[
    AskPayload
    | NeedsPayload
    | BasisPayload
    | ReportPayload
    | VedtakPayload
    | ReminderPayload
    | IntentPayload
    | FeedbackPayload
    | EscalatePayload
    | AnswerPayload
    | ExportPayload,
    Field(discriminator="action"),
]
_ADAPTER: TypeAdapter[Payload] = TypeAdapter(Payload)


class PayloadError(ValueError):
    """A card submitted something Laget does not recognise (or no longer supports)."""


def parse_payload(value: Any) -> Payload:
    """Validate a card submit's `value`; raises PayloadError for anything unknown."""
    try:
        return _ADAPTER.validate_python(value)
    except ValidationError as error:
        raise PayloadError(str(error)) from error


def needs(op: NeedsOp, report: int, version: int = 0) -> dict[str, Any]:
    """The `data` of a behovsmelding button."""
    return NeedsPayload(action="needs", op=op, report=report, version=version).model_dump()


def action(payload: BaseModel) -> dict[str, Any]:
    """The `data` of a button carrying any payload."""
    return payload.model_dump()


def ask(text: str) -> dict[str, Any]:
    """The `data` of a button that says `text`."""
    return AskPayload(action="ask", text=text).model_dump()


def export(network: str, year: int) -> dict[str, Any]:
    """The `data` of a «Last ned regneark» button."""
    return ExportPayload(action="export", network=network, year=year).model_dump()


def basis_action(
    op: BasisOp, basis: int, version: int = 0, *, part: BasisPart | None = None, measure: int = 0
) -> dict[str, Any]:
    """The `data` of a beslutningsgrunnlag button."""
    payload = BasisPayload(
        action="basis", op=op, basis=basis, version=version, part=part, measure=measure
    )
    return payload.model_dump(exclude_none=True)


def report_action(
    op: ReportOp, report: int, version: int = 0, *, part: ReportPart | None = None, measure: int = 0
) -> dict[str, Any]:
    """The `data` of a report button."""
    payload = ReportPayload(
        action="report", op=op, report=report, version=version, part=part, measure=measure
    )
    return payload.model_dump(exclude_none=True)
