"""The baseline: a bare Bot Framework echo bot, served through the same door as Laget.

`EchoBot` is botbuilder's `ActivityHandler` answering every message with its text. It runs on
`LagetAdapter`, the same CloudAdapter subclass Laget uses (with the expectReplies fix, the
request checks and the per-conversation lock), with in-memory state and no database. What Laget
costs beyond this bot is Laget's own work per turn: understanding, answers, cards, dialogs and
the database.
"""

from __future__ import annotations

import json

from aiohttp import web
from botbuilder.core import ActivityHandler, ConversationState, MemoryStorage, TurnContext

from bot.settings import Settings
from bot.store.locks import ConversationLocks
from bot.teams.adapter import LagetAdapter
from bot.teams.proactive import fast_msrest_retry_policy


class EchoBot(ActivityHandler):  # type: ignore[misc]
    """Answers a message with «Echo: <text>» (a card submit: its value as JSON)."""

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        said = activity.text if activity.text else json.dumps(activity.value, ensure_ascii=False)
        await turn_context.send_activity(f"Echo: {said}")


def create_echo_app(settings: Settings) -> web.Application:
    """The echo bot's aiohttp application: POST /api/messages, as `bot.app.create_app` serves.

    It gets Laget's process-wide fix for msrest too (Laget applies it when it builds its Teams
    channel): without it, botbuilder spends milliseconds of CPU per turn building a retry
    policy for the connector client of every turn, and the baseline would be slower than a
    fixed Laget for a reason that is not Laget's work.
    """
    fast_msrest_retry_policy()
    app = web.Application(client_max_size=settings.max_body_bytes)
    adapter = LagetAdapter(settings, ConversationState(MemoryStorage()), ConversationLocks())
    bot = EchoBot()

    async def messages(request: web.Request) -> web.Response:
        return await adapter.process(request, bot)

    app.router.add_post("/api/messages", messages)
    return app
