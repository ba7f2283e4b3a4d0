"""The HTTP door: POST /api/messages in the Bot Framework protocol, and GET /healthz."""

from __future__ import annotations

import json
from typing import Any

from bot.settings import Settings
from bot.store.db import create_engine
from bot.teams.server import LAGET
from tests.activities import Client, activity, cards, post, say, texts
from tests.conftest import StartBot


async def test_expect_replies_returns_the_norwegian_reply_in_the_body(bot: Client) -> None:
    replies = await say(bot, "hei")

    assert len(replies) == 1
    [card] = cards(replies)
    assert card["body"][0]["text"] == "Hei! Jeg er Laget"
    assert replies[0]["conversation"]["id"] == "a:personal-1"


async def test_unhandled_question_gets_an_honest_not_yet(bot: Client) -> None:
    replies = await say(bot, "Hvordan søker jeg om barnehageplass?")

    assert "Det kan jeg ikke svare på" in texts(replies)


async def test_healthz_is_ok_when_the_database_answers(bot: Client) -> None:
    response = await bot.get("/healthz")

    assert response.status == 200
    assert (await response.json())["status"] == "ok"


async def test_healthz_is_503_when_the_database_does_not_answer(
    start_bot: StartBot, tmp_path: Any
) -> None:
    # Migrations run on a good database; then the engine is pointed at a closed loopback port.
    client = await start_bot(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"))
    laget = client.app[LAGET]
    await laget.engine.dispose()
    object.__setattr__(laget, "engine", create_engine("postgresql+asyncpg://u@127.0.0.1:1/x"))

    response = await client.get("/healthz")

    assert response.status == 503


async def test_malformed_json_gets_400_and_the_bot_keeps_answering(bot: Client) -> None:
    response = await bot.post(
        "/api/messages", data=b"{not json", headers={"Content-Type": "application/json"}
    )

    assert response.status == 400
    assert "ikke gyldig JSON" in (await response.json())["error"]
    assert await say(bot, "hei")


async def test_oversized_body_gets_413(start_bot: StartBot, settings: Settings) -> None:
    client = await start_bot(settings.model_copy(update={"max_body_bytes": 2048}))
    body = activity(text="x" * 4096)

    response = await client.post("/api/messages", json=body)

    assert response.status == 413
    assert await say(client, "hei")


async def test_wrong_content_type_gets_415(bot: Client) -> None:
    response = await bot.post("/api/messages", data="hei", headers={"Content-Type": "text/plain"})

    assert response.status == 415


async def test_activity_without_type_or_conversation_gets_400(bot: Client) -> None:
    no_type = activity(text="hei")
    del no_type["type"]
    no_conversation = activity(text="hei")
    del no_conversation["conversation"]

    for body in (no_type, no_conversation, [1, 2]):
        response = await bot.post(
            "/api/messages", data=json.dumps(body), headers={"Content-Type": "application/json"}
        )
        assert response.status == 400


async def test_unknown_activity_type_is_acknowledged_and_ignored(bot: Client) -> None:
    response = await bot.post("/api/messages", json=activity("somethingNew", expect_replies=False))

    assert response.status == 201
    assert await say(bot, "hei")


async def test_app_id_without_token_gets_401(start_bot: StartBot, settings: Settings) -> None:
    client = await start_bot(
        settings.model_copy(
            update={
                "microsoft_app_id": "00000000-0000-0000-0000-000000000001",
                "microsoft_app_password": "secret",
            }
        )
    )

    response = await client.post("/api/messages", json=activity(text="hei"))

    assert response.status == 401


async def test_tenant_is_read_from_channel_data(bot: Client) -> None:
    # Teams sends conversation.tenantId, which botbuilder's schema (tenantID) drops.
    replies = await post(bot, activity(text="hei"))

    assert replies[0]["conversation"]["tenantID"] == "tenant-trondelag"
