"""What a user has told Laget about themselves: where they work.

Kept in the user's state so later answers (their network's frame, their deadlines) can be
tailored. It holds no personal data beyond the user's own workplace type and municipality.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

WORKPLACES: dict[str, str] = {
    "barnehage": "Barnehage",
    "skole": "Skole",
    "sfo": "SFO",
    "ppt": "PP-tjenesten",
    "eier": "Kommune eller annen eier",
    "annet": "Annet",
}
_SYNONYMS = {
    "pp-tjenesten": "ppt",
    "pp tjenesten": "ppt",
    "pp-tenesta": "ppt",
    "kommune": "eier",
    "kommune eller annen eier": "eier",
    "eigar": "eier",
    "anna": "annet",
    "skule": "skole",
}
_MUNICIPALITY = re.compile(r"^[A-Za-zÆØÅæøåÁáÉéÜü][A-Za-zÆØÅæøåÁáÉéÜü .'\-]{0,58}[A-Za-zæøåé.]$")


class UserProfile(BaseModel):
    """The user's own answers; both fields may be unknown."""

    workplace: str | None = Field(default=None)
    municipality: str | None = Field(default=None, max_length=60)
    network_id: str | None = Field(default=None, max_length=64)

    def describe(self) -> str:
        """A Norwegian sentence, e.g. "Skole i Orkland"."""
        place = WORKPLACES.get(self.workplace or "", "ukjent arbeidssted")
        return f"{place} i {self.municipality}" if self.municipality else place


def parse_workplace(text: str) -> str | None:
    """The workplace key a user's answer names (by key, label, synonym or number)."""
    answer = text.strip().casefold()
    keys = list(WORKPLACES)
    if answer.isdigit() and 1 <= int(answer) <= len(keys):
        return keys[int(answer) - 1]
    if answer in WORKPLACES:
        return answer
    for key, label in WORKPLACES.items():
        if answer == label.casefold():
            return key
    return _SYNONYMS.get(answer)


def parse_municipality(text: str) -> str | None:
    """A tidy municipality name, or None if the text cannot be one."""
    name = " ".join(text.split())
    if not _MUNICIPALITY.match(name):
        return None
    return name[0].upper() + name[1:]
