"""Loading the data files: the default loads, and every problem names file, line and field."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from bot.scheme.loader import DEFAULT_DATA_DIR, DataError, check_data_dir, load_region
from bot.scheme.models import RegionData, normalise_name
from bot.scheme.money import compute_allocation


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, fragment: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = (i for i, line in enumerate(lines, start=1) if fragment in line.split("#")[0])
    return next(found)


def _only_problem(data_dir: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_region(data_dir)
    assert len(caught.value.problems) == 1, caught.value.problems
    return str(caught.value)


def test_default_loads_and_frames_sum_exactly_to_the_total(region: RegionData) -> None:
    assert region.name == "Trøndelag"
    assert len(region.networks) == 11
    assert [s.number for s in region.steps] == [1, 2, 3, 4, 5, 6]
    allocation = compute_allocation(region, 2027)
    parts = sum(f.amount for f in allocation.frames) + allocation.fellestiltak
    assert parts + allocation.fixed_posts == allocation.total
    assert allocation.difference == 0


def test_default_covers_each_trondelag_municipality_once(region: RegionData) -> None:
    members = [normalise_name(m) for n in region.networks for m in n.members]
    assert len(members) == 38
    assert len(set(members)) == 38
    known = {"trondheim-malvik", "trondelag-sorvest", "fosen"}
    assert {n.id for n in region.networks if not n.example_data} == known
    assert region.years[2027].example_data


def test_load_does_not_depend_on_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert os.getcwd() == str(tmp_path)
    assert load_region(None).id == "trondelag"


def test_negative_elevtall_names_file_line_and_field(data_dir: Path) -> None:
    year_file = data_dir / "2027.yaml"
    _replace(year_file, "fosen: {elevtall: 4100", "fosen: {elevtall: -4100")
    message = _only_problem(data_dir)
    line = _line_of(year_file, "elevtall: -4100")
    assert message.startswith(f"{year_file}, linje {line}, felt «networks.fosen.elevtall»:")
    assert "negativ" in message


def test_wrong_type_is_reported_in_norwegian_with_its_line(data_dir: Path) -> None:
    year_file = data_dir / "2027.yaml"
    _replace(year_file, "grunntilskudd: 250000", "grunntilskudd: mye")
    message = _only_problem(data_dir)
    line = _line_of(year_file, "grunntilskudd: mye")
    assert message == f"{year_file}, linje {line}, felt «grunntilskudd»: må være et heltall"


def test_municipality_in_two_networks_points_at_the_second(data_dir: Path) -> None:
    region_file = data_dir / "region.yaml"
    _replace(region_file, "members: [Røros]", "members: [Røros, Orkland]")
    message = _only_problem(data_dir)
    line = _line_of(region_file, "members: [Røros, Orkland]")
    assert f"{region_file}, linje {line}, felt «networks[10].members[1]»" in message
    assert "«Orkland» er med i både «trondelag-sorvest» og «roros»" in message


def test_unknown_network_in_a_year_file(data_dir: Path) -> None:
    year_file = data_dir / "2027.yaml"
    _replace(year_file, "  roros:", "  fjellet:")
    message = _only_problem(data_dir)
    assert f"linje {_line_of(year_file, 'fjellet:')}, felt «networks.fjellet»" in message
    assert "ukjent nettverk «fjellet»" in message


def test_missing_field_and_unknown_field_are_both_reported(data_dir: Path) -> None:
    year_file = data_dir / "2027.yaml"
    _replace(year_file, "fellestiltak: 3000000", "felles_tiltak: 3000000")
    with pytest.raises(DataError) as caught:
        load_region(data_dir)
    found = {(p.field, p.message) for p in caught.value.problems}
    assert found == {("fellestiltak", "mangler"), ("felles_tiltak", "ukjent felt")}


def test_total_too_small_points_at_the_total(data_dir: Path) -> None:
    year_file = data_dir / "2027.yaml"
    _replace(year_file, "total: 18500000", "total: 1000000")
    message = _only_problem(data_dir)
    assert f"linje {_line_of(year_file, 'total: 1000000')}, felt «total»" in message
    assert "Totalbeløpet (kr\u00a01\u00a0000\u00a0000) er mindre" in message


def test_network_without_members_points_at_its_members(data_dir: Path) -> None:
    region_file = data_dir / "region.yaml"
    _replace(region_file, "members: [Røros]", "members: []")
    message = _only_problem(data_dir)
    assert f"linje {_line_of(region_file, 'members: []')}, felt «networks[10].members»" in message
    assert "ingen medlemskommuner" in message


def test_yaml_syntax_error_and_duplicate_keys(data_dir: Path) -> None:
    year_file = data_dir / "2027.yaml"
    _replace(year_file, "\nexample_data: true", "\nexample_data: true\nexample_data: false")
    message = _only_problem(data_dir)
    assert f"linje {_line_of(year_file, 'example_data: false')}" in message
    assert "står mer enn én gang" in message
    _replace(year_file, "weights: {a: 1, b: 1}", "weights: {a: 1, b: 1")
    assert "ugyldig YAML" in _only_problem(data_dir)


def test_year_in_file_must_match_file_name(data_dir: Path) -> None:
    (data_dir / "2027.yaml").rename(data_dir / "2028.yaml")
    message = _only_problem(data_dir)
    assert "2028.yaml, linje" in message
    assert "året 2027 stemmer ikke med filnavnet 2028" in message


def test_check_data_dir_lists_problems_or_nothing(data_dir: Path, tmp_path: Path) -> None:
    assert check_data_dir(DEFAULT_DATA_DIR) == []
    (data_dir / "2027.yml").write_text("year: 2027\n", encoding="utf-8")
    assert check_data_dir(data_dir) == [
        f"{data_dir / '2027.yml'}: ukjent fil: ventet region.yaml og ÅÅÅÅ.yaml"
    ]
    assert check_data_dir(tmp_path / "nowhere") == [
        f"{tmp_path / 'nowhere' / 'region.yaml'}: fila finnes ikke"
    ]


def test_admin_directory_replaces_the_default(data_dir: Path) -> None:
    _replace(data_dir / "2027.yaml", "\nexample_data: true", "\nexample_data: false")
    (data_dir / "2028.yaml").write_text(
        (data_dir / "2027.yaml").read_text(encoding="utf-8").replace("year: 2027", "year: 2028"),
        encoding="utf-8",
    )
    region = load_region(data_dir)
    assert sorted(region.years) == [2027, 2028]
    assert not region.years[2027].example_data


def test_dates_in_a_year_file_are_loaded_and_checked(data_dir: Path) -> None:
    year_file = data_dir / "2027.yaml"
    _replace(
        year_file,
        "  fosen: {elevtall: 4100, barnetall: 1450}",
        "  fosen:\n    {elevtall: 4100, barnetall: 1450, deadlines: {behovsmelding: 2027-01-10}}",
    )
    _replace(year_file, "\nnetworks:", "\ndeadlines: {innstilling: 2027-03-12}\nnetworks:")
    region = load_region(data_dir)
    assert region.years[2027].deadlines == {"innstilling": dt.date(2027, 3, 12)}
    assert region.years[2027].networks["fosen"].deadlines["behovsmelding"] == dt.date(2027, 1, 10)
    _replace(year_file, "2027-03-12", "2027-13-12")
    message = _only_problem(data_dir)
    line = _line_of(year_file, "2027-13-12")
    assert message.endswith(
        f"linje {line}, felt «deadlines.innstilling»: må være en dato (ÅÅÅÅ-MM-DD)"
    )
