"""Routing by meaning: the ways people start the form, thank, choose a way of filling in,
resume after a restart and link a channel, through the HTTP door."""

from __future__ import annotations

import pytest

from bot.settings import Settings
from tests.activities import Client, post, say, texts
from tests.conftest import StartBot
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import button, press, stored
from tests.reminders.test_teams import in_channel

CHOICE = "Vil du fylle ut alt i ett skjema"


@pytest.mark.parametrize(
    "typed",
    ["sende inn behovsmelding", "eg vil sende inn behovsmelding", "jeg vil sende behovsmelding"],
)
async def test_sending_a_behovsmelding_starts_the_form(bot: Client, typed: str) -> None:
    replies = texts(await say(bot, typed))

    assert CHOICE in replies or "Vil du fylle ut alt i eitt skjema" in replies


async def test_a_question_about_sending_is_still_a_question(bot: Client) -> None:
    replies = texts(await say(bot, "Kan jeg sende behovsmelding etter fristen?"))

    assert CHOICE not in replies


async def test_thanks_for_the_help_is_thanks(bot: Client) -> None:
    replies = texts(await say(bot, "tusen takk for hjelpa"))

    assert "Bare hyggelig" in replies or "Berre hyggeleg" in replies


@pytest.mark.parametrize(
    ("typed", "shown"), [("steg for steg", "(1 av 19)"), ("skjema", "Gå videre")]
)
async def test_the_way_can_be_typed_instead_of_pressed(bot: Client, typed: str, shown: str) -> None:
    await say(bot, "ny behovsmelding")

    assert shown in texts(await say(bot, typed))


async def test_resuming_after_a_restart_is_not_taken_as_an_answer(
    start_bot: StartBot, settings: Settings
) -> None:
    first = await start_bot(settings)
    started = await say(first, "ny behovsmelding")
    assert "(1 av 19)" in texts(await press(first, button(started, "Steg for steg")))
    await first.close()

    second = await start_bot(settings)
    replies = texts(await say(second, "fortsett behovsmeldingen"))

    assert "(1 av 19)" in replies
    [report] = await stored(settings)
    assert report.answers.get("owner") in (None, "")


async def test_the_link_command_alone_asks_which_network(bot: Client, teams: FakeTeams) -> None:
    # As Teams' command menu sends it: the command's title, no network after it.
    replies = texts(await post(bot, in_channel(teams, "koble denne kanalen til", aad="x")))

    assert "Hvilket nettverk skal kanalen kobles til?" in replies
    assert "Fosen" in replies


async def test_which_network_a_place_belongs_to_is_a_question(bot: Client) -> None:
    replies = texts(await say(bot, "hvilket nettverk hører Røros til?"))

    assert "Røros hører til kompetansenettverket Røros." in replies
    assert "eksempeldata" in replies  # Røros's grouping is example data
    assert "Notert" not in replies
    assert "Hvilket kompetansenettverk hører du til?" in texts(await say(bot, "Hva er rammen vår?"))


@pytest.mark.parametrize(
    ("typed", "network", "said"),
    [
        ("Hvor mye får Orkdal?", "Trøndelag sørvest", "Orkdal (i dag Orkland)"),
        ("Hva er rammen til Klæbu?", "Trondheim/Malvik", "Klæbu (i dag Trondheim)"),
        ("ramma til Vikna", "Namdal", "Vikna (i dag Nærøysund)"),
    ],
)
async def test_old_municipality_names_are_found_as_todays(
    bot: Client, typed: str, network: str, said: str
) -> None:
    replies = texts(await say(bot, typed))

    assert f"{network} for 2027" in replies
    assert said in replies
