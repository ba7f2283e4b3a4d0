"""Only the organisations in LAGET_ALLOWED_TENANTS are served.

A turn from another tenant gets one polite sentence and goes no further: no dialog state, no
conversation reference, no question log is written for it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from botbuilder.core import Middleware, TurnContext
from botbuilder.schema import ActivityTypes

log = logging.getLogger(__name__)

NOT_SERVED = (
    "Beklager, Laget er ikke tatt i bruk i organisasjonen din. Ta kontakt med IT-avdelingen "
    "hvis dere ønsker det."
)


class TenantGuard(Middleware):  # type: ignore[misc]
    """Stops turns from tenants that are not allowed (when a list is configured)."""

    def __init__(self, allowed: frozenset[str]) -> None:
        self._allowed = allowed

    async def on_turn(self, context: TurnContext, logic: Callable[[], Awaitable[None]]) -> None:
        conversation = context.activity.conversation
        tenant = (conversation.tenant_id or "").lower() if conversation else ""
        if not self._allowed or tenant in self._allowed:
            await logic()
            return
        log.warning(
            "tenant not served",
            extra={"conversation_id": conversation.id if conversation else None},
        )
        if context.activity.type == ActivityTypes.message:
            await context.send_activity(NOT_SERVED)
