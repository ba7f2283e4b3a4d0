"""Reminders end to end: a channel is linked in Teams, the reminder arrives once, a done
network's card changes in place; and a sent behovsmelding reaches the coordinator's chat."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.cli.main import main
from bot.settings import Settings
from tests.activities import BOT_ID, Client, activity, cards, post, texts
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import ANSWERS, button, press

CHANNEL = "19:fosen-general@thread.tacv2"
TEAM = {
    "tenant": {"id": "tenant-trondelag"},
    "team": {"id": "19:team-fosen@thread.tacv2", "name": "Fosen"},
    "channel": {"id": CHANNEL, "name": "General"},
}
# 21 days before the beslutningsgrunnlag's 1 February 2027, at 09:00 in Oslo.
FIRST_NUDGE = "2027-01-11T09:00"


@pytest.fixture(autouse=True)
def cli_database(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)


def in_channel(teams: FakeTeams, text: str, *, aad: str, value: Any = None) -> dict[str, Any]:
    """A message in the team channel, @-mentioning the bot, as Teams sends it."""
    body = activity(
        text=f"<at>Laget</at> {text}" if text else None,
        value=value,
        conversation=f"{CHANNEL};messageid=1700000000000",
        conversation_type="channel",
        service_url=teams.url,
        channelData=TEAM,
        user=f"29:{aad[:8]}",
        entities=[
            {
                "type": "mention",
                "text": "<at>Laget</at>",
                "mentioned": {"id": BOT_ID, "name": "Laget"},
            }
        ],
    )
    body["from"]["aadObjectId"] = aad
    return body


async def send_reminders(at: str) -> None:
    assert await asyncio.to_thread(main, ["reminders", "send", "--at", at]) == 0


async def test_a_linked_channel_gets_the_reminder_once_and_the_card_turns_levert(
    bot: Client, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    install = activity(
        "installationUpdate",
        action="add",
        conversation=CHANNEL,
        conversation_type="channel",
        channelData=TEAM,
        service_url=teams.url,
    )
    await post(bot, install)

    refused = await post(bot, in_channel(teams, "koble denne kanalen til Fosen", aad="someone"))
    assert "Bare koordinatorene i Fosen" in texts(refused)
    linked = await post(
        bot, in_channel(teams, "koble denne kanalen til Fosen", aad=fosen_coordinator)
    )
    assert "Denne kanalen er nå koblet til Fosen" in texts(linked)

    await send_reminders(FIRST_NUDGE)
    await send_reminders(FIRST_NUDGE)

    [reminder] = teams.posts_to(CHANNEL)
    card = reminder.activity["attachments"][0]["content"]
    shown = texts([{"attachments": [{"content": card}]}])
    assert "1. februar 2027" in shown
    assert "om 21 dager" in shown

    overview = await post(bot, in_channel(teams, "påminnelser", aad=fosen_coordinator))
    assert "Fosen: beslutningsgrunnlag" in texts(overview)
    assert "sendt" in texts(overview)

    done = next(a["data"] for a in card["actions"] if a["title"] == "Marker som ferdig")
    marked = await post(bot, in_channel(teams, "", aad=fosen_coordinator, value=done))
    assert "markert som ferdig" in texts(marked)
    await send_reminders("2027-01-12T09:00")

    [(conversation, activity_id, updated)] = teams.updates
    assert (conversation, activity_id) == (CHANNEL, reminder.activity_id)
    assert "Levert" in texts([{"attachments": updated["attachments"]}])
    assert len(teams.posts_to(CHANNEL)) == 1


async def test_linking_is_done_in_a_channel_and_names_a_known_network(
    bot: Client, teams: FakeTeams
) -> None:
    personal = await post(bot, activity(text="koble denne kanalen til Fosen"))
    assert "Dette gjør du i kanalen" in texts(personal)
    unknown = await post(bot, in_channel(teams, "koble denne kanalen til Bergen", aad="x"))
    assert "Jeg finner ikke «Bergen»" in texts(unknown)


async def test_a_sent_behovsmelding_reaches_the_coordinators_chat(
    bot: Client, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    coordinator_chat = activity(
        "conversationUpdate",
        membersAdded=[{"id": BOT_ID}],
        conversation="a:coordinator-chat",
        user="29:coordinator",
        service_url=teams.url,
    )
    coordinator_chat["from"]["aadObjectId"] = fosen_coordinator
    await post(bot, coordinator_chat)

    started = await post(bot, activity(text="ny behovsmelding"))
    form = await press(bot, button(started, "Skjema"))
    summary = await press(bot, button(form, "Gå videre"), **ANSWERS)
    receipt = await press(bot, button(summary, "Send inn"))

    assert "Koordinatorene i Fosen får beskjed" in texts(receipt)
    [notice] = await teams.wait_for_posts("a:coordinator-chat")
    content = notice.activity["attachments"][0]["content"]
    assert content["body"][0]["text"] == "Ny behovsmelding til Fosen"
    assert cards([{"attachments": notice.activity["attachments"]}])


async def test_a_nynorsk_coordinator_links_and_lists_reminders_in_nynorsk(
    bot: Client, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    await post(bot, in_channel(teams, "Kva kan du hjelpe meg med?", aad=fosen_coordinator))

    linked = await post(
        bot, in_channel(teams, "kople denne kanalen til Fosen", aad=fosen_coordinator)
    )
    assert "Denne kanalen er no kopla til Fosen" in texts(linked)
    await send_reminders(FIRST_NUDGE)

    overview = texts(await post(bot, in_channel(teams, "påminningar", aad=fosen_coordinator)))
    assert "Påminningar blir sende kl. 09:00" in overview
    assert "Fosen: avgjerdsgrunnlag" in overview
    assert "21 dagar før fristen): sendt" in overview
    [reminder] = teams.posts_to(CHANNEL)  # the card itself goes to the channel in bokmål
    assert "om 21 dager" in texts([{"attachments": reminder.activity["attachments"]}])


async def test_a_reminder_day_on_a_sunday_is_sent_the_friday_before(
    bot: Client, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    install = activity(
        "installationUpdate",
        action="add",
        conversation=CHANNEL,
        conversation_type="channel",
        channelData=TEAM,
        service_url=teams.url,
    )
    await post(bot, install)
    await post(bot, in_channel(teams, "koble denne kanalen til Fosen", aad=fosen_coordinator))

    # 1 February 2027 minus one day is Sunday 31 January: the nudge goes out on Friday 29th.
    await send_reminders("2027-01-29T09:00")
    [reminder] = teams.posts_to(CHANNEL)
    shown = texts([reminder.activity])
    assert "Fristen for beslutningsgrunnlag er 1. februar 2027 (om 3 dager)." in shown
    await send_reminders("2027-01-31T09:00")
    assert len(teams.posts_to(CHANNEL)) == 1  # nothing more on the Sunday
