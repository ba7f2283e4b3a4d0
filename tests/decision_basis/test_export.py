"""`laget export decision-basis`: the year's beslutningsgrunnlag as a spreadsheet, a CSV and Word
documents, made from documents written and sent through the HTTP door."""

from __future__ import annotations

import asyncio
import csv
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell as OpenpyxlCell
from openpyxl.worksheet.worksheet import Worksheet

from bot.cli.main import main
from bot.decision_basis.export import sheet_name
from bot.decision_basis.model import StoredBasis
from bot.scheme import format_money, oslo_today
from bot.settings import Settings
from bot.store.audit import AuditLog
from bot.store.db import create_engine
from bot.store.decision_basis import DecisionBases
from tests.activities import Client, texts
from tests.decision_basis.conftest import (
    MEASURE_1,
    fosen_frame,
    push,
    send_complete,
    tell,
    write_complete,
)
from tests.needs.test_needs_report import button

MEASURE_1_SUM = 550_000  # kr 200 000 + 0,3 mill. + 50 000
FORMULA = '=HYPERLINK("https://example.com","Lærere og PPT")'
MONEY_COLUMNS = ["Ramme (kr)", "Bundet opp (kr)", "Igjen (kr)", "Eier (kr)", "UH (kr)"]


@pytest.fixture(autouse=True)
def cli_database(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)
    monkeypatch.delenv("LAGET_DATA_DIR", raising=False)


async def export(*args: str) -> int:
    return await asyncio.to_thread(main, ["export", "decision-basis", "--year", "2027", *args])


async def stored_fosen(settings: Settings) -> StoredBasis:
    engine = create_engine(settings.database_url)
    try:
        found = await DecisionBases(engine).find("fosen", 2027)
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


async def test_the_spreadsheet_has_numbers_dates_and_a_sum_row_that_add_up(
    bot: Client, settings: Settings, fosen_coordinator: str, tmp_path: Path
) -> None:
    receipt = await send_complete(bot, fosen_coordinator)
    assert "Sendt til samarbeidsforum: BG-2027-0001" in texts(receipt)
    assert format_money(MEASURE_1_SUM) in texts(receipt)  # what the card shows as bundet opp
    out = tmp_path / "bg.xlsx"

    assert await export("--out", str(out)) == 0

    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Oversikt", "Fosen"]
    overview = workbook["Oversikt"]
    rows = table(overview)
    *networks, total = rows
    assert total["Nettverk"] == "Sum"
    fosen = next(r for r in networks if r["Nettverk"] == "Fosen")
    assert fosen["Tilstand"] == "sendt" and fosen["Referanse"] == "BG-2027-0001"
    assert fosen["Bundet opp (kr)"] == MEASURE_1_SUM
    assert (fosen["Eier (kr)"], fosen["UH (kr)"], fosen["Koordinering (kr)"]) == (
        200_000,
        300_000,
        50_000,
    )
    assert fosen["Ramme (kr)"] == fosen_frame()
    assert fosen["Igjen (kr)"] == fosen_frame() - MEASURE_1_SUM
    assert fosen["Rammetype"] == "estimert, eksempeldata"
    assert {r["Tilstand"] for r in networks} == {"sendt", "ikke startet"}
    for column in [*MONEY_COLUMNS, "Koordinering (kr)", "Antall tiltak"]:
        values = [r[column] for r in networks]
        assert all(type(v) is int for v in values), column
        assert total[column] == sum(values), column

    sent = await stored_fosen(settings)
    assert sent.sent_at is not None
    sent_cell = overview.cell(row=2 + networks.index(fosen), column=4)
    assert isinstance(sent_cell, OpenpyxlCell)
    assert sent_cell.is_date and sent_cell.number_format == "dd.mm.yyyy"
    assert isinstance(sent_cell.value, datetime)
    assert sent_cell.value.date() == oslo_today(sent.sent_at)
    assert "eksempeldata" in " ".join(str(c.value) for c in overview["A"] if c.value)

    sheet = [list(r) for r in workbook["Fosen"].iter_rows(values_only=True)]
    assert sheet[0][0] == "Beslutningsgrunnlag for Fosen 2027"
    header = next(r for r in sheet if r[0] == "Tiltak" and r[1] == "Mål")
    [measure] = [dict(zip(header, r, strict=True)) for r in sheet if r[0] == "Tiltak 1"]
    assert measure["Mål"] == MEASURE_1["goal"]
    assert (measure["Fra måned"], measure["Til måned"]) == ("mars 2027", "desember 2027")
    assert measure["Budsjett eier (kr)"] == 200_000 and measure["Budsjett UH (kr)"] == 300_000
    assert measure["Sum (kr)"] == MEASURE_1_SUM
    facts = {str(r[0]): str(r[1]) for r in sheet if r[0]}
    assert facts["Referanse"] == "BG-2027-0001" and facts["Bundet opp (kr)"] == str(MEASURE_1_SUM)
    assert facts["1. Lokalt definerte behov"].startswith("Tiltakene bygger på")
    assert facts["Evalueringsplan"].startswith("Spørreundersøkelse før og etter")

    engine = create_engine(settings.database_url)
    try:
        [entry] = [e for e in await AuditLog(engine).entries() if e.action.startswith("decision")]
    finally:
        await engine.dispose()
    assert entry.action == "decision_basis.exported" and entry.subject == "2027"
    assert entry.detail["networks"] == ["fosen"] and entry.detail["format"] == "xlsx"


async def test_the_csv_has_the_same_numbers(
    bot: Client, fosen_coordinator: str, tmp_path: Path
) -> None:
    await send_complete(bot, fosen_coordinator)
    as_xlsx, as_csv = tmp_path / "bg.xlsx", tmp_path / "bg.csv"
    assert await export("--out", str(as_xlsx)) == 0
    assert await export("--format", "csv", "--out", str(as_csv)) == 0

    with as_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    networks = [r for r in rows if r["Rad"] == "nettverk"]
    [measure] = [r for r in rows if r["Rad"] == "tiltak"]
    overview = {r["Nettverk"]: r for r in table(load_workbook(as_xlsx)["Oversikt"])}
    assert [r["Nettverk"] for r in networks] == [n for n in overview if n != "Sum"]
    for row in networks:
        for column in [*MONEY_COLUMNS, "Koordinering (kr)", "Antall tiltak"]:
            assert int(row[column]) == overview[row["Nettverk"]][column], column
    fosen = next(r for r in networks if r["Nettverk"] == "Fosen")
    assert fosen["Referanse"] == "BG-2027-0001" and fosen["Tilstand"] == "sendt"
    assert int(fosen["Bundet opp (kr)"]) == MEASURE_1_SUM
    assert measure["Nettverk"] == "Fosen" and measure["Bundet opp (kr)"] == ""  # not twice
    assert measure["Mål"] == MEASURE_1["goal"] and int(measure["Sum (kr)"]) == MEASURE_1_SUM
    assert sum(int(r["Bundet opp (kr)"]) for r in networks) == sum(
        int(r["Sum (kr)"]) for r in rows if r["Rad"] == "tiltak"
    )


async def test_each_network_gets_a_word_document_for_the_innstilling(
    bot: Client, fosen_coordinator: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await send_complete(bot, fosen_coordinator)
    folder = tmp_path / "dokumenter"

    assert await export("--format", "docx", "--out", str(folder)) == 0

    [written] = sorted(folder.iterdir())
    assert written.name == "beslutningsgrunnlag-fosen-2027.docx"
    shown = docx_text(written)
    assert "Beslutningsgrunnlag for Fosen 2027" in shown
    assert "BG-2027-0001" in shown
    assert MEASURE_1["goal"] in shown
    assert format_money(MEASURE_1_SUM) in shown
    assert format_money(fosen_frame()) in shown
    assert "eksempeldata" in shown
    assert "De fire vilkårene" in shown and "Tiltakene bygger på ståstedsanalysene" in shown
    assert "Spørreundersøkelse før og etter" in shown
    assert "Skrev 1 Word-dokument for 2027" in capsys.readouterr().out


async def test_a_draft_is_exported_and_marked_utkast(
    bot: Client, fosen_coordinator: str, tmp_path: Path
) -> None:
    await write_complete(bot, fosen_coordinator)
    out, folder = tmp_path / "bg.xlsx", tmp_path / "docx"
    assert await export("--out", str(out)) == 0
    assert await export("--format", "docx", "--out", str(folder)) == 0

    fosen = next(r for r in table(load_workbook(out)["Oversikt"]) if r["Nettverk"] == "Fosen")
    assert fosen["Tilstand"] == "utkast" and fosen["Sendt"] is None and fosen["Referanse"] is None
    assert fosen["Bundet opp (kr)"] == MEASURE_1_SUM
    assert "Utkast, ikke sendt" in docx_text(folder / "beslutningsgrunnlag-fosen-2027.docx")


async def test_formula_like_free_text_stays_text(
    bot: Client, fosen_coordinator: str, tmp_path: Path
) -> None:
    await send_complete(bot, fosen_coordinator)
    form = await tell(bot, fosen_coordinator, "endre tiltak 1")
    changed = await push(
        bot, fosen_coordinator, button(form, "Lagre"), **{**MEASURE_1, "target_group": FORMULA}
    )
    assert "Endringen er lagret som versjon" in texts(changed)
    out, as_csv = tmp_path / "bg.xlsx", tmp_path / "bg.csv"
    assert await export("--out", str(out)) == 0
    assert await export("--format", "csv", "--out", str(as_csv)) == 0

    sheet = load_workbook(out)["Fosen"]
    [cell] = [c for row in sheet.iter_rows() for c in row if c.value == FORMULA]
    assert cell.data_type == "s" and cell.quotePrefix  # text, never a formula
    with as_csv.open(encoding="utf-8-sig", newline="") as handle:
        [measure] = [r for r in csv.DictReader(handle, delimiter=";") if r["Rad"] == "tiltak"]
    assert measure["Målgruppe"] == "'" + FORMULA  # Excel shows it as text and runs nothing


def test_a_bad_year_is_refused_in_norwegian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "decision-basis", "--year", "20x7"]) == 2
    assert "«20x7» er ikke et gyldig år" in capsys.readouterr().err


def test_a_year_with_nothing_to_export_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "bg.xlsx"
    assert main(["export", "decision-basis", "--year", "1999", "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "Ingen nettverk har startet på beslutningsgrunnlaget for 1999" in error
    assert "ingen datafil for 1999" in error and "Ingenting ble skrevet" in error
    assert not out.exists()


def test_the_server_never_loads_python_docx() -> None:
    probe = "import sys, bot.cli.main, bot.app; print('docx' in sys.modules)"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "False"


def test_sheet_names_are_safe_short_and_distinct() -> None:
    taken = {"Oversikt"}
    assert sheet_name("Trondheim/Malvik", taken) == "Trondheim-Malvik"
    long = "Interkommunalt nettverk for spesialpedagogikk"
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) == len(second) == 31 and first != second
    assert sheet_name("oversikt", taken) == "oversikt (2)"
