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
