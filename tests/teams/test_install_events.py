"""Install events store and retire conversation references; a personal install is welcomed."""

from __future__ import annotations

from typing import Any

from botbuilder.schema import ConversationReference

from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.references import ConversationReferences
from tests.activities import BOT_ID, TENANT, Client, actions, activity, cards, post

TEAM_CHANNEL = {
    "tenant": {"id": TENANT},
    "team": {"id": "19:team-fosen@thread.tacv2", "name": "Fosen"},
    "channel": {"id": "19:general-fosen@thread.tacv2", "name": "General"},
}


async def stored(settings: Settings, conversation_id: str) -> Any:
    engine = create_engine(settings.database_url)
    try:
        return await ConversationReferences(engine).get(conversation_id)
    finally:
        await engine.dispose()


async def test_personal_install_stores_the_reference_and_welcomes(
    bot: Client, settings: Settings
) -> None:
    added = activity("conversationUpdate", membersAdded=[{"id": BOT_ID}])
    del added["conversation"]["tenantId"]  # as botbuilder sees it: only channelData has it

    replies = await post(bot, added)

    [welcome] = cards(replies)
    assert welcome["body"][0]["text"] == "Hei! Jeg er Laget"
    assert len(actions(welcome)) == 4
    record = await stored(settings, "a:personal-1")
    assert record.conversation_type == "personal"
    assert record.tenant_id == TENANT
    assert record.bot_id == BOT_ID
    assert record.retired_at is None
    reference = ConversationReference().deserialize(record.reference)
    assert reference.service_url == added["serviceUrl"]
    assert reference.conversation.id == "a:personal-1"


async def test_team_install_stores_team_and_channel_without_a_welcome(
    bot: Client, settings: Settings
) -> None:
    install = activity(
        "installationUpdate",
        action="add",
        conversation="19:general-fosen@thread.tacv2",
        conversation_type="channel",
        channelData=TEAM_CHANNEL,
    )

    replies = await post(bot, install)

    assert replies == []
    record = await stored(settings, "19:general-fosen@thread.tacv2")
    assert record.conversation_type == "channel"
    assert record.team_id == "19:team-fosen@thread.tacv2"
    assert record.channel_id == "19:general-fosen@thread.tacv2"
    assert record.tenant_id == TENANT


async def test_uninstall_retires_the_reference_and_reinstall_revives_it(
    bot: Client, settings: Settings
) -> None:
    def group_chat(kind: str, **extra: Any) -> dict[str, Any]:
        return activity(
            kind, conversation="19:gc@thread.v2", conversation_type="groupChat", **extra
        )

    await post(bot, group_chat("installationUpdate", action="add"))

    await post(bot, group_chat("installationUpdate", action="remove"))
    assert (await stored(settings, "19:gc@thread.v2")).retired_at is not None

    await post(bot, group_chat("conversationUpdate", membersAdded=[{"id": BOT_ID}]))
    assert (await stored(settings, "19:gc@thread.v2")).retired_at is None

    await post(bot, group_chat("conversationUpdate", membersRemoved=[{"id": BOT_ID}]))
    assert (await stored(settings, "19:gc@thread.v2")).retired_at is not None


async def test_other_members_joining_is_not_an_install(bot: Client, settings: Settings) -> None:
    replies = await post(bot, activity("conversationUpdate", membersAdded=[{"id": "29:new"}]))

    assert replies == []
    assert await stored(settings, "a:personal-1") is None
