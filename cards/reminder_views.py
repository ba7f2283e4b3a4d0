"""View-model of the reminder card: a deadline nudge, and its done / deadline-passed variants."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from cards.views import CardView, Fact

ReminderState = Literal["due", "done", "expired"]


class CardAction(BaseModel):
    """An Action.Submit button with its (already validated) payload."""

    title: str = Field(max_length=80)
    data: dict[str, Any]


class ReminderCard(CardView):
    """What a reminder shows: the step, the deadline, who must do what, and the status."""

    template: ClassVar[str] = "reminder"

    state: ReminderState
    title: str
    headline: str
    todo: str
    facts: list[Fact] = []
    status: str | None = None
    missing: str | None = None
    notes: list[str] = []
    warning: str | None = None
    actions: list[CardAction] = Field(default=[], max_length=5)


class ReminderPayload(BaseModel):
    """A reminder card's own button: "Utsett" (snooze, personal chats) or "Marker som ferdig"."""

    model_config = ConfigDict(extra="ignore")

    action: Literal["reminder"]
    op: Literal["snooze", "done"]
    # The reminder's key. Not named "key": the Agents Playground fails to submit card data
    # holding a "key" (it assigns one of its own to the submitted object).
    reminder: str = Field(min_length=1, max_length=300)


def reminder_action(op: Literal["snooze", "done"], key: str) -> dict[str, Any]:
    """The `data` of a reminder button."""
    return ReminderPayload(action="reminder", op=op, reminder=key).model_dump()
