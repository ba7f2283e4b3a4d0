"""The baseline echo bot answers through the same door as Laget, expectReplies included."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from bot.bench.echo import create_echo_app
from bot.bench.load import activity, echo_of, shown
from bot.settings import Settings


async def test_the_echo_bot_answers_text_and_card_submits_in_the_response() -> None:
    settings = Settings.from_environ({"LAGET_REMINDER_INTERVAL": "0"})
    client = TestClient(TestServer(create_echo_app(settings), host="127.0.0.1"))
    await client.start_server()
    try:
        said = activity("a:echo", "29:user", text="Hva er rammen til Fosen?")
        pressed = activity("a:echo", "29:user", value={"action": "needs", "report": 1})
        answers = []
        for body in (said, pressed):
            response = await client.post("/api/messages", json=body)
            assert response.status == 200, await response.text()
            answers.append(shown((await response.json())["activities"]))
    finally:
        await client.close()

    assert answers[0] == "Echo: Hva er rammen til Fosen?\n"
    assert echo_of(pressed) in answers[1]
