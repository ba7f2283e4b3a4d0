"""Questions about the year's money answered from the data, in bokmål and nynorsk, through the
HTTP door: is the frame decided, how much was used, what a report holds, and after June which
year's frame «rammen vår» is."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.scheme import compute_allocation, load_region
from bot.scheme.decisions import FrameDecision
from bot.scheme.formatting import format_money
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.frame_decisions import FrameDecisionsRepository
from tests.activities import texts
from tests.conftest import StartBot
from tests.decision_basis.conftest import MEASURE_1, push, send_complete, tell
from tests.needs.test_needs_report import button
from tests.reporting.test_reporting import MAY_2028, USED

ESTIMATE = compute_allocation(load_region(), 2027).frame("fosen").estimated


async def test_is_the_frame_decided_before_and_after_the_vedtak(
    start_bot: StartBot, settings: Settings, fosen_coordinator: str
) -> None:
    kari = fosen_coordinator
    bot = await start_bot(settings)
    before = texts(await tell(bot, kari, "Er rammen vår vedtatt?"))
    assert (
        f"Nei, ikke ennå. Rammen til Fosen for 2027 er estimert til {format_money(ESTIMATE)}. "
        "Statsforvalteren fatter vedtaket innen 15. april 2027." in before
    )
    nynorsk = texts(await tell(bot, kari, "Er ramma vår vedteken?"))
    assert "Nei, ikkje enno. Ramma til Fosen for 2027 er estimert til" in nynorsk

    engine = create_engine(settings.database_url)
    decision = FrameDecision("fosen", 2027, 600_000, date(2027, 4, 15), "SF 2027/1234", "admin")
    await FrameDecisionsRepository(engine).decide("trondelag", [decision])
    await engine.dispose()
    after = texts(await tell(bot, kari, "Er ramma vår vedteken?"))
    assert (
        f"Ja. Ramma til Fosen for 2027 er vedteken: {format_money(600_000)} "
        "(vedtak 15. april 2027, SF 2027/1234)." in after
    )


async def test_how_much_was_used_comes_from_the_report(
    start_bot: StartBot, settings: Settings, fosen_coordinator: str
) -> None:
    kari = fosen_coordinator
    await send_complete(await start_bot(settings), kari)
    may = await start_bot(settings, clock=lambda: MAY_2028)
    none = texts(await tell(may, kari, "Hvor mye har vi brukt?"))
    assert "Laget har ikke registrert noe forbruk for Fosen i 2027 ennå." in none
    assert "innen 15. juni 2028" in none

    summary = await tell(may, kari, "rapport")
    form = await push(may, kari, button(summary, "Tiltak 1: Felles forståelse av…"))
    await push(may, kari, button(form, "Lagre"), goal=MEASURE_1["goal"], **USED)
    used = texts(await tell(may, kari, "Hvor mye har vi brukt?"))
    assert (
        f"Brukt: {format_money(525_000)} av {format_money(550_000)} bundet opp "
        "(fra utkastet til rapport, ikke sendt ennå)." in used
    )
    assert f"{format_money(180_000)} / {format_money(200_000)}" in used
    nynorsk = texts(await tell(may, kari, "Kor mykje har me brukt?"))
    assert f"Brukt: {format_money(525_000)} av {format_money(550_000)} bunde opp" in nynorsk


async def test_what_a_report_holds_is_answered_without_inventing_a_rule(
    start_bot: StartBot, settings: Settings
) -> None:
    bot = await start_bot(settings)
    answer = texts(await tell(bot, "aad-nobody", "Hva må rapporten inneholde?"))
    assert "Partnerskapene rapporterer til Statsforvalteren innen 15. juni 2027." in answer
    assert "Ingen av kildene Laget bygger på, lister opp hva rapporten skal inneholde" in answer
    nynorsk = texts(await tell(bot, "aad-nobody", "Kva skal vere med i rapporten?"))
    assert "Ingen av kjeldene Laget byggjer på" in nynorsk


async def test_after_june_our_frame_is_the_year_whose_money_is_being_used(
    start_bot: StartBot, settings: Settings, fosen_coordinator: str
) -> None:
    june = await start_bot(settings, clock=lambda: datetime(2027, 6, 20, 8, 0, tzinfo=UTC))
    answer = texts(await tell(june, fosen_coordinator, "Hva er rammen vår?"))
    assert "Rammen til Fosen for 2027" in answer
    assert "Tallene for 2028 er ikke lagt inn ennå; dette er rammen for 2027" in answer
