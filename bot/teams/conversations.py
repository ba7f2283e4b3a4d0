"""Conversation references from activities: what the bot stores to speak proactively later."""

from __future__ import annotations

from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity

from bot.reminders.model import ConversationRecord


def conversation_record(
    activity: Activity, conversation_id: str | None = None
) -> ConversationRecord:
    """The record of the activity's conversation; `conversation_id` overrides its id (a channel
    message's id carries ";messageid=…", while the channel itself is the id without it)."""
    channel_data: dict[str, Any] = (
        activity.channel_data if isinstance(activity.channel_data, dict) else {}
    )
    reference = TurnContext.get_conversation_reference(activity)
    if conversation_id is not None:
        reference.conversation.id = conversation_id
    return ConversationRecord(
        conversation_id=conversation_id or activity.conversation.id,
        conversation_type=conversation_type(activity),
        service_url=activity.service_url,
        bot_id=activity.recipient.id if activity.recipient else "",
        reference=reference.serialize(),
        tenant_id=activity.conversation.tenant_id,
        team_id=_nested_id(channel_data, "team"),
        channel_id=_nested_id(channel_data, "channel"),
        user_aad_id=_personal_user(activity),
    )


def conversation_type(activity: Any) -> str:
    return str(activity.conversation.conversation_type or "personal")


def _personal_user(activity: Any) -> str | None:
    """The Azure AD object id of the user of a personal chat (None elsewhere)."""
    if conversation_type(activity) != "personal" or activity.from_property is None:
        return None
    aad_id = activity.from_property.aad_object_id
    return str(aad_id) if aad_id else None


def _nested_id(channel_data: dict[str, Any], name: str) -> str | None:
    value = channel_data.get(name)
    return str(value["id"]) if isinstance(value, dict) and value.get("id") else None
