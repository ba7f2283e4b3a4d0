"""«Last ned regneark» in Teams: a coordinator gets a single-use link, the link gives the
spreadsheet once; used, expired, made-up and forged requests get 404/410 or a polite refusal,
and every one of them is audited."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlparse

from openpyxl import load_workbook
from sqlalchemy import select

from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.tables import audit_log, export_links
from tests.activities import Client, actions, activity, cards, post, say, texts
from tests.conftest import NOW, StartBot
from tests.needs.test_needs_report import ANSWERS, button, open_form, press

LINK_LIFETIME = timedelta(minutes=10)


async def audited(settings: Settings) -> list[tuple[str, str]]:
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            query = select(audit_log.c.action, audit_log.c.detail).order_by(audit_log.c.id)
            return [(row[0], row[1]) for row in (await connection.execute(query)).all()]
    finally:
        await engine.dispose()


async def as_coordinator(bot: Client, aad: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    body["from"]["aadObjectId"] = aad
    return await post(bot, body)


def link_of(replies: list[dict[str, Any]]) -> str:
    [card] = cards(replies)
    [opened] = [a for a in actions(card) if a["type"] == "Action.OpenUrl"]
    return str(urlparse(opened["url"]).path)


async def test_a_coordinator_downloads_the_spreadsheet_once_through_the_button(
    start_bot: StartBot, settings: Settings, fosen_coordinator: str
) -> None:
    moments = [NOW]
    bot = await start_bot(settings, clock=lambda: moments[-1])
    form = await open_form(bot)
    summary = await press(bot, button(form, "Gå videre"), **ANSWERS)
    await press(bot, button(summary, "Send inn"))
    chat: dict[str, Any] = {"user": "29:coord", "conversation": "a:coord"}
    await as_coordinator(bot, fosen_coordinator, activity(text="jeg hører til Fosen", **chat))
    status = await as_coordinator(
        bot, fosen_coordinator, activity(text="status for nettverket", **chat)
    )
    assert "laget export" not in texts(status)  # no command line shown in Teams

    pressed = activity(value=button(status, "Last ned regneark"), **chat)
    link = link_of(await as_coordinator(bot, fosen_coordinator, pressed))
    downloaded = await bot.get(link)

    assert downloaded.status == 200
    assert "behovsmeldinger-fosen-2027.xlsx" in downloaded.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(await downloaded.read())).active
    assert sheet is not None
    assert sheet.max_row == 2  # the header and Fosen's one report
    values = {
        str(header.value): cell.value for header, cell in zip(sheet[1], sheet[2], strict=True)
    }
    assert values["Eier"] == "Ørland kommune"
    assert values["Antall barnehager"] == 4  # a number, not text
    assert isinstance(values["Sendt"], datetime)  # a date people can sort by

    again = await bot.get(link)
    assert again.status == 410
    made_up = await bot.get("/exports/not-a-token-anyone-was-given")
    assert made_up.status == 404
    late = link_of(await as_coordinator(bot, fosen_coordinator, pressed))
    moments.append(NOW + LINK_LIFETIME + timedelta(seconds=1))
    assert (await bot.get(late)).status == 410

    actions_seen = [action for action, _ in await audited(settings)]
    assert actions_seen.count("export.link_made") == 2
    assert actions_seen.count("needs.exported") == 1
    assert actions_seen.count("export.refused") == 3  # used, made up, expired
    engine = create_engine(settings.database_url)
    async with engine.connect() as connection:
        hashes = (await connection.execute(select(export_links.c.token_hash))).scalars().all()
    await engine.dispose()
    assert all(link.rsplit("/", 1)[1] not in hashes for link in (link, late))  # hashes only


async def test_no_button_and_a_polite_refusal_for_anyone_else(
    bot: Client, settings: Settings, fosen_coordinator: str
) -> None:
    refused = await say(bot, "status for nettverket")
    assert "Last ned regneark" not in texts(refused)

    forged = await post(bot, activity(value={"action": "export", "network": "fosen", "year": 2027}))
    other_network = activity(
        value={"action": "export", "network": "gauldal", "year": 2027},
        user="29:coord",
        conversation="a:coord",
    )
    other = await as_coordinator(bot, fosen_coordinator, other_network)

    for replies in (forged, other):
        assert "for koordinatorene i nettverket og administratorer" in texts(replies)
        assert not [a for c in cards(replies) for a in actions(c) if a["type"] == "Action.OpenUrl"]
    actions_seen = [action for action, _ in await audited(settings)]
    assert actions_seen.count("export.refused") == 2
    assert "export.link_made" not in actions_seen


async def test_in_a_channel_the_link_is_only_given_in_the_presser_s_own_chat(
    bot: Client, fosen_coordinator: str
) -> None:
    in_channel = activity(
        value={"action": "export", "network": "fosen", "year": 2027},
        conversation="19:fosen@thread.tacv2",
        conversation_type="channel",
    )

    replies = await as_coordinator(bot, fosen_coordinator, in_channel)

    assert "bare i chatten din med Laget" in texts(replies)
    assert not cards(replies)
