"""Messages to other people go through the deliveries outbox: a turn writes them and answers;
the worker posts them; an unreachable coordinator is recorded as «unreachable», retried, and
shown in `laget deliveries status`."""

from __future__ import annotations

import asyncio
import json
import socket

import pytest
from sqlalchemy import select

from bot.cli.main import main
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.tables import deliveries
from tests.activities import install_chat, texts
from tests.conftest import StartBot
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import ANSWERS, button, open_form, press


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def states(settings: Settings) -> dict[str, str]:
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            query = select(deliveries.c.conversation_id, deliveries.c.state)
            return {row[0]: row[1] for row in (await connection.execute(query)).all()}
    finally:
        await engine.dispose()


async def test_an_unreachable_coordinator_neither_holds_up_nor_hides_the_others(
    start_bot: StartBot,
    settings: Settings,
    teams: FakeTeams,
    fosen_coordinator: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # No worker inside the server here: the pass below is the only one, so states are settled.
    bot = await start_bot(settings.model_copy(update={"delivery_interval": 0}))
    await install_chat(
        bot,
        conversation="a:dead-chat",
        service_url=f"http://127.0.0.1:{closed_port()}/",
        aad=fosen_coordinator,
    )
    await install_chat(
        bot, conversation="a:live-chat", service_url=teams.url, aad=fosen_coordinator
    )
    form = await open_form(bot)
    summary = await press(bot, button(form, "Gå videre"), **ANSWERS)

    receipt = texts(await press(bot, button(summary, "Send inn")))

    assert "Koordinatorene i Fosen får beskjed" in receipt  # both chats are known
    assert await states(settings) == {"a:live-chat": "pending", "a:dead-chat": "pending"}
    assert await asyncio.to_thread(main, ["deliveries", "send"]) == 0
    assert await states(settings) == {"a:live-chat": "sent", "a:dead-chat": "unreachable"}
    [notice] = teams.posts_to("a:live-chat")
    assert "Ny behovsmelding til Fosen" in json.dumps(notice.activity, ensure_ascii=False)
    capsys.readouterr()
    assert await asyncio.to_thread(main, ["deliveries", "status", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    dead = next(row for row in shown if row["conversation"] == "a:dead-chat")
    assert (dead["kind"], dead["state"]) == ("needs.notice", "unreachable")
    assert "Ørland" not in json.dumps(shown)  # the status never shows what was sent


@pytest.fixture(autouse=True)
def cli_database(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)
