"""The reminder card: valid Adaptive Card 1.5 in every variant, in bokmål, with typed buttons."""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import files
from typing import Any

import jsonschema
import pytest

from bot.reminders.card import ReminderCards
from bot.reminders.planning import PlannedReminder, Progress, StepProgress, Target, plan
from bot.reminders.rules import ReminderRules
from bot.scheme.models import RegionData
from cards.reminder_views import ReminderPayload
from tests.reminders.conftest import COORDINATOR, SEVEN_DAYS

CHANNEL = Target("channel", "fosen", "19:fosen@thread.tacv2", "19:fosen@thread.tacv2")
COORD = Target("coordinator", "fosen", COORDINATOR, "a:kari")
OSEN = Target("owner", "fosen", "aad-osen", "a:osen", owner_id="Osen")
BEHOVSMELDING_WEEK = dt.datetime(2027, 1, 3, 8, 0, tzinfo=dt.UTC)
THREE_SENT = Progress(
    {
        ("fosen", "behovsmelding", 2027): StepProgress(
            owners=frozenset({"Indre Fosen", "Osen", "Åfjord", "Ørland"}),
            submitted=frozenset({"Indre Fosen", "Åfjord", "Ørland"}),
        )
    }
)


def schema() -> dict[str, Any]:
    """The official 1.5 schema, with Teams' root `msteams` extension allowed."""
    loaded: dict[str, Any] = json.loads(
        files("adaptive_cards").joinpath("schemas/schema-1.5.json").read_text()
    )
    loaded["definitions"]["AdaptiveCard"]["properties"]["msteams"] = {"type": "object"}
    return loaded


def valid(card: dict[str, Any]) -> dict[str, Any]:
    jsonschema.validate(card, schema())
    assert card["version"] == "1.5"
    assert len(json.dumps(card, ensure_ascii=False).encode()) <= 28 * 1024
    return card


def reminder(
    region: RegionData, rules: ReminderRules, target: Target, now: dt.datetime
) -> PlannedReminder:
    [found] = plan(region, rules, [target], Progress(), now)
    return found


def texts(card: dict[str, Any]) -> list[str]:
    return [block["text"] for block in card["body"] if block["type"] == "TextBlock"]


def buttons(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {action["title"]: action["data"] for action in card.get("actions", [])}


def test_a_channel_reminder_says_what_is_due_and_when(
    region: RegionData, rules: ReminderRules
) -> None:
    due = reminder(region, rules, CHANNEL, SEVEN_DAYS)

    card = valid(ReminderCards(region, rules).render(due, Progress(), SEVEN_DAYS))

    assert texts(card)[:3] == [
        "Påminnelse: Beslutningsgrunnlag",
        "Fristen for beslutningsgrunnlag er 1. februar 2027 (om 7 dager).",
        "Partnerskapet sender beslutningsgrunnlaget til samarbeidsforum.",
    ]
    facts = {fact["title"]: fact["value"] for fact in card["body"][3]["facts"]}
    # The date's full stop is escaped, so Teams does not show it as a numbered list.
    assert facts["Nettverk"] == "Fosen" and facts["Frist"] == "1\\. februar 2027"
    assert buttons(card) == {
        "Rammen vår": {"action": "ask", "text": "Hva er rammen til Fosen?"},
        "Marker som ferdig": {"action": "reminder", "op": "done", "reminder": due.key},
    }


def test_only_a_personal_reminder_can_be_snoozed(region: RegionData, rules: ReminderRules) -> None:
    due = reminder(region, rules, COORD, SEVEN_DAYS)

    card = valid(ReminderCards(region, rules).render(due, Progress(), SEVEN_DAYS))

    snooze = ReminderPayload.model_validate(buttons(card)["Utsett"])
    assert (snooze.op, snooze.reminder) == ("snooze", due.key)


def test_the_behovsmelding_card_shows_who_has_sent(
    region: RegionData, rules: ReminderRules
) -> None:
    due = reminder(region, rules, CHANNEL, BEHOVSMELDING_WEEK)

    card = valid(ReminderCards(region, rules).render(due, THREE_SENT, BEHOVSMELDING_WEEK))

    assert "Fra 3 av 4 kommuner har en eier sendt behovsmelding (frivillig)." in texts(card)
    assert "Ingen behovsmelding ennå fra: Osen." in texts(card)
    assert buttons(card)["Ny behovsmelding"] == {"action": "ask", "text": "ny behovsmelding"}
    # Fosen's date comes from the 2027 file, which holds example data: the card says so.
    assert "Merk: tallene er eksempeldata, ikke vedtatte tall." in texts(card)


def test_an_owner_is_told_what_is_missing(region: RegionData, rules: ReminderRules) -> None:
    due = reminder(region, rules, OSEN, BEHOVSMELDING_WEEK)

    card = valid(ReminderCards(region, rules).render(due, THREE_SENT, BEHOVSMELDING_WEEK))

    assert "Osen kan sende en behovsmelding til nettverket (frivillig)." in texts(card)
    assert not any(text.startswith("Ingen behovsmelding ennå") for text in texts(card))


@pytest.mark.parametrize(
    ("state", "title", "headline"),
    [
        (
            "done",
            "Levert: Beslutningsgrunnlag",
            "Nettverket er ferdig med beslutningsgrunnlag. Takk!",
        ),
        (
            "expired",
            "Fristen er ute: Beslutningsgrunnlag",
            "Fristen for beslutningsgrunnlag var 1. februar 2027.",
        ),
    ],
)
def test_the_final_variants_have_no_buttons_to_act_on(
    region: RegionData, rules: ReminderRules, state: str, title: str, headline: str
) -> None:
    due = reminder(region, rules, CHANNEL, SEVEN_DAYS)

    card = valid(ReminderCards(region, rules).render(due, Progress(), SEVEN_DAYS, state))  # type: ignore[arg-type]

    assert texts(card)[:2] == [title, headline]
    assert "actions" not in card


def test_names_cannot_break_the_card(region: RegionData, rules: ReminderRules) -> None:
    nasty = Target("owner", "fosen", "aad-x", "a:x", owner_id='Osen", "type": "Action.OpenUrl" }')
    due = reminder(region, rules, nasty, BEHOVSMELDING_WEEK)

    card = valid(ReminderCards(region, rules).render(due, Progress(), BEHOVSMELDING_WEEK))

    assert f"{nasty.owner_id} kan sende en behovsmelding til nettverket (frivillig)." in texts(card)
    assert {action["type"] for action in card["actions"]} == {"Action.Submit"}
