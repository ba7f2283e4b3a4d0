"""The behovsmelding over the Bot Framework protocol: card form, step by step, send once."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.cli.main import main
from bot.needs.form import FIELDS
from bot.needs.model import Status
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.needs import NeedsReports
from tests.activities import Client, actions, activity, cards, post, say, texts
from tests.conftest import StartBot

# A made-up number with valid check digits (not a real person's).
NATIONAL_ID = "01019000083"
ANSWERS = {
    "owner": "Ørland kommune",
    "owner_type": "kommunal",
    "municipality": "Ørland",
    "barnehager": "4",
    "skoler": "3",
    "sfo": "3",
    "ppt": "1",
    "topics": "adhd,skolefravaer",
    "topics_other": "",
    "needs": "Vi trenger felles kompetanse på skolefravær og tidlig innsats i hele laget.",
    "assessment": "Ståstedsanalyse i alle enheter høsten 2026, drøftet med ledere og ansatte.",
    "target_groups": "Lærere, barnehagelærere og PPT",
    "participants": "120",
    "plans": "Kompetanseplan for oppvekst 2025–2028",
    "includes_private": "ja",
    "uh_partner": "nord",
    "period": "2",
    "contact_name": "Kari Nordmann",
    "contact_email": "kari.nordmann@orland.kommune.no",
}


def button(replies: list[dict[str, Any]], title: str) -> dict[str, Any]:
    """The data of the card button with this title."""
    for card in cards(replies):
        for action in actions(card):
            if action["title"] == title:
                data: dict[str, Any] = action["data"]
                return data
    raise AssertionError(f"no button {title!r} in {texts(replies)}")


async def press(bot: Client, data: dict[str, Any], **inputs: str) -> list[dict[str, Any]]:
    """Press a button (with a card form's inputs), as Teams sends an Action.Submit."""
    return await post(bot, activity(value={**data, **inputs}))


async def open_form(bot: Client) -> list[dict[str, Any]]:
    started = await say(bot, "ny behovsmelding")
    return await press(bot, button(started, "Skjema"))


def input_ids(replies: list[dict[str, Any]]) -> list[str]:
    [card] = cards(replies)
    return [element["id"] for element in card["body"] if element["type"].startswith("Input.")]


async def stored(settings: Settings) -> list[Any]:
    engine = create_engine(settings.database_url)
    try:
        return await NeedsReports(engine).for_author("29:user-1")
    finally:
        await engine.dispose()


async def test_the_card_form_has_every_field_and_sends_exactly_once(
    bot: Client, settings: Settings
) -> None:
    form = await open_form(bot)
    assert input_ids(form) == [spec.name for spec in FIELDS]

    summary = await press(bot, button(form, "Gå videre"), **ANSWERS)
    assert "Se over behovsmeldingen" in texts(summary)
    assert "Skolefravær" in texts(summary) or "Alvorlig skolefravær" in texts(summary)

    send = button(summary, "Send inn")
    receipt = await press(bot, send)
    again = await press(bot, send)

    assert "Behovsmeldingen er sendt: BM-2027-0001" in texts(receipt)
    assert "allerede sendt (BM-2027-0001)" in texts(again)
    [report] = await stored(settings)
    assert report.status is Status.SUBMITTED
    assert report.network_id == "fosen"
    assert report.answers["participants"] == 120


async def test_errors_are_shown_next_to_their_fields_and_nothing_is_lost(bot: Client) -> None:
    form = await open_form(bot)
    bad = {**ANSWERS, "contact_email": "kari(at)orland", "needs": "for kort"}

    shown = await press(bot, button(form, "Gå videre"), **bad)

    [card] = cards(shown)
    body = card["body"]
    email_at = next(i for i, e in enumerate(body) if e.get("id") == "contact_email")
    assert body[email_at + 1]["color"] == "Attention"
    assert "gyldig e-postadresse" in body[email_at + 1]["text"]
    assert body[email_at]["value"] == "kari(at)orland"  # shown back as typed
    owner = next(e for e in body if e.get("id") == "owner")
    assert owner["value"] == "Ørland kommune"  # the valid answers were kept
    assert "2 felt må rettes" in texts(shown)


async def test_a_national_identity_number_is_refused(bot: Client, settings: Settings) -> None:
    form = await open_form(bot)
    with_id = {**ANSWERS, "needs": f"Eleven med fødselsnummer {NATIONAL_ID} trenger oppfølging."}

    shown = await press(bot, button(form, "Gå videre"), **with_id)

    assert "ser ut som et fødselsnummer" in texts(shown)
    [report] = await stored(settings)
    assert NATIONAL_ID not in str(report.answers)


async def test_a_childs_name_gets_a_warning_on_the_summary(bot: Client) -> None:
    form = await open_form(bot)
    named = {**ANSWERS, "needs": "Eleven Ola i 3. klasse trenger mer støtte, og flere som ham."}

    summary = await press(bot, button(form, "Gå videre"), **named)

    assert "ser ut til å nevne et barn ved navn" in texts(summary)
    assert button(summary, "Send inn")


async def test_step_by_step_survives_a_restart_and_resumes_at_the_same_question(
    start_bot: StartBot, settings: Settings
) -> None:
    first = await start_bot(settings)
    started = await say(first, "ny behovsmelding")
    asked = await press(first, button(started, "Steg for steg"))
    assert "(1 av 19)" in texts(asked)
    await say(first, ANSWERS["owner"])
    assert "(3 av 19)" in texts(await say(first, "Kommunal"))
    await first.close()

    second = await start_bot(settings)
    assert "(3 av 19) Hvilken kommune" in texts(await say(second, "fortsett behovsmeldingen"))
    answers = [ANSWERS[spec.name] or "nei" for spec in FIELDS[2:]]
    answers[FIELDS.index(next(s for s in FIELDS if s.name == "topics")) - 2] = "1, 10"
    replies: list[dict[str, Any]] = []
    for answer in answers:
        replies = await say(second, answer)
    assert "Se over behovsmeldingen" in texts(replies), texts(replies)
    assert "Send inn" in texts(replies)


async def test_tilbake_and_avbryt_work_in_the_dialog(bot: Client) -> None:
    started = await say(bot, "ny behovsmelding")
    await press(bot, button(started, "Steg for steg"))
    await say(bot, "Hitra kommune")

    assert "(1 av 19)" in texts(await say(bot, "tilbake"))
    assert "utkastet er lagret" in texts(await say(bot, "avbryt")).casefold()
    assert "(1 av 19)" in texts(await say(bot, "fortsett behovsmeldingen"))


async def test_resume_offers_the_six_drafts_changed_last(bot: Client) -> None:
    for _ in range(8):
        await say(bot, "ny behovsmelding")

    offered = await say(bot, "fortsett behovsmeldingen")

    [card] = cards(offered)
    assert "Du har 8 påbegynte behovsmeldinger. Her er de 6 du endret sist." in texts(offered)
    assert [action["title"] for action in actions(card)] == [f"Utkast {n}" for n in range(8, 2, -1)]


async def test_mine_change_and_withdraw_keep_every_version(bot: Client, settings: Settings) -> None:
    form = await open_form(bot)
    summary = await press(bot, button(form, "Gå videre"), **ANSWERS)
    await press(bot, button(summary, "Send inn"))

    mine = await say(bot, "mine behovsmeldinger")
    assert "BM-2027-0001" in texts(mine)
    edit_form = await press(bot, button(mine, "Endre BM-2027-0001"))
    changed = await press(bot, button(edit_form, "Gå videre"), **{**ANSWERS, "participants": "150"})
    assert "Endringen i BM-2027-0001 er lagret" in texts(changed)

    mine = await say(bot, "mine behovsmeldinger")
    confirm = await press(bot, button(mine, "Trekk tilbake BM-2027-0001"))
    assert "BM-2027-0001 er trukket tilbake" in texts(
        await press(bot, button(confirm, "Ja, trekk tilbake"))
    )

    [report] = await stored(settings)
    engine = create_engine(settings.database_url)
    history = await NeedsReports(engine).history(report.id)
    await engine.dispose()
    assert [h.action for h in history][-3:] == ["submitted", "changed", "withdrawn"]
    assert any(h.answers.get("participants") == 120 for h in history)
    assert report.answers["participants"] == 150


async def test_status_and_export_are_for_the_networks_coordinators(
    bot: Client,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fosen_coordinator: str,
) -> None:
    form = await open_form(bot)
    summary = await press(bot, button(form, "Gå videre"), **ANSWERS)
    await press(bot, button(summary, "Send inn"))

    await say(bot, "jeg hører til Fosen", user="29:other")
    refused = texts(await say(bot, "status for nettverket", user="29:other"))
    assert "for koordinatorene i nettverket" in refused

    coordinator = {"user": "29:coord", "from": {"id": "29:coord", "aadObjectId": fosen_coordinator}}
    await say(bot, "jeg hører til Fosen", **coordinator)
    status = texts(await say(bot, "status for nettverket", **coordinator))
    assert (
        "1 sendt fra 1 eier, 0 utkast. Behovsmeldingen er frivillig; ingen eier i 3 av "
        "nettverkets 4 kommuner har startet en ennå." in status
    )
    assert "Ørland kommune: sendt" in status

    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)
    out = tmp_path / "fosen.xlsx"
    args = ["export", "needs", "--network", "Fosen", "--year", "2027", "--out", str(out)]
    assert await asyncio.to_thread(main, args) == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    header, row = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header[:4] == ["Referanse", "Sendt", "Etter fristen", "Eier"]
    assert row[0] == "BM-2027-0001" and row[3] == "Ørland kommune"


async def test_a_stale_or_foreign_button_changes_nothing(bot: Client) -> None:
    form = await open_form(bot)
    data = button(form, "Gå videre")

    foreign = await post(bot, activity(value={**data, **ANSWERS}, user="29:intruder"))
    stale = await press(bot, {**data, "version": 0}, **ANSWERS)

    assert "Fant ikke den behovsmeldingen blant dine" in texts(foreign)
    assert "utdatert" in texts(stale)


async def test_drafts_for_one_long_owner_name_are_offered_with_short_distinct_titles(
    bot: Client,
) -> None:
    owner = "Interkommunalt samarbeid om oppvekst " + "og spesialpedagogikk " * 4
    for _ in range(2):
        started = await say(bot, "ny behovsmelding")
        await press(bot, button(started, "Steg for steg"))
        await say(bot, owner.strip())
        await say(bot, "avbryt")

    offered = await say(bot, "fortsett behovsmeldingen")

    [card] = cards(offered)
    titles = [action["title"] for action in actions(card)]
    assert len(titles) == 2 and len(set(titles)) == 2
    assert all(len(title) <= 60 and title.startswith("Interkommunalt") for title in titles)
    assert "…" in titles[0]
