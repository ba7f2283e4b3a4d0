"""The scheme's shared words: the twelve topics (seed 003, footnote 3) and the UH partners.

The behovsmelding and the beslutningsgrunnlag pick from the same lists, stored by key.
"""

from __future__ import annotations

from bot.scheme.models import Localized


def same(text: str) -> Localized:
    """A text written the same way in bokmål and nynorsk (a name, a number)."""
    return Localized(nb=text, nn=text)


TOPICS: dict[str, Localized] = {
    "adhd": Localized(
        nb="ADHD (aktivitetsnivå, konsentrasjon og oppmerksomhet)",
        nn="ADHD (aktivitetsnivå, konsentrasjon og merksemd)",
    ),
    "sprak-tale": Localized(nb="Språk- og talevansker", nn="Språk- og talevanskar"),
    "lese-skrive": Localized(nb="Lese- og skrivevansker", nn="Lese- og skrivevanskar"),
    "matematikk": Localized(nb="Matematikkvansker", nn="Matematikkvanskar"),
    "atferd": Localized(nb="Atferdsvansker", nn="Åtferdsvanskar"),
    "sammensatte": Localized(nb="Sammensatte lærevansker", nn="Samansette lærevanskar"),
    "sprakutvikling-bhg": Localized(
        nb="Forsinket språkutvikling og språkvansker (barnehage)",
        nn="Forseinka språkutvikling og språkvanskar (barnehage)",
    ),
    "sosio-emosjonelle": Localized(nb="Sosio-emosjonelle vansker", nn="Sosioemosjonelle vanskar"),
    "autisme": Localized(nb="Autismespekterforstyrrelser", nn="Autismespekterforstyrringar"),
    "skolefravaer": Localized(nb="Alvorlig skolefravær", nn="Alvorleg skulefråvær"),
    "syn-audio": same("Syns- og audiopedagogikk"),
    "ask": Localized(
        nb="ASK (alternativ og supplerende kommunikasjon)",
        nn="ASK (alternativ og supplerande kommunikasjon)",
    ),
}
UH_PARTNERS = {
    "dmmh": same("DMMH"),
    "nord": same("Nord universitet"),
    "ntnu": same("NTNU"),
    "annen": Localized(nb="Annen / vet ikke ennå", nn="Anna / veit ikkje enno"),
}
