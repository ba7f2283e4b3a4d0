"""Planning is a pure function of (data, rules, targets, progress, now)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.reminders.planning import (
    PlannedReminder,
    Progress,
    StepProgress,
    Target,
    plan,
    reminder_key,
    settlement,
    snooze_until,
)
from bot.reminders.rules import ReminderRules
from bot.scheme.models import RegionData
from tests.reminders.conftest import COORDINATOR

OSLO = ZoneInfo("Europe/Oslo")
CHANNEL = Target("channel", "fosen", "19:fosen@thread.tacv2", "19:fosen@thread.tacv2")
COORD = Target("coordinator", "fosen", COORDINATOR, "a:kari")
OSEN = Target("owner", "fosen", "aad-osen", "a:osen", owner_id="Osen")
NOTHING = Progress()


def oslo(year: int, month: int, day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=OSLO)


def due(
    region: RegionData,
    rules: ReminderRules,
    now: dt.datetime,
    targets: tuple[Target, ...] = (CHANNEL,),
    progress: Progress = NOTHING,
) -> list[tuple[str, int, str]]:
    return [
        (r.step_id, r.offset_days, r.target.kind)
        for r in plan(region, rules, targets, progress, now)
    ]


def test_each_offset_is_due_from_nine_in_oslo(region: RegionData, rules: ReminderRules) -> None:
    assert due(region, rules, oslo(2027, 1, 11, 8, 59)) == []
    assert due(region, rules, oslo(2027, 1, 11, 9, 0)) == [("beslutningsgrunnlag", 21, "channel")]
    assert due(region, rules, oslo(2027, 1, 25, 9, 0)) == [("beslutningsgrunnlag", 7, "channel")]
    # 31 January 2027 is a Sunday: the 1-day reminder goes out on Friday 29 January instead.
    assert due(region, rules, oslo(2027, 1, 29, 8, 59)) == [("beslutningsgrunnlag", 7, "channel")]
    assert due(region, rules, oslo(2027, 1, 29, 9, 0)) == [("beslutningsgrunnlag", 1, "channel")]
    assert due(region, rules, oslo(2027, 2, 1, 23, 59)) == [("beslutningsgrunnlag", 1, "channel")]
    assert due(region, rules, oslo(2027, 2, 2, 0, 0)) == []  # the deadline has passed


def test_after_downtime_only_the_latest_offset_is_due(
    region: RegionData, rules: ReminderRules
) -> None:
    [reminder] = plan(region, rules, [CHANNEL], NOTHING, oslo(2027, 1, 28, 12, 0))

    assert reminder.offset_days == 7
    assert reminder.due_at == oslo(2027, 1, 25, 9, 0)
    assert reminder.deadline == dt.date(2027, 2, 1)
    assert reminder.closes_at == oslo(2027, 2, 2, 0, 0)


def test_send_time_follows_summer_time(region: RegionData, rules: ReminderRules) -> None:
    # Rapportering is due 15 June; 7 days before is Tuesday 8 June, 09:00 CEST = 07:00 UTC.
    [reminder] = plan(region, rules, [CHANNEL], NOTHING, oslo(2027, 6, 8, 9, 0))

    assert (reminder.step_id, reminder.offset_days) == ("rapportering", 7)
    assert reminder.due_at == dt.datetime(2027, 6, 8, 7, 0, tzinfo=dt.UTC)


def test_a_reminder_day_on_a_weekend_or_holiday_moves_to_the_working_day_before(
    region: RegionData, rules: ReminderRules
) -> None:
    # 30 days before 15 June 2027 is Sunday 16 May (and 17 May is a holiday): Friday 14 May.
    [reminder] = plan(region, rules, [CHANNEL], NOTHING, oslo(2027, 5, 14, 9, 0))
    assert (reminder.step_id, reminder.offset_days) == ("rapportering", 30)
    assert reminder.due_at == dt.datetime(2027, 5, 14, 7, 0, tzinfo=dt.UTC)
    assert due(region, rules, oslo(2027, 5, 14, 8, 59)) == []


def test_locally_set_deadlines_without_a_date_give_no_reminder(
    region: RegionData, rules: ReminderRules
) -> None:
    # Fosen has a behovsmelding date (10 January); Røros has none: only a recommended date
    # (egen vurdering, 1 December) or nothing at all.
    roros = Target("channel", "roros", "19:roros@thread.tacv2", "19:roros@thread.tacv2")
    now = oslo(2027, 1, 3, 9, 0)

    assert due(region, rules, now, (CHANNEL,)) == [("behovsmelding", 7, "channel")]
    assert due(region, rules, now, (roros,)) == []
    assert due(region, rules, oslo(2026, 11, 20, 9, 0), (roros,)) == []


def test_audiences_follow_the_rules(region: RegionData, rules: ReminderRules) -> None:
    everyone = (CHANNEL, COORD, OSEN)

    behovsmelding = due(region, rules, oslo(2027, 1, 9, 9, 0), everyone)
    beslutningsgrunnlag = due(region, rules, oslo(2027, 1, 25, 9, 0), everyone)

    assert sorted(kind for _, _, kind in behovsmelding) == ["channel", "coordinator", "owner"]
    assert sorted(kind for _, _, kind in beslutningsgrunnlag) == ["channel", "coordinator"]


def test_targets_that_are_done_are_not_reminded(region: RegionData, rules: ReminderRules) -> None:
    now = oslo(2027, 1, 9, 9, 0)
    everyone = (CHANNEL, COORD, OSEN)
    osen_sent = Progress(
        {
            ("fosen", "behovsmelding", 2027): StepProgress(
                frozenset({"Osen", "Åfjord"}), frozenset({"Osen"})
            )
        }
    )
    all_sent = Progress(
        {("fosen", "behovsmelding", 2027): StepProgress(frozenset({"Osen"}), frozenset({"Osen"}))}
    )
    marked = Progress({("fosen", "behovsmelding", 2027): StepProgress(done=True)})

    assert sorted(k for _, _, k in due(region, rules, now, everyone, osen_sent)) == [
        "channel",
        "coordinator",
    ]
    assert due(region, rules, now, everyone, all_sent) == []
    assert due(region, rules, now, everyone, marked) == []


def test_keys_are_stable_and_name_the_identity(region: RegionData, rules: ReminderRules) -> None:
    now = oslo(2027, 1, 25, 9, 0)
    first = [r.key for r in plan(region, rules, [CHANNEL, COORD], NOTHING, now)]
    again = [r.key for r in plan(region, rules, [COORD, CHANNEL, COORD], NOTHING, now)]
    moved = Target("coordinator", "fosen", COORDINATOR, "a:kari-recreated")

    assert first == again and len(set(first)) == 2
    assert reminder_key("trondelag", "beslutningsgrunnlag", 2027, moved, 7) in first
    assert all(key.startswith("2027-beslutningsgrunnlag-7d-") for key in first)
    assert reminder_key("trondelag", "beslutningsgrunnlag", 2027, COORD, 1) not in first


def test_naive_moments_are_refused(region: RegionData, rules: ReminderRules) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        plan(region, rules, [CHANNEL], NOTHING, dt.datetime(2027, 1, 25, 9, 0))  # noqa: DTZ001


def test_unknown_networks_are_ignored(region: RegionData, rules: ReminderRules) -> None:
    stale = Target("channel", "nedlagt", "19:x@thread.tacv2", "19:x@thread.tacv2")

    assert plan(region, rules, [stale], NOTHING, oslo(2027, 1, 25, 9, 0)) == []


def test_settlement_and_snooze(rules: ReminderRules) -> None:
    closes = oslo(2027, 2, 2, 0, 0)
    done = Progress({("fosen", "beslutningsgrunnlag", 2027): StepProgress(done=True)})

    assert (
        settlement(CHANNEL, "beslutningsgrunnlag", 2027, closes, progress=NOTHING, now=closes)
        == "expired"
    )
    assert (
        settlement(CHANNEL, "beslutningsgrunnlag", 2027, closes, progress=done, now=SEVEN) == "done"
    )
    assert (
        settlement(CHANNEL, "beslutningsgrunnlag", 2027, closes, progress=NOTHING, now=SEVEN)
        is None
    )
    assert snooze_until(oslo(2027, 1, 25, 23, 30), rules) == oslo(2027, 1, 26, 9, 0)


SEVEN = oslo(2027, 1, 25, 9, 0)
MOMENTS = st.datetimes(
    min_value=dt.datetime(2026, 6, 1),  # noqa: DTZ001 (hypothesis wants naive bounds)
    max_value=dt.datetime(2028, 7, 1),  # noqa: DTZ001
    timezones=st.just(dt.UTC),
)


@settings(max_examples=150, deadline=None)
@given(now=MOMENTS)
def test_any_moment_plans_at_most_one_offset_per_step_and_target(
    region: RegionData, rules: ReminderRules, now: dt.datetime
) -> None:
    found: list[PlannedReminder] = plan(region, rules, [CHANNEL, COORD, OSEN], NOTHING, now)

    identities = [(r.step_id, r.cycle_year, r.target) for r in found]
    assert len(identities) == len(set(identities))
    for reminder in found:
        assert reminder.due_at <= now < reminder.closes_at
        assert reminder.offset_days in rules.steps[reminder.step_id].offsets
