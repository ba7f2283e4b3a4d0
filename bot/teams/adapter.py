"""The Bot Framework door: CloudAdapter with Laget's fixes for botbuilder 4.17.1.

Workarounds live here, once:
- `CloudAdapter.process` serializes invoke bodies twice (HTTP 500 on `expectReplies` and on
  every invoke such as Action.Execute): `_invoke_body` serializes only what is still a model.
- `conversation.tenantId` is lost by the schema: `fix_tenant` restores it from
  `channelData.tenant.id`.
- Bad requests (wrong content type, oversized, malformed or too deeply nested JSON, an activity
  without type, conversation, sender, recipient or channel) get a 4xx with a Norwegian message
  instead of a 500, and a token that is not a well-formed RS256 JWT gets 401 before the SDK
  (which would fetch signing keys over the network, or fail with a 500) sees it. Nothing is
  stored for any of them.
Turns of one conversation run one at a time (`ConversationLocks`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from http import HTTPStatus
from typing import Any

import jwt
from aiohttp import web
from botbuilder.core import Bot, ConversationState, InvokeResponse, TurnContext
from botbuilder.core.serializer_helper import serializer_helper
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, DeliveryModes
from botframework.connector.auth import AuthenticateRequestResult
from msrest.exceptions import DeserializationError  # type: ignore[attr-defined]
from msrest.serialization import Model

from bot.settings import Settings
from bot.store.locks import ConversationLocks
from bot.teams.activity_json import Unsupported as UnusualActivity
from bot.teams.activity_json import activity_from_json
from bot.teams.replies_json import Unsupported, expected_replies
from bot.teams.sdk_clients import ReusingAuthentication
from bot.teams.tenants import TenantGuard
from bot.teams.turn_context import LagetTurnContext
from bot.teams.turn_language import language

log = logging.getLogger(__name__)

APOLOGIES = {
    "nb": "Beklager, nå gikk noe galt hos meg. Jeg har avbrutt det vi holdt på med, "
    "så du kan begynne på nytt. Prøv gjerne igjen om litt.",
    "nn": "Orsak, no gjekk noko gale hos meg. Eg har avbrote det vi heldt på med, så du kan "
    "byrje på nytt. Prøv gjerne igjen om litt.",
}
APOLOGIES_KEPT = {
    "nb": "Beklager, nå gikk noe galt hos meg, og det du skrev sist ble ikke lagret. Det du "
    "har gjort før det er tatt vare på: prøv igjen, eller skriv «avbryt» for å begynne på nytt.",
    "nn": "Orsak, no gjekk noko gale hos meg, og det du skreiv sist vart ikkje lagra. Det du "
    "har gjort før det er teke vare på: prøv igjen, eller skriv «avbryt» for å byrje på nytt.",
}
APOLOGY, APOLOGY_KEPT = APOLOGIES["nb"], APOLOGIES_KEPT["nb"]
# A conversation whose turn failed keeps its dialog once; a second failure in a row clears it.
_FAILED_BEFORE_LIMIT = 10_000
_TURN_FAILED: ContextVar[bool] = ContextVar("laget_turn_failed", default=False)


def _problem(status: HTTPStatus, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _invoke_body(body: Any) -> Any:
    """Serialize an invoke body only if it is still a model (the SDK bug serializes twice)."""
    if isinstance(body, Model):
        return serializer_helper(body)
    return body


MAX_JSON_DEPTH = 32  # Teams' activities and card payloads nest far less deeply


def fix_tenant(activity: Activity) -> None:
    """Restore `conversation.tenant_id` from `channelData.tenant.id` (lost by the schema).

    A tenant id that is not text names no tenant: it is dropped, so an allow-list refuses it.
    """
    channel_data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    tenant = channel_data.get("tenant")
    tenant_id = tenant.get("id") if isinstance(tenant, dict) else None
    conversation = activity.conversation
    if conversation is None:
        return
    if not isinstance(conversation.tenant_id, str):
        conversation.tenant_id = None
    if not conversation.tenant_id and isinstance(tenant_id, str) and tenant_id:
        conversation.tenant_id = tenant_id


def _depth(value: Any) -> int:
    """How deeply a parsed JSON value nests (iteratively: no recursion on hostile input)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        node, level = pending.pop()
        deepest = max(deepest, level)
        if deepest > MAX_JSON_DEPTH:
            return deepest
        children = (
            node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        )
        pending.extend((child, level + 1) for child in children)
    return deepest


def check_bearer(header: str) -> bool:
    """True for «Bearer <a JWT signed with RS256 and naming its key>», the only kind Bot
    Framework channels send; anything else cannot be verified and is refused locally."""
    scheme, _, token = header.partition(" ")
    if scheme != "Bearer" or token.count(".") != 2:
        return False
    try:
        unverified = jwt.get_unverified_header(token)
    except (jwt.PyJWTError, ValueError, TypeError):
        return False
    return unverified.get("alg") == "RS256" and isinstance(unverified.get("kid"), str)


def read_json(raw: bytes) -> Any:
    """The JSON of a request body, or ValueError with a Norwegian reason."""
    try:
        body = json.loads(raw)
    except RecursionError as error:
        raise ValueError("Forespørselen er nøstet for dypt.") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError("Forespørselen er ikke gyldig JSON.") from error
    if _depth(body) > MAX_JSON_DEPTH:
        raise ValueError("Forespørselen er nøstet for dypt.")
    return body


def parse_activity(body: Any) -> Activity:
    """Turn a JSON body into an Activity, or raise ValueError with a Norwegian reason."""
    if not isinstance(body, dict):
        raise ValueError("Forespørselen må være et JSON-objekt (en Bot Framework-aktivitet).")
    try:
        activity = activity_from_json(body)  # msrest's result without msrest (activity_json)
    except UnusualActivity:
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
    if not activity.channel_id:
        raise ValueError("Aktiviteten mangler «channelId».")
    for name, account in (("from", activity.from_property), ("recipient", activity.recipient)):
        if account is None or not isinstance(account.id, str) or not account.id:
            raise ValueError(f"Aktiviteten mangler «{name}.id».")
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
        self._failed: set[str] = set()  # conversations whose last turn failed
        self.on_turn_error = self._on_error
        self.use(TenantGuard(settings.allowed_tenants))

    async def process(self, request: web.Request, bot: Bot) -> web.Response:
        """Handle one POST to /api/messages."""
        activity = await self._read_activity(request)
        if isinstance(activity, web.Response):
            return activity
        auth_header = request.headers.get("Authorization", "")
        unauthorized = _problem(HTTPStatus.UNAUTHORIZED, "Mangler gyldig autentisering.")
        if self._settings.auth_enabled and not check_bearer(auth_header):
            return unauthorized
        try:
            authenticated = await self.bot_framework_authentication.authenticate_request(
                activity, auth_header
            )
        except Exception as error:  # any token the SDK cannot verify is unauthorised
            log.warning("request not authenticated", extra={"error_type": type(error).__name__})
            return unauthorized
        invoke_response = await self.process_serialized(authenticated, activity, bot.on_turn)
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
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return too_large
        try:
            return parse_activity(read_json(raw))
        except ValueError as error:
            return _problem(HTTPStatus.BAD_REQUEST, str(error))

    def _create_turn_context(  # noqa: PLR0917 (the SDK's signature)
        self,
        activity: Activity,
        claims_identity: Any,
        oauth_scope: str,
        connector_client: Any,
        user_token_client: Any,
        logic: Callable[[TurnContext], Awaitable[None]],
        connector_factory: Any,
    ) -> TurnContext:
        """The SDK's, with Laget's TurnContext (replies copied one level deep)."""
        context = LagetTurnContext(self, activity)
        context.turn_state[self.BOT_IDENTITY_KEY] = claims_identity
        context.turn_state[self.BOT_CONNECTOR_CLIENT_KEY] = connector_client
        context.turn_state[self.USER_TOKEN_CLIENT_KEY] = user_token_client
        context.turn_state[self.BOT_CALLBACK_HANDLER_KEY] = logic
        context.turn_state[self.CONNECTOR_FACTORY_KEY] = connector_factory
        context.turn_state[self.BOT_OAUTH_SCOPE_KEY] = oauth_scope
        return context

    def _process_turn_results(self, context: TurnContext) -> InvokeResponse:
        """The SDK's, except that an `expectReplies` body is made without msrest when that
        gives the same JSON (`bot.teams.replies_json`); anything else goes the SDK's way."""
        if context.activity.delivery_mode == DeliveryModes.expect_replies:
            try:
                body = expected_replies(context.buffered_reply_activities)
            except Unsupported:
                return super()._process_turn_results(context)
            return InvokeResponse(status=HTTPStatus.OK, body=body)
        response: InvokeResponse = super()._process_turn_results(context)
        return response

    async def process_serialized(
        self,
        auth: str | AuthenticateRequestResult,
        activity: Activity,
        logic: Callable[[TurnContext], Awaitable[None]],
    ) -> InvokeResponse | None:
        """Run one turn while holding the conversation's lock (turns never interleave)."""
        async with self._locks.hold(activity.conversation.id):
            failed = _TURN_FAILED.set(False)
            try:
                response = await self.process_activity(auth, activity, logic)
                if not _TURN_FAILED.get():
                    self._failed.discard(activity.conversation.id)
                return response
            finally:
                _TURN_FAILED.reset(failed)

    async def _on_error(self, turn_context: TurnContext, error: Exception) -> None:
        """The one error path: log by type and place, apologise, keep or clear the dialog.

        State is saved only when a turn ends well, so after a first failure the dialog in
        progress is still as it was before the turn: it is kept, and the user can try again. A
        second failure in a row in the same conversation clears it (the state itself may be
        what fails).
        """
        activity = turn_context.activity
        conversation_id = activity.conversation.id if activity.conversation else None
        log.error(
            "turn failed",
            exc_info=error,
            extra={"conversation_id": conversation_id, "activity_type": activity.type},
        )
        _TURN_FAILED.set(True)
        again = conversation_id in self._failed
        try:
            if again or conversation_id is None:
                self._failed.discard(conversation_id or "")
                # Overwrite (no e_tag) with empty state: the broken dialog is gone.
                await self._conversation_state.clear_state(turn_context)
                await self._conversation_state.save_changes(turn_context, force=True)
                await turn_context.send_activity(APOLOGIES[language(turn_context)])
                return
            if len(self._failed) >= _FAILED_BEFORE_LIMIT:
                self._failed.clear()
            self._failed.add(conversation_id)
            await turn_context.send_activity(APOLOGIES_KEPT[language(turn_context)])
        except Exception:  # the error path itself must never raise into the HTTP layer
            log.exception("could not recover from a failed turn")
