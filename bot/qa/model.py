"""Questions as asked and understood, questions sent to coordinators, and where they are kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

Vote = Literal["up", "down"]


@dataclass(frozen=True)
class AskedQuestion:
    """A question as asked and understood."""

    id: int
    asked_at: datetime
    conversation_id: str
    user_id: str
    text: str
    lang: str
    intent: str
    score: float
    band: str
    missed: bool
    feedback: str | None


@dataclass(frozen=True)
class Escalation:
    """A question sent to a network's coordinators."""

    id: int
    question_id: int
    network_id: str
    asker_name: str
    asker_reference: str
    status: str
    answer: str | None
    answered_by: str | None


class QuestionLog(Protocol):
    """Where questions and escalations are kept (the store implements it)."""

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
        """Store one question; returns its id."""
        ...

    async def get(self, question_id: int) -> AskedQuestion | None:
        """One question."""
        ...

    async def feedback(self, question_id: int, vote: Vote) -> bool:
        """Keep the user's 👍/👎; False for an unknown question."""
        ...

    async def mark_missed(self, question_id: int) -> bool:
        """The bot did not answer this question."""
        ...

    async def escalate(
        self, question_id: int, network_id: str, asker_name: str, asker_reference: str
    ) -> int:
        """Send a question to a network's coordinators; returns the escalation's id."""
        ...

    async def escalation(self, escalation_id: int) -> Escalation | None:
        """One escalation."""
        ...

    async def answer(self, escalation_id: int, text: str, answered_by: str) -> bool:
        """Record the coordinator's answer once; False if it was already answered."""
        ...
