"""A scheme question as the answers take it (topic and entities), and finding a network by
the place words in a message. The recogniser (`bot.understanding.recognizer`) decides the topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.scheme import Network, RegionData


class Topic(StrEnum):
    """What the question is about."""

    DEADLINE = "deadline"  # one step's deadline
    NEXT_DEADLINE = "next_deadline"
    CALENDAR = "calendar"  # every step of the cycle
    FRAME = "frame"  # one network's ramme
    FRAME_LEFT = "frame_left"  # "hvor mye har vi igjen?", "hvor mye er bundet opp?"
    FRAME_DECIDED = "frame_decided"  # "er rammen vår vedtatt?"
    SPENT = "spent"  # "hvor mye har vi brukt?"
    REPORT_CONTENTS = "report_contents"  # "hva må rapporten inneholde?"
    COUNTY = "county"  # every network's ramme, side by side
    SET_NETWORK = "set_network"  # "jeg hører til Fosen"
    MEMBERSHIP = "membership"  # "hvilket nettverk hører Røros til?"
    COORDINATORS = "coordinators"  # "hvem er koordinatoren vår?"
    MEMBERS = "members"  # "kven er med i Fosen-nettverket?"
    AMOUNTS = "amounts"  # "hvor mye er grunntilskuddet?", "hvor mye er det totalt i år?"


@dataclass(frozen=True)
class Question:
    """An interpreted question: topic, the entities found, and the language to answer in."""

    topic: Topic
    lang: str
    step_id: str | None = None
    network: Network | None = None
    place: str | None = None  # the words that named the network (a municipality, say)
    year: int | None = None


_WORD = re.compile(r"[\wæøåÆØÅ/\-]+")


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
