"""The beslutningsgrunnlag's cards, as view-models (see `cards.views`), in bokmål or nynorsk.

Every card that shows the document shows its budget against the frame as a meter: kroner,
percent, a bar, and whether the frame is decided, estimated or example data.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.decision_basis import texts as t
from bot.decision_basis.answers import PICK_ONE_OR_MORE, REQUIRED
from bot.decision_basis.form import (
    FIELDS_OF,
    BasisField,
    Part,
    display_value,
    measure,
    measure_total,
    measures,
    missing,
    position,
)
from bot.decision_basis.model import Status, StoredBasis
from bot.decision_basis.service import Budget, Coverage, OverviewRow, PartSaved, Sending
from bot.scheme import Lang, example_data_note, format_date, format_money, oslo_today
from bot.scheme.formatting import format_number
from bot.scheme.vocabulary import TOPICS
from cards.markdown import verbatim
from cards.payloads import BasisOp, basis_action
from cards.views import (
    MAX_CHOICES,
    Button,
    ChoiceCard,
    Fact,
    FactsCard,
    FormCard,
    FormInput,
    Meter,
    shorten,
)

MAX_COVERAGE_LINES = 8  # a card stays readable (and under 28 KB) with many behovsmeldinger


def frame_kind(budget: Budget, lang: Lang) -> str:
    """«vedtatt ramme», «estimert ramme» or «estimert ramme, eksempeldata»."""
    frame = budget.frame
    if frame is not None and frame.decided:
        return t.FRAME_DECIDED.get(lang)
    if frame is not None and frame.example_data:
        return t.FRAME_EXAMPLE.get(lang)
    return t.FRAME_ESTIMATED.get(lang)


def budget_text(budget: Budget, lang: Lang, year: int) -> str:
    """The budget against the frame in one line: «kr 900 000 av kr 1 500 000 (60 %, …)»."""
    if budget.frame is None:
        return t.NO_FRAME.get(lang).format(total=format_money(budget.total), year=year)
    return t.BUDGET_LINE.get(lang).format(
        total=format_money(budget.total),
        frame=format_money(budget.frame.amount),
        percent=budget.percent,
        kind=frame_kind(budget, lang),
    )


def meter(budget: Budget, lang: Lang, year: int) -> Meter:
    """The budget as a meter with a bar (red when over the frame)."""
    return Meter(
        label=t.BUDGET.get(lang),
        value=budget_text(budget, lang, year),
        percent=budget.percent,
        over=budget.over > 0,
    )


def step_budget_line(budget: Budget, lang: Lang, year: int) -> str:
    """The meter as one line of text, for the step-by-step questions."""
    bar = meter(budget, lang, year).blocks
    return f"{t.BUDGET.get(lang)}: {budget_text(budget, lang, year)} {bar}"


def _title(basis: StoredBasis, name: str, lang: Lang) -> str:
    return t.TITLE.get(lang).format(name=name, year=basis.year)


def state_line(basis: StoredBasis, lang: Lang) -> str:
    """«Utkast, ikke sendt» or «Sendt 1. februar 2027 (BG-2027-0001)[, etter fristen]»."""
    if basis.status is Status.DRAFT or basis.sent_at is None:
        return t.STATE_DRAFT.get(lang)
    template = t.STATE_SENT_LATE if basis.late else t.STATE_SENT
    day = format_date(oslo_today(basis.sent_at), lang)
    return template.get(lang).format(date=day, reference=basis.reference)


def _goal(found: dict[str, Any], lang: Lang, limit: int = 40) -> str:
    """A tiltak's goal, short, for a button title (plain text in Teams)."""
    goal = str(found.get("goal", "") or "")
    return shorten(goal, limit) if goal else t.NEW_MEASURE.get(lang)


def _goal_text(found: dict[str, Any], lang: Lang, limit: int = 40) -> str:
    """The same, for a card's text (Markdown there): shown as the coordinator typed it."""
    return verbatim(_goal(found, lang, limit)) if found.get("goal") else _goal(found, lang)


def part_title(basis: StoredBasis, part: Part, lang: Lang, measure_id: int | None = None) -> str:
    """«Partnerskapet», «Tiltak 2», «De fire vilkårene», «Evaluering»."""
    number = position(basis.document, measure_id or 0)
    return t.PART_TITLES[part].get(lang).format(number=number)


def _missing_lines(basis: StoredBasis, lang: Lang) -> list[str]:
    gaps = missing(basis.document)
    lines = []
    if not measures(basis.document):
        lines.append(t.NO_MEASURES.get(lang))
    for key, names in gaps.items():
        part, _, measure_id = key.partition(":")
        title = part_title(basis, part, lang, int(measure_id) if measure_id else None)  # type: ignore[arg-type]
        labels = ", ".join(_spec(name).label.get(lang) for name in names)
        lines.append(t.MISSING_PART.get(lang).format(title=title, fields=labels))
    return lines


def _spec(name: str) -> BasisField:
    return next(spec for specs in FIELDS_OF.values() for spec in specs if spec.name == name)


def summary_card(
    basis: StoredBasis,
    budget: Budget,
    coverage: Coverage,
    *,
    name: str,
    lang: Lang,
    due: date | None,
    example_grouping: bool,
) -> FactsCard:
    """The whole document at a glance: state, budget, tiltak, coverage, what is missing."""
    document = basis.document
    facts = [
        Fact(title=t.PART_TITLES["header"].get(lang), value=_header_value(document, lang)),
    ]
    for number, found in enumerate(measures(document), 1):
        facts.append(
            Fact(
                title=t.MEASURE_SUM.get(lang).format(number=number),
                value=f"{_goal_text(found, lang, 60)} · {format_money(measure_total(found))}",
            )
        )
    by_kind = budget.by_kind
    facts.append(
        Fact(
            title=t.BUDGET.get(lang),
            value=t.BY_KIND.get(lang).format(
                owner=format_money(by_kind["budget_owner"]),
                uh=format_money(by_kind["budget_uh"]),
                coordination=format_money(by_kind["budget_coordination"]),
            ),
        )
    )
    notes = coverage_lines(coverage, lang, basis.year)
    gaps = _missing_lines(basis, lang)
    if basis.status is Status.DRAFT:
        if gaps:
            notes.append(t.MISSING_TITLE.get(lang) + " " + "; ".join(gaps) + ".")
        else:
            notes.append(t.READY.get(lang))
        if due is not None:
            notes.append(t.DEADLINE_LINE.get(lang).format(date=format_date(due, lang)))
    if budget.over:
        notes.append(t.BUDGET_OVER.get(lang).format(over=format_money(budget.over)))
    if len(measures(document)) > 1:
        notes.append(t.TYPE_TO_EDIT.get(lang))
    warnings = []
    if budget.frame is not None and budget.frame.example_data and not budget.frame.decided:
        warnings.append(example_data_note(lang))
    if example_grouping:
        warnings.append(t.EXAMPLE_GROUPING.get(lang))
    return FactsCard(
        title=_title(basis, name, lang),
        headline=state_line(basis, lang),
        meter=meter(budget, lang, basis.year),
        facts=facts,
        notes=notes,
        warning=" ".join(warnings) or None,
        choices=_part_buttons(basis, lang),
        buttons=_summary_buttons(basis, lang),
    )


def _header_value(document: dict[str, Any], lang: Lang) -> str:
    specs = {spec.name: spec for spec in FIELDS_OF["header"]}
    parts = [
        display_value(specs["uh_partners"], document.get("uh_partners"), lang),
        display_value(specs["owners"], document.get("owners"), lang),
    ]
    for name in ("uh_other", "private_owners"):
        if document.get(name):
            parts.append(verbatim(str(document[name])))  # typed by one, read by others
    shown = [part for part in parts if part != "–"]
    return " · ".join(shown) if shown else t.NOT_FILLED.get(lang)


def _part_buttons(basis: StoredBasis, lang: Lang) -> list[Button]:
    """One button a line: the header, the tiltak (as many as fit), the conditions, evaluation."""
    found = measures(basis.document)
    room = MAX_CHOICES - 3
    buttons = [_edit("header", basis, lang)]
    for number, item in enumerate(found[:room], 1):
        title = t.MEASURE_BUTTON.get(lang).format(number=number, goal=_goal(item, lang, 30))
        buttons.append(Button(title=title, data=_data("form", basis, "measure", item["id"])))
    buttons += [_edit("conditions", basis, lang), _edit("evaluation", basis, lang)]
    return buttons


def _edit(part: Part, basis: StoredBasis, lang: Lang) -> Button:
    title = t.EDIT_PART.get(lang).format(title=part_title(basis, part, lang))
    return Button(title=title, data=_data("form", basis, part))


def _summary_buttons(basis: StoredBasis, lang: Lang) -> list[Button]:
    buttons = []
    if basis.status is Status.DRAFT:
        buttons.append(Button(title=t.SEND.get(lang), data=_data("confirm_send", basis)))
    buttons.append(Button(title=t.ADD_MEASURE.get(lang), data=_data("add_measure", basis)))
    buttons.append(Button(title=t.STEPS.get(lang), data=_data("steps", basis)))
    return buttons


def _data(
    op: BasisOp, basis: StoredBasis, part: Part | None = None, measure_id: int = 0
) -> dict[str, Any]:
    return basis_action(op, basis.id, basis.version, part=part, measure=measure_id)


def coverage_lines(coverage: Coverage, lang: Lang, year: int) -> list[str]:
    """«Ikke dekket: ASK – Frøya kommune» first, then what is covered, within a few lines."""
    if not coverage.covered and not coverage.uncovered:
        return [t.NO_NEEDS.get(lang).format(year=year)]
    lines = [
        t.UNCOVERED.get(lang).format(
            topic=TOPICS[topic].get(lang) if topic in TOPICS else topic, owner=owner
        )
        for topic, owner in coverage.uncovered
    ]
    if len(lines) > MAX_COVERAGE_LINES:
        rest = len(lines) - MAX_COVERAGE_LINES
        lines = [*lines[:MAX_COVERAGE_LINES], t.MORE_UNCOVERED.get(lang).format(count=rest)]
    room = max(MAX_COVERAGE_LINES - len(lines), 2)
    covered = {(topic, owner): numbers for topic, owner, numbers in coverage.covered}
    lines += [
        t.COVERED.get(lang).format(
            topic=_topic(topic, lang),
            owner=verbatim(owner),
            numbers=", ".join(str(n) for n in numbers),
        )
        for (topic, owner), numbers in list(covered.items())[:room]
    ]
    if len(covered) > room:
        lines.append(t.MORE_COVERED.get(lang).format(count=len(covered) - room))
    return lines


def _topic(topic: str, lang: Lang) -> str:
    return TOPICS[topic].get(lang) if topic in TOPICS else topic


def part_form(
    basis: StoredBasis,
    part: Part,
    budget: Budget,
    *,
    name: str,
    lang: Lang,
    members: tuple[str, ...],
    measure_id: int | None = None,
    errors: dict[str, str] | None = None,
    warnings: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    notes: list[str] | None = None,
) -> FormCard:
    """One part as a card form, prefilled; errors and warnings under their fields."""
    errors, warnings, values = errors or {}, warnings or {}, values or {}
    source = measure(basis.document, measure_id or 0) if part == "measure" else basis.document
    source = source or {}
    inputs = [
        form_input(
            spec,
            source.get(spec.name),
            lang=lang,
            members=members,
            errors=errors,
            warnings=warnings,
            typed=values,
        )
        for spec in FIELDS_OF[part]
    ]
    title = part_title(basis, part, lang, measure_id)
    return FormCard(
        title=f"{title} · {_title(basis, name, lang)}",
        intro=[*(notes or []), state_line(basis, lang)],
        meter=meter(budget, lang, basis.year),
        error_summary=t.ERRORS.get(lang) if errors else None,
        inputs=inputs,
        submit=Button(title=t.SAVE.get(lang), data=_data("save", basis, part, measure_id or 0)),
    )


def form_input(
    spec: BasisField,
    value: Any,
    *,
    lang: Lang,
    members: tuple[str, ...],
    errors: dict[str, str],
    warnings: dict[str, str],
    typed: dict[str, str],
) -> FormInput:
    """One field as a card input, prefilled (what was typed and refused wins), with its
    error or warning."""
    kind = {"long_text": "multiline", "choices": "choices", "owners": "choices"}.get(
        spec.kind, "text"
    )
    if spec.kind == "choices":
        choices = [(label, key) for key, label in spec.choice_labels(lang).items()]
        shown = ",".join(value or [])
    elif spec.kind == "owners":
        choices = [(member, member) for member in members]
        shown = ",".join(value or [])
    elif spec.kind in ("money", "count"):  # «50 000», as people write it (and it reads back)
        shown = "" if value in (None, "") else format_number(int(value))
        choices = []
    else:
        shown = "" if value in (None, "") else display_value(spec, value, lang)
        choices = []
    if spec.name in typed:  # what was typed and refused stays in the field, to be corrected
        shown = typed[spec.name]
    return FormInput(
        id=spec.name,
        label=spec.label.get(lang) + ("" if spec.required else t.OPTIONAL.get(lang)),
        kind=kind,
        value=shown,
        choices=choices,
        required=spec.required and spec.kind not in ("choices", "owners"),
        max_length=spec.max_length if spec.kind in ("text", "long_text") else 40,
        error=errors.get(spec.name),
        error_message=(PICK_ONE_OR_MORE if kind == "choices" else REQUIRED).get(lang),
        warning=warnings.get(spec.name),
    )


def confirm_card(basis: StoredBasis, budget: Budget, lang: Lang) -> ChoiceCard:
    """«Sende beslutningsgrunnlaget til samarbeidsforum?» with the sums."""
    frame = format_money(budget.frame.amount) if budget.frame else "–"
    return ChoiceCard(
        title=t.CONFIRM_TITLE.get(lang),
        text=t.CONFIRM_TEXT.get(lang).format(
            measures=len(measures(basis.document)), total=format_money(budget.total), frame=frame
        ),
        choices=[Button(title=t.CONFIRM_YES.get(lang), data=_data("send", basis))],
    )


def over_card(basis: StoredBasis, sending: Sending, budget: Budget, lang: Lang) -> FactsCard:
    """The refusal of a send over the frame: by how much, and the largest tiltak."""
    frame = format_money(budget.frame.amount) if budget.frame else "–"
    return FactsCard(
        title=t.OVER_TITLE.get(lang).format(over=format_money(sending.over)),
        headline=t.OVER_HEADLINE.get(lang).format(
            total=format_money(budget.total), frame=frame, over=format_money(sending.over)
        ),
        meter=meter(budget, lang, basis.year),
        facts=[
            Fact(
                title=t.MEASURE_SUM.get(lang).format(number=number),
                value=f"{verbatim(shorten(goal, 50)) or '–'} · {format_money(amount)}",
            )
            for number, goal, amount in sending.largest
        ],
        notes=[t.OVER_PICK.get(lang)],
        choices=[
            Button(
                title=t.MEASURE_BUTTON.get(lang).format(number=number, goal=shorten(goal, 30)),
                data=_data("form", basis, "measure", measures(basis.document)[number - 1]["id"]),
            )
            for number, goal, _ in sending.largest
        ],
    )


def remove_card(basis: StoredBasis, measure_id: int, lang: Lang) -> ChoiceCard:
    """«Fjerne tiltak 2?»"""
    found = measure(basis.document, measure_id) or {}
    return ChoiceCard(
        title=t.REMOVE_TITLE.get(lang).format(number=position(basis.document, measure_id)),
        text=t.REMOVE_TEXT.get(lang).format(
            goal=_goal_text(found, lang, 80), amount=format_money(measure_total(found))
        ),
        choices=[
            Button(
                title=t.REMOVE_YES.get(lang),
                data=_data("confirm_remove", basis, "measure", measure_id),
            )
        ],
    )


def receipt_card(
    sent: StoredBasis, budget: Budget, *, name: str, reached: int, lang: Lang, due: date | None
) -> FactsCard:
    """The receipt: reference, date, committed and left, who was told."""
    day = format_date(oslo_today(sent.sent_at), lang) if sent.sent_at else ""
    told = {0: t.RECEIPT_TOLD_NONE, 1: t.RECEIPT_TOLD_ONE}.get(reached, t.RECEIPT_TOLD)
    notes = [
        told.get(lang).format(count=reached),
        t.RECEIPT_REMINDERS.get(lang).format(name=name),
    ]
    if sent.late and due is not None:
        notes.insert(0, t.LATE.get(lang).format(date=format_date(due, lang)))
    return FactsCard(
        title=t.RECEIPT_TITLE.get(lang).format(reference=sent.reference),
        headline=t.RECEIPT_HEADLINE.get(lang).format(name=name, year=sent.year, date=day),
        meter=meter(budget, lang, sent.year),
        facts=_money_facts(budget, lang),
        notes=notes,
    )


def _money_facts(budget: Budget, lang: Lang) -> list[Fact]:
    facts = [Fact(title=t.COMMITTED.get(lang), value=format_money(budget.total))]
    if budget.frame is not None and budget.left is not None:
        facts.insert(0, Fact(title=t.FRAME.get(lang), value=format_money(budget.frame.amount)))
        facts.append(Fact(title=t.LEFT.get(lang), value=format_money(budget.left)))
    return facts


def notice_card(sent: StoredBasis, budget: Budget, name: str, due: date | None) -> FactsCard:
    """Posted to the network's channel, its coordinators and the administrators (bokmål)."""
    frame = format_money(budget.frame.amount) if budget.frame else "–"
    return FactsCard(
        title=t.NOTICE_TITLE.get("nb").format(name=name, year=sent.year),
        headline=t.NOTICE_HEADLINE.get("nb").format(
            reference=sent.reference,
            measures=len(measures(sent.document)),
            total=format_money(budget.total),
            frame=frame,
        ),
        meter=meter(budget, "nb", sent.year),
        facts=_money_facts(budget, "nb"),
        notes=[t.LATE_NOTICE.get("nb").format(date=format_date(due))] if sent.late and due else [],
    )


def changed_card(basis: StoredBasis, name: str, who: str, lines: list[str]) -> FactsCard:
    """Told to the administrators when a sent document is changed (bokmål)."""
    return FactsCard(
        title=t.CHANGED_TITLE.get("nb").format(name=name, reference=basis.reference),
        headline=t.CHANGED_HEADLINE.get("nb").format(who=who or "–"),
        notes=lines[:20],
    )


def overview_card(
    rows: list[OverviewRow], topic_totals: dict[str, int], year: int, lang: Lang
) -> FactsCard:
    """Samarbeidsforum's overview: every network's state, committed against its frame."""
    sent = [r for r in rows if r.state in ("sent", "sent_late")]
    late = sum(1 for r in sent if r.state == "sent_late")
    facts = [
        Fact(
            title=row.network_name,
            value=t.OVERVIEW_ROW.get(lang).format(
                state=t.STATES[row.state].get(lang),
                committed=format_money(row.committed),
                frame=format_money(row.frame.amount) if row.frame else "–",
            ),
        )
        for row in rows
    ]
    totals = ", ".join(
        f"{TOPICS[topic].get(lang) if topic in TOPICS else topic} {format_money(amount)}"
        for topic, amount in topic_totals.items()
    )
    notes = [t.TOPIC_TOTALS.get(lang).format(totals=totals)] if totals else []
    notes.append(t.EXPORT_HINT.get(lang).format(year=year))
    example = any(
        r.frame is not None and r.frame.example_data and not r.frame.decided for r in rows
    )
    return FactsCard(
        title=t.OVERVIEW_TITLE.get(lang).format(year=year),
        headline=t.OVERVIEW_HEADLINE.get(lang).format(
            sent=len(sent),
            count=len(rows),
            late=t.OVERVIEW_LATE.get(lang).format(late=late) if late else "",
            drafts=sum(1 for r in rows if r.state == "draft"),
            committed=format_money(sum(r.committed for r in sent)),
        ),
        facts=facts,
        notes=notes,
        warning=example_data_note(lang) if example else None,
    )


def merge_notes(saved: PartSaved, fields: Mapping[str, BasisField], lang: Lang) -> list[str]:
    """What to say when a save met a newer version: merged into it, and which of `fields`
    someone else changed at the same time (their value kept)."""
    notes = []
    if saved.merged:
        notes.append(t.MERGED.get(lang))
    if saved.conflicts:
        labels = ", ".join(fields[name].label.get(lang) for name in saved.conflicts)
        notes.append(t.CONFLICTS.get(lang).format(fields=labels))
    return notes
