"""The repositories behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.reminders.model import ConversationRecord
from bot.scheme.counts import Counts
from bot.scheme.roles import RoleAssignment
from bot.store.counts import CountsRepository
from bot.store.db import create_engine
from bot.store.migrate import upgrade_async
from bot.store.references import ConversationReferences
from bot.store.roles import RolesRepository

PERSON = "6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f"


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    await upgrade_async(database_url)
    created = create_engine(database_url)
    yield created
    await created.dispose()


async def test_counts_replace_only_the_networks_given(engine: AsyncEngine) -> None:
    counts = CountsRepository(engine)
    await counts.replace("trondelag", 2027, {"fosen": Counts(1, 2), "roros": Counts(3, 4)}, "a.csv")

    await counts.replace("trondelag", 2027, {"fosen": Counts(5, 6)}, "b.csv")

    stored = await counts.get("trondelag", 2027)
    assert stored is not None
    assert stored.counts == {"fosen": Counts(5, 6), "roros": Counts(3, 4)}
    assert stored.source == "b.csv"
    assert stored.imported_at.tzinfo is not None
    assert await counts.get("trondelag", 2028) is None


async def test_roles_grant_twice_revoke_and_look_up(engine: AsyncEngine) -> None:
    roles = RolesRepository(engine)
    admin = RoleAssignment(aad_object_id=PERSON, role="admin")
    coordinator = RoleAssignment(aad_object_id=PERSON, role="coordinator", network_id="fosen")

    await roles.grant(admin, name="Kari")
    await roles.grant(admin, name="Kari Nordmann")
    await roles.grant(coordinator)

    assert [(r.assignment.role, r.name) for r in await roles.all()] == [
        ("admin", "Kari Nordmann"),
        ("coordinator", ""),
    ]
    person = await roles.person(PERSON.upper())
    assert person is not None and person.admin and person.coordinator_of == {"fosen"}
    assert await roles.revoke(admin)
    assert not await roles.revoke(admin)
    assert await roles.person("not-a-guid") is None


async def test_references_store_retire_and_revive(engine: AsyncEngine) -> None:
    references = ConversationReferences(engine)
    record = ConversationRecord(
        conversation_id="19:x",
        conversation_type="channel",
        service_url="http://127.0.0.1:9/",
        bot_id="28:bot",
        reference={"conversation": {"id": "19:x"}},
        team_id="team",
    )

    await references.store(record)
    assert await references.retire("19:x")
    assert not await references.retire("19:x")
    assert await references.active() == []
    await references.store(record)

    [active] = await references.active()
    assert active.team_id == "team"
    assert active.retired_at is None
    assert active.installed_at.tzinfo is not None
