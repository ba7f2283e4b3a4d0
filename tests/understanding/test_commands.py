"""Command matching and the profile answers, as people type them."""

from __future__ import annotations

from bot.profile.model import parse_municipality, parse_workplace
from bot.understanding.commands import Command, match_command


def test_commands_match_however_they_are_typed() -> None:
    assert match_command("Hjelp!") is Command.HELP
    assert match_command("  hva   kan du? ") is Command.HELP
    assert match_command("Kva kan du") is Command.HELP
    assert match_command("?") is Command.HELP
    assert match_command("Hei") is Command.GREETING
    assert match_command("Om meg") is Command.PROFILE
    assert match_command("AVBRYT") is Command.CANCEL
    assert match_command("hjelp meg med behovsmeldingen") is None


def test_a_request_for_a_new_form_is_a_command_and_a_question_is_not() -> None:
    for request in (
        "Eg vil fylle ut ei ny behovsmelding",
        "Jeg vil gjerne lage en behovsmelding for Orkland kommune",
        "Hei Laget, ny behovsmelding",
        "fyll ut behovsmeldinga",
        "start ny behovsmelding takk",
    ):
        assert match_command(request) is Command.NEW_NEEDS, request
    for question in (
        "Når er fristen for behovsmeldingen?",
        "Kan jeg sende behovsmelding etter fristen?",
        "Hva skal stå i behovsmeldingen?",
    ):
        assert match_command(question) is None, question
    assert match_command("Hei, kva kan du hjelpe meg med?") is Command.HELP
    assert match_command("Hei") is Command.GREETING


def test_workplace_by_number_label_or_synonym() -> None:
    assert parse_workplace("2") == "skole"
    assert parse_workplace("PP-tjenesten") == "ppt"
    assert parse_workplace("skule") == "skole"
    assert parse_workplace("7") is None
    assert parse_workplace("sykehus") is None


def test_municipality_names_are_tidied_and_nonsense_refused() -> None:
    assert parse_municipality("  indre   Fosen ") == "Indre Fosen"
    assert parse_municipality("Åfjord") == "Åfjord"
    assert parse_municipality("12345678901") is None
    assert parse_municipality("x") is None
