"""Cards: valid Adaptive Card 1.5, within Teams' size limit, safe against any text."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import jsonschema
import pytest

from bot.replies import WELCOME
from cards.payloads import AskPayload, PayloadError, parse_payload
from cards.renderer import CardRenderer, CardTooLarge
from cards.text import card_to_text
from cards.views import Bar, BarsCard, Button, ChoiceCard, Fact, FactsCard
from tests.activities import actions


def schema() -> dict[str, Any]:
    """The official 1.5 schema, with Teams' root `msteams` extension allowed."""
    loaded: dict[str, Any] = json.loads(
        files("adaptive_cards").joinpath("schemas/schema-1.5.json").read_text()
    )
    loaded["definitions"]["AdaptiveCard"]["properties"]["msteams"] = {"type": "object"}
    return loaded


def validate(card: dict[str, Any]) -> None:
    jsonschema.validate(card, schema())
    assert len(json.dumps(card).encode()) <= 28 * 1024


def choice(title: str = "Hvor jobber du?") -> ChoiceCard:
    return ChoiceCard(title=title, text="Velg", choices=[Button(title="Skole", text="Skole")])


FACTS = FactsCard(
    title="Rammen til Fosen for 2027",
    headline="Estimert ramme: kr 849 716",
    facts=[Fact(title="Grunntilskudd", value="kr 250 000")],
    notes=["Ørland hører til Fosen."],
    warning="Merk: tallene er eksempeldata.",
    source="Kilde: plan",
    buttons=[Button(title="Alle frister", text="frister")],
)
BARS = BarsCard(
    title="Rammene for 2027",
    headline="2 nettverk",
    bars=[
        Bar(label="Fosen", value="kr 2", percent=100),
        Bar(label="Røros", value="kr 1", percent=50),
    ],
)


def test_every_card_is_valid_adaptive_card_1_5() -> None:
    renderer = CardRenderer()
    minimal = FactsCard(title="t", headline="h")
    for view in (WELCOME["nb"], WELCOME["nn"], choice(), FACTS, minimal, BARS):
        card = renderer.render(view)
        assert card["version"] == "1.5"
        validate(card)


def test_values_cannot_break_the_card_json() -> None:
    nasty = 'Fosen", "type": "Action.OpenUrl" } ] } {{ <at>x</at> \\ \n æøå'

    card = CardRenderer().render(choice(title=nasty))

    validate(card)
    assert card["body"][0]["text"] == nasty
    assert [action["type"] for action in actions(card)] == ["Action.Submit"]


def test_a_card_over_the_teams_limit_is_refused() -> None:
    many = ChoiceCard(title="x" * 30_000, text="y", choices=[Button(title="Skole", text="Skole")])

    with pytest.raises(CardTooLarge):
        CardRenderer().render(many)


def test_buttons_carry_a_typed_payload() -> None:
    card = CardRenderer().render(WELCOME["nb"])

    payloads = [parse_payload(action["data"]) for action in actions(card)]

    assert [p.text for p in payloads if isinstance(p, AskPayload)] == [
        b.text for b in WELCOME["nb"].examples
    ]
    for stale in ({"action": "vote"}, {"text": "hei"}, "hei", None, {"action": "ask", "text": ""}):
        with pytest.raises(PayloadError):
            parse_payload(stale)


def test_cards_read_as_text_with_numbered_buttons_and_inputs() -> None:
    card = {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": [
            {"type": "TextBlock", "text": "Behovsmelding", "weight": "Bolder"},
            {"type": "FactSet", "facts": [{"title": "Frist", "value": "1. februar 2027"}]},
            {"type": "Input.Text", "id": "eier", "label": "Eier", "isRequired": True},
            {
                "type": "Input.ChoiceSet",
                "id": "type",
                "label": "Type",
                "choices": [{"title": "Kommunal", "value": "kommunal"}],
            },
        ],
        "actions": [{"type": "Action.Submit", "title": "Send", "data": {"action": "send"}}],
    }

    text = card_to_text(card)

    assert text.render().splitlines() == [
        "** Behovsmelding **",
        "  Frist: 1. februar 2027",
        "  (*) Eier",
        "  ( ) Type",
        "  [1] Send",
    ]
    assert [i.id for i in text.inputs] == ["eier", "type"]
    assert text.inputs[1].choices == [("Kommunal", "kommunal")]


def test_bars_read_as_text_with_drawn_bars() -> None:
    lines = card_to_text(CardRenderer().render(BARS)).render().splitlines()

    assert lines[2] == "Fosen  ████████████████████  kr 2"
    assert lines[3] == "Røros  ██████████  kr 1"


def test_a_leading_number_is_text_in_teams_and_reads_as_written_elsewhere() -> None:
    view = FactsCard(
        title="3. Beslutningsgrunnlag",
        headline="1. februar 2027 (om 7 dager)",
        facts=[Fact(title="2. Behovsmelding", value="10. januar 2027")],
        notes=["Kriteriene:\n1. lokale behov\n2. arbeidsplassbasert", "Frist 1. mars."],
    )

    card = CardRenderer().render(view)

    # Escaped for Teams' Markdown (a list further down is meant as a list and stays one).
    assert [block.get("text") for block in card["body"]] == [
        "3\\. Beslutningsgrunnlag",
        "1\\. februar 2027 (om 7 dager)",
        None,
        "Kriteriene:\n1. lokale behov\n2. arbeidsplassbasert",
        "Frist 1. mars.",
    ]
    assert card["body"][2]["facts"] == [
        {"title": "2\\. Behovsmelding", "value": "10\\. januar 2027"}
    ]
    # `laget chat` shows the text as a Teams user reads it.
    assert card_to_text(card).render().splitlines()[:3] == [
        "** 3. Beslutningsgrunnlag **",
        "1. februar 2027 (om 7 dager)",
        "  2. Behovsmelding: 10. januar 2027",
    ]


def test_choices_are_one_button_a_line_in_the_body() -> None:
    view = ChoiceCard(
        title="Hvor jobber du?",
        text="Velg",
        choices=[
            Button(title="Kommune eller annen eier", text="eier"),
            Button(title="Skole", text="Skole"),
        ],
    )

    card = CardRenderer().render(view)

    assert "actions" not in card
    sets = [element for element in card["body"] if element["type"] == "ActionSet"]
    assert [[action["title"] for action in s["actions"]] for s in sets] == [
        ["Kommune eller annen eier"],
        ["Skole"],
    ]
    assert [b.title for b in card_to_text(card).buttons] == ["Kommune eller annen eier", "Skole"]


def test_in_text_the_bodys_buttons_stand_where_the_card_shows_them() -> None:
    card = CardRenderer().render(WELCOME["nb"])

    lines = card_to_text(card).render().splitlines()

    examples = lines.index("Prøv for eksempel:")
    assert lines[examples + 1].startswith("  [1] ")
    assert lines[-1].startswith("Skriv «hjelp»")
