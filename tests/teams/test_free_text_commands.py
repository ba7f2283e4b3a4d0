"""Commands typed as people type them, through the HTTP door."""

from __future__ import annotations

from tests.activities import Client, say, texts


async def test_a_request_for_a_new_form_in_nynorsk_starts_the_form(bot: Client) -> None:
    replies = texts(await say(bot, "Eg vil fylle ut ei ny behovsmelding"))

    assert "Steg for steg" in replies
    assert "Det kan eg ikkje svare på" not in replies


async def test_a_greeting_with_a_question_about_help_gets_the_overview(bot: Client) -> None:
    replies = texts(await say(bot, "Hei, kva kan du hjelpe meg med?"))

    assert "behovsmelding" in replies.casefold()
    assert "rammen" in replies or "ramma" in replies


async def test_thanks_get_a_friendly_word_not_the_fallback(bot: Client) -> None:
    replies = texts(await say(bot, "Tusen takk!"))

    assert "Bare hyggelig!" in replies
    assert "Det kan jeg ikke svare på" not in replies


async def test_thanks_from_a_nynorsk_user_are_answered_in_nynorsk(bot: Client) -> None:
    await say(bot, "Kva er ramma til Fosen?", conversation="a:nn-takk")

    assert "Berre hyggeleg!" in texts(await say(bot, "takk", conversation="a:nn-takk"))
