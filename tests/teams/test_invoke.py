"""Invokes (Action.Execute) and normal delivery through a connector: the 4.17.1 double
serialization bug turned every invoke with a body into HTTP 500."""

from __future__ import annotations

from typing import Any

from tests.activities import Client, activity
from tests.fake_teams import FakeTeams


def execute(data: Any, service_url: str) -> dict[str, Any]:
    """An Action.Execute invoke as Teams sends it."""
    return activity(
        "invoke",
        name="adaptiveCard/action",
        value={"action": {"type": "Action.Execute", "verb": "ask", "data": data}},
        expect_replies=False,
        service_url=service_url,
    )


async def test_action_execute_returns_its_invoke_body(bot: Client, teams: FakeTeams) -> None:
    response = await bot.post(
        "/api/messages", json=execute({"action": "ask", "text": "hjelp"}, teams.url)
    )

    assert response.status == 200
    body = await response.json()
    assert body == {
        "statusCode": 200,
        "type": "application/vnd.microsoft.activity.message",
        "value": "Mottatt.",
    }
    # The help card itself went out through the connector, as a normal reply.
    [sent] = teams.sent
    assert sent["attachments"][0]["content"]["body"][0]["text"] == "Hei! Jeg er Laget"


async def test_action_execute_with_unknown_payload_is_answered_politely(
    bot: Client, teams: FakeTeams
) -> None:
    response = await bot.post(
        "/api/messages", json=execute({"action": "launch-rockets"}, teams.url)
    )

    assert response.status == 200
    assert "kjenner jeg ikke igjen" in (await response.json())["value"]
    assert teams.sent == []


async def test_a_message_without_expect_replies_is_answered_through_the_connector(
    bot: Client, teams: FakeTeams
) -> None:
    response = await bot.post(
        "/api/messages",
        json=activity(text="hei", expect_replies=False, service_url=teams.url),
    )

    assert response.status == 201
    [sent] = teams.sent
    assert sent["_conversation"] == "a:personal-1"
    assert sent["type"] == "message"
