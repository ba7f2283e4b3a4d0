"""The report (rapportering) through the HTTP door: prefilled from the sent
beslutningsgrunnlag, filled in part by part, sent with a receipt, in bokmål and in nynorsk;
the June reminders stop for the network and its channel's card turns «Levert»; the
PPT-ledernettverket's report is the administrators'."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.cli.main import main
from bot.scheme.formatting import format_money
from bot.scheme.roles import RoleAssignment
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.roles import RolesRepository
from tests.activities import Client, activity, post, texts
from tests.conftest import StartBot
from tests.decision_basis.conftest import MEASURE_1, push, send_complete, tell
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import button
from tests.reminders.test_teams import CHANNEL, TEAM, in_channel

ADMIN = "0b7c3d5e-2f1a-4b6c-8d9e-1a2b3c4d5e6f"
MAY_2028 = datetime(2028, 5, 20, 8, 0, tzinfo=UTC)  # the report on 2027 is due 15 June 2028
USED = {
    "done": "Fire samlinger med NTNU og arbeid i team mellom samlingene i alle enhetene.",
    "participants": "ca 140",
    "used_owner": "180 000",
    "used_uh": "kr 300 000,-",
    "used_coordination": "45 000",
}
MET = {
    "cond_local_needs": "Tiltaket svarte på ståstedsanalysene, og ble justert etter dem.",
    "cond_workplace": "Alt arbeid skjedde i personalgruppene, i team på arbeidsplassen.",
    "cond_partnership": "NTNU og eierne planla og gjennomførte samlingene sammen.",
    "cond_interdisciplinary": "PPT, skole og helsesykepleier deltok i alle samlingene.",
}
FINDINGS = {"findings": "Fraværet gikk ned, og lærerne melder om tryggere tidlig innsats."}


@pytest.fixture(autouse=True)
def cli_database(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)


async def reminder_pass(at: str) -> None:
    assert await asyncio.to_thread(main, ["reminders", "send", "--at", at]) == 0


async def link_channel(bot: Client, teams: FakeTeams, aad: str) -> None:
    install = activity(
        "installationUpdate",
        action="add",
        conversation=CHANNEL,
        conversation_type="channel",
        channelData=TEAM,
        service_url=teams.url,
    )
    await post(bot, install)
    await post(bot, in_channel(teams, "koble denne kanalen til Fosen", aad=aad))


async def test_a_report_from_prefill_to_receipt_and_the_june_reminders_stop(
    start_bot: StartBot, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    kari = fosen_coordinator
    november = await start_bot(settings)
    await send_complete(november, kari)  # the beslutningsgrunnlag for 2027
    await link_channel(november, teams, kari)
    may = await start_bot(settings, clock=lambda: MAY_2028)
    await reminder_pass("2028-05-25T09:00")  # 21 days before 15 June 2028
    [reminder] = [p for p in teams.posts_to(CHANNEL) if "Rapportering" in texts([p.activity])]

    opened = texts(await tell(may, kari, "rapport"))
    assert "Rapport for Fosen 2027" in opened
    assert "hentet fra beslutningsgrunnlaget BG-2027-0001" in opened
    assert MEASURE_1["goal"][:30] in opened
    assert f"brukt {format_money(0)} av {format_money(550_000)}" in opened
    assert "Fristen til Statsforvalteren er 15. juni 2028." in opened
    assert "Teksten om vilkårene er hentet fra planen i beslutningsgrunnlaget." in opened
    assert "Mangler før sending: Tiltak 1, Slik ble vilkårene oppfylt, Evalueringen." in opened

    summary = await tell(may, kari, "rapport")
    form = await push(may, kari, button(summary, "Tiltak 1: Felles forståelse av…"))
    wrong = texts(await push(may, kari, button(form, "Lagre"), **{**USED, "participants": "mange"}))
    assert "Skriv et helt tall, 0 eller mer." in wrong
    summary = await push(may, kari, button(form, "Lagre"), goal=MEASURE_1["goal"], **USED)
    shown = texts(summary)
    assert f"brukt {format_money(525_000)} av {format_money(550_000)}" in shown
    assert f"{format_money(180_000)} / {format_money(200_000)}" in shown  # owners
    conditions = await push(may, kari, button(summary, "Endre: Slik ble vilkårene oppfylt"))
    assert "ståstedsanalysene i alle enhetene høsten 2026" in texts(conditions)  # prefilled
    summary = await push(may, kari, button(conditions, "Lagre"), **MET)
    evaluation = await push(may, kari, button(summary, "Endre: Evalueringen"))
    summary = await push(may, kari, button(evaluation, "Lagre"), **FINDINGS)
    assert "Alt er fylt ut." in texts(summary)

    confirm = await push(may, kari, button(summary, "Send inn"))
    receipt = texts(await push(may, kari, button(confirm, "Ja, send rapporten")))
    assert "Rapporten er sendt: RP-2027-0001" in receipt
    assert "er sendt til Statsforvalteren 20. mai 2028." in receipt  # the service's clock
    assert "Påminnelsene om rapporteringen stopper for Fosen." in receipt

    await reminder_pass("2028-06-08T09:00")  # the 7-day nudge's day
    updated = [u for u in teams.updates if u[1] == reminder.activity_id]
    assert updated and "Levert: Rapportering" in texts(
        [{"attachments": updated[-1][2]["attachments"]}]
    )
    nudges = [
        p for p in teams.posts_to(CHANNEL) if "Påminnelse: Rapportering" in texts([p.activity])
    ]
    assert len(nudges) == 1


async def test_a_report_in_nynorsk_and_the_ppt_network_for_administrators(
    start_bot: StartBot, settings: Settings, fosen_coordinator: str
) -> None:
    kari = fosen_coordinator
    engine = create_engine(settings.database_url)
    await RolesRepository(engine).grant(
        RoleAssignment(aad_object_id=ADMIN, role="admin"), name="Siri"
    )
    await engine.dispose()
    may = await start_bot(settings, clock=lambda: MAY_2028)

    await tell(may, kari, "Kva kan du hjelpe meg med?")  # she writes nynorsk
    opened = await tell(may, kari, "rapport")
    shown = texts(opened)
    assert "Rapport for Fosen 2027" in shown
    assert "Det finst ikkje noko avgjerdsgrunnlag for 2027 i Laget" in shown
    second = texts(await push(may, kari, button(opened, "Legg til tiltak")))
    assert "Tiltak 2 · Rapport for Fosen 2027" in second
    opened = await tell(may, kari, "rapport")
    assert "Tiltak 2: (utan namn)" in texts(opened)
    form = await push(may, kari, button(opened, "Tiltak 1: (utan namn)"))
    summary = await push(may, kari, button(form, "Lagre"), goal="Felles samlingar om språk", **USED)
    conditions = await push(may, kari, button(summary, "Endre: Slik vart vilkåra oppfylte"))
    summary = await push(may, kari, button(conditions, "Lagre"), **MET)
    evaluation = await push(may, kari, button(summary, "Endre: Evalueringa"))
    summary = await push(may, kari, button(evaluation, "Lagre"), **FINDINGS)
    confirm = await push(may, kari, button(summary, "Send inn"))
    assert "Sende rapporten til Statsforvaltaren?" in texts(confirm)
    receipt = texts(await push(may, kari, button(confirm, "Ja, send rapporten")))
    assert "Rapporten for Fosen 2027 er sendt til Statsforvaltaren" in receipt
    assert "Påminningane om rapporteringa stoppar for Fosen." in receipt

    refused = texts(await tell(may, kari, "rapport for PPT-ledernettverket"))
    assert "administratorane" in refused
    ppt = texts(await tell(may, ADMIN, "rapport for PPT-ledernettverket"))
    assert "Rapport for PPT-ledernettverket 2027" in ppt
    assert (
        f"av ramma på {format_money(200_000)}" in ppt
        or f"av rammen på {format_money(200_000)}" in ppt
    )
    overview = texts(await tell(may, ADMIN, "rapporter for alle nettverk"))  # bokmål words
    assert "Rapporter for 2027" in overview
    # PPT-ledernettverket's report was only opened, not saved: not a draft.
    assert "1 av 12 er sendt, 0 er utkast. Fristen er 15. juni 2028." in overview


async def test_a_report_step_by_step_in_nynorsk_keeps_the_plans_text_with_behald(
    start_bot: StartBot, settings: Settings, fosen_coordinator: str
) -> None:
    kari = fosen_coordinator
    await send_complete(await start_bot(settings), kari)
    may = await start_bot(settings, clock=lambda: MAY_2028)
    await tell(may, kari, "Kva kan du hjelpe meg med?")  # she writes nynorsk
    summary = await tell(may, kari, "rapport")
    first = texts(await push(may, kari, button(summary, "Steg for steg")))
    assert "(Tiltak 1) Kva vart gjort i tiltaket?" in first  # the goal came from the plan
    assert f"Brukt: {format_money(0)} av {format_money(550_000)} bunde opp" in first
    await tell(may, kari, "Fire samlingar med NTNU og arbeid i team mellom samlingane.")
    wrong = texts(await tell(may, kari, "mange"))
    assert "Skriv eit heilt tal, 0 eller meir." in wrong
    for answer in ("ca 140", "180 000", "300 000"):
        await tell(may, kari, answer)
    condition = texts(await tell(may, kari, "45 000"))
    assert "Korleis vart vilkåret oppfylt? (1. Lokalt definerte behov)" in condition
    assert "No: Tiltakene bygger på ståstedsanalysene" in condition
    for _ in range(4):
        replies = await tell(may, kari, "behald")
    assert "Kva viste evalueringa?" in texts(replies)
    done = texts(await tell(may, kari, "Fråværet gjekk ned, og lærarane er tryggare."))
    assert "Rapport for Fosen 2027" in done
    assert "Alt er fylt ut." in done
    assert f"brukt {format_money(525_000)} av {format_money(550_000)}" in done


async def test_two_saves_from_the_same_report_card_lose_nothing_and_say_so(
    start_bot: StartBot, settings: Settings, fosen_coordinator: str
) -> None:
    kari = fosen_coordinator
    may = await start_bot(settings, clock=lambda: MAY_2028)
    summary = await tell(may, kari, "rapport")
    first = await push(may, kari, button(summary, "Endre: Evalueringen"))
    second = await push(may, kari, button(summary, "Endre: Evalueringen"))
    await push(may, kari, button(first, "Lagre"), findings="Fraværet gikk ned i alle enhetene.")
    clash = texts(
        await push(may, kari, button(second, "Lagre"), findings="Lærerne er tryggere nå enn før.")
    )
    assert "Noen andre lagret en nyere versjon mens du skrev." in clash
    assert "Disse feltene endret noen andre samtidig" in clash
    assert "Hva evalueringen viste" in clash
    assert "Fraværet gikk ned i alle enhetene." in clash  # the newer value, kept and shown
