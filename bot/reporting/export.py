"""A grant year's reports (rapportering) for Statsforvalteren: a spreadsheet, a CSV, or Word files.

- xlsx: the sheet «Oversikt» (every network and PPT-ledernettverket: state, reference, the day
  sent, the frame, committed and used in all and per budget line, participants; a sum row; notes)
  and one sheet per report: its facts, one row per tiltak (goal, what was done, participants,
  used against committed per budget line), a sum row, how the four conditions were met and what
  the evaluation found. Amounts are whole-krone numbers, the day sent a real date (Oslo), free
  text always text.
- csv: one row per party (`Rad` = «nettverk») followed by one row per tiltak (`Rad` = «tiltak»).
  A party's amounts are on its own row only, so each amount column adds up.
- docx: one Word document per party that has a report.

Only stored reports are exported: sent ones, and drafts marked «utkast». A party that has not
started is a row of the overview and nothing more. The cells, the Word tables and the footer are
the beslutningsgrunnlag export's (`bot.decision_basis.export`), so both read alike.

Reads through `ReportService`, never the store. The CLI imports this module when it exports, so
the server never loads python-docx.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from docx.document import Document as DocxDocument
from docx.shared import Pt, RGBColor
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.decision_basis.export import (
    SUM_LABEL,
    Cell,
    bold_row,
    csv_value,
    facts_table,
    footer,
    frame_kind,
    grid_table,
    new_document,
    put_cell,
    sent_day,
    sheet_name,
    shorten,
    wrap_cells,
)
from bot.decision_basis.form import CONDITIONS, measures
from bot.decision_basis.model import Status, StoredBasis
from bot.decision_basis.service import FrameInfo
from bot.reporting import texts as t
from bot.reporting.form import EVALUATION, MEASURE, MET, PPT_PARTY, USED_KINDS, committed, used
from bot.reporting.service import ReportService, Sums
from bot.scheme import example_data_note, format_date, format_money
from bot.scheme.formatting import format_number
from bot.scheme.hygiene import clean_text

OVERVIEW_SHEET = "Oversikt"
KINDS = tuple(USED_KINDS.items())  # (used field, committed kind), in the form's order
KIND_NAMES = {kind: t.KIND_LABELS[kind].get("nb") for _, kind in KINDS}  # Eier, UH, Koordinering
LABELS = {spec.name: spec.label.nb for spec in (*MEASURE, *MET, *EVALUATION)}
USED_HEADERS = {kind: LABELS[used_kind] for used_kind, kind in KINDS}  # «Brukt eier (kr)»
BOUND_HEADERS = {  # «Bundet opp eier (kr)»
    kind: LABELS[used_kind].replace("Brukt", "Bundet opp", 1) for used_kind, kind in KINDS
}
CONDITION_LABELS = {spec.name: spec.label.nb for spec in CONDITIONS}  # «1. Lokalt definerte behov»
_GOAL_IN_TABLE = 120

OVERVIEW_HEADERS = [
    "Nettverk",
    "Tilstand",
    "Referanse",
    "Sendt",
    "Antall tiltak",
    "Deltakere nådd",
    "Ramme (kr)",
    "Rammetype",
    "Bundet opp (kr)",
    "Brukt (kr)",
    "Igjen av bundet opp (kr)",
    *(header for _, kind in KINDS for header in (USED_HEADERS[kind], BOUND_HEADERS[kind])),
]
_OVERVIEW_TEXT = {"Nettverk", "Tilstand", "Referanse", "Sendt", "Rammetype"}
MEASURE_HEADERS = [
    "Tiltak",
    "Mål",
    LABELS["done"],
    LABELS["participants"],
    *(header for _, kind in KINDS for header in (USED_HEADERS[kind], BOUND_HEADERS[kind])),
    "Brukt i alt (kr)",
    "Bundet opp i alt (kr)",
]
_MEASURE_TEXT = {"Tiltak", "Mål", LABELS["done"]}
TEXT_SPECS = (*MET, *EVALUATION)
# In the CSV a tiltak's numbers sit beside its party's, so their columns say whose they are.
CSV_MEASURE_HEADERS = [
    header if header in _MEASURE_TEXT else f"Tiltak: {header[:1].lower()}{header[1:]}"
    for header in MEASURE_HEADERS
]
CSV_HEADERS = [
    "Rad",
    *OVERVIEW_HEADERS,
    "Beslutningsgrunnlag",
    *(spec.label.nb for spec in TEXT_SPECS),
    *CSV_MEASURE_HEADERS,
]
INCLUDED_NOTE = (
    "Med i eksporten: sendte rapporter og utkast (merket «utkast»). Nettverk som ikke har "
    "startet, står med kr 0 brukt. Summen gjelder alle radene, utkast medregnet. «Bundet opp» er "
    "det beslutningsgrunnlaget for året bandt opp til hvert tiltak."
)


@dataclass(frozen=True)
class PartyEntry:
    """One reporting party (a network, or PPT-ledernettverket): its report if it has one, and
    what it used against what was committed (zeros and the frame when it has not started)."""

    party_id: str
    name: str
    report: StoredBasis | None
    sums: Sums

    @property
    def state(self) -> str:
        """ "not_started", "draft", "sent" or "sent_late"."""
        if self.report is None:
            return "not_started"
        if self.report.status is Status.SENT:
            return "sent_late" if self.report.late else "sent"
        return "draft"


@dataclass(frozen=True)
class YearReports:
    """Every party of a grant year, in the region's order, PPT-ledernettverket last."""

    year: int
    entries: list[PartyEntry]
    deadline: date | None
    exported_on: date

    @property
    def documents(self) -> list[PartyEntry]:
        """The parties with a report (sent or draft)."""
        return [entry for entry in self.entries if entry.report is not None]


async def gather(service: ReportService, year: int, exported_on: date) -> YearReports:
    """The overview and each stored report on `year`, with its sums against the frame."""
    entries = []
    for party_id, name, report in await service.overview(year):
        if report is not None:
            sums = await service.sums(report)
        else:
            nothing = {kind: (0, 0) for _, kind in KINDS}
            sums = Sums(0, 0, nothing, await service.frame(party_id, year))
        entries.append(PartyEntry(party_id, name, report, sums))
    return YearReports(year, entries, service.deadline(year), exported_on)


# The rows, typed: amounts as int, the day sent as a date, everything else text


def state_label(entry: PartyEntry) -> str:
    """«ikke startet», «utkast», «sendt» or «sendt for sent»."""
    return t.STATES[entry.state].get("nb")


def frame_label(entry: PartyEntry, year: int) -> str:
    """«vedtatt», «estimert», «estimert, eksempeldata», or «fast post» for PPT-ledernettverket."""
    if entry.party_id == PPT_PARTY and entry.sums.frame is not None:
        return "fast post"
    return frame_kind(entry.sums.frame, year)


def _int(value: Any) -> int | None:
    """A stored whole number (an amount, a count), or None when it is not filled in."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def participants(report: StoredBasis | None) -> int:
    """Participants reached, over every tiltak."""
    if report is None:
        return 0
    return sum(_int(m.get("participants")) or 0 for m in measures(report.document))


def overview_row(entry: PartyEntry, year: int) -> list[Cell]:
    """One party as a row of `OVERVIEW_HEADERS`."""
    report, sums = entry.report, entry.sums
    frame: FrameInfo | None = sums.frame
    return [
        entry.name,
        state_label(entry),
        (report.reference or "") if report else "",
        sent_day(report),
        len(measures(report.document)) if report else 0,
        participants(report),
        frame.amount if frame else None,
        frame_label(entry, year),
        sums.committed,
        sums.used,
        sums.committed - sums.used,
        *(value for _, kind in KINDS for value in sums.by_kind[kind]),
    ]


def overview_rows(data: YearReports) -> list[list[Cell]]:
    """Every party's row."""
    return [overview_row(entry, data.year) for entry in data.entries]


def _counted(states: Sequence[str]) -> str:
    found = ", ".join(
        f"{states.count(label)} {label}"
        for label in (t.STATES[key].get("nb") for key in ("sent", "sent_late", "draft"))
        if states.count(label)
    )
    return found or "ingen startet"


def sum_row(rows: Sequence[Sequence[Cell]]) -> list[Cell]:
    """«Sum», the states counted, and each number column summed over `rows`."""
    sums: list[Cell] = [SUM_LABEL, _counted([str(row[1]) for row in rows])]
    for column, header in enumerate(OVERVIEW_HEADERS[2:], 2):
        numbers = [value for row in rows if isinstance(value := row[column], int)]
        sums.append(None if header in _OVERVIEW_TEXT or not numbers else sum(numbers))
    return sums


def measure_rows(report: StoredBasis) -> list[list[Cell]]:
    """One row of `MEASURE_HEADERS` per tiltak, as people number them."""
    rows: list[list[Cell]] = []
    for number, found in enumerate(measures(report.document), 1):
        bound = found.get("committed") or {}
        rows.append(
            [
                t.PART_TITLES["measure"].get("nb").format(number=number),
                str(found.get("goal") or ""),
                str(found.get("done") or ""),
                _int(found.get("participants")),
                *(
                    value
                    for used_kind, kind in KINDS
                    for value in (_int(found.get(used_kind)), _int(bound.get(kind)) or 0)
                ),
                used(found),
                committed(found),
            ]
        )
    return rows


def measure_sum_row(rows: Sequence[Sequence[Cell]]) -> list[Cell]:
    """«Sum» and each number column of the tiltak summed."""
    sums: list[Cell] = [SUM_LABEL]
    for column, header in enumerate(MEASURE_HEADERS[1:], 1):
        numbers = [value for row in rows if isinstance(value := row[column], int)]
        sums.append(None if header in _MEASURE_TEXT else sum(numbers))
    return sums


def percent_used(sums: Sums) -> int:
    """Used against committed (against the frame when nothing was committed), as the card's
    meter shows it."""
    limit = sums.committed or (sums.frame.amount if sums.frame else 0)
    return round(100 * sums.used / limit) if limit else 0


def facts(entry: PartyEntry, data: YearReports) -> list[tuple[str, Cell]]:
    """A report's header facts: state, reference, the beslutningsgrunnlag, and the money."""
    report, sums = entry.report, entry.sums
    if report is None:
        return []
    frame = sums.frame
    return [
        ("Nettverk", entry.name),
        ("Tilskuddsår", data.year),
        ("Tilstand", state_label(entry)),
        ("Referanse", report.reference or ""),
        ("Sendt", sent_day(report)),
        ("Frist", data.deadline),
        ("Versjon", report.version),
        ("Beslutningsgrunnlag", str(report.document.get("basis_reference") or "ingen i Laget")),
        ("Ramme (kr)", frame.amount if frame else None),
        ("Rammetype", frame_label(entry, data.year)),
        ("Bundet opp (kr)", sums.committed),
        ("Brukt (kr)", sums.used),
        ("Brukt av bundet opp (%)", percent_used(sums)),
        ("Igjen av bundet opp (kr)", sums.committed - sums.used),
        *(
            (header, value)
            for _, kind in KINDS
            for header, value in zip(
                (USED_HEADERS[kind], BOUND_HEADERS[kind]), sums.by_kind[kind], strict=True
            )
        ),
        ("Deltakere nådd", participants(report)),
    ]


def texts(report: StoredBasis) -> list[tuple[str, str]]:
    """How each condition was met and what the evaluation found: (label, text)."""
    return [(spec.label.nb, str(report.document.get(spec.name) or "–")) for spec in TEXT_SPECS]


# CSV


def csv_rows(data: YearReports) -> list[list[Cell]]:
    """A party's row (with its texts), then its tiltak."""
    found: list[list[Cell]] = []
    blank_measure: list[Cell] = [""] * len(MEASURE_HEADERS)
    for entry in data.entries:
        overview = overview_row(entry, data.year)
        report = entry.report
        words: list[Cell] = (
            [
                str(report.document.get("basis_reference") or ""),
                *(text for _, text in texts(report)),
            ]
            if report
            else [""] * (1 + len(TEXT_SPECS))
        )
        found.append(["nettverk", *overview, *words, *blank_measure])
        if report is None:
            continue
        # A tiltak's row names its party but repeats none of its amounts.
        named: list[Cell] = [*overview[:4], *[None] * (len(OVERVIEW_HEADERS) - 4)]
        for row in measure_rows(report):
            found.append(["tiltak", *named, *[""] * len(words), *row])
    return found


def write_csv(path: Path, data: YearReports) -> int:
    """Write the CSV (UTF-8 with BOM and `;`, as the other exports); returns its rows."""
    table = csv_rows(data)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(CSV_HEADERS)
        writer.writerows([[csv_value(value) for value in row] for row in table])
    return len(table)


# xlsx


def _overview_sheet(sheet: Worksheet, data: YearReports) -> None:
    rows = overview_rows(data)
    for column, header in enumerate(OVERVIEW_HEADERS, 1):
        put_cell(sheet, 1, column, header)
    for number, values in enumerate([*rows, sum_row(rows)], 2):
        for column, value in enumerate(values, 1):
            money = OVERVIEW_HEADERS[column - 1].endswith("(kr)")
            put_cell(sheet, number, column, value, money=money)
    total_row = len(rows) + 2
    notes = [INCLUDED_NOTE]
    if data.deadline is not None:
        notes.append(f"Fristen til Statsforvalteren er {format_date(data.deadline)}.")
    notes.append(f"Eksportert fra Laget {format_date(data.exported_on)}.")
    if any(_example(entry) for entry in data.entries):
        notes.insert(0, example_data_note("nb"))
    for offset, note in enumerate(notes, 2):
        put_cell(sheet, total_row + offset, 1, note)
    wrap_cells(sheet)
    bold_row(sheet, 1)
    bold_row(sheet, total_row)
    sheet.freeze_panes = "B2"
    for column, header in enumerate(OVERVIEW_HEADERS, 1):
        width = max(12, *(len(str(r[column - 1] or "")) + 2 for r in rows))
        width = max(width, min(len(header) + 2, 18))
        sheet.column_dimensions[get_column_letter(column)].width = min(width, 30)


def _example(entry: PartyEntry) -> bool:
    frame = entry.sums.frame
    return frame is not None and frame.example_data and not frame.decided


def _report_sheet(sheet: Worksheet, entry: PartyEntry, data: YearReports) -> None:
    report = entry.report
    if report is None:
        return
    put_cell(sheet, 1, 1, t.TITLE.get("nb").format(name=entry.name, year=data.year))
    sheet["A1"].font = Font(bold=True, size=14)
    line = 3
    for label, value in facts(entry, data):
        put_cell(sheet, line, 1, label)
        put_cell(sheet, line, 2, value, money=label.endswith("(kr)"))
        line += 1
    line += 1
    put_cell(sheet, line, 1, "Tiltak")
    sheet.cell(row=line, column=1).font = Font(bold=True, size=12)
    line += 1
    for column, header in enumerate(MEASURE_HEADERS, 1):
        put_cell(sheet, line, column, header)
    bold_row(sheet, line)
    table = measure_rows(report)
    for values in [*table, measure_sum_row(table)]:
        line += 1
        for column, value in enumerate(values, 1):
            money = MEASURE_HEADERS[column - 1].endswith("(kr)")
            put_cell(sheet, line, column, value, money=money)
    bold_row(sheet, line)
    for title, specs in (
        (t.PART_TITLES["conditions"].get("nb"), MET),
        (t.PART_TITLES["evaluation"].get("nb"), EVALUATION),
    ):
        line += 2
        put_cell(sheet, line, 1, title)
        sheet.cell(row=line, column=1).font = Font(bold=True, size=12)
        for spec in specs:
            line += 1
            put_cell(sheet, line, 1, spec.label.nb)
            put_cell(sheet, line, 2, str(report.document.get(spec.name) or "–"))
    wrap_cells(sheet)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 60
    for column in range(3, len(MEASURE_HEADERS) + 1):
        width = 30 if MEASURE_HEADERS[column - 1] in _MEASURE_TEXT else 16
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B1"  # the labels stay in sight


def write_xlsx(path: Path | BinaryIO, data: YearReports) -> int:
    """Write «Oversikt» and one sheet per report; returns the number of reports."""
    workbook = Workbook()
    overview = workbook.active
    if overview is None:  # a new workbook always has one sheet
        overview = workbook.create_sheet()
    overview.title = OVERVIEW_SHEET
    _overview_sheet(overview, data)
    taken = {OVERVIEW_SHEET}
    for entry in data.documents:
        _report_sheet(workbook.create_sheet(sheet_name(entry.name, taken)), entry, data)
    workbook.save(path)
    return len(data.documents)


# docx: one Word document per party


def docx_name(entry: PartyEntry, year: int) -> str:
    """The file name of a party's report: rapport-fosen-2027.docx."""
    return f"rapport-{entry.party_id}-{year}.docx"


def write_docx_files(folder: Path, data: YearReports) -> list[Path]:
    """One .docx per party with a report, in `folder` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in data.documents:
        path = folder / docx_name(entry, data.year)
        write_docx(path, entry, data)
        written.append(path)
    return written


def write_docx(path: Path | BinaryIO, entry: PartyEntry, data: YearReports) -> None:
    """The party's report as Statsforvalteren reads it."""
    report, sums = entry.report, entry.sums
    if report is None:
        raise ValueError(f"{entry.party_id} has no report on {data.year}")
    title = t.TITLE.get("nb").format(name=entry.name, year=data.year)
    document = new_document(title)
    document.add_heading(title, level=0)
    _state_paragraph(document, entry, data.deadline)
    footer(document, report, data.exported_on)

    document.add_heading("Om rapporten", level=1)
    frame = sums.frame
    about = [
        ("Nettverk", entry.name),
        ("Tilskuddsår", str(data.year)),
        ("Beslutningsgrunnlag", str(report.document.get("basis_reference") or "ingen i Laget")),
    ]
    if data.deadline is not None:
        about.append(("Frist", format_date(data.deadline)))
    if frame is not None:
        about.append((f"Ramme ({frame_label(entry, data.year)})", format_money(frame.amount)))
    reached = [_int(m.get("participants")) for m in measures(report.document)]
    shown = format_number(participants(report)) if any(n is not None for n in reached) else "–"
    about.append(("Deltakere nådd", shown))
    facts_table(document, about)

    document.add_heading("Brukt mot bundet opp", level=1)
    _money_section(document, sums)

    found = measures(report.document)
    document.add_heading("Tiltakene", level=1)
    _measures_table(document, found)
    for number, item in enumerate(found, 1):
        document.add_heading(t.PART_TITLES["measure"].get("nb").format(number=number), level=2)
        facts_table(document, _measure_facts(item))

    document.add_heading(t.PART_TITLES["conditions"].get("nb"), level=1)
    for spec in MET:
        heading = document.add_paragraph(style="Heading 3")
        heading.add_run(CONDITION_LABELS.get(spec.name, spec.label.nb))
        document.add_paragraph(clean_text(str(report.document.get(spec.name) or "–")))

    document.add_heading(t.PART_TITLES["evaluation"].get("nb"), level=1)
    for spec in EVALUATION:
        document.add_paragraph(clean_text(str(report.document.get(spec.name) or "–")))

    if _example(entry):
        note = document.add_paragraph()
        note.paragraph_format.space_before = Pt(6)
        note.add_run(example_data_note("nb")).italic = True
    document.save(str(path) if isinstance(path, Path) else path)


def _state_paragraph(document: DocxDocument, entry: PartyEntry, deadline: date | None) -> None:
    report = entry.report
    if report is None:
        return
    sent_on = sent_day(report)
    paragraph = document.add_paragraph()
    if sent_on is None:
        run = paragraph.add_run(t.STATE_DRAFT.get("nb"))
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x3A, 0x00)
        paragraph.add_run(" til Statsforvalteren. Innholdet kan fortsatt endres.")
        return
    template = t.STATE_SENT_LATE if report.late else t.STATE_SENT
    run = paragraph.add_run(
        template.get("nb").format(date=format_date(sent_on), reference=report.reference)
    )
    run.bold = True
    if report.late and deadline is not None:
        run.text += f" {format_date(deadline)}."  # «…, etter fristen 15. juni 2028.»
    else:
        paragraph.add_run(" til Statsforvalteren.")


def _money_section(document: DocxDocument, sums: Sums) -> None:
    said = []
    if sums.committed:
        line = t.USED_LINE.get("nb").format(
            used=format_money(sums.used),
            committed=format_money(sums.committed),
            percent=percent_used(sums),
        )
        said.append(f"{line[:1].upper()}{line[1:]}.")
    if sums.frame is not None:
        said.append(
            t.USED_AGAINST_FRAME.get("nb").format(
                used=format_money(sums.used), frame=format_money(sums.frame.amount)
            )
        )
    if said:
        document.add_paragraph(" ".join(said))
    rows = [["Budsjettpost", "Bundet opp", "Brukt", "Igjen"]]
    for _, kind in KINDS:
        spent, bound = sums.by_kind[kind]
        rows.append([KIND_NAMES[kind], *_amounts(bound, spent)])
    rows.append([SUM_LABEL, *_amounts(sums.committed, sums.used)])
    grid_table(document, rows, (55.0, 38.0, 38.0, 38.0), framed=True, right_from=1)


def _amounts(bound: int, spent: int) -> list[str]:
    """Committed, used, and what is left (a minus sign when more was used)."""
    left = bound - spent
    shown = format_money(abs(left))
    return [format_money(bound), format_money(spent), shown if left >= 0 else f"−{shown}"]


def _measures_table(document: DocxDocument, found: list[dict[str, Any]]) -> None:
    rows = [["Tiltak", "Deltakere", "Bundet opp", "Brukt"]]
    for number, item in enumerate(found, 1):
        goal = shorten(str(item.get("goal") or "–"), _GOAL_IN_TABLE)
        reached = _int(item.get("participants"))
        rows.append(
            [
                f"{number}. {goal}",
                "–" if reached is None else format_number(reached),
                format_money(committed(item)),
                format_money(used(item)),
            ]
        )
    total = sum(_int(item.get("participants")) or 0 for item in found)
    rows.append(
        [
            SUM_LABEL,
            format_number(total),
            format_money(sum(committed(i) for i in found)),
            format_money(sum(used(i) for i in found)),
        ]
    )
    grid_table(document, rows, (85.0, 25.0, 30.0, 30.0), framed=True, right_from=1)
    if not found:
        document.add_paragraph("Det er ingen tiltak i rapporten.")


def _measure_facts(item: dict[str, Any]) -> list[tuple[str, str]]:
    reached = _int(item.get("participants"))
    rows = [
        ("Mål", str(item.get("goal") or "–")),
        (LABELS["done"], str(item.get("done") or "–")),
        (LABELS["participants"], "–" if reached is None else format_number(reached)),
    ]
    for used_kind, kind in KINDS:
        spent = _int(item.get(used_kind))
        bound = format_money(_int((item.get("committed") or {}).get(kind)) or 0)
        shown = "–" if spent is None else format_money(spent)
        rows.append((LABELS[used_kind].removesuffix(" (kr)"), f"{shown} av {bound} bundet opp"))
    rows.append(
        ("Brukt i alt", f"{format_money(used(item))} av {format_money(committed(item))} bundet opp")
    )
    return rows
