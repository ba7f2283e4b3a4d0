"""The SQL Storage passes botbuilder's own storage conformance tests, on both databases."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from botbuilder.testing import StorageBaseTests

from bot.store.db import create_engine
from bot.store.migrate import upgrade_async
from bot.store.state import Change, ETagConflict, StateStore
from bot.teams.storage import SqlStorage

CONFORMANCE = [
    "return_empty_object_when_reading_unknown_key",
    "handle_null_keys_when_reading",
    "handle_null_keys_when_writing",
    "does_not_raise_when_writing_no_items",
    "create_object",
    "handle_crazy_keys",
    "update_object",
    "delete_object",
    "delete_unknown_object",
    "perform_batch_operations",
    "proceeds_through_waterfall",
]


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[StateStore]:
    await upgrade_async(database_url)
    engine = create_engine(database_url)
    yield StateStore(engine)
    await engine.dispose()


@pytest.mark.parametrize("case", CONFORMANCE)
async def test_botbuilder_storage_conformance(store: StateStore, case: str) -> None:
    assert await getattr(StorageBaseTests, case)(SqlStorage(store)) is True


async def test_a_stale_e_tag_is_refused_and_changes_nothing(store: StateStore) -> None:
    storage = SqlStorage(store)
    await storage.write({"conv": {"count": 1}})
    first = (await storage.read(["conv"]))["conv"]
    second = (await storage.read(["conv"]))["conv"]
    first["count"] = 2
    await storage.write({"conv": first})

    second["count"] = 99
    with pytest.raises(ETagConflict):
        await storage.write({"conv": second})

    assert (await storage.read(["conv"]))["conv"]["count"] == 2


async def test_a_batch_with_one_stale_item_writes_none_of_it(store: StateStore) -> None:
    tags = await store.write([Change("a", '{"n": 1}')])

    with pytest.raises(ETagConflict):
        await store.write([Change("b", '{"n": 2}'), Change("a", '{"n": 3}', "stale")])

    found = await store.read(["a", "b"])
    assert list(found) == ["a"]
    assert found["a"].e_tag == tags["a"]


async def test_saving_twice_in_one_turn_is_not_a_conflict(store: StateStore) -> None:
    storage = SqlStorage(store)
    await storage.write({"conv": {"count": 1}})
    item = (await storage.read(["conv"]))["conv"]

    item["count"] = 2
    await storage.write({"conv": item})
    item["count"] = 3
    await storage.write({"conv": item})

    assert (await storage.read(["conv"]))["conv"]["count"] == 3
