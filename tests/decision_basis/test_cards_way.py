"""The beslutningsgrunnlag through the HTTP door, the card way: a coordinator writes one with
two tiltak, is refused a send over the frame, fixes it, sends it, and the frame answer then
says exactly what is committed and what is left."""

from __future__ import annotations

from bot.scheme.formatting import format_money
from bot.settings import Settings
from tests.activities import Client, say, texts
from tests.decision_basis.conftest import (
    CONDITIONS,
    EVALUATION,
    HEADER,
    MEASURE_1,
    MEASURE_2,
    fosen_frame,
    push,
    tell,
)
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import ANSWERS, button, press

MEASURE_1_SUM = 200_000 + 300_000 + 50_000


async def send_needs(bot: Client) -> None:
    """Ørland sends a behovsmelding on ADHD and skolefravær."""
    started = await say(bot, "ny behovsmelding")
    form = await press(bot, button(started, "Skjema"))
    summary = await press(bot, button(form, "Gå videre"), **ANSWERS)
    await press(bot, button(summary, "Send inn"))


async def test_a_coordinator_writes_is_refused_over_the_frame_fixes_and_sends(
    bot: Client, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    kari = fosen_coordinator
    await send_needs(bot)
    opened = await tell(bot, kari, "beslutningsgrunnlag")
    shown = texts(opened)
    assert "Beslutningsgrunnlag for Fosen 2027" in shown
    assert "Utkast, ikke sendt" in shown
    assert (
        f"{format_money(0)} av {format_money(fosen_frame())} (0 %, estimert ramme, eksempeldata)"
        in shown
    )

    header = await push(bot, kari, button(opened, "Endre: Partnerskapet"))
    summary = await push(bot, kari, button(header, "Lagre"), **HEADER)
    assert "NTNU · Osen, Ørland" in texts(summary)

    form = await push(bot, kari, button(summary, "Legg til tiltak"))
    assert "Tiltak 1" in texts(form)
    summary = await push(bot, kari, button(form, "Lagre"), **MEASURE_1)
    shown = texts(summary)
    assert f"{format_money(MEASURE_1_SUM)} av {format_money(fosen_frame())}" in shown
    assert "Dekket: Alvorlig skolefravær – Ørland kommune (tiltak 1)" in shown
    assert (
        "Ikke dekket: ADHD (aktivitetsnivå, konsentrasjon og oppmerksomhet) – Ørland kommune"
        in shown
    )

    form = await push(bot, kari, button(summary, "Legg til tiltak"))
    summary = await push(bot, kari, button(form, "Lagre"), **MEASURE_2)
    committed = MEASURE_1_SUM + 500_000
    over = committed - fosen_frame()
    assert over > 0, "the example frame must be smaller than the two tiltak for this test"
    assert f"{format_money(over)} over rammen" in texts(summary)  # a draft may go over

    conditions = await push(bot, kari, button(summary, "Endre: De fire vilkårene"))
    summary = await push(bot, kari, button(conditions, "Lagre"), **CONDITIONS)
    evaluation = await push(bot, kari, button(summary, "Endre: Evaluering"))
    summary = await push(bot, kari, button(evaluation, "Lagre"), **EVALUATION)
    assert "Alt er fylt ut" in texts(summary)

    refused = await push(bot, kari, button(summary, "Send inn"))  # refused before any «Ja»
    shown = texts(refused)
    assert f"Kan ikke sendes: {format_money(over)} over rammen" in shown
    assert shown.index("Tiltak 1") < shown.index("Tiltak 2")  # the largest (kr 550 000) first

    fix = await tell(bot, kari, "endre tiltak 2")
    lower = 400_000 - over
    summary = await push(bot, kari, button(fix, "Lagre"), **{**MEASURE_2, "budget_uh": str(lower)})
    committed = fosen_frame()  # exactly the frame: allowed
    assert f"{format_money(committed)} av {format_money(fosen_frame())} (100 %" in texts(summary)

    confirm = await push(bot, kari, button(summary, "Send inn"))
    receipt = await push(bot, kari, button(confirm, "Ja, send til samarbeidsforum"))
    shown = texts(receipt)
    assert "Sendt til samarbeidsforum: BG-2027-0001" in shown
    assert "Påminnelsene om beslutningsgrunnlaget stopper for Fosen" in shown

    again = await push(bot, kari, button(confirm, "Ja, send til samarbeidsforum"))
    assert "allerede sendt (BG-2027-0001)" in texts(again)

    left = await tell(bot, kari, "hvor mye har vi igjen?")
    shown = texts(left)
    assert f"Igjen: {format_money(0)} av rammen på {format_money(fosen_frame())}" in shown
    assert (
        f"Bundet opp: {format_money(committed)} (det sendte beslutningsgrunnlaget BG-2027-0001)"
        in shown
    )
    assert format_money(200_000 + 100_000) in shown  # committed to the owners
    assert format_money(300_000 + lower) in shown  # committed to UH


async def test_the_frame_answer_names_a_draft_as_a_draft_in_nynorsk(
    bot: Client, settings: Settings, fosen_coordinator: str
) -> None:
    kari = fosen_coordinator
    opened = await tell(bot, kari, "avgjerdsgrunnlaget vårt")
    assert "Avgjerdsgrunnlag for Fosen 2027" in texts(opened)
    form = await push(bot, kari, button(opened, "Legg til tiltak"))
    await push(bot, kari, button(form, "Lagre"), **MEASURE_1)
    answer = texts(await tell(bot, kari, "kor mykje er bunde opp av ramma vår?"))
    assert f"Bunde opp: {format_money(MEASURE_1_SUM)} (utkastet til avgjerdsgrunnlag" in answer
    assert f"Att: {format_money(fosen_frame() - MEASURE_1_SUM)}" in answer
    assert "Bunde opp (utkast, ikkje sendt)" in answer
