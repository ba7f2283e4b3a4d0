"""Connector clients are built once per service URL and keep working across turns."""

from __future__ import annotations

from botframework.connector.auth import ClaimsIdentity

from bot.settings import Settings
from bot.teams.sdk_clients import MAX_CLIENTS, ReusingAuthentication
from tests.activities import Client, activity
from tests.fake_teams import FakeTeams


async def test_one_client_per_service_url_and_a_bounded_cache() -> None:
    auth = ReusingAuthentication(Settings.from_environ({}).bot_framework_config())
    claims = ClaimsIdentity({}, True)

    first = await auth.create_connector_factory(claims).create("http://127.0.0.1:9/a/")
    again = await auth.create_connector_factory(claims).create("http://127.0.0.1:9/a/")
    other = await auth.create_connector_factory(claims).create("http://127.0.0.1:9/b/")

    assert first is again and first is not other
    assert other.config.base_url == "http://127.0.0.1:9/b/"
    assert await auth.create_user_token_client(claims) is await auth.create_user_token_client(
        claims
    )
    for n in range(MAX_CLIENTS + 5):
        await auth.create_connector_factory(claims).create(f"http://127.0.0.1:9/{n}/")
    assert len(auth._clients.connectors) <= MAX_CLIENTS  # noqa: SLF001  (the cache itself is under test)


async def test_replies_of_several_turns_go_out_through_the_reused_client(
    bot: Client, teams: FakeTeams
) -> None:
    for text in ("hei", "hjelp", "frister"):
        response = await bot.post(
            "/api/messages",
            json=activity(text=text, expect_replies=False, service_url=teams.url),
        )
        assert response.status in (200, 201)

    # One reply or more per turn, every one of them received by the connector.
    assert len(teams.sent) >= 3
    assert {sent["_conversation"] for sent in teams.sent} == {"a:personal-1"}
