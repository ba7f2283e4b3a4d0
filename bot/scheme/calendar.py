"""The annual cycle's deadlines in Europe/Oslo, for any year.

A deadline on day D holds through D in Oslo: on D itself it is due "i dag". The cycle for grant
year Y runs from the self-assessment (recommended 1 December of Y-1) to the report (15 June Y).
Where a step's date comes from, first match wins:

- a step set locally: the network's date in the year file, then the network's rule in
  region.yaml; without either the answer is honest: no date (`due=None`), "set locally", plus
  the recommended date if the region gives one;
- a county step: the year file's date for that cycle, then the region's month/day rule.

A deadline on a weekend or a Norwegian public holiday keeps its date; it is flagged
(`on_weekend`, `holiday`) and `formatting.non_working_day_note` words the note.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

import holidays
from pydantic import BaseModel, ConfigDict

from bot.scheme.models import Localized, RegionData, Step

OSLO = ZoneInfo("Europe/Oslo")
Source = Literal["region", "year", "network"]
_NN_HOLIDAYS = {"Arbeidernes dag": "Arbeidarane sin dag"}
_WEEKEND = {5, 6}  # date.weekday(): Saturday, Sunday


class Deadline(BaseModel):
    """One step's deadline in one cycle, for the county or for one network."""

    model_config = ConfigDict(frozen=True)

    step: Step
    cycle_year: int
    network_id: str | None
    due: dt.date | None  # None: set locally and not (yet) known
    recommended: dt.date | None = None
    source: Source | None = None
    holiday: Localized | None = None
    example_data: bool = False

    @property
    def on_weekend(self) -> bool:
        """True when the due date is a Saturday or Sunday."""
        return self.due is not None and self.due.weekday() in _WEEKEND

    def closes_at(self) -> dt.datetime | None:
        """The moment the deadline has passed: midnight after the due date, Oslo time."""
        if self.due is None:
            return None
        return dt.datetime.combine(self.due + dt.timedelta(days=1), dt.time(), tzinfo=OSLO)


def oslo_today(now: dt.datetime) -> dt.date:
    """Today's date in Oslo; `now` must be timezone-aware."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (got a naive datetime)")
    return now.astimezone(OSLO).date()


@lru_cache(maxsize=64)
def _holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("NO", years=year, language="no").items())


def holiday_name(day: dt.date) -> Localized | None:
    """The Norwegian public holiday on `day` (Sundays alone don't count), in nb and nn."""
    name = _holidays(day.year).get(day)
    if name is None:
        return None
    parts = name.split("; ")
    return Localized(nb=" og ".join(parts), nn=" og ".join(_NN_HOLIDAYS.get(p, p) for p in parts))


def working_day_on_or_before(day: dt.date) -> dt.date:
    """`day`, or the last weekday before it that is not a Norwegian public holiday."""
    while day.weekday() in _WEEKEND or holiday_name(day) is not None:
        day -= dt.timedelta(days=1)
    return day


def _candidate(
    region: RegionData, step: Step, cycle_year: int, network_id: str | None
) -> tuple[dt.date, Source, bool] | None:
    """The step's date in one cycle, where it came from, and whether that is example data."""
    year = region.years.get(cycle_year)
    if step.deadline.set_locally:
        if network_id is None:
            return None
        counts = year.networks.get(network_id) if year else None
        if year and counts and step.id in counts.deadlines:
            return counts.deadlines[step.id], "network", year.example_data
        rule = region.network(network_id).deadlines.get(step.id)
        return (rule.in_cycle(cycle_year), "network", False) if rule else None
    if year and step.id in year.deadlines:
        return year.deadlines[step.id], "year", year.example_data
    if step.deadline.due is None:  # DeadlineRule refuses a regional step without a date
        return None
    return step.deadline.due.in_cycle(cycle_year), "region", False


def _deadline(
    step: Step, cycle_year: int, network_id: str | None, found: tuple[dt.date, Source, bool] | None
) -> Deadline:
    recommended = step.deadline.recommended
    if found is None:
        rec = recommended.in_cycle(cycle_year) if recommended else None
        return Deadline(
            step=step, cycle_year=cycle_year, network_id=network_id, due=None, recommended=rec
        )
    due, source, example = found
    return Deadline(
        step=step,
        cycle_year=cycle_year,
        network_id=network_id,
        due=due,
        source=source,
        holiday=holiday_name(due),
        example_data=example,
    )


def deadline_for(
    region: RegionData, step_id: str, *, after: dt.datetime, network_id: str | None = None
) -> Deadline:
    """The step's next deadline on or after `after`'s day in Oslo, rolling over into next year.

    On 22 November 2026 the beslutningsgrunnlag is due 1 February 2027. A step set locally with
    no known date gives `due=None` with the next recommended date, if any.
    """
    today = oslo_today(after)
    step = region.step(step_id)
    if network_id is not None:
        region.network(network_id)  # unknown ids fail loudly, never as "set locally"
    cycles = range(today.year - 1, today.year + 3)
    dated = [
        (found[0], cycle, found)
        for cycle in cycles
        if (found := _candidate(region, step, cycle, network_id)) and found[0] >= today
    ]
    if dated:
        _, cycle, found = min(dated, key=lambda item: item[:2])
        return _deadline(step, cycle, network_id, found)
    rule = step.deadline.recommended
    upcoming = [c for c in cycles if rule and rule.in_cycle(c) >= today]
    cycle = upcoming[0] if upcoming else current_cycle_year(region, after)
    return _deadline(step, cycle, network_id, None)


def next_deadline(
    region: RegionData,
    now: dt.datetime,
    *,
    network_id: str | None = None,
    own_only: bool = False,
) -> Deadline | None:
    """The nearest dated deadline of any step (ties: lower step number); None if none is dated.
    `own_only` leaves out the steps of samarbeidsforum and Statsforvalteren (`by_bodies`)."""
    steps = [s for s in region.steps if not (own_only and s.by_bodies)]
    found = [deadline_for(region, s.id, after=now, network_id=network_id) for s in steps]
    dated = [d for d in found if d.due is not None]
    return min(dated, key=lambda d: (d.due, d.step.number), default=None)


def cycle_deadlines(
    region: RegionData, cycle_year: int, *, network_id: str | None = None
) -> list[Deadline]:
    """All steps of one cycle in step order, past or not (for the annual wheel)."""
    steps = sorted(region.steps, key=lambda s: s.number)
    return [
        _deadline(s, cycle_year, network_id, _candidate(region, s, cycle_year, network_id))
        for s in steps
    ]


def current_cycle_year(region: RegionData, now: dt.datetime) -> int:
    """The grant year whose cycle is under way: this year until its last county date, then next."""
    today = oslo_today(now)
    for cycle in (today.year, today.year + 1):
        ends = [d.due for d in cycle_deadlines(region, cycle) if d.due is not None]
        if ends and today <= max(ends):
            return cycle
    return today.year  # only reached when no step has a county date


def days_left(deadline: Deadline, now: dt.datetime) -> int | None:
    """Calendar days from today (Oslo) to the due date: 0 on the day; None when not dated."""
    if deadline.due is None:
        return None
    return (deadline.due - oslo_today(now)).days
