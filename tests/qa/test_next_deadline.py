"""«Neste frist» as a person needs it: a recommended date before the next deadline is named,
and labelled as a recommendation (the tests' clock is 22 November 2026)."""

from __future__ import annotations

from cards.markdown import unescape
from tests.activities import Client, say, texts


async def test_the_recommended_self_assessment_comes_before_the_next_deadline(
    bot: Client,
) -> None:
    replies = unescape(texts(await say(bot, "neste frist")))

    assert "Neste frist: Beslutningsgrunnlag" in replies
    assert "Anbefalt før det: egen vurdering av kompetansebehov innen 1. desember 2026" in replies
    assert "om 9 dager" in replies and "ikke en frist" in replies


async def test_in_nynorsk_too(bot: Client) -> None:
    replies = unescape(texts(await say(bot, "kva er neste frist?")))

    assert "Tilrådd før det:" in replies and "ikkje ein frist" in replies
