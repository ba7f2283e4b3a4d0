"""Turns of one conversation never interleave, and a dialog survives a restart."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import text

from bot.logs import JsonFormatter
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.locks import ConversationLocks
from bot.store.migrate import upgrade_async
from bot.teams.adapter import APOLOGIES_KEPT, APOLOGY, APOLOGY_KEPT
from bot.teams.server import LAGET
from dialogs.profile import dialog as profile_dialog
from tests.activities import Client, say, texts
from tests.conftest import StartBot
from tests.statements import reads_of, traced


async def test_two_quick_answers_in_one_dialog_lose_nothing(bot: Client) -> None:
    # Without per-conversation serialization both turns load the same dialog state and the
    # second save fails its e_tag check: the user would get an apology and lose the dialog.
    for round_number in range(5):
        conversation = f"a:quick-{round_number}"
        await say(bot, "om meg", conversation=conversation)

        first, second = await asyncio.gather(
            say(bot, "Skole", conversation=conversation),
            say(bot, "Orkland", conversation=conversation),
        )

        replies = texts(first + second)
        assert APOLOGY not in replies
        if "Takk! Jeg har notert: Skole i Orkland" in replies:
            continue  # "Skole" was handled first: the profile is complete
        # "Orkland" came first (not a workplace), then "Skole": now it asks for the kommune.
        assert "Hvilken kommune jobber du i?" in replies


async def test_a_dialog_in_progress_survives_a_restart(
    start_bot: StartBot, settings: Settings
) -> None:
    first = await start_bot(settings)
    assert "Hvor jobber du?" in texts(await say(first, "om meg"))
    assert "Hvilken kommune" in texts(await say(first, "Barnehage"))
    await first.close()

    second = await start_bot(settings)
    replies = texts(await say(second, "Frøya"))

    assert "Takk! Jeg har notert: Barnehage i Frøya" in replies


async def test_broken_state_is_kept_once_then_started_afresh(
    bot: Client, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    await say(bot, "om meg", conversation="a:broken")
    engine = create_engine(settings.database_url)
    async with engine.begin() as connection:
        await connection.execute(text("UPDATE bot_state SET data = '{broken'"))
    await engine.dispose()

    first = texts(await say(bot, "Skolen min heter Solsiden", conversation="a:broken"))
    assert APOLOGY_KEPT in first  # the dialog may be fine: it is kept for another try
    assert APOLOGY in texts(await say(bot, "Skolen min heter Solsiden", conversation="a:broken"))
    assert "Hei! Jeg er Laget" in texts(await say(bot, "hjelp", conversation="a:broken"))

    failures = [r for r in caplog.records if r.getMessage() == "turn failed"]
    assert len(failures) == 2
    logged = JsonFormatter().format(failures[0])
    assert json.loads(logged)["conversation_id"] == "a:broken"
    assert "Solsiden" not in logged


async def test_a_failed_turn_keeps_the_dialog_in_progress(
    bot: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "Hvilken kommune" in texts(await say(bot, "om meg") + await say(bot, "Barnehage"))

    def failing(_text: str) -> str:
        raise RuntimeError("a bug met on the way")

    with monkeypatch.context() as patched:
        patched.setattr(profile_dialog, "parse_municipality", failing)
        assert APOLOGY_KEPT in texts(await say(bot, "Frøya"))

    assert "Takk! Jeg har notert: Barnehage i Frøya" in texts(await say(bot, "Frøya"))


async def test_locks_order_turns_across_instances_on_postgres(database_url: str) -> None:
    """Two ConversationLocks (two `serve` instances) on one database never interleave."""
    await upgrade_async(database_url)
    engine = create_engine(database_url)
    instances = [ConversationLocks(engine), ConversationLocks(engine)]
    inside: list[str] = []
    overlaps: list[str] = []

    async def turn(locks: ConversationLocks, name: str) -> None:
        async with locks.hold("a:shared"):
            if inside:
                overlaps.append(name)
            inside.append(name)
            for _ in range(20):
                await asyncio.sleep(0)  # yield to the other instance, not a timed wait
            inside.remove(name)

    if engine.dialect.name == "postgresql":
        await asyncio.gather(*(turn(instances[n % 2], f"t{n}") for n in range(10)))
        assert overlaps == []
    else:
        # SQLite serves one instance: the in-process lock alone orders the turns.
        await asyncio.gather(*(turn(instances[0], f"t{n}") for n in range(10)))
        assert overlaps == []
    assert len(instances[0]) == 0 and len(instances[1]) == 0
    for locks in instances:
        await locks.close()
    await engine.dispose()


async def test_a_burst_of_more_conversations_than_pooled_connections_loses_no_turn(
    start_bot: StartBot, database_url: str
) -> None:
    # The query pool holds 15 connections. Were the turn locks taken on connections from that
    # same pool, 15 concurrent turns would hold them all and wait forever for one to work with.
    settings = Settings.from_environ(
        {"LAGET_DATABASE_URL": database_url, "LAGET_REMINDER_INTERVAL": "0"}
    )
    bot = await start_bot(settings)
    conversations = [f"a:burst-{n}" for n in range(40)]

    first = await asyncio.gather(*(say(bot, "om meg", conversation=c) for c in conversations))
    second = await asyncio.gather(*(say(bot, "Barnehage", conversation=c) for c in conversations))

    for replies in first:
        assert "Hvor jobber du?" in texts(replies)
    for replies in second:
        assert "Hvilken kommune jobber du i?" in texts(replies)
        assert APOLOGY not in texts(replies)


async def test_a_turn_reads_conversation_and_user_state_in_one_query(bot: Client) -> None:
    await say(bot, "om meg", conversation="a:reads")  # both states exist from here on
    async with traced(bot.app[LAGET].engine) as statements:
        replies = await say(bot, "Barnehage", conversation="a:reads")

    assert "Hvilken kommune" in texts(replies)
    assert len(reads_of(statements, "bot_state")) == 1


async def test_an_unreadable_user_profile_is_started_afresh_instead_of_failing_every_turn(
    bot: Client, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    await say(bot, "Kva er ramma til Fosen?", conversation="a:profile")  # stores the language
    engine = create_engine(settings.database_url)
    async with engine.begin() as connection:
        changed = await connection.execute(
            text("UPDATE bot_state SET data = '{broken' WHERE key LIKE '%/users/%'")
        )
        assert changed.rowcount == 1
    await engine.dispose()

    for _ in range(2):
        replies = texts(await say(bot, "Hva er rammen til Fosen?", conversation="a:profile"))
        assert APOLOGY not in replies
        assert "Rammen til Fosen" in replies
    assert any("profile started afresh" in r.getMessage() for r in caplog.records)


async def test_the_apology_is_in_the_users_written_form(
    bot: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    await say(bot, "Kva kan du hjelpe meg med?")  # nynorsk from now on
    assert "Kva kommune" in texts(await say(bot, "om meg") + await say(bot, "Barnehage"))

    def failing(_text: str) -> str:
        raise RuntimeError("a bug met on the way")

    with monkeypatch.context() as patched:
        patched.setattr(profile_dialog, "parse_municipality", failing)
        replies = texts(await say(bot, "Frøya"))

    assert APOLOGIES_KEPT["nn"] in replies


def _state_writes(statements: list[str]) -> list[list[str]]:
    """The state writes among `statements`, grouped by transaction."""
    groups: list[list[str]] = []
    for statement in statements:
        if statement.startswith("BEGIN"):
            groups.append([])
        elif groups and "bot_state" in statement and not statement.startswith("SELECT"):
            groups[-1].append(statement.split()[0])
    return [group for group in groups if group]


async def test_both_states_are_written_in_one_transaction_and_only_when_they_changed(
    bot: Client,
) -> None:
    engine = bot.app[LAGET].engine
    question = "Kva tid er fristen for avgjerdsgrunnlaget?"  # nynorsk: the language is stored
    async with traced(engine) as first:  # a new conversation and a new user
        replies = await say(bot, question, conversation="a:writes")
    async with traced(engine) as again:  # the same question changes neither state
        await say(bot, question, conversation="a:writes")

    assert "avgjerdsgrunnlag" in texts(replies)
    assert _state_writes(first) == [["INSERT", "INSERT"]]
    assert reads_of(first, "bot_state") == reads_of(again, "bot_state")[:1]  # one read each
    assert _state_writes(again) == []
