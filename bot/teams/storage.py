"""botbuilder's `Storage` on SQL: conversation and user state in Laget's database.

The SDK has no SQL storage for Python. This thin layer turns the SDK's store items into JSON
(jsonpickle's format, as the SDK's own Blob and Cosmos storages use, because dialog state holds
SDK objects) and leaves the SQL and e_tag checks to `bot.store.state.StateStore`. The JSON is
written and read by `bot.teams.state_json`: jsonpickle's very text, without its generic walk
for the shapes Laget stores, and jsonpickle itself for anything else.

e_tag rules, as the SDK's conformance tests expect: no e_tag or "*" overwrites; a stale e_tag
raises; an empty e_tag is an error. After a write the caller's item carries the new e_tag, so a
second save in the same turn is not mistaken for a conflict.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from botbuilder.core import Storage

from bot.store.state import Change, StateStore
from bot.teams import state_json

E_TAG = "e_tag"


def _e_tag_of(item: Any) -> str | None:
    value = item.get(E_TAG) if isinstance(item, dict) else getattr(item, E_TAG, None)
    if value == "":
        raise ValueError("Lagring feilet: e_tag mangler (tom e_tag).")
    return None if value in (None, "*") else str(value)


def _set_e_tag(item: Any, e_tag: str) -> None:
    if isinstance(item, dict):
        item[E_TAG] = e_tag
    elif hasattr(item, E_TAG):
        item.e_tag = e_tag


def _encode(item: Any) -> str:
    if isinstance(item, dict):
        item = {key: value for key, value in item.items() if key != E_TAG}
    return state_json.encode(item)


def encode_item(item: Any) -> str:
    """The JSON an item is stored as (its e_tag left out)."""
    return _encode(item)


class SqlStorage(Storage):
    """Bot state storage backed by the `bot_state` table."""

    def __init__(self, store: StateStore) -> None:
        super().__init__()
        self._store = store

    async def read(self, keys: Sequence[str]) -> dict[str, Any]:
        return {key: item for key, (item, _text) in (await self.read_texts(keys)).items()}

    async def read_texts(self, keys: Sequence[str]) -> dict[str, tuple[Any, str]]:
        """The items and the JSON each was stored as (so a caller can tell a change by it)."""
        if not keys:
            raise ValueError("Keys are required when reading")
        found = await self._store.read(keys)
        items: dict[str, tuple[Any, str]] = {}
        for key, stored in found.items():
            item = state_json.decode(stored.data)
            _set_e_tag(item, stored.e_tag)
            items[key] = (item, stored.data)
        return items

    async def write(self, changes: Mapping[str, Any]) -> None:
        if changes is None:
            raise ValueError("Changes are required when writing")
        if not changes:  # the SDK's conformance tests write an empty list
            return
        await self.write_texts({key: (item, _encode(item)) for key, item in changes.items()})

    async def write_texts(self, changes: Mapping[str, tuple[Any, str]]) -> None:
        """Store items already encoded (`encode_item`), in one transaction."""
        if not changes:
            return
        batch = [Change(key, text, _e_tag_of(item)) for key, (item, text) in changes.items()]
        new_tags = await self._store.write(batch)
        for key, (item, _text) in changes.items():
            _set_e_tag(item, new_tags[key])

    async def delete(self, keys: Sequence[str]) -> None:
        if keys is None:
            raise ValueError("Keys are required when deleting")
        await self._store.delete(keys)
