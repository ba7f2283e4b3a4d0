"""`laget export reports`: the year's reports as a spreadsheet, a CSV and Word documents, made
from a report written and sent through the HTTP door (and PPT-ledernettverket's draft)."""

from __future__ import annotations

import asyncio
import csv
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell as OpenpyxlCell
from openpyxl.worksheet.worksheet import Worksheet

from bot.cli.main import main
from bot.decision_basis.model import StoredBasis
from bot.scheme import format_money, oslo_today
from bot.scheme.roles import RoleAssignment
from bot.settings import Settings
from bot.store.audit import AuditLog
from bot.store.db import create_engine
from bot.store.decision_basis import REPORT_TABLES, DecisionBases
from bot.store.roles import RolesRepository
from tests.activities import texts
from tests.conftest import StartBot
from tests.decision_basis.conftest import MEASURE_1, push, send_complete, tell
from tests.needs.test_needs_report import button
from tests.reporting.test_reporting import ADMIN, FINDINGS, MAY_2028, MET, USED

LINES = {  # budget line: (used, committed), as the summary card shows them
    "Eier": (180_000, 200_000),
    "UH": (300_000, 300_000),
    "Koordinering": (45_000, 50_000),
}
USED_TOTAL, COMMITTED_TOTAL = 525_000, 550_000
PARTICIPANTS = 140  # «ca 140»
NUMBER_COLUMNS = [
    "Antall tiltak",
    "Deltakere nådd",
    "Ramme (kr)",
    "Bundet opp (kr)",
    "Brukt (kr)",
    "Igjen av bundet opp (kr)",
    "Brukt eier (kr)",
    "Bundet opp eier (kr)",
    "Brukt UH (kr)",
    "Bundet opp UH (kr)",
    "Brukt koordinering (kr)",
    "Bundet opp koordinering (kr)",
]


@pytest.fixture(autouse=True)
def cli_database(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)
    monkeypatch.delenv("LAGET_DATA_DIR", raising=False)


async def export(*args: str) -> int:
    return await asyncio.to_thread(main, ["export", "reports", "--year", "2027", *args])


async def write_and_send(start_bot: StartBot, settings: Settings, kari: str) -> str:
    """Fosen's beslutningsgrunnlag for 2027, then its report on 2027 sent in May 2028; the
    administrator opens PPT-ledernettverket's report (a draft). Returns the summary card's text
    just before sending."""
    engine = create_engine(settings.database_url)
    await RolesRepository(engine).grant(
        RoleAssignment(aad_object_id=ADMIN, role="admin"), name="Siri"
    )
    await engine.dispose()
    november = await start_bot(settings)
    await send_complete(november, kari)
    may = await start_bot(settings, clock=lambda: MAY_2028)
    summary = await tell(may, kari, "rapport")
    form = await push(may, kari, button(summary, "Tiltak 1: Felles forståelse av…"))
    summary = await push(may, kari, button(form, "Lagre"), goal=MEASURE_1["goal"], **USED)
    conditions = await push(may, kari, button(summary, "Endre: Slik ble vilkårene oppfylt"))
    summary = await push(may, kari, button(conditions, "Lagre"), **MET)
    evaluation = await push(may, kari, button(summary, "Endre: Evalueringen"))
    summary = await push(may, kari, button(evaluation, "Lagre"), **FINDINGS)
    card = texts(summary)
    confirm = await push(may, kari, button(summary, "Send inn"))
    receipt = texts(await push(may, kari, button(confirm, "Ja, send rapporten")))
    assert "Rapporten er sendt: RP-2027-0001" in receipt
    ppt = texts(await tell(may, ADMIN, "rapport for PPT-ledernettverket"))
    assert "Rapport for PPT-ledernettverket 2027" in ppt
    return card


async def stored_report(settings: Settings) -> StoredBasis:
    engine = create_engine(settings.database_url)
    try:
        found = await DecisionBases(engine, REPORT_TABLES).find("fosen", 2027)
    finally:
        await engine.dispose()
    assert found is not None
    return found


def table(sheet: Worksheet) -> list[dict[str, Any]]:
    """The overview's rows as dicts by header, up to and including the sum row."""
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    found = []
    for row in rows:
        found.append(dict(zip(map(str, header), row, strict=True)))
        if row[0] == "Sum":
            break
    return found


def docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for grid in document.tables:
        parts.extend(cell.text for row in grid.rows for cell in row.cells)
    parts.extend(p.text for p in document.sections[0].footer.paragraphs)
    return "\n".join(parts)


async def test_the_spreadsheet_has_the_summary_cards_numbers_and_sums_that_add_up(
    start_bot: StartBot, settings: Settings, fosen_coordinator: str, tmp_path: Path
) -> None:
    card = await write_and_send(start_bot, settings, fosen_coordinator)
    out = tmp_path / "rapporter.xlsx"

    assert await export("--out", str(out)) == 0

    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Oversikt", "Fosen", "PPT-ledernettverket"]
    overview = workbook["Oversikt"]
    *parties, total = table(overview)
    assert len(parties) == 12 and total["Nettverk"] == "Sum"
    fosen = next(r for r in parties if r["Nettverk"] == "Fosen")
    assert (fosen["Tilstand"], fosen["Referanse"]) == ("sendt", "RP-2027-0001")
    # The numbers are the summary card's: «brukt kr 525 000 av kr 550 000», «kr 180 000 / …».
    assert (fosen["Brukt (kr)"], fosen["Bundet opp (kr)"]) == (USED_TOTAL, COMMITTED_TOTAL)
    assert f"brukt {format_money(USED_TOTAL)} av {format_money(COMMITTED_TOTAL)}" in card
    for label, (used, committed) in LINES.items():
        key = label if label == "UH" else label.lower()
        assert (fosen[f"Brukt {key} (kr)"], fosen[f"Bundet opp {key} (kr)"]) == (used, committed)
        assert f"{format_money(used)} / {format_money(committed)}" in card
    assert fosen["Igjen av bundet opp (kr)"] == COMMITTED_TOTAL - USED_TOTAL
    assert fosen["Deltakere nådd"] == PARTICIPANTS and fosen["Antall tiltak"] == 1
    ppt = next(r for r in parties if r["Nettverk"] == "PPT-ledernettverket")
    assert (ppt["Tilstand"], ppt["Ramme (kr)"], ppt["Rammetype"]) == (
        "utkast",
        200_000,
        "fast post",
    )
    assert {r["Tilstand"] for r in parties} == {"sendt", "utkast", "ikke startet"}
    assert total["Tilstand"] == "1 sendt, 1 utkast"
    for column in NUMBER_COLUMNS:
        values = [r[column] for r in parties]
        assert all(type(v) is int for v in values), column
        assert total[column] == sum(values), column

    sent = await stored_report(settings)
    assert sent.sent_at is not None
    sent_cell = overview.cell(row=2 + parties.index(fosen), column=4)
    assert isinstance(sent_cell, OpenpyxlCell)
    assert sent_cell.is_date and sent_cell.number_format == "dd.mm.yyyy"
    assert isinstance(sent_cell.value, datetime)
    assert sent_cell.value.date() == oslo_today(sent.sent_at)

    sheet = [list(r) for r in workbook["Fosen"].iter_rows(values_only=True)]
    assert sheet[0][0] == "Rapport for Fosen 2027"
    facts = {str(r[0]): r[1] for r in sheet if r[0]}
    assert facts["Referanse"] == "RP-2027-0001" and facts["Beslutningsgrunnlag"] == "BG-2027-0001"
    assert (facts["Brukt (kr)"], facts["Bundet opp (kr)"]) == (USED_TOTAL, COMMITTED_TOTAL)
    header = next(r for r in sheet if r[0] == "Tiltak" and r[1] == "Mål")
    measure_rows = [dict(zip(header, r, strict=True)) for r in sheet if r[0] in ("Tiltak 1", "Sum")]
    [measure, measure_sum] = measure_rows
    assert measure["Mål"] == MEASURE_1["goal"] and measure["Dette ble gjort"] == USED["done"]
    assert (measure["Brukt eier (kr)"], measure["Bundet opp eier (kr)"]) == LINES["Eier"]
    assert (measure["Brukt i alt (kr)"], measure["Bundet opp i alt (kr)"]) == (
        USED_TOTAL,
        COMMITTED_TOTAL,
    )
    assert measure_sum["Brukt i alt (kr)"] == USED_TOTAL
    assert facts["1. Lokalt definerte behov – slik ble det oppfylt"] == MET["cond_local_needs"]
    assert facts["Hva evalueringen viste"] == FINDINGS["findings"]

    engine = create_engine(settings.database_url)
    try:
        [entry] = [e for e in await AuditLog(engine).entries() if e.action == "reports.exported"]
    finally:
        await engine.dispose()
    assert entry.subject == "2027" and entry.detail["format"] == "xlsx"
    assert entry.detail["parties"] == ["fosen", "ppt-ledernettverket"]
    assert (entry.detail["sent"], entry.detail["drafts"]) == (1, 1)


async def test_the_csv_has_the_same_numbers(
    start_bot: StartBot, settings: Settings, fosen_coordinator: str, tmp_path: Path
) -> None:
    await write_and_send(start_bot, settings, fosen_coordinator)
    as_xlsx, as_csv = tmp_path / "r.xlsx", tmp_path / "r.csv"
    assert await export("--out", str(as_xlsx)) == 0
    assert await export("--format", "csv", "--out", str(as_csv)) == 0

    with as_csv.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle, delimiter=";"))
        handle.seek(0)
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert len(set(header)) == len(header)  # every column named once
    parties = [r for r in rows if r["Rad"] == "nettverk"]
    measures = [r for r in rows if r["Rad"] == "tiltak"]
    overview = {r["Nettverk"]: r for r in table(load_workbook(as_xlsx)["Oversikt"])}
    assert [r["Nettverk"] for r in parties] == [n for n in overview if n != "Sum"]
    for row in parties:
        for column in NUMBER_COLUMNS:
            assert int(row[column]) == overview[row["Nettverk"]][column], column
    fosen = next(r for r in parties if r["Nettverk"] == "Fosen")
    assert fosen["Referanse"] == "RP-2027-0001" and fosen["Sendt"]  # «2. juni 2028», as text
    assert int(fosen["Brukt (kr)"]) == USED_TOTAL
    assert fosen["Beslutningsgrunnlag"] == "BG-2027-0001"
    assert fosen["Hva evalueringen viste"] == FINDINGS["findings"]
    fosen_measure = next(r for r in measures if r["Nettverk"] == "Fosen")
    assert fosen_measure["Brukt (kr)"] == ""  # the party's amounts are not repeated
    assert int(fosen_measure["Tiltak: brukt i alt (kr)"]) == USED_TOTAL
    assert int(fosen_measure["Tiltak: brukt eier (kr)"]) == LINES["Eier"][0]
    for column in ("Brukt", "Bundet opp"):
        assert sum(int(r[f"{column} (kr)"]) for r in parties) == sum(
            int(r[f"Tiltak: {column.lower()} i alt (kr)"]) for r in measures
        )


async def test_each_report_gets_a_word_document(
    start_bot: StartBot,
    settings: Settings,
    fosen_coordinator: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await write_and_send(start_bot, settings, fosen_coordinator)
    folder = tmp_path / "dokumenter"

    assert await export("--format", "docx", "--out", str(folder)) == 0

    assert sorted(p.name for p in folder.iterdir()) == [
        "rapport-fosen-2027.docx",
        "rapport-ppt-ledernettverket-2027.docx",
    ]
    shown = docx_text(folder / "rapport-fosen-2027.docx")
    assert "Rapport for Fosen 2027" in shown and "RP-2027-0001" in shown
    assert "BG-2027-0001" in shown and MEASURE_1["goal"] in shown
    assert format_money(USED_TOTAL) in shown and format_money(COMMITTED_TOTAL) in shown
    assert MET["cond_partnership"] in shown and FINDINGS["findings"] in shown
    ppt = docx_text(folder / "rapport-ppt-ledernettverket-2027.docx")
    assert "Rapport for PPT-ledernettverket 2027" in ppt and "Utkast, ikke sendt" in ppt
    out = capsys.readouterr().out
    assert "Skrev 2 Word-dokumenter om 2027" in out and "1 sendt, 1 utkast" in out


def test_a_year_without_reports_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "r.xlsx"
    assert main(["export", "reports", "--year", "2027", "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "Ingen har startet på rapporten om 2027 ennå" in error
    assert "Fristen er 15. juni 2028" in error and "Ingenting ble skrevet" in error
    assert not out.exists()
