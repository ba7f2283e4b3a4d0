"""Vedtak through the real doors: an administrator registers Fosen's decided frame in Teams;
the next reminder pass announces it once in Fosen's channel (the estimate it replaces, the
difference, what the sent beslutningsgrunnlag commits against it); the frame answer then
says «vedtatt» with the date and what is left, and that the frames no longer add up."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.cli.main import main
from bot.scheme import compute_allocation, load_region
from bot.scheme.formatting import format_money
from bot.scheme.roles import RoleAssignment
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.roles import RolesRepository
from tests.activities import Client, activity, post, texts
from tests.conftest import StartBot
from tests.decision_basis.conftest import push, send_complete, tell
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import button
from tests.reminders.test_teams import CHANNEL, TEAM, in_channel

ADMIN = "0b7c3d5e-2f1a-4b6c-8d9e-1a2b3c4d5e6f"
APRIL = datetime(2027, 4, 16, 8, 0, tzinfo=UTC)
COMMITTED = 550_000  # the one tiltak of tests/decision_basis/conftest.py


@pytest.fixture(autouse=True)
def cli_database(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)


async def reminder_pass(at: str) -> None:
    assert await asyncio.to_thread(main, ["reminders", "send", "--at", at]) == 0


def vedtak_cards(teams: FakeTeams) -> list[str]:
    return [
        texts([p.activity]) for p in teams.posts_to(CHANNEL) if "er vedtatt" in texts([p.activity])
    ]


async def decide(bot: Client, amount: str) -> str:
    form = await tell(bot, ADMIN, "registrer vedtak")
    inputs = {"network": "fosen", "amount": amount, "decided_on": "15.04.2027"}
    done = await push(
        bot, ADMIN, button(form, "Registrer vedtaket"), reference="SF 2027/1234", **inputs
    )
    return texts(done)


async def test_a_decided_frame_is_announced_once_and_answered_as_vedtatt(
    start_bot: StartBot, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    november = await start_bot(settings)
    engine = create_engine(settings.database_url)
    await RolesRepository(engine).grant(
        RoleAssignment(aad_object_id=ADMIN, role="admin"), name="Siri"
    )
    await engine.dispose()
    await send_complete(november, fosen_coordinator)
    install = activity(
        "installationUpdate",
        action="add",
        conversation=CHANNEL,
        conversation_type="channel",
        channelData=TEAM,
        service_url=teams.url,
    )
    await post(november, install)
    await post(november, in_channel(teams, "koble denne kanalen til Fosen", aad=fosen_coordinator))

    april = await start_bot(settings, clock=lambda: APRIL)
    refused = await tell(april, fosen_coordinator, "registrer vedtak")
    assert "Bare administratorene kan registrere vedtak." in texts(refused)
    form = await tell(april, ADMIN, "registrer vedtak")
    wrong = await push(
        april,
        ADMIN,
        button(form, "Registrer vedtaket"),
        network="fosen",
        amount="500 000",
        decided_on="15.05.2027",
        reference="SF 2027/1234",
    )
    assert "Vedtaksdatoen kan ikke være fram i tid." in texts(wrong)
    assert "Vedtaket er registrert: rammen til Fosen for 2027 er kr 500 000." in (
        await decide(april, "500 000")
    ).replace("\xa0", " ")

    await reminder_pass("2027-04-16T09:00")
    await reminder_pass("2027-04-16T09:05")
    [card] = vedtak_cards(teams)
    estimate = compute_allocation(load_region(), 2027).frame("fosen").estimated
    assert "Rammen til Fosen for 2027 er vedtatt" in card
    assert "Vedtatt ramme: kr 500 000 (vedtak 15. april 2027, SF 2027/1234)." in card.replace(
        "\xa0", " "
    )
    assert format_money(estimate) in card
    assert f"−{format_money(estimate - 500_000)}" in card
    assert f"Over den vedtatte rammen\n{format_money(COMMITTED - 500_000)}" in card
    assert format_money(COMMITTED) in card
    assert f"binder opp {format_money(COMMITTED - 500_000)} mer enn den vedtatte rammen" in card

    await decide(april, "600 000")  # a corrected decision is announced again
    await reminder_pass("2027-04-16T10:00")
    [_, corrected] = [
        texts([p.activity])
        for p in teams.posts_to(CHANNEL)
        if "Rammen til Fosen for 2027 er" in texts([p.activity])
    ]
    assert "Rammen til Fosen for 2027 er endret" in corrected
    assert f"Forrige vedtak (erstattes)\n{format_money(500_000)}" in corrected
    assert "mer enn den vedtatte rammen" not in corrected

    answer = texts(await tell(april, fosen_coordinator, "hva er rammen vår?"))
    assert f"Vedtatt ramme: {format_money(600_000)} (vedtak 15. april 2027)" in answer
    assert "vedtatt 15. april 2027 (SF 2027/1234)" in answer
    assert "Igjen" in answer and format_money(600_000 - COMMITTED) in answer
    assert "Den vedtatte rammen er lagt inn av administratoren." in answer
    assert "Merk: tallene er eksempeldata" not in answer
    assert "Rammene går ikke opp" in answer
    assert format_money(estimate - 600_000) in answer  # the difference, to the krone


async def test_the_county_overview_says_when_decided_frames_do_not_add_up(
    start_bot: StartBot, settings: Settings, fosen_coordinator: str
) -> None:
    engine = create_engine(settings.database_url)
    await RolesRepository(engine).grant(
        RoleAssignment(aad_object_id=ADMIN, role="admin"), name="Siri"
    )
    await engine.dispose()
    april = await start_bot(settings, clock=lambda: APRIL)
    await decide(april, "600 000")
    estimate = compute_allocation(load_region(), 2027).frame("fosen").estimated
    county = texts(await tell(april, ADMIN, "rammene for alle nettverk"))
    assert "Rammene går ikke opp" in county
    assert f"et avvik på {format_money(estimate - 600_000)} (ufordelt)" in county
