"""Texts say no more than the sources do (HTTP door): a frame's source line separates the
plan's rule from the example numbers; a planned start is not told as a fact."""

from __future__ import annotations

from tests.activities import Client, say, texts


async def test_a_frames_source_line_says_what_is_the_plan_and_what_is_example_data(
    bot: Client,
) -> None:
    shown = texts(await say(bot, "Hva er rammen til Fosen?"))
    assert (
        "Kilde: fordelingsregelen i Langsiktig plan for Kompetanseløftet i Trøndelag "
        "2024–2026. Totalbeløpet, grunntilskuddet, fellestiltakene og elevtallene er "
        "eksempeldata, ikke fra planen." in shown
    )
    nynorsk = texts(await say(bot, "Kva er ramma til Fosen?"))
    assert "er eksempeldata, ikkje frå planen." in nynorsk


async def test_the_joint_measures_start_is_what_the_plan_said(bot: Client) -> None:
    shown = texts(await say(bot, "Hvilke fellestiltak finnes?"))
    assert "planen fra 2024 oppgir oppstart i 2024" in shown
    assert "med planlagt oppstart i 2024" not in shown


async def test_an_example_grouping_is_said_where_a_network_is_remembered(bot: Client) -> None:
    shown = texts(await say(bot, "jeg hører til Namdal"))
    assert "Notert: du hører til Namdal." in shown
    assert "hvilke kommuner som er med i dette nettverket, er eksempeldata" in shown
    known = texts(await say(bot, "jeg hører til Fosen"))  # Fosen's members are known
    assert "eksempeldata" not in known


async def test_a_knowledge_answer_gives_the_deadline_from_the_data(bot: Client) -> None:
    shown = texts(await say(bot, "Hva er beslutningsgrunnlaget?"))
    assert "sender det innen 1. februar 2027." in shown  # the clock: 22 November 2026
    assert "{frist:" not in shown
    nynorsk = texts(await say(bot, "Kva er avgjerdsgrunnlaget?"))
    assert "sender det innan 1. februar 2027." in nynorsk
