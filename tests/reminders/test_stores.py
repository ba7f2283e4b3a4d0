"""Channel links, completion marks, progress and targets on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.reminders.planning import StepProgress, Target
from bot.reminders.progress import StoredProgress
from bot.reminders.rules import ReminderRules
from bot.reminders.targets import OwnerContact
from bot.scheme.models import RegionData
from bot.store.completions import Completions
from tests.reminders.conftest import COORDINATOR, OWNER_CONTACT, SEVEN_DAYS, make_world

THREAD = "19:fosen@thread.tacv2;messageid=1700000000000"


async def test_a_channel_is_linked_by_its_own_id_not_the_thread(
    engine: AsyncEngine, region: RegionData, rules: ReminderRules
) -> None:
    links = make_world(engine, region, rules, "http://127.0.0.1:9/").links

    assert await links.link("fosen", THREAD, COORDINATOR, SEVEN_DAYS)
    assert not await links.link("fosen", "19:fosen@thread.tacv2", COORDINATOR, SEVEN_DAYS)
    assert await links.link("gauldal", THREAD, COORDINATOR, SEVEN_DAYS)  # several networks

    assert await links.conversations("fosen") == ["19:fosen@thread.tacv2"]
    assert await links.networks_of(THREAD) == ["fosen", "gauldal"]
    assert await links.mark_blocked(THREAD, SEVEN_DAYS) == 2
    assert await links.conversations("fosen") == []
    assert await links.link("fosen", THREAD, COORDINATOR, SEVEN_DAYS)  # relinking unblocks
    assert await links.unlink("fosen", THREAD) and not await links.unlink("fosen", THREAD)


async def test_marks_and_submitted_behovsmeldinger_make_the_progress(
    engine: AsyncEngine, region: RegionData
) -> None:
    completions = Completions(engine)

    async def submitted(network_id: str, year: int) -> Iterable[str]:
        return ["Åfjord kommune", "Privat barnehage AS"] if network_id == "fosen" else []

    progress = StoredProgress(region, completions, submitted_owners=submitted)
    assert await completions.mark("fosen", "behovsmelding", 2027, marked_by="x", party_id="Osen")
    assert not await completions.mark(
        "fosen", "behovsmelding", 2027, marked_by="x", party_id="Osen"
    )
    assert await completions.mark("gauldal", "beslutningsgrunnlag", 2027, marked_by="x")

    found = await progress.progress([2027])

    fosen = found.of("fosen", "behovsmelding", 2027)
    assert fosen.owners == {"Indre Fosen", "Osen", "Åfjord", "Ørland"}
    assert fosen.submitted == {"Osen", "Åfjord", "Privat barnehage AS"}
    assert len(fosen.owners & fosen.submitted) == 2 and not fosen.complete
    assert found.of("gauldal", "beslutningsgrunnlag", 2027) == StepProgress(done=True)
    assert await completions.unmark("gauldal", "beslutningsgrunnlag", 2027)
    assert (await progress.progress([2027])).of(
        "gauldal", "beslutningsgrunnlag", 2027
    ).done is False


async def test_targets_are_the_reachable_channels_coordinators_and_owners(
    engine: AsyncEngine, region: RegionData, rules: ReminderRules
) -> None:
    world = make_world(engine, region, rules, "http://127.0.0.1:9/")
    await world.channel("fosen", "19:fosen@thread.tacv2")
    await world.links.link("fosen", "19:not-installed@thread.tacv2", COORDINATOR)
    await world.coordinator("fosen", "a:kari")
    await world.personal("a:osen", OWNER_CONTACT)
    world.contacts.append(OwnerContact("fosen", "osen kommune", OWNER_CONTACT.upper(), "Ola"))
    world.contacts.append(OwnerContact("fosen", "Ørland", "no-chat-with-laget"))

    found = await world.targets.targets()

    assert found == [
        Target("channel", "fosen", "19:fosen@thread.tacv2", "19:fosen@thread.tacv2"),
        Target("coordinator", "fosen", COORDINATOR, "a:kari", name="Kari Koordinator"),
        Target("owner", "fosen", OWNER_CONTACT, "a:osen", owner_id="Osen", name="Ola"),
    ]
    assert await world.targets.reference("a:kari") is not None
    assert await world.targets.reference("a:unknown") is None
