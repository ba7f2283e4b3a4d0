"""What the behovsmelding cards show: the form, the summary, the receipt, lists and status."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.needs_service import NetworkStatus
from bot.scheme import format_date
from bot.scheme.needs import FIELDS, FieldSpec, display_value
from bot.store.needs import Status, StoredReport
from cards.payloads import needs
from cards.views import Button, Fact, FactsCard, FormCard, FormInput

_KINDS = {
    "text": "text",
    "email": "text",
    "long_text": "multiline",
    "count": "number",
    "choice": "choice",
    "choices": "choices",
    "yes_no": "toggle",
}
STATUS_TEXT = {Status.DRAFT: "utkast", Status.SUBMITTED: "sendt", Status.WITHDRAWN: "trukket"}


def deadline_line(due: date | None, late: bool) -> str:
    """The network's deadline as a sentence for the form."""
    if due is None:
        return "Nettverket ditt har ikke lagt inn en frist her. Spør koordinatoren om fristen."
    if late:
        return (
            f"Fristen var {format_date(due)}. Du kan fortsatt sende, men meldingen blir merket "
            "som sendt etter fristen."
        )
    return f"Fristen for nettverket ditt er {format_date(due)}."


def input_value(spec: FieldSpec, value: Any) -> str:
    """A stored answer as the text an input shows."""
    if value is None:
        return ""
    if spec.kind == "choices":
        return ",".join(str(v) for v in value)
    if spec.kind == "yes_no":
        return "ja" if value else "nei"
    return str(value)


def form_card(
    report: StoredReport,
    *,
    due: date | None,
    late: bool,
    errors: dict[str, str] | None = None,
    warnings: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> FormCard:
    """The whole form, filled with what is known; errors sit next to their fields."""
    errors, warnings, values = errors or {}, warnings or {}, values or {}
    inputs = [
        FormInput(
            id=spec.name,
            label=spec.label + ("" if spec.required else " (valgfritt)"),
            kind=_KINDS[spec.kind],
            value=values.get(spec.name, input_value(spec, report.answers.get(spec.name))),
            choices=[(label, key) for key, label in spec.choices.items()],
            required=spec.required and spec.kind != "yes_no",
            max_length=spec.max_length,
            error=errors.get(spec.name),
            warning=warnings.get(spec.name),
        )
        for spec in FIELDS
    ]
    summary = None
    if errors:
        summary = f"{len(errors)} felt må rettes før du kan gå videre. Se merknadene under."
    intro = [
        deadline_line(due, late),
        "Ikke skriv personopplysninger om barn (navn, fødselsnummer) i meldingen.",
    ]
    return FormCard(
        title="Behovsmelding",
        intro=intro,
        error_summary=summary,
        inputs=inputs,
        submit=Button(title="Gå videre", data=needs("save", report.id, report.version)),
    )


def summary_card(
    report: StoredReport, warnings: dict[str, str], *, due: date | None, late: bool
) -> FactsCard:
    """Everything entered, to confirm before sending."""
    notes = [deadline_line(due, late)]
    warning = " ".join(sorted(set(warnings.values()))) or None
    return FactsCard(
        title="Se over behovsmeldingen",
        headline="Stemmer dette? Trykk «Send inn» for å sende den til kompetansenettverket.",
        facts=_facts(report),
        notes=notes,
        warning=warning,
        buttons=[
            Button(title="Send inn", data=needs("submit", report.id, report.version)),
            Button(title="Endre", data=needs("form", report.id, report.version)),
        ],
    )


def receipt_card(report: StoredReport, network_name: str, reached: int) -> FactsCard:
    """The receipt after sending; it says honestly whether a coordinator was told."""
    notes = ["Meldingen ble sendt etter fristen, og er merket slik."] if report.late else []
    if reached:
        told = f"Koordinatorene i {network_name} har fått beskjed i Teams."
    else:
        told = (
            f"Meldingen er registrert hos {network_name}, men ingen koordinator der er koblet "
            "til Laget ennå. Gi gjerne koordinatoren beskjed selv."
        )
    return FactsCard(
        title=f"Behovsmeldingen er sendt: {report.reference}",
        headline=f"{told} Ta vare på referansen.",
        facts=[
            Fact(title="Referanse", value=report.reference or ""),
            Fact(title="Eier", value=report.owner),
            Fact(
                title="Sendt",
                value=format_date(report.submitted_at.date()) if report.submitted_at else "",
            ),
        ],
        notes=notes
        + ["Du kan endre eller trekke den tilbake fram til fristen: skriv «mine behovsmeldinger»."],
    )


def notification_card(report: StoredReport, network_name: str) -> FactsCard:
    """What the network's coordinators get when a report arrives."""
    return FactsCard(
        title=f"Ny behovsmelding til {network_name}",
        headline=f"{report.owner} har sendt behovsmelding ({report.reference}).",
        facts=_facts(report),
        notes=["Meldingen ble sendt etter fristen."] if report.late else [],
    )


def mine_card(reports: list[StoredReport]) -> FactsCard:
    """The user's reports, with what can be done next."""
    facts = [
        Fact(
            title=report.reference or f"Utkast {report.id}",
            value=f"{report.owner or 'uten eier'}: {STATUS_TEXT[report.status]}"
            + (" (etter fristen)" if report.late else ""),
        )
        for report in reports
    ]
    choices = [
        Button(
            title=f"Endre {r.reference or r.owner or 'utkast'}", data=needs("form", r.id, r.version)
        )
        for r in reports
        if r.status is not Status.WITHDRAWN
    ][:3]
    choices += [
        Button(title=f"Trekk tilbake {r.reference}", data=needs("withdraw", r.id, r.version))
        for r in reports
        if r.status is Status.SUBMITTED
    ][:2]
    return FactsCard(
        title="Mine behovsmeldinger",
        headline=f"Du har {len(reports)} behovsmelding(er).",
        facts=facts,
        choices=choices,
    )


def status_card(status: NetworkStatus) -> FactsCard:
    """The network's status for its coordinators."""
    facts = [
        Fact(
            title=r.reference or "",
            value=f"{r.owner}: sendt" + (" etter fristen" if r.late else ""),
        )
        for r in status.submitted
    ]
    facts += [Fact(title="Utkast", value=r.owner or "uten eier ennå") for r in status.drafting]
    facts += [Fact(title="Ikke startet", value=name) for name in status.not_started]
    return FactsCard(
        title=f"Behovsmeldinger i {status.network_name}",
        headline=(
            f"{len(status.submitted)} sendt, {len(status.drafting)} utkast, "
            f"{len(status.not_started)} kommuner har ikke startet."
        ),
        facts=facts,
        notes=["Eksporter til regneark: laget export needs --network … --year … --format xlsx"],
    )


def _facts(report: StoredReport) -> list[Fact]:
    return [
        Fact(title=spec.label, value=display_value(spec, report.answers.get(spec.name)))
        for spec in FIELDS
    ]
