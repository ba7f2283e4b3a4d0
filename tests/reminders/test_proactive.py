"""TeamsChannel over botbuilder's CloudAdapter, against a fake Bot Connector on 127.0.0.1."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from aiohttp.test_utils import unused_port
from botbuilder.core import ConversationState, MemoryStorage
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from msrest.universal_http.requests import ClientRetryPolicy

from bot.reminders.channel import ChannelError
from bot.settings import Settings
from bot.store.locks import ConversationLocks
from bot.teams.adapter import LagetAdapter
from bot.teams.proactive import TeamsChannel, retry_after
from tests.fake_teams import Fail, FakeTeams, Hang, reference

CHANNEL = "19:fosen@thread.tacv2"
CARD = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Hei"}]}


class _Config:
    APP_ID = ""  # authentication off: no token is fetched, bot_app_id may be ""
    APP_PASSWORD = ""
    APP_TYPE = "MultiTenant"
    APP_TENANTID = ""


def channel(timeout: float = 10.0) -> TeamsChannel:
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(_Config()))
    return TeamsChannel(adapter, "", timeout=timeout)


def ref(teams: FakeTeams, conversation: str = CHANNEL, *, personal: bool = False) -> str:
    return json.dumps(reference(teams.url, conversation, personal=personal))


async def test_a_card_is_posted_as_a_new_message(teams: FakeTeams) -> None:
    activity_id = await channel().post(ref(teams), json.dumps(CARD))

    [posted] = teams.posts
    assert posted.activity_id == activity_id and posted.conversation_id == CHANNEL
    assert "replyToId" not in posted.activity  # a new post, not a reply in a thread
    [attachment] = posted.activity["attachments"]
    assert attachment == {"contentType": "application/vnd.microsoft.card.adaptive", "content": CARD}


async def test_a_posted_card_is_updated_in_place(teams: FakeTeams) -> None:
    teams_channel = channel()
    activity_id = await teams_channel.post(ref(teams), json.dumps(CARD))
    done = {**CARD, "body": [{"type": "TextBlock", "text": "Levert"}]}

    await teams_channel.update(ref(teams), activity_id, json.dumps(done))

    [(conversation, updated_id, body)] = teams.updates
    assert (conversation, updated_id, body["id"]) == (CHANNEL, activity_id, activity_id)
    assert body["attachments"][0]["content"] == done
    assert len(teams.posts) == 1


@pytest.mark.parametrize(
    ("fail", "status", "code", "wait"),
    [
        (Fail(429, retry_after=3, code="Throttled"), 429, "Throttled", 3.0),
        (Fail(403, code="MessageWritesBlocked"), 403, "MessageWritesBlocked", None),
        (Fail(404, code="ConversationNotFound"), 404, "ConversationNotFound", None),
        (Fail(503), 503, "Error", None),
    ],
)
async def test_connector_errors_become_channel_errors(
    teams: FakeTeams, fail: Fail, status: int, code: str, wait: float | None
) -> None:
    teams.script(CHANNEL, fail)

    with pytest.raises(ChannelError) as raised:
        await channel().post(ref(teams), json.dumps(CARD))

    error = raised.value
    assert (error.status, error.code, error.retry_after) == (status, code, wait)
    assert not error.maybe_delivered and teams.posts == []


async def test_a_hung_connector_is_a_maybe_delivered_timeout(teams: FakeTeams) -> None:
    teams.script(CHANNEL, Hang())

    with pytest.raises(ChannelError) as raised:
        await channel(timeout=0.5).post(ref(teams), json.dumps(CARD))

    assert raised.value.status is None and raised.value.maybe_delivered
    assert teams.hanging.is_set()


async def test_a_refused_connection_never_reached_teams() -> None:
    dead = {**reference(f"http://127.0.0.1:{unused_port()}/", CHANNEL)}

    with pytest.raises(ChannelError) as raised:
        await channel().post(json.dumps(dead), json.dumps(CARD))

    assert raised.value.status is None and not raised.value.maybe_delivered


async def test_a_personal_chat_is_recreated_with_the_same_user(teams: FakeTeams) -> None:
    old = ref(teams, "a:deleted", personal=True)

    new = json.loads(await channel().recreate(old))

    [created] = teams.created
    assert created["isGroup"] is False
    assert created["members"] == [
        {"id": "29:kari", "name": "Kari Nordmann", "aadObjectId": "aad-kari"}
    ]
    # The schema serializes tenant_id as "tenantID"; Teams reads channelData.tenant.id.
    assert created["channelData"] == {"tenant": {"id": "tenant-trondelag"}}
    assert new["conversation"]["id"].startswith("a:recreated-")
    assert new["user"]["id"] == "29:kari" and "activityId" not in new
    await channel().post(json.dumps(new), json.dumps(CARD))
    assert teams.posts[0].conversation_id == new["conversation"]["id"]


async def test_errors_do_not_reach_lagets_apology_path(teams: FakeTeams, sqlite_url: str) -> None:
    # LagetAdapter's on_turn_error apologises in the conversation; a failed reminder must not.
    settings = Settings.from_environ({"LAGET_DATABASE_URL": sqlite_url})
    adapter = LagetAdapter(settings, ConversationState(MemoryStorage()), ConversationLocks())
    teams.script(CHANNEL, Fail(429, retry_after=1))

    with pytest.raises(ChannelError):
        await TeamsChannel(adapter, "").post(ref(teams), json.dumps(CARD))

    assert teams.posts == [] and teams.requests == 1


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after("7") == 7.0
    assert retry_after(None) is None and retry_after("soon") is None
    now = datetime(2027, 1, 25, 8, 0, tzinfo=UTC)
    assert retry_after("Mon, 25 Jan 2027 08:00:30 GMT", now) == 30.0


def test_the_transport_never_repeats_a_post() -> None:
    # msrest asks urllib3 to retry POST on 5xx and read errors (`method_whitelist`), but
    # urllib3 2 ignores that name: a POST is sent once, so a lost answer cannot duplicate a
    # reminder behind our back. Updates (PUT) may be repeated, which is harmless.
    channel()  # applies fast_msrest_retry_policy, which must not change the policy
    policy = ClientRetryPolicy().policy
    safe = [i for i in range(500) if i != 408] + [501, 505]  # msrest's own definition
    assert policy.status_forcelist == [i for i in range(999) if i not in safe]

    assert not policy.is_retry("POST", 503) and not policy.is_retry("POST", 429)
    assert policy.allowed_methods is not None and "POST" not in policy.allowed_methods
