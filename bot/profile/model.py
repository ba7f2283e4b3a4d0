"""What a user has told Laget about themselves: where they work, and how they write.

Kept in the user's state so later answers (their network's frame, their deadlines) can be
tailored. It holds no personal data beyond the user's own workplace type and municipality, and
the written form (bokmål or nynorsk) of their last message that showed one.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from bot.scheme import Lang, Localized
from bot.scheme.numbers import parse_position

WORKPLACES: dict[str, Localized] = {
    "barnehage": Localized(nb="Barnehage", nn="Barnehage"),
    "skole": Localized(nb="Skole", nn="Skule"),
    "sfo": Localized(nb="SFO", nn="SFO"),
    "ppt": Localized(nb="PP-tjenesten", nn="PP-tenesta"),
    "eier": Localized(nb="Kommune eller annen eier", nn="Kommune eller annan eigar"),
    "annet": Localized(nb="Annet", nn="Anna"),
}
UNKNOWN_WORKPLACE = Localized(nb="ukjent arbeidssted", nn="ukjend arbeidsstad")
_SYNONYMS = {
    "pp-tjenesten": "ppt",
    "pp tjenesten": "ppt",
    "pp-tenesta": "ppt",
    "pp tenesta": "ppt",
    "kommune": "eier",
    "eigar": "eier",
    "anna": "annet",
    "skule": "skole",
}
_MUNICIPALITY = re.compile(r"^[A-Za-zÆØÅæøåÁáÉéÜü][A-Za-zÆØÅæøåÁáÉéÜü .'\-]{0,58}[A-Za-zæøåé.]$")


class UserProfile(BaseModel):
    """The user's own answers and written form; every field may be unknown."""

    workplace: str | None = Field(default=None)
    municipality: str | None = Field(default=None, max_length=60)
    network_id: str | None = Field(default=None, max_length=64)
    lang: Lang | None = Field(default=None)
    # The network whose beslutningsgrunnlag the user opened last: typed «endre tiltak 2» acts
    # on it (an administrator may have opened another network's than their own).
    basis_network: str | None = Field(default=None, max_length=64)

    def describe(self, lang: Lang = "nb") -> str:
        """A Norwegian sentence, e.g. "Skole i Orkland" ("Skule i Orkland")."""
        place = WORKPLACES.get(self.workplace or "", UNKNOWN_WORKPLACE).get(lang)
        return f"{place} i {self.municipality}" if self.municipality else place


def parse_workplace(text: str) -> str | None:
    """The workplace key a user's answer names (by key, label, synonym or number)."""
    answer = text.strip().casefold()
    keys = list(WORKPLACES)
    position = parse_position(answer, len(keys))
    if position is not None:
        return keys[position]
    if answer in WORKPLACES:
        return answer
    for key, label in WORKPLACES.items():
        if answer in (label.nb.casefold(), label.nn.casefold()):
            return key
    return _SYNONYMS.get(answer)


def parse_municipality(text: str) -> str | None:
    """A tidy municipality name, or None if the text cannot be one."""
    name = " ".join(text.split())
    if not _MUNICIPALITY.match(name):
        return None
    return name[0].upper() + name[1:]
