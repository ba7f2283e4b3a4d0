"""No child's identity number anywhere: whatever way it is written, wherever it is typed, it is
refused at the door, and nothing of the turn reaches the database, the log or another person."""

from __future__ import annotations

import sys
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.scheme.privacy import contains_digit_like, contains_national_id
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.tables import deliveries
from tests.activities import Client, activity, install_chat, post, say, texts
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import ANSWERS, button, open_form, press
from tests.trust.conftest import LogLines, digits_in, spellings, stored_texts

REFUSED = "ser ut som et fødselsnummer"
ONCE = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@given(spellings())
def test_every_spelling_of_a_valid_number_is_found(spelled: tuple[str, str]) -> None:
    _number, written = spelled
    assert contains_national_id(written), written


@given(st.text(alphabet="0123456789 -./", max_size=30))
def test_amounts_phone_and_organisation_numbers_are_not_ids(text: str) -> None:
    # Whatever is found must be 11 digits of whole groups with valid check digits.
    if contains_national_id(text):
        assert len(digits_in(text)) >= 11


def test_known_shapes() -> None:
    for written in ("010190-00083", "010 190 000 83", "01.01.90 00083", "010190/00083"):
        assert contains_national_id(f"Eleven {written} trenger hjelp"), written
    for innocent in ("kr 1 300 000", "tlf 22 33 44 55", "org.nr 974 760 673", "2027-02-01"):
        assert not contains_national_id(innocent), innocent


async def queued(settings: Settings, kind: str) -> int:
    """How many messages of a kind were written for delivery to other people."""
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            query = select(func.count()).select_from(deliveries).where(deliveries.c.kind == kind)
            return int((await connection.execute(query)).scalar_one())
    finally:
        await engine.dispose()


def _nowhere(number: str, stored: list[str], log: LogLines) -> None:
    assert not [text for text in stored if number in digits_in(text)]
    assert not [line for line in log.lines if number in digits_in(line)]


@ONCE
@given(spelled=spellings())
async def test_a_question_with_a_number_is_refused_and_kept_nowhere(
    bot: Client, settings: Settings, log_lines: LogLines, spelled: tuple[str, str]
) -> None:
    number, written = spelled

    replies = texts(await say(bot, f"Kan vi søke om hjelp til {written}?"))

    assert REFUSED in replies
    assert number not in digits_in(replies)
    _nowhere(number, await stored_texts(settings), log_lines)


@ONCE
@given(spelled=spellings(), field=st.sampled_from(["needs", "owner", "target_groups"]))
async def test_a_behovsmelding_field_with_a_number_is_refused_and_kept_nowhere(
    bot: Client, settings: Settings, log_lines: LogLines, spelled: tuple[str, str], field: str
) -> None:
    number, written = spelled
    form = await open_form(bot)

    shown = await press(bot, button(form, "Gå videre"), **{**ANSWERS, field: written})

    assert REFUSED in texts(shown)
    _nowhere(number, await stored_texts(settings), log_lines)


async def test_a_step_answer_with_a_number_keeps_the_dialog_where_it_was(
    bot: Client, settings: Settings, log_lines: LogLines
) -> None:
    started = await say(bot, "ny behovsmelding")
    assert "(1 av 19)" in texts(await press(bot, button(started, "Steg for steg")))

    assert REFUSED in texts(await say(bot, "Frøya kommune, elev 010190-00083"))

    assert "(2 av 19)" in texts(await say(bot, "Frøya kommune"))
    _nowhere("01019000083", await stored_texts(settings), log_lines)


async def test_a_coordinators_answer_with_a_number_is_never_relayed(
    bot: Client, settings: Settings, teams: FakeTeams, fosen_coordinator: str, log_lines: LogLines
) -> None:
    await install_chat(
        bot, conversation="a:coordinator", service_url=teams.url, aad=fosen_coordinator
    )
    asker: dict[str, Any] = {"service_url": teams.url}
    await say(bot, "jeg hører til Fosen", **asker)
    unsure = await say(bot, "Dekker ordningen vikarutgifter for kurs i utlandet?", **asker)
    await post(bot, activity(value=button(unsure, "Spør koordinatoren"), **asker))
    [question] = await teams.wait_for_posts("a:coordinator")
    answer_data = next(a["data"] for a in question.activity["attachments"][0]["content"]["actions"])

    reply = activity(
        value={**answer_data, "answer": "Ja, for eleven 01019000083 gjelder det."},
        conversation="a:coordinator",
        service_url=teams.url,
    )
    reply["from"]["aadObjectId"] = fosen_coordinator

    assert REFUSED in texts(await post(bot, reply))
    assert await queued(settings, "qa.answer") == 0  # nothing queued for the asker
    _nowhere("01019000083", await stored_texts(settings), log_lines)


def test_the_fast_path_misses_no_character_that_becomes_a_digit() -> None:
    """Text without a digit-like character skips normalisation: no character NFKC turns into
    a decimal digit may be missing from that test, or a number written with it slips by."""
    missed = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF
        and any(
            unicodedata.decimal(char, None) is not None
            for char in unicodedata.normalize("NFKC", chr(code))
        )
        and not contains_digit_like(chr(code))
    ]

    assert missed == []
