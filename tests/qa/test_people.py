"""Who is in a network and who coordinates it, asked in bokmål and nynorsk over HTTP."""

from __future__ import annotations

from tests.activities import Client, say, texts


async def test_the_members_of_a_network(bot: Client) -> None:
    fosen = texts(await say(bot, "kven er med i Fosen-nettverket?"))
    gauldal = texts(await say(bot, "Hvilke kommuner er med i Gauldal?"))

    assert "Med i kompetansenettverket Fosen: Indre Fosen, Osen, Åfjord og Ørland." in fosen
    assert "Melhus" in gauldal and "eksempeldata" in gauldal


async def test_the_coordinator_by_name_or_who_to_ask(bot: Client, fosen_coordinator: str) -> None:
    await say(bot, "jeg hører til Fosen")

    ours = texts(await say(bot, "hvem er koordinatoren vår?"))
    roros = texts(await say(bot, "Hvem er koordinator i Røros?"))

    assert "Koordinatoren i Fosen er Kari Koordinator." in ours
    assert "Ingen koordinator for Røros er registrert i Laget ennå" in roros


async def test_who_to_ask_for_help_names_the_coordinator(
    bot: Client, fosen_coordinator: str
) -> None:
    await say(bot, "jeg hører til Fosen")

    replies = texts(await say(bot, "Hvem kan vi spørre om hjelp?"))

    assert "Koordinatoren i Fosen er Kari Koordinator." in replies
    assert "Hei! Jeg er Laget" not in replies  # not the welcome card
