"""View-models of the cards: what a card shows, typed, with no card JSON in sight."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, Field, model_validator

# A card offers at most this many answers to pick from: Teams shows at most 6 of a card's
# actions, and a longer column of buttons is harder to read than a question typed again.
MAX_CHOICES = 6
BAR_BLOCK = "█"  # a bar of a bar chart is a row of these (20 at 100 percent)
METER_REST = "░"  # the part of a meter's bar not used


def shorten(text: str, limit: int = 40) -> str:
    """Free text (an owner's name) short enough for a button title: cut at a word, with «…».

    Teams cuts a long button title anyway, and a Button's title has a hard limit of 80.
    """
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0] if " " in words[: limit - 1] else words[: limit - 1]
    return cut.rstrip(" ,.;:-") + "…"


class CardView(BaseModel):
    """A card's view-model; `template` names its file in cards/templates (without .json.j2)."""

    template: ClassVar[str]


class Button(BaseModel):
    """A button: it says `text` to the bot as if typed, submits `data` (a typed payload), or
    opens `url` (an https or loopback address, such as a download link)."""

    title: str = Field(max_length=80)
    text: str = Field(default="", max_length=500)
    data: dict[str, Any] | None = None
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://")

    @model_validator(mode="after")
    def _says_or_submits(self) -> Button:
        if not self.text and self.data is None and self.url is None:
            raise ValueError("a button needs text, data or a url")
        return self


class WelcomeCard(CardView):
    """The greeting on install and on "hjelp": what Laget does, with example questions.

    The examples are shown one button a line under `examples_intro`.
    """

    template: ClassVar[str] = "welcome"

    title: str
    intro: str
    abilities: list[str]
    examples_intro: str
    examples: list[Button] = Field(max_length=6)
    footer: str


class ChoiceCard(CardView):
    """A question with a few answers as buttons, one a line (also answerable by typing)."""

    template: ClassVar[str] = "choice"

    title: str
    text: str
    choices: list[Button] = Field(min_length=1, max_length=MAX_CHOICES)


class Fact(BaseModel):
    """One line of a fact list: a label and its value."""

    title: str
    value: str


class Meter(BaseModel):
    """An amount against its limit (a budget against the frame): a label, the amounts as text,
    and a bar of 20 blocks, full at 100 percent; `over` colours it as a warning."""

    label: str
    value: str
    percent: int = Field(ge=0)
    over: bool = False

    @property
    def blocks(self) -> str:
        """The bar: filled blocks for the share used, light ones for the rest."""
        filled = min(round(self.percent / 5), 20)
        return BAR_BLOCK * filled + METER_REST * (20 - filled)


class FactsCard(CardView):
    """An answer: a title, a headline, facts, notes, a warning (e.g. example data), a source.

    `buttons` share one row at the bottom, so their titles must be short ("Send inn", "👍");
    `choices` (e.g. one per report) are shown one button a line under the notes.
    """

    template: ClassVar[str] = "facts"

    title: str
    headline: str
    meter: Meter | None = None
    facts: list[Fact] = []
    notes: list[str] = []
    warning: str | None = None
    source: str | None = None
    choices: list[Button] = Field(default=[], max_length=MAX_CHOICES)
    buttons: list[Button] = Field(default=[], max_length=5)


class Bar(BaseModel):
    """One row of a bar chart: a label, the value as text, and its length in percent."""

    label: str
    value: str
    percent: int = Field(ge=0, le=100)

    @property
    def blocks(self) -> str:
        """The bar drawn as text: one block per 5 percent, at least one for any value above 0."""
        return BAR_BLOCK * max(round(self.percent / 5), 1 if self.percent else 0)


class BarsCard(CardView):
    """Values side by side, each with a bar, for a quick comparison."""

    template: ClassVar[str] = "bars"

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
    error_message: str | None = None  # Teams' own note on a required input left empty


class FormCard(CardView):
    """A form: inputs shown together, a submit button carrying a typed payload."""

    template: ClassVar[str] = "form"

    title: str
    intro: list[str] = []
    meter: Meter | None = None
    error_summary: str | None = None
    inputs: list[FormInput] = Field(min_length=1, max_length=40)
    submit: Button
