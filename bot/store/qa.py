"""Stored questions (for feedback and the list of misses) and questions sent to coordinators."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.qa.model import AskedQuestion, Escalation, Vote
from bot.store.driver import Driver, Statements, binder
from bot.store.tables import inserted_id, qa_escalations, qa_questions

_RECORD = (
    "INSERT INTO qa_questions (asked_at, conversation_id, user_id, text, lang, intent, score,"
    " band) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
)


class QaLog:
    """The repository of questions and escalations."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._driver = Driver(engine)
        self._stamp = binder(qa_questions.c.asked_at, engine.dialect)

    async def record(
        self,
        *,
        conversation_id: str,
        user_id: str,
        text: str,
        lang: str,
        intent: str,
        score: float,
        band: str,
    ) -> int:
        """Store one question; returns its id. Every question a turn answers is logged, so
        this runs on the driver (`bot.store.driver`)."""
        values = (self._stamp(datetime.now(UTC)), conversation_id, user_id, text, lang, intent)

        async def work(statements: Statements) -> int:
            rows = await statements.fetch(_RECORD, (*values, score, band))
            return int(rows[0][0])

        return await self._driver.run(work, write=True)

    async def get(self, question_id: int) -> AskedQuestion | None:
        """One question."""
        query = select(qa_questions).where(qa_questions.c.id == question_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).mappings().first()
        return None if row is None else AskedQuestion(**row)

    async def feedback(self, question_id: int, vote: Vote) -> bool:
        """Keep the user's 👍/👎 (a 👎 makes it a miss); False for an unknown question."""
        values: dict[str, Any] = {"feedback": vote}
        if vote == "down":
            values["missed"] = True
        return await self._update(question_id, values)

    async def mark_missed(self, question_id: int) -> bool:
        """The bot did not answer this question (fallback or «Ingen av disse»)."""
        return await self._update(question_id, {"missed": True})

    async def misses(self, limit: int = 200) -> list[AskedQuestion]:
        """Questions the bot missed, newest first, for review (`laget qa misses`)."""
        query = (
            select(qa_questions)
            .where(or_(qa_questions.c.missed.is_(True), qa_questions.c.band == "fallback"))
            .order_by(qa_questions.c.id.desc())
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [AskedQuestion(**row) for row in rows]

    async def escalate(
        self, question_id: int, network_id: str, asker_name: str, asker_reference: str
    ) -> int:
        """Send a question to a network's coordinators; returns the escalation's id."""
        async with self._engine.begin() as connection:
            result = await connection.execute(
                insert(qa_escalations).values(
                    question_id=question_id,
                    network_id=network_id,
                    asker_name=asker_name,
                    asker_reference=asker_reference,
                    status="open",
                    created_at=datetime.now(UTC),
                )
            )
        return inserted_id(result)

    async def escalation(self, escalation_id: int) -> Escalation | None:
        """One escalation."""
        query = select(qa_escalations).where(qa_escalations.c.id == escalation_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).mappings().first()
        if row is None:
            return None
        return Escalation(**{k: row[k] for k in Escalation.__dataclass_fields__})

    async def answer(self, escalation_id: int, text: str, answered_by: str) -> bool:
        """Record the coordinator's answer once; False if it was already answered."""
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(qa_escalations)
                .where(qa_escalations.c.id == escalation_id)
                .where(qa_escalations.c.status == "open")
                .values(
                    status="answered",
                    answer=text,
                    answered_by=answered_by,
                    answered_at=datetime.now(UTC),
                )
            )
        return bool(result.rowcount)

    async def _update(self, question_id: int, values: dict[str, Any]) -> bool:
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(qa_questions).where(qa_questions.c.id == question_id).values(**values)
            )
        return bool(result.rowcount)
