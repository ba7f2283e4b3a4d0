"""`laget privacy scan`: numbers stored before the guard knew their spelling are found, shown
by place only, and redacted with an audit entry."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import insert, select

from bot.cli.main import main
from bot.needs.model import Author
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.migrate import upgrade_async
from bot.store.needs import NeedsReports
from bot.store.tables import audit_log, bot_state, qa_questions
from tests.trust.conftest import digits_in, stored_texts

NUMBER = "01019000083"


async def seed(settings: Settings) -> None:
    await upgrade_async(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        reports = NeedsReports(engine)
        draft = await reports.create_draft(Author("29:kari"), 2027)
        answers = {"owner": "Frøya kommune", "needs": "Gjelder 010190-00083 i 3. klasse."}
        await reports.save(
            draft.id, draft.version, answers, author=Author("29:kari"), step=2, network_id=None
        )
        async with engine.begin() as connection:
            await connection.execute(
                insert(qa_questions).values(
                    asked_at=draft.created_at,
                    conversation_id="a:1",
                    user_id="29:kari",
                    text="fnr ٠١٠١٩٠٠٠٠٨٣?",
                    lang="nb",
                    intent="fallback",
                    score=0.1,
                    band="fallback",
                    missed=True,
                )
            )
            escaped = json.dumps({"dialog": {"answer": "0101\u200b9000083"}})  # \\u escapes
            await connection.execute(
                insert(bot_state).values(
                    key="k/1", data=escaped, e_tag="1", updated_at=draft.created_at
                )
            )
    finally:
        await engine.dispose()


async def test_stored_numbers_are_found_by_place_and_redacted(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings.from_environ({"LAGET_DATABASE_URL": database_url})
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)
    await seed(settings)

    assert await asyncio.to_thread(main, ["privacy", "scan"]) == 1
    shown = capsys.readouterr().out
    for place in ("needs_reports", "needs_report_history", "qa_questions", "bot_state"):
        assert place in shown
    assert NUMBER not in digits_in(shown)

    assert await asyncio.to_thread(main, ["privacy", "scan", "--redact"]) == 0
    assert not [t for t in await stored_texts(settings) if NUMBER in digits_in(t)]
    assert await asyncio.to_thread(main, ["privacy", "scan"]) == 0

    engine = create_engine(settings.database_url)
    async with engine.connect() as connection:
        actions = (await connection.execute(select(audit_log.c.action))).scalars().all()
        state = (await connection.execute(select(bot_state.c.data))).scalar_one()
    await engine.dispose()
    assert actions.count("privacy.redacted") >= 4
    assert json.loads(state) == {"dialog": {"answer": "[fjernet]"}}
