"""The conversation's and the user's state: read in one query, written in one transaction.

botbuilder's `BotState` reads and writes each state on its own, and tells a change by a hash
that is jsonpickle's walk of the whole state: made when the state is read, again to see whether
it changed, and again after writing. Here both states are read in one storage read and written
in one storage write (one transaction: both or neither), and a change is told by the JSON the
state was stored as against the JSON it would be stored as now, which is the text the write
needs anyway. States kept elsewhere than `SqlStorage` (or read by the SDK itself, after a
failure here) are left to the SDK's own `load` and `save_changes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from botbuilder.core import BotState, ConversationState, TurnContext, UserState
from botbuilder.core.bot_state import CachedBotState

from bot.teams.storage import SqlStorage, encode_item


class StoredState(CachedBotState):  # type: ignore[misc]
    """A turn's state and the JSON it was read as ("" when there was none)."""

    def __init__(self, state: dict[str, Any] | None, text: str) -> None:
        self.state = state if state is not None else {}
        self.hash = text if state is not None else encode_item(self.state)

    def compute_hash(self, obj: object) -> str:
        return encode_item(obj)


class _ReadOnce:
    """A state the turn has read already is not read again (BotState.load reads once more
    whenever the state is empty, as it is for a new conversation or user)."""

    async def load(self, turn_context: TurnContext, force: bool = False) -> None:
        cached = self.get_cached_state(turn_context)  # type: ignore[attr-defined]
        if force or not isinstance(cached, StoredState):
            await super().load(turn_context, force)  # type: ignore[misc]


class TurnConversationState(_ReadOnce, ConversationState):  # type: ignore[misc]
    """Conversation state, read and written with the user's (`load_states`, `save_states`)."""


class TurnUserState(_ReadOnce, UserState):  # type: ignore[misc]
    """User state, read and written with the conversation's (`load_states`, `save_states`)."""


def _storage(states: Sequence[BotState]) -> SqlStorage | None:
    """The one SqlStorage every state is kept in, if there is one."""
    stores = {id(state._storage): state._storage for state in states}  # noqa: SLF001
    store = next(iter(stores.values())) if len(stores) == 1 else None
    return store if isinstance(store, SqlStorage) else None


async def load_states(turn_context: TurnContext, states: Sequence[BotState]) -> None:
    """Fill the turn's cache of each state from one storage read; a state that cannot be read
    this way (no user, an unreadable row) is left to BotState.load, which reports it."""
    storage = _storage(states)
    if storage is None:
        return
    try:
        keys = {state.get_storage_key(turn_context): state for state in states}
        found = await storage.read_texts(list(keys))
    except Exception:  # any failure: each state loads itself, as the SDK does
        return
    for key, state in keys.items():
        if state.get_cached_state(turn_context) is None:
            item, text = found.get(key, (None, ""))
            turn_context.turn_state[state._context_service_key] = StoredState(item, text)  # noqa: SLF001


async def save_states(turn_context: TurnContext, states: Sequence[BotState]) -> None:
    """Write the states that changed in this turn, in one transaction."""
    storage = _storage(states)
    cached = [(state, state.get_cached_state(turn_context)) for state in states]
    if storage is None or not all(isinstance(c, StoredState) for _, c in cached if c):
        for state in states:
            await state.save_changes(turn_context)
        return
    changes: dict[str, tuple[Any, str]] = {}
    changed: list[tuple[StoredState, str]] = []
    for state, cache in cached:
        if not isinstance(cache, StoredState):
            continue
        text = encode_item(cache.state)
        if text != cache.hash:
            changes[state.get_storage_key(turn_context)] = (cache.state, text)
            changed.append((cache, text))
    await storage.write_texts(changes)
    for cache, text in changed:
        cache.hash = text
