"""Norwegian dates, money and days left, and the sentences built from them."""

from __future__ import annotations

import datetime as dt
from decimal import localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.scheme.formatting import (
    NBSP,
    describe_frame,
    example_data_note,
    format_date,
    format_days_left,
    format_money,
)
from bot.scheme.models import Lang, RegionData
from bot.scheme.money import compute_allocation


def test_dates_in_both_languages() -> None:
    assert format_date(dt.date(2027, 2, 1), "nb") == "1. februar 2027"
    assert format_date(dt.date(2026, 12, 1), "nn") == "1. desember 2026"
    assert format_date(dt.date(2027, 3, 15)) == "15. mars 2027"


def test_money_uses_no_break_spaces_only() -> None:
    assert format_money(1_300_000) == f"kr{NBSP}1{NBSP}300{NBSP}000"
    assert format_money(1_300_000).replace(NBSP, " ") == "kr 1 300 000"
    assert format_money(400) == f"kr{NBSP}400"
    assert format_money(-5_000) == f"kr{NBSP}-5{NBSP}000"


def test_money_does_not_depend_on_the_global_decimal_precision() -> None:
    with localcontext() as context:
        context.prec = 15  # what importing botbuilder-dialogs (recognizers-text) sets
        assert format_money(10**15).replace(NBSP, " ") == "kr 1 000 000 000 000 000"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_money_round_trips_and_never_has_a_narrow_space(amount: int) -> None:
    text = format_money(amount)
    assert "\u202f" not in text
    assert int(text.removeprefix(f"kr{NBSP}").replace(NBSP, "")) == amount


@pytest.mark.parametrize(
    ("days", "lang", "expected"),
    [
        (0, "nb", "i dag"),
        (1, "nb", "i morgen"),
        (1, "nn", "i morgon"),
        (7, "nb", "om 7 dager"),
        (7, "nn", "om 7 dagar"),
        (-1, "nb", "i går"),
        (-3, "nn", "for 3 dagar sidan"),
    ],
)
def test_days_left(days: int, lang: Lang, expected: str) -> None:
    assert format_days_left(days, lang) == expected


def test_frame_sentence_says_how_it_was_computed_and_that_it_is_example(
    region: RegionData,
) -> None:
    frame = compute_allocation(region, 2027).frame("trondheim-malvik")
    text = describe_frame(frame, "nb").replace(NBSP, " ")
    assert text.startswith(
        f"Trondheim/Malvik: ramme kr {frame.estimated:,} (beregnet)".replace(",", " ")
    )
    assert "og i tillegg kr 300 000 til koordinering" in text
    assert "grunntilskudd kr 250 000" in text
    assert text.endswith(example_data_note("nb"))
    nynorsk = describe_frame(frame, "nn")
    assert "(berekna)" in nynorsk
    assert nynorsk.endswith("Merk: tala er eksempeldata, ikkje vedtekne tal.")


def test_decided_frame_sentence(region: RegionData) -> None:
    frame = compute_allocation(region, 2027).frame("fosen")
    decided = frame.model_copy(update={"decided": 900_000, "example_data": False})
    text = describe_frame(decided, "nn").replace(NBSP, " ")
    assert text.startswith("Fosen: ramme kr 900 000 (vedteken)")
    assert "Fordelingsnøkkelen gav" in text
    assert "eksempeldata" not in text
