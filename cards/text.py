"""Adaptive Cards as plain text, for `laget chat` and screen-reader-like use.

A card becomes its title, text and facts as lines, its buttons numbered, and its inputs listed
so a terminal can ask for them one by one and submit the card. Text is shown as a Teams user
reads it, without the escapes the renderer adds for Teams' Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cards.markdown import unescape


@dataclass(frozen=True)
class CardInput:
    """An input field of a card (Input.Text, Input.Number, Input.ChoiceSet, ...)."""

    id: str
    label: str
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)  # (title, value)
    multi: bool = False
    value: str = ""  # what the field holds now (kept when the terminal answer is empty)


@dataclass(frozen=True)
class CardButton:
    """A button; `data` is what pressing it submits (None for links)."""

    title: str
    data: dict[str, Any] | None
    url: str | None = None


@dataclass
class TextCard:
    """The text rendering of one card."""

    lines: list[str] = field(default_factory=list)
    inputs: list[CardInput] = field(default_factory=list)
    buttons: list[CardButton] = field(default_factory=list)
    # Buttons of an ActionSet in the body, by their index in `buttons`, and the line they
    # follow: they are shown there, as the card shows them, not with the card's own actions.
    inline: dict[int, int] = field(default_factory=dict)

    def render(self) -> str:
        """Lines (with the body's buttons where they stand), the inputs, then the card's own
        buttons; every button numbered from 1 in the order they are pressed by number."""
        after: dict[int, list[str]] = {}
        rest: list[str] = []
        for index, button in enumerate(self.buttons):
            suffix = f" -> {button.url}" if button.url else ""
            line = f"  [{index + 1}] {button.title}{suffix}"
            if index in self.inline:
                after.setdefault(self.inline[index], []).append(line)
            else:
                rest.append(line)
        out: list[str] = list(after.get(0, []))
        for number, text in enumerate(self.lines, start=1):
            out.append(text)
            out += after.get(number, [])
        out += [f"  ({'*' if i.required else ' '}) {i.label}" for i in self.inputs]
        return "\n".join(out + rest)


def card_to_text(card: dict[str, Any]) -> TextCard:
    """Flatten a card's body and actions into a TextCard."""
    result = TextCard()
    _elements(card.get("body", []), result, first=[True])
    _actions(card.get("actions", []), result)
    return result


def _elements(elements: list[dict[str, Any]], out: TextCard, first: list[bool]) -> None:
    for element in elements:
        kind = element.get("type", "")
        if kind == "TextBlock":
            text = unescape(str(element.get("text", "")))
            bold = element.get("weight") == "Bolder" or element.get("size") in ("Large", "Medium")
            out.lines.append(f"** {text} **" if bold and first[0] else text)
            first[0] = False
        elif kind == "FactSet":
            out.lines += [
                f"  {unescape(str(f.get('title', '')))}: {unescape(str(f.get('value', '')))}"
                for f in element["facts"]
            ]
        elif kind in ("Container", "Column"):
            _elements(element.get("items", []), out, first)
        elif kind == "ColumnSet":
            out.lines.append(_columns_line(element))
        elif kind == "ActionSet":
            first_new = len(out.buttons)
            _actions(element.get("actions", []), out)
            for index in range(first_new, len(out.buttons)):
                out.inline[index] = len(out.lines)
        elif kind.startswith("Input."):
            out.inputs.append(_input(element))


def _columns_line(column_set: dict[str, Any]) -> str:
    """Columns side by side on one line (a bar chart's row: label, bar, value)."""
    parts: list[str] = []
    for column in column_set.get("columns", []):
        text = " ".join(_texts(column.get("items", []))).strip()
        if text:
            parts.append(text)
    return "  ".join(parts)


def _texts(items: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for item in items:
        if item.get("type") == "TextBlock":
            found.append(unescape(str(item.get("text", ""))))
        elif item.get("type") == "ColumnSet":
            found.append(_columns_line(item))
        else:
            found += _texts(item.get("items", []))
    return found


def _input(element: dict[str, Any]) -> CardInput:
    label = element.get("label") or element.get("placeholder") or element.get("id", "")
    choices = [
        (str(c.get("title", "")), str(c.get("value", ""))) for c in element.get("choices", [])
    ]
    if element.get("type") == "Input.Toggle":
        choices = [
            ("Ja", element.get("valueOn", "true")),
            ("Nei", element.get("valueOff", "false")),
        ]
    return CardInput(
        id=str(element.get("id", "")),
        label=str(label),
        required=bool(element.get("isRequired", False)),
        choices=choices,
        multi=bool(element.get("isMultiSelect", False)),
        value="" if element.get("value") is None else str(element.get("value")),
    )


def _actions(actions: list[dict[str, Any]], out: TextCard) -> None:
    for action in actions:
        kind = action.get("type")
        title = str(action.get("title", ""))
        if kind in ("Action.Submit", "Action.Execute"):
            data = action.get("data")
            out.buttons.append(CardButton(title, data if isinstance(data, dict) else {}))
        elif kind == "Action.OpenUrl":
            out.buttons.append(CardButton(title, None, url=str(action.get("url", ""))))
        elif kind == "Action.ShowCard":
            out.buttons.append(CardButton(title, None))
