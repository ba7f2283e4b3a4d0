"""Each network's frame (ramme), in whole kroner that add up exactly to the year's total.

    pool      = total − fellestiltak − møtevirksomhet − PPT-ledernettverket − koordinering
    ramme(n)  = grunntilskudd + (pool − N·grunntilskudd) · w(n) / Σw
    w(n)      = elevtall(n)·a + barnetall(n)·b

Rounding is the largest-remainder rule: each network's exact share of pool − N·grunntilskudd is
computed with fractions and floored to whole kroner; the kroner left over (always fewer than N)
go one each to the networks with the largest fractional remainders, ties broken by network id
(alphabetically). So sum(estimated frames) + fellestiltak + fixed posts == total, exactly.
Raising one network's counts never lowers its frame: its exact share rises and every other
share falls, so it keeps its place among the largest remainders.

Estimated and decided: every frame is estimated from the counts. A frame an administrator has
entered (`decided_ramme`, vedtatt) is shown instead of the estimate and marked decided; it does
not move the other networks' estimates. If every network has a decided frame, the answer is just
the decisions. Whenever decided frames are shown, `Allocation.difference` tells how far total −
(frames shown + fellestiltak + fixed posts) is from zero; it is never spread out silently.

Coordination money (koordinering) is shown beside each frame, never inside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.scheme.formatting import format_money
from bot.scheme.models import Lang, Loc, Localized, RegionData, SchemeError, Weights

FrameStatus = Literal["estimated", "decided"]


class AllocationError(SchemeError):
    """The numbers cannot be distributed; `path` points at the field in `RegionData`."""

    def __init__(self, message: str, path: Loc = ()) -> None:
        super().__init__(message)
        self.path = path


class Frame(BaseModel):
    """One network's frame, with how it was computed and the coordination money beside it."""

    model_config = ConfigDict(frozen=True)

    network_id: str
    network_name: str
    elevtall: int
    barnetall: int
    grunntilskudd: int
    estimated: int
    decided: int | None
    koordinering: int
    example_data: bool
    decided_on: date | None = None  # when an administrator entered the vedtak
    decision_reference: str | None = None

    @property
    def entered_vedtak(self) -> bool:
        """True when the decided frame was entered by an administrator (never example data)."""
        return self.decided is not None and self.decided_on is not None

    @property
    def status(self) -> FrameStatus:
        """ "decided" when an administrator entered the frame, else "estimated"."""
        return "estimated" if self.decided is None else "decided"

    @property
    def amount(self) -> int:
        """The frame to show: the decided one if there is one, else the estimate."""
        return self.estimated if self.decided is None else self.decided


class Allocation(BaseModel):
    """One year's distribution for a region."""

    model_config = ConfigDict(frozen=True)

    region_id: str
    year: int
    total: int
    fellestiltak: int
    moetevirksomhet: int
    ppt_ledernettverket: int
    koordinering: int
    grunntilskudd: int
    weights: Weights
    frames: list[Frame]
    example_data: bool

    @property
    def fixed_posts(self) -> int:
        """Møtevirksomhet + PPT-ledernettverket + all coordination."""
        return self.moetevirksomhet + self.ppt_ledernettverket + self.koordinering

    @property
    def pool(self) -> int:
        """What is left for the networks' frames."""
        return self.total - self.fellestiltak - self.fixed_posts

    @property
    def difference(self) -> int:
        """Total minus everything shown; 0 unless decided frames don't add up."""
        return self.pool - sum(frame.amount for frame in self.frames)

    def frame(self, network_id: str) -> Frame:
        """The frame of one network."""
        for frame in self.frames:
            if frame.network_id == network_id:
                return frame
        raise SchemeError(f"Ukjent kompetansenettverk: «{network_id}».")


def largest_remainder(amount: int, weights: Mapping[str, Fraction]) -> dict[str, int]:
    """Split `amount` kroner in proportion to `weights` (sum > 0), exactly, as described above."""
    total_weight = sum(weights.values(), Fraction(0))
    quotas = {key: amount * weight / total_weight for key, weight in weights.items()}
    shares = {key: quota.numerator // quota.denominator for key, quota in quotas.items()}
    leftover = amount - sum(shares.values())
    by_remainder = sorted(quotas, key=lambda key: (-(quotas[key] - shares[key]), key))
    for key in by_remainder[:leftover]:
        shares[key] += 1
    return shares


def coordination(region: RegionData) -> dict[str, int]:
    """Coordination money per network: the flat amount plus any extra."""
    posts = region.fixed_posts
    extra = posts.koordinering_extra
    return {n: posts.koordinering_per_network + extra.get(n, 0) for n in region.network_ids}


def compute_allocation(region: RegionData, year: int) -> Allocation:
    """The frames of every network in `year`; AllocationError if the numbers don't allow it."""
    data = region.years.get(year)
    if data is None:
        raise AllocationError(f"Det finnes ingen tall for {year} for {region.name}.", ("years",))
    here: Loc = ("years", year)
    posts = region.fixed_posts
    for label, value, path in _amounts(region, year):
        if value < 0:
            msg = f"Verdien for {label} kan ikke være negativ ({value})."
            raise AllocationError(msg, path)
    for i, network in enumerate(region.networks):
        if not network.members:
            msg = f"Nettverket «{network.name}» har ingen medlemskommuner."
            raise AllocationError(msg, ("networks", i, "members"))
    koordinering = coordination(region)
    fixed = posts.moetevirksomhet + posts.ppt_ledernettverket + sum(koordinering.values())
    base = len(region.networks) * data.grunntilskudd
    needed = data.fellestiltak + fixed + base
    if data.total < needed:
        msg = (
            f"Totalbeløpet ({format_money(data.total)}) er mindre enn faste poster, fellestiltak"
            f" og grunntilskudd til sammen ({format_money(needed)})."
        )
        raise AllocationError(msg, (*here, "total"))
    a, b = Fraction(data.weights.a), Fraction(data.weights.b)
    weights = {n: c.elevtall * a + c.barnetall * b for n, c in data.networks.items()}
    if not any(weights.values()):
        msg = "Alle nettverk har vekt null (elevtall·a + barnetall·b), så ingenting kan fordeles."
        raise AllocationError(msg, (*here, "networks"))
    shares = largest_remainder(data.total - needed, weights)
    frames = [
        Frame(
            network_id=network.id,
            network_name=network.name,
            elevtall=data.networks[network.id].elevtall,
            barnetall=data.networks[network.id].barnetall,
            grunntilskudd=data.grunntilskudd,
            estimated=data.grunntilskudd + shares[network.id],
            decided=data.networks[network.id].decided_ramme,
            decided_on=data.networks[network.id].decided_on,
            decision_reference=data.networks[network.id].decision_reference,
            koordinering=koordinering[network.id],
            example_data=data.example_data or network.example_data,
        )
        for network in region.networks
    ]
    return Allocation(
        region_id=region.id,
        year=year,
        total=data.total,
        fellestiltak=data.fellestiltak,
        moetevirksomhet=posts.moetevirksomhet,
        ppt_ledernettverket=posts.ppt_ledernettverket,
        koordinering=sum(koordinering.values()),
        grunntilskudd=data.grunntilskudd,
        weights=data.weights,
        frames=frames,
        example_data=any(frame.example_data for frame in frames),
    )


def _amounts(region: RegionData, year: int) -> list[tuple[str, int | Decimal, Loc]]:
    """Every number that must not be negative, with a Norwegian label and its path."""
    data, posts = region.years[year], region.fixed_posts
    here: Loc = ("years", year)
    found: list[tuple[str, int | Decimal, Loc]] = [
        ("totalbeløpet", data.total, (*here, "total")),
        ("fellestiltak", data.fellestiltak, (*here, "fellestiltak")),
        ("grunntilskuddet", data.grunntilskudd, (*here, "grunntilskudd")),
        ("vekten a", data.weights.a, (*here, "weights", "a")),
        ("vekten b", data.weights.b, (*here, "weights", "b")),
        ("møtevirksomhet", posts.moetevirksomhet, ("fixed_posts", "moetevirksomhet")),
        ("PPT-ledernettverket", posts.ppt_ledernettverket, ("fixed_posts", "ppt_ledernettverket")),
        (
            "koordinering",
            posts.koordinering_per_network,
            ("fixed_posts", "koordinering_per_network"),
        ),
    ]
    for network_id, extra in posts.koordinering_extra.items():
        label = f"ekstra koordinering for «{network_id}»"
        found.append((label, extra, ("fixed_posts", "koordinering_extra", network_id)))
    for network_id, counts in data.networks.items():
        at: Loc = (*here, "networks", network_id)
        found.append((f"elevtall for «{network_id}»", counts.elevtall, (*at, "elevtall")))
        found.append((f"barnetall for «{network_id}»", counts.barnetall, (*at, "barnetall")))
        if counts.decided_ramme is not None:
            label = f"vedtatt ramme for «{network_id}»"
            found.append((label, counts.decided_ramme, (*at, "decided_ramme")))
    return found


@dataclass(frozen=True)
class Commitment:
    """What a network's beslutningsgrunnlag commits of its frame: the sum, the sum per budget
    line kind ("budget_owner", "budget_uh", "budget_coordination"), and whether it was sent
    (else it is a draft, and must be called one)."""

    total: int
    by_kind: dict[str, int]
    sent: bool
    reference: str | None = None


@dataclass(frozen=True)
class Spending:
    """What a network's report on a grant year says was used, against what was committed;
    per budget-line kind as (used, committed). `sent` False: a draft, and said so."""

    year: int
    used: int
    committed: int
    by_kind: dict[str, tuple[int, int]]
    sent: bool
    reference: str | None = None


_DIFFERENCE = Localized(
    nb="Rammene går ikke opp: til sammen {shown} er vist som rammer (vedtatte og estimerte), "
    "men {pool} skal fordeles til nettverkene, et avvik på {difference} ({direction}).",
    nn="Rammene går ikkje opp: til saman {shown} er viste som rammer (vedtekne og estimerte), "
    "men {pool} skal fordelast til nettverka, eit avvik på {difference} ({direction}).",
)
_MORE = Localized(nb="mer enn det som fordeles", nn="meir enn det som blir fordelt")
_LESS = Localized(nb="ufordelt", nn="ufordelt")


def describe_difference(allocation: Allocation, lang: Lang = "nb") -> str | None:
    """A sentence saying by how much the frames shown miss what is distributed (None when
    they add up to the krone)."""
    difference = allocation.difference
    if difference == 0:
        return None
    shown = sum(frame.amount for frame in allocation.frames)
    return _DIFFERENCE.get(lang).format(
        shown=format_money(shown),
        pool=format_money(allocation.pool),
        difference=format_money(abs(difference)),
        direction=(_LESS if difference > 0 else _MORE).get(lang),
    )
