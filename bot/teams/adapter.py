"""The Bot Framework door: CloudAdapter with Laget's fixes for botbuilder 4.17.1.

Workarounds live here, once:
- `CloudAdapter.process` serializes invoke bodies twice (HTTP 500 on `expectReplies` and on
  every invoke such as Action.Execute): `_invoke_body` serializes only what is still a model.
- `conversation.tenantId` is lost by the schema: `fix_tenant` restores it from
  `channelData.tenant.id`.
- Bad requests (wrong content type, oversized or malformed JSON, an activity without type or
  conversation) get a 4xx with a Norwegian message instead of a 500.
Turns of one conversation run one at a time (`ConversationLocks`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from aiohttp import web
from botbuilder.core import Bot, ConversationState, InvokeResponse, TurnContext
from botbuilder.core.serializer_helper import serializer_helper
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity
from msrest.exceptions import DeserializationError  # type: ignore[attr-defined]
from msrest.serialization import Model

from bot.settings import Settings
from bot.store.locks import ConversationLocks
from bot.teams.sdk_clients import ReusingAuthentication
from bot.teams.tenants import TenantGuard

log = logging.getLogger(__name__)

APOLOGY = (
    "Beklager, nå gikk noe galt hos meg. Jeg har avbrutt det vi holdt på med, "
    "så du kan begynne på nytt. Prøv gjerne igjen om litt."
)


def _problem(status: HTTPStatus, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _invoke_body(body: Any) -> Any:
    """Serialize an invoke body only if it is still a model (the SDK bug serializes twice)."""
    if isinstance(body, Model):
        return serializer_helper(body)
    return body


def fix_tenant(activity: Activity) -> None:
    """Restore `conversation.tenant_id` from `channelData.tenant.id` (lost by the schema)."""
    channel_data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    tenant = channel_data.get("tenant")
    tenant_id = tenant.get("id") if isinstance(tenant, dict) else None
    if activity.conversation is not None and not activity.conversation.tenant_id and tenant_id:
        activity.conversation.tenant_id = tenant_id


def parse_activity(body: Any) -> Activity:
    """Turn a JSON body into an Activity, or raise ValueError with a Norwegian reason."""
    if not isinstance(body, dict):
        raise ValueError("Forespørselen må være et JSON-objekt (en Bot Framework-aktivitet).")
    try:
        activity = Activity().deserialize(body)
    except (DeserializationError, TypeError, ValueError, AttributeError) as error:
        raise ValueError("Aktiviteten har felt med ugyldig innhold.") from error
    if not activity.type:
        raise ValueError("Aktiviteten mangler feltet «type».")
    if activity.conversation is None or not activity.conversation.id:
        raise ValueError("Aktiviteten mangler «conversation.id».")
    if not activity.service_url:
        raise ValueError("Aktiviteten mangler «serviceUrl».")
    fix_tenant(activity)
    return activity


class LagetAdapter(CloudAdapter):
    """CloudAdapter with the 4.17.1 fixes, request validation and one error path."""

    def __init__(
        self,
        settings: Settings,
        conversation_state: ConversationState,
        locks: ConversationLocks,
    ) -> None:
        super().__init__(ReusingAuthentication(settings.bot_framework_config()))
        self._settings = settings
        self._conversation_state = conversation_state
        self._locks = locks
        self.on_turn_error = self._on_error
        self.use(TenantGuard(settings.allowed_tenants))

    async def process(self, request: web.Request, bot: Bot) -> web.Response:
        """Handle one POST to /api/messages."""
        activity = await self._read_activity(request)
        if isinstance(activity, web.Response):
            return activity
        auth_header = request.headers.get("Authorization", "")
        try:
            invoke_response = await self.process_serialized(auth_header, activity, bot.on_turn)
        except PermissionError:
            return _problem(HTTPStatus.UNAUTHORIZED, "Mangler gyldig autentisering.")
        if invoke_response is None:
            return web.Response(status=HTTPStatus.CREATED)
        return web.json_response(
            data=_invoke_body(invoke_response.body), status=invoke_response.status
        )

    async def _read_activity(self, request: web.Request) -> Activity | web.Response:
        """The request's activity, or the 4xx response that explains what is wrong with it."""
        too_large = _problem(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "Forespørselen er for stor.")
        if (request.content_length or 0) > self._settings.max_body_bytes:
            return too_large
        if "application/json" not in request.headers.get("Content-Type", ""):
            return _problem(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "Forespørselen må ha Content-Type JSON."
            )
        try:
            return parse_activity(json.loads(await request.read()))
        except web.HTTPRequestEntityTooLarge:
            return too_large
        except (json.JSONDecodeError, UnicodeDecodeError):
            return _problem(HTTPStatus.BAD_REQUEST, "Forespørselen er ikke gyldig JSON.")
        except ValueError as error:
            return _problem(HTTPStatus.BAD_REQUEST, str(error))

    async def process_serialized(
        self,
        auth_header: str,
        activity: Activity,
        logic: Callable[[TurnContext], Awaitable[None]],
    ) -> InvokeResponse | None:
        """Run one turn while holding the conversation's lock (turns never interleave)."""
        async with self._locks.hold(activity.conversation.id):
            return await self.process_activity(auth_header, activity, logic)

    async def _on_error(self, turn_context: TurnContext, error: Exception) -> None:
        """The one error path: log with context, apologise, clear the broken dialog."""
        activity = turn_context.activity
        log.error(
            "turn failed",
            exc_info=error,
            extra={
                "conversation_id": activity.conversation.id if activity.conversation else None,
                "activity_type": activity.type,
            },
        )
        try:
            # Overwrite (no e_tag) with empty state: the broken dialog is gone.
            await self._conversation_state.clear_state(turn_context)
            await self._conversation_state.save_changes(turn_context, force=True)
            await turn_context.send_activity(APOLOGY)
        except Exception:  # the error path itself must never raise into the HTTP layer
            log.exception("could not recover from a failed turn")
