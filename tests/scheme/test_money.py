"""Frames to the krone: the formula, exact sums, monotonicity, fixed posts and clear errors."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.scheme.models import NetworkYear, RegionData, SchemeError, Weights
from bot.scheme.money import AllocationError, compute_allocation, largest_remainder

N = 11
counts = st.integers(min_value=0, max_value=200_000)
count_pairs = st.lists(st.tuples(counts, counts), min_size=N, max_size=N)


def with_year(region: RegionData, **changes: object) -> RegionData:
    """The default region with 2027's data changed (unvalidated, as money must check itself)."""
    year = region.years[2027].model_copy(update=changes)
    return region.model_copy(update={"years": {2027: year}})


def with_counts(region: RegionData, pairs: list[tuple[int, int]], **changes: object) -> RegionData:
    networks = {
        network_id: NetworkYear.model_construct(elevtall=pupils, barnetall=children)
        for network_id, (pupils, children) in zip(region.network_ids, pairs, strict=True)
    }
    return with_year(region, networks=networks, **changes)


def test_formula_by_hand(region: RegionData) -> None:
    year = region.years[2027]
    allocation = compute_allocation(region, 2027)
    assert allocation.pool == 18_500_000 - 3_000_000 - 400_000 - 200_000 - 1_300_000
    weights = {n: c.elevtall + c.barnetall for n, c in year.networks.items()}
    distributable = allocation.pool - N * year.grunntilskudd
    for frame in allocation.frames:
        exact = year.grunntilskudd + Fraction(
            distributable * weights[frame.network_id], sum(weights.values())
        )
        assert abs(frame.estimated - exact) < 1
        assert frame.status == "estimated"
        assert frame.example_data


def test_coordination_is_beside_the_frame(region: RegionData) -> None:
    allocation = compute_allocation(region, 2027)
    assert allocation.moetevirksomhet == 400_000
    assert allocation.ppt_ledernettverket == 200_000
    assert allocation.koordinering == 1_300_000
    coordination = {f.network_id: f.koordinering for f in allocation.frames}
    assert coordination["trondheim-malvik"] == 300_000
    assert {v for k, v in coordination.items() if k != "trondheim-malvik"} == {100_000}
    assert sum(f.estimated for f in allocation.frames) == allocation.pool


def test_largest_remainder_floors_then_gives_leftovers_by_remainder_then_id() -> None:
    assert largest_remainder(10, {"b": Fraction(1), "a": Fraction(1), "c": Fraction(1)}) == {
        "a": 4,
        "b": 3,
        "c": 3,
    }
    assert largest_remainder(100, {"x": Fraction(1), "y": Fraction(2)}) == {"x": 33, "y": 67}
    assert largest_remainder(0, {"x": Fraction(1)}) == {"x": 0}


def test_decided_frames_are_shown_and_marked(region: RegionData) -> None:
    year = region.years[2027]
    fosen = year.networks["fosen"].model_copy(update={"decided_ramme": 900_000})
    changed = with_year(region, networks={**year.networks, "fosen": fosen})
    allocation = compute_allocation(changed, 2027)
    frame = allocation.frame("fosen")
    estimate = compute_allocation(region, 2027).frame("fosen").estimated
    assert (frame.status, frame.amount, frame.estimated) == ("decided", 900_000, estimate)
    assert allocation.difference == estimate - 900_000
    assert allocation.frame("roros").status == "estimated"


def test_all_decided_frames_are_used_as_given(region: RegionData) -> None:
    year = region.years[2027]
    networks = {
        n: c.model_copy(update={"decided_ramme": 1_000_000}) for n, c in year.networks.items()
    }
    allocation = compute_allocation(with_year(region, networks=networks), 2027)
    assert {f.amount for f in allocation.frames} == {1_000_000}
    assert {f.status for f in allocation.frames} == {"decided"}
    assert allocation.difference == allocation.pool - N * 1_000_000


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"total": 5_000_000}, "Totalbeløpet (kr\u00a05\u00a0000\u00a0000) er mindre enn"),
        ({"grunntilskudd": -1}, "Verdien for grunntilskuddet kan ikke være negativ (-1)."),
        ({"weights": Weights(a=Decimal(0), b=Decimal(0))}, "Alle nettverk har vekt null"),
    ],
)
def test_impossible_numbers_give_norwegian_errors(
    region: RegionData, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(AllocationError) as caught:
        compute_allocation(with_year(region, **changes), 2027)
    assert message in str(caught.value)
    assert isinstance(caught.value, SchemeError)


def test_negative_count_and_empty_network_are_refused(region: RegionData) -> None:
    pairs = [(100, 100)] * N
    pairs[2] = (-5, 100)
    with pytest.raises(
        AllocationError, match=r"elevtall for «fosen» kan ikke være negativ \(-5\)"
    ) as caught:
        compute_allocation(with_counts(region, pairs), 2027)
    assert caught.value.path == ("years", 2027, "networks", "fosen", "elevtall")
    empty = region.network("roros").model_copy(update={"members": []})
    networks = [empty if n.id == "roros" else n for n in region.networks]
    with pytest.raises(AllocationError, match="«Røros» har ingen medlemskommuner"):
        compute_allocation(region.model_copy(update={"networks": networks}), 2027)


def test_unknown_year_is_a_clear_error(region: RegionData) -> None:
    with pytest.raises(AllocationError, match="Det finnes ingen tall for 2031 for Trøndelag."):
        compute_allocation(region, 2031)


@dataclass(frozen=True)
class Numbers:
    """One generated year: counts per network and the money around them."""

    pairs: list[tuple[int, int]]
    extra: int  # the total is just enough plus this
    fellestiltak: int
    grunntilskudd: int
    a: Decimal
    b: Decimal

    def region(self, region: RegionData) -> RegionData:
        total = self.fellestiltak + 1_900_000 + N * self.grunntilskudd + self.extra
        weights = Weights(a=self.a, b=self.b)
        return with_counts(
            region,
            self.pairs,
            total=total,
            fellestiltak=self.fellestiltak,
            grunntilskudd=self.grunntilskudd,
            weights=weights,
        )


numbers = st.builds(
    Numbers,
    pairs=count_pairs,
    extra=st.integers(min_value=0, max_value=10**9),
    fellestiltak=st.integers(min_value=0, max_value=10**7),
    grunntilskudd=st.integers(min_value=0, max_value=10**6),
    a=st.decimals(min_value=0, max_value=5, places=2),
    b=st.decimals(min_value=0, max_value=5, places=2),
).filter(lambda n: any(p * n.a + c * n.b for p, c in n.pairs))


@given(numbers=numbers)
def test_parts_always_add_up_to_the_total_exactly(region: RegionData, numbers: Numbers) -> None:
    allocation = compute_allocation(numbers.region(region), 2027)
    shown = sum(f.amount for f in allocation.frames)
    assert shown + allocation.fellestiltak + allocation.fixed_posts == allocation.total
    assert all(f.estimated >= numbers.grunntilskudd for f in allocation.frames)
    assert allocation.difference == 0
    # The fixed posts never move, whatever the counts and totals.
    assert (allocation.moetevirksomhet, allocation.ppt_ledernettverket) == (400_000, 200_000)
    assert allocation.koordinering == 1_300_000
    assert allocation.frame("trondheim-malvik").koordinering == 300_000


@given(
    numbers=numbers,
    index=st.integers(min_value=0, max_value=N - 1),
    more=st.tuples(st.integers(0, 50_000), st.integers(0, 50_000)),
)
def test_more_pupils_or_children_never_lowers_a_frame(
    region: RegionData, numbers: Numbers, index: int, more: tuple[int, int]
) -> None:
    before = compute_allocation(numbers.region(region), 2027)
    pairs = list(numbers.pairs)
    pairs[index] = (pairs[index][0] + more[0], pairs[index][1] + more[1])
    raised = Numbers(**{**vars(numbers), "pairs": pairs})
    after = compute_allocation(raised.region(region), 2027)
    network_id = region.network_ids[index]
    assert after.frame(network_id).estimated >= before.frame(network_id).estimated
