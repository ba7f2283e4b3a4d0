"""Reading counts CSVs: separators, network rows, duplicates, encodings."""

from __future__ import annotations

from pathlib import Path

from bot.scheme import RegionData
from bot.scheme.counts_csv import NetworkCounts, parse_counts_csv


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "tall.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_network_rows_with_commas_and_a_bom(tmp_path: Path, region: RegionData) -> None:
    path = write(tmp_path, "\ufeffNettverk,Elevtall,Barnetall\nFosen,4 200,1500\nRøros,900,300\n")

    counts, problems = parse_counts_csv(path, region)

    assert problems == []
    assert counts == {"fosen": NetworkCounts(4200, 1500), "roros": NetworkCounts(900, 300)}


def test_municipalities_roll_up_to_their_network(tmp_path: Path, region: RegionData) -> None:
    rows = "\n".join(f"{m};10;5" for m in ("Indre Fosen", "Osen", "Åfjord", "Ørland"))
    path = write(tmp_path, f"kommune;elevtall;barnetall\n{rows}\n\n")

    counts, problems = parse_counts_csv(path, region)

    assert problems == []
    assert counts == {"fosen": NetworkCounts(40, 20)}


def test_every_bad_line_is_reported(tmp_path: Path, region: RegionData) -> None:
    path = write(
        tmp_path,
        "nettverk;elevtall;barnetall\nFosen;1;1\nFosen;2;2\nRøros;-3;1\nAtlantis;1;1\n",
    )

    counts, problems = parse_counts_csv(path, region)

    assert counts == {}
    assert [(p.line, p.field) for p in problems] == [
        (3, "nettverk"),
        (4, "elevtall"),
        (5, "nettverk"),
    ]


def test_a_network_row_and_its_municipalities_do_not_mix(
    tmp_path: Path, region: RegionData
) -> None:
    path = write(tmp_path, "kommune;elevtall;barnetall\nFosen;1;1\nOsen;1;1\n")

    _, problems = parse_counts_csv(path, region)

    assert [(p.line, p.message) for p in problems] == [
        (3, "tall for hele «Fosen» og for kommunene i det kan ikke blandes")
    ]


def test_missing_columns_and_wrong_encoding_are_named(tmp_path: Path, region: RegionData) -> None:
    no_counts = write(tmp_path, "kommune;elevtall\nOsen;1\n")
    assert "mangler kolonne: barnetall" in str(parse_counts_csv(no_counts, region)[1][0])

    latin = write(tmp_path, "kommune;elevtall;barnetall\nFrøya;1;1\n", encoding="latin-1")
    assert "UTF-8" in str(parse_counts_csv(latin, region)[1][0])
