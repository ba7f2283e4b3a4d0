"""Deadline and frame questions over the Bot Framework protocol, in bokmål and nynorsk."""

from __future__ import annotations

import pytest

from bot.scheme import (
    Network,
    compute_allocation,
    deadline_for,
    format_date,
    format_money,
    load_region,
)
from bot.scheme.roles import RoleAssignment
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.roles import RolesRepository
from tests.activities import Client, cards, say, texts
from tests.conftest import NOW

REGION = load_region()
FRAMES = compute_allocation(REGION, 2027)

STEP_WORDS = {
    "egen-vurdering": ("egen vurdering", "eiga vurdering"),
    "behovsmelding": ("behovsmeldingen", "behovsmeldinga"),
    "beslutningsgrunnlag": ("beslutningsgrunnlaget", "avgjerdsgrunnlaget"),
    "innstilling": ("innstillingen", "innstillinga"),
    "vedtak": ("vedtaket", "vedtaket"),
    "rapportering": ("rapporteringen", "rapporteringa"),
}


@pytest.mark.parametrize("step_id", list(STEP_WORDS))
async def test_each_steps_deadline_in_bokmaal_and_nynorsk(bot: Client, step_id: str) -> None:
    expected = deadline_for(REGION, step_id, after=NOW)
    nb_word, nn_word = STEP_WORDS[step_id]

    nb = texts(await say(bot, f"Når er fristen for {nb_word}?"))
    nn = texts(await say(bot, f"Kva tid er fristen for {nn_word}?"))

    assert expected.step.name.nb in nb
    assert expected.step.name.nn in nn
    if expected.due is None:
        assert "settes lokalt" in nb
        assert "blir sett lokalt" in nn
    else:
        assert format_date(expected.due, "nb") in nb
        assert format_date(expected.due, "nn") in nn
        assert "dager" in nb and "dagar" in nn


async def test_the_beslutningsgrunnlag_rolls_over_into_next_year(bot: Client) -> None:
    replies = texts(await say(bot, "når er fristen for BG"))

    assert "1. februar 2027 (om 71 dager)" in replies


@pytest.mark.parametrize("network", REGION.networks, ids=lambda n: n.id)
async def test_each_networks_frame_by_name_and_by_municipality(
    bot: Client, network: Network
) -> None:
    frame = FRAMES.frame(network.id)
    member = network.members[-1]

    nb = await say(bot, f"Hva er rammen til {network.name}?")
    nn = await say(bot, f"Kor mykje får {member}?")

    [nb_card] = cards(nb)
    assert nb_card["body"][0]["text"] == f"Rammen til {frame.network_name} for 2027"
    assert format_money(frame.amount) in texts(nb)
    assert "eksempeldata" in texts(nb)
    [nn_card] = cards(nn)
    assert nn_card["body"][0]["text"] == f"Ramma til {frame.network_name} for 2027"
    assert format_money(frame.amount) in texts(nn)
    assert "høyrer til kompetansenettverket" in texts(nn) or member == frame.network_name


async def test_an_unknown_place_gets_finner_ikke_and_never_a_number(bot: Client) -> None:
    replies = texts(await say(bot, "Hvor mye får Bergen?"))

    assert "Jeg finner ikke «Bergen»" in replies
    assert "Trøndelag sørvest" in replies
    assert "kr" not in replies


async def test_the_bot_remembers_the_users_network(bot: Client) -> None:
    asked = texts(await say(bot, "Hva er rammen vår?"))
    assert "Hvilket kompetansenettverk hører du til?" in asked

    assert "Notert: du hører til Fosen" in texts(await say(bot, "Jeg hører til Fosen"))

    [card] = cards(await say(bot, "Hva er rammen vår?"))
    assert card["body"][0]["text"] == "Rammen til Fosen for 2027"


async def test_county_overview_is_for_administrators(bot: Client, settings: Settings) -> None:
    admin = "6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f"

    refused = texts(await say(bot, "Vis rammene for alle nettverk", user="29:staff"))
    assert "for administratorer" in refused

    engine = create_engine(settings.database_url)
    await RolesRepository(engine).grant(RoleAssignment(aad_object_id=admin, role="admin"))
    await engine.dispose()
    body = {"from": {"id": "29:admin", "aadObjectId": admin}}
    [card] = cards(await say(bot, "Vis rammene for alle nettverk", **body))

    assert card["body"][0]["text"] == "Rammene for 2027"
    shown = texts([{"attachments": [{"content": card}]}])
    for frame in FRAMES.frames:
        assert frame.network_name in shown
        assert format_money(frame.amount) in shown
    assert "eksempeldata" in shown


async def test_near_domain_questions_get_no_scheme_answer(bot: Client) -> None:
    for question in ("Når er fristen for å søke barnehageplass?", "Hva er lønna til en lærer?"):
        assert "Det kan jeg ikke svare på" in texts(await say(bot, question))


@pytest.mark.parametrize(
    "asked",
    [
        "Hvor mye er grunntilskuddet?",
        "Hvor mye går til fellestiltak?",
        "Kor mykje er det totalt i år?",
    ],
)
async def test_the_years_amounts_are_answered_as_amounts(bot: Client, asked: str) -> None:
    replies = texts(await say(bot, asked))

    assert "Midlene for 2027" in replies or "Midlane for 2027" in replies
    for amount in ("kr 18 500 000", "kr 3 000 000", "kr 250 000"):
        assert amount.replace(" ", "\u00a0") in replies or amount in replies
    assert "eksempeldata" in replies
