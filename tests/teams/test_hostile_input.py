"""What users type or submit that is allowed (or merely odd) must never end in the apology.

Each test here failed with «Beklager, nå gikk noe galt…» before its fix: free text at a form's
limits, a card submit no Teams client would send, an id too large for the database.
"""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.cli.main import main
from bot.needs.form import FIELDS
from bot.settings import Settings
from tests.activities import BOT_ID, Client, activity, cards, post, say, texts
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import ANSWERS, button, open_form, press, stored

APOLOGY = "Beklager, nå gikk noe galt"
TOO_LARGE = 2**63  # above any database integer (SQLite's are 64-bit, PostgreSQL's 32-bit)


@pytest.mark.parametrize(
    "value",
    [
        {"action": "needs", "op": "form", "report": TOO_LARGE},
        {"action": "needs", "op": "save", "report": 1, "version": TOO_LARGE},
        {"action": "intent", "intent": "frist", "question": TOO_LARGE},
        {"action": "feedback", "vote": "up", "question": TOO_LARGE},
        {"action": "escalate", "question": TOO_LARGE},
        {"action": "answer", "escalation": TOO_LARGE, "answer": "Ja."},
    ],
)
async def test_a_button_with_an_id_too_large_to_store_is_an_unknown_button(
    bot: Client, value: dict[str, Any]
) -> None:
    replies = await post(bot, activity(value=value))

    assert "Den knappen kjenner jeg ikke igjen" in texts(replies)


async def test_a_huge_submitted_answer_is_shown_back_cut_with_its_error(
    bot: Client, settings: Settings
) -> None:
    form = await open_form(bot)  # Teams stops at the input's maxLength; other clients do not

    shown = await press(bot, button(form, "Gå videre"), **{**ANSWERS, "needs": "x" * 100_000})

    assert "Høyst 2000 tegn (nå 100000)" in texts(shown)
    [card] = cards(shown)
    needs = next(e for e in card["body"] if e.get("id") == "needs")
    assert needs["value"] == "x" * 2000
    [report] = await stored(settings)
    assert report.answers["owner"] == ANSWERS["owner"]  # the valid answers were kept


async def test_emoji_count_as_in_teams_and_a_report_at_every_limit_fits_in_its_cards(
    bot: Client,
) -> None:
    full = {
        spec.name: "😀" * spec.max_length
        for spec in FIELDS
        if spec.kind in ("text", "long_text") and spec.name != "municipality"
    }
    form = await open_form(bot)

    # An emoji is two characters in a Teams input, so this is twice every limit. (Counted as
    # one, it was accepted, and the form shown back with an error was too large for Teams.)
    refused = await press(
        bot, button(form, "Gå videre"), **{**ANSWERS, **full, "contact_email": "kari"}
    )

    assert APOLOGY not in texts(refused)
    assert "Høyst 2000 tegn (nå 4000)" in texts(refused)
    assert "gyldig e-postadresse" in texts(refused)
    half = {name: value[: len(value) // 2] for name, value in full.items()}
    with_error = await press(
        bot, button(refused, "Gå videre"), **{**ANSWERS, **half, "contact_email": "kari"}
    )
    assert "gyldig e-postadresse" in texts(with_error)
    summary = await press(bot, button(with_error, "Gå videre"), **{**ANSWERS, **half})
    changed = await press(bot, button(summary, "Endre"))
    assert button(changed, "Gå videre")
    receipt = await press(bot, button(summary, "Send inn"))
    assert "Behovsmeldingen er sendt" in texts(receipt)


async def test_control_characters_are_dropped_and_the_export_keeps_formulas_as_text(
    bot: Client, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = '=HYPERLINK("https://example.com","Ørland")'
    pasted = "Vi trenger\x0b felles kompetanse\x1b[0m på skolefravær og tidlig innsats."
    form = await open_form(bot)
    summary = await press(
        bot, button(form, "Gå videre"), **{**ANSWERS, "owner": owner, "needs": pasted}
    )
    await press(bot, button(summary, "Send inn"))

    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)
    out = tmp_path / "fosen.xlsx"
    args = ["export", "needs", "--network", "Fosen", "--year", "2027", "--out", str(out)]
    assert await asyncio.to_thread(main, args) == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet["D2"].value == owner and sheet["D2"].data_type == "s"  # text, not a formula
    as_csv = tmp_path / "fosen.csv"
    assert await asyncio.to_thread(main, [*args[:-1], str(as_csv), "--format", "csv"]) == 0
    [_, row] = list(csv.reader(as_csv.open(encoding="utf-8-sig"), delimiter=";"))
    assert row[3] == "'" + owner  # Excel shows it as text and runs nothing
    [report] = await stored(settings)
    assert report.answers["needs"] == (
        "Vi trenger felles kompetanse[0m på skolefravær og tidlig innsats."
    )


async def test_pasted_control_characters_never_make_an_answer_too_large_to_relay(
    bot: Client, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    coordinator: dict[str, Any] = {
        "conversation": "a:coordinator",
        "user": "29:coordinator",
        "service_url": teams.url,
    }
    installed = activity("conversationUpdate", membersAdded=[{"id": BOT_ID}], **coordinator)
    installed["from"]["aadObjectId"] = fosen_coordinator
    await post(bot, installed)
    asker: dict[str, Any] = {
        "conversation": "a:asker",
        "user": "29:asker",
        "service_url": teams.url,
    }
    # Pasted from a terminal: each control character takes six bytes in a card's JSON.
    pasted = "Hvor parkerer jeg ved fylkeshuset?" + "\x1b" * 960
    fallback = await say(bot, pasted, **asker)
    await say(bot, "Jeg hører til Fosen", **asker)
    await post(bot, activity(value=button(fallback, "Spør koordinatoren"), **asker))
    [question] = await teams.wait_for_posts("a:coordinator")
    data = question.activity["attachments"][0]["content"]["actions"][0]["data"]

    def answer(text: str) -> dict[str, Any]:
        body = activity(value={**data, "answer": text}, **coordinator)
        body["from"]["aadObjectId"] = fosen_coordinator
        return body

    # The door takes control characters out (each took six bytes in a card's JSON, and this
    # answer once made a card over Teams' limit): the longest answer is relayed whole.
    sent = await post(bot, answer("Nei, det dekkes ikke." + "\x1b" * 3979))
    assert "Svaret er sendt" in texts(sent)
    [relayed] = await teams.wait_for_posts("a:asker")
    assert "Nei, det dekkes ikke." in texts([relayed.activity])
    assert "\x1b" not in json.dumps(relayed.activity)
