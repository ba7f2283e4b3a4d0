"""Random activities, payloads replayed across users and random Unicode, sent to the running
app: never a 5xx, never a traceback in a reply, never the user's text in the log, and nothing
stored for a refused request. Bounded (hypothesis, a fixed number of examples)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.tables import (
    audit_log,
    bot_state,
    conversation_refs,
    needs_reports,
    qa_escalations,
    qa_questions,
)
from tests.activities import Client, activity
from tests.trust.conftest import LogLines

MARK = "QZXW"  # starts every text the fuzzer types, so it can be looked for in the log
USERS = ["29:kari", "29:ola", "29:per"]
IDS = st.one_of(st.integers(0, 6), st.integers(-(2**70), 2**70), st.text(max_size=5))
LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30))
JSONISH = st.recursive(
    LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
PAYLOADS = st.one_of(
    st.fixed_dictionaries({"action": st.just("ask"), "text": st.text(max_size=60)}),
    st.fixed_dictionaries(
        {
            "action": st.just("feedback"),
            "vote": st.sampled_from(["up", "down", "x"]),
            "question": IDS,
        }
    ),
    st.fixed_dictionaries({"action": st.just("escalate"), "question": IDS}),
    st.fixed_dictionaries(
        {"action": st.just("intent"), "intent": st.text(max_size=10), "question": IDS}
    ),
    st.fixed_dictionaries(
        {"action": st.just("answer"), "escalation": IDS, "answer": st.text(max_size=60)}
    ),
    st.fixed_dictionaries(
        {
            "action": st.just("needs"),
            "op": st.sampled_from(["form", "steps", "save", "submit", "edit", "withdraw", "x"]),
            "report": IDS,
            "version": IDS,
            "owner": st.text(max_size=40),
            "barnehager": st.text(max_size=8),
        }
    ),
    st.fixed_dictionaries(
        {
            "action": st.just("reminder"),
            "op": st.sampled_from(["snooze", "done"]),
            "reminder": st.text(max_size=20),
        }
    ),
    JSONISH,
)
BREAKAGES = st.sampled_from(
    [None, "from", "recipient", "conversation", "channelId", "serviceUrl", "type", "from.id"]
)


@st.composite
def activities(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(["message", "message", "message", "invoke", "conversationUpdate", "event"])
    )
    text = MARK + draw(st.text(max_size=80)) if draw(st.booleans()) else None
    value = draw(PAYLOADS) if draw(st.booleans()) else None
    if kind == "invoke":
        value = {"action": {"type": "Action.Execute", "data": value}}
    body = activity(
        kind,
        text=text,
        value=value,
        user=draw(st.sampled_from(USERS)),
        conversation=draw(st.sampled_from(["a:1", "a:2", "19:c@thread.tacv2"])),
        name="adaptiveCard/action" if kind == "invoke" else None,
    )
    broken = draw(BREAKAGES)
    if broken == "from.id":
        body["from"]["id"] = draw(st.one_of(st.none(), st.integers(), st.just("")))
    elif broken is not None:
        body.pop(broken)
    if draw(st.booleans()):
        body["channelData"] = draw(JSONISH)
    return body


async def counts(settings: Settings) -> list[int]:
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            tables = (
                audit_log,
                bot_state,
                conversation_refs,
                needs_reports,
                qa_escalations,
                qa_questions,
            )
            return [
                (await connection.execute(select(func.count()).select_from(t))).scalar_one()
                for t in tables
            ]
    finally:
        await engine.dispose()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=activities())
async def test_random_activities_never_break_the_door(
    bot: Client, settings: Settings, log_lines: LogLines, body: dict[str, Any]
) -> None:
    before = await counts(settings)
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8", errors="surrogatepass")

    response = await bot.post(
        "/api/messages", data=raw, headers={"Content-Type": "application/json"}
    )

    assert response.status < 500
    reply = await response.text()
    assert "Traceback" not in reply and 'File "' not in reply
    if response.status >= 400:
        assert await counts(settings) == before
    assert not [line for line in log_lines.lines if MARK in line]
