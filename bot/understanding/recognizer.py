"""Which intent a Norwegian message has, how sure we are, and what it names.

Technique (offline, built at start-up from data/intents.yaml in well under two seconds): the
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
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.sparse import csr_matrix, hstack  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.multiclass import OneVsRestClassifier  # type: ignore[import-untyped]

from bot.scheme import Lang, Network, RegionData
from bot.scheme.models import normalise_name
from bot.understanding.intents import Example, Intent, load_examples
from bot.understanding.knowledge import KnowledgeBase
from bot.understanding.language import detect_language
from bot.understanding.normalise import common_stems, normalise, stem
from bot.understanding.questions import find_network

Band = Literal["answer", "suggest", "fallback"]

ANSWER_AT = 0.45
MARGIN = 0.15
SUGGEST_AT = 0.2
GATE_FACTOR = 0.3  # what a gated intent's probability is multiplied by when its sign is missing
NOVELTY_WEIGHT = 1.0  # added to out_of_scope, times the share of novel words in the message
_C = 20.0

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
    matched: str  # the training example most like the message, among the top intent's
    novel_words: tuple[str, ...] = ()  # stems seen in no in-scope example nor everyday speech

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
    ) -> None:
        """Build the model from `examples` (default: data/intents.yaml) for `region`.

        The words of `knowledge` (default: data/knowledge.yaml) count as known, not novel.
        """
        self._region = region
        self._names = {  # every name find_network can match: a cheap pre-check (it is slow)
            _padded(name)
            for network in region.networks
            for name in (network.name, network.id, *network.aliases, *network.members)
        } | {_padded(old) for old in region.former_municipalities}
        self._examples = list(examples) if examples is not None else load_examples()
        prepared = [self._prepare(example.text)[0] for example in self._examples]
        self._chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        self._words = TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+"
        )
        self._chars.fit(prepared)
        self._words.fit([stem(text) for text in prepared])
        self._tfidf = [_Tfidf(self._chars), _Tfidf(self._words, len(self._chars.vocabulary_))]
        self._width = sum(len(v.vocabulary_) for v in (self._chars, self._words))
        self._matrix = self._batch_features(prepared)
        known = [p for p, e in zip(prepared, self._examples, strict=True) if e.intent in _IN_SCOPE]
        known += [normalise(text) for text in (knowledge or KnowledgeBase()).texts()]
        self._vocabulary = {word for text in known for word in stem(text).split()}
        model = OneVsRestClassifier(LogisticRegression(C=_C, solver="liblinear"))
        model.fit(self._matrix, [example.intent.value for example in self._examples])
        self._classes = [Intent(label) for label in model.classes_]
        self._index = {intent: i for i, intent in enumerate(self._classes)}
        self._by_intent = {
            intent: [i for i, e in enumerate(self._examples) if e.intent is intent]
            for intent in self._classes
        }
        # Each intent's examples as rows of their own: the closest example is looked for only
        # among the best intent's (a tenth of the work of comparing with every example).
        self._rows = {intent: self._matrix[rows] for intent, rows in self._by_intent.items()}
        # The fitted weights, applied by hand: sklearn's per-call input checks cost ~10 ms.
        # C-contiguous, or scipy copies the whole matrix on every sparse × dense product.
        self._weights = np.ascontiguousarray(
            np.vstack([e.coef_.ravel() for e in model.estimators_]).T
        )
        self._bias = np.array([float(e.intercept_[0]) for e in model.estimators_])

    def recognize(self, text: str) -> Recognition:
        """The intents (best first), band, entities and closest example of one message."""
        prepared, entities = self._prepare(text)
        features = self._features([prepared])
        decision = np.asarray(features @ self._weights).ravel() + self._bias
        novel = self._novel(prepared)
        probabilities = self._adjust(1 / (1 + np.exp(-decision)), prepared, entities, novel)
        ranked = sorted(
            zip(self._classes, (float(p) for p in probabilities), strict=True),
            key=lambda pair: -pair[1],
        )
        best = ranked[0][0]
        similarity = np.asarray((self._rows[best] @ features.T).todense()).ravel()
        matched = self._examples[self._by_intent[best][int(np.argmax(similarity))]].text
        lang = detect_language(text)
        return Recognition(text, lang, ranked, _band(ranked), entities, matched, novel)

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

    def _batch_features(self, prepared: list[str]) -> csr_matrix:
        """sklearn's own transform, for the training examples (and to check `_features`)."""
        chars = self._chars.transform(prepared)
        words = self._words.transform([stem(text) for text in prepared])
        return hstack([chars, words], format="csr")

    def _features(self, prepared: list[str]) -> csr_matrix:
        """The same features as `_batch_features` for one message, without sklearn's per-call
        input checks (they were half the time of recognising a message)."""
        [text] = prepared
        columns: list[int] = []
        values: list[float] = []
        for tfidf, analysed in zip(self._tfidf, (text, stem(text)), strict=True):
            found_columns, found_values = tfidf.transform(analysed)
            columns += found_columns
            values += found_values
        return csr_matrix(
            (np.array(values), np.array(columns, dtype=np.int32), np.array([0, len(columns)])),
            shape=(1, self._width),
        )

    def _novel(self, prepared: str) -> tuple[str, ...]:
        """The message's content words (as stems) that no in-scope example or everyday word has.

        A compound of known stems is not novel ("innstillingsfrist" = innstilling + s + frist).
        """
        return tuple(w for w in _content(prepared) if not self._compound(w))

    def _compound(self, word: str) -> bool:
        """Known, a prefix of a known word, or two known stems joined (with a linking s or e)."""
        known = self._vocabulary
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
        self, probabilities: np.ndarray, prepared: str, entities: Entities, novel: tuple[str, ...]
    ) -> np.ndarray:
        """Damp intents whose keyword sign is missing, push novel messages out, renormalise."""
        gated = probabilities.copy()
        top = self._classes[int(np.argmax(gated))]
        if (
            novel
            and top not in (Intent.GREETING, Intent.HELP)
            and Intent.OUT_OF_SCOPE in self._index
        ):
            share = len(novel) / len(_content(prepared))
            gated[self._index[Intent.OUT_OF_SCOPE]] += NOVELTY_WEIGHT * share * gated.sum()
        damped: list[Intent] = []
        has_place = entities.network is not None or entities.place is not None
        if not (has_place and _FIRST_PERSON.search(prepared)):
            damped.append(Intent.SET_NETWORK)
        if not _TIME.search(prepared):
            damped.extend(_WHEN_INTENTS)
        for intent in damped:
            if intent in self._index:
                gated[self._index[intent]] *= GATE_FACTOR
        normalised: np.ndarray = gated / gated.sum()
        return normalised


class _Tfidf:
    """A fitted TfidfVectorizer's transform of one text (sublinear tf, idf, l2 norm), by hand.

    `offset` places its columns after those of the vectorizers before it in the feature row.
    """

    def __init__(self, vectorizer: TfidfVectorizer, offset: int = 0) -> None:
        if not (vectorizer.sublinear_tf and vectorizer.norm == "l2" and vectorizer.use_idf):
            raise ValueError("the hand-applied transform needs sublinear tf, idf and l2 norm")
        self._analyse: Callable[[str], list[str]] = vectorizer.build_analyzer()
        self._vocabulary: dict[str, int] = vectorizer.vocabulary_
        self._idf: np.ndarray = vectorizer.idf_
        self._offset = offset

    def transform(self, text: str) -> tuple[list[int], list[float]]:
        """The row's (sorted) columns and their values."""
        counts = Counter(
            column
            for term in self._analyse(text)
            if (column := self._vocabulary.get(term)) is not None
        )
        if not counts:
            return [], []
        columns = sorted(counts)
        weights = (np.log(np.array([counts[c] for c in columns], dtype=float)) + 1) * self._idf[
            columns
        ]
        weights /= np.sqrt(np.dot(weights, weights))
        return [c + self._offset for c in columns], weights.tolist()


def _padded(text: str) -> str:
    """A place name or message as " word word ", folded like `normalise_name`, for `in` tests."""
    return " " + " ".join(re.findall(r"\w+", normalise_name(text))) + " "


def _content(prepared: str) -> list[str]:
    """The stems of the content words: four letters or more, not everyday words, not masks."""
    common = common_stems()
    return [w for w in stem(prepared).split() if len(w) >= 4 and w not in common | _MASKS]


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
