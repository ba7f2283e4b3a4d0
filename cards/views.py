"""View-models of the cards: what a card shows, typed, with no card JSON in sight."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Button(BaseModel):
    """A button that, when pressed, says `text` to the bot as if the user had typed it."""

    title: str = Field(max_length=80)
    text: str = Field(max_length=500)


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
