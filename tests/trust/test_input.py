"""Odd or hostile input gets a field error or a plain answer; it never ends the dialog, never
reaches the log, and text from one person is shown literally to another."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import text

from bot.settings import Settings
from bot.store.qa import QaLog
from tests.activities import Client, activity, install_chat, say, texts
from tests.conftest import StartBot
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import ANSWERS, button, open_form, press
from tests.trust.conftest import LogLines

APOLOGY = "Beklager, nå gikk noe galt"


async def to_the_first_count(bot: Client) -> None:
    started = await say(bot, "ny behovsmelding")
    await press(bot, button(started, "Steg for steg"))
    await say(bot, "Frøya kommune")
    await say(bot, "Kommunal")
    assert "(4 av 19)" in texts(await say(bot, "Frøya"))


@pytest.mark.parametrize(
    "typed",
    ["²", "٣", "3²", pytest.param("1" * 3999, id="3999-digits"), "½", "⑤", "3,5", "-2", "1e3"],
)
async def test_a_count_that_is_not_a_plain_number_gets_a_field_error(
    bot: Client, typed: str
) -> None:
    await to_the_first_count(bot)

    replies = texts(await say(bot, typed))

    assert APOLOGY not in replies
    assert "Skriv et helt tall" in replies
    assert "(5 av 19)" in texts(await say(bot, "1 200"))  # the dialog goes on


async def test_a_count_in_the_card_form_too(bot: Client) -> None:
    form = await open_form(bot)

    shown = await press(bot, button(form, "Gå videre"), **{**ANSWERS, "skoler": "³"})

    assert "Skriv et helt tall" in texts(shown)


async def test_nul_bytes_and_lone_surrogates_are_taken_out(
    start_bot: StartBot, database_url: str
) -> None:
    bot = await start_bot(Settings.from_environ({"LAGET_DATABASE_URL": database_url}))
    await to_the_first_count(bot)
    body = json.dumps(activity(text="7")).replace('"text": "7"', '"text": "\\u00007\\ud800"')

    response = await bot.post(
        "/api/messages", data=body, headers={"Content-Type": "application/json"}
    )

    replies = texts((await response.json())["activities"])
    assert APOLOGY not in replies
    assert "(5 av 19)" in replies
    assert APOLOGY not in texts(await say(bot, "Hva er rammen til Fosen?\x00\udfff"))


async def test_a_failed_statement_never_logs_what_the_user_wrote(
    bot: Client, monkeypatch: pytest.MonkeyPatch, log_lines: LogLines
) -> None:
    async def failing(self: QaLog, **values: Any) -> int:
        async with self._engine.begin() as connection:
            await connection.execute(
                text("INSERT INTO no_such_table VALUES (:t)"), {"t": values["text"]}
            )
        return 0

    monkeypatch.setattr(QaLog, "record", failing)

    replies = texts(await say(bot, "Hemmelig spørsmål om Solsikke-barnehagen"))

    assert APOLOGY in replies or "Beklager" in replies
    assert any('"turn failed"' in line for line in log_lines.lines)
    assert not [line for line in log_lines.lines if "Solsikke" in line or "Hemmelig" in line]


async def test_an_owner_name_is_shown_literally_to_the_coordinators(
    bot: Client, teams: FakeTeams, fosen_coordinator: str
) -> None:
    await install_chat(
        bot,
        conversation="a:coordinator-chat",
        service_url=teams.url,
        aad=fosen_coordinator,
        user="29:coordinator",
    )
    link = "[Åpne behovsmeldingen](https://example.invalid/x)"
    form = await open_form(bot)
    summary = await press(bot, button(form, "Gå videre"), **{**ANSWERS, "owner": link})
    await press(bot, button(summary, "Send inn"))

    [notice] = await teams.wait_for_posts("a:coordinator-chat")
    shown = json.dumps(notice.activity["attachments"][0]["content"], ensure_ascii=False)

    assert link not in shown
    assert "\\\\[Åpne behovsmeldingen\\\\]\\\\(https://example.invalid/x\\\\)" in shown
