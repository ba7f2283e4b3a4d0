"""An estimate is a number all the same: «ca 150» participants is read as 150."""

from __future__ import annotations

from bot.settings import Settings
from tests.activities import Client, texts
from tests.needs.test_needs_report import ANSWERS, button, open_form, press, stored


async def test_an_estimate_with_ca_is_read_as_the_number(bot: Client, settings: Settings) -> None:
    form = await open_form(bot)

    summary = await press(bot, button(form, "Gå videre"), **{**ANSWERS, "participants": "ca 150"})

    assert "Se over behovsmeldingen" in texts(summary)
    [report] = await stored(settings)
    assert report.answers["participants"] == 150
