"""Bokmål or nynorsk? Counted from words that only one of the two written forms uses."""

from __future__ import annotations

import re

from bot.scheme import Lang

_NYNORSK_WORDS = """kva kven korleis kor kvifor ikkje eg me dykk dei frå mykje noko berre sjå
høyrer eigar eigarar tilsette skule skular tilskot grunntilskot elevtal barnetal avgjerdsgrunnlag
avgjerdsgrunnlaget statsforvaltaren inkluderande nettverka kjem vere eit sendast fristane pengane
dagar heile brukast leverast"""
_BOKMAAL_WORDS = """hva hvem hvordan hvor hvorfor ikke jeg dere de fra mye noe bare se hører
eier eiere ansatte skole skoler tilskudd grunntilskudd elevtall barnetall rammen
beslutningsgrunnlag beslutningsgrunnlaget statsforvalteren inkluderende nettverkene kommer være
et fristene dager hele"""
_NYNORSK = frozenset(_NYNORSK_WORDS.split())
_BOKMAAL = frozenset(_BOKMAAL_WORDS.split())
_WORDS = re.compile(r"[a-zæøåéü]+(?:-[a-zæøåéü]+)*")


def detect_language(text: str) -> Lang:
    """ "nn" when the text has more nynorsk-only words than bokmål-only words, else "nb"."""
    words = _WORDS.findall(text.casefold())
    nynorsk = sum(word in _NYNORSK for word in words)
    bokmaal = sum(word in _BOKMAAL for word in words)
    return "nn" if nynorsk > bokmaal else "nb"
