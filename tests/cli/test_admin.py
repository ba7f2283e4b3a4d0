"""The administration commands: calendar, frame, data import-counts and check, roles."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.scheme import DEFAULT_DATA_DIR, compute_allocation, format_money, load_region
from bot.scheme.formatting import format_number
from bot.settings import Settings
from tests.activities import Client, say, texts

FROYA_LINE = 4  # header is line 1; see the CSV below
SORVEST = ["Heim", "Orkland", "Frøya", "Hitra", "Rindal", "Skaun"]


@pytest.fixture(autouse=True)
def database(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    """The CLI reads its settings from the environment: the test's SQLite database."""
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)
    monkeypatch.delenv("LAGET_DATA_DIR", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(["kommune;elevtall;barnetall", *rows]) + "\n", encoding="utf-8")
    return path


def test_frame_json_sums_exactly_to_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "frame", "--json", "--year", "2027")

    body = json.loads(out)
    assert code == 0
    assert (
        body["sum"]
        == body["total"]
        == sum(
            f["amount"]
            for f in [{"amount": f["decided"] or f["estimated"]} for f in body["frames"]]
        )
        + body["fellestiltak"]
        + body["fixed_posts"]
    )
    assert (body["moetevirksomhet"], body["ppt_ledernettverket"]) == (400_000, 200_000)
    assert body["koordinering"] == 1_300_000
    coordination = {f["network_id"]: f["koordinering"] for f in body["frames"]}
    assert coordination["trondheim-malvik"] == 300_000
    assert body["example_data"] is True


def test_frame_table_names_the_example_data(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "frame", "Orkland", "--year", "2027")

    assert code == 0
    assert "Trøndelag" in out and "sørvest" in out  # a long name wraps in a narrow terminal
    assert "EKSEMPELDATA" in out


def test_frame_for_an_unknown_place_fails_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "frame", "Bergen")

    assert code == 2
    assert "Finner ikke «Bergen» i Trøndelag" in err


def test_calendar_json_has_every_step(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "--year", "2027", "--json")

    steps = {step["step"]: step for step in json.loads(out)["steps"]}
    assert code == 0
    assert steps["beslutningsgrunnlag"]["due"] == "2027-02-01"
    assert steps["rapportering"]["due"] == "2027-06-15"
    assert steps["behovsmelding"]["due"] is None
    assert steps["egen-vurdering"]["recommended"] == "2026-12-01"


def test_a_csv_with_a_bad_line_changes_nothing_and_names_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = [f"{name};100;50" for name in SORVEST]
    rows[FROYA_LINE - 2] = "Frøya;hundre;50"
    bad = write_csv(tmp_path / "tall.csv", rows)

    code, _, err = run(capsys, "data", "import-counts", str(bad), "--year", "2027")

    assert code == 2
    assert "Ingenting ble importert" in err
    assert f"tall.csv, linje {FROYA_LINE}, felt «elevtall»" in err
    _, out, _ = run(capsys, "frame", "--json", "--year", "2027")
    assert json.loads(out)["counts_imported_from"] is None


def test_a_municipality_missing_from_its_network_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    partial = write_csv(tmp_path / "tall.csv", ["Orkland;100;50", "Ukjentby;1;1"])

    code, _, err = run(capsys, "data", "import-counts", str(partial), "--year", "2027")

    assert code == 2
    assert "linje 3, felt «kommune»: kjenner ikke «Ukjentby»" in err
    assert "mangler tall for Heim, Frøya, Hitra, Rindal, Skaun" in err


async def test_a_good_csv_changes_the_frames_the_bot_reports_at_once(
    bot: Client, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = texts(await say(bot, "Hva er rammen til Trøndelag sørvest?"))
    good = write_csv(tmp_path / "tall.csv", [f"{name};10000;4000" for name in SORVEST])

    code = await asyncio.to_thread(main, ["data", "import-counts", str(good), "--year", "2027"])

    assert code == 0
    out = capsys.readouterr().out
    assert "Importerte tall for 1 nettverk" in out
    # One network's counts move every frame (shares of one pool): each change is listed.
    assert "Rammer som ble endret (11):" in out
    assert "Trøndelag sørvest: kr" in out and "Fosen: kr" in out
    assert "Bruker fortsatt tallene i 2027.yaml (eksempeldata): Trondheim/Malvik, Fosen" in out
    after = texts(await say(bot, "Hva er rammen til Trøndelag sørvest?"))
    assert after != before
    assert f"{format_number(60_000)} / {format_number(24_000)}" in after
    assert "importert fra tall.csv" in after


def test_data_check_names_file_line_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    year_file = data / "2027.yaml"
    text = year_file.read_text(encoding="utf-8")
    year_file.write_text(text.replace("fosen: {elevtall: 4100", "fosen: {elevtall: -4100"))
    line = next(n for n, row in enumerate(year_file.read_text().splitlines(), 1) if "-4100" in row)

    code, _, err = run(capsys, "data", "check", str(data))

    assert code == 2
    assert f"2027.yaml, linje {line}" in err
    assert "elevtall" in err
    code, out, _ = run(capsys, "data", "check", str(DEFAULT_DATA_DIR))
    assert code == 0
    assert "i orden" in out


def test_an_invalid_data_dir_stops_the_bot_at_start(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    (data / "region.yaml").write_text("id: trondelag\nname: Trøndelag\n", encoding="utf-8")
    monkeypatch.setenv("LAGET_DATA_DIR", str(data))

    code, _, err = run(capsys, "chat", "--say", "hei")

    assert code == 2
    assert "region.yaml" in err


def test_roles_grant_list_and_revoke(capsys: pytest.CaptureFixture[str]) -> None:
    person = "6F1C2A4E-1D2B-4C3D-9E8F-0A1B2C3D4E5F"

    code, out, _ = run(
        capsys, "roles", "grant", "coordinator", person, "--network", "Orkland", "--name", "Kari"
    )
    assert code == 0
    assert "Rollen koordinator er gitt til Kari." in out  # Norwegian, not «coordinator»
    _, listed, _ = run(capsys, "roles", "list")
    assert "Kari" in listed and "Trøndelag sørvest" in listed and "koordinator" in listed

    assert run(capsys, "roles", "revoke", "coordinator", person, "--network", "Orkland")[0] == 0
    code, _, err = run(capsys, "roles", "revoke", "coordinator", person, "--network", "Orkland")
    assert code == 2
    assert "hadde ikke den rollen" in err
    code, _, err = run(capsys, "roles", "grant", "admin", "not-a-guid")
    assert code == 2
    assert "ikke en gyldig Azure AD-objekt-id" in err


def test_imported_frames_match_the_domain_core(
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = compute_allocation(load_region(), 2027).frame("fosen")

    _, out, _ = run(capsys, "frame", "fosen", "--json", "--year", "2027")

    [frame] = json.loads(out)["frames"]
    assert frame["estimated"] == expected.estimated
    assert format_money(frame["estimated"]) == format_money(expected.amount)


def test_no_amount_is_cut_in_a_narrow_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "frame", "--year", "2027")

    assert code == 0
    # Trondheim/Malvik's and Trøndelag sørvest's frames in the example data, whole.
    assert "kr\xa05\xa0112\xa0564" in out
    assert "kr\xa01\xa0308\xa0958" in out
    assert "…" not in out


def test_calendar_says_passed_instead_of_negative_days(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "--year", "2026")  # every 2026 deadline has passed

    assert code == 0
    assert "passert" in out
    assert not re.search(r"│ -\d+", out)
