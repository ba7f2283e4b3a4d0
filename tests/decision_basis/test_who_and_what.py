"""Who may do what with a beslutningsgrunnlag, through the HTTP door: only the network's
coordinators and the administrators open, change and send it; a button's document id is
checked against the person pressing it; amounts and months are refused at their field with
a reason; identity numbers never reach the store; the administrators' overview."""

from __future__ import annotations

import json

from sqlalchemy import text

from bot.scheme.formatting import format_money
from bot.scheme.roles import RoleAssignment
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.roles import RolesRepository
from tests.activities import Client, post, say, texts
from tests.decision_basis.conftest import (
    MEASURE_1,
    as_coordinator,
    fosen_frame,
    push,
    send_complete,
    tell,
    write_complete,
)
from tests.needs.test_needs_report import button

ADMIN = "0b7c3d5e-2f1a-4b6c-8d9e-1a2b3c4d5e6f"
GAULDAL = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"


async def grant(settings: Settings, role: RoleAssignment, name: str) -> None:
    engine = create_engine(settings.database_url)
    try:
        await RolesRepository(engine).grant(role, name=name)
    finally:
        await engine.dispose()


async def stored_documents(settings: Settings) -> list[str]:
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT document FROM decision_basis_history"))
            return [row[0] for row in rows]
    finally:
        await engine.dispose()


async def test_only_the_networks_coordinators_and_administrators_open_and_press(
    bot: Client, settings: Settings, fosen_coordinator: str
) -> None:
    await grant(
        settings,
        RoleAssignment(aad_object_id=GAULDAL, role="coordinator", network_id="gauldal"),
        "Gunn Gauldal",
    )
    staff = await say(bot, "beslutningsgrunnlag")
    assert "Bare nettverkets koordinatorer og administratorene" in texts(staff)
    named = await tell(bot, GAULDAL, "beslutningsgrunnlag for Fosen")
    assert "Bare nettverkets koordinatorer og administratorene" in texts(named)

    opened = await tell(bot, fosen_coordinator, "beslutningsgrunnlag")
    data = button(opened, "Legg til tiltak")
    for presser in (GAULDAL, "aad-29:someone"):  # another network's coordinator, a stranger
        refused = await push(bot, presser, data)
        assert "Fant ikke det beslutningsgrunnlaget, eller du har ikke tilgang" in texts(refused)
    send = button(opened, "Send inn")
    refused = await push(bot, GAULDAL, {**send, "op": "send"})
    assert "ikke tilgang" in texts(refused)
    history = await stored_documents(settings)
    assert len(history) == 1  # only the creation: no press by others changed anything

    own = await tell(bot, GAULDAL, "beslutningsgrunnlag")
    assert "Beslutningsgrunnlag for Gauldal 2027" in texts(own)


async def test_an_administrator_names_the_network_and_sees_every_network(
    bot: Client, settings: Settings, fosen_coordinator: str
) -> None:
    await grant(settings, RoleAssignment(aad_object_id=ADMIN, role="admin"), "Siri Sekretariat")
    asked = await tell(bot, ADMIN, "beslutningsgrunnlag")
    assert "Hvilket nettverk?" in texts(asked)
    await send_complete(bot, fosen_coordinator)
    opened = await tell(bot, ADMIN, "beslutningsgrunnlag for Fosen")
    assert "Sendt" in texts(opened) and "BG-2027-0001" in texts(opened)

    refused = await tell(bot, fosen_coordinator, "beslutningsgrunnlag for alle nettverk")
    assert "Oversikten over alle nettverk er for administratorene." in texts(refused)
    overview = texts(await tell(bot, ADMIN, "beslutningsgrunnlag for alle nettverk"))
    assert "Beslutningsgrunnlag for alle nettverk, 2027" in overview
    assert "1 av 11 er sendt, 0 er utkast." in overview
    assert f"sendt · {format_money(550_000)} av {format_money(fosen_frame())}" in overview
    assert "Gauldal" in overview and "ikke startet" in overview
    assert f"Alvorlig skolefravær {format_money(550_000)}" in overview


async def test_amounts_and_months_are_refused_at_their_field_and_the_rest_is_kept(
    bot: Client, settings: Settings, fosen_coordinator: str
) -> None:
    kari = fosen_coordinator
    opened = await tell(bot, kari, "beslutningsgrunnlag")
    form = await push(bot, kari, button(opened, "Legg til tiltak"))
    wrong = {
        **MEASURE_1,
        "budget_owner": "-5",
        "budget_uh": "12 000,50",
        "budget_coordination": "mye",
        "to_month": "februar 2027",  # before «mars 2027»
    }
    again = texts(await push(bot, kari, button(form, "Lagre"), **wrong))
    assert "Beløpet kan ikke være negativt." in again
    assert "Skriv hele kroner, uten øre" in again
    assert "Skriv et beløp i hele kroner" in again
    assert "Sluttmåneden kan ikke være før startmåneden." in again
    assert "Noe må rettes (se feltene under). Resten er lagret." in again
    assert MEASURE_1["goal"] in again  # kept
    assert "12 000,50" in again  # what was typed stays in its field, to be corrected
    [latest] = (await stored_documents(settings))[-1:]
    measure = json.loads(latest)["measures"][0]
    assert measure["goal"] == MEASURE_1["goal"]
    assert "budget_owner" not in measure and "to_month" not in measure


async def test_an_identity_number_in_a_field_is_refused_and_never_stored(
    bot: Client, settings: Settings, fosen_coordinator: str
) -> None:
    kari = fosen_coordinator
    summary = await write_complete(bot, kari)
    form = await push(bot, kari, button(summary, "Endre: Evaluering"))
    valid = "15076500565"  # a valid identity number (check digits right)
    refused = await post(
        bot, as_coordinator(kari, value={**button(form, "Lagre"), "evaluation": f"Elev {valid}"})
    )
    assert "ser ut som et fødselsnummer" in texts(refused)
    assert all(valid not in document for document in await stored_documents(settings))


async def test_typed_tiltak_commands_act_on_the_document_opened_last(
    bot: Client, settings: Settings, fosen_coordinator: str
) -> None:
    await grant(settings, RoleAssignment(aad_object_id=ADMIN, role="admin"), "Siri Sekretariat")
    await tell(bot, ADMIN, "beslutningsgrunnlag for Gauldal")
    gauldal = texts(await tell(bot, ADMIN, "legg til tiltak"))
    assert "Tiltak 1 · Beslutningsgrunnlag for Gauldal 2027" in gauldal
    await tell(bot, ADMIN, "beslutningsgrunnlag for Fosen")
    fosen = texts(await tell(bot, ADMIN, "legg til tiltak"))
    assert "Tiltak 1 · Beslutningsgrunnlag for Fosen 2027" in fosen
    removal = texts(await tell(bot, ADMIN, "fjern tiltak 1"))
    assert "Fjerne tiltak 1?" in removal


async def test_text_one_coordinator_wrote_is_shown_to_others_as_written(
    bot: Client, settings: Settings, fosen_coordinator: str
) -> None:
    await grant(settings, RoleAssignment(aad_object_id=ADMIN, role="admin"), "Siri Sekretariat")
    opened = await tell(bot, fosen_coordinator, "beslutningsgrunnlag")
    form = await push(bot, fosen_coordinator, button(opened, "Legg til tiltak"))
    sneaky = "**Viktig** [klikk her](https://example.invalid) for mer om språk"
    await push(bot, fosen_coordinator, button(form, "Lagre"), **{**MEASURE_1, "goal": sneaky})
    seen = await tell(bot, ADMIN, "beslutningsgrunnlag for Fosen")
    [card] = [c for reply in seen for c in [a["content"] for a in reply.get("attachments", [])]]
    shown = json.dumps(card, ensure_ascii=False)
    assert "\\\\*\\\\*Viktig\\\\*\\\\* \\\\[klikk her\\\\]\\\\(https://example.invalid" in shown
