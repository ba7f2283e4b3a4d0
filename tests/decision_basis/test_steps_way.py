"""The beslutningsgrunnlag one question at a time, in nynorsk, through the HTTP door: every
answer saved at once, «tilbake», a refused amount at its question, «legg til tiltak» and
«fjern tiltak 2», the budget under every question, and the send at the end."""

from __future__ import annotations

from bot.scheme.formatting import format_money
from bot.settings import Settings
from tests.activities import Client, texts
from tests.decision_basis.conftest import fosen_frame, push, tell
from tests.needs.test_needs_report import button

NYNORSK_MEASURE = [
    "Felles forståing av skulefråvær i heile laget rundt eleven.",  # goal
    "10",  # topics: alvorleg skulefråvær
    "nei",  # other topics
    "Lærarar og PPT",  # target group
    "Skule, PPT og helsesjukepleiar arbeider saman.",  # interdisciplinary
    "Set av tid",  # owner's role
    "NTNU leier samlingane",  # UH's role
    "Rettleier teama",  # PPT
    "nei",  # Statped
    "mars 2027",
    "desember 2027",
    "200 000",
    "300 000",
    "50 000",
]
NYNORSK_CONDITIONS = [
    "Tiltaka byggjer på ståstadsanalysane i alle einingane hausten 2026.",
    "Alt arbeid skjer i personalgruppene på arbeidsplassen.",
    "NTNU og eigarane planla tiltaka saman i tre møte.",
    "PPT, skule og barnehage er med i alle samlingane saman.",
]


async def test_a_coordinator_fills_it_in_step_by_step_in_nynorsk(
    bot: Client, settings: Settings, fosen_coordinator: str
) -> None:
    kari = fosen_coordinator
    opened = await tell(bot, kari, "avgjerdsgrunnlaget vårt")
    first = await push(bot, kari, button(opened, "Steg for steg"))
    shown = texts(first)
    assert "(Partnarskapet) Kva UH-partnar(ar) er med?" in shown
    assert "3. NTNU" in shown
    assert f"Budsjett: {format_money(0)} av {format_money(fosen_frame())} (0 %" in shown

    await tell(bot, kari, "3")
    back = await tell(bot, kari, "tilbake")
    assert "Kva UH-partnar(ar) er med?" in texts(back)
    assert "No: NTNU. Skriv nytt svar, eller «behald»." in texts(back)
    await tell(bot, kari, "behald")
    await tell(bot, kari, "nei")
    owners = texts(await tell(bot, kari, "alle"))
    assert "Er private eigarar med?" in owners
    goal = texts(await tell(bot, kari, "nei"))
    assert "(Tiltak 1) Kva er målet med tiltaket?" in goal

    for answer in NYNORSK_MEASURE[:11]:
        replies = await tell(bot, kari, answer)
    assert "Kor mykje går til eigarane i dette tiltaket?" in texts(replies)
    refused = texts(await tell(bot, kari, "-5"))
    assert "Beløpet kan ikkje vere negativt." in refused
    assert "Kor mykje går til eigarane i dette tiltaket?" in refused
    for answer in NYNORSK_MEASURE[11:13]:
        replies = await tell(bot, kari, answer)
    assert f"Budsjett: {format_money(500_000)} av" in texts(replies)
    more = texts(await tell(bot, kari, NYNORSK_MEASURE[13]))
    assert "Vil de leggje til eit tiltak til? (ja/nei)" in more
    assert f"Budsjett: {format_money(550_000)} av" in more

    second = texts(await tell(bot, kari, "legg til tiltak"))
    assert "(Tiltak 2) Kva er målet med tiltaket?" in second
    removed = texts(await tell(bot, kari, "fjern tiltak 2"))
    assert "Tiltaket er fjerna." in removed
    assert "Vil de leggje til eit tiltak til?" in removed

    condition = texts(await tell(bot, kari, "nei"))
    assert "Vilkår 1: Korleis svarar tiltaka på lokalt definerte behov" in condition
    for answer in NYNORSK_CONDITIONS:
        replies = await tell(bot, kari, answer)
    assert "Korleis skal tiltaka evaluerast" in texts(replies)
    summary = await tell(bot, kari, "Spørjeundersøking før og etter, og logg i kvart team.")
    shown = texts(summary)
    assert "Avgjerdsgrunnlag for Fosen 2027" in shown
    assert "Alt er fylt ut." in shown
    assert "Tiltak 1" in shown and "Tiltak 2" not in shown

    confirm = await push(bot, kari, button(summary, "Send inn"))
    assert "Sende avgjerdsgrunnlaget til samarbeidsforum?" in texts(confirm)
    receipt = texts(await push(bot, kari, button(confirm, "Ja, send til samarbeidsforum")))
    assert "Sendt til samarbeidsforum: BG-2027-0001" in receipt
    assert "Påminningane om avgjerdsgrunnlaget stoppar for Fosen." in receipt
