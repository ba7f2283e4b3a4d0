"""Finding a network from a user's words, and the one-network-per-municipality rule."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.scheme.models import MonthDay, RegionData, RegionFile


@pytest.mark.parametrize(
    ("text", "network_id"),
    [
        ("Trondheim/Malvik", "trondheim-malvik"),
        ("trondheim", "trondheim-malvik"),
        ("  TRONDHEIM kommune ", "trondheim-malvik"),
        ("Trondheim og Malvik", "trondheim-malvik"),
        ("Orkland", "trondelag-sorvest"),
        ("trøndelag sørvest", "trondelag-sorvest"),
        ("trondelag-sorvest", "trondelag-sorvest"),
        ("Fosen-nettverket", "fosen"),
        ("kompetansenettverket Fosen", "fosen"),
        ("Afjord", "fosen"),
        ("Åfjord", "fosen"),
        ("Indre Namdal", "indre-namdal"),
        ("Namdal", "namdal"),
        ("Roros", "roros"),
    ],
)
def test_find_network_by_name_alias_or_member(
    region: RegionData, text: str, network_id: str
) -> None:
    found = region.find_network(text)
    assert found is not None
    assert found.id == network_id


@pytest.mark.parametrize("text", ["", "kommune", "Bodø", "Trondhjem", "Fosen og Orkland"])
def test_unknown_text_finds_nothing(region: RegionData, text: str) -> None:
    assert region.find_network(text) is None


def test_a_municipality_may_belong_to_only_one_network(region: RegionData) -> None:
    data = region.model_dump(exclude={"years"})
    data["networks"][1]["members"].append("trondheim")
    with pytest.raises(ValidationError, match="«trondheim» er med i både «trondheim-malvik»"):
        RegionFile.model_validate(data)


def test_an_alias_may_not_name_another_network(region: RegionData) -> None:
    data = region.model_dump(exclude={"years"})
    data["networks"][2]["aliases"] = ["Sørvest"]
    with pytest.raises(
        ValidationError, match="«Sørvest» er med i både «trondelag-sorvest» og «fosen»"
    ):
        RegionFile.model_validate(data)


def test_dates_that_do_not_exist_every_year_are_refused() -> None:
    assert MonthDay(month=12, day=1, year_offset=-1).in_cycle(2027).isoformat() == "2026-12-01"
    with pytest.raises(ValidationError, match="29.2. finnes ikke hvert år"):
        MonthDay(month=2, day=29)
