"""A grant year's beslutningsgrunnlag for samarbeidsforum: a spreadsheet, a CSV, or Word files.

- xlsx: the sheet «Oversikt» (one row per network, a sum row, notes), and one sheet per network
  that has a document: its facts, one row per tiltak, the four conditions and the evaluation.
  Amounts are whole-krone numbers, the day sent a real date (Oslo), free text always text.
- csv: one row per network (`Rad` = «nettverk») followed by one row per tiltak (`Rad` =
  «tiltak»). The network's amounts are on its own row only, so each amount column adds up.
- docx: one Word document per network that has a document, for the innstilling.

Only stored documents are exported: sent ones, and drafts marked «utkast». A network that has not
started is a row of the overview and nothing more.

Reads through `DecisionBasisService`, never the store. The CLI imports this module when it
exports, so the server never loads python-docx.
"""

from __future__ import annotations

import copy
import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.decision_basis import texts as t
from bot.decision_basis.form import (
    BUDGET_KINDS,
    CONDITIONS,
    EVALUATION,
    FIELD_BY_NAME,
    HEADER,
    MEASURE,
    BasisField,
    display_value,
    measure_total,
    measures,
)
from bot.decision_basis.model import Status, StoredBasis
from bot.decision_basis.service import Budget, DecisionBasisService, FrameInfo, OverviewRow
from bot.decision_basis.views import budget_text
from bot.scheme import example_data_note, format_date, format_money, oslo_today
from bot.scheme.cells import csv_text, looks_like_formula
from bot.scheme.hygiene import clean_text

Cell = str | int | date | None

DATE_FORMAT = "dd.mm.yyyy"  # the Norwegian way to write a date in a cell: 02.02.2027
MONEY_FORMAT = "#,##0"  # whole kroner, grouped as the reader's Excel groups thousands
SHEET_NAME_MAX = 31
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
_GOAL_IN_TABLE = 140  # the docx's tiltak table shortens a goal; the details give it whole

OVERVIEW_SHEET = "Oversikt"
OVERVIEW_HEADERS = [
    "Nettverk",
    "Tilstand",
    "Referanse",
    "Sendt",
    "Antall tiltak",
    "Ramme (kr)",
    "Rammetype",
    "Bundet opp (kr)",
    "Igjen (kr)",
    "Eier (kr)",
    "UH (kr)",
    "Koordinering (kr)",
]
_OVERVIEW_MONEY = {header for header in OVERVIEW_HEADERS if header.endswith("(kr)")}
_OVERVIEW_TEXT = {"Nettverk", "Tilstand", "Referanse", "Sendt", "Rammetype"}
MEASURE_HEADERS = ["Tiltak", *(spec.label.nb for spec in MEASURE), "Sum (kr)"]
CSV_HEADERS = [
    "Rad",
    *OVERVIEW_HEADERS,
    *(spec.label.nb for spec in (*HEADER, *CONDITIONS, *EVALUATION)),
    *MEASURE_HEADERS,
]
SUM_LABEL = "Sum"
INCLUDED_NOTE = (
    "Med i eksporten: sendte beslutningsgrunnlag og utkast (merket «utkast»). Nettverk som ikke "
    "har startet, står med kr 0 bundet opp. Summen gjelder alle radene, utkast medregnet."
)


@dataclass(frozen=True)
class NetworkEntry:
    """One network in the export: its overview row, and its document and budget if it has one."""

    row: OverviewRow
    basis: StoredBasis | None
    budget: Budget | None
    deadline: date | None


@dataclass(frozen=True)
class YearExport:
    """Every network of a grant year, in the region's order."""

    year: int
    entries: list[NetworkEntry]
    exported_on: date

    @property
    def documents(self) -> list[NetworkEntry]:
        """The networks with a document (sent or draft)."""
        return [entry for entry in self.entries if entry.basis is not None]


async def gather(service: DecisionBasisService, year: int, exported_on: date) -> YearExport:
    """The overview and each stored document of `year`, with its budget against the frame."""
    stored = {basis.network_id: basis for basis in await service.store.in_year(year)}
    entries = []
    for row in await service.overview(year):
        basis = stored.get(row.network_id)
        entries.append(
            NetworkEntry(
                row,
                basis,
                await service.budget(basis) if basis else None,
                service.deadline(basis) if basis else None,
            )
        )
    return YearExport(year, entries, exported_on)


# The rows, typed: amounts as int, the day sent as a date, everything else text


def state_label(row: OverviewRow) -> str:
    """«ikke startet», «utkast», «sendt» or «sendt for sent»."""
    return t.STATES[row.state].get("nb")


def frame_kind(frame: FrameInfo | None, year: int) -> str:
    """«vedtatt», «estimert» or «estimert, eksempeldata» (a decided frame is never example)."""
    if frame is None:
        return f"ingen ramme for {year} ennå"
    if frame.decided:
        return "vedtatt"
    return "estimert, eksempeldata" if frame.example_data else "estimert"


def sent_day(basis: StoredBasis | None) -> date | None:
    if basis is None or basis.status is not Status.SENT or basis.sent_at is None:
        return None
    return oslo_today(basis.sent_at)


def overview_row(entry: NetworkEntry, year: int) -> list[Cell]:
    """One network as a row of `OVERVIEW_HEADERS`."""
    row, basis = entry.row, entry.basis
    by_kind = entry.budget.by_kind if entry.budget else dict.fromkeys(BUDGET_KINDS, 0)
    frame = row.frame.amount if row.frame else None
    return [
        row.network_name,
        state_label(row),
        row.reference or "",
        sent_day(basis),
        len(measures(basis.document)) if basis else 0,
        frame,
        frame_kind(row.frame, year),
        row.committed,
        None if frame is None else frame - row.committed,
        *(by_kind[kind] for kind in BUDGET_KINDS),
    ]


def overview_rows(data: YearExport) -> list[list[Cell]]:
    """Every network's row, in the region's order."""
    return [overview_row(entry, data.year) for entry in data.entries]


def sum_row(rows: Sequence[Sequence[Cell]]) -> list[Cell]:
    """«Sum», the states counted, and each number column summed over `rows`."""
    states = [str(row[1]) for row in rows]
    counted = ", ".join(
        f"{states.count(label)} {label}"
        for label in (t.STATES[key].get("nb") for key in ("sent", "sent_late", "draft"))
        if states.count(label)
    )
    sums: list[Cell] = [SUM_LABEL, counted or "ingen startet"]
    for column, header in enumerate(OVERVIEW_HEADERS[2:], 2):
        numbers = [value for row in rows if isinstance(value := row[column], int)]
        sums.append(None if header in _OVERVIEW_TEXT or not numbers else sum(numbers))
    return sums


def _value(spec: BasisField, value: Any) -> Cell:
    """A field's stored value as a cell: money as whole kroner, everything else as text."""
    if spec.kind == "money":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    return display_value(spec, value)


def measure_rows(basis: StoredBasis) -> list[list[Cell]]:
    """One row of `MEASURE_HEADERS` per tiltak, as people number them."""
    return [
        [
            t.MEASURE_SUM.get("nb").format(number=number),
            *(_value(spec, found.get(spec.name)) for spec in MEASURE),
            measure_total(found),
        ]
        for number, found in enumerate(measures(basis.document), 1)
    ]


def facts(entry: NetworkEntry, year: int) -> list[tuple[str, Cell]]:
    """A document's header facts: state, reference, partnership, and the money."""
    basis, budget, row = entry.basis, entry.budget, entry.row
    if basis is None or budget is None:
        return []
    frame = budget.frame
    found: list[tuple[str, Cell]] = [
        ("Nettverk", row.network_name),
        ("Tilskuddsår", year),
        ("Tilstand", state_label(row)),
        ("Referanse", basis.reference or ""),
        ("Sendt", sent_day(basis)),
        ("Versjon", basis.version),
        *((spec.label.nb, _value(spec, basis.document.get(spec.name))) for spec in HEADER),
        ("Ramme (kr)", frame.amount if frame else None),
        ("Rammetype", frame_kind(frame, year)),
        ("Bundet opp (kr)", budget.total),
        ("Andel av rammen (%)", budget.percent if frame else None),
        ("Igjen (kr)", budget.left),
        *((f"{t.KIND_LABELS[kind].get('nb')} (kr)", budget.by_kind[kind]) for kind in BUDGET_KINDS),
    ]
    if row.state == "sent_late" and entry.deadline is not None:
        found.insert(5, ("Frist", entry.deadline))
    return found


def _texts(basis: StoredBasis, specs: tuple[BasisField, ...]) -> list[tuple[str, str]]:
    return [(spec.label.nb, display_value(spec, basis.document.get(spec.name))) for spec in specs]


# CSV


def csv_rows(data: YearExport) -> list[list[Cell]]:
    """A network's row (with its partnership, conditions and evaluation), then its tiltak."""
    found: list[list[Cell]] = []
    blank_measure: list[Cell] = [""] * len(MEASURE_HEADERS)
    for entry in data.entries:
        overview = overview_row(entry, data.year)
        basis = entry.basis
        texts: list[Cell] = [
            display_value(spec, basis.document.get(spec.name)) if basis else ""
            for spec in (*HEADER, *CONDITIONS, *EVALUATION)
        ]
        found.append(["nettverk", *overview, *texts, *blank_measure])
        if basis is None:
            continue
        # A tiltak's row names its network but repeats none of its amounts.
        named: list[Cell] = [*overview[:4], *[None] * (len(OVERVIEW_HEADERS) - 4)]
        for measure_row in measure_rows(basis):
            found.append(["tiltak", *named, *[""] * len(texts), *measure_row])
    return found


def csv_value(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, int):
        return str(value)
    return csv_text(value)


def write_csv(path: Path, data: YearExport) -> int:
    """Write the CSV (UTF-8 with BOM and `;`, as the behovsmelding export); returns its rows."""
    table = csv_rows(data)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(CSV_HEADERS)
        writer.writerows([[csv_value(value) for value in row] for row in table])
    return len(table)


# xlsx


def sheet_name(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts (≤ 31 characters, none of []:*?/\\), unused so far."""
    base = _SHEET_UNSAFE.sub("-", name).strip("' ") or "Nettverk"
    candidate, number = base[:SHEET_NAME_MAX], 2
    while candidate.casefold() in {n.casefold() for n in taken}:
        suffix = f" ({number})"
        candidate, number = base[: SHEET_NAME_MAX - len(suffix)] + suffix, number + 1
    taken.add(candidate)
    return candidate


def put_cell(sheet: Worksheet, row: int, column: int, value: Cell, *, money: bool = False) -> None:
    """One typed cell: a date with a Norwegian format, a number, or text that stays text."""
    if value is None:
        return
    if isinstance(value, date):
        sheet.cell(row=row, column=column, value=value).number_format = DATE_FORMAT
    elif isinstance(value, int):
        cell = sheet.cell(row=row, column=column, value=value)
        if money:
            cell.number_format = MONEY_FORMAT
    else:
        # Set as text, never parsed: an answer starting with "=" stays text instead of becoming a
        # formula (and Excel keeps it text when the cell is edited), and characters a worksheet
        # refuses are left out.
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = sheet.cell(row=row, column=column, value=text)
        cell.data_type = "s"
        if looks_like_formula(text):
            cell.quotePrefix = True


def bold_row(sheet: Worksheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def wrap_cells(sheet: Worksheet) -> None:
    for line in sheet.iter_rows():
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _overview_sheet(sheet: Worksheet, data: YearExport) -> None:
    rows = overview_rows(data)
    for column, header in enumerate(OVERVIEW_HEADERS, 1):
        put_cell(sheet, 1, column, header)
    for number, values in enumerate([*rows, sum_row(rows)], 2):
        for column, value in enumerate(values, 1):
            put_cell(
                sheet, number, column, value, money=OVERVIEW_HEADERS[column - 1] in _OVERVIEW_MONEY
            )
    total_row = len(rows) + 2
    notes = [INCLUDED_NOTE, f"Eksportert fra Laget {format_date(data.exported_on)}."]
    if any(
        r.frame and r.frame.example_data and not r.frame.decided
        for r in (e.row for e in data.entries)
    ):
        notes.insert(0, example_data_note("nb"))
    for offset, note in enumerate(notes, 2):
        put_cell(sheet, total_row + offset, 1, note)
    wrap_cells(sheet)
    bold_row(sheet, 1)
    bold_row(sheet, total_row)
    sheet.freeze_panes = "B2"
    for column, header in enumerate(OVERVIEW_HEADERS, 1):
        width = max(12, len(header) + 2, *(len(str(r[column - 1] or "")) + 2 for r in rows))
        sheet.column_dimensions[get_column_letter(column)].width = min(width, 30)


def _network_sheet(sheet: Worksheet, entry: NetworkEntry, year: int) -> None:
    basis = entry.basis
    if basis is None:
        return
    put_cell(sheet, 1, 1, t.TITLE.get("nb").format(name=entry.row.network_name, year=year))
    sheet["A1"].font = Font(bold=True, size=14)
    line = 3
    for label, value in facts(entry, year):
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
    table = measure_rows(basis)
    money_columns = {i for i, h in enumerate(MEASURE_HEADERS) if h.endswith("(kr)")}
    for values in table:
        line += 1
        for column, value in enumerate(values, 1):
            put_cell(sheet, line, column, value, money=column - 1 in money_columns)
    line += 1
    put_cell(sheet, line, 1, SUM_LABEL)
    for column in sorted(money_columns):
        numbers = [v for v in (r[column] for r in table) if isinstance(v, int)]
        put_cell(sheet, line, column + 1, sum(numbers), money=True)
    bold_row(sheet, line)
    for title, specs in (
        (t.PART_TITLES["conditions"].get("nb"), CONDITIONS),
        (t.PART_TITLES["evaluation"].get("nb"), EVALUATION),
    ):
        line += 2
        put_cell(sheet, line, 1, title)
        sheet.cell(row=line, column=1).font = Font(bold=True, size=12)
        for label, text in _texts(basis, specs):
            line += 1
            put_cell(sheet, line, 1, label)
            put_cell(sheet, line, 2, text)
    wrap_cells(sheet)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 60
    for column in range(3, len(MEASURE_HEADERS) + 1):
        width = 16 if MEASURE_HEADERS[column - 1].endswith("(kr)") else 30
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B1"  # the labels stay in sight


def write_xlsx(path: Path | BinaryIO, data: YearExport) -> int:
    """Write «Oversikt» and one sheet per document; returns the number of documents."""
    workbook = Workbook()
    overview = workbook.active
    if overview is None:  # a new workbook always has one sheet
        overview = workbook.create_sheet()
    overview.title = OVERVIEW_SHEET
    _overview_sheet(overview, data)
    taken = {OVERVIEW_SHEET}
    for entry in data.documents:
        sheet = workbook.create_sheet(sheet_name(entry.row.network_name, taken))
        _network_sheet(sheet, entry, data.year)
    workbook.save(path)
    return len(data.documents)


# docx: one Word document per network


def docx_name(entry: NetworkEntry, year: int) -> str:
    """The file name of a network's document: beslutningsgrunnlag-fosen-2027.docx."""
    return f"beslutningsgrunnlag-{entry.row.network_id}-{year}.docx"


def write_docx_files(folder: Path, data: YearExport) -> list[Path]:
    """One .docx per network with a document, in `folder` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in data.documents:
        path = folder / docx_name(entry, data.year)
        write_docx(path, entry, data.year, data.exported_on)
        written.append(path)
    return written


def write_docx(path: Path | BinaryIO, entry: NetworkEntry, year: int, exported_on: date) -> None:
    """The network's beslutningsgrunnlag as samarbeidsforum attaches it to its innstilling."""
    basis, budget = entry.basis, entry.budget
    if basis is None or budget is None:
        raise ValueError(f"{entry.row.network_id} has no beslutningsgrunnlag for {year}")
    title = t.TITLE.get("nb").format(name=entry.row.network_name, year=year)
    document = new_document(title)
    document.add_heading(title, level=0)
    _state_paragraph(document, entry)
    footer(document, basis, exported_on)

    document.add_heading(t.PART_TITLES["header"].get("nb"), level=1)
    facts_table(
        document,
        [("Nettverk", entry.row.network_name), *_texts(basis, HEADER)],
    )

    document.add_heading("Tiltak og budsjett", level=1)
    _measures_table(document, basis)

    document.add_heading("Budsjett mot rammen", level=1)
    _budget_section(document, budget, year)

    if measures(basis.document):
        document.add_heading("Tiltakene i detalj", level=1)
    for number, found in enumerate(measures(basis.document), 1):
        document.add_heading(t.MEASURE_SUM.get("nb").format(number=number), level=2)
        facts_table(
            document,
            [(_label(spec), display_value(spec, found.get(spec.name))) for spec in MEASURE],
        )

    document.add_heading(t.PART_TITLES["conditions"].get("nb"), level=1)
    for label, text in _texts(basis, CONDITIONS):
        heading = document.add_paragraph(style="Heading 3")
        heading.add_run(_clean(label))
        document.add_paragraph(_clean(text))

    document.add_heading(EVALUATION[0].label.nb, level=1)
    for _name, text in _texts(basis, EVALUATION):
        document.add_paragraph(_clean(text))
    document.save(str(path) if isinstance(path, Path) else path)


def _label(spec: BasisField) -> str:
    """A field's label beside an amount written «kr 200 000»: without «(kr)»."""
    return spec.label.nb.removesuffix(" (kr)")


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word before `limit` characters, with «…»."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–-") + "…"


def _clean(text: str) -> str:
    """Text Word accepts: no control characters (line breaks and tabs stay)."""
    return clean_text(text)


def new_document(title: str) -> DocxDocument:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    # Spelling and hyphenation in Norwegian bokmål.
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "nb-NO")
    normal.element.get_or_add_rPr().append(language)
    properties = document.core_properties
    properties.title = title
    properties.language = "nb-NO"
    properties.author = "Laget"
    return document


def _state_paragraph(document: DocxDocument, entry: NetworkEntry) -> None:
    basis = entry.basis
    if basis is None:
        return
    sent_on = sent_day(basis)
    if sent_on is None:
        state = t.STATE_DRAFT.get("nb")
    else:
        template = t.STATE_SENT_LATE if basis.late else t.STATE_SENT
        state = template.get("nb").format(date=format_date(sent_on), reference=basis.reference)
    paragraph = document.add_paragraph()
    run = paragraph.add_run(state)
    run.bold = True
    if sent_on is None:
        run.font.color.rgb = RGBColor(0xB0, 0x3A, 0x00)
        paragraph.add_run(" til samarbeidsforum. Innholdet kan fortsatt endres.")
    elif basis.late and entry.deadline is not None:
        run.text += f" {format_date(entry.deadline)}."  # «…, etter fristen 1. februar 2027.»


def footer(document: DocxDocument, basis: StoredBasis, exported_on: date) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    which = basis.reference or t.STATES["draft"].get("nb").capitalize()
    run = paragraph.add_run(
        f"{which} · versjon {basis.version} · eksportert fra Laget {format_date(exported_on)}"
        " · side "
    )
    run.font.size = Pt(8)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    number.append(copy.deepcopy(run._r.get_or_add_rPr()))  # noqa: SLF001  (the same small type)
    text = OxmlElement("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    paragraph._p.append(field)  # noqa: SLF001  (python-docx has no API for a page number)


def _shade(cell: _Cell, fill: str = "E7ECF2") -> None:
    properties = cell._tc.get_or_add_tcPr()  # noqa: SLF001  (python-docx has no shading API)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def grid_table(
    document: DocxDocument,
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    framed: bool = False,
    right_from: int | None = None,
) -> None:
    """A grid with fixed column widths (mm), small type; amounts right-aligned from column
    `right_from`. `framed`: the first and last rows are a shaded, bold header and sum row;
    otherwise the first column holds shaded, bold labels."""
    table: Table = cast(Table, document.add_table(rows=len(rows), cols=len(widths)))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid: LibreOffice lays out by it, Word by the cells
    last = len(rows) - 1
    if framed:  # the header row comes again on the next page
        header = OxmlElement("w:tblHeader")
        table.rows[0]._tr.get_or_add_trPr().append(header)  # noqa: SLF001  (no API for it)
    for number, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        edge = framed and number in (0, last)
        for index, (cell, value, width) in enumerate(zip(row.cells, values, widths, strict=True)):
            cell.width = Mm(width)
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(_clean(value))
            run.font.size = Pt(9)
            run.bold = edge or (not framed and index == 0)
            # A short table stays on one page: each row keeps with the next.
            paragraph.paragraph_format.keep_with_next = number < last
            if right_from is not None and index >= right_from:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if edge:
                _shade(cell)
            elif not framed and index == 0:
                _shade(cell, "F2F4F7")


def facts_table(document: DocxDocument, rows: Sequence[tuple[str, str]]) -> None:
    grid_table(document, rows, (58.0, 112.0))


def _measures_table(document: DocxDocument, basis: StoredBasis) -> None:
    found = measures(basis.document)
    rows = [["Tiltak og periode", "Eier", "UH", "Koordinering", "Sum"]]
    for number, item in enumerate(found, 1):
        goal = shorten(str(item.get("goal") or "–"), _GOAL_IN_TABLE)
        period = "–".join(
            display_value(FIELD_BY_NAME[name], item.get(name))
            for name in ("from_month", "to_month")
        )
        amounts = [format_money(int(item.get(kind) or 0)) for kind in BUDGET_KINDS]
        shown = f"{number}. {goal}\n{period}"
        rows.append([shown, *amounts, format_money(measure_total(item))])
    sums = [format_money(sum(int(item.get(kind) or 0) for item in found)) for kind in BUDGET_KINDS]
    rows.append([SUM_LABEL, *sums, format_money(sum(measure_total(i) for i in found))])
    grid_table(document, rows, (54.0, 29.0, 29.0, 29.0, 29.0), framed=True, right_from=1)
    if not found:
        document.add_paragraph("Det er ingen tiltak ennå.")


def _budget_section(document: DocxDocument, budget: Budget, year: int) -> None:
    document.add_paragraph(budget_text(budget, "nb", year))
    frame = budget.frame
    rows: list[tuple[str, str]] = []
    if frame is not None:
        rows.append((f"Ramme ({frame_kind(frame, year)})", format_money(frame.amount)))
    rows.append(("Bundet opp", format_money(budget.total)))
    rows.extend(
        (_label(FIELD_BY_NAME[kind]), format_money(budget.by_kind[kind])) for kind in BUDGET_KINDS
    )
    if frame is not None:
        rows.append(("Andel av rammen", f"{budget.percent} %"))
    if budget.left is not None:
        rows.append(
            ("Igjen" if budget.left >= 0 else "Over rammen", format_money(abs(budget.left)))
        )
    facts_table(document, rows)
    if frame is not None and frame.example_data and not frame.decided:
        note = document.add_paragraph()
        note.paragraph_format.space_before = Pt(6)
        note.add_run(example_data_note("nb")).italic = True
