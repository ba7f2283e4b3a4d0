"""The report's rules: which grant year is reported, the prefill from the beslutningsgrunnlag,
saving parts (merged like the beslutningsgrunnlag's), sums, sending and the overview.

No Bot Framework here. A report covers grant year G and is due on the rapportering deadline of
cycle G+1 (15 June G+1): by then the money of G has been used. Sending marks that step done
for the network, so its reminders stop and their cards turn «Levert».
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.decision_basis.form import measures
from bot.decision_basis.model import (
    BasisStore,
    Editor,
    Status,
    StepMarks,
    StoredBasis,
    WriteOutcome,
)
from bot.decision_basis.service import FrameInfo, PartSaved, append_measure, save_fields
from bot.reporting.form import FIELDS_OF, FROM_PLAN, PPT_PARTY, Part, missing, prefilled, totals
from bot.scheme import AllocationError, Lang, cycle_deadlines, oslo_today
from bot.scheme.money import Spending
from bot.scheme.roles import Permission, RoleDirectory, allowed, sole_network
from bot.scheme.roles import is_admin as has_admin_role
from bot.scheme.scheme_data import SchemeData

STEP_ID = "rapportering"


@dataclass(frozen=True)
class Sums:
    """What a report says was used, against what was committed and the frame."""

    used: int
    committed: int
    by_kind: dict[str, tuple[int, int]]  # committed kind -> (used, committed)
    frame: FrameInfo | None


@dataclass(frozen=True)
class ReportSending:
    """The outcome of a send."""

    outcome: WriteOutcome
    report: StoredBasis | None
    missing: dict[str, list[str]] = field(default_factory=dict)


class ReportService:
    """Reports over their store, prefilled from the beslutningsgrunnlag's store."""

    def __init__(
        self,
        store: BasisStore,
        *,
        bases: BasisStore,
        scheme: SchemeData,
        roles: RoleDirectory,
        marks: StepMarks,
        clock: Callable[[], datetime],
    ) -> None:
        self.store = store
        self._bases = bases
        self._scheme = scheme
        self._roles = roles
        self._marks = marks
        self._clock = clock

    def deadline(self, year: int) -> date | None:
        """The report on grant year `year` is due at the next cycle's rapportering date."""
        for deadline in cycle_deadlines(self._scheme.region, year + 1):
            if deadline.step.id == STEP_ID:
                return deadline.due
        return None

    def year(self) -> int:
        """The grant year whose report is due next (on 30 November 2026: 2026, due 15 June
        2027)."""
        today = oslo_today(self._clock())
        due = self.deadline(today.year - 1)
        return today.year - 1 if due is None or today <= due else today.year

    def party_name(self, party_id: str) -> str:
        """A network's name, or «PPT-ledernettverket»."""
        if party_id == PPT_PARTY:
            return "PPT-ledernettverket"
        return self._scheme.region.network(party_id).name

    def find_party(self, text: str) -> str | None:
        """The network (or PPT-ledernettverket) that `text` names."""
        if "ppt" in text.casefold() and "leder" in text.casefold():
            return PPT_PARTY
        network = self._scheme.region.find_network(text)
        return network.id if network else None

    async def own_network(self, aad_id: str | None) -> str | None:
        """The network a coordinator of exactly one network works for."""
        return await sole_network(self._roles, aad_id)

    async def is_admin(self, aad_id: str | None) -> bool:
        """True for administrators."""
        return await has_admin_role(self._roles, aad_id)

    async def may_edit(self, aad_id: str | None, party_id: str) -> bool:
        """A network's coordinators and the administrators (PPT-ledernettverket: the
        administrators) may open, change and send its report."""
        person = await self._roles.person(aad_id)
        if person is None:
            return False
        if party_id == PPT_PARTY:
            return person.admin
        return allowed(person, Permission.MANAGE_NETWORK, party_id)

    async def open(self, party_id: str, editor: Editor, year: int | None = None) -> StoredBasis:
        """The party's report on `year` (the one due next by default), prefilled if new."""
        year = year or self.year()
        found = await self.store.find(party_id, year)
        if found is not None:
            return found
        basis = await self._bases.find(party_id, year)
        initial = prefilled(basis.document if basis else None, basis.reference if basis else None)
        return await self.store.open(party_id, year, editor, initial)

    async def get(self, report_id: int, aad_id: str | None) -> StoredBasis | None:
        """A report, if the person may work on it."""
        report = await self.store.get(report_id)
        if report is None or not await self.may_edit(aad_id, report.network_id):
            return None
        return report

    async def frame(self, party_id: str, year: int) -> FrameInfo | None:
        """The frame the report's money is held against (PPT: its fixed post)."""
        if party_id == PPT_PARTY:  # a fixed post: neither a decided frame nor an estimate
            return FrameInfo(self._scheme.region.fixed_posts.ppt_ledernettverket, False, False)
        try:
            allocation, _ = await self._scheme.allocation(year)
        except AllocationError:
            return None
        frame = allocation.frame(party_id)
        return FrameInfo(frame.amount, frame.decided is not None, frame.example_data)

    async def sums(self, report: StoredBasis) -> Sums:
        """Used against committed, per budget line and in all."""
        by_kind = totals(report.document)
        return Sums(
            used=sum(used for used, _ in by_kind.values()),
            committed=sum(committed for _, committed in by_kind.values()),
            by_kind=by_kind,
            frame=await self.frame(report.network_id, report.year),
        )

    async def save_part(
        self,
        report: StoredBasis,
        part: Part,
        values: dict[str, str],
        editor: Editor,
        *,
        lang: Lang,
        base_version: int | None = None,
        measure_id: int | None = None,
    ) -> PartSaved:
        """Read and store one part's answers (merged with others' saves, like the
        beslutningsgrunnlag's)."""
        return await save_fields(
            self.store,
            report,
            FIELDS_OF[part],
            values,
            editor,
            lang=lang,
            in_measure=part == "measure",
            base_version=base_version,
            measure_id=measure_id,
            check=_conditions_rewritten if part == "conditions" else None,
        )

    async def add_measure(self, report: StoredBasis, editor: Editor) -> tuple[StoredBasis, int]:
        """A new, empty tiltak (nothing committed to it) at the end of the report."""
        return await append_measure(self.store, report, editor, committed={})

    def past_deadline(self, report: StoredBasis) -> bool:
        """True after the report's deadline (Oslo time)."""
        due = self.deadline(report.year)
        return due is not None and oslo_today(self._clock()) > due

    async def send(self, report_id: int, version: int, editor: Editor) -> ReportSending:
        """Send once, complete; mark the network's rapportering step done."""
        report = await self.get(report_id, editor.aad_id)
        if report is None:
            return ReportSending(WriteOutcome.MISSING, None)
        if report.status is Status.SENT:
            return ReportSending(WriteOutcome.ALREADY, report)
        if report.version != version:
            return ReportSending(WriteOutcome.STALE, report)
        gaps = missing(report.document)
        if gaps:
            return ReportSending(WriteOutcome.STALE, report, gaps)
        outcome, sent = await self.store.send(
            report.id, version, editor=editor, late=self.past_deadline(report), now=self._clock()
        )
        if outcome is WriteOutcome.DONE and sent is not None and sent.network_id != PPT_PARTY:
            await self._marks.mark(
                sent.network_id, STEP_ID, sent.year + 1, marked_by=editor.aad_id or editor.id
            )
        return ReportSending(outcome, sent)

    async def overview(self, year: int) -> list[tuple[str, str, StoredBasis | None]]:
        """Every network and PPT-ledernettverket: (id, name, its report or None)."""
        found = {r.network_id: r for r in await self.store.in_year(year)}
        parties = [(n.id, n.name) for n in self._scheme.region.networks]
        parties.append((PPT_PARTY, self.party_name(PPT_PARTY)))
        return [(party, name, found.get(party)) for party, name in parties]

    async def spending(self, network_id: str) -> Spending | None:
        """What the network's report on the year due next says was used (None: not started)."""
        year = self.year()
        report = await self.store.find(network_id, year)
        if report is None or not measures(report.document):
            return None
        sums = await self.sums(report)
        return Spending(
            year=year,
            used=sums.used,
            committed=sums.committed,
            by_kind=sums.by_kind,
            sent=report.status is Status.SENT,
            reference=report.reference,
        )


def _conditions_rewritten(
    document: dict[str, Any],
    _measure_id: int | None,
    _parsed: dict[str, Any],
    errors: dict[str, str],
    _lang: Lang,
) -> None:
    """Saving the conditions (without errors) says they are now what was done, not the plan."""
    if not errors:
        document.pop(FROM_PLAN, None)
