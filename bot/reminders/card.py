"""The reminder card (Adaptive Card 1.5, bokmål), and its done / deadline-passed variants.

A card names the step, the deadline as a date and as "om 7 dager", who must do what, and the
network's status ("3 av 4 eiere har sendt behovsmelding"). Buttons: "Ny behovsmelding" (for
that step) and "Rammen vår" say a question to the bot; "Utsett" (1:1 chats only) and "Marker
som ferdig" carry a `ReminderPayload` with the reminder's key. The variants replace the card in
place once the target is done or the deadline has passed, without buttons to act on it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from bot.reminders.planning import Progress, StepProgress, Target
from bot.reminders.rules import ReminderRules
from bot.scheme.calendar import Deadline, cycle_deadlines
from bot.scheme.formatting import (
    example_data_note,
    format_date,
    format_days_left,
    non_working_day_note,
)
from bot.scheme.models import RegionData
from cards.payloads import ask
from cards.reminder_views import CardAction, ReminderCard, ReminderState, reminder_action
from cards.renderer import CardRenderer
from cards.views import Fact

OWNER_STEP = "behovsmelding"


class Reminder(Protocol):
    """What a card needs to know about a reminder (planned or stored)."""

    @property
    def key(self) -> str: ...
    @property
    def step_id(self) -> str: ...
    @property
    def cycle_year(self) -> int: ...
    @property
    def target(self) -> Target: ...


class ReminderCards:
    """Builds reminder cards from the region's data and the network's progress."""

    def __init__(
        self, region: RegionData, rules: ReminderRules, renderer: CardRenderer | None = None
    ) -> None:
        self._region = region
        self._rules = rules
        self._renderer = renderer or CardRenderer()
        self._deadlines: dict[tuple[str, int], dict[str, Deadline]] = {}

    def render(
        self,
        reminder: Reminder,
        progress: Progress,
        now: dt.datetime,
        state: ReminderState = "due",
    ) -> dict[str, Any]:
        """The card JSON for `reminder` seen at `now`."""
        return self._renderer.render(self.view(reminder, progress, now, state))

    def view(
        self,
        reminder: Reminder,
        progress: Progress,
        now: dt.datetime,
        state: ReminderState = "due",
    ) -> ReminderCard:
        """The card's view-model (tested apart from the template)."""
        target = reminder.target
        network = self._region.network(target.network_id)
        deadline = self._deadline(reminder)
        step = deadline.step
        status = progress.of(network.id, step.id, reminder.cycle_year)
        due = deadline.due or dt.date.min
        today = now.astimezone(self._rules.zone).date()
        date_text = format_date(due)
        facts = [
            Fact(title="Steg", value=f"{step.number}. {step.name.nb}"),
            Fact(title="Nettverk", value=network.name),
            Fact(title="Frist", value=date_text),
            Fact(title="Fra → til", value=f"{step.from_actor.nb} → {step.to_actor.nb}"),
        ]
        notes = [note] if state == "due" and (note := non_working_day_note(deadline)) else []
        return ReminderCard(
            state=state,
            title=_TITLES[state].format(step=step.name.nb),
            headline=_headline(state, target, step.short.nb, date_text, (due - today).days),
            todo=self._todo(step.id, target, deadline),
            facts=facts,
            status=_status(step.id, step.short.nb, status),
            missing=_missing(target, status) if state == "due" else None,
            notes=notes,
            warning=example_data_note() if deadline.example_data else None,
            actions=self._actions(reminder, network.name) if state == "due" else [],
        )

    def _deadline(self, reminder: Reminder) -> Deadline:
        key = (reminder.target.network_id, reminder.cycle_year)
        if key not in self._deadlines:  # the region's data does not change while we run
            found = cycle_deadlines(self._region, key[1], network_id=key[0])
            self._deadlines[key] = {d.step.id: d for d in found}
        return self._deadlines[key][reminder.step_id]

    def _todo(self, step_id: str, target: Target, deadline: Deadline) -> str:
        if target.kind == "owner" and step_id == OWNER_STEP:
            return f"{target.owner_id} kan sende en behovsmelding til nettverket (frivillig)."
        rule = self._rules.for_step(step_id)
        if rule is not None and rule.todo:
            return rule.todo
        step = deadline.step
        return f"{step.from_actor.nb} sender {step.short.nb} til {step.to_actor.nb}."

    def _actions(self, reminder: Reminder, network_name: str) -> list[CardAction]:
        actions = []
        if reminder.step_id == OWNER_STEP:
            actions.append(CardAction(title="Ny behovsmelding", data=ask("ny behovsmelding")))
        actions.append(
            CardAction(title="Rammen vår", data=ask(f"Hva er rammen til {network_name}?"))
        )
        if reminder.target.kind != "channel":
            actions.append(CardAction(title="Utsett", data=reminder_action("snooze", reminder.key)))
        actions.append(
            CardAction(title="Marker som ferdig", data=reminder_action("done", reminder.key))
        )
        return actions


_TITLES: dict[ReminderState, str] = {
    "due": "Påminnelse: {step}",
    "done": "Levert: {step}",
    "expired": "Fristen er ute: {step}",
}


def _headline(state: ReminderState, target: Target, step: str, date_text: str, days: int) -> str:
    if state == "done":
        who = "Dere er ferdige" if target.kind == "owner" else "Nettverket er ferdig"
        return f"{who} med {step}. Takk!"
    if state == "expired":
        return f"Fristen for {step} var {date_text}."
    return f"Fristen for {step} er {date_text} ({format_days_left(days)})."


def _status(step_id: str, step: str, status: StepProgress) -> str | None:
    if status.done:  # the headline says so («Nettverket er ferdig med …»), marked or sent
        return None
    if step_id != OWNER_STEP or not status.owners:
        return None
    sent = len(status.owners & status.submitted)
    return f"Fra {sent} av {len(status.owners)} kommuner har en eier sendt {step} (frivillig)."


def _missing(target: Target, status: StepProgress) -> str | None:
    if target.kind == "owner" or status.complete or not status.owners:
        return None
    waiting = sorted(status.owners - status.submitted)
    return f"Ingen behovsmelding ennå fra: {', '.join(waiting)}." if waiting else None
