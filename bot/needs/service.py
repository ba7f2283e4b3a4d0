"""Filling in, sending, changing and following up behovsmeldinger (no Bot Framework here).

Both doors, the card form and the step-by-step dialog, go through `save_answers`, so the rules
(`bot.needs.form`, `bot.needs.answers`) and the personal data guard apply the same way.
The network is derived from the municipality. A report sent after the network's deadline is
accepted and marked late; a sent report can be changed or withdrawn until that deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from bot.needs.answers import REQUIRED, parse_answer
from bot.needs.form import FIELD_BY_NAME, FIELDS, NeedsReport, missing_fields
from bot.needs.model import Author, ReportStore, Status, StoredReport, WriteOutcome
from bot.scheme import Lang, Localized, cycle_deadlines, oslo_today
from bot.scheme.roles import Permission, RoleDirectory, allowed
from bot.scheme.scheme_data import SchemeData

UNKNOWN_MUNICIPALITY = Localized(
    nb="Finner ikke kommunen «{name}» i {region}.", nn="Finn ikkje kommunen «{name}» i {region}."
)
INVALID = Localized(nb="Ugyldig verdi.", nn="Ugyldig verdi.")


class StaleCard(Exception):
    """The report changed since the card or step was made; nothing was saved."""


@dataclass(frozen=True)
class Saved:
    """The outcome of saving answers: the report now, and what was wrong or worth a warning."""

    report: StoredReport
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NetworkStatus:
    """Who in a network has sent, is drafting, or has not started (municipalities)."""

    network_name: str
    submitted: list[StoredReport]
    drafting: list[StoredReport]
    not_started: list[str]
    network_id: str = ""
    year: int = 0
    members: int = 0  # how many municipalities the network has
    example_grouping: bool = False  # which municipalities it has is example data


class NeedsService:
    """The behovsmelding's rules over its repository."""

    def __init__(
        self,
        reports: ReportStore,
        scheme: SchemeData,
        roles: RoleDirectory,
        clock: Callable[[], datetime],
    ) -> None:
        self.reports = reports
        self._scheme = scheme
        self._roles = roles
        self._clock = clock

    async def start(self, author: Author) -> StoredReport:
        """A new draft for the grant year under way."""
        return await self.reports.create_draft(author, self._scheme.cycle_year(self._clock()))

    async def own(self, report_id: int, author: Author) -> StoredReport | None:
        """The report, if it is the author's."""
        report = await self.reports.get(report_id)
        return report if report is not None and report.author_id == author.id else None

    async def drafts(self, author: Author) -> list[StoredReport]:
        """The author's unsent drafts, most recently changed first."""
        return [r for r in await self.reports.for_author(author.id) if r.status is Status.DRAFT]

    async def save_answers(
        self,
        report: StoredReport,
        values: dict[str, str],
        author: Author,
        *,
        lang: Lang,
        step: int | None = None,
    ) -> Saved:
        """Parse the given answers; store the valid ones; return errors per field (in `lang`)."""
        answers = dict(report.answers)
        errors: dict[str, str] = {}
        warnings: dict[str, str] = {}
        for name, raw in values.items():
            spec = FIELD_BY_NAME.get(name)
            if spec is None:
                continue
            parsed = parse_answer(spec, raw, lang)
            if parsed.error is not None:
                errors[name] = parsed.error
                continue
            answers[name] = parsed.value
            if parsed.warning:
                warnings[name] = parsed.warning
        network_id = self._network_of(answers)
        if "municipality" in answers and network_id is None:
            unknown = answers.pop("municipality")
            errors["municipality"] = UNKNOWN_MUNICIPALITY.get(lang).format(
                name=unknown, region=self._scheme.region.name
            )
        next_step = _first_open_step(answers) if step is None else step
        action = "changed" if report.status is Status.SUBMITTED else "saved"
        outcome, fresh = await self.reports.save(
            report.id,
            report.version,
            answers,
            author=author,
            step=next_step,
            network_id=network_id,
            action=action,
        )
        if outcome is not WriteOutcome.DONE or fresh is None:
            raise StaleCard
        return Saved(fresh, errors, warnings)

    def incomplete(self, report: StoredReport, lang: Lang) -> dict[str, str]:
        """Errors (in `lang`) for a report that cannot be sent yet (missing or invalid fields)."""
        errors = {spec.name: REQUIRED.get(lang) for spec in missing_fields(report.answers)}
        if errors:
            return errors
        try:
            NeedsReport.model_validate(report.answers)
        except ValidationError as error:
            return {str(e["loc"][0]): INVALID.get(lang) for e in error.errors() if e["loc"]}
        return {}

    def deadline(self, report: StoredReport) -> date | None:
        """The network's behovsmelding deadline for the report's year, when one is set."""
        if report.network_id is None:
            return None
        for deadline in cycle_deadlines(
            self._scheme.region, report.year, network_id=report.network_id
        ):
            if deadline.step.id == "behovsmelding":
                return deadline.due
        return None

    def past_deadline(self, report: StoredReport) -> bool:
        """True when the network's deadline has passed (Oslo time)."""
        due = self.deadline(report)
        return due is not None and oslo_today(self._clock()) > due

    async def submit(
        self, report_id: int, version: int, author: Author, lang: Lang
    ) -> tuple[WriteOutcome, StoredReport | None, dict[str, str]]:
        """Send once. Returns the outcome, the report and, if incomplete, the errors (in `lang`)."""
        report = await self.own(report_id, author)
        if report is None:
            return WriteOutcome.MISSING, None, {}
        if report.status is Status.DRAFT:
            errors = self.incomplete(report, lang)
            if errors:
                return WriteOutcome.STALE, report, errors
        outcome, sent = await self.reports.submit(
            report_id, version, author=author, late=self.past_deadline(report)
        )
        return outcome, sent, {}

    async def status_network(self, aad_id: str | None, told: str | None) -> str | None:
        """The network whose status a person asks for. A coordinator's own network is the
        default (no «jeg hører til» needed); an administrator's is the one they said they
        belong to, else the one they coordinate."""
        person = await self._roles.person(aad_id)
        own = (
            next(iter(person.coordinator_of))
            if person and len(person.coordinator_of) == 1
            else None
        )
        if person is not None and not person.admin and own is not None:
            return own
        return told or own

    def find_network(self, text: str) -> str | None:
        """The id of the network `text` names (a network, alias or member municipality)."""
        network = self._scheme.region.find_network(text)
        return network.id if network else None

    async def has_role(self, aad_id: str | None) -> bool:
        """True for administrators and coordinators."""
        person = await self._roles.person(aad_id)
        return person is not None and (person.admin or bool(person.coordinator_of))

    async def may_see_network(self, aad_id: str | None, network_id: str) -> bool:
        """Coordinators of the network and administrators may see others' reports."""
        person = await self._roles.person(aad_id)
        return person is not None and allowed(person, Permission.VIEW_NETWORK_REPORTS, network_id)

    async def network_status(self, network_id: str, year: int | None = None) -> NetworkStatus:
        """Who has sent, who is drafting, and which member municipalities have not started."""
        network = self._scheme.region.network(network_id)
        year = year or self._scheme.cycle_year(self._clock())
        reports = await self.reports.for_network(network_id, year)
        submitted = [r for r in reports if r.status is Status.SUBMITTED]
        drafting = [r for r in reports if r.status is Status.DRAFT]
        started = {str(r.answers.get("municipality", "")).casefold() for r in submitted + drafting}
        not_started = [m for m in network.members if m.casefold() not in started]
        return NetworkStatus(
            network.name,
            submitted,
            drafting,
            not_started,
            network_id,
            year,
            len(network.members),
            network.example_data,
        )

    def network_name(self, network_id: str | None) -> str:
        """A network's display name ("nettverket" when unknown)."""
        if network_id is None:
            return "nettverket"
        return self._scheme.region.network(network_id).name

    def _network_of(self, answers: dict[str, Any]) -> str | None:
        municipality = answers.get("municipality")
        if not municipality:
            return None
        region = self._scheme.region
        network = region.find_network(str(municipality))
        return network.id if network is not None else None


def _first_open_step(answers: dict[str, Any]) -> int:
    """The index of the first field not answered yet (len(FIELDS) when all are)."""
    for index, spec in enumerate(FIELDS):
        if spec.name not in answers:
            return index
    return len(FIELDS)
