"""Helpers for the trust tests: valid national identity numbers written as people write them,
and a look into every stored text and every log line for them."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import strategies as st
from sqlalchemy import String, Text, select

from bot.logs import JsonFormatter, quiet_libraries
from bot.scheme.privacy import is_national_id
from bot.settings import Settings
from bot.store import reminder_tables  # noqa: F401  (every table is looked into)
from bot.store.db import create_engine
from bot.store.tables import metadata

_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
SEPARATORS = [" ", "-", ".", "/", " - ", "\u00a0", "\u2009", "  ", "_"]
INVISIBLE = ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u200d"]
SCRIPTS = ["0123456789", "０１２３４５６７８９", "٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "⁰¹²³⁴⁵⁶⁷⁸⁹"]


def _check(digits: list[int], weights: tuple[int, ...]) -> int | None:
    check = (11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11) % 11
    return None if check == 10 else check


@st.composite
def national_ids(draw: st.DrawFn) -> str:
    """A number with valid check digits (fødselsnummer-, D- or H-nummer-shaped)."""
    day = draw(st.integers(1, 28)) + draw(st.sampled_from([0, 40]))  # D-nummer adds 40
    month = draw(st.integers(1, 12)) + draw(st.sampled_from([0, 40]))  # H-nummer adds 40
    rest = draw(st.integers(0, 99_999))
    digits = [int(c) for c in f"{day:02d}{month:02d}{rest:05d}"]
    k1 = _check(digits, _K1)
    if k1 is None:
        digits[8] = (digits[8] + 1) % 10
        k1 = _check(digits, _K1)
    if k1 is None:
        return "01019000083"  # rare: a known valid number
    digits.append(k1)
    k2 = _check(digits, _K2)
    if k2 is None:
        return "01019000083"
    number = "".join(map(str, digits)) + str(k2)
    assert is_national_id(number)
    return number


@st.composite
def spellings(draw: st.DrawFn) -> tuple[str, str]:
    """(the number, the number as someone might write it inside a sentence)."""
    number = draw(national_ids())
    cuts = sorted(draw(st.sets(st.integers(1, 10), max_size=4)))
    groups = [number[a:b] for a, b in zip([0, *cuts], [*cuts, 11], strict=True)]
    written = groups[0]
    for group in groups[1:]:
        written += draw(st.sampled_from(SEPARATORS)) + group
    if draw(st.booleans()):
        at = draw(st.integers(1, len(written) - 1))
        written = written[:at] + draw(st.sampled_from(INVISIBLE)) + written[at:]
    script = draw(st.sampled_from(SCRIPTS))
    written = written.translate(str.maketrans("0123456789", script))
    before = draw(st.sampled_from(["Eleven har fnr. ", "", "Gjelder ", "Se ", "Barnet ("]))
    after = draw(st.sampled_from([" og trenger hjelp.", "", ").", ", takk!"]))
    return number, before + written + after


def digits_in(text: str) -> str:
    """Every decimal digit of a text, in order, as ASCII (separators and scripts ignored)."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(str(d) for c in folded if (d := unicodedata.decimal(c, None)) is not None)


async def stored_texts(settings: Settings) -> list[str]:
    """Every text value in every table of the database."""
    engine = create_engine(settings.database_url)
    found: list[str] = []
    try:
        async with engine.connect() as connection:
            for table in metadata.sorted_tables:
                columns = [c for c in table.columns if isinstance(c.type, String | Text)]
                if not columns:
                    continue
                rows = (await connection.execute(select(*columns))).all()
                found += [str(value) for row in rows for value in row if value is not None]
    finally:
        await engine.dispose()
    return found


class LogLines(logging.Handler):
    """Every log record of the app, formatted as it is written."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def log_lines() -> Iterator[LogLines]:
    """The app's log as JSON lines, at DEBUG, for the duration of a test."""
    handler = LogLines()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)  # as LAGET_LOG_LEVEL=DEBUG: the most Laget ever logs
    quiet_libraries()
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
