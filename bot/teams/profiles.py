"""The user's profile (where they work, their network, their language), kept in user state."""

from __future__ import annotations

import logging

from botbuilder.core import StatePropertyAccessor, TurnContext, UserState

from bot.profile.model import UserProfile

log = logging.getLogger(__name__)


class Profiles:
    """Read and write the profile of the user of a turn."""

    def __init__(self, user_state: UserState) -> None:
        self._user_state = user_state
        self.accessor: StatePropertyAccessor = user_state.create_property("profile")

    async def get(self, turn_context: TurnContext) -> UserProfile:
        """The user's profile; an unreadable one is started afresh rather than failing every
        turn of that user from now on (it cannot be read, so nothing more is lost)."""
        try:
            return UserProfile.model_validate(await self.accessor.get(turn_context) or {})
        except Exception:  # undecodable row or a profile of another shape
            activity = turn_context.activity
            log.warning(
                "user state unreadable, profile started afresh",
                extra={
                    "conversation_id": activity.conversation.id if activity.conversation else None
                },
            )
            # BotState.delete expects a loaded state; this one never loaded.
            state = self._user_state
            turn_context.turn_state.pop(state._context_service_key, None)  # noqa: SLF001
            await state._storage.delete([state.get_storage_key(turn_context)])  # noqa: SLF001
            return UserProfile()

    async def set(self, turn_context: TurnContext, profile: UserProfile) -> None:
        """Keep the profile (saved with the turn's state)."""
        await self.accessor.set(turn_context, profile.model_dump())
