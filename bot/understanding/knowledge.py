"""What Laget knows as prose (data/knowledge.yaml), and the fixed posts formatted from the data.

Every prose answer names its sources (a seed document and a human title). Dates and amounts are
never typed into the prose: deadlines and frames come from `bot.qa.answers`, and the fixed
posts from `fixed_posts_answer`, which formats `region.fixed_posts` with `format_money`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.scheme import Lang, Localized, RegionData, format_money
from bot.understanding.intents import (
    CONVERSATION_INTENTS,
    DATA_DIR,
    KNOWLEDGE_INTENTS,
    Intent,
)

KNOWLEDGE_FILE = DATA_DIR / "knowledge.yaml"
_SOURCE_WORD: dict[Lang, tuple[str, str]] = {"nb": ("Kilde", "Kilder"), "nn": ("Kjelde", "Kjelder")}


class Source(BaseModel):
    """A document an answer is based on: the seed file (None for other sources) and its title."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str | None
    title: str = Field(min_length=1)
    title_nn: str | None = None  # where the title is Laget's own words, their nynorsk form

    def titled(self, lang: Lang) -> str:
        """The title in `lang` (a document's own title stays as the document has it)."""
        return self.title_nn if lang == "nn" and self.title_nn else self.title


class _Text(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    nb: str = Field(min_length=1)
    nn: str = Field(min_length=1)


class _Entry(_Text):
    sources: list[str]


class _KnowledgeFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: dict[str, Source]
    labels: dict[Intent, _Text]
    answers: dict[Intent, _Entry]
    fallback: _Text

    @model_validator(mode="after")
    def _complete(self) -> _KnowledgeFile:
        wanted = KNOWLEDGE_INTENTS | CONVERSATION_INTENTS
        missing = sorted(i.value for i in wanted if i not in self.answers)
        unlabelled = sorted(i.value for i in Intent if i not in self.labels)
        unlabelled.remove(Intent.OUT_OF_SCOPE.value)
        unknown = {s for e in self.answers.values() for s in e.sources} - set(self.sources)
        if missing or unlabelled or unknown:
            raise ValueError(f"missing answers {missing}, labels {unlabelled}, sources {unknown}")
        return self


@dataclass(frozen=True)
class Answer:
    """A prose answer and the documents it is based on."""

    text: str
    sources: tuple[Source, ...]

    def with_sources(self, lang: Lang = "nb") -> str:
        """The text followed by a "Kilde: …" / "Kjelde: …" line (when it has sources)."""
        if not self.sources:
            return self.text
        one, many = _SOURCE_WORD[lang]
        titles = "; ".join(source.titled(lang) for source in self.sources)
        return f"{self.text}\n\n{one if len(self.sources) == 1 else many}: {titles}"


class KnowledgeBase:
    """The prose answers, suggestion labels and fallback text, in bokmål and nynorsk."""

    def __init__(self, path: Path = KNOWLEDGE_FILE) -> None:
        """Load and check `path` (default: data/knowledge.yaml)."""
        with path.open(encoding="utf-8") as file:
            self._file = _KnowledgeFile.model_validate(yaml.safe_load(file))

    def answer(self, intent: Intent, lang: Lang = "nb") -> Answer | None:
        """The prose answer for `intent`, or None when the intent is answered from data."""
        entry = self._file.answers.get(intent)
        if entry is None:
            return None
        sources = tuple(self._file.sources[key] for key in entry.sources)
        return Answer(entry.nb if lang == "nb" else entry.nn, sources)

    def label(self, intent: Intent, lang: Lang = "nb") -> str:
        """A short name for `intent`, for a "Mente du …?" suggestion."""
        text = self._file.labels[intent]
        return text.nb if lang == "nb" else text.nn

    def fallback(self, lang: Lang = "nb") -> str:
        """What to say when the question is outside what the bot covers (with examples)."""
        return self._file.fallback.nb if lang == "nb" else self._file.fallback.nn

    def texts(self) -> list[str]:
        """Every prose text, both languages (the recogniser's known words include these)."""
        entries = [*self._file.answers.values(), *self._file.labels.values(), self._file.fallback]
        return [text for entry in entries for text in (entry.nb, entry.nn)]


_FIXED: dict[str, Localized] = {
    "intro": Localized(
        nb="Faste årlige poster, som settes av før resten fordeles til nettverkene:",
        nn="Faste årlege postar, som blir sette av før resten blir fordelt til nettverka:",
    ),
    "meetings": Localized(nb="Møtevirksomhet: {amount}", nn="Møteverksemd: {amount}"),
    "ppt": Localized(nb="PPT-ledernettverket: {amount}", nn="PPT-leiarnettverket: {amount}"),
    "coordination": Localized(
        nb="Koordinering: {each} til hvert av de {count} nettverkene{extra}, til sammen {total}",
        nn="Koordinering: {each} til kvart av dei {count} nettverka{extra}, til saman {total}",
    ),
    "extra": Localized(nb="{amount} ekstra til {name}", nn="{amount} ekstra til {name}"),
    "and": Localized(nb=", og i tillegg ", nn=", og i tillegg "),
}


def fixed_posts_answer(region: RegionData, lang: Lang = "nb") -> Answer:
    """The region's fixed yearly posts (møtevirksomhet, PPT-ledernettverket, koordinering)."""
    posts = region.fixed_posts
    count = len(region.networks)
    extras = [
        _FIXED["extra"].get(lang).format(amount=format_money(amount), name=region.network(key).name)
        for key, amount in posts.koordinering_extra.items()
    ]
    total = posts.koordinering_per_network * count + sum(posts.koordinering_extra.values())
    lines = [
        _FIXED["meetings"].get(lang).format(amount=format_money(posts.moetevirksomhet)),
        _FIXED["ppt"].get(lang).format(amount=format_money(posts.ppt_ledernettverket)),
        _FIXED["coordination"]
        .get(lang)
        .format(
            each=format_money(posts.koordinering_per_network),
            count=count,
            extra=_FIXED["and"].get(lang) + " og ".join(extras) if extras else "",
            total=format_money(total),
        ),
    ]
    text = "\n".join([_FIXED["intro"].get(lang), *(f"- {line}." for line in lines)])
    return Answer(text, (Source(file=None, title=region.source or region.name),))
