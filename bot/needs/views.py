"""What the behovsmelding cards show: the form, the summary, the receipt, lists and status.

Every view is made in the user's language (bokmål or nynorsk); the field texts come from the
form's declaration (`bot.needs.form.FIELDS`). The notice to a network's coordinators is
bokmål: it goes to other people's chats and channels, whose language is not known.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.needs import texts as t
from bot.needs.answers import NOT_A_COUNT, REQUIRED, cut
from bot.needs.form import FIELDS, FieldSpec, display_value
from bot.needs.model import Status, StoredReport
from bot.needs.service import NetworkStatus
from bot.scheme import Lang, format_date, oslo_today
from cards.markdown import verbatim
from cards.payloads import export, needs
from cards.views import Button, Fact, FactsCard, FormCard, FormInput, shorten

_KINDS = {
    "text": "text",
    "email": "text",
    "long_text": "multiline",
    "count": "number",
    "choice": "choice",
    "choices": "choices",
    "yes_no": "toggle",
}


def deadline_line(due: date | None, late: bool, lang: Lang) -> str:
    """The network's deadline as a sentence for the form."""
    if due is None:
        return t.NO_DEADLINE.get(lang)
    if late:
        return t.WAS_DUE.get(lang).format(due=format_date(due, lang))
    return t.IS_DUE.get(lang).format(due=format_date(due, lang))


def input_value(spec: FieldSpec, value: Any) -> str:
    """A stored answer as the text an input shows."""
    if value is None:
        return ""
    if spec.kind == "choices":
        return ",".join(str(v) for v in value)
    if spec.kind == "yes_no":
        return "ja" if value else "nei"
    return str(value)


def _input_error(spec: FieldSpec, lang: Lang) -> str:
    """What Teams says under an input left wrong before the card is sent."""
    if spec.kind in ("choice", "choices"):
        return t.PICK_AN_ANSWER.get(lang)
    if spec.kind == "count":
        return NOT_A_COUNT.get(lang)
    return REQUIRED.get(lang)


def form_card(
    report: StoredReport,
    lang: Lang,
    *,
    due: date | None,
    late: bool,
    errors: dict[str, str] | None = None,
    warnings: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> FormCard:
    """The whole form, filled with what is known; errors sit next to their fields.

    `values` (as submitted, shown back next to their errors) are cut at their field's limit, as
    Teams would cut them, so a huge submit cannot make the form too large to send.
    """
    errors, warnings, values = errors or {}, warnings or {}, values or {}
    inputs = [
        FormInput(
            id=spec.name,
            label=spec.label.get(lang) + ("" if spec.required else t.OPTIONAL.get(lang)),
            kind=_KINDS[spec.kind],
            value=cut(values[spec.name], spec.max_length)
            if spec.name in values
            else input_value(spec, report.answers.get(spec.name)),
            choices=[(label, key) for key, label in spec.choice_labels(lang).items()],
            required=spec.required and spec.kind != "yes_no",
            max_length=spec.max_length,
            error=errors.get(spec.name),
            warning=warnings.get(spec.name),
            error_message=_input_error(spec, lang),
        )
        for spec in FIELDS
    ]
    summary = t.TO_CORRECT.get(lang).format(count=len(errors)) if errors else None
    return FormCard(
        title=t.FORM_TITLE.get(lang),
        intro=[deadline_line(due, late, lang), t.NO_CHILD_DATA.get(lang)],
        error_summary=summary,
        inputs=inputs,
        submit=Button(title=t.GO_ON.get(lang), data=needs("save", report.id, report.version)),
    )


def summary_card(
    report: StoredReport, warnings: dict[str, str], lang: Lang, *, due: date | None, late: bool
) -> FactsCard:
    """Everything entered, to confirm before sending."""
    warning = " ".join(sorted(set(warnings.values()))) or None
    return FactsCard(
        title=t.CHECK_TITLE.get(lang),
        headline=t.CHECK_HEADLINE.get(lang),
        facts=_facts(report, lang),
        notes=[deadline_line(due, late, lang)],
        warning=warning,
        buttons=[
            Button(title=t.SEND.get(lang), data=needs("submit", report.id, report.version)),
            Button(title=t.CHANGE.get(lang), data=needs("form", report.id, report.version)),
        ],
    )


def receipt_card(report: StoredReport, network_name: str, reached: int, lang: Lang) -> FactsCard:
    """The receipt after sending; it says honestly whether a coordinator was told."""
    notes = [t.SENT_LATE.get(lang)] if report.late else []
    told = (t.TOLD if reached else t.NOT_TOLD).get(lang).format(name=network_name)
    sent = format_date(oslo_today(report.submitted_at), lang) if report.submitted_at else ""
    return FactsCard(
        title=t.RECEIPT_TITLE.get(lang).format(reference=report.reference),
        headline=t.KEEP_REFERENCE.get(lang).format(told=told),
        facts=[
            Fact(title=t.REFERENCE.get(lang), value=report.reference or ""),
            Fact(title=t.OWNER.get(lang), value=verbatim(report.owner)),
            Fact(title=t.SENT.get(lang), value=sent),
        ],
        notes=[*notes, t.CHANGE_UNTIL_DUE.get(lang)],
    )


def notification_card(report: StoredReport, network_name: str) -> FactsCard:
    """What the network's coordinators get when a report arrives (bokmål: see the docstring)."""
    return FactsCard(
        title=f"Ny behovsmelding til {network_name}",
        headline=f"{verbatim(report.owner)} har sendt behovsmelding ({report.reference}).",
        facts=_facts(report, "nb"),
        notes=["Meldingen ble sendt etter fristen."] if report.late else [],
    )


def mine_card(reports: list[StoredReport], lang: Lang) -> FactsCard:
    """The user's reports, with what can be done next."""
    facts = [
        Fact(
            title=report.reference or t.DRAFT_NAMED.get(lang).format(id=report.id),
            value=f"{verbatim(report.owner) or t.NO_OWNER.get(lang)}: "
            + t.STATUS_TEXT[report.status].get(lang)
            + (t.LATE.get(lang) if report.late else ""),
        )
        for report in reports
    ]
    choices = [
        Button(
            title=t.CHANGE_NAMED.get(lang).format(
                name=r.reference or shorten(r.owner) or t.A_DRAFT.get(lang)
            ),
            data=needs("form", r.id, r.version),
        )
        for r in reports
        if r.status is not Status.WITHDRAWN
    ][:3]
    choices += [
        Button(
            title=t.WITHDRAW_NAMED.get(lang).format(reference=r.reference),
            data=needs("withdraw", r.id, r.version),
        )
        for r in reports
        if r.status is Status.SUBMITTED
    ][:2]
    return FactsCard(
        title=t.MINE_TITLE.get(lang),
        headline=(t.MINE_ONE if len(reports) == 1 else t.MINE_COUNT)
        .get(lang)
        .format(count=len(reports)),
        facts=facts,
        choices=choices,
    )


def status_card(status: NetworkStatus, lang: Lang) -> FactsCard:
    """The network's status for its coordinators."""
    facts = [
        Fact(
            title=r.reference or "",
            value=t.SENT_BY.get(lang).format(owner=verbatim(r.owner))
            + (t.AFTER_DEADLINE.get(lang) if r.late else ""),
        )
        for r in status.submitted
    ]
    facts += [
        Fact(title=t.DRAFT.get(lang), value=verbatim(r.owner) or t.NO_OWNER_YET.get(lang))
        for r in status.drafting
    ]
    facts += [Fact(title=t.NOT_STARTED.get(lang), value=name) for name in status.not_started]
    return FactsCard(
        title=t.STATUS_TITLE.get(lang).format(name=status.network_name),
        headline=t.STATUS_HEADLINE.get(lang).format(
            sent=len(status.submitted),
            owners=_owners(len({r.owner.casefold() for r in status.submitted}), lang),
            drafts=len(status.drafting),
            idle=len(status.not_started),
            members=status.members,
        ),
        facts=facts,
        warning=t.EXAMPLE_GROUPING.get(lang) if status.example_grouping else None,
        buttons=[Button(title=t.DOWNLOAD.get(lang), data=export(status.network_id, status.year))],
    )


def _owners(count: int, lang: Lang) -> str:
    """«1 eier», «3 eiere» («1 eigar», «3 eigarar»)."""
    return t.OWNERS.get(count, t.MANY_OWNERS).get(lang).format(count=count)


def _facts(report: StoredReport, lang: Lang) -> list[Fact]:
    return [
        Fact(
            title=spec.label.get(lang),
            value=verbatim(display_value(spec, report.answers.get(spec.name), lang)),
        )
        for spec in FIELDS
    ]
