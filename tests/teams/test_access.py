"""Access control: only allowed tenants are served, actions are audited, expensive actions
are rate limited per user."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import func, select

from bot.cli.main import main
from bot.ratelimit import TOO_OFTEN, UserRateLimit
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.tables import bot_state, conversation_refs, qa_questions
from bot.teams.tenants import NOT_SERVED
from tests.activities import BOT_ID, TENANT, Client, activity, post, say, texts
from tests.conftest import StartBot
from tests.needs.test_needs_report import ANSWERS, button, press


async def count(settings: Settings, table: object) -> int:
    engine = create_engine(settings.database_url)
    async with engine.connect() as connection:
        found = (await connection.execute(select(func.count()).select_from(table))).scalar_one()  # type: ignore[arg-type]
    await engine.dispose()
    return int(found)


async def test_another_tenant_gets_one_sentence_and_nothing_is_stored(
    start_bot: StartBot, settings: Settings
) -> None:
    only_others = settings.model_copy(update={"allowed_tenants_text": "some-other-tenant"})
    bot = await start_bot(only_others)

    replies = await say(bot, "Hva er rammen til Fosen?")
    await post(bot, activity("conversationUpdate", membersAdded=[{"id": BOT_ID}]))

    assert texts(replies).strip() == NOT_SERVED
    for table in (bot_state, conversation_refs, qa_questions):
        assert await count(settings, table) == 0


async def test_an_allowed_tenant_is_served_whatever_the_case(
    start_bot: StartBot, settings: Settings
) -> None:
    allowed = settings.model_copy(update={"allowed_tenants_text": f"x, {TENANT.upper()}"})
    bot = await start_bot(allowed)

    assert "Rammen til Fosen" in texts(await say(bot, "Hva er rammen til Fosen?"))


async def test_submissions_changes_roles_and_exports_are_audited(
    bot: Client,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: object,
) -> None:
    started = await say(bot, "ny behovsmelding")
    form = await press(bot, button(started, "Skjema"))
    summary = await press(bot, button(form, "Gå videre"), **ANSWERS)
    await press(bot, button(summary, "Send inn"))
    mine = await say(bot, "mine behovsmeldinger")
    edit = await press(bot, button(mine, "Endre BM-2027-0001"))
    await press(bot, button(edit, "Gå videre"), **{**ANSWERS, "participants": "99"})

    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)
    person = "6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f"
    grant = ["roles", "grant", "coordinator", person, "--network", "Fosen"]
    assert await asyncio.to_thread(main, grant) == 0
    out = f"{tmp_path}/x.csv"
    export = ["export", "needs", "--network", "Fosen", "--format", "csv", "--out", out]
    assert await asyncio.to_thread(main, export) == 0
    capsys.readouterr()

    assert await asyncio.to_thread(main, ["audit", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    actions = [(e["action"], e["subject"]) for e in reversed(entries)]
    assert actions == [
        ("needs.submitted", "BM-2027-0001"),
        ("needs.changed", "BM-2027-0001"),
        ("role.granted", person),
        ("needs.exported", "fosen"),
    ]
    assert entries[-1]["actor"] == "aad-29:user-1"
    assert "Ørland" not in json.dumps(entries)  # no report contents in the log

    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: one table row a line
    assert await asyncio.to_thread(main, ["audit"]) == 0  # people read Norwegian words
    table = capsys.readouterr().out
    for words in ("behovsmelding sendt", "behovsmelding endret", "rolle gitt"):
        assert words in table
    assert "needs.submitted" not in table


async def test_new_drafts_are_rate_limited_per_user(bot: Client) -> None:
    for _ in range(20):
        assert "Ny behovsmelding" in texts(await say(bot, "ny behovsmelding"))

    assert TOO_OFTEN.nb in texts(await say(bot, "ny behovsmelding"))
    assert "Ny behovsmelding" in texts(await say(bot, "ny behovsmelding", user="29:other"))


def test_the_limit_slides_with_time() -> None:
    now = [0.0]
    limit = UserRateLimit(limit=2, window=10, clock=lambda: now[0])

    assert limit.allow("a") and limit.allow("a")
    assert not limit.allow("a")
    now[0] = 10.0
    assert limit.allow("a")
