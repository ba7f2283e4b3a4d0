"""Which reminders are due: a pure function of (region data, rules, targets, progress, now).

No I/O and no botbuilder here. A reminder is identified by (region, step, cycle year, target,
offset); `reminder_key` turns that identity into a deterministic idempotency key, so planning the
same moment twice (or in two workers at once) yields the same keys and the outbox keeps one row
per key.

A reminder for offset N is due from `send_at` (09:00 Europe/Oslo by default) N days before the
deadline (the working day before, when that day is a weekend or a public holiday) until the
deadline has passed. At any moment at most one offset per (step, cycle,
target) is due: the most recent one that has passed. So a worker that was down for two weeks
sends the 7-day reminder, not the 21-day one as well. Nothing is planned for a target that is
done with the step, nor for a locally set deadline that has no date (a recommended date is
advice, not a deadline).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from bot.reminders.rules import Audience, ReminderRules
from bot.scheme.calendar import Deadline, cycle_deadlines, working_day_on_or_before
from bot.scheme.models import RegionData

TargetKind = Literal["channel", "coordinator", "owner"]
Settlement = Literal["done", "expired"]
AUDIENCE: dict[TargetKind, Audience] = {
    "channel": "channels",
    "coordinator": "coordinators",
    "owner": "owners",
}


@dataclass(frozen=True)
class Target:
    """Someone to remind, and the conversation to remind them in.

    `id` is what the reminder's identity is keyed on: the channel's conversation id, or the AAD
    object id of a coordinator or of an owner's contact person (so a recreated 1:1 chat keeps
    its keys). `owner_id` names the owner a contact person speaks for (owner targets only).
    """

    kind: TargetKind
    network_id: str
    id: str
    conversation_id: str
    owner_id: str | None = None
    name: str = ""


@dataclass(frozen=True)
class StepProgress:
    """How far one network is with one step of one cycle."""

    owners: frozenset[str] = frozenset()  # owners expected to submit (e.g. the municipalities)
    submitted: frozenset[str] = frozenset()  # owners who have submitted (or marked done)
    done: bool = False  # the network marked the whole step done

    @property
    def complete(self) -> bool:
        """Marked done, or every expected owner has submitted."""
        return self.done or (bool(self.owners) and self.owners <= self.submitted)

    def done_for(self, target: Target) -> bool:
        """True when `target` has nothing left to do for this step."""
        if self.complete:
            return True
        return target.kind == "owner" and target.owner_id in self.submitted


@dataclass(frozen=True)
class Progress:
    """Every network's progress, keyed by (network id, step id, cycle year); absent = nothing."""

    entries: Mapping[tuple[str, str, int], StepProgress] = field(default_factory=dict)

    def of(self, network_id: str, step_id: str, cycle_year: int) -> StepProgress:
        """One network's progress with one step (empty when nothing is known)."""
        return self.entries.get((network_id, step_id, cycle_year), StepProgress())


@dataclass(frozen=True)
class PlannedReminder:
    """One reminder that is due now."""

    region_id: str
    step_id: str
    cycle_year: int
    target: Target
    offset_days: int
    deadline: dt.date
    due_at: dt.datetime  # UTC
    closes_at: dt.datetime  # UTC: the deadline has passed from this moment
    example_data: bool = False

    @property
    def key(self) -> str:
        """The deterministic idempotency key of this reminder."""
        return reminder_key(
            self.region_id,
            self.step_id,
            self.cycle_year,
            self.target,
            self.offset_days,
        )


def reminder_key(
    region_id: str, step_id: str, cycle_year: int, target: Target, offset_days: int
) -> str:
    """A stable key: readable prefix + a hash of the identity (ids can be long and contain ':')."""
    identity = "\x1f".join(
        (region_id, step_id, str(cycle_year), target.kind, target.network_id, target.id)
    )
    digest = hashlib.sha256(identity.encode()).hexdigest()[:24]
    return f"{cycle_year}-{step_id}-{offset_days}d-{target.kind}-{digest}"


def send_moment(deadline: dt.date, offset_days: int, rules: ReminderRules) -> dt.datetime:
    """When the reminder `offset_days` before `deadline` goes out, in UTC: on a weekend or a
    Norwegian public holiday, the working day before (31 January 2027 is a Sunday: the 1-day
    reminder of 1 February goes out Friday 29 January)."""
    day = working_day_on_or_before(deadline - dt.timedelta(days=offset_days))
    return dt.datetime.combine(day, rules.send_at, tzinfo=rules.zone).astimezone(dt.UTC)


def plan(
    region: RegionData,
    rules: ReminderRules,
    targets: Iterable[Target],
    progress: Progress,
    now: dt.datetime,
) -> list[PlannedReminder]:
    """The reminders due at `now` (timezone-aware), sorted by key, without duplicates."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (got a naive datetime)")
    today = now.astimezone(rules.zone).date()
    cycles = range(today.year - 1, today.year + 3)
    calendar = _Calendar(region)
    known = set(region.network_ids)
    due: dict[str, PlannedReminder] = {}
    for target in targets:
        if target.network_id not in known:
            continue  # a link to a network the data no longer has
        for step in region.steps:
            rule = rules.for_step(step.id)
            if rule is None or AUDIENCE[target.kind] not in rule.audiences:
                continue
            for cycle in cycles:
                deadline = calendar.deadline(target.network_id, step.id, cycle)
                closes_at = deadline.closes_at()
                if deadline.due is None or closes_at is None or now >= closes_at:
                    continue
                passed = [o for o in rule.offsets if send_moment(deadline.due, o, rules) <= now]
                if not passed or progress.of(target.network_id, step.id, cycle).done_for(target):
                    continue
                offset = min(passed)
                reminder = PlannedReminder(
                    region_id=region.id,
                    step_id=step.id,
                    cycle_year=cycle,
                    target=target,
                    offset_days=offset,
                    deadline=deadline.due,
                    due_at=send_moment(deadline.due, offset, rules),
                    closes_at=closes_at.astimezone(dt.UTC),
                    example_data=deadline.example_data,
                )
                due[reminder.key] = reminder
    return [due[key] for key in sorted(due)]


def settlement(
    target: Target,
    step_id: str,
    cycle_year: int,
    closes_at: dt.datetime,
    *,
    progress: Progress,
    now: dt.datetime,
) -> Settlement | None:
    """Whether a sent reminder's card should now say "done" or "deadline passed" (else None)."""
    if progress.of(target.network_id, step_id, cycle_year).done_for(target):
        return "done"
    if now >= closes_at:
        return "expired"
    return None


def snooze_until(now: dt.datetime, rules: ReminderRules) -> dt.datetime:
    """When a snoozed reminder comes back: `send_at` on the next day, in UTC."""
    tomorrow = now.astimezone(rules.zone).date() + dt.timedelta(days=1)
    return dt.datetime.combine(tomorrow, rules.send_at, tzinfo=rules.zone).astimezone(dt.UTC)


class _Calendar:
    """Each network's deadlines per cycle, computed once per planning run."""

    def __init__(self, region: RegionData) -> None:
        self._region = region
        self._cache: dict[tuple[str, int], dict[str, Deadline]] = {}

    def deadline(self, network_id: str, step_id: str, cycle_year: int) -> Deadline:
        key = (network_id, cycle_year)
        if key not in self._cache:
            found = cycle_deadlines(self._region, cycle_year, network_id=network_id)
            self._cache[key] = {d.step.id: d for d in found}
        return self._cache[key][step_id]
