"""Two coordinators editing one beslutningsgrunnlag at once lose nothing: a change made from an
old card is merged into the newer version; a field both changed keeps the newer value, and the
second is told and shown it; an old card never overwrites a newer version unseen."""

from __future__ import annotations

import json

from sqlalchemy import text

from bot.scheme.roles import RoleAssignment
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.roles import RolesRepository
from tests.activities import Client, texts
from tests.decision_basis.conftest import HEADER, push, tell
from tests.needs.test_needs_report import button

OLA = "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a"  # Fosen's second coordinator


async def latest(settings: Settings) -> tuple[int, dict[str, object]]:
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            row = (
                await connection.execute(text("SELECT version, document FROM decision_bases"))
            ).one()
    finally:
        await engine.dispose()
    return int(row[0]), json.loads(row[1])


async def test_two_coordinators_at_once_lose_nothing(
    bot: Client, settings: Settings, fosen_coordinator: str
) -> None:
    engine = create_engine(settings.database_url)
    role = RoleAssignment(aad_object_id=OLA, role="coordinator", network_id="fosen")
    await RolesRepository(engine).grant(role, name="Ola Koordinator")
    await engine.dispose()
    kari = fosen_coordinator

    karis = await push(
        bot, kari, button(await tell(bot, kari, "beslutningsgrunnlag"), "Endre: Partnerskapet")
    )
    olas = await push(
        bot, OLA, button(await tell(bot, OLA, "beslutningsgrunnlag"), "Endre: Partnerskapet")
    )

    await push(bot, kari, button(karis, "Lagre"), **{**HEADER, "uh_partners": "ntnu"})
    merged = texts(
        await push(
            bot,
            OLA,
            button(olas, "Lagre"),
            **{"uh_partners": "", "owners": "Osen,Ørland", "private_owners": "Fosen Montessori AS"},
        )
    )
    assert "Endringene dine er lagt inn i den" in merged
    version, document = await latest(settings)
    assert document["uh_partners"] == ["ntnu"]  # Kari's, kept
    assert document["private_owners"] == "Fosen Montessori AS"  # Ola's, kept
    assert version == 3  # created, Kari's save, Ola's merged save

    # Both change the private owners from the same card: the newer value stays, and Ola is told.
    karis = await push(
        bot, kari, button(await tell(bot, kari, "beslutningsgrunnlag"), "Endre: Partnerskapet")
    )
    olas = await push(
        bot, OLA, button(await tell(bot, OLA, "beslutningsgrunnlag"), "Endre: Partnerskapet")
    )
    await push(bot, kari, button(karis, "Lagre"), **{**HEADER, "private_owners": "Kari AS"})
    clash = texts(
        await push(bot, OLA, button(olas, "Lagre"), **{**HEADER, "private_owners": "Ola AS"})
    )
    assert "Desse felta" not in clash
    assert (
        "Disse feltene endret noen andre samtidig, og deres svar står nå: Private eiere (navn)."
        in clash
    )
    assert "Kari AS" in clash  # the newer value is what the form shows
    _, document = await latest(settings)
    assert document["private_owners"] == "Kari AS"


async def test_an_old_cards_send_button_shows_the_newer_version_instead(
    bot: Client, settings: Settings, fosen_coordinator: str
) -> None:
    kari = fosen_coordinator
    old_summary = await tell(bot, kari, "beslutningsgrunnlag")
    header = await push(bot, kari, button(old_summary, "Endre: Partnerskapet"))
    await push(bot, kari, button(header, "Lagre"), **HEADER)
    stale = texts(await push(bot, kari, button(old_summary, "Send inn")))
    assert (
        "Beslutningsgrunnlaget er endret etter at dette kortet ble laget (nå versjon 2)." in stale
    )
    assert "NTNU · Osen, Ørland" in stale
