"""Incoming activities read without msrest: an Activity equal to msrest's in every attribute for
what Teams sends, and msrest's way for anything unusual, with the same outcome as before (every
HTTP turn of the suite also checks the equality, see tests/conftest.py)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from botbuilder.schema import Activity, ChannelAccount

from bot.teams import activity_json, adapter
from bot.teams.adapter import parse_activity
from tests.activities import Client, say, texts
from tests.conftest import containers, model_differences

TENANT = "9c7a5b3d-2e1f-4a6b-8c9d-0e1f2a3b4c5d"
USER = {
    "id": "29:1AbCdEfGhIjKlMnOpQrStUvWxYz",
    "name": "Kari Nordmann",
    "aadObjectId": "6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f",
}
BOT = {"id": "28:laget-bot", "name": "Laget"}
CLIENT_INFO = {
    "locale": "nb-NO",
    "country": "NO",
    "platform": "Web",
    "timezone": "Europe/Oslo",
    "type": "clientInfo",
}

# A message as Teams sends it in a channel, the bot @-mentioned (the body the benchmark reads).
TEAMS_MESSAGE: dict[str, Any] = {
    "text": "<at>Laget</at> Hva er rammen til Fosen?",
    "textFormat": "plain",
    "attachments": [
        {
            "contentType": "text/html",
            "content": '<p><span itemtype="http://schema.skype.com/Mention" itemscope="" '
            'itemid="0">Laget</span> Hva er rammen til Fosen?</p>',
        }
    ],
    "type": "message",
    "timestamp": "2026-11-23T09:00:00.1234567Z",
    "localTimestamp": "2026-11-23T10:00:00.1234567+01:00",
    "id": "1732352400123",
    "channelId": "msteams",
    "serviceUrl": "https://smba.trafficmanager.net/emea/",
    "from": USER,
    "conversation": {
        "isGroup": True,
        "conversationType": "channel",
        "tenantId": TENANT,
        "id": "19:abc@thread.tacv2;messageid=1732352400000",
    },
    "recipient": BOT,
    "entities": [
        {"mentioned": BOT, "text": "<at>Laget</at>", "type": "mention"},
        CLIENT_INFO,
    ],
    "channelData": {
        "teamsChannelId": "19:abc@thread.tacv2",
        "teamsTeamId": "19:team@thread.tacv2",
        "channel": {"id": "19:abc@thread.tacv2"},
        "team": {"id": "19:team@thread.tacv2"},
        "tenant": {"id": TENANT},
    },
    "locale": "nb-NO",
    "localTimezone": "Europe/Oslo",
}

# An Adaptive Card's Action.Submit in a 1:1 chat: a message with a value and no text.
CARD_SUBMIT: dict[str, Any] = {
    "type": "message",
    "timestamp": "2026-11-23T09:01:02.5Z",
    "localTimestamp": "2026-11-23T10:01:02.5+01:00",
    "id": "f:8c5d2b0e-6a4f-4f3b-9d2e-1c0b7a6e5d4c",
    "channelId": "msteams",
    "serviceUrl": "https://smba.trafficmanager.net/emea/",
    "from": USER,
    "conversation": {"conversationType": "personal", "tenantId": TENANT, "id": "a:1xYz"},
    "recipient": BOT,
    "entities": [CLIENT_INFO],
    "replyToId": "1732352400999",
    "value": {"action": "feedback", "vote": "up", "question": 12, "comment": None},
    "channelData": {
        "tenant": {"id": TENANT},
        "source": {"name": "message"},
        "legacy": {"replyToId": "1:1aBcD"},
    },
    "locale": "nb-NO",
    "localTimezone": "Europe/Oslo",
}

INVOKE: dict[str, Any] = {
    "name": "adaptiveCard/action",
    "type": "invoke",
    "timestamp": "2026-11-23T09:02:03.017Z",
    "localTimestamp": "2026-11-23T10:02:03.017+01:00",
    "id": "f:2c1b0a9f-8e7d-4c6b-5a4f-3e2d1c0b9a8f",
    "channelId": "msteams",
    "serviceUrl": "https://smba.trafficmanager.net/emea/",
    "from": USER,
    "conversation": {"conversationType": "personal", "tenantId": TENANT, "id": "a:1xYz"},
    "recipient": BOT,
    "entities": [CLIENT_INFO],
    "channelData": {"tenant": {"id": TENANT}, "source": {"name": "message"}},
    "replyToId": "1732352400999",
    "value": {
        "action": {
            "type": "Action.Execute",
            "title": "Send",
            "verb": "needs",
            "data": {"action": "needs", "op": "save", "report": 7, "share": 0.5, "ok": True},
        },
        "trigger": "manual",
    },
    "locale": "nb-NO",
    "localTimezone": "Europe/Oslo",
}

INSTALL: dict[str, Any] = {
    "membersAdded": [
        {"id": "28:laget-bot"},
        {"id": USER["id"], "aadObjectId": USER["aadObjectId"]},
    ],
    "type": "conversationUpdate",
    "timestamp": "2026-11-23T08:59:59.9Z",
    "id": "f:0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a",
    "channelId": "msteams",
    "serviceUrl": "https://smba.trafficmanager.net/emea/",
    "from": {"id": USER["id"], "aadObjectId": USER["aadObjectId"]},
    "conversation": {
        "isGroup": True,
        "conversationType": "channel",
        "tenantId": TENANT,
        "id": "19:team@thread.tacv2",
    },
    "recipient": {"id": "28:laget-bot", "name": "Laget"},
    "channelData": {
        "team": {"aadGroupId": "0b1c2d3e", "name": "Fosen", "id": "19:team@thread.tacv2"},
        "eventType": "teamMemberAdded",
        "tenant": {"id": TENANT},
        "settings": {"selectedChannel": {"id": "19:team@thread.tacv2"}},
    },
}

# Every other attribute type of the schema, null items and unknown keys at every level.
EVERYTHING: dict[str, Any] = {
    **TEAMS_MESSAGE,
    "rawTimestamp": "2026-11-23T09:00:00.1234567Z",
    "expiration": "2026-11-24T09:00:00-05:30",
    "membersRemoved": [{"id": "29:ola", "role": "user", "properties": {"a": [1, None]}}, None],
    "reactionsAdded": [{"type": "like"}],
    "reactionsRemoved": [],
    "historyDisclosed": False,
    "listenFor": ["ja", "nei"],
    "textHighlights": [{"text": "Fosen", "occurrence": 1}],
    "suggestedActions": {
        "to": ["29:ola"],
        "actions": [{"type": "imBack", "title": "Ja", "value": "ja", "channelData": {}}],
    },
    "semanticAction": {"id": "s", "entities": {"place": {"type": "place", "x": 1}, "no": None}},
    "relatesTo": {
        "activityId": "1",
        "user": {"id": "29:ola"},
        "bot": BOT,
        "conversation": {"id": "a:1", "tenantID": TENANT, "extra": {"deep": [[]]}},
        "channelId": "msteams",
        "serviceUrl": "https://smba.trafficmanager.net/emea/",
        "locale": "nb-NO",
    },
    "callerId": "urn:botframework:azure",
    "deliveryMode": "expectReplies",
    "importance": "high",
    "inputHint": None,
    "summary": None,
    "value": [1, 2.5, "x", None, True, {"nested": {"list": [{}]}}],
}

ODD_SHAPES: list[dict[str, Any]] = [
    {"from": "x"},
    {"from": ["29:kari"]},
    {"attachments": {}},
    {"attachments": "none"},
    {"entities": [1]},
    {"entities": [[CLIENT_INFO]]},
    {"from": {"id": 123, "name": "Kari"}},
    {"from": {"id": True}},
    {"text": 5},
    {"text": {"a": 1}},
    {"type": ["message"]},
    {"conversation": {"id": "a:1", "isGroup": "true"}},
    {"conversation": {"id": "a:1", "isGroup": 1}},
    {"historyDisclosed": "false"},
    {"textHighlights": [{"text": "x", "occurrence": True}]},
    {"textHighlights": [{"text": "x", "occurrence": "2"}]},
    {"textHighlights": [{"text": "x", "occurrence": 2.5}]},
    {"listenFor": "ja"},
    {"listenFor": [1, "ja"]},
    {"semanticAction": {"entities": [{"key": "a", "value": {"type": "t"}}]}},
    {"semanticAction": {"entities": "x"}},
    {"suggestedActions": {"actions": {"type": "imBack"}}},
    {"timestamp": 1732352400},
    {"timestamp": "i går"},
    {"timestamp": "2026-13-45T25:61:61Z"},
    {"timestamp": "0001-01-01T00:00:00+01:00"},
    {"localTimestamp": ""},
    {"relatesTo": {"user": "29:ola"}},
    {"conversation": None, "recipient": {"id": "28:laget-bot", "properties": ()}},
]


def _check(body: dict[str, Any]) -> Activity:
    """The fast Activity, asserted equal to msrest's in every attribute, body untouched."""
    before = copy.deepcopy(body)
    made = activity_json.activity_from_json(body)
    assert body == before
    expected = Activity().deserialize(body)
    assert model_differences(made, expected, containers(body)) == []
    assert made.serialize() == expected.serialize()
    assert made == expected
    return made


def test_a_teams_message_with_a_mention_equals_msrest() -> None:
    made = _check(TEAMS_MESSAGE)
    assert made.from_property.aad_object_id == USER["aadObjectId"]
    assert made.conversation.additional_properties == {"tenantId": TENANT}
    assert made.conversation.is_group is True
    assert [entity.type for entity in made.entities] == ["mention", "clientInfo"]
    assert (
        made.entities[0].additional_properties["mentioned"]
        is TEAMS_MESSAGE["entities"][0]["mentioned"]
    )
    assert made.attachments[0].content_type == "text/html"
    assert made.timestamp == datetime(2026, 11, 23, 9, 0, 0, 123456, tzinfo=UTC)
    assert made.local_timestamp.utcoffset().total_seconds() == 3600
    assert made.channel_data == TEAMS_MESSAGE["channelData"]
    assert made.channel_data is not TEAMS_MESSAGE["channelData"]  # msrest copies objects too


def test_a_card_submit_an_invoke_and_an_install_equal_msrest() -> None:
    submit = _check(CARD_SUBMIT)
    assert submit.value == {"action": "feedback", "vote": "up", "question": 12, "comment": None}
    assert submit.reply_to_id == "1732352400999"
    invoke = _check(INVOKE)
    assert invoke.name == "adaptiveCard/action"
    assert invoke.value["action"]["data"]["share"] == 0.5
    install = _check(INSTALL)
    assert [member.id for member in install.members_added] == ["28:laget-bot", USER["id"]]
    assert install.local_timestamp is None


def test_every_attribute_type_null_items_and_unknown_keys_equal_msrest() -> None:
    made = _check(EVERYTHING)
    assert made.additional_properties == {"rawTimestamp": EVERYTHING["rawTimestamp"]}
    assert made.members_removed[1] is None
    assert made.semantic_action.entities["no"] is None
    assert made.semantic_action.entities["place"].additional_properties == {"x": 1}
    assert made.relates_to.conversation.tenant_id == TENANT
    assert made.text_highlights[0].occurrence == 1
    assert made.suggested_actions.actions[0].value == "ja"


@pytest.mark.parametrize(
    "stamp",
    [
        "2026-11-23T09:00:00Z",
        "2026-11-23T09:00:00.1Z",
        "2026-11-23T09:00:00.123456789Z",
        "2026-11-23T10:00:00.0000001+01:00",
        "2026-11-23T03:30:00.5-05:30",
        "2026-11-23T09:00:00+00:00",
        "2026-11-23T09:00:00.25+0100",
        "2026-11-23t09:00:00.25z",
        "2026-11-23T09:00:00",
        "9999-12-31T23:59:59.999999Z",
    ],
)
def test_timestamps_are_parsed_exactly_as_msrest_parses_them(stamp: str) -> None:
    made = _check({**CARD_SUBMIT, "timestamp": stamp, "localTimestamp": stamp})
    assert isinstance(made.timestamp, datetime)


def outcome(body: dict[str, Any]) -> Activity | str:
    """What `parse_activity` gives: the Activity, or the message of its ValueError."""
    try:
        return parse_activity(body)
    except ValueError as error:
        return str(error)


@pytest.mark.parametrize("change", ODD_SHAPES)
def test_odd_shapes_are_left_to_msrest_with_the_same_outcome_as_before(
    change: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    body = {**CARD_SUBMIT, **change}
    with pytest.raises(activity_json.Unsupported):
        activity_json.activity_from_json(body)
    now = outcome(body)

    def msrest_only(body: dict[str, Any]) -> Activity:
        raise activity_json.Unsupported("msrest as before")

    monkeypatch.setattr(adapter, "activity_from_json", msrest_only)
    before = outcome(body)
    if isinstance(before, str):
        assert now == before
    else:
        assert model_differences(now, before, containers(body)) == []


def test_refusals_keep_their_norwegian_messages() -> None:
    assert outcome({**CARD_SUBMIT, "from": "x"}) == "Aktiviteten har felt med ugyldig innhold."
    assert outcome({**CARD_SUBMIT, "timestamp": "i går"}) == (
        "Aktiviteten har felt med ugyldig innhold."
    )
    no_type = {key: value for key, value in CARD_SUBMIT.items() if key != "type"}
    assert outcome(no_type) == "Aktiviteten mangler feltet «type»."
    assert outcome({**CARD_SUBMIT, "from": {"name": "Kari"}}) == "Aktiviteten mangler «from.id»."
    assert outcome({**CARD_SUBMIT, "serviceUrl": None}) == "Aktiviteten mangler «serviceUrl»."
    read = outcome(CARD_SUBMIT)
    assert isinstance(read, Activity)
    assert read.conversation.tenant_id == TENANT  # fix_tenant still restores it


def test_nesting_too_deep_to_walk_is_left_to_msrest() -> None:
    deep: Any = "bunn"
    for _ in range(5000):
        deep = {"d": deep}
    with pytest.raises(activity_json.Unsupported):
        activity_json.activity_from_json({**CARD_SUBMIT, "channelData": deep})


def test_the_equality_check_catches_a_wrong_type_a_missing_field_and_a_time_zone() -> None:
    body = copy.deepcopy(CARD_SUBMIT)
    shared = containers(body)
    expected = Activity().deserialize(body)

    wrong_type = activity_json.activity_from_json(body)
    wrong_type.from_property = dict(body["from"])
    assert model_differences(wrong_type, expected, shared)

    missing = activity_json.activity_from_json(body)
    del missing.__dict__["locale"]
    assert model_differences(missing, expected, shared)

    other_zone = activity_json.activity_from_json(body)
    other_zone.timestamp = other_zone.timestamp.astimezone(UTC)  # the same instant
    assert other_zone.timestamp == expected.timestamp
    assert model_differences(other_zone, expected, shared)

    not_copied = activity_json.activity_from_json(body)
    not_copied.value = body["value"]
    assert not_copied == expected
    assert model_differences(not_copied, expected, shared)

    extra = activity_json.activity_from_json(body)
    extra.recipient = ChannelAccount(id=BOT["id"], name=BOT["name"])
    extra.recipient.additional_properties = {"x": 1}
    assert model_differences(extra, expected, shared)

    assert model_differences(activity_json.activity_from_json(body), expected, shared) == []


async def test_an_ordinary_turn_is_read_without_msrest(
    bot: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    checked = vars(adapter)["activity_from_json"]  # the equality check of tests/conftest.py

    def counting(body: dict[str, Any]) -> Activity:
        activity: Activity = checked(body)
        read.append(activity.type)
        return activity

    monkeypatch.setattr(adapter, "activity_from_json", counting)
    assert "Rammen til Fosen for 2027" in texts(await say(bot, "Hva er rammen til Fosen?"))
    assert read == ["message"]
