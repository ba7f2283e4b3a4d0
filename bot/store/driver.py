"""The turn's few statements on the database driver, through the engine's own pool.

SQLAlchemy's async layer costs about 0.3-0.4 ms of CPU for each statement (a greenlet switch
or two, the compiled-statement cache, result processing, and on SQLite a hop to aiosqlite's
thread and back), where the drivers need 0.01-0.04 ms. The statements every turn runs (reading
and writing bot state, logging the question, the conversation lock on PostgreSQL) are few and
fixed, so they are written here in plain SQL and run on the driver's connection. The connection
is checked out from the SQLAlchemy engine's pool: pool limits, the one-connection rule on SQLite
and the pool's clean-up are the same as for every other statement.

- SQLite: a unit of work that writes runs on the pool's sqlite3 connection itself (aiosqlite's
  thread is idle while the connection is checked out), whole, in a worker thread, in one hop:
  its commit waits for the disk, and that wait must not stop the event loop. Reads run on the
  event loop on a read-only connection of their own (in WAL mode a reader neither waits for
  the writer nor holds it up), with a busy timeout of 0: should the file be busy, the read
  runs on the pool's connection in a worker thread instead, so the event loop never sleeps in
  SQLite's busy handler.
- PostgreSQL: asyncpg's connection directly. A turn holds its conversation's advisory lock on
  a connection for the whole turn (`bot.store.locks`); the turn's own statements run on that
  connection, so a turn checks out one connection, not one per statement. No pre-ping on
  checkout: a connection that turns out to be dead (the server restarted) makes the pool start
  afresh and the unit of work runs once more on a new connection.

A unit of work is an async function of `Statements`; `write=True` runs it in one transaction
(committed when it returns, rolled back when it raises).
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy.ext.asyncio import AsyncEngine

T = TypeVar("T")
Row = tuple[Any, ...]

_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_PLACEHOLDER = re.compile(r"\?")


class Statements(Protocol):
    """What a unit of work may do: `?` placeholders, positional parameters."""

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """The rows of a query (or of an INSERT … RETURNING)."""

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a statement; how many rows it changed."""


Work = Callable[[Statements], Awaitable[T]]


class Driver:
    """Runs units of work on the driver connection of an engine's pool."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self.dialect = engine.dialect.name
        self._numbered: dict[str, str] = {}
        self._database = engine.url.render_as_string(hide_password=False)

    async def run(self, work: Work[T], *, write: bool = False) -> T:
        """Run `work` on one connection (in one transaction when `write`)."""
        if self.dialect == "sqlite":
            return await self._run_sqlite(work, write)
        if self.dialect == "postgresql":
            return await self._run_postgresql(work, write)
        raise RuntimeError(f"no driver path for {self.dialect}")  # pragma: no cover

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """One query on its own."""

        async def query(statements: Statements) -> list[Row]:
            return await statements.fetch(sql, params)

        return await self.run(query)

    # SQLite -------------------------------------------------------------------------------

    async def _run_sqlite(self, work: Work[T], write: bool) -> T:
        reader = None if write else sqlite_reader(self._engine)
        if reader is not None:
            try:
                return _complete(_sqlite_attempt(_Sqlite(reader), work, False))
            except sqlite3.OperationalError as error:
                if error.sqlite_errorcode not in _BUSY_CODES:
                    raise
            # Another connection is recovering or resetting the log: read on the pool's
            # connection, waiting in a worker thread.
        async with self._engine.connect() as connection:
            fairy = await connection.get_raw_connection()
            adapted: Any = fairy.driver_connection
            raw = adapted._conn  # noqa: SLF001 (aiosqlite's sqlite3 connection)
            # A commit waits for the disk (fsync): in a worker thread, in one hop.
            return await asyncio.to_thread(_complete, _sqlite_attempt(_Sqlite(raw), work, write))

    # PostgreSQL ---------------------------------------------------------------------------

    @asynccontextmanager
    async def holding(self, sql: str, params: Sequence[Any] = ()) -> AsyncIterator[Statements]:
        """A PostgreSQL connection kept for the block, outside any transaction, after `sql` ran
        on it (on a fresh connection if the pooled one turned out to be dead)."""
        for attempt in (1, 2):
            async with self._engine.connect() as connection:
                fairy = await connection.get_raw_connection()
                driver: Any = fairy.driver_connection
                statements = _AsyncPg(driver, self._numbered)
                try:
                    await statements.fetch(sql, params)
                except _gone():
                    if attempt == 2:
                        raise
                    fairy.invalidate()
                    await self._engine.dispose(close=False)
                    continue
                token = _HELD.set(_Held(self._database, driver, asyncio.current_task()))
                try:
                    yield statements
                finally:
                    _HELD.reset(token)
                return

    async def _run_postgresql(self, work: Work[T], write: bool) -> T:
        held = _HELD.get()
        mine = held is not None and held.task is asyncio.current_task()
        if held is not None and mine and held.database == self._database:
            statements = _AsyncPg(held.connection, self._numbered)  # the turn's: no checkout
            if not write:
                return await work(statements)
            async with held.connection.transaction():
                return await work(statements)
        gone = _gone()
        for attempt in (1, 2):
            async with self._engine.connect() as connection:
                fairy = await connection.get_raw_connection()
                driver: Any = fairy.driver_connection
                try:
                    statements = _AsyncPg(driver, self._numbered)
                    if not write:
                        return await work(statements)
                    async with driver.transaction():
                        return await work(statements)
                except gone:
                    if attempt == 2:
                        raise
                    # The server dropped the connection (a restart): start the pool afresh.
                    fairy.invalidate()
                    await self._engine.dispose(close=False)
        raise AssertionError("unreachable")  # pragma: no cover


class Rows:
    """One table's whole rows on the driver, as SQLAlchemy would read and write them: the
    quoted names, and SQLAlchemy's own conversion of each column's values both ways (dates as
    text on SQLite, UTC datetimes, booleans), made once per dialect."""

    def __init__(self, table: Any, dialect: Any) -> None:
        self._quote = dialect.identifier_preparer.quote
        columns = list(table.c)
        self.table = self._quote(table.name)
        self.columns = ", ".join(self._quote(column.name) for column in columns)
        self._names = [column.name for column in columns]
        self._convert = [
            (index, process)
            for index, column in enumerate(columns)
            if (process := column.type.dialect_impl(dialect).result_processor(dialect, None))
        ]
        self._binders = {column.name: binder(column, dialect) for column in columns}

    def row(self, values: Row) -> dict[str, Any]:
        """A fetched row (every column, in table order) by column name."""
        converted = list(values)
        for index, process in self._convert:
            converted[index] = process(converted[index])
        return dict(zip(self._names, converted, strict=True))

    def bind(self, name: str, value: Any) -> Any:
        """A value for column `name` as the driver takes it (an enum by its value)."""
        return self._binders[name](value.value if isinstance(value, Enum) else value)

    def assignments(self, names: Sequence[str]) -> str:
        """`"a" = ?, "b" = ?` for an UPDATE's SET."""
        return ", ".join(f"{self._quote(name)} = ?" for name in names)

    def placeholders(self, names: Sequence[str]) -> str:
        """`("a", "b") VALUES (?, ?)` for an INSERT."""
        quoted = ", ".join(self._quote(name) for name in names)
        return f"({quoted}) VALUES ({', '.join('?' * len(names))})"


class RowQuery:
    """A SELECT of whole rows of one table, made once per dialect (`where` with `?`
    placeholders); rows come back as SQLAlchemy would return them."""

    def __init__(self, table: Any, where: str, dialect: Any, *, order_by: str = "") -> None:
        self._rows = Rows(table, dialect)
        self.sql = f"SELECT {self._rows.columns} FROM {self._rows.table} WHERE {where}" + (
            f" ORDER BY {order_by}" if order_by else ""
        )

    async def rows(self, driver: Driver, params: Sequence[Any]) -> list[dict[str, Any]]:
        """The rows, by column name."""
        return [self._rows.row(row) for row in await driver.fetch(self.sql, params)]


def binder(column: Any, dialect: Any) -> Callable[[Any], Any]:
    """How SQLAlchemy turns a Python value into `column`'s value for the driver (a datetime
    becomes text on SQLite, for one)."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return cast("Callable[[Any], Any]", process) if process else _same


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class _Held:
    """The connection a turn holds its conversation's lock on (`Driver.holding`), which that
    turn's own statements use too; no other task may (one asyncpg operation at a time)."""

    database: str
    connection: Any
    task: asyncio.Task[Any] | None


_HELD: ContextVar[_Held | None] = ContextVar("laget_turn_connection", default=None)

_READERS: weakref.WeakKeyDictionary[Any, sqlite3.Connection | None] = weakref.WeakKeyDictionary()


def sqlite_reader(engine: AsyncEngine) -> sqlite3.Connection | None:
    """The engine's read-only connection to its SQLite file, opened once (None in memory).

    In WAL mode a reader neither waits for the writer nor holds it up, so reads run on the
    event loop on a connection of their own, without a checkout from the pool (whose one
    connection writes). A busy timeout of 0: should the file be busy, the caller reads the
    pool's way instead.
    """
    key = engine.sync_engine
    if key in _READERS:
        return _READERS[key]
    database = engine.url.database
    reader = None
    if database and database != ":memory:" and not database.startswith("file:"):
        reader = sqlite3.connect(database, check_same_thread=False, isolation_level=None)
        reader.execute("PRAGMA busy_timeout=0")
        reader.execute("PRAGMA query_only=ON")
    _READERS[key] = reader
    return reader


def _gone() -> tuple[type[BaseException], ...]:
    """The errors of a connection the server no longer has."""
    from asyncpg.exceptions import (  # type: ignore[import-untyped]  # noqa: PLC0415
        ConnectionDoesNotExistError,
        InterfaceError,
        InternalClientError,
        PostgresConnectionError,
    )

    # InternalClientError: a connection whose server went away while asyncpg had not yet
    # noticed ("cannot switch to state …").
    return (
        OSError,
        ConnectionDoesNotExistError,
        InterfaceError,
        InternalClientError,
        PostgresConnectionError,
    )


async def _sqlite_attempt(statements: _Sqlite, work: Work[T], write: bool) -> T:
    if write:
        await statements.begin()
    try:
        result = await work(statements)
    except BaseException:
        await statements.rollback()
        raise
    if write:
        await statements.commit()
    return result


class _Sqlite:
    """The sqlite3 connection itself: its methods never suspend, so a unit of work on it runs
    to the end in one step, on the event loop or, through `_complete`, in a worker thread."""

    def __init__(self, raw: sqlite3.Connection) -> None:
        self._raw = raw

    async def begin(self) -> None:
        self._raw.execute("BEGIN IMMEDIATE")

    async def commit(self) -> None:
        self._raw.execute("COMMIT")

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self._raw.execute(sql, params).fetchall()

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._raw.execute(sql, params).rowcount

    async def rollback(self) -> None:
        if self._raw.in_transaction:
            self._raw.execute("ROLLBACK")


def _complete(step: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine that never suspends (a unit of work on `_Sqlite`) to its end."""
    try:
        step.send(None)
    except StopIteration as done:
        return cast("T", done.value)
    step.close()
    raise RuntimeError("a SQLite unit of work waited for something other than SQLite")


class _AsyncPg:
    def __init__(self, connection: Any, numbered: dict[str, str]) -> None:
        self._connection = connection
        self._numbered = numbered

    def _sql(self, sql: str) -> str:
        numbered = self._numbered.get(sql)
        if numbered is None:
            counter = iter(range(1, sql.count("?") + 1))
            numbered = _PLACEHOLDER.sub(lambda _match: f"${next(counter)}", sql)
            self._numbered[sql] = numbered
        return numbered

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return [tuple(row) for row in await self._connection.fetch(self._sql(sql), *params)]

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        status = await self._connection.execute(self._sql(sql), *params)
        last = str(status).rsplit(" ", 1)[-1]
        return int(last) if last.isdigit() else 0
