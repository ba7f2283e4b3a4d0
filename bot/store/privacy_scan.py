"""Finding (and redacting) national identity numbers already stored, in every text column.

The door refuses them today, but text stored before the guard knew a spelling may hold one.
Each text column of each table is read; a value that is JSON is looked into string by string
(a number may be stored escaped there), and redacted the same way, so it stays valid JSON.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, Table, Text, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.scheme.privacy import contains_national_id, redact_national_ids
from bot.store import reminder_tables  # noqa: F401  (their text is scanned too)
from bot.store.tables import metadata

BATCH = 500


@dataclass(frozen=True)
class Finding:
    """Where a number stands: a table, a row (its key) and a column. Never the text."""

    table: str
    key: tuple[Any, ...]  # the row's primary key
    column: str

    @property
    def row(self) -> str:
        """The row's key as shown."""
        return "/".join(str(part) for part in self.key)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _redact(value: Any) -> Any:
    if isinstance(value, str):
        return redact_national_ids(value)
    if isinstance(value, dict):
        return {_redact(k): _redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(item) for item in value]
    return value


def _as_json(text: str) -> Any:
    if text[:1] not in ("{", "["):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def holds_id(text: str) -> bool:
    """True when the stored text, or any string in it if it is JSON, holds a number."""
    if contains_national_id(text):
        return True
    decoded = _as_json(text)
    return decoded is not None and any(contains_national_id(s) for s in _strings(decoded))


def redacted(text: str) -> str:
    """The stored text with every number replaced (JSON stays JSON)."""
    decoded = _as_json(text)
    if decoded is None:
        return redact_national_ids(text)
    return json.dumps(_redact(decoded), ensure_ascii=False)


def _text_tables() -> list[tuple[Table, list[Any], list[Any]]]:
    found = []
    for table in metadata.sorted_tables:
        texts = [
            c for c in table.columns if isinstance(c.type, String | Text) and not c.primary_key
        ]
        keys = list(table.primary_key.columns)
        if texts and keys:
            found.append((table, keys, texts))
    return found


async def scan(engine: AsyncEngine) -> AsyncIterator[Finding]:
    """Every stored text that holds a national identity number, table by table."""
    for table, keys, columns in _text_tables():
        offset = 0
        while True:
            query = select(*keys, *columns).order_by(*keys).limit(BATCH).offset(offset)
            async with engine.connect() as connection:
                rows = (await connection.execute(query)).all()
            for row in rows:
                key = tuple(row[i] for i in range(len(keys)))
                for index, column in enumerate(columns, start=len(keys)):
                    value = row[index]
                    if isinstance(value, str) and holds_id(value):
                        yield Finding(table.name, key, column.name)
            if len(rows) < BATCH:
                break
            offset += BATCH


async def redact(engine: AsyncEngine, finding: Finding) -> bool:
    """Replace the numbers in one finding's text; False if it no longer holds one."""
    table = metadata.tables[finding.table]
    keys = list(table.primary_key.columns)
    row = [key == part for key, part in zip(keys, finding.key, strict=True)]
    column = table.columns[finding.column]
    async with engine.begin() as connection:
        current = (await connection.execute(select(column).where(*row))).scalar_one_or_none()
        if not isinstance(current, str) or not holds_id(current):
            return False
        await connection.execute(update(table).where(*row).values({column.name: redacted(current)}))
    return True
