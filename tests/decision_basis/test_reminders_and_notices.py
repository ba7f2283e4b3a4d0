"""Sending the beslutningsgrunnlag ends its reminders: the channel's card becomes «Levert» in
place and no nudge follows; the channel and the administrators are told; and a change after
sending reaches the administrators with what changed."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.cli.main import main
from bot.scheme.roles import RoleAssignment
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.roles import RolesRepository
from bot.teams.server import LAGET
from tests.activities import Client, activity, install_chat, post, texts
from tests.decision_basis.conftest import MEASURE_1, push, send_complete, tell
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import button
from tests.reminders.test_teams import CHANNEL, FIRST_NUDGE, TEAM, in_channel

ADMIN = "0b7c3d5e-2f1a-4b6c-8d9e-1a2b3c4d5e6f"
ADMIN_CHAT = "a:admin-chat"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """No background delivery worker: each test runs the delivery pass it checks. (The worker,
    woken by the turn that queued a notice, could otherwise take it first and still be posting
    it when the test looks.)"""
    return settings.model_copy(update={"delivery_interval": 0})


@pytest.fixture(autouse=True)
def cli_database(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)


async def send_reminders(at: str) -> None:
    assert await asyncio.to_thread(main, ["reminders", "send", "--at", at]) == 0


async def grant_admin(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    try:
        role = RoleAssignment(aad_object_id=ADMIN, role="admin")
        await RolesRepository(engine).grant(role, name="Siri Sekretariat")
    finally:
        await engine.dispose()


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
    linked = await post(bot, in_channel(teams, "koble denne kanalen til Fosen", aad=aad))
    assert "Denne kanalen er nå koblet til Fosen" in texts(linked)


async def test_sending_turns_the_channels_reminder_levert_and_tells_channel_and_admins(
    bot: Client, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    await grant_admin(settings)
    await install_chat(bot, conversation=ADMIN_CHAT, service_url=teams.url, aad=ADMIN)
    await link_channel(bot, teams, fosen_coordinator)
    await send_reminders(FIRST_NUDGE)
    [reminder] = teams.posts_to(CHANNEL)
    assert "Påminnelse: Beslutningsgrunnlag" in texts([reminder.activity])

    receipt = await send_complete(bot, fosen_coordinator)
    assert "Sendt til samarbeidsforum: BG-2027-0001" in texts(receipt)
    assert "2 mottakere har fått beskjed" in texts(receipt)
    await bot.app[LAGET].deliveries.run_once(datetime.now(UTC))

    notices = [p for p in teams.posts if "har sendt beslutningsgrunnlaget" in texts([p.activity])]
    assert sorted(p.conversation_id for p in notices) == sorted([ADMIN_CHAT, CHANNEL])

    await send_reminders("2027-01-12T09:00")
    await send_reminders("2027-01-25T09:00")  # the next nudge's day: nothing more is sent
    [(conversation, activity_id, updated)] = teams.updates
    assert (conversation, activity_id) == (CHANNEL, reminder.activity_id)
    assert "Levert: Beslutningsgrunnlag" in texts([{"attachments": updated["attachments"]}])
    reminders = [p for p in teams.posts_to(CHANNEL) if "Påminnelse" in texts([p.activity])]
    assert len(reminders) == 1


async def test_a_change_after_sending_tells_the_administrators_what_changed(
    bot: Client, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    await grant_admin(settings)
    await install_chat(bot, conversation=ADMIN_CHAT, service_url=teams.url, aad=ADMIN)
    await send_complete(bot, fosen_coordinator)
    form = await tell(bot, fosen_coordinator, "endre tiltak 1")
    changed = await push(
        bot, fosen_coordinator, button(form, "Lagre"), **{**MEASURE_1, "budget_uh": "250 000"}
    )
    assert "Endringen er lagret som versjon" in texts(changed)
    await bot.app[LAGET].deliveries.run_once(datetime.now(UTC))
    [notice] = [p for p in teams.posts_to(ADMIN_CHAT) if "har endret" in texts([p.activity])]
    shown = texts([notice.activity])
    assert "Fosen har endret beslutningsgrunnlaget BG-2027-0001" in shown
    assert "Tiltak 1: Budsjett UH (kr) kr 300 000 → kr 250 000." in shown.replace("\xa0", " ")


async def test_a_change_by_steps_after_sending_tells_the_administrators_once(
    bot: Client, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    await grant_admin(settings)
    await install_chat(bot, conversation=ADMIN_CHAT, service_url=teams.url, aad=ADMIN)
    kari = fosen_coordinator
    await send_complete(bot, kari)
    summary = await tell(bot, kari, "beslutningsgrunnlag")
    await push(bot, kari, button(summary, "Legg til tiltak"))
    summary = await tell(bot, kari, "beslutningsgrunnlag")
    first = texts(await push(bot, kari, button(summary, "Steg for steg")))
    assert "(Tiltak 2) Hva er målet med tiltaket?" in first
    answers = [*STEP_ANSWERS, "nei"]
    for answer in answers:
        replies = await tell(bot, kari, answer)
    assert "Beslutningsgrunnlag for Fosen 2027" in texts(replies)
    await bot.app[LAGET].deliveries.run_once(datetime.now(UTC))
    notices = [p for p in teams.posts_to(ADMIN_CHAT) if "har endret" in texts([p.activity])]
    assert len(notices) == 1
    assert "Tiltak 2 er lagt til." in texts([notices[0].activity])


STEP_ANSWERS = [
    "Språkarbeid i barnehagene med felles samlinger.",
    "2",
    "nei",
    "Barnehagelærere",
    "Barnehage og PPT planlegger sammen.",
    "Setter av tid",
    "DMMH holder samlingene",
    "nei",
    "nei",
    "august 2027",
    "desember 2027",
    "0",
    "50 000",
    "0",
]
