"""Reading a counts CSV (elevtall, barnetall per municipality or network) for one region.

Columns, by header (case and order free, `;` or `,` as separator, as Excel writes them):
`kommune` or `nettverk`, `elevtall`, `barnetall`. Municipality rows roll up to their network;
a network given by municipalities must have every member municipality, so a frame is never
computed from part of a network. The result is all or nothing: any problem, and every problem
is reported with its line number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.scheme.loader import Problem
from bot.scheme.models import RegionData, normalise_name
from bot.scheme.numbers import parse_whole_number

PLACE_COLUMNS = ("kommune", "nettverk")
COUNT_COLUMNS = ("elevtall", "barnetall")

MAX_COUNT = 1_000_000  # pupils or children in one network: far above any real count


@dataclass(frozen=True)
class NetworkCounts:
    """A network's summed counts from the file."""

    elevtall: int
    barnetall: int


def parse_counts_csv(
    path: Path, region: RegionData
) -> tuple[dict[str, NetworkCounts], list[Problem]]:
    """The counts per network id, or every problem found (then the counts are empty)."""
    text, problem = _read_text(path)
    if text is None:
        return {}, [problem] if problem else []
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if ";" in first else ",")
    header_problems, headers = _headers(path, list(reader.fieldnames or []))
    place = next((c for c in PLACE_COLUMNS if c in headers), None)
    missing = [c for c in COUNT_COLUMNS if c not in headers] + ([] if place else ["kommune"])
    if missing:
        header_problems.append(Problem(path, 1, None, f"mangler kolonne: {', '.join(missing)}"))
    if header_problems or place is None:
        return {}, header_problems

    problems: list[Problem] = []
    rows: dict[str, dict[str, tuple[int, int]]] = {}  # network id -> place key -> counts
    first_line: dict[str, int] = {}
    for number, row in _rows(reader, path, problems):
        cells = {key: (row.get(name) or "").strip() for key, name in headers.items()}
        if not any(cells.values()):
            continue  # a blank line
        found = _row(path, number, place, cells, region)
        if isinstance(found, list):
            problems += found
            continue
        network_id, key, counts = found
        mine = rows.setdefault(network_id, {})
        if key in mine:
            problems.append(Problem(path, number, place, f"«{cells[place]}» står mer enn én gang"))
            continue
        if mine and (key == WHOLE or WHOLE in mine):
            whole = region.network(network_id).name
            message = f"tall for hele «{whole}» og for kommunene i det kan ikke blandes"
            problems.append(Problem(path, number, place, message))
            continue
        mine[key] = counts
        first_line.setdefault(network_id, number)

    for network_id, mine in rows.items():
        network = region.network(network_id)
        absent = [m for m in network.members if WHOLE not in mine and normalise_name(m) not in mine]
        if absent:
            message = f"mangler tall for {', '.join(absent)} i «{network.name}»"
            problems.append(Problem(path, first_line[network_id], place, message))
    if problems:
        return {}, problems
    return {
        network_id: NetworkCounts(
            sum(e for e, _ in mine.values()), sum(b for _, b in mine.values())
        )
        for network_id, mine in rows.items()
    }, []


WHOLE = "*"  # the place key of a row that gives a whole network
MAX_FILE_BYTES = 5_000_000  # a county's counts are a few kilobytes


def _read_text(path: Path) -> tuple[str | None, Problem | None]:
    """The file's text with any line endings as \\n, or the problem that stops reading it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, Problem(path, None, None, f"kan ikke lese filen ({error.strerror})")
    if len(raw) > MAX_FILE_BYTES:
        return None, Problem(path, None, None, f"filen er større enn {MAX_FILE_BYTES} byte")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, Problem(path, line, None, "filen må være lagret som UTF-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, Problem(path, line, None, "filen inneholder NUL-tegn (er det en CSV-fil?)")
    return text, None


def _headers(path: Path, names: list[str]) -> tuple[list[Problem], dict[str, str]]:
    """Folded header -> header as written; a repeated or unknown column is a problem."""
    problems: list[Problem] = []
    headers: dict[str, str] = {}
    for name in names:
        key = (name or "").strip().casefold()
        shown = key if len(key) <= 40 else key[:40] + "…"
        if key in headers:
            problems.append(Problem(path, 1, shown, "kolonnen står mer enn én gang"))
        elif key not in (*PLACE_COLUMNS, *COUNT_COLUMNS):
            problems.append(Problem(path, 1, shown or "(tom)", "ukjent kolonne"))
        else:
            headers[key] = name
    return problems, headers


def _rows(
    reader: csv.DictReader[str], path: Path, problems: list[Problem]
) -> Iterator[tuple[int, dict[str, str]]]:
    """The data lines with their line numbers; a line CSV cannot read is a problem."""
    while True:
        read = reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:  # a field over the csv module's limit: the reader goes on after it
            message = "linjen kan ikke leses som CSV (et altfor langt felt)"
            problems.append(Problem(path, read + 1, None, message))
            continue
        yield reader.line_num, row


def _row(
    path: Path, number: int, place: str, cells: dict[str, str], region: RegionData
) -> tuple[str, str, tuple[int, int]] | list[Problem]:
    """One line: (network id, place key, (elevtall, barnetall)) or its problems."""
    problems: list[Problem] = []
    values: list[int] = []
    for column in COUNT_COLUMNS:
        raw = cells[column]
        value = parse_whole_number(raw)
        if value is None:
            shown = raw if len(raw) <= 40 else raw[:40] + "…"
            problems.append(Problem(path, number, column, f"«{shown}» er ikke et helt tall ≥ 0"))
        elif value > MAX_COUNT:
            problems.append(
                Problem(
                    path, number, column, f"{value} er mer enn {MAX_COUNT} (ikke et rimelig tall)"
                )
            )
        else:
            values.append(value)
    name = cells[place]
    network = region.find_network(name) if name else None
    if network is None:
        problems.append(Problem(path, number, place, f"kjenner ikke «{name}» i {region.name}"))
    if problems or network is None:
        return problems
    key = normalise_name(name)
    if key in {normalise_name(n) for n in (network.name, network.id, *network.aliases)}:
        key = WHOLE
    return network.id, key, (values[0], values[1])
