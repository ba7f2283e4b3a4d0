"""Every id that arrives in a button is checked against the person who pressed it: a payload
replayed by someone else is refused politely and changes nothing."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import select

from bot.cli.main import main
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.reminder_tables import reminders
from bot.store.tables import deliveries, qa_escalations, qa_questions
from tests.activities import Client, activity, cards, install_chat, post, say, texts
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import button

KARI: dict[str, Any] = {"user": "29:kari", "conversation": "a:kari"}
OLA: dict[str, Any] = {"user": "29:ola", "conversation": "a:ola"}


async def rows(settings: Settings, query: Any) -> list[Any]:
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            return list((await connection.execute(query)).all())
    finally:
        await engine.dispose()


async def test_another_users_question_buttons_do_nothing(
    bot: Client, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    await install_chat(
        bot, conversation="a:coordinator", service_url=teams.url, aad=fosen_coordinator
    )
    answered = await say(bot, "Når er fristen for beslutningsgrunnlaget?", **KARI)
    unsure = await say(bot, "Dekker ordningen vikarutgifter for kurs i utlandet?", **KARI)
    await say(bot, "jeg hører til Fosen", **OLA)
    kari_ids = {row.id for row in await rows(settings, select(qa_questions.c.id))}

    for pressed in (
        button(answered, "👎"),
        button(unsure, "Spør koordinatoren"),
        {"action": "intent", "intent": "frist", "question": min(kari_ids)},
    ):
        refused = await post(bot, activity(value=pressed, service_url=teams.url, **OLA))
        assert "finner jeg ikke" in texts(refused)

    assert await rows(settings, select(deliveries)) == []  # nothing queued for coordinators
    assert await rows(settings, select(qa_escalations)) == []
    votes = await rows(
        settings, select(qa_questions.c.feedback).where(qa_questions.c.feedback.is_not(None))
    )
    assert votes == []


async def test_only_the_addressee_may_snooze_a_reminder(
    bot: Client,
    settings: Settings,
    teams: FakeTeams,
    fosen_coordinator: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)
    await install_chat(
        bot,
        conversation="a:coordinator-chat",
        service_url=teams.url,
        aad=fosen_coordinator,
        user="29:coordinator",
    )
    assert await asyncio.to_thread(main, ["reminders", "send", "--at", "2027-01-11T09:00"]) == 0
    [sent] = teams.posts_to("a:coordinator-chat")  # a reminder: sent by the CLI pass itself
    card = cards([{"attachments": sent.activity["attachments"]}])[0]
    snooze = next(a["data"] for a in card["actions"] if a["title"] == "Utsett")
    before = await rows(settings, select(reminders.c.key, reminders.c.state, reminders.c.due_at))

    refused = await post(bot, activity(value=snooze, **OLA))

    assert "Bare den påminnelsen er sendt til" in texts(refused)
    assert (
        await rows(settings, select(reminders.c.key, reminders.c.state, reminders.c.due_at))
        == before
    )
    addressee = activity(value=snooze, conversation="a:coordinator-chat", user="29:coordinator")
    addressee["from"]["aadObjectId"] = fosen_coordinator
    assert "Bare den påminnelsen" not in texts(await post(bot, addressee))
