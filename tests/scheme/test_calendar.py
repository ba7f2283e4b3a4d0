"""Deadlines in Europe/Oslo: rollover, local steps, day boundaries, weekends and holidays."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.scheme.calendar import (
    OSLO,
    current_cycle_year,
    cycle_deadlines,
    days_left,
    deadline_for,
    next_deadline,
    oslo_today,
)
from bot.scheme.formatting import describe_deadline, non_working_day_note
from bot.scheme.models import MonthDay, RegionData, SchemeError

NOV_22_2026 = dt.datetime(2026, 11, 22, 10, 0, tzinfo=OSLO)
COUNTY_STEPS = ["beslutningsgrunnlag", "innstilling", "vedtak", "rapportering"]


def at(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=OSLO)


def test_beslutningsgrunnlag_rolls_over_to_next_year(region: RegionData) -> None:
    deadline = deadline_for(region, "beslutningsgrunnlag", after=NOV_22_2026)
    assert deadline.due == dt.date(2027, 2, 1)
    assert deadline.cycle_year == 2027
    assert deadline.source == "region"
    assert days_left(deadline, NOV_22_2026) == 71


def test_deadline_day_is_today_and_the_day_after_rolls_over(region: RegionData) -> None:
    on_the_day = deadline_for(region, "vedtak", after=at(2027, 4, 15, 23))
    assert on_the_day.due == dt.date(2027, 4, 15)
    assert days_left(on_the_day, at(2027, 4, 15, 23)) == 0
    day_after = deadline_for(region, "vedtak", after=at(2027, 4, 16, 0))
    assert day_after.due == dt.date(2028, 4, 15)
    assert day_after.cycle_year == 2028


def test_the_day_is_counted_in_oslo_not_utc(region: RegionData) -> None:
    late_utc = dt.datetime(2027, 2, 1, 23, 30, tzinfo=dt.UTC)  # 2 February in Oslo
    assert oslo_today(late_utc) == dt.date(2027, 2, 2)
    assert deadline_for(region, "beslutningsgrunnlag", after=late_utc).due == dt.date(2028, 2, 1)
    early_utc = dt.datetime(2027, 1, 31, 23, 30, tzinfo=dt.UTC)  # 1 February in Oslo
    deadline = deadline_for(region, "beslutningsgrunnlag", after=early_utc)
    assert (deadline.due, days_left(deadline, early_utc)) == (dt.date(2027, 2, 1), 0)
    assert deadline.closes_at() == dt.datetime(2027, 2, 2, tzinfo=OSLO)


def test_naive_datetimes_are_refused(region: RegionData) -> None:
    naive = dt.datetime(2026, 11, 22, 10, 0)  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="timezone-aware"):
        deadline_for(region, "vedtak", after=naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        next_deadline(region, naive)


def test_next_deadline_skips_steps_set_locally(region: RegionData) -> None:
    deadline = next_deadline(region, NOV_22_2026)
    assert deadline is not None
    assert (deadline.step.id, deadline.due) == ("beslutningsgrunnlag", dt.date(2027, 2, 1))
    after_report = next_deadline(region, at(2027, 6, 16))
    assert after_report is not None
    assert (after_report.step.id, after_report.due) == ("beslutningsgrunnlag", dt.date(2028, 2, 1))


def test_step_set_locally_is_honest_about_having_no_date(region: RegionData) -> None:
    deadline = deadline_for(region, "behovsmelding", after=NOV_22_2026, network_id="fosen")
    assert deadline.due is None
    assert days_left(deadline, NOV_22_2026) is None
    assert deadline.cycle_year == 2027
    text = describe_deadline(deadline, oslo_today(NOV_22_2026), "nb")
    assert text == (
        "Fristen for behovsmelding settes lokalt. Spør koordinatoren i nettverket ditt."
    )
    assert "blir sett lokalt" in describe_deadline(deadline, oslo_today(NOV_22_2026), "nn")


def test_self_assessment_gives_the_recommended_date(region: RegionData) -> None:
    deadline = deadline_for(region, "egen-vurdering", after=NOV_22_2026)
    assert (deadline.due, deadline.recommended) == (None, dt.date(2026, 12, 1))
    assert deadline.cycle_year == 2027
    text = describe_deadline(deadline, oslo_today(NOV_22_2026), "nn")
    assert text.endswith("Tilrådd frist er 1. desember 2026.")


def test_network_date_for_a_local_step(region: RegionData) -> None:
    fosen = region.network("fosen").model_copy(
        update={"deadlines": {"behovsmelding": MonthDay(month=1, day=10)}}
    )
    networks = [fosen if n.id == "fosen" else n for n in region.networks]
    with_rule = region.model_copy(update={"networks": networks})
    deadline = deadline_for(with_rule, "behovsmelding", after=NOV_22_2026, network_id="fosen")
    assert (deadline.due, deadline.source) == (dt.date(2027, 1, 10), "network")
    other = deadline_for(with_rule, "behovsmelding", after=NOV_22_2026, network_id="gauldal")
    assert other.due is None

    year = region.years[2027]
    counts = year.networks["fosen"].model_copy(
        update={"deadlines": {"behovsmelding": dt.date(2027, 1, 5)}}
    )
    year = year.model_copy(update={"networks": {**year.networks, "fosen": counts}})
    with_date = with_rule.model_copy(update={"years": {2027: year}})
    deadline = deadline_for(with_date, "behovsmelding", after=NOV_22_2026, network_id="fosen")
    assert deadline.due == dt.date(2027, 1, 5)
    assert deadline.example_data  # the 2027 file is example data
    assert "eksempeldata" in describe_deadline(deadline, oslo_today(NOV_22_2026))


def test_year_file_overrides_a_county_date(region: RegionData) -> None:
    year = region.years[2027].model_copy(
        update={"deadlines": {"innstilling": dt.date(2027, 3, 12)}}
    )
    changed = region.model_copy(update={"years": {2027: year}})
    assert deadline_for(changed, "innstilling", after=NOV_22_2026).due == dt.date(2027, 3, 12)
    assert deadline_for(changed, "innstilling", after=at(2027, 3, 13)).due == dt.date(2028, 3, 15)


def test_unknown_step_or_network_fails_loudly(region: RegionData) -> None:
    with pytest.raises(SchemeError, match="Ukjent steg"):
        deadline_for(region, "soknad", after=NOV_22_2026)
    with pytest.raises(SchemeError, match="Ukjent kompetansenettverk"):
        deadline_for(region, "behovsmelding", after=NOV_22_2026, network_id="atlantis")


def test_weekend_and_holiday_keep_the_date_with_a_note(region: RegionData) -> None:
    saturday = deadline_for(region, "beslutningsgrunnlag", after=at(2025, 1, 1))
    assert (saturday.due, saturday.on_weekend, saturday.holiday) == (
        dt.date(2025, 2, 1),
        True,
        None,
    )
    assert non_working_day_note(saturday, "nb") == (
        "Merk: fristen faller på en lørdag. Datoen gjelder likevel."
    )
    assert non_working_day_note(saturday, "nn") == (
        "Merk: fristen fell på ein laurdag. Datoen gjeld likevel."
    )
    good_friday = deadline_for(region, "vedtak", after=at(2022, 1, 1))
    assert good_friday.due == dt.date(2022, 4, 15)
    assert good_friday.holiday is not None
    assert good_friday.holiday.nb == "Langfredag"
    assert "heilagdag (Langfredag)" in (non_working_day_note(good_friday, "nn") or "")
    monday = deadline_for(region, "beslutningsgrunnlag", after=NOV_22_2026)
    assert non_working_day_note(monday, "nb") is None


def test_cycle_deadlines_and_current_cycle(region: RegionData) -> None:
    cycle = cycle_deadlines(region, 2027)
    assert [d.step.id for d in cycle] == [s.id for s in region.steps]
    assert [d.due for d in cycle] == [
        None,
        None,
        dt.date(2027, 2, 1),
        dt.date(2027, 3, 15),
        dt.date(2027, 4, 15),
        dt.date(2027, 6, 15),
    ]
    assert current_cycle_year(region, NOV_22_2026) == 2027
    assert current_cycle_year(region, at(2027, 6, 15)) == 2027
    assert current_cycle_year(region, at(2027, 6, 16)) == 2028


def test_steps_carry_names_and_actors_in_both_languages(region: RegionData) -> None:
    step = region.step("beslutningsgrunnlag")
    assert (step.short.get("nb"), step.short.get("nn")) == (
        "beslutningsgrunnlag",
        "avgjerdsgrunnlag",
    )
    assert step.from_actor.get("nn") == "Partnarskapet"
    assert region.step("vedtak").from_actor.get("nn") == "Statsforvaltaren"


@given(
    moment=st.datetimes(
        min_value=dt.datetime(2000, 1, 1),  # noqa: DTZ001 - hypothesis bounds must be naive
        max_value=dt.datetime(2100, 1, 1),  # noqa: DTZ001
        timezones=st.sampled_from([OSLO, dt.UTC, ZoneInfo("America/New_York")]),
    ),
    step_id=st.sampled_from(COUNTY_STEPS),
)
def test_county_deadline_is_the_first_matching_day_from_today(
    region: RegionData, moment: dt.datetime, step_id: str
) -> None:
    deadline = deadline_for(region, step_id, after=moment)
    rule = region.step(step_id).deadline.due
    assert deadline.due is not None
    assert rule is not None
    today = oslo_today(moment)
    assert (deadline.due.month, deadline.due.day) == (rule.month, rule.day)
    assert 0 <= (deadline.due - today).days < 366
    earlier = deadline.due.replace(year=deadline.due.year - 1)
    assert earlier < today
