"""Proactive messages in Teams: the reminders' `Channel`, on botbuilder's CloudAdapter.

Facts of botbuilder 4.17.1 this module relies on (checked against a fake Bot Connector):
- The connector client is msrest on `requests` (run in a thread). An HTTP error answer raises
  `ErrorResponseException` (an msrest `HttpOperationError`) whose `.response` is a
  `requests.Response` (`status_code`, `headers` with Retry-After) and whose `.error.error.code`
  is the connector's code ("MessageWritesBlocked", "ConversationNotFound"). A network failure
  raises msrest `ClientRequestError`, its message naming the underlying requests error.
- msrest configures urllib3 to retry POST on 5xx and read errors, under the old name
  `method_whitelist`, which urllib3 2 ignores: a POST goes out once (connection failures before
  sending are retried, 3 times). With urllib3 1.x a lost answer could repeat a post.
- `continue_conversation` runs the callback through the adapter's pipeline; an exception there
  goes to `on_turn_error`, which in Laget apologises *to the conversation*. So the callbacks
  below never raise: they hand the error out and it is raised here, as a `ChannelError`.
- The continuation event carries a random id, which `send_activity` would turn into a
  `replyToId` (a reply to nothing). The callback clears it, so a reminder is a new message.
- `create_conversation` gives the callback an event without the user, so the new 1:1 chat's
  reference is the old one with the new conversation id.
- Every proactive turn builds a new connector client, and msrest's `ClientRetryPolicy` then
  computes its status list with ~500 000 list comparisons (about 5 ms of CPU, twice per post):
  that alone capped sending below Teams' 50/s on two cores. `fast_msrest_retry_policy` turns
  the list it searches into a frozenset; the resulting policy is the same.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from botbuilder.core import CloudAdapterBase, MessageFactory, TurnContext
from botbuilder.schema import Attachment, ConversationParameters, ConversationReference
from msrest.exceptions import ClientRequestError, HttpOperationError
from msrest.universal_http.requests import ClientRetryPolicy

from bot.reminders.channel import ChannelError

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
_NEVER_SENT = ("NewConnectionError", "ConnectTimeout", "Connection refused")
T = TypeVar("T")


def fast_msrest_retry_policy() -> None:
    """Make msrest's retry policy cheap to build (same codes; idempotent; see above)."""
    if not isinstance(ClientRetryPolicy.safe_codes, frozenset):
        setattr(ClientRetryPolicy, "safe_codes", frozenset(ClientRetryPolicy.safe_codes))  # noqa: B010


class TeamsChannel:
    """Posts, updates and 1:1 chats through the Bot Connector at each reference's serviceUrl."""

    def __init__(
        self, adapter: CloudAdapterBase, bot_app_id: str = "", *, timeout: float = 30.0
    ) -> None:
        self._adapter = adapter
        self._bot_app_id = bot_app_id  # "" with authentication off (local development)
        self._timeout = timeout
        fast_msrest_retry_policy()

    async def post(self, reference_json: str, card_json: str) -> str:
        """Post the card as a new message; returns the activity id Teams gave it."""
        card = json.loads(card_json)

        async def send(turn_context: TurnContext) -> str | None:
            turn_context.activity.id = None  # a new message, not a reply to the continuation
            response = await turn_context.send_activity(_card_activity(card))
            return response.id if response is not None else None

        activity_id = await self._continue(reference_json, send)
        if not activity_id:
            raise ChannelError("Teams answered without an activity id", maybe_delivered=True)
        return activity_id

    async def update(self, reference_json: str, activity_id: str, card_json: str) -> None:
        """Replace the card of the bot's message `activity_id`."""
        card = json.loads(card_json)

        async def replace(turn_context: TurnContext) -> None:
            activity = _card_activity(card)
            activity.id = activity_id
            await turn_context.update_activity(activity)

        await self._continue(reference_json, replace)

    async def recreate(self, reference_json: str) -> str:
        """Start the 1:1 chat with the reference's user again; returns the new reference JSON."""
        reference: dict[str, Any] = json.loads(reference_json)
        old = ConversationReference().deserialize(reference)
        tenant_id = (reference.get("conversation") or {}).get("tenantId")
        parameters = ConversationParameters(
            is_group=False,
            bot=old.bot,
            members=[old.user],
            tenant_id=tenant_id,
            channel_data={"tenant": {"id": tenant_id}},
        )

        async def created(turn_context: TurnContext) -> str:
            return str(turn_context.activity.conversation.id)

        async def start(callback: Callable[[TurnContext], Awaitable[None]]) -> None:
            await self._adapter.create_conversation(
                self._bot_app_id, callback, parameters, "msteams", old.service_url, None
            )

        conversation_id = await self._guarded(start, created)
        new = {key: value for key, value in reference.items() if key != "activityId"}
        new["conversation"] = {**(reference.get("conversation") or {}), "id": conversation_id}
        return json.dumps(new)

    async def _continue(
        self, reference_json: str, work: Callable[[TurnContext], Awaitable[T]]
    ) -> T:
        conversation = ConversationReference().deserialize(json.loads(reference_json))

        async def start(callback: Callable[[TurnContext], Awaitable[None]]) -> None:
            await self._adapter.continue_conversation(conversation, callback, self._bot_app_id)

        return await self._guarded(start, work)

    async def _guarded(
        self,
        start: Callable[[Callable[[TurnContext], Awaitable[None]]], Awaitable[None]],
        work: Callable[[TurnContext], Awaitable[T]],
    ) -> T:
        """Run `work` in a proactive turn; its errors come out here, as ChannelError."""
        results: list[T] = []
        failures: list[Exception] = []

        async def callback(turn_context: TurnContext) -> None:
            try:
                results.append(await work(turn_context))
            except Exception as error:  # handed out, never to the adapter's on_turn_error
                failures.append(error)

        try:
            async with asyncio.timeout(self._timeout):
                await start(callback)
        except TimeoutError:
            message = f"no answer from the Bot Connector within {self._timeout} s"
            raise ChannelError(message, maybe_delivered=True) from None
        except Exception as error:  # failed before our callback ran (e.g. credentials)
            raise channel_error(error) from error
        if failures:
            raise channel_error(failures[0]) from failures[0]
        if not results:
            raise ChannelError("the proactive turn did not run", maybe_delivered=False)
        return results[0]


def _card_activity(card: dict[str, Any]) -> Any:
    return MessageFactory.attachment(Attachment(content_type=CARD_CONTENT_TYPE, content=card))


def channel_error(error: Exception) -> ChannelError:
    """Map what botbuilder/msrest raise to a ChannelError the sender understands."""
    if isinstance(error, ChannelError):
        return error
    if isinstance(error, HttpOperationError):
        response = error.response
        status = getattr(response, "status_code", None) or getattr(response, "status", None)
        headers = getattr(response, "headers", None) or {}
        return ChannelError(
            str(error),
            status=int(status) if status is not None else None,
            retry_after=retry_after(headers.get("Retry-After")),
            code=_error_code(error),
        )
    if isinstance(error, ClientRequestError):
        never_sent = any(marker in str(error) for marker in _NEVER_SENT)
        return ChannelError(str(error), maybe_delivered=not never_sent)
    return ChannelError(f"{type(error).__name__}: {error}", maybe_delivered=True)


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After in seconds: a number of seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


def _error_code(error: HttpOperationError) -> str | None:
    detail = getattr(getattr(error, "error", None), "error", None)
    code = getattr(detail, "code", None)
    return str(code) if code else None
