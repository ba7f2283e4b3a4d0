"""Which intent a Norwegian message has, how sure we are, and what it names.

Technique (offline; fitted from data/intents.yaml once and kept in a cache file, see
`bot.understanding.model`, so serving needs neither scikit-learn, SciPy nor numpy): the
message is normalised (`normalise`), the place and year it names are masked ("hvor mye får Fosen
2027" → "hvor mye får xsted xår", so a place never decides the intent), and two TF-IDF views are
joined: character n-grams (char_wb 2–5: typos, inflection) and words + word pairs over Snowball
stems. One-vs-rest logistic regressions give a probability per intent; out_of_scope is one of the
classes, trained on near-domain negatives. Then three rules, each of which measurably cut
confident mistakes: a message with novel words (in no in-scope example, no knowledge text and no
everyday word: "karakterene", "vikar") is pushed towards out_of_scope in proportion to their share;
set_network needs "jeg/vi/mitt…" and a place; deadline, next_deadline and days_left need a word
about time.

Bands: "answer" when the top intent is in scope, has ≥ ANSWER_AT and leads the runner-up by
≥ MARGIN; "suggest" ("mente du …?") when the top intent is in scope and has ≥ SUGGEST_AT; else
"fallback" (always when out_of_scope is on top).
The thresholds were measured on 5-fold cross-validation of the training set (86.6 % answered
right, 1.6 % confident out-of-scope) and on the benchmark (evaluate.py); looser ones raised the
benchmark's confident out-of-scope answers, stricter ones lost right answers.
A recogniser is immutable after construction: one instance may serve concurrent requests.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Literal

from bot.scheme import Lang, Network, RegionData
from bot.scheme.models import normalise_name
from bot.understanding.intents import Example, Intent, load_examples
from bot.understanding.knowledge import KnowledgeBase
from bot.understanding.language import detect_language
from bot.understanding.model import Model, cache_dir, fingerprint, fit, load, save
from bot.understanding.normalise import common_stems, normalise, stem
from bot.understanding.questions import find_network

log = logging.getLogger(__name__)

Band = Literal["answer", "suggest", "fallback"]

ANSWER_AT = 0.45
MARGIN = 0.15
SUGGEST_AT = 0.2
GATE_FACTOR = 0.3  # what a gated intent's probability is multiplied by when its sign is missing
NOVELTY_WEIGHT = 1.0  # added to out_of_scope, times the share of novel words in the message

_FIRST_PERSON = re.compile(r"\b(jeg|vi|mitt|min|vårt|vår|meg|oss|husk|lagre|sett|bytt)\b")
_TIME = re.compile(
    r"\b(frist\w*|når|dato\w*|innen|dager|dag|lenge|tid|uker|snart|neste|nærmeste|første\w*"
    r"|levere\w*|kommer|haster|gjenstår|igjen|tur|rekker)\b"
)
_WHEN_INTENTS = (Intent.DEADLINE, Intent.NEXT_DEADLINE, Intent.DAYS_LEFT)
_IN_SCOPE = frozenset(Intent) - {Intent.OUT_OF_SCOPE}
_PLACE_MASK, _YEAR_MASK = "xsted", "xår"
_MASKS = frozenset({stem(_PLACE_MASK), stem(_YEAR_MASK)})
_YEAR = re.compile(r"\b(20[2-9]\d)\b")
_MONTH_NAMES = "januar februar mars april mai juni juli august september oktober november desember"
_MONTHS = {month: number for number, month in enumerate(re.findall(r"\w+", _MONTH_NAMES), 1)}
_DATE_WORDS = re.compile(r"\b(\d{1,2})\.?\s*(" + "|".join(_MONTHS) + r")(?:\s+(20\d\d))?\b")
_DATE_DIGITS = re.compile(r"\b(\d{1,2})\.(\d{1,2})\b(?:\.(20\d\d))?")
_STEPS = [
    ("beslutningsgrunnlag", re.compile(r"\bbeslutningsgrunnlag\w*")),
    ("behovsmelding", re.compile(r"\bbehovsmelding\w*")),
    ("innstilling", re.compile(r"\binnstilling\w*")),
    ("vedtak", re.compile(r"\bvedtak(et|ene)?\b")),
    ("rapportering", re.compile(r"\brapport(en|ering\w*|ere|eres|erer)?\b")),
    ("egen-vurdering", re.compile(r"\b(egen ?vurdering\w*|ståsted\w*|kartlegging\w*)")),
]
_UNKNOWN_PLACE = re.compile(r"\b(?:til|for|i|hos|fra|frå|på|får)\s+([A-ZÆØÅ][a-zæøå]+)\b")
_NOT_PLACES = {"statsforvalteren", "statped", "dekom", "rekom", "kompetanseløftet", "trøndelag"}
_NOT_PLACES |= {"udir", "samarbeidsforum", "inkluderende", "inkluderingsanalysen", "teams"}


@dataclass(frozen=True)
class Day:
    """A day the message names ("1. februar", "15.3"); `year` only when it gives one."""

    day: int
    month: int
    year: int | None = None


@dataclass(frozen=True)
class Entities:
    """What a message names: a network, the place words, a step of the cycle, a year, a day."""

    network: Network | None = None
    place: str | None = None  # the words that named the network, or an unknown place ("Bergen")
    step_id: str | None = None
    year: int | None = None
    date: Day | None = None


@dataclass(frozen=True)
class Recognition:
    """The verdict on one message: every intent best first, the band, entities, closest example."""

    text: str
    lang: Lang
    intents: list[tuple[Intent, float]]
    band: Band
    entities: Entities
    # The training example most like the message, among the top intent's: found when asked
    # (only reviews and tests ask), since it costs as much as the scores themselves.
    nearest: Callable[[], str] = field(repr=False, compare=False)
    novel_words: tuple[str, ...] = ()  # stems seen in no in-scope example nor everyday speech

    @cached_property
    def matched(self) -> str:
        """The training example most like the message, among the top intent's."""
        return self.nearest()

    @property
    def intent(self) -> Intent:
        """The most likely intent."""
        return self.intents[0][0]

    @property
    def score(self) -> float:
        """The most likely intent's probability."""
        return self.intents[0][1]

    def suggestions(self, count: int = 3) -> list[Intent]:
        """The best in-scope intents, for a "mente du …?" reply."""
        in_scope: list[Intent] = [i for i, _ in self.intents if i is not Intent.OUT_OF_SCOPE]
        return in_scope[:count]


class Recognizer:
    """Recognises intents and entities in messages about one region's scheme."""

    def __init__(
        self,
        region: RegionData,
        examples: Sequence[Example] | None = None,
        knowledge: KnowledgeBase | None = None,
        *,
        cache: bool = True,
    ) -> None:
        """The model for `examples` (default: data/intents.yaml) and `region`: read from the
        cache file when one was fitted from the same inputs, else fitted (and cached).

        The words of `knowledge` (default: data/knowledge.yaml) count as known, not novel.
        """
        self._region = region
        self._names = {  # every name find_network can match: a cheap pre-check (it is slow)
            _padded(name)
            for network in region.networks
            for name in (network.name, network.id, *network.aliases, *network.members)
        } | {_padded(old) for old in region.former_municipalities}
        found = list(examples) if examples is not None else load_examples()
        knowledge = knowledge or KnowledgeBase()
        key = fingerprint(
            [f"{e.intent.value}\x1e{e.text}" for e in found]
            + list(knowledge.texts())
            + sorted(self._names)
        )
        path = cache_dir() / f"recognizer-{key}.model"
        self.cache_path = path
        cached = _cached(path) if cache else None
        if cached is None:
            cached = self._fit(found, knowledge)
            if cache:
                _store(cached, path)
        self.model: Model = cached
        self._classes = [Intent(label) for label in self.model.classes]
        self._index = {intent: i for i, intent in enumerate(self._classes)}

    def _fit(self, examples: list[Example], knowledge: KnowledgeBase) -> Model:
        prepared = [self._prepare(example.text)[0] for example in examples]
        known = [p for p, e in zip(prepared, examples, strict=True) if e.intent in _IN_SCOPE]
        known += [normalise(text) for text in knowledge.texts()]
        return fit(
            prepared,
            [stem(text) for text in prepared],
            [example.intent.value for example in examples],
            frozenset(word for text in known for word in stem(text).split()),
            [example.text for example in examples],
        )

    def recognize(self, text: str) -> Recognition:
        """The intents (best first), band, entities and closest example of one message."""
        prepared, entities = self._prepare(text)
        stemmed = stem(prepared)
        model = self.model
        decisions, row = model.decisions(prepared, stemmed)
        content = _content(stemmed)
        novel = self._novel(content)
        probabilities = self._adjust(
            [_sigmoid(d) for d in decisions], prepared, entities, novel, len(content)
        )
        ranked = sorted(zip(self._classes, probabilities, strict=True), key=lambda pair: -pair[1])
        best = ranked[0][0]
        lang = detect_language(text)
        nearest = partial(model.nearest, best.value, row)
        return Recognition(text, lang, ranked, _band(ranked), entities, nearest, novel)

    def _prepare(self, text: str) -> tuple[str, Entities]:
        """The normalised text with its place and years masked, and the entities found."""
        prepared = normalise(text)
        network, place = None, None
        padded = _padded(text)
        if any(name in padded for name in self._names):
            network, place = find_network(text, self._region)
        if place is None:
            unknown = (m.group(1) for m in _UNKNOWN_PLACE.finditer(text))
            place = next((w for w in unknown if normalise(w) not in _NOT_PLACES), None)
        if place is not None and normalise(place):
            prepared = re.sub(rf"\b{re.escape(normalise(place))}\b", _PLACE_MASK, prepared)
        year = _YEAR.search(prepared)
        step = next((step for step, pattern in _STEPS if pattern.search(prepared)), None)
        entities = Entities(
            network, place, step, int(year.group(1)) if year else None, _day(text.casefold())
        )
        return _YEAR.sub(_YEAR_MASK, prepared), entities

    def _novel(self, content: list[str]) -> tuple[str, ...]:
        """The message's content words (`_content`) that no in-scope example or everyday word has.

        A compound of known stems is not novel ("innstillingsfrist" = innstilling + s + frist).
        """
        return tuple(w for w in content if not self._compound(w))

    def _compound(self, word: str) -> bool:
        """Known, a prefix of a known word, or two known stems joined (with a linking s or e)."""
        known = self.model.vocabulary
        if word in known or len(word) >= 7 and any(k.startswith(word) for k in known):
            return True
        for cut in range(3, len(word) - 2):
            left, right = word[:cut], word[cut:]
            joined = left[:-1] if left.endswith(("s", "e")) else left
            if (left in known or joined in known or stem(left) in known) and (
                right in known or stem(right) in known
            ):
                return True
        return False

    def _adjust(
        self,
        probabilities: list[float],
        prepared: str,
        entities: Entities,
        novel: tuple[str, ...],
        content_words: int,
    ) -> list[float]:
        """Damp intents whose keyword sign is missing, push novel messages out, renormalise."""
        gated = list(probabilities)
        top = self._classes[gated.index(max(gated))]
        if (
            novel
            and top not in (Intent.GREETING, Intent.HELP)
            and Intent.OUT_OF_SCOPE in self._index
        ):
            share = len(novel) / content_words
            gated[self._index[Intent.OUT_OF_SCOPE]] += NOVELTY_WEIGHT * share * sum(gated)
        damped: list[Intent] = []
        has_place = entities.network is not None or entities.place is not None
        if not (has_place and _FIRST_PERSON.search(prepared)):
            damped.append(Intent.SET_NETWORK)
        if not _TIME.search(prepared):
            damped.extend(_WHEN_INTENTS)
        for intent in damped:
            if intent in self._index:
                gated[self._index[intent]] *= GATE_FACTOR
        total = sum(gated)
        return [p / total for p in gated]


def _cached(path: Path) -> Model | None:
    """The model in `path`, if there is a readable one."""
    if not path.is_file():
        return None
    try:
        return load(path)
    except (OSError, ValueError, KeyError) as error:  # a damaged file is fitted again
        log.warning("recogniser cache unreadable", extra={"error": type(error).__name__})
        return None


def _store(model: Model, path: Path) -> None:
    """Keep the model for the next start (a read-only cache only costs a refit)."""
    try:
        save(model, path)
    except OSError as error:
        log.warning("recogniser cache not written", extra={"error": type(error).__name__})


def _padded(text: str) -> str:
    """A place name or message as " word word ", folded like `normalise_name`, for `in` tests."""
    return " " + " ".join(re.findall(r"\w+", normalise_name(text))) + " "


def _content(stemmed: str) -> list[str]:
    """The stems of the content words: four letters or more, not everyday words, not masks."""
    common = common_stems()
    return [w for w in stemmed.split() if len(w) >= 4 and w not in common | _MASKS]


def _sigmoid(decision: float) -> float:
    """The logistic function; 0 where exp(-decision) overflows (as 1 / (1 + inf) was)."""
    try:
        return 1 / (1 + math.exp(-decision))
    except OverflowError:
        return 0.0


def _band(ranked: list[tuple[Intent, float]]) -> Band:
    """Answer, suggest or fall back (see the module docstring)."""
    (top, score), runner_up = ranked[0], ranked[1][1] if len(ranked) > 1 else 0.0
    if top is Intent.OUT_OF_SCOPE:
        return "fallback"
    if score >= ANSWER_AT and score - runner_up >= MARGIN:
        return "answer"
    return "suggest" if score >= SUGGEST_AT else "fallback"


def _day(lowered: str) -> Day | None:
    """The first real day in the text: "1. februar", "15. mars 2027", "15.3", "15.03.2027"."""
    named = ((m.group(1), _MONTHS[m.group(2)], m.group(3)) for m in _DATE_WORDS.finditer(lowered))
    digits = ((m.group(1), m.group(2), m.group(3)) for m in _DATE_DIGITS.finditer(lowered))
    for day, month, year in (*named, *digits):
        try:
            dt.date(int(year or 2024), int(month), int(day))  # 2024 is a leap year
        except ValueError:
            continue
        return Day(int(day), int(month), int(year) if year else None)
    return None
