"""Exporting a network's behovsmeldinger to a spreadsheet a samarbeidsforum would use.

One row per sent report (withdrawn and draft reports are left out), one column per form field,
Norwegian (bokmål) headers, plus reference, sent date and whether it came after the deadline.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from bot.needs.form import FIELDS, FieldSpec, display_value
from bot.needs.model import Status, StoredReport
from bot.scheme import format_date, oslo_today
from bot.scheme.cells import csv_text

HEADERS = ["Referanse", "Sendt", "Etter fristen", *(spec.label.nb for spec in FIELDS)]


Cell = str | int | date


def typed_rows(reports: Sequence[StoredReport]) -> list[list[Cell]]:
    """The sent reports, oldest first: counts as numbers, the day sent as a date (Oslo)."""
    sent = sorted(
        (r for r in reports if r.status is Status.SUBMITTED), key=lambda r: r.reference or ""
    )
    return [
        [
            report.reference or "",
            oslo_today(report.submitted_at) if report.submitted_at else "",
            "ja" if report.late else "nei",
            *(_cell(spec, report.answers.get(spec.name)) for spec in FIELDS),
        ]
        for report in sent
    ]


def _cell(spec: FieldSpec, value: object) -> Cell:
    if spec.kind == "count" and isinstance(value, int) and not isinstance(value, bool):
        return value
    return display_value(spec, value)


def rows(reports: Sequence[StoredReport]) -> list[list[str]]:
    """The sent reports as rows of text (dates as «2. februar 2027»), oldest first."""
    return [
        [format_date(cell) if isinstance(cell, date) else str(cell) for cell in row]
        for row in typed_rows(reports)
    ]


def write_csv(path: Path, reports: Sequence[StoredReport]) -> int:
    """Write a CSV (UTF-8 with BOM and `;`, as Excel in Norway opens it); returns the row count."""
    table = rows(reports)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows([[csv_text(value) for value in row] for row in table])
    return len(table)


def write_xlsx(path: Path | BinaryIO, reports: Sequence[StoredReport], title: str) -> int:
    """Write an .xlsx with a bold, frozen header row and wrapped text; returns the row count."""
    table = typed_rows(reports)
    workbook = Workbook()
    sheet = workbook.create_sheet(index=0)
    workbook.remove(workbook.worksheets[1])  # the default empty sheet
    sheet.title = title[:31]
    sheet.append(HEADERS)
    for number, row in enumerate(table, start=2):
        for column, value in enumerate(row, start=1):
            if isinstance(value, date):  # a real date, shown as 02.02.2027
                sheet.cell(row=number, column=column, value=value).number_format = "dd.mm.yyyy"
            elif isinstance(value, int):  # counts are numbers people can add up
                sheet.cell(row=number, column=column, value=value)
            else:
                # Set as text, never parsed: an answer starting with "=" stays text instead of
                # becoming a formula, and characters a worksheet refuses are left out.
                text = ILLEGAL_CHARACTERS_RE.sub("", value)
                sheet.cell(row=number, column=column, value=text).data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, header in enumerate(HEADERS, start=1):
        width = min(60, max(12, len(header) + 2, *(len(str(r[index - 1])) for r in table)))
        sheet.column_dimensions[get_column_letter(index)].width = width
        for cell in sheet[get_column_letter(index)][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    workbook.save(path)
    return len(table)
