"""A role knows its network: a coordinator asks for «status for nettverket» or «rammen vår»
without first telling the bot where they belong; others are not sent round that loop."""

from __future__ import annotations

from bot.scheme.roles import RoleAssignment
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.migrate import upgrade_async
from bot.store.roles import RolesRepository
from tests.activities import Client, say, texts

NAMDAL = "7a1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f"
ADMIN = "8b1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f"


async def grant(settings: Settings, aad: str, role: str, network: str | None = None) -> None:
    await upgrade_async(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        await RolesRepository(engine).grant(
            RoleAssignment(aad_object_id=aad, role=role, network_id=network)
        )
    finally:
        await engine.dispose()


def person(aad: str) -> dict[str, str]:
    return {"user": f"29:{aad[:4]}", "conversation": f"a:{aad[:4]}"}


async def test_a_coordinator_gets_their_networks_status_and_frame_at_once(
    bot: Client, settings: Settings
) -> None:
    await grant(settings, NAMDAL, "coordinator", "namdal")

    status = texts(await say(bot, "status for nettverket", aad=NAMDAL, **person(NAMDAL)))
    frame = texts(await say(bot, "Hva er rammen vår?", aad=NAMDAL, **person(NAMDAL)))

    assert "Behovsmeldinger i Namdal" in status
    assert "Rammen til Namdal for 2027" in frame


async def test_staff_are_told_who_status_is_for_without_a_loop(bot: Client) -> None:
    replies = texts(await say(bot, "status for nettverket"))

    assert "for koordinatorene i nettverket og administratorer" in replies
    assert "jeg hører til" not in replies


async def test_an_administrator_is_asked_which_network_then_served(
    bot: Client, settings: Settings
) -> None:
    await grant(settings, ADMIN, "admin")

    asked = texts(await say(bot, "status for nettverket", aad=ADMIN, **person(ADMIN)))
    await say(bot, "jeg hører til Gauldal", aad=ADMIN, **person(ADMIN))
    served = texts(await say(bot, "status for nettverket", aad=ADMIN, **person(ADMIN)))

    assert "Hvilket nettverk vil du se status for?" in asked
    assert "Behovsmeldinger i Gauldal" in served


async def test_a_network_can_be_named_in_the_status_command(
    bot: Client, settings: Settings
) -> None:
    await grant(settings, ADMIN, "admin")

    named = texts(await say(bot, "status for Gauldal", aad=ADMIN, **person(ADMIN)))
    unknown = texts(await say(bot, "status for Bergen", aad=ADMIN, **person(ADMIN)))
    staff = texts(await say(bot, "status for Gauldal"))

    assert "Behovsmeldinger i Gauldal" in named
    assert "finner ikke nettverket «bergen»" in unknown
    assert "for koordinatorene i nettverket og administratorer" in staff
