"""The intents Laget recognises, and the labelled examples (data/intents.yaml) it learns from.

Every intent is answered one of three ways: from the scheme's data (dates, amounts: the existing
`bot.qa.answers` and `knowledge.fixed_posts_answer`), from prose in `data/knowledge.yaml`, or by the
conversation layer (help, greeting). `OUT_OF_SCOPE` is not an answer: its examples are questions
that use the domain's words but ask something else ("fristen for å søke barnehageplass"); they
teach the recogniser where the scheme ends, and a question nearest to them falls back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.scheme import Lang

DATA_DIR = Path(__file__).parent / "data"
INTENTS_FILE = DATA_DIR / "intents.yaml"


class Intent(StrEnum):
    """What a message asks for."""

    DEADLINE = "deadline"  # one step's deadline (the step is an entity)
    NEXT_DEADLINE = "next_deadline"
    CALENDAR = "calendar"
    DAYS_LEFT = "days_left"
    FRAME = "frame"  # one network's ramme (network or municipality entity)
    COUNTY_FRAMES = "county_frames"
    FIXED_POSTS = "fixed_posts"
    MONEY_DISTRIBUTION = "money_distribution"
    FELLESTILTAK = "fellestiltak"
    WHO_DOES_WHAT = "who_does_what"
    COORDINATOR_TASKS = "coordinator_tasks"
    CONDITIONS = "conditions"
    TARGET_GROUP = "target_group"
    FIVE_PARTS = "five_parts"
    TOPICS = "topics"
    JOINT_MEASURES = "joint_measures"
    ALLOWED_USE = "allowed_use"
    EGENANDEL = "egenandel"
    PRIVATE_OWNERS = "private_owners"
    REKOM_DEKOM = "rekom_dekom"
    GOALS = "goals"
    NEEDS_REPORT = "needs_report"  # what a behovsmelding is
    DECISION_BASIS = "decision_basis"  # what the beslutningsgrunnlag is
    HOW_TO_APPLY = "how_to_apply"  # «søknadsfrist», «hvordan søker vi»: there is no application
    UH_PARTNER = "uh_partner"  # must a university or college be in the partnership
    SCHOOL_ABSENCE = "school_absence"  # money for measures against alvorlig skolefravær
    WITHIN_FRAME = "within_frame"  # must the beslutningsgrunnlag stay within the frame
    HELP = "help"
    GREETING = "greeting"
    SET_NETWORK = "set_network"
    UNKNOWN_ANSWER = "unknown_answer"  # in scope, but no source answers it: say so, say who knows
    OUT_OF_SCOPE = "out_of_scope"


DATA_INTENTS = frozenset(
    {
        Intent.DEADLINE,
        Intent.NEXT_DEADLINE,
        Intent.CALENDAR,
        Intent.DAYS_LEFT,
        Intent.FRAME,
        Intent.COUNTY_FRAMES,
        Intent.FIXED_POSTS,
        Intent.SET_NETWORK,
    }
)
CONVERSATION_INTENTS = frozenset({Intent.HELP, Intent.GREETING})
KNOWLEDGE_INTENTS = frozenset(Intent) - DATA_INTENTS - CONVERSATION_INTENTS - {Intent.OUT_OF_SCOPE}

MIN_EXAMPLES = 10
MAX_EXAMPLES = 60  # deadline covers six steps, each also the subject of its own questions
MAX_OUT_OF_SCOPE = 150


@dataclass(frozen=True)
class Example:
    """One labelled training sentence."""

    text: str
    intent: Intent
    lang: Lang


class _Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    nb: list[str] = Field(min_length=1)
    nn: list[str] = Field(min_length=1)


class _IntentsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    intents: dict[Intent, _Examples]

    @model_validator(mode="after")
    def _complete(self) -> _IntentsFile:
        missing = [intent.value for intent in Intent if intent not in self.intents]
        if missing:
            raise ValueError(f"intents without examples: {', '.join(missing)}")
        for intent, examples in self.intents.items():
            count = len(examples.nb) + len(examples.nn)
            most = MAX_OUT_OF_SCOPE if intent is Intent.OUT_OF_SCOPE else MAX_EXAMPLES
            if not MIN_EXAMPLES <= count <= most:
                raise ValueError(f"{intent.value}: {count} examples, want {MIN_EXAMPLES}–{most}")
        texts = [t.casefold() for e in self.intents.values() for t in (*e.nb, *e.nn)]
        duplicates = sorted({t for t in texts if texts.count(t) > 1})
        if duplicates:
            raise ValueError(f"examples listed more than once: {duplicates}")
        return self


def load_examples(path: Path = INTENTS_FILE) -> list[Example]:
    """Every training example in `path`, checked: each intent present, 10–60 examples each."""
    with path.open(encoding="utf-8") as file:
        parsed = _IntentsFile.model_validate(yaml.safe_load(file))
    found: list[Example] = []
    for intent, examples in parsed.intents.items():
        found += [Example(text, intent, "nb") for text in examples.nb]
        found += [Example(text, intent, "nn") for text in examples.nn]
    return found
