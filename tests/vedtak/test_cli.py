"""Vedtak from the command line: `laget frame decide` for one network or from a CSV file (all
or nothing, every bad line named), announced at the next reminder pass like one entered in
Teams; and wherever the CLI shows frames (the table, --json, `laget data check`), when the
frames shown no longer add up to what is distributed, it says by how much, to the krone."""

from __future__ import annotations

import asyncio
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.cli import admin
from bot.cli.main import main
from bot.scheme import DEFAULT_DATA_DIR, compute_allocation, format_money, load_region
from bot.settings import Settings
from bot.store.audit import AuditLog
from bot.store.db import create_engine
from bot.store.frame_decisions import FrameDecisionsRepository
from tests.activities import activity, post, texts
from tests.conftest import StartBot
from tests.fake_teams import FakeTeams
from tests.reminders.test_teams import CHANNEL, TEAM, in_channel

APRIL = datetime(2027, 4, 16, 8, 0, tzinfo=UTC)
ALLOCATION = compute_allocation(load_region(), 2027)
ESTIMATE = {frame.network_id: frame.estimated for frame in ALLOCATION.frames}
POOL = ALLOCATION.pool


@pytest.fixture(autouse=True)
def cli(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    """The CLI on the test's database, on 16 April 2027, in a wide terminal."""
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)
    monkeypatch.delenv("LAGET_DATA_DIR", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(admin, "_now", lambda: APRIL)


def plain(text: str) -> str:
    """Output with the no-break spaces of amounts as spaces."""
    return text.replace("\xa0", " ")


def money(amount: int) -> str:
    return plain(format_money(amount))


def laget(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, plain(captured.out), plain(captured.err)


async def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`laget …` from an async test: in a thread, as it has its own event loop."""
    return await asyncio.to_thread(laget, capsys, *args)


async def frames_json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out, _ = await run(capsys, "frame", "--year", "2027", "--json")
    assert code == 0
    body: dict[str, Any] = json.loads(out)
    return body


async def stored(settings: Settings) -> dict[str, tuple[int, str]]:
    engine = create_engine(settings.database_url)
    try:
        found = await FrameDecisionsRepository(engine).for_year("trondelag", 2027)
    finally:
        await engine.dispose()
    return {network: (d.amount, d.reference) for network, d in found.items()}


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


async def test_one_decision_is_stored_shown_everywhere_and_announced_at_the_next_pass(
    start_bot: StartBot,
    settings: Settings,
    teams: FakeTeams,
    fosen_coordinator: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bot = await start_bot(settings, clock=lambda: APRIL)
    install = activity(
        "installationUpdate",
        action="add",
        conversation=CHANNEL,
        conversation_type="channel",
        channelData=TEAM,
        service_url=teams.url,
    )
    await post(bot, install)
    await post(bot, in_channel(teams, "koble denne kanalen til Fosen", aad=fosen_coordinator))

    code, out, err = await run(
        capsys,
        "frame",
        "decide",
        "--year",
        "2027",
        "--network",
        "Ørland",  # a member municipality names its network
        "--amount",
        "kr 500 000,-",
        "--date",
        "15.04.2027",
        "--reference",
        "SF 2027/1234",
    )

    assert (code, err) == (0, "")
    difference = ESTIMATE["fosen"] - 500_000
    assert "Registrerte 1 vedtak for 2027 fra kommandolinjen:" in out
    assert (
        f"Fosen: vedtatt ramme {money(500_000)} (vedtak 15. april 2027, SF 2027/1234); "
        f"estimatet var {money(ESTIMATE['fosen'])} (−{money(difference)})."
    ) in out
    assert f"et avvik på {money(difference)} (ufordelt)" in out
    assert "får beskjed ved neste påminnelsesrunde" in out
    assert await stored(settings) == {"fosen": (500_000, "SF 2027/1234")}

    code, table, _ = await run(capsys, "frame", "--year", "2027")
    assert code == 0
    [fosen_row] = [line for line in table.splitlines() if "Fosen" in line]
    assert "vedtatt 15. april 2027 (SF 2027/1234)" in fosen_row and money(500_000) in fosen_row
    assert "*" not in fosen_row  # an administrator's vedtak is never example data
    assert "Rammene går ikke opp: til sammen" in table
    assert f"men {money(POOL)} skal fordeles til nettverkene" in table
    assert f"et avvik på {money(difference)} (ufordelt)" in table

    body = await frames_json(capsys)
    assert body["difference"] == difference
    assert money(difference) in plain(body["difference_note"])
    fosen = next(f for f in body["frames"] if f["network_id"] == "fosen")
    assert fosen["status_text"] == "vedtatt 15. april 2027 (SF 2027/1234)"
    assert (fosen["decided"], fosen["example_data"]) == (500_000, False)

    engine = create_engine(settings.database_url)
    try:
        [entry] = [e for e in await AuditLog(engine).entries() if e.action == "vedtak.decided"]
    finally:
        await engine.dispose()
    assert (entry.subject, entry.detail["network"], entry.detail["amount"]) == (
        "SF 2027/1234",
        "fosen",
        500_000,
    )
    assert entry.actor.startswith("cli")

    assert await asyncio.to_thread(main, ["reminders", "send", "--at", "2027-04-16T09:00"]) == 0
    [card] = [
        texts([p.activity]) for p in teams.posts_to(CHANNEL) if "er vedtatt" in texts([p.activity])
    ]
    assert "Vedtatt ramme: kr 500 000 (vedtak 15. april 2027, SF 2027/1234)." in plain(card)


async def test_a_file_decides_several_networks_at_once(
    settings: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    semicolons = write(
        tmp_path / "vedtak.csv",
        "Nettverk;Ramme;Dato;Referanse\n"
        "Fosen;kr 1 200 000,-;15.04.2027;SF 2027/1\n"
        "\n"
        "Røros kommune;400.000;2027-04-15;SF 2027/2\n",
        encoding="utf-8-sig",  # as Excel saves it
    )
    code, out, err = await run(
        capsys, "frame", "decide", "--year", "2027", "--file", str(semicolons)
    )
    assert (code, err) == (0, "")
    assert "Registrerte 2 vedtak for 2027 fra vedtak.csv:" in out
    assert f"Fosen: vedtatt ramme {money(1_200_000)}" in out
    assert f"Røros: vedtatt ramme {money(400_000)}" in out
    assert "Nettverkenes kanaler og koordinatorer får beskjed" in out

    commas = write(
        tmp_path / "gauldal.csv",
        'nettverk,ramme,dato,referanse\ngauldal,"1,1 mill.",15.4.2027,"SF 2027/3"\n',
    )
    code, _, err = await run(capsys, "frame", "decide", "--year", "2027", "--file", str(commas))
    assert (code, err) == (0, "")
    assert await stored(settings) == {
        "fosen": (1_200_000, "SF 2027/1"),
        "roros": (400_000, "SF 2027/2"),
        "gauldal": (1_100_000, "SF 2027/3"),
    }
    decided = {"fosen": 1_200_000, "roros": 400_000, "gauldal": 1_100_000}
    expected = POOL - sum(decided.get(n, e) for n, e in ESTIMATE.items())
    body = await frames_json(capsys)
    assert body["difference"] == expected < 0
    assert f"et avvik på {money(-expected)} (mer enn det som fordeles)" in plain(
        body["difference_note"]
    )


async def test_a_bad_line_is_named_with_its_field_and_nothing_is_stored(
    settings: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = ["--network", "Fosen", "--amount", "500 000", "--date", "15.04.2027"]
    decide = ["frame", "decide", "--year", "2027", *good, "--reference", "SF 2027/1"]
    assert await asyncio.to_thread(main, decide) == 0
    capsys.readouterr()
    bad = write(
        tmp_path / "vedtak.csv",
        "nettverk;ramme;dato;referanse\n"
        "Fosen;900 000;15.04.2027;SF 2027/9\n"  # would replace Fosen's decision
        "Gauldal;-300 000;15.04.2027;SF 2027/2\n"
        "Bergen;300 000;15.04.2027;SF 2027/3\n"
        "Værnes;300 000;31.04.2027;SF 2027/4\n"
        "Røros;300 000;15.04.2027;\n"
        "Osen;1;15.04.2027;SF 2027/5\n",  # Osen is in Fosen: Fosen twice
    )

    code, out, err = await run(capsys, "frame", "decide", "--year", "2027", "--file", str(bad))

    assert code == 2 and out == ""
    assert "Ingenting ble registrert." in err
    assert "vedtak.csv, linje 3, felt «ramme»: Beløpet kan ikke være negativt" in err
    assert "vedtak.csv, linje 4, felt «nettverk»: Kjenner ikke «Bergen» i Trøndelag" in err
    assert "vedtak.csv, linje 5, felt «dato»: Skriv datoen som 15.04.2027." in err
    assert "Du skrev «31.04.2027»." in err
    assert "vedtak.csv, linje 6, felt «referanse»" in err
    assert "vedtak.csv, linje 7, felt «nettverk»: «Fosen» står også på linje 2" in err
    assert "linje 2," not in err  # the good line is not a problem
    assert await stored(settings) == {"fosen": (500_000, "SF 2027/1")}  # unchanged

    code, _, err = await run(capsys, "frame", "decide", "--year", "2027", "--network", "Fosen")
    assert code == 2 and "Mangler --amount, --date, --reference" in err
    code, _, err = await run(capsys, "frame", "decide", "--network", "Fosen")
    assert code == 2 and "--year 2027" in err
    code, _, err = await run(capsys, "frame", "--amount", "500 000")
    assert code == 2 and "--amount hører til «laget frame decide»" in err
    assert await stored(settings) == {"fosen": (500_000, "SF 2027/1")}


def test_data_check_names_the_decided_frames_that_do_not_add_up(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    year_file = data / "2027.yaml"
    text = year_file.read_text(encoding="utf-8")
    line = "fosen: {elevtall: 4100, barnetall: 1450}"
    assert line in text
    year_file.write_text(text.replace(line, line[:-1] + ", decided_ramme: 900000}"))
    number = next(
        n for n, row in enumerate(year_file.read_text().splitlines(), 1) if "900000" in row
    )

    code, out, err = laget(capsys, "data", "check", str(data))

    assert code == 2 and out == ""
    difference = 900_000 - ESTIMATE["fosen"]
    assert f"2027.yaml, linje {number}, felt «networks.fosen.decided_ramme»" in err
    assert f"et avvik på {money(abs(difference))}" in err
    assert "Fila har vedtatt ramme for Fosen; de andre er estimert." in err
