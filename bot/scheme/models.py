"""The scheme's data: a region (networks, the annual cycle, fixed posts) and its years.

These models describe what an administrator writes in the data files. They check shape and
cross-references; money rules (no negative counts, a total large enough, ...) live in
`bot.scheme.money`, so each rule is checked in exactly one place.

Provenance: `Network.example_data` marks an invented grouping, `YearData.example_data` marks
invented numbers (counts, total, fellestiltak, grunntilskudd). Results built on either carry
`example_data=True` so every answer can say so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

Lang = Literal["nb", "nn"]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Loc = tuple[str | int, ...]


class SchemeError(Exception):
    """A problem with the scheme's data or a request about it; the message is Norwegian."""


def invalid(message: str, path: Loc = ()) -> PydanticCustomError:
    """A validation error whose `path` (relative to the failing model) the loader maps to a line."""
    return PydanticCustomError("laget", "{message}", {"message": message, "path": path})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(_Model):
    """A user-visible text in bokmål and nynorsk."""

    nb: str = Field(min_length=1)
    nn: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        """The text in `lang`."""
        return self.nb if lang == "nb" else self.nn


class MonthDay(_Model):
    """A yearly date: `year_offset` -1 means the calendar year before the cycle (grant) year."""

    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    year_offset: int = Field(default=0, ge=-1, le=0)

    @model_validator(mode="after")
    def _exists_every_year(self) -> MonthDay:
        try:
            dt.date(2023, self.month, self.day)  # 2023 is not a leap year: 29 Feb is refused
        except ValueError:
            raise invalid(f"{self.day}.{self.month}. finnes ikke hvert år", ("day",)) from None
        return self

    def in_cycle(self, cycle_year: int) -> dt.date:
        """The date in the annual cycle for grant year `cycle_year`."""
        return dt.date(cycle_year + self.year_offset, self.month, self.day)


class DeadlineRule(_Model):
    """Either a county date (`due`) or `set_locally`, optionally with a `recommended` date."""

    set_locally: bool = False
    due: MonthDay | None = None
    recommended: MonthDay | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> DeadlineRule:
        if self.set_locally and self.due is not None:
            raise invalid("en frist som settes lokalt kan ikke ha «due»", ("due",))
        if not self.set_locally and self.due is None:
            raise invalid("mangler «due» (eller «set_locally: true»)")
        return self


class Step(_Model):
    """One step of the annual cycle: who sends what to whom, and by when."""

    id: Slug
    number: int = Field(ge=1)
    name: Localized
    short: Localized
    from_actor: Localized
    to_actor: Localized
    optional: bool = False
    # A step of samarbeidsforum or Statsforvalteren (innstilling, vedtak): its date is theirs,
    # never presented as the asker's own deadline.
    by_bodies: bool = False
    deadline: DeadlineRule


class Network(_Model):
    """A kompetansenettverk and its member municipalities."""

    id: Slug
    name: str = Field(min_length=1)
    members: list[str]
    aliases: list[str] = []
    example_data: bool = False
    deadlines: dict[str, MonthDay] = {}  # the network's own dates for locally set steps


# Sane bounds: an amount in whole kroner and a count of pupils or children. Far above any real
# figure, they stop a mistyped or hostile number (40 digits) before it reaches the arithmetic
# or a database column.
Kroner = Annotated[int, Field(ge=0, le=10_000_000_000)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]


class FixedPosts(_Model):
    """Yearly fixed posts; coordination is per network, plus extras for named networks."""

    moetevirksomhet: Kroner
    ppt_ledernettverket: Kroner
    koordinering_per_network: Kroner
    koordinering_extra: dict[str, Kroner] = {}


class Weights(_Model):
    """w(n) = elevtall(n)·a + barnetall(n)·b."""

    a: Decimal = Decimal(1)
    b: Decimal = Decimal(1)


class NetworkYear(_Model):
    """One network's numbers for one year."""

    elevtall: Count
    barnetall: Count
    decided_ramme: Kroner | None = None
    # Set when an administrator entered the vedtak (`laget frame decide`), not in data files.
    decided_on: dt.date | None = None
    decision_reference: str | None = None
    deadlines: dict[str, dt.date] = {}  # the network's dates this year for locally set steps


class YearData(_Model):
    """One grant year: the total, the joint share, the base grant, weights and counts."""

    year: int = Field(ge=2000, le=2200)
    example_data: bool
    total: Kroner
    fellestiltak: Kroner
    grunntilskudd: Kroner
    weights: Weights = Weights()
    networks: dict[str, NetworkYear]
    deadlines: dict[str, dt.date] = {}  # this year's county dates, overriding the rules


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "ae", "ö": "o"})
_NOISE = {"kommune", "kommunar", "kommuner", "og", "nettverk", "nettverket"}
_NOISE |= {"kompetansenettverk", "kompetansenettverket", "regionen"}


@lru_cache(maxsize=4096)  # every question is looked through for places, word by word
def normalise_name(text: str) -> str:
    """Fold a place or network name for exact matching: "Trondheim/Malvik" → "trondheim malvik"."""
    words = re.split(r"[\s/\-_,.&+()]+", text.casefold().translate(_FOLD))
    return " ".join(w for w in words if w and w not in _NOISE)


class RegionFile(_Model):
    """What `region.yaml` holds."""

    id: Slug
    name: str = Field(min_length=1)
    source: str = ""
    networks: list[Network] = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)
    fixed_posts: FixedPosts
    # Names people still write for municipalities merged since: old name -> today's name.
    former_municipalities: dict[str, str] = {}

    @model_validator(mode="after")
    def _consistent(self) -> RegionFile:
        _unique([n.id for n in self.networks], "networks", "nettverks-id")
        _unique([s.id for s in self.steps], "steps", "steg-id")
        _unique([s.number for s in self.steps], "steps", "stegnummer")
        home: dict[str, str] = {}  # every name find_network matches must lead to one network
        for i, network in enumerate(self.networks):
            for path, name in _names(network):
                other = home.setdefault(normalise_name(name), network.id)
                if other != network.id:
                    msg = f"«{name}» er med i både «{other}» og «{network.id}»"
                    raise invalid(msg, ("networks", i, *path))
            for step_id in network.deadlines:
                self._check_local_step(step_id, ("networks", i, "deadlines", step_id))
        members = {normalise_name(m) for n in self.networks for m in n.members}
        for old, today in self.former_municipalities.items():
            if normalise_name(today) not in members:
                msg = f"«{today}» er ikke en kommune i noe nettverk"
                raise invalid(msg, ("former_municipalities", old))
            if normalise_name(old) in home:
                raise invalid(f"«{old}» er et navn i bruk i dag", ("former_municipalities", old))
        for network_id in self.fixed_posts.koordinering_extra:
            if network_id not in self.network_ids:
                path = ("fixed_posts", "koordinering_extra", network_id)
                raise invalid(f"ukjent nettverk «{network_id}»", path)
        return self

    @property
    def network_ids(self) -> list[str]:
        """Network ids in file order."""
        return [n.id for n in self.networks]

    def network(self, network_id: str) -> Network:
        """The network with this id; SchemeError if there is none."""
        for network in self.networks:
            if network.id == network_id:
                return network
        raise SchemeError(f"Ukjent kompetansenettverk: «{network_id}».")

    def step(self, step_id: str) -> Step:
        """The step with this id; SchemeError if there is none."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise SchemeError(f"Ukjent steg i årshjulet: «{step_id}».")

    def find_network(self, text: str) -> Network | None:
        """The network named by `text` (its name, id, an alias or a member municipality).

        Matching is exact after `normalise_name` (case, æøå, "/", "kommune", "nettverket" are
        ignored), so "trondheim", "Trondheim kommune" and "Trondheim og Malvik" all find
        Trondheim/Malvik. Unknown text gives None; there is no fuzzy guessing.
        """
        key = normalise_name(text)
        if not key:
            return None
        today = self.today_name(text)
        return self._networks_by_name.get(normalise_name(today) if today else key)

    def today_name(self, text: str) -> str | None:
        """Today's municipality for a former one («Orkdal» → «Orkland»), else None."""
        return self._former_by_name.get(normalise_name(text))

    @cached_property
    def _former_by_name(self) -> dict[str, str]:
        """Today's municipality by the folded former name (the first listed keeps a name)."""
        index: dict[str, str] = {}
        for old, today in self.former_municipalities.items():
            index.setdefault(normalise_name(old), today)
        return index

    @cached_property
    def _networks_by_name(self) -> dict[str, Network]:
        """Every folded name of every network; the first network to claim a name keeps it."""
        index: dict[str, Network] = {}
        for network in self.networks:
            for _, name in _names(network):
                index.setdefault(normalise_name(name), network)
        return index

    def _check_local_step(self, step_id: str, path: Loc) -> None:
        if not any(s.id == step_id and s.deadline.set_locally for s in self.steps):
            raise invalid(f"«{step_id}» er ikke et steg med lokal frist", path)


class RegionData(RegionFile):
    """A region with all its years, as the bot uses it."""

    years: dict[int, YearData] = {}

    @model_validator(mode="after")
    def _years_match(self) -> RegionData:
        for year, data in self.years.items():
            here: Loc = ("years", year)
            if data.year != year:
                raise invalid(
                    f"året {data.year} stemmer ikke med filnavnet {year}", (*here, "year")
                )
            for network_id, counts in data.networks.items():
                if network_id not in self.network_ids:
                    raise invalid(
                        f"ukjent nettverk «{network_id}»", (*here, "networks", network_id)
                    )
                for step_id in counts.deadlines:
                    path = (*here, "networks", network_id, "deadlines", step_id)
                    self._check_local_step(step_id, path)
            missing = [n for n in self.network_ids if n not in data.networks]
            if missing:
                raise invalid(f"mangler tall for {', '.join(missing)}", (*here, "networks"))
            for step_id in data.deadlines:
                if not any(s.id == step_id and not s.deadline.set_locally for s in self.steps):
                    msg = f"«{step_id}» er ikke et steg med fylkesfrist"
                    raise invalid(msg, (*here, "deadlines", step_id))
        return self


def _unique(values: Sequence[str | int], field: str, what: str) -> None:
    seen: set[str | int] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise invalid(f"{what} «{value}» står mer enn én gang", (field, i))
        seen.add(value)


def _names(network: Network) -> list[tuple[Loc, str]]:
    """Every name a user may call the network by, with where it stands in the file."""
    aliases = [(("aliases", j), alias) for j, alias in enumerate(network.aliases)]
    members = [(("members", j), member) for j, member in enumerate(network.members)]
    return [(("name",), network.name), (("id",), network.id), *aliases, *members]
