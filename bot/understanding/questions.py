"""What a message asks about the scheme: deadlines, the calendar, frames, and "my network".

A deliberately small keyword interpreter (the full recogniser with confidence bands is its own
piece of work). It only answers when the message clearly names the topic, so near-domain
questions ("fristen for å søke barnehageplass") fall through to the honest fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.scheme import Network, RegionData
from bot.understanding.language import detect_language


class Topic(StrEnum):
    """What the question is about."""

    DEADLINE = "deadline"  # one step's deadline
    NEXT_DEADLINE = "next_deadline"
    CALENDAR = "calendar"  # every step of the cycle
    FRAME = "frame"  # one network's ramme
    COUNTY = "county"  # every network's ramme, side by side
    SET_NETWORK = "set_network"  # "jeg hører til Fosen"


@dataclass(frozen=True)
class Question:
    """An interpreted question: topic, the entities found, and the language to answer in."""

    topic: Topic
    lang: str
    step_id: str | None = None
    network: Network | None = None
    place: str | None = None  # the words that named the network (a municipality, say)
    year: int | None = None


_STEPS: list[tuple[str, re.Pattern[str]]] = [
    ("beslutningsgrunnlag", re.compile(r"\b(beslutningsgrunnlag\w*|bg|avgjerdsgrunnlag\w*)\b")),
    ("behovsmelding", re.compile(r"\bbehovsmelding\w*")),
    ("innstilling", re.compile(r"\binnstilling\w*")),
    ("vedtak", re.compile(r"\bvedtak(et|a|ene)?\b")),
    ("rapportering", re.compile(r"\brapport\w*")),
    (
        "egen-vurdering",
        re.compile(r"\b(egen ?vurdering\w*|eiga vurdering\w*|ståst[ae]d\w*|kartlegging\w*)"),
    ),
]
_WHEN = re.compile(
    r"\b(frist\w*|når|innen|innan|kva tid|hvilken dato|kva dato|dato|dager|dagar|levere\w*)\b"
)
_CALENDAR = re.compile(r"\b(frister|fristene|fristar|fristane|årshjul\w*|alle frist\w*)\b")
_NEXT = re.compile(r"\b(neste|nærmeste|næraste|første) frist\w*")
_FRAME = re.compile(
    r"\b(ramm(e|en|a|ene|ane|er)|tildeling\w*|hvor mye (får|penger)|kor mykje (får|pengar)"
    r"|hvor mye (har|skal) \w+ (få|fått)|kor mykje (har|skal) \w+ (få|fått))\b"
)
_COUNTY = re.compile(
    r"\b(alle (nettverk\w*|ramm\w*)|hele fylket|heile fylket|oversikt\w*|fylkes\w*)\b"
)
_SET_NETWORK = re.compile(
    r"\b((jeg|vi|eg|me) (hører|høyrer|tilhører|høyrer) (til|i|under)"
    r"|(mitt|vårt) nettverk (er|heiter|heter)|nettverket (mitt|vårt) (er|heiter|heter))\b"
)
_YEAR = re.compile(r"\b(20[2-9]\d)\b")
_WORD = re.compile(r"[\wæøåÆØÅ/\-]+")


def interpret(text: str, region: RegionData) -> Question | None:
    """The scheme question in `text`, or None when it is not clearly one."""
    lowered = " ".join(text.casefold().split())
    lang = detect_language(lowered)
    network, place = find_network(text, region)
    if network is None:
        place = _named_place(text)
    year_match = _YEAR.search(lowered)
    year = int(year_match.group(1)) if year_match else None
    step_id = next((step for step, pattern in _STEPS if pattern.search(lowered)), None)

    def question(topic: Topic) -> Question:
        return Question(topic, lang, step_id, network, place, year)

    if _SET_NETWORK.search(lowered) and network is not None:
        return question(Topic.SET_NETWORK)
    if _FRAME.search(lowered):
        return question(Topic.COUNTY if _COUNTY.search(lowered) else Topic.FRAME)
    if _NEXT.search(lowered):
        return question(Topic.NEXT_DEADLINE)
    if step_id is not None and _WHEN.search(lowered):
        return question(Topic.DEADLINE)
    if _CALENDAR.search(lowered):
        return question(Topic.CALENDAR)
    return None


_AFTER = re.compile(r"\b(?:til|for|får|i|hos|fra|frå)\s+([\wæøåÆØÅ\-]+(?:\s+[A-ZÆØÅ][\w\-]+)?)")
_NOT_PLACES_WORDS = """vi me oss dere dykk de dei meg mine min mitt mi vår vårt våre nettverket
kommunen nettverk kommune fylket året neste denne dette det år ramme rammen ramma penger pengar
tilskudd tilskot"""
_NOT_PLACES = frozenset(_NOT_PLACES_WORDS.split())


def _named_place(text: str) -> str | None:
    """A place the text asks about that is not a known network ("Hvor mye får Bergen?")."""
    for match in _AFTER.finditer(text):
        words = match.group(1).split()
        if words[0].casefold() not in _NOT_PLACES and not _YEAR.fullmatch(words[0]):
            return " ".join(words).strip("?!.,")
    return None


def find_network(text: str, region: RegionData) -> tuple[Network | None, str | None]:
    """The network a text names (by network, alias or member municipality), longest match first."""
    words = _WORD.findall(text)
    for size in (4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            candidate = " ".join(words[start : start + size])
            if size == 1 and (len(candidate) < 3 or candidate.islower() and candidate == "heim"):
                continue  # "heim" is also nynorsk for "home": only the capitalised name counts
            network = region.find_network(candidate)
            if network is not None:
                return network, candidate
    return None, None
