"""The HTTP door refuses what it cannot trust with a 4xx, never a 500, and stores nothing."""

from __future__ import annotations

import json
from typing import Any

import jwt
import pytest
from sqlalchemy import func, select

from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.tables import bot_state, conversation_refs, qa_questions
from bot.teams.tenants import NOT_SERVED
from tests.activities import Client, activity, texts
from tests.conftest import StartBot

APP_ID = "00000000-0000-0000-0000-000000000001"
CLAIMS = {"iss": "https://api.botframework.com", "aud": APP_ID, "serviceurl": "http://x/"}


async def nothing_stored(settings: Settings) -> bool:
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            for table in (bot_state, conversation_refs, qa_questions):
                query = select(func.count()).select_from(table)
                if (await connection.execute(query)).scalar_one():
                    return False
    finally:
        await engine.dispose()
    return True


@pytest.mark.parametrize(
    "header",
    [
        "Bearer garbage",
        "Bearer a.b.c",
        "Bearer " + jwt.encode(CLAIMS, key="", algorithm="none"),
        "Bearer "
        + jwt.encode(CLAIMS, key="guessed-secret-of-32-bytes-or-more!", algorithm="HS256"),
        "Basic dXNlcjpwYXNz",
        "Bearer ",
    ],
)
async def test_a_token_that_cannot_be_verified_gets_401(
    start_bot: StartBot, settings: Settings, header: str
) -> None:
    secured = settings.model_copy(
        update={"microsoft_app_id": APP_ID, "microsoft_app_password": "secret"}
    )
    client = await start_bot(secured)

    response = await client.post(
        "/api/messages", json=activity(text="hei"), headers={"Authorization": header}
    )

    assert response.status == 401
    assert "Traceback" not in await response.text()
    assert await nothing_stored(settings)


async def test_json_nested_too_deeply_gets_400(bot: Client, settings: Settings) -> None:
    start = json.dumps(activity(text="hei"))[:-1] + ', "value": '
    for depth in (40, 1000, 100_000):  # past the limit, and past the JSON parser's recursion
        body = start + "[" * depth + "]" * depth + "}"

        response = await bot.post(
            "/api/messages", data=body, headers={"Content-Type": "application/json"}
        )

        assert response.status == 400
        assert (await response.json())["error"] == "Forespørselen er nøstet for dypt."
    assert await nothing_stored(settings)


@pytest.mark.parametrize("missing", ["from", "recipient", "channelId", "conversation"])
async def test_an_activity_without_a_required_field_gets_400(
    bot: Client, settings: Settings, missing: str
) -> None:
    body = activity(text="hei")
    del body[missing]

    response = await bot.post("/api/messages", json=body)

    assert response.status == 400
    assert await nothing_stored(settings)


@pytest.mark.parametrize("tenant", [12345, {"id": "x"}, ["tenant-trondelag"], True])
async def test_a_tenant_that_is_not_text_is_refused_and_nothing_stored(
    start_bot: StartBot, settings: Settings, tenant: Any
) -> None:
    bot = await start_bot(settings.model_copy(update={"allowed_tenants_text": "tenant-trondelag"}))
    body = activity(text="Hva er rammen til Fosen?", channelData={"tenant": {"id": tenant}})
    body["conversation"]["tenantId"] = tenant

    response = await bot.post("/api/messages", json=body)

    assert response.status in (200, 400)
    if response.status == 200:
        assert texts((await response.json())["activities"]).strip() == NOT_SERVED
    assert await nothing_stored(settings)
