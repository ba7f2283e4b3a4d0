"""How many SQL statements a step-by-step answer turn of the behovsmelding costs, over HTTP.

The turns are the benchmark's (`bot.bench.load`): «ny behovsmelding», the «Steg for steg» button
as a card submit, then one answer per turn. Statements are counted by SQLite's trace of every
connection (`tests.statements.traced`: SQLAlchemy's and the driver's), as (kind, table) per turn;
BEGIN and COMMIT are left out.
"""

from __future__ import annotations

import re

from bot.bench.load import answers_for, question_marker
from bot.needs.answers import parse_answer
from bot.needs.form import FIELDS
from bot.needs.model import Status
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.needs import NeedsReports
from bot.teams.server import LAGET
from tests.activities import Client, activity, post, say, texts
from tests.needs.test_needs_report import button
from tests.statements import traced

# An answer turn: the state read, the draft read once, the conditional UPDATE and its history
# row (one transaction), the state write. It was 8 (the draft read three times, and once more
# after the UPDATE for the history).
MAX_STATEMENTS_PER_ANSWER = 5
DRAFT_STATEMENTS = [
    ("SELECT", "needs_reports"),
    ("UPDATE", "needs_reports"),
    ("INSERT", "needs_report_history"),
]
_SQL = {"SELECT", "INSERT", "UPDATE", "DELETE"}
_TABLE = re.compile(r"\b(?:FROM|INTO|UPDATE)\s+\"?(\w+)", re.IGNORECASE)


def _kind_and_table(statement: str) -> tuple[str, str]:
    words = statement.split(maxsplit=1)
    table = _TABLE.search(statement)
    return (words[0].upper() if words else "", table.group(1) if table else "")


async def test_an_answer_turn_reads_the_draft_once_and_runs_few_statements(
    bot: Client, settings: Settings
) -> None:
    # The user's language is learned (and stored) first, so no answer turn writes the profile.
    await say(bot, "mine behovsmeldinger")
    started = await say(bot, "ny behovsmelding")
    asked = await post(bot, activity(value=button(started, "Steg for steg")))
    assert question_marker(0) in texts(asked)

    engine = bot.app[LAGET].engine
    answers = answers_for(1)
    turns: list[list[tuple[str, str]]] = []
    for number, answer in enumerate(answers):
        async with traced(engine) as seen:
            replies = await say(bot, answer)
        kinds = [_kind_and_table(statement) for statement in seen]
        turns.append([kind for kind in kinds if kind[0] in _SQL])
        if number + 1 < len(FIELDS):
            assert question_marker(number + 1) in texts(replies), texts(replies)
    assert "Se over behovsmeldingen" in texts(replies)

    for number, statements in enumerate(turns):
        on_drafts = [s for s in statements if s[1].startswith("needs_report")]
        assert on_drafts == DRAFT_STATEMENTS, (number, statements)
        assert len(statements) <= MAX_STATEMENTS_PER_ANSWER, (number, statements)

    engine = create_engine(settings.database_url)
    try:
        store = NeedsReports(engine)
        [report] = await store.for_author("29:user-1")
        history = await store.history(report.id)
    finally:
        await engine.dispose()
    expected = {
        spec.name: parse_answer(spec, raw, "nb").value
        for spec, raw in zip(FIELDS, answers, strict=True)
    }
    assert report.answers == expected
    assert report.answers["owner"] == "Benkemark kommune 1"
    assert report.answers["participants"] == 101
    assert report.answers["contact_email"] == "kari.nordmann@example.org"
    assert report.network_id == "fosen"
    assert report.status is Status.DRAFT
    assert report.step == len(FIELDS)
    assert report.version == 1 + len(FIELDS)
    # Every answer kept, in order: version n of the history holds the first n - 1 answers.
    assert [h.version for h in history] == list(range(1, len(FIELDS) + 2))
    assert [h.action for h in history] == ["created"] + ["saved"] * len(FIELDS)
    for entry in history:
        assert list(entry.answers) == [spec.name for spec in FIELDS[: entry.version - 1]]


async def test_a_change_made_elsewhere_between_two_answers_is_kept(
    bot: Client, settings: Settings
) -> None:
    """The draft read once per turn is still read every turn: what the same user saved in
    another conversation (the card form) is the base of the next step-by-step answer."""
    started = await say(bot, "ny behovsmelding")
    await post(bot, activity(value=button(started, "Steg for steg")))
    await say(bot, "Ørland kommune")

    elsewhere = "a:personal-2"
    form = await post(bot, activity(value=button(started, "Skjema"), conversation=elsewhere))
    values = {"owner": "Frøya kommune", "municipality": "Ørland", "participants": "77"}
    await post(bot, activity(value={**button(form, "Gå videre"), **values}, conversation=elsewhere))

    asked = await say(bot, "Kommunal")  # the answer to «(2 av 19)» in the first conversation

    assert question_marker(3) in texts(asked), texts(asked)  # the form answered the kommune
    engine = create_engine(settings.database_url)
    try:
        [report] = await NeedsReports(engine).for_author("29:user-1")
    finally:
        await engine.dispose()
    owner_type = next(spec for spec in FIELDS if spec.name == "owner_type")
    assert report.answers["owner"] == "Frøya kommune"
    assert report.answers["participants"] == 77
    assert report.network_id == "fosen"
    assert report.answers["owner_type"] == parse_answer(owner_type, "Kommunal").value
    assert report.version == 4  # created, the first answer, the form, the second answer
