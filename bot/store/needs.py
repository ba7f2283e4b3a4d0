"""Stored behovsmeldinger: drafts, sending (exactly once), changes with history, withdrawal.

Each change bumps `version`, and every write that comes from a card names the version the card
was made from: a stale or repeated button press changes nothing and is told apart (`WriteOutcome`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.needs.model import (
    Author,
    HistoryEntry,
    Status,
    StoredReport,
    WriteOutcome,
    reference_for,
)
from bot.store.driver import Driver, RowQuery, Rows, Statements
from bot.store.tables import needs_report_history, needs_reports


class NeedsReports:
    """The repository of behovsmeldinger."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._driver = Driver(engine)
        self._reports = Rows(needs_reports, engine.dialect)
        self._history = Rows(needs_report_history, engine.dialect)
        self._by_id = RowQuery(needs_reports, "id = ?", engine.dialect)

    async def create_draft(self, author: Author, year: int) -> StoredReport:
        """A new, empty draft (one transaction: the row, as stored, and its first history entry)."""
        now = datetime.now(UTC)
        values = {
            "year": year,
            "author_id": author.id,
            "author_aad_id": author.aad_id,
            "author_name": author.name,
            "status": Status.DRAFT,
            "answers": "{}",
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        reports = self._reports
        insert_sql = (
            f"INSERT INTO {reports.table} {reports.placeholders(list(values))} "
            f"RETURNING {reports.columns}"
        )
        params = [reports.bind(name, value) for name, value in values.items()]

        async def work(statements: Statements) -> StoredReport:
            [row] = await statements.fetch(insert_sql, params)
            report = _report(reports.row(row))
            await self._keep(statements, report, action="created", author=author)
            return report

        return await self._driver.run(work, write=True)

    async def get(self, report_id: int) -> StoredReport | None:
        """One report by id (read in every step of the dialog: on the driver)."""
        found = await self._by_id.rows(self._driver, (report_id,))
        return _report(found[0]) if found else None

    async def for_author(self, author_id: str) -> list[StoredReport]:
        """The user's reports, newest change first."""
        return await self._many(needs_reports.c.author_id == author_id)

    async def for_network(self, network_id: str, year: int) -> list[StoredReport]:
        """Every report of a network and year (drafts included)."""
        return await self._many(
            (needs_reports.c.network_id == network_id) & (needs_reports.c.year == year)
        )

    async def in_year(self, year: int) -> list[StoredReport]:
        """Every report of a grant year (drafts included)."""
        return await self._many(needs_reports.c.year == year)

    async def save(
        self,
        report_id: int,
        version: int,
        answers: dict[str, Any],
        *,
        author: Author,
        step: int,
        network_id: str | None,
        action: str = "saved",
    ) -> tuple[WriteOutcome, StoredReport | None]:
        """Store new answers if the report is still at `version` and not withdrawn; DONE comes
        with the report as stored now (no second read), STALE with None."""
        values = {
            "answers": json.dumps(answers, ensure_ascii=False),
            "step": step,
            "network_id": network_id,
            "owner": str(answers.get("owner", ""))[:120],
            "version": version + 1,
            "updated_at": datetime.now(UTC),
        }
        return await self._conditional(
            report_id,
            version,
            ("<>", Status.WITHDRAWN),
            values=values,
            author=author,
            action=action,
        )

    async def submit(
        self, report_id: int, version: int, *, author: Author, late: bool
    ) -> tuple[WriteOutcome, StoredReport | None]:
        """Send a draft exactly once; a second press answers ALREADY with the sent report."""
        report = await self.get(report_id)
        if report is None or report.author_id != author.id:
            return WriteOutcome.MISSING, None
        if report.status is Status.SUBMITTED:
            return WriteOutcome.ALREADY, report
        now = datetime.now(UTC)
        values = {
            "status": Status.SUBMITTED,
            "reference": reference_for(report_id, report.year),
            "late": late,
            "submitted_at": now,
            "updated_at": now,
            "version": version + 1,
        }
        outcome, sent = await self._conditional(
            report_id,
            version,
            ("=", Status.DRAFT),
            values=values,
            author=author,
            action="submitted",
        )
        if outcome is WriteOutcome.DONE:
            return outcome, sent
        fresh = await self.get(report_id)
        if fresh is not None and fresh.status is Status.SUBMITTED:
            return WriteOutcome.ALREADY, fresh
        return outcome, fresh

    async def withdraw(self, report_id: int, version: int, *, author: Author) -> WriteOutcome:
        """Withdraw a sent report (kept, with its history)."""
        report = await self.get(report_id)
        if report is None or report.author_id != author.id:
            return WriteOutcome.MISSING
        if report.status is Status.WITHDRAWN:
            return WriteOutcome.ALREADY
        values = {
            "status": Status.WITHDRAWN,
            "version": version + 1,
            "updated_at": datetime.now(UTC),
        }
        outcome, _withdrawn = await self._conditional(
            report_id,
            version,
            ("=", Status.SUBMITTED),
            values=values,
            author=author,
            action="withdrawn",
        )
        return outcome

    async def history(self, report_id: int) -> list[HistoryEntry]:
        """Every kept change of a report, oldest first."""
        query = (
            select(needs_report_history)
            .where(needs_report_history.c.report_id == report_id)
            .order_by(needs_report_history.c.id)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [
            HistoryEntry(
                row["version"],
                row["action"],
                row["actor_name"],
                row["at"],
                json.loads(row["answers"]),
            )
            for row in rows
        ]

    async def _conditional(
        self,
        report_id: int,
        version: int,
        status: tuple[str, Status],
        *,
        values: dict[str, Any],
        author: Author,
        action: str,
    ) -> tuple[WriteOutcome, StoredReport | None]:
        """Change the row only if it is still at `version` (and its status compares to
        `status` as given), and keep the change in the history, in one transaction of two
        statements: the UPDATE returns the row as stored, so neither a check before it nor a
        read after it is needed. Every answer of the dialog writes here: on the driver."""
        reports = self._reports
        names = list(values)
        compare, status_value = status
        update_sql = (
            f"UPDATE {reports.table} SET {reports.assignments(names)} WHERE id = ? AND "
            f"author_id = ? AND version = ? AND status {compare} ? RETURNING {reports.columns}"
        )
        params = [reports.bind(name, values[name]) for name in names]
        params += [report_id, author.id, version, status_value.value]

        async def work(statements: Statements) -> StoredReport | None:
            rows = await statements.fetch(update_sql, params)
            if not rows:
                return None
            report = _report(reports.row(rows[0]))
            await self._keep(statements, report, action=action, author=author)
            return report

        report = await self._driver.run(work, write=True)
        return (WriteOutcome.DONE, report) if report else (WriteOutcome.STALE, None)

    async def _keep(
        self, statements: Statements, report: StoredReport, *, action: str, author: Author
    ) -> None:
        """The report as it now stands, in its history (in the caller's transaction)."""
        history = self._history
        values = {
            "report_id": report.id,
            "version": report.version,
            "action": action,
            "actor_id": author.id,
            "actor_name": author.name,
            "answers": json.dumps(report.answers, ensure_ascii=False),
            "at": datetime.now(UTC),
        }
        await statements.execute(
            f"INSERT INTO {history.table} {history.placeholders(list(values))}",
            [history.bind(name, value) for name, value in values.items()],
        )

    async def _one(self, condition: Any) -> StoredReport | None:
        found = await self._many(condition)
        return found[0] if found else None

    async def _many(self, condition: Any) -> list[StoredReport]:
        query = (
            select(needs_reports)
            .where(condition)
            .order_by(needs_reports.c.updated_at.desc(), needs_reports.c.id.desc())
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [_report(row) for row in rows]


def _report(row: Any) -> StoredReport:
    return StoredReport(
        id=row["id"],
        year=row["year"],
        network_id=row["network_id"],
        author_id=row["author_id"],
        author_aad_id=row["author_aad_id"],
        author_name=row["author_name"],
        owner=row["owner"],
        status=Status(row["status"]),
        step=row["step"],
        answers=json.loads(row["answers"]),
        version=row["version"],
        reference=row["reference"],
        late=bool(row["late"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        submitted_at=row["submitted_at"],
    )
