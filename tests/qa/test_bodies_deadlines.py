"""«Neste frist» is the asker's own next deadline: samarbeidsforum's innstilling and
Statsforvalteren's vedtak are said as theirs, never as the asker's (HTTP door)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.settings import Settings
from tests.activities import say, texts
from tests.conftest import StartBot

FEBRUARY = datetime(2027, 2, 5, 9, 0, tzinfo=UTC)


async def test_next_deadline_after_february_is_the_report_with_the_bodies_dates_as_theirs(
    start_bot: StartBot, settings: Settings
) -> None:
    bot = await start_bot(settings, clock=lambda: FEBRUARY)
    shown = texts(await say(bot, "neste frist"))
    assert "Fristen for rapportering er 15. juni 2027 (om 130 dager)." in shown
    assert (
        "Før det: Innstilling fra Samarbeidsforum til Statsforvalteren innen 15. mars 2027. "
        "Det er fristen til Samarbeidsforum, ikke noe dere skal sende." in shown
    )
    assert "Det er fristen til Statsforvalteren, ikke noe dere skal sende." in shown
    nynorsk = texts(await say(bot, "kva er neste frist?"))
    assert "ikkje noko de skal sende" in nynorsk


async def test_asking_for_the_vedtak_says_it_is_statsforvalterens_date(
    start_bot: StartBot, settings: Settings
) -> None:
    bot = await start_bot(settings, clock=lambda: FEBRUARY)
    shown = texts(await say(bot, "når er fristen for vedtaket?"))
    assert "15. april 2027" in shown
    assert "Dette er fristen til Statsforvalteren, ikke noe dere skal sende." in shown
