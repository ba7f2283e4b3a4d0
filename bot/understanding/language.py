"""Bokmål or nynorsk? Counted from words that only one of the two written forms uses.

`detect_language` answers for one question (bokmål when the words do not tell). A conversation
needs more: `language_evidence` says whether a message tells at all, so a short answer («ja»,
«2») keeps the language of the user's last real sentence, and `choose_language` falls back on
what was remembered and then on the Teams locale.
"""

from __future__ import annotations

import re

from bot.scheme import Lang

_NYNORSK_WORDS = """kva kven korleis kor kvifor ikkje eg me dykk dei frå mykje noko berre sjå
høyrer eigar eigarar tilsette skule skular tilskot grunntilskot elevtal barnetal avgjerdsgrunnlag
avgjerdsgrunnlaget statsforvaltaren inkluderande nettverka kjem vere eit sendast fristane pengane
dagar heile brukast leverast ein nokon nokre gjere gjer treng ønskjer spørje velje veit sjølv
saman vidare enno behovsmeldinga behovsmeldingar meldinga meldingar tenesta tenester barnehagar
skulen lærarar leiarar leiar jobbar arbeidsstad dykkar òg hjå heilt ramma vedteken vedtekne bunde
rapportar avgjerdsgrunnlaga opne eigenandel eigen eige eigne"""
_BOKMAAL_WORDS = """hva hvem hvordan hvor hvorfor ikke jeg dere de fra mye noe bare se hører
eier eiere ansatte skole skoler tilskudd grunntilskudd elevtall barnetall rammen
beslutningsgrunnlag beslutningsgrunnlaget statsforvalteren inkluderende nettverkene kommer være
et fristene dager hele en noen gjøre gjør trenger ønsker spørre velge vet selv sammen videre
ennå behovsmeldingen behovsmeldinger meldingen meldinger tjenesten tjenester barnehager skolen
lærere ledere leder jobber arbeidssted deres hvilken hvilke hvilket vedtatt bundet
rapporter åpne egenandel egen eget egne"""
_NYNORSK = frozenset(_NYNORSK_WORDS.split())
_BOKMAAL = frozenset(_BOKMAAL_WORDS.split())
_WORDS = re.compile(r"[a-zæøåéüò]+(?:-[a-zæøåéüò]+)*")


def language_evidence(text: str) -> Lang | None:
    """The written form `text` shows, or None when its words do not tell (or tell both)."""
    words = _WORDS.findall(text.casefold())
    nynorsk = sum(word in _NYNORSK for word in words)
    bokmaal = sum(word in _BOKMAAL for word in words)
    if nynorsk == bokmaal:
        return None
    return "nn" if nynorsk > bokmaal else "nb"


def detect_language(text: str) -> Lang:
    """ "nn" when the text has more nynorsk-only words than bokmål-only words, else "nb"."""
    return language_evidence(text) or "nb"


def locale_language(locale: str | None) -> Lang:
    """ "nn" for a nynorsk locale as Teams sends it ("nn-NO", "nn"), else "nb"."""
    tag = (locale or "").replace("_", "-").casefold()
    return "nn" if tag == "nn" or tag.startswith("nn-") else "nb"


def choose_language(text: str | None, remembered: Lang | None, locale: str | None) -> Lang:
    """The language to reply in: the message's own, else the user's last, else the locale's."""
    return language_evidence(text or "") or remembered or locale_language(locale)
