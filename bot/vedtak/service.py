"""Vedtak: administrators enter decided frames; each decision is announced once to the network.

No Bot Framework here. `decide` checks and stores decisions (all or nothing); `announce` runs in
every reminder pass and queues, exactly once per decision (a claim in the store, so several
instances and a cron job agree), a card for the network's coordinators and linked channels:
the decided frame, the estimate it replaces, the difference, and what the sent
beslutningsgrunnlag commits against it (more than decided is flagged).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from bot.scheme import AllocationError, Lang, Network, format_date, format_money, oslo_today
from bot.scheme.decisions import FrameDecision
from bot.scheme.money import Commitment
from bot.scheme.numbers import AMOUNT_PROBLEMS, AmountProblem, parse_kroner
from bot.scheme.scheme_data import SchemeData
from bot.vedtak import texts as t
from cards.views import Button, CardView, Fact, FactsCard

log = logging.getLogger(__name__)

Commitments = Callable[[str, int], Awaitable[Commitment | None]]
Notify = Callable[[str, dict[str, Any], str], Awaitable[int]]  # (network, card, kind) -> queued
Render = Callable[[CardView], dict[str, Any]]


class DecisionLedger(Protocol):
    """Decided frames, and the one-time claim of their announcement."""

    async def for_year(self, region_id: str, year: int) -> dict[str, FrameDecision]: ...

    async def decide(self, region_id: str, decisions: list[FrameDecision]) -> None: ...

    async def unannounced(self, region_id: str) -> list[FrameDecision]: ...

    async def claim(self, region_id: str, decision: FrameDecision, now: datetime) -> bool: ...


class DecisionError(ValueError):
    """A decision that cannot be stored; `field` names the input, the message is Norwegian."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Entry:
    """One decision as typed: network (id or name), amount, date and reference as text."""

    network: str
    amount: str
    decided_on: str
    reference: str


class VedtakService:
    """Deciding frames and announcing them."""

    def __init__(
        self,
        scheme: SchemeData,
        ledger: DecisionLedger,
        *,
        commitments: Commitments,
        notify: Notify,
        render: Render,
        clock: Callable[[], datetime],
    ) -> None:
        self._scheme = scheme
        self._ledger = ledger
        self._commitments = commitments
        self._notify = notify
        self._render = render
        self._clock = clock

    def year(self) -> int:
        """The grant year under way."""
        return self._scheme.cycle_year(self._clock())

    def networks(self) -> list[Network]:
        """The region's networks, in its order."""
        return list(self._scheme.region.networks)

    def network_name(self, network_id: str) -> str:
        """A network's display name."""
        return self._scheme.region.network(network_id).name

    def read(self, entry: Entry, year: int, entered_by: str, lang: Lang = "nb") -> FrameDecision:
        """One typed decision, checked; DecisionError (Norwegian, naming the field) if wrong."""
        region = self._scheme.region
        if year not in region.years:
            raise DecisionError(t.NO_YEAR.get(lang).format(year=year), "year")
        network = region.find_network(entry.network)
        if network is None:
            raise DecisionError(t.UNKNOWN_NETWORK.get(lang), "network")
        try:
            amount = parse_kroner(entry.amount)
        except AmountProblem as problem:
            raise DecisionError(AMOUNT_PROBLEMS[problem.kind].get(lang), "amount") from None
        if amount == 0:
            raise DecisionError(t.ZERO.get(lang), "amount")
        decided_on = parse_day(entry.decided_on)
        if decided_on is None:
            raise DecisionError(t.BAD_DATE.get(lang), "decided_on")
        if decided_on > oslo_today(self._clock()):
            raise DecisionError(t.FUTURE_DATE.get(lang), "decided_on")
        reference = " ".join(entry.reference.split())
        if not reference or len(reference) > 64:
            raise DecisionError(t.NO_REFERENCE.get(lang), "reference")
        return FrameDecision(network.id, year, amount, decided_on, reference, entered_by)

    async def decide(self, decisions: list[FrameDecision]) -> None:
        """Store the decisions (all or nothing)."""
        await self._ledger.decide(self._scheme.region.id, decisions)

    async def announce(self, now: datetime) -> int:
        """Queue each new decision's card for its network, once; returns how many decisions."""
        announced = 0
        region_id = self._scheme.region.id
        for decision in await self._ledger.unannounced(region_id):
            if not await self._ledger.claim(region_id, decision, now):
                continue  # another instance announced it
            try:
                card = self._render(await self.notice(decision))
                await self._notify(decision.network_id, card, "vedtak.notice")
                announced += 1
            except Exception:  # claimed: at most once; a failure is logged, not repeated
                log.exception("vedtak announcement failed", extra={"network": decision.network_id})
        return announced

    async def notice(self, decision: FrameDecision) -> FactsCard:
        """The announcement (bokmål: it goes to a channel and to coordinators)."""
        network = self._scheme.region.network(decision.network_id)
        try:
            allocation, _ = await self._scheme.allocation(decision.year)
            frame = allocation.frame(decision.network_id)
            estimate, example = frame.estimated, frame.example_data
        except AllocationError:
            estimate, example = None, False
        committed = await self._commitments(decision.network_id, decision.year)
        difference = decision.amount - estimate if estimate is not None else None
        facts = []
        if decision.replaces is not None:
            facts.append(Fact(title=t.REPLACES.get("nb"), value=format_money(decision.replaces)))
        if estimate is not None and difference is not None:
            facts += [
                Fact(title=t.ESTIMATE.get("nb"), value=format_money(estimate)),
                Fact(title=t.DIFFERENCE.get("nb"), value=signed_money(difference)),
            ]
        notes, warning = [], None
        if committed is not None and committed.sent:
            left = decision.amount - committed.total
            facts += [
                Fact(
                    title=t.COMMITTED.get("nb").format(reference=committed.reference),
                    value=format_money(committed.total),
                ),
                Fact(
                    title=(t.LEFT if left >= 0 else t.OVER_DECIDED).get("nb"),
                    value=format_money(abs(left)),
                ),
            ]
            if committed.total > decision.amount:
                over = format_money(committed.total - decision.amount)
                warning = t.OVER.get("nb").format(over=over)
        else:
            notes.append(t.NOT_SENT.get("nb"))
        if example:
            notes.append(t.ESTIMATE_WAS_EXAMPLE.get("nb"))
        title = t.NOTICE_TITLE if decision.replaces is None else t.CHANGED_TITLE
        return FactsCard(
            title=title.get("nb").format(name=network.name, year=decision.year),
            headline=t.NOTICE_HEADLINE.get("nb").format(
                amount=format_money(decision.amount),
                date=format_date(decision.decided_on),
                reference=decision.reference,
            ),
            facts=facts,
            notes=notes,
            warning=warning,
            buttons=[
                Button(
                    title=t.SEE_FRAME.get("nb"),
                    text=f"Hva er rammen til {network.name} for {decision.year}?",
                )
            ],
        )


def signed_money(amount: int) -> str:
    """«+kr 50 000», «−kr 50 000» (a true minus sign), «kr 0»."""
    sign = "+" if amount > 0 else "−" if amount < 0 else ""
    return f"{sign}{format_money(abs(amount))}"


def parse_day(text: str) -> date | None:
    """«15.04.2027», «15.4.2027» or «2027-04-15» as a date (None if it is not one)."""
    value = text.strip()
    found = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
    try:
        if found:
            return date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        return date.fromisoformat(value)
    except ValueError:
        return None
