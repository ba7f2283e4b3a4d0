"""`expectReplies` bodies made without msrest: the same JSON, used for ordinary turns, and
msrest's way for anything the walk does not handle (every test checks the equality, see
tests/conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from botbuilder.schema import Activity, ChannelAccount, ExpectedReplies

from bot.teams import replies_json
from tests.activities import Client, say, texts


async def test_an_ordinary_turn_is_answered_without_msrest(
    bot: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    fast = replies_json.expected_replies

    def counting(activities: list[Activity]) -> dict[str, object]:
        body = fast(activities)
        made.append(len(activities))
        return body

    monkeypatch.setattr("bot.teams.adapter.expected_replies", counting)
    assert "Rammen til Fosen for 2027" in texts(await say(bot, "Hva er rammen til Fosen?"))
    assert "Hei! Jeg er Laget" in texts(await say(bot, "hei"))
    assert made and all(made)


def test_dates_and_odd_values_match_msrest_or_are_left_to_it() -> None:
    when = datetime(2027, 2, 1, 23, 30, 5, 120000, tzinfo=UTC)
    reply = Activity(
        type="message",
        text="Frist 1. februar",
        timestamp=when,
        from_property=ChannelAccount(id="28:laget", name="Laget"),
        channel_data={"tenant": {"id": "t"}, "n": [1, 2.5, True, None]},
    )
    expected = ExpectedReplies(activities=[reply]).serialize()
    assert replies_json.expected_replies([reply]) == expected
    naive = Activity(type="message", timestamp=datetime(2027, 2, 1, 12))  # noqa: DTZ001
    with pytest.raises(replies_json.Unsupported):
        replies_json.expected_replies([naive])
    odd = Activity(type="message", channel_data={"when": when})
    with pytest.raises(replies_json.Unsupported):
        replies_json.expected_replies([odd])
