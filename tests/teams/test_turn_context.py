"""Replies are copied one level deep: the caller's activity is left as it was."""

from __future__ import annotations

from botbuilder.core import CardFactory, MessageFactory
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount, DeliveryModes

from bot.teams.turn_context import LagetTurnContext


async def test_a_sent_card_is_addressed_on_a_copy_and_the_original_is_untouched() -> None:
    incoming = Activity(
        type="message",
        id="incoming-1",
        channel_id="msteams",
        service_url="https://smba.example/",
        conversation=ConversationAccount(id="a:conversation"),
        from_property=ChannelAccount(id="29:user"),
        recipient=ChannelAccount(id="28:bot"),
        delivery_mode=DeliveryModes.expect_replies,
    )
    context = LagetTurnContext(TestAdapter(), incoming)
    card = {"type": "AdaptiveCard", "body": [{"type": "TextBlock", "text": "Hei"}]}
    reply = MessageFactory.attachment(CardFactory.adaptive_card(card))

    await context.send_activity(reply)

    [sent] = context.buffered_reply_activities
    assert sent is not reply and type(sent) is Activity
    assert sent.conversation.id == "a:conversation" and sent.recipient.id == "29:user"
    assert sent.reply_to_id == "incoming-1" and sent.input_hint == "acceptingInput"
    assert reply.conversation is None and reply.recipient is None and reply.reply_to_id is None
    assert reply.input_hint is None
    assert sent.attachments[0].content == card
