"""The beslutningsgrunnlag's rules: who may open it, saving parts, the budget against the frame,
what the tiltak cover of the behovsmeldinger, sending, and the county's overview.

No Bot Framework here. Both doors (one card per part, one question at a time) save through
`save_part`. Every save names the version it was made from: a change made from an old card is
merged field by field with what others saved since (nothing lost), and a field both changed
is kept as the newer version has it and reported back, so the second person sees the newer
value and can enter theirs again.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.decision_basis import texts as t
from bot.decision_basis.answers import parse_answer
from bot.decision_basis.form import (
    BUDGET_KINDS,
    CONDITIONS,
    EVALUATION,
    FIELDS_OF,
    HEADER,
    MEASURE,
    BasisField,
    Part,
    empty_document,
    measure,
    measure_total,
    measures,
    missing,
    position,
    total,
    totals_by_kind,
)
from bot.decision_basis.model import (
    BasisStore,
    Editor,
    NeedsSource,
    SentNeed,
    Status,
    StepMarks,
    StoredBasis,
    WriteOutcome,
)
from bot.scheme import AllocationError, Lang, cycle_deadlines, format_money, oslo_today
from bot.scheme.money import Commitment
from bot.scheme.roles import Permission, RoleDirectory, allowed, sole_network
from bot.scheme.roles import is_admin as has_admin_role
from bot.scheme.scheme_data import SchemeData
from cards.markdown import verbatim

STEP_ID = "beslutningsgrunnlag"
_RETRIES = 3  # a save that keeps meeting newer versions gives up after this many merges


class StaleBasis(Exception):
    """The document kept changing under the save; nothing was stored."""


@dataclass(frozen=True)
class FrameInfo:
    """The frame the budget is held against: amount, decided or estimated, example data."""

    amount: int
    decided: bool
    example_data: bool


@dataclass(frozen=True)
class Budget:
    """The budget lines summed, against the frame."""

    total: int
    by_kind: dict[str, int]
    frame: FrameInfo | None

    @property
    def percent(self) -> int:
        """The share of the frame the budget takes (0 when there is no frame)."""
        if self.frame is None or self.frame.amount <= 0:
            return 0
        return round(100 * self.total / self.frame.amount)

    @property
    def over(self) -> int:
        """Kroner over the frame (0 when within it)."""
        return 0 if self.frame is None else max(self.total - self.frame.amount, 0)

    @property
    def left(self) -> int | None:
        """Kroner left of the frame (negative when over), None without a frame."""
        return None if self.frame is None else self.frame.amount - self.total


@dataclass(frozen=True)
class PartSaved:
    """The outcome of saving a part: the document now, errors and warnings per field, and
    the fields someone else changed meanwhile (kept as they saved them)."""

    basis: StoredBasis
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    merged: bool = False  # saved on top of a newer version than the card's


@dataclass(frozen=True)
class Coverage:
    """Which needs of the sent behovsmeldinger (topic per owner) the tiltak cover."""

    covered: list[tuple[str, str, list[int]]]  # (topic, owner, tiltak numbers)
    uncovered: list[tuple[str, str]]  # (topic, owner)


@dataclass(frozen=True)
class Sending:
    """The outcome of a send: what happened, the document, and why it was refused."""

    outcome: WriteOutcome
    basis: StoredBasis | None
    missing: dict[str, list[str]] = field(default_factory=dict)
    over: int = 0  # kroner over the frame
    largest: list[tuple[int, str, int]] = field(default_factory=list)  # (number, goal, kroner)


@dataclass(frozen=True)
class OverviewRow:
    """One network in samarbeidsforum's overview."""

    network_id: str
    network_name: str
    state: str  # "not_started", "draft", "sent", "sent_late"
    committed: int
    frame: FrameInfo | None
    reference: str | None


class DecisionBasisService:
    """The beslutningsgrunnlag's rules over its store."""

    def __init__(
        self,
        store: BasisStore,
        *,
        scheme: SchemeData,
        roles: RoleDirectory,
        needs: NeedsSource,
        marks: StepMarks,
        clock: Callable[[], datetime],
    ) -> None:
        self.store = store
        self._scheme = scheme
        self._roles = roles
        self._needs = needs
        self._marks = marks
        self._clock = clock

    # Who, which network, which year

    def year(self) -> int:
        """The grant year whose beslutningsgrunnlag is being prepared now."""
        return self._scheme.cycle_year(self._clock())

    async def own_network(self, aad_id: str | None) -> str | None:
        """The network a coordinator of exactly one network works for."""
        return await sole_network(self._roles, aad_id)

    async def is_admin(self, aad_id: str | None) -> bool:
        """True for administrators."""
        return await has_admin_role(self._roles, aad_id)

    async def may_edit(self, aad_id: str | None, network_id: str) -> bool:
        """The network's coordinators and the administrators may open, change and send."""
        person = await self._roles.person(aad_id)
        return person is not None and allowed(person, Permission.MANAGE_NETWORK, network_id)

    def find_network(self, text: str) -> str | None:
        """The id of the network `text` names (a network, alias or member municipality)."""
        network = self._scheme.region.find_network(text)
        return network.id if network else None

    def network_name(self, network_id: str) -> str:
        """A network's display name."""
        return self._scheme.region.network(network_id).name

    def members(self, network_id: str) -> tuple[str, ...]:
        """The network's municipalities, in the region data's order."""
        return tuple(self._scheme.region.network(network_id).members)

    def grouping_is_example(self, network_id: str) -> bool:
        """True when the network's members are example data."""
        return bool(self._scheme.region.network(network_id).example_data)

    async def open(self, network_id: str, editor: Editor) -> StoredBasis:
        """The network's document for the grant year under way (made if new)."""
        return await self.store.open(network_id, self.year(), editor)

    async def get(self, basis_id: int, aad_id: str | None) -> StoredBasis | None:
        """A document, if the person may work on it."""
        basis = await self.store.get(basis_id)
        if basis is None or not await self.may_edit(aad_id, basis.network_id):
            return None
        return basis

    # The money

    async def frame(self, network_id: str, year: int) -> FrameInfo | None:
        """The network's frame for the year (decided if there is one, else estimated)."""
        try:
            allocation, _ = await self._scheme.allocation(year)
        except AllocationError:
            return None
        frame = allocation.frame(network_id)
        return FrameInfo(frame.amount, frame.decided is not None, frame.example_data)

    async def budget(self, basis: StoredBasis) -> Budget:
        """The document's budget lines against its network's frame."""
        return Budget(
            total(basis.document),
            totals_by_kind(basis.document),
            await self.frame(basis.network_id, basis.year),
        )

    async def committed(self, network_id: str, year: int) -> Commitment | None:
        """What the network's beslutningsgrunnlag commits (sent, or a draft, labelled so)."""
        basis = await self.store.find(network_id, year)
        if basis is None or not measures(basis.document):
            return None
        return Commitment(
            total=total(basis.document),
            by_kind=totals_by_kind(basis.document),
            sent=basis.status is Status.SENT,
            reference=basis.reference,
        )

    # Saving

    async def save_part(
        self,
        basis: StoredBasis,
        part: Part,
        values: dict[str, str],
        editor: Editor,
        *,
        lang: Lang,
        base_version: int | None = None,
        measure_id: int | None = None,
    ) -> PartSaved:
        """Read the given answers of one part; store the valid ones; say what was wrong.

        `base_version` is the version the card or step was made from (the current one when
        not given); `measure_id` names the tiltak of a "measure" part."""
        return await save_fields(
            self.store,
            basis,
            FIELDS_OF[part],
            values,
            editor,
            lang=lang,
            in_measure=part == "measure",
            base_version=base_version,
            measure_id=measure_id,
            members=self.members(basis.network_id),
            check=_check_timeline,
        )

    async def add_measure(self, basis: StoredBasis, editor: Editor) -> tuple[StoredBasis, int]:
        """A new, empty tiltak at the end; returns the document and the tiltak's id."""
        return await append_measure(self.store, basis, editor)

    async def remove_measure(
        self, basis: StoredBasis, measure_id: int, editor: Editor
    ) -> StoredBasis | None:
        """Remove a tiltak (kept in the history); None if there is no such tiltak."""
        for _ in range(_RETRIES):
            if measure(basis.document, measure_id) is None:
                return None
            document = copy.deepcopy(basis.document)
            document["measures"] = [m for m in measures(document) if m.get("id") != measure_id]
            outcome = await self.store.save(
                basis.id, basis.version, document, editor=editor, action="measure_removed"
            )
            fresh = await self.store.get(basis.id)
            if fresh is None:
                raise StaleBasis
            if outcome is WriteOutcome.DONE:
                return fresh
            basis = fresh
        raise StaleBasis

    async def finish_measures(self, basis: StoredBasis, editor: Editor) -> StoredBasis:
        """The step-by-step way: no more tiltak to add for now."""
        document = copy.deepcopy(basis.document)
        document["measures_done"] = True
        outcome = await self.store.save(
            basis.id, basis.version, document, editor=editor, action="saved"
        )
        fresh = await self.store.get(basis.id)
        if fresh is None or outcome is not WriteOutcome.DONE:
            raise StaleBasis
        return fresh

    # Tied to the behovsmeldinger

    async def coverage(self, basis: StoredBasis) -> Coverage:
        """Each sent behovsmelding's topics, covered by which tiltak, or not at all."""
        by_topic: dict[str, list[int]] = {}
        for number, found in enumerate(measures(basis.document), 1):
            for topic in found.get("topics", []) or []:
                by_topic.setdefault(str(topic), []).append(number)
        covered: list[tuple[str, str, list[int]]] = []
        uncovered: list[tuple[str, str]] = []
        needs: list[SentNeed] = sorted(
            await self._needs.sent_needs(basis.network_id, basis.year), key=lambda n: n.owner
        )
        for need in needs:
            for topic in need.topics:
                if topic in by_topic:
                    covered.append((topic, need.owner, by_topic[topic]))
                else:
                    uncovered.append((topic, need.owner))
        return Coverage(covered, uncovered)

    # Sending

    def deadline(self, basis: StoredBasis) -> date | None:
        """The beslutningsgrunnlag's deadline for the document's year (1 February)."""
        region = self._scheme.region
        for deadline in cycle_deadlines(region, basis.year, network_id=basis.network_id):
            if deadline.step.id == STEP_ID:
                return deadline.due
        return None

    def past_deadline(self, basis: StoredBasis) -> bool:
        """True when the deadline has passed (Oslo time)."""
        due = self.deadline(basis)
        return due is not None and oslo_today(self._clock()) > due

    async def send(self, basis_id: int, version: int, editor: Editor) -> Sending:
        """Send to samarbeidsforum once, complete and within the frame; mark the step done."""
        basis = await self.get(basis_id, editor.aad_id)
        if basis is None:
            return Sending(WriteOutcome.MISSING, None)
        if basis.status is Status.SENT:
            return Sending(WriteOutcome.ALREADY, basis)
        if basis.version != version:
            return Sending(WriteOutcome.STALE, basis)
        gaps = missing(basis.document)
        if not measures(basis.document):
            gaps["measures"] = ["goal"]
        if gaps:
            return Sending(WriteOutcome.STALE, basis, missing=gaps)
        budget = await self.budget(basis)
        if budget.over:
            largest = sorted(
                (
                    (number, str(found.get("goal", "")), measure_total(found))
                    for number, found in enumerate(measures(basis.document), 1)
                ),
                key=lambda item: -item[2],
            )[:3]
            return Sending(WriteOutcome.STALE, basis, over=budget.over, largest=largest)
        outcome, sent = await self.store.send(
            basis.id, version, editor=editor, late=self.past_deadline(basis), now=self._clock()
        )
        if outcome is WriteOutcome.DONE and sent is not None:
            await self._marks.mark(
                sent.network_id, STEP_ID, sent.year, marked_by=editor.aad_id or editor.id
            )
        return Sending(outcome, sent)

    # What changed (told to the administrators after a sent document is changed)

    async def changes(
        self, basis: StoredBasis, lang: Lang = "nb", *, since: int | None = None
    ) -> list[str]:
        """What the newest version changed against the one before it (or against version
        `since`), in words."""
        if since is not None:
            before = await self.store.version(basis.id, since)
            return [] if before is None else describe_changes(before, basis.document, lang)
        history = await self.store.history(basis.id)
        if len(history) < 2:
            return []
        return describe_changes(history[-2].document, history[-1].document, lang)

    # Samarbeidsforum's overview

    async def overview(self, year: int) -> list[OverviewRow]:
        """Every network: its state, what it commits and its frame."""
        found = {b.network_id: b for b in await self.store.in_year(year)}
        rows = []
        for network in self._scheme.region.networks:
            basis = found.get(network.id)
            if basis is None or basis.version == 1:  # opened, never saved
                state = "not_started"
            elif basis.status is Status.SENT:
                state = "sent_late" if basis.late else "sent"
            else:
                state = "draft"
            rows.append(
                OverviewRow(
                    network.id,
                    network.name,
                    state,
                    total(basis.document) if basis else 0,
                    await self.frame(network.id, year),
                    basis.reference if basis else None,
                )
            )
        return rows

    async def topic_totals(self, year: int) -> dict[str, int]:
        """Budget per topic over every network's document (a tiltak with several topics
        counts under each of them)."""
        totals: dict[str, int] = {}
        for basis in await self.store.in_year(year):
            for found in measures(basis.document):
                for topic in found.get("topics", []) or []:
                    totals[str(topic)] = totals.get(str(topic), 0) + measure_total(found)
        return dict(sorted(totals.items(), key=lambda item: -item[1]))


async def append_measure(
    store: BasisStore, basis: StoredBasis, editor: Editor, **blank: Any
) -> tuple[StoredBasis, int]:
    """A new, empty tiltak (with `blank`'s keys) at the end of a document, on top of the newest
    version; returns the document and the tiltak's id. Used by both kinds of document."""
    for _ in range(_RETRIES):
        document = copy.deepcopy(basis.document) or empty_document()
        measure_id = int(document.get("next_measure", 1))
        document.setdefault("measures", []).append({"id": measure_id, **blank})
        document["next_measure"] = measure_id + 1
        document["measures_done"] = False
        outcome = await store.save(
            basis.id, basis.version, document, editor=editor, action="measure_added"
        )
        fresh = await store.get(basis.id)
        if fresh is None:
            raise StaleBasis
        if outcome is WriteOutcome.DONE:
            return fresh, measure_id
        basis = fresh
    raise StaleBasis


Check = Callable[[dict[str, Any], int | None, dict[str, Any], dict[str, str], Lang], None]


async def save_fields(
    store: BasisStore,
    basis: StoredBasis,
    specs: tuple[BasisField, ...],
    values: dict[str, str],
    editor: Editor,
    *,
    lang: Lang,
    in_measure: bool,
    base_version: int | None,
    measure_id: int | None,
    members: tuple[str, ...] = (),
    check: Check | None = None,
) -> PartSaved:
    """Read the answers to `specs` (one part of a document, the tiltak `measure_id` when
    `in_measure`), store the valid ones on top of the newest version, merging with what others
    saved since `base_version`; report errors, warnings and clashes per field. Used by the
    beslutningsgrunnlag and the report alike."""
    base_version = basis.version if base_version is None else base_version
    base = basis.document
    if base_version != basis.version:
        base = await store.version(basis.id, base_version) or basis.document
    before = (measure(base, measure_id or 0) or {}) if in_measure else base
    by_name = {spec.name: spec for spec in specs}
    parsed: dict[str, Any] = {}
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    for name, raw in values.items():
        spec = by_name.get(name)
        if spec is None:
            continue
        if base is not basis.document and not raw.strip() and _empty(before.get(name)):
            continue  # left empty on an old card: not a change (someone may have filled it)
        result = parse_answer(spec, raw, lang, year=basis.year, members=members)
        if result.error is not None:
            errors[name] = result.error
            continue
        parsed[name] = result.value
        if result.warning:
            warnings[name] = result.warning
    current = basis
    for _ in range(_RETRIES):
        document, conflicts = _apply(current.document, base, parsed, in_measure, measure_id)
        if check is not None:
            check(document, measure_id, parsed, errors, lang)
        action = "changed" if current.status is Status.SENT else "saved"
        outcome = await store.save(
            current.id, current.version, document, editor=editor, action=action
        )
        if outcome is WriteOutcome.DONE:
            fresh = await store.get(current.id)
            if fresh is None:  # saved a moment ago, and documents are never deleted
                raise StaleBasis
            merged = current.version != base_version
            return PartSaved(fresh, errors, warnings, conflicts, merged)
        newer = await store.get(current.id)
        if newer is None:
            raise StaleBasis
        current = newer
    raise StaleBasis


def _apply(
    current: dict[str, Any],
    base: dict[str, Any],
    parsed: dict[str, Any],
    in_measure: bool,
    measure_id: int | None,
) -> tuple[dict[str, Any], list[str]]:
    """`parsed` applied on top of `current`; a field that someone else changed since `base`
    (and that this change also changes, differently) keeps their value and is reported."""
    document = copy.deepcopy(current) if current else empty_document()
    if in_measure:
        target = measure(document, measure_id or 0)
        before = measure(base, measure_id or 0) or {}
        if target is None:  # removed meanwhile: nothing to change
            return document, list(parsed)
    else:
        target, before = document, base
    conflicts = []
    for name, value in parsed.items():
        theirs, original = _normal(target.get(name)), _normal(before.get(name))
        if theirs != original and _normal(value) not in (theirs, original):
            conflicts.append(name)
            continue
        if _normal(value) != original or theirs == original:
            target[name] = value
    return document, conflicts


def _empty(value: Any) -> bool:
    return value in (None, "", [])


def _normal(value: Any) -> Any:
    """Unanswered and answered empty count as the same when versions are compared."""
    return None if _empty(value) else value


def _check_timeline(
    document: dict[str, Any],
    measure_id: int | None,
    parsed: dict[str, Any],
    errors: dict[str, str],
    lang: Lang,
) -> None:
    """A tiltak cannot end before it starts: the end month is taken back and explained."""
    found = measure(document, measure_id or 0)
    if found is None or not found.get("from_month") or not found.get("to_month"):
        return
    if str(found["to_month"]) < str(found["from_month"]):
        wrong = "to_month" if "to_month" in parsed else "from_month"
        found.pop(wrong, None)
        errors[wrong] = t.ENDS_BEFORE_START.get(lang)


def describe_changes(old: dict[str, Any], new: dict[str, Any], lang: Lang) -> list[str]:
    """The changes between two versions, one line each («Tiltak 2: Budsjett UH …»)."""
    lines: list[str] = []
    for specs in (HEADER, CONDITIONS, EVALUATION):
        for spec in specs:
            if old.get(spec.name) != new.get(spec.name):
                lines.append(t.CHANGED_FIELD.get(lang).format(label=spec.label.get(lang)))
    old_ids = {m.get("id") for m in measures(old)}
    new_ids = {m.get("id") for m in measures(new)}
    for found in measures(new):
        number = position(new, int(found.get("id", 0)))
        before = measure(old, int(found.get("id", 0))) or {}
        if found.get("id") not in old_ids or not any(before.get(s.name) for s in MEASURE):
            lines.append(t.MEASURE_ADDED.get(lang).format(number=number))  # new, or was empty
            continue
        for spec in MEASURE:
            if _normal(before.get(spec.name)) != _normal(found.get(spec.name)):
                if spec.name in BUDGET_KINDS:
                    lines.append(
                        t.MEASURE_BUDGET_CHANGED.get(lang).format(
                            number=number,
                            label=spec.label.get(lang),
                            old=format_money(int(before.get(spec.name, 0) or 0)),
                            new=format_money(int(found.get(spec.name, 0) or 0)),
                        )
                    )
                else:
                    lines.append(
                        t.MEASURE_FIELD_CHANGED.get(lang).format(
                            number=number, label=spec.label.get(lang)
                        )
                    )
    for found in measures(old):
        if found.get("id") not in new_ids:
            goal = verbatim(str(found.get("goal", ""))[:60])  # shown to the administrators
            lines.append(t.MEASURE_REMOVED.get(lang).format(goal=goal or "–"))
    if total(old) != total(new):
        lines.append(
            t.TOTAL_CHANGED.get(lang).format(
                old=format_money(total(old)), new=format_money(total(new))
            )
        )
    return lines
