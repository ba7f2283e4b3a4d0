"""Stored beslutningsgrunnlag and reports: one per network and year, every version kept, sent once.

The same repository keeps both kinds of document, each in its own pair of tables
(`BASIS_TABLES`, `REPORT_TABLES`).

Each change bumps `version`, and every write names the version it was made from, so a stale
button or a second editor changes nothing by accident (`WriteOutcome.STALE`); the service then
merges (see `bot.decision_basis.service`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.decision_basis.form import empty_document
from bot.decision_basis.model import (
    BasisVersion,
    Editor,
    SentNeed,
    Status,
    StoredBasis,
    WriteOutcome,
    reference_for,
)
from bot.store.driver import Driver, RowQuery
from bot.store.tables import (
    decision_bases,
    decision_basis_history,
    needs_reports,
    report_history,
    reports,
)


@dataclass(frozen=True)
class DocumentTables:
    """Where one kind of document lives: its table, its history, and its reference prefix."""

    table: Table
    history: Table
    key: str  # the history's column naming the document
    prefix: str


BASIS_TABLES = DocumentTables(decision_bases, decision_basis_history, "basis_id", "BG")
REPORT_TABLES = DocumentTables(reports, report_history, "report_id", "RP")


class DecisionBases:
    """The repository of beslutningsgrunnlag (or, given REPORT_TABLES, of reports)."""

    def __init__(self, engine: AsyncEngine, tables: DocumentTables = BASIS_TABLES) -> None:
        self._engine = engine
        self._tables = tables
        self._driver = Driver(engine)
        self._find = RowQuery(tables.table, "network_id = ? AND year = ?", engine.dialect)

    async def open(
        self,
        network_id: str,
        year: int,
        editor: Editor,
        initial: dict[str, Any] | None = None,
    ) -> StoredBasis:
        """The network's document for the year, made (from `initial`, else empty) if new."""
        found = await self.find(network_id, year)
        if found is not None:
            return found
        now = datetime.now(UTC)
        document = initial if initial is not None else empty_document()
        table = self._tables.table
        async with self._engine.begin() as connection:
            dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
            result = await connection.execute(
                dialect.insert(table)
                .values(
                    network_id=network_id,
                    year=year,
                    status=Status.DRAFT,
                    version=1,
                    document=_json(document),
                    created_at=now,
                    updated_at=now,
                )
                .on_conflict_do_nothing()
                .returning(table.c.id)
            )
            made = result.scalar_one_or_none()
            if made is not None:
                await self._history(
                    connection, made, version=1, action="created", editor=editor, document=document
                )
        found = await self.find(network_id, year)
        if found is None:
            raise LookupError(f"decision basis for {network_id} {year} vanished after creation")
        return found

    async def get(self, basis_id: int) -> StoredBasis | None:
        """One document by id."""
        found = await self._many(self._tables.table.c.id == basis_id)
        return found[0] if found else None

    async def find(self, network_id: str, year: int) -> StoredBasis | None:
        """The network's document for the year, if one was started (read for every frame
        question: on the driver, `bot.store.driver`)."""
        found = await self._find.rows(self._driver, (network_id, year))
        return _basis(found[0]) if found else None

    async def in_year(self, year: int) -> list[StoredBasis]:
        """Every document of a grant year."""
        return await self._many(self._tables.table.c.year == year)

    async def save(
        self, basis_id: int, version: int, document: dict[str, Any], *, editor: Editor, action: str
    ) -> WriteOutcome:
        """Store a new version if the document is still at `version`."""
        values = {"document": _json(document), "updated_at": datetime.now(UTC)}
        return await self._conditional(
            basis_id, version=version, values=values, editor=editor, action=action, condition=None
        )

    async def send(
        self,
        basis_id: int,
        version: int,
        *,
        editor: Editor,
        late: bool,
        now: datetime | None = None,
    ) -> tuple[WriteOutcome, StoredBasis | None]:
        """Send a draft exactly once (at `now`, the service's clock; the real one if not
        given); a second press answers ALREADY with the sent document."""
        basis = await self.get(basis_id)
        if basis is None:
            return WriteOutcome.MISSING, None
        if basis.status is Status.SENT:
            return WriteOutcome.ALREADY, basis
        now = (now or datetime.now(UTC)).astimezone(UTC)
        values = {
            "status": Status.SENT,
            "reference": reference_for(basis_id, basis.year, self._tables.prefix),
            "late": late,
            "sent_at": now,
            "updated_at": now,
        }
        outcome = await self._conditional(
            basis_id,
            version=version,
            values=values,
            editor=editor,
            action="sent",
            condition=self._tables.table.c.status == Status.DRAFT,
        )
        fresh = await self.get(basis_id)
        if outcome is WriteOutcome.STALE and fresh is not None and fresh.status is Status.SENT:
            return WriteOutcome.ALREADY, fresh
        return outcome, fresh

    async def version(self, basis_id: int, version: int) -> dict[str, Any] | None:
        """The document as it was at `version`."""
        history = self._tables.history
        query = select(history.c.document).where(
            (history.c[self._tables.key] == basis_id) & (history.c.version == version)
        )
        async with self._engine.connect() as connection:
            found = (await connection.execute(query)).scalar_one_or_none()
        return None if found is None else dict(json.loads(found))

    async def history(self, basis_id: int) -> list[BasisVersion]:
        """Every kept version, oldest first."""
        history = self._tables.history
        query = (
            select(history)
            .where(history.c[self._tables.key] == basis_id)
            .order_by(history.c.version)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [
            BasisVersion(
                row["version"],
                row["action"],
                row["actor_name"],
                row["at"],
                json.loads(row["document"]),
            )
            for row in rows
        ]

    async def sent_needs(self, network_id: str, year: int) -> Iterable[SentNeed]:
        """Owner and topics of the network's sent behovsmeldinger (for the coverage check)."""
        query = select(
            needs_reports.c.owner, needs_reports.c.answers, needs_reports.c.reference
        ).where(
            (needs_reports.c.network_id == network_id)
            & (needs_reports.c.year == year)
            & (needs_reports.c.status == "submitted")
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        needs = []
        for owner, answers, reference in rows:
            topics = json.loads(answers).get("topics", [])
            needs.append(SentNeed(owner, tuple(str(t) for t in topics), reference or ""))
        return needs

    async def _conditional(
        self,
        basis_id: int,
        *,
        version: int,
        values: dict[str, Any],
        editor: Editor,
        action: str,
        condition: Any,
    ) -> WriteOutcome:
        table = self._tables.table
        statement = (
            update(table)
            .where(table.c.id == basis_id)
            .where(table.c.version == version)
            .values(**values, version=version + 1)
        )
        if condition is not None:
            statement = statement.where(condition)
        async with self._engine.begin() as connection:
            result = await connection.execute(statement)
            if result.rowcount != 1:
                return WriteOutcome.STALE
            document = (
                await connection.execute(select(table.c.document).where(table.c.id == basis_id))
            ).scalar_one()
            await self._history(
                connection,
                basis_id,
                version=version + 1,
                action=action,
                editor=editor,
                document=json.loads(document),
            )
        return WriteOutcome.DONE

    async def _many(self, condition: Any) -> list[StoredBasis]:
        table = self._tables.table
        query = select(table).where(condition).order_by(table.c.network_id)
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [_basis(row) for row in rows]

    async def _history(
        self,
        connection: AsyncConnection,
        basis_id: int,
        *,
        version: int,
        action: str,
        editor: Editor,
        document: dict[str, Any],
    ) -> None:
        await connection.execute(
            insert(self._tables.history).values(
                **{self._tables.key: basis_id},
                version=version,
                action=action,
                actor_id=editor.id,
                actor_name=editor.name,
                document=_json(document),
                at=datetime.now(UTC),
            )
        )


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False)


def _basis(row: Any) -> StoredBasis:
    return StoredBasis(
        id=row["id"],
        network_id=row["network_id"],
        year=row["year"],
        status=Status(row["status"]),
        version=row["version"],
        document=json.loads(row["document"]),
        reference=row["reference"],
        late=bool(row["late"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        sent_at=row["sent_at"],
    )
