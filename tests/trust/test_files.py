"""Data files and CSV imports: every problem named with file, line and field, in one run;
no traceback, no alias expansion, sane bounds, and nothing imported when anything is wrong."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.scheme import DEFAULT_DATA_DIR
from bot.settings import Settings

SORVEST = ["Heim", "Orkland", "Frøya", "Hitra", "Rindal", "Skaun"]


@pytest.fixture(autouse=True)
def database(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)
    monkeypatch.delenv("LAGET_DATA_DIR", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out + captured.err


def csv_lines(header: str = "kommune;elevtall;barnetall", **rows: str) -> list[str]:
    lines = [header] + [f"{name};100;50" for name in SORVEST]
    for name, line in rows.items():
        lines[SORVEST.index(name) + 1] = line
    return lines


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("\n".join(csv_lines(Frøya="Frøya;²³;50")).encode(), "linje 4, felt «elevtall»"),
        ("\n".join(csv_lines(Frøya="Frøya;٣٠٠;50")).encode(), "linje 4, felt «elevtall»"),
        ("\n".join(csv_lines(Hitra="Hitra;99999999999;50")).encode(), "linje 5, felt «elevtall»"),
        ("\n".join(csv_lines(Hitra="Hitra;1;" + "9" * 200_000)).encode(), "linje 5"),
        ("\n".join(csv_lines(Orkland="Orkland;1\x00;2")).encode(), "linje 3"),
        ("\n".join(csv_lines(Rindal="Rindal;100;50 Ø")).encode("latin-1"), "linje 4"),  # Frøya
        ("\n".join(csv_lines(header="kommune;elevtall;elevtall;barnetall")).encode(), "elevtall"),
        ("\n".join(csv_lines(header="kommune;elevtall;barnetall;fnr")).encode(), "«fnr»"),
    ],
    ids=[
        "superscript",
        "arabic-indic",
        "too-large",
        "huge-field",
        "nul",
        "latin-1",
        "twice",
        "unknown",
    ],
)
def test_a_bad_counts_file_names_the_line_and_imports_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "tall.csv"
    path.write_bytes(content)

    code, shown = run(capsys, "data", "import-counts", str(path), "--year", "2027")

    assert code == 2
    assert "tall.csv" in shown and expected in shown
    _, out = run(capsys, "frame", "--json", "--year", "2027")
    assert json.loads(out)["counts_imported_from"] is None


def test_a_counts_file_with_old_mac_line_endings_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "tall.csv"
    path.write_bytes("\r".join(csv_lines()).encode())

    code, shown = run(capsys, "data", "import-counts", str(path), "--year", "2027")

    assert code == 0, shown


def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    return data


def test_every_problem_of_a_data_folder_is_named_in_one_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = data_dir(tmp_path)
    year = (data / "2027.yaml").read_text(encoding="utf-8")
    (data / "2027.yaml").write_text(
        year.replace("total: 18500000", "total: " + "9" * 40), encoding="utf-8"
    )
    (data / "2028.yaml").write_bytes(b"year: 2028\nexample_data: true\ntotal: \x00\n")
    (data / "2029.yaml").write_bytes("year: 2029\nkommentar: Ørland\n".encode("latin-1"))

    code, shown = run(capsys, "data", "check", str(data))

    assert code != 0
    assert "2027.yaml, linje 15, felt «total»" in shown
    assert "2028.yaml, linje 3" in shown
    assert "2029.yaml, linje 2" in shown and "UTF-8" in shown


def test_yaml_aliases_are_refused_before_they_expand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = data_dir(tmp_path)
    laughs = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    laughs += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 12)]
    (data / "2028.yaml").write_text("\n".join(laughs) + "\n", encoding="utf-8")

    code, shown = run(capsys, "data", "check", str(data))

    assert code != 0
    assert "2028.yaml, linje 2" in shown and "aliaser" in shown
