"""View-models of the cards: what a card shows, typed, with no card JSON in sight."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, model_validator


class Button(BaseModel):
    """A button: it says `text` to the bot as if typed, or submits `data` (a typed payload)."""

    title: str = Field(max_length=80)
    text: str = Field(default="", max_length=500)
    data: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _says_or_submits(self) -> Button:
        if not self.text and self.data is None:
            raise ValueError("a button needs text or data")
        return self


class WelcomeCard(BaseModel):
    """The greeting on install and on "hjelp": what Laget does, with example questions."""

    title: str
    intro: str
    abilities: list[str]
    examples: list[Button] = Field(max_length=6)
    footer: str


class ChoiceCard(BaseModel):
    """A question with a few answers as buttons (also answerable by typing)."""

    title: str
    text: str
    choices: list[Button] = Field(min_length=1, max_length=10)


class Fact(BaseModel):
    """One line of a fact list: a label and its value."""

    title: str
    value: str


class FactsCard(BaseModel):
    """An answer: a title, a headline, facts, notes, a warning (e.g. example data), a source."""

    title: str
    headline: str
    facts: list[Fact] = []
    notes: list[str] = []
    warning: str | None = None
    source: str | None = None
    buttons: list[Button] = Field(default=[], max_length=5)


class Bar(BaseModel):
    """One row of a bar chart: a label, the value as text, and its length in percent."""

    label: str
    value: str
    percent: int = Field(ge=0, le=100)


class BarsCard(BaseModel):
    """Values side by side, each with a bar, for a quick comparison."""

    title: str
    headline: str
    bars: list[Bar] = Field(min_length=1, max_length=30)
    notes: list[str] = []
    warning: str | None = None
    source: str | None = None


class FormInput(BaseModel):
    """One input of a card form, with its current value and, after a failed submit, its error."""

    id: str
    label: str
    kind: str  # text, multiline, number, choice, choices, toggle
    value: str = ""
    choices: list[tuple[str, str]] = []  # (title, value)
    required: bool = False
    max_length: int = 2000
    error: str | None = None
    warning: str | None = None


class FormCard(BaseModel):
    """A form: inputs shown together, a submit button carrying a typed payload."""

    title: str
    intro: list[str] = []
    error_summary: str | None = None
    inputs: list[FormInput] = Field(min_length=1, max_length=40)
    submit: Button
