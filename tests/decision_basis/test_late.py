"""A beslutningsgrunnlag sent after 1 February is accepted and marked late, in the receipt and
in samarbeidsforum's overview."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.scheme.roles import RoleAssignment
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.migrate import upgrade_async
from bot.store.roles import RolesRepository
from tests.activities import COORDINATOR, texts
from tests.conftest import StartBot
from tests.decision_basis.conftest import send_complete, tell

ADMIN = "0b7c3d5e-2f1a-4b6c-8d9e-1a2b3c4d5e6f"
AFTER_THE_DEADLINE = datetime(2027, 2, 3, 9, 0, tzinfo=UTC)


async def test_a_send_after_the_first_of_february_is_marked_late(
    start_bot: StartBot, settings: Settings
) -> None:
    await upgrade_async(settings.database_url)
    engine = create_engine(settings.database_url)
    roles = RolesRepository(engine)
    coordinator = RoleAssignment(aad_object_id=COORDINATOR, role="coordinator", network_id="fosen")
    await roles.grant(coordinator, name="Kari Koordinator")
    await roles.grant(RoleAssignment(aad_object_id=ADMIN, role="admin"), name="Siri")
    await engine.dispose()
    bot = await start_bot(settings, clock=lambda: AFTER_THE_DEADLINE)

    receipt = texts(await send_complete(bot, COORDINATOR))
    assert "Sendt til samarbeidsforum: BG-2027-0001" in receipt
    assert "Sendt etter fristen 1. februar 2027: det er merket som for sent." in receipt
    overview = texts(await tell(bot, ADMIN, "beslutningsgrunnlag for alle nettverk"))
    assert "1 av 11 er sendt (1 etter fristen)" in overview
    assert "sendt for sent" in overview
