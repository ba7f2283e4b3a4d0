"""The report's cards, as view-models, in bokmål or nynorsk: the summary (used against what was
committed, per tiltak and per budget line, with a meter), one form per part, the confirmation,
the receipt and the administrators' overview."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.decision_basis.form import measure, measures, position
from bot.decision_basis.model import Status, StoredBasis
from bot.decision_basis.views import form_input, state_line
from bot.reporting import texts as t
from bot.reporting.form import FIELDS_OF, FROM_PLAN, PPT_PARTY, Part, committed, missing, used
from bot.reporting.service import Sums
from bot.scheme import Lang, format_date, format_money, oslo_today
from cards.markdown import verbatim
from cards.payloads import ReportOp, report_action
from cards.views import Button, ChoiceCard, Fact, FactsCard, FormCard, Meter, shorten

MAX_MEASURE_BUTTONS = 4  # with the conditions and the evaluation: six, as many as a card shows


def _title(report: StoredBasis, name: str, lang: Lang) -> str:
    return t.TITLE.get(lang).format(name=name, year=report.year)


def _data(
    op: ReportOp, report: StoredBasis, part: Part | None = None, measure_id: int = 0
) -> dict[str, Any]:
    return report_action(op, report.id, report.version, part=part, measure=measure_id)


def part_title(report: StoredBasis, part: Part, lang: Lang, measure_id: int = 0) -> str:
    """«Tiltak 2», «Slik ble vilkårene oppfylt», «Evalueringen»."""
    return t.PART_TITLES[part].get(lang).format(number=position(report.document, measure_id))


def _goal(found: dict[str, Any], lang: Lang, limit: int = 40) -> str:
    """A tiltak's goal, short, for a button title (plain text in Teams)."""
    goal = str(found.get("goal", "") or "")
    return shorten(goal, limit) if goal else t.NEW_MEASURE.get(lang)


def _goal_text(found: dict[str, Any], lang: Lang, limit: int = 40) -> str:
    """The same, for a card's text (Markdown there): shown as it was typed."""
    return verbatim(_goal(found, lang, limit)) if found.get("goal") else _goal(found, lang)


def meter(sums: Sums, lang: Lang) -> Meter:
    """Used against what was committed, or against the frame when nothing was committed."""
    limit = sums.committed or (sums.frame.amount if sums.frame else 0)
    percent = round(100 * sums.used / limit) if limit else 0
    if sums.committed:
        value = t.USED_LINE.get(lang).format(
            used=format_money(sums.used), committed=format_money(limit), percent=percent
        )
    else:
        value = t.USED_OF_FRAME.get(lang).format(
            used=format_money(sums.used), frame=format_money(limit), percent=percent
        )
    return Meter(
        label=t.USED.get(lang),
        value=value,
        percent=percent,
        over=bool(limit) and sums.used > limit,
    )


def _measure_used(found: dict[str, Any], lang: Lang) -> str:
    """«Mål … · brukt kr 525 000 av kr 500 000 (kr 25 000 over)», or «· brukt kr 150 000»."""
    spent, bound = used(found), committed(found)
    if not bound:
        return t.MEASURE_USED_ONLY.get(lang).format(
            goal=_goal_text(found, lang, 50), used=format_money(spent)
        )
    over = t.OVER_MARK.get(lang).format(over=format_money(spent - bound)) if spent > bound else ""
    text = t.MEASURE_USED.get(lang).format(
        goal=_goal_text(found, lang, 50), used=format_money(spent), committed=format_money(bound)
    )
    return text + over


def _used_of(spent: int, bound: int, lang: Lang) -> str:
    """«kr 180 000 / kr 200 000», «… (kr 25 000 over)», or just «kr 150 000» when nothing was
    committed to compare with."""
    if not bound:
        return format_money(spent)
    over = t.OVER_MARK.get(lang).format(over=format_money(spent - bound)) if spent > bound else ""
    return f"{format_money(spent)} / {format_money(bound)}{over}"


def summary_card(
    report: StoredBasis, sums: Sums, *, name: str, lang: Lang, due: date | None
) -> FactsCard:
    """The report at a glance."""
    document = report.document
    facts = [
        Fact(
            title=t.PART_TITLES["measure"].get(lang).format(number=number),
            value=_measure_used(found, lang),
        )
        for number, found in enumerate(measures(document), 1)
    ]
    facts += [
        Fact(title=t.KIND_LABELS[kind].get(lang), value=_used_of(spent, bound, lang))
        for kind, (spent, bound) in sums.by_kind.items()
        if spent or bound
    ]
    notes = []
    reference = document.get("basis_reference")
    if report.network_id == PPT_PARTY:
        frame = format_money(sums.frame.amount) if sums.frame else "–"
        notes.append(t.PPT_NOTE.get(lang).format(frame=frame))
    elif reference:
        notes.append(t.PREFILLED.get(lang).format(reference=reference))
    elif not any(m.get("goal") for m in measures(document)):
        notes.append(t.NOT_PREFILLED.get(lang).format(year=report.year))
    if sums.committed and sums.used > sums.committed:
        notes.append(t.OVERSPENT.get(lang).format(over=format_money(sums.used - sums.committed)))
    if document.get(FROM_PLAN) and report.status is Status.DRAFT:
        notes.append(t.FROM_PLAN.get(lang))
    if sums.frame is not None:
        notes.append(
            t.USED_AGAINST_FRAME.get(lang).format(
                used=format_money(sums.used), frame=format_money(sums.frame.amount)
            )
        )
    if report.status is Status.DRAFT:
        gaps = missing(document)
        if gaps:
            parts = [_gap_title(report, key, lang) for key in gaps]
            notes.append(t.MISSING.get(lang).format(parts=", ".join(parts)))
        else:
            notes.append(t.READY.get(lang))
        if due is not None:
            notes.append(t.DEADLINE.get(lang).format(date=format_date(due, lang)))
    example = sums.frame is not None and sums.frame.example_data and not sums.frame.decided
    choices = [
        Button(
            title=t.MEASURE_BUTTON.get(lang).format(number=number, goal=_goal(found, lang, 30)),
            data=_data("form", report, "measure", int(found["id"])),
        )
        for number, found in enumerate(measures(document)[:MAX_MEASURE_BUTTONS], 1)
    ]
    choices += [
        Button(
            title=t.EDIT.get(lang).format(title=part_title(report, part, lang)),
            data=_data("form", report, part),
        )
        for part in ("conditions", "evaluation")
    ]
    buttons = []
    if report.status is Status.DRAFT:
        buttons.append(Button(title=t.SEND.get(lang), data=_data("confirm_send", report)))
    buttons.append(Button(title=t.ADD_MEASURE.get(lang), data=_data("add_measure", report)))
    buttons.append(Button(title=t.STEPS.get(lang), data=_data("steps", report)))
    return FactsCard(
        title=_title(report, name, lang),
        headline=state_line(report, lang),
        meter=meter(sums, lang),
        facts=facts,
        notes=notes,
        warning=t.EXAMPLE.get(lang) if example else None,
        choices=choices,
        buttons=buttons,
    )


def _gap_title(report: StoredBasis, key: str, lang: Lang) -> str:
    part, _, measure_id = key.partition(":")
    return part_title(report, part, lang, int(measure_id or 0))  # type: ignore[arg-type]


def part_form(
    report: StoredBasis,
    part: Part,
    *,
    name: str,
    lang: Lang,
    measure_id: int = 0,
    errors: dict[str, str] | None = None,
    warnings: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> FormCard:
    """One part as a card form, prefilled."""
    source = measure(report.document, measure_id) if part == "measure" else report.document
    source = source or {}
    intro = [state_line(report, lang)]
    if part == "conditions" and report.document.get(FROM_PLAN):
        intro.append(t.FROM_PLAN.get(lang))
    bound = source.get("committed") or {}
    if part == "measure" and any(bound.values()):
        intro.append(
            " · ".join(
                t.KIND_LINE.get(lang).format(
                    label=t.KIND_LABELS[kind].get(lang),
                    used=format_money(int(source.get(used_kind, 0) or 0)),
                    committed=format_money(int(bound.get(kind, 0) or 0)),
                )
                for used_kind, kind in (
                    ("used_owner", "budget_owner"),
                    ("used_uh", "budget_uh"),
                    ("used_coordination", "budget_coordination"),
                )
            )
        )
    inputs = [
        form_input(
            spec,
            source.get(spec.name),
            lang=lang,
            members=(),
            errors=errors or {},
            warnings=warnings or {},
            typed=values or {},
        )
        for spec in FIELDS_OF[part]
    ]
    return FormCard(
        title=f"{part_title(report, part, lang, measure_id)} · {_title(report, name, lang)}",
        intro=intro,
        error_summary=t.ERRORS.get(lang) if errors else None,
        inputs=inputs,
        submit=Button(title=t.SAVE.get(lang), data=_data("save", report, part, measure_id)),
    )


def confirm_card(report: StoredBasis, sums: Sums, lang: Lang) -> ChoiceCard:
    """«Sende rapporten til Statsforvalteren?»"""
    return ChoiceCard(
        title=t.CONFIRM_TITLE.get(lang),
        text=t.CONFIRM_TEXT.get(lang).format(
            measures=len(measures(report.document)), used=format_money(sums.used)
        )
        + " "
        + meter(sums, lang).value
        + ".",
        choices=[Button(title=t.CONFIRM_YES.get(lang), data=_data("send", report))],
    )


def receipt_card(
    sent: StoredBasis,
    sums: Sums,
    *,
    name: str,
    lang: Lang,
    due: date | None,
    party_is_network: bool,
) -> FactsCard:
    """The receipt: reference, date, the sums; the reminders stop."""
    day = format_date(oslo_today(sent.sent_at), lang) if sent.sent_at else ""
    notes = [t.RECEIPT_REMINDERS.get(lang).format(name=name)] if party_is_network else []
    if sent.late and due is not None:
        notes.insert(0, t.LATE.get(lang).format(date=format_date(due, lang)))
    return FactsCard(
        title=t.RECEIPT_TITLE.get(lang).format(reference=sent.reference),
        headline=t.RECEIPT_HEADLINE.get(lang).format(name=name, year=sent.year, date=day),
        meter=meter(sums, lang),
        facts=[
            Fact(title=t.KIND_LABELS[kind].get(lang), value=_used_of(spent, bound, lang))
            for kind, (spent, bound) in sums.by_kind.items()
            if spent or bound
        ],
        notes=notes,
    )


def overview_card(
    rows: list[tuple[str, StoredBasis | None]], year: int, due: date | None, lang: Lang
) -> FactsCard:
    """Every network's report (and PPT-ledernettverket's): its state and what it used."""
    facts = []
    counts = {"sent": 0, "sent_late": 0, "draft": 0}
    for name, report in rows:
        if report is None or report.version == 1:  # opened, never saved
            state = "not_started"
        elif report.status is Status.SENT:
            state = "sent_late" if report.late else "sent"
        else:
            state = "draft"
        if state in counts:
            counts[state] += 1
        spent = sum(used(m) for m in measures(report.document)) if report else 0
        facts.append(
            Fact(
                title=name,
                value=t.OVERVIEW_ROW.get(lang).format(
                    state=t.STATES[state].get(lang), used=format_money(spent)
                ),
            )
        )
    return FactsCard(
        title=t.OVERVIEW_TITLE.get(lang).format(year=year),
        headline=t.OVERVIEW_HEADLINE.get(lang).format(
            sent=counts["sent"] + counts["sent_late"],
            count=len(rows),
            late=(
                t.OVERVIEW_LATE.get(lang).format(late=counts["sent_late"])
                if counts["sent_late"]
                else ""
            ),
            drafts=counts["draft"],
            date=format_date(due, lang) if due else "–",
        ),
        facts=facts,
        notes=[t.EXPORT_HINT.get(lang).format(year=year)],
    )
