"""Fixtures for the reminders: a database with the tables, the region, rules and a world of
stored channels, coordinators and conversation references to remind."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

import bot.store.reminder_tables  # noqa: F401  (registers the reminders' tables on the metadata)
from bot.reminders.card import ReminderCards
from bot.reminders.model import ConversationRecord
from bot.reminders.progress import StoredProgress
from bot.reminders.rules import ReminderRules, load_rules
from bot.reminders.targets import OwnerContact, StoredTargets
from bot.scheme.loader import load_region
from bot.scheme.models import RegionData
from bot.scheme.roles import RoleAssignment
from bot.store.channel_links import ChannelLinks
from bot.store.completions import Completions
from bot.store.db import create_engine
from bot.store.migrate import upgrade_async
from bot.store.outbox import Outbox
from bot.store.references import ConversationReferences
from bot.store.roles import RolesRepository
from tests.fake_teams import BOT, reference

OSLO = dt.timezone(dt.timedelta(hours=1))  # winter time, fixed: enough for January moments
# Beslutningsgrunnlag 2027 is due 1 February 2027: its 7-day reminder goes out 25 January 09:00.
SEVEN_DAYS = dt.datetime(2027, 1, 25, 9, 0, tzinfo=OSLO)
BEHOVSMELDING_FOSEN = dt.date(2027, 1, 10)
COORDINATOR = "6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f"
OWNER_CONTACT = "0b7c1e2d-3f4a-4b5c-8d6e-7f8091a2b3c4"


def with_local_deadline(region: RegionData) -> RegionData:
    """The region with Fosen's own behovsmelding date for 2027 (other networks have none)."""
    year = region.years[2027]
    fosen = year.networks["fosen"].model_copy(
        update={"deadlines": {"behovsmelding": BEHOVSMELDING_FOSEN}}
    )
    networks = {**year.networks, "fosen": fosen}
    years = {**region.years, 2027: year.model_copy(update={"networks": networks})}
    return region.model_copy(update={"years": years})


@pytest.fixture(scope="session")
def region() -> RegionData:
    """Trøndelag, with a local behovsmelding date for Fosen."""
    return with_local_deadline(load_region(None))


@pytest.fixture(scope="session")
def rules(region: RegionData) -> ReminderRules:
    """The embedded rules (21, 7 and 1 days before, 09:00 Europe/Oslo)."""
    return load_rules(region)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An empty database (SQLite, and PostgreSQL when configured), migrated to the newest."""
    await upgrade_async(database_url)
    created = create_engine(database_url)
    yield created
    await created.dispose()


@dataclass
class World:
    """Stored links, roles and references, and the repositories over them."""

    engine: AsyncEngine
    region: RegionData
    rules: ReminderRules
    references: ConversationReferences
    links: ChannelLinks
    completions: Completions
    targets: StoredTargets
    progress: StoredProgress
    outbox: Outbox
    cards: ReminderCards
    service_url: str = "http://127.0.0.1:9/"
    contacts: list[OwnerContact] = field(default_factory=list)  # as the behovsmelding feature

    async def channel(self, network_id: str, conversation_id: str) -> None:
        """A team channel where Laget is installed, linked to the network."""
        await self.references.store(
            ConversationRecord(
                conversation_id=conversation_id,
                conversation_type="channel",
                service_url=self.service_url,
                bot_id=BOT["id"],
                reference=reference(self.service_url, conversation_id),
                tenant_id="tenant-trondelag",
            )
        )
        await self.links.link(network_id, conversation_id, COORDINATOR)

    async def personal(self, conversation_id: str, aad_object_id: str) -> None:
        """A user's 1:1 chat with Laget."""
        stored = reference(self.service_url, conversation_id, personal=True)
        stored["user"]["aadObjectId"] = aad_object_id
        await self.references.store(
            ConversationRecord(
                conversation_id=conversation_id,
                conversation_type="personal",
                service_url=self.service_url,
                bot_id=BOT["id"],
                reference=stored,
                tenant_id="tenant-trondelag",
            )
        )

    async def coordinator(self, network_id: str, conversation_id: str) -> None:
        """A coordinator of the network, with a 1:1 chat."""
        await RolesRepository(self.engine).grant(
            RoleAssignment(aad_object_id=COORDINATOR, role="coordinator", network_id=network_id),
            name="Kari Koordinator",
        )
        await self.personal(conversation_id, COORDINATOR)


def make_world(
    engine: AsyncEngine, region: RegionData, rules: ReminderRules, service_url: str
) -> World:
    """Repositories over `engine`, with references pointing at `service_url`."""
    references = ConversationReferences(engine)
    links = ChannelLinks(engine)
    completions = Completions(engine)
    contacts: list[OwnerContact] = []

    async def owner_contacts() -> list[OwnerContact]:
        return list(contacts)

    return World(
        engine=engine,
        region=region,
        rules=rules,
        references=references,
        links=links,
        completions=completions,
        targets=StoredTargets(
            region, references, RolesRepository(engine), links, owner_contacts=owner_contacts
        ),
        progress=StoredProgress(region, completions),
        outbox=Outbox(engine, lease=dt.timedelta(minutes=5)),
        cards=ReminderCards(region, rules),
        service_url=service_url,
        contacts=contacts,
    )
