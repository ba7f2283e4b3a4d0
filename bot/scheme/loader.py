"""Loading and checking a region's data: `region.yaml` plus one `YYYY.yaml` per grant year.

An administrator replaces the embedded default (Trøndelag) by pointing LAGET_DATA_DIR at a
directory with the same layout; reading that variable is the settings' job, not this module's.
Everything is validated on load: shape and cross-references (`bot.scheme.models`) and whether
each year's money can be distributed (`bot.scheme.money`). Every problem names the file, the line
and the field, in Norwegian; line numbers come from the YAML node tree (`yaml.compose`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.scheme.models import Loc, RegionData, SchemeError
from bot.scheme.money import AllocationError, compute_allocation, describe_difference

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data" / "trondelag"
REGION_FILE = "region.yaml"
_YEAR_FILE = re.compile(r"^(\d{4})\.yaml$")
_MESSAGES = {
    "missing": "mangler",
    "extra_forbidden": "ukjent felt",
    "int_type": "må være et heltall",
    "int_parsing": "må være et heltall",
    "int_from_float": "må være et heltall",
    "bool_type": "må være true eller false",
    "bool_parsing": "må være true eller false",
    "string_type": "må være tekst",
    "string_too_short": "kan ikke være tom",
    "too_short": "kan ikke være tom",
    "greater_than_equal": "må være minst {ge}",
    "less_than_equal": "kan være høyst {le}",
    "string_pattern_mismatch": "kan bare ha små bokstaver a–z, sifre og bindestrek",
    "date_type": "må være en dato (ÅÅÅÅ-MM-DD)",
    "date_parsing": "må være en dato (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "må være en dato (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_inexact": "må være en dato uten klokkeslett (ÅÅÅÅ-MM-DD)",
    "dict_type": "må være en samling felt (nøkkel: verdi)",
    "model_type": "må være en samling felt (nøkkel: verdi)",
    "list_type": "må være en liste",
    "decimal_parsing": "må være et tall",
    "decimal_type": "må være et tall",
}


@dataclass(frozen=True)
class Problem:
    """One problem in a data file; `str()` gives "fil, linje N, felt «x»: melding"."""

    file: Path
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [str(self.file)]
        if self.line is not None:
            where.append(f"linje {self.line}")
        if self.field:
            where.append(f"felt «{self.field}»")
        return f"{', '.join(where)}: {self.message}"


class DataError(SchemeError):
    """The data files are invalid; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


MAX_FILE_BYTES = 1_000_000  # a region's files are a few kilobytes


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so pydantic checks them and a line can be named.

    Aliases (`*name`) are refused: the data files need none, and a chain of a few hundred
    bytes of them expands to a document that takes minutes to build.
    """

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliaser (*navn) er ikke tillatt i datafilene", event.start_mark
            )
        return super().compose_node(parent, index)


@dataclass(frozen=True)
class _Parsed:
    path: Path
    node: yaml.Node


def load_region(data_dir: Path | None = None) -> RegionData:
    """Load and validate a region directory; None means the embedded default (Trøndelag).

    Raises DataError naming file, line and field for every problem found.
    """
    region, _ = _load(DEFAULT_DATA_DIR if data_dir is None else data_dir)
    return region


def _load(directory: Path) -> tuple[RegionData, dict[int | None, _Parsed]]:
    """The region and the parsed files (for line numbers), or DataError."""
    if not (directory / REGION_FILE).is_file():
        raise DataError([Problem(directory / REGION_FILE, None, None, "fila finnes ikke")])
    problems: list[Problem] = []
    parsed: dict[int | None, _Parsed] = {}  # None is region.yaml
    raw: dict[str, Any] = _read(directory / REGION_FILE, None, parsed, problems) or {}
    if "years" in raw:
        problems.append(_locate(("years",), "ukjent felt", parsed))
    years: dict[int, Any] = {}
    for path in sorted(directory.iterdir()):
        match = _YEAR_FILE.match(path.name)
        if match:
            years[int(match[1])] = _read(path, int(match[1]), parsed, problems)
        elif path.suffix in {".yaml", ".yml"} and path.name != REGION_FILE:
            problems.append(
                Problem(path, None, None, "ukjent fil: ventet region.yaml og ÅÅÅÅ.yaml")
            )
    if None not in parsed:  # region.yaml itself could not be read: nothing to check it against
        raise DataError(problems)
    # The files that could be read are still checked, so one run names every problem.
    readable = {year: data for year, data in years.items() if data is not None}
    try:
        region = RegionData.model_validate({**raw, "years": readable})
    except ValidationError as error:
        raise DataError([*problems, *(_from_pydantic(e, parsed) for e in error.errors())]) from None
    if problems:
        raise DataError(problems)
    for year in region.years:
        try:
            compute_allocation(region, year)
        except AllocationError as error:
            problems.append(_locate(error.path, str(error), parsed))
    if problems:
        raise DataError(problems)
    return region, parsed


def check_data_dir(data_dir: Path) -> list[str]:
    """Every problem in a data directory, as Norwegian lines (empty when it is valid).

    Beyond what stops the bot at start, a year whose decided frames (`decided_ramme`, with the
    estimates for the other networks) do not add up to what is distributed is a problem: the
    bot still starts, but says by how much in every frame answer.
    """
    try:
        region, parsed = _load(data_dir)
    except DataError as error:
        return [str(problem) for problem in error.problems]
    return [str(problem) for problem in _unbalanced(region, parsed)]


def _unbalanced(region: RegionData, parsed: dict[int | None, _Parsed]) -> list[Problem]:
    """One problem per year file whose frames shown miss the pool, at its first decided frame."""
    found = []
    for year, data in sorted(region.years.items()):
        sentence = describe_difference(compute_allocation(region, year))
        decided = [n for n in region.network_ids if data.networks[n].decided_ramme is not None]
        if sentence is None or not decided:
            continue
        if len(decided) == len(region.networks):
            message = f"{sentence} Fila har vedtatt ramme for alle nettverkene."
        else:
            *most, last = [region.network(n).name for n in decided]
            names = f"{', '.join(most)} og {last}" if most else last
            message = f"{sentence} Fila har vedtatt ramme for {names}; de andre er estimert."
        found.append(
            _locate(("years", year, "networks", decided[0], "decided_ramme"), message, parsed)
        )
    return found


def _read(
    path: Path, year: int | None, parsed: dict[int | None, _Parsed], problems: list[Problem]
) -> Any:
    """Parse one YAML file, keeping its node tree for line numbers."""
    text = _text(path, problems)
    if text is None:
        return None
    try:
        loader = _Loader(text)
    except yaml.YAMLError as error:  # the reader: NUL bytes and other characters YAML refuses
        position: int = getattr(error, "position", 0) or 0
        where = text[:position].count("\n") + 1
        problems.append(Problem(path, where, None, "fila inneholder tegn som YAML ikke tillater"))
        return None
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(path, None, None, "fila er tom"))
            return None
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = None if mark is None else mark.line + 1
        problems.append(Problem(path, line, None, f"ugyldig YAML: {error.problem or error}"))
        return None
    finally:
        loader.dispose()
    parsed[year] = _Parsed(path, node)
    if not isinstance(data, dict):
        problems.append(Problem(path, 1, None, "fila må være en samling felt (nøkkel: verdi)"))
        return None
    problems.extend(_duplicate_keys(path, node, ()))
    return data


def _text(path: Path, problems: list[Problem]) -> str | None:
    """A data file's text, or None with the reason among the problems."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(path, None, None, f"kan ikke lese fila ({error.strerror})"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(path, None, None, f"fila er større enn {MAX_FILE_BYTES} byte"))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(Problem(path, line, None, "fila må være lagret som UTF-8"))
        return None


def _duplicate_keys(path: Path, node: yaml.Node, loc: Loc) -> list[Problem]:
    found: list[Problem] = []
    children: list[tuple[str | int, yaml.Node]] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                where = _field((*loc, name))
                found.append(Problem(path, key.start_mark.line + 1, where, "står mer enn én gang"))
            seen.add(name)
            children.append((name, value))
    elif isinstance(node, yaml.SequenceNode):
        children = list(enumerate(node.value))
    for part, child in children:
        found.extend(_duplicate_keys(path, child, (*loc, part)))
    return found


def _from_pydantic(error: ErrorDetails, parsed: dict[int | None, _Parsed]) -> Problem:
    ctx = error.get("ctx") or {}
    if error["type"] == "laget":
        return _locate((*error["loc"], *ctx["path"]), str(ctx["message"]), parsed)
    template = _MESSAGES.get(error["type"])
    message = template.format(**ctx) if template else f"ugyldig verdi ({error['msg']})"
    return _locate(error["loc"], message, parsed)


def _locate(loc: Loc, message: str, parsed: dict[int | None, _Parsed]) -> Problem:
    """Map a path in RegionData to the file, line and field it came from."""
    year = loc[1] if len(loc) > 1 and loc[0] == "years" else None
    if isinstance(year, int) and year in parsed:
        source, loc = parsed[year], loc[2:]
    else:
        source = parsed[None]
    node, line = source.node, source.node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if str(k.value) == str(part)]
            if not match:
                break
            line, node = match[0][0].start_mark.line + 1, match[0][1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return Problem(source.path, line, _field(loc) or None, message)


def _field(loc: Loc) -> str:
    """A readable field path: ("networks", 2, "members") → "networks[2].members"."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text
