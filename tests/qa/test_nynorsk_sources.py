"""A nynorsk answer holds no bokmål, its source line included (HTTP door)."""

from __future__ import annotations

from tests.activities import Client, say, texts


async def test_the_source_line_of_a_nynorsk_answer_is_nynorsk(bot: Client) -> None:
    answer = texts(await say(bot, "Må me betale eigenandel?"))
    assert "Inga kjelde set ein eigenandel for Kompetanseløftet." in answer
    assert "anna kjelde, ikkje i dokumentsamlinga" in answer
    assert "annen kilde" not in answer and "tilskuddsordning" not in answer
    bokmaal = texts(await say(bot, "Må vi betale egenandel?"))  # bokmål after nynorsk
    assert "Ingen kilde setter en egenandel" in bokmaal
    assert "annen kilde, ikke i dokumentsamlingen" in bokmaal
