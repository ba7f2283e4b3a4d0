"""Norwegian normalisation: case, punctuation, æøå, abbreviations, nynorsk, typos, stems."""

from __future__ import annotations

import pytest

from bot.understanding.normalise import common_stems, normalise, stem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # case, punctuation and whitespace
        ("  Når   er FRISTEN?! ", "når er fristen"),
        ("Trondheim/Malvik – ramme", "trondheim malvik ramme"),
        # æ/ø/å typed without them
        ("naar maa vi levere", "når må vi levere"),
        ("hvor mye far vi", "hvor mye får vi"),
        ("kompetanseloeftet", "kompetanseløftet"),
        # abbreviations
        ("Når er BG-fristen", "når er beslutningsgrunnlag fristen"),
        ("frist for BG", "frist for beslutningsgrunnlag"),
        ("SF fatter vedtak", "statsforvalteren fatter vedtak"),
        ("PP-tjenesten og PPT", "ppt og ppt"),
        ("UH", "uh"),
        ("Rekomp ReKomp Rekom", "rekom rekom rekom"),
        ("Dekomp DeKom dekom", "dekom dekom dekom"),
        ("KO-løftet", "kompetanseløftet"),
        ("ko løftet", "kompetanseløftet"),
        # nynorsk → bokmål
        ("kva er fristen", "hva er fristen"),
        ("kven sender avgjerdsgrunnlaget", "hvem sender beslutningsgrunnlaget"),
        ("kor mykje tilskot får eigar", "hvor mye tilskudd får eier"),
        ("kva tid skal tilsette i PP-tenesta", "når skal ansatte i ppt"),
        ("høgskule statsforvaltaren grunntilskot", "høgskole statsforvalteren grunntilskudd"),
        ("elevtal inkluderande", "elevtall inkluderende"),
        # misspellings
        ("beslutnigsgrunnlaget", "beslutningsgrunnlaget"),
        ("behovsmeldning", "behovsmelding"),
        ("kordinatoren", "koordinatoren"),
        # the scheme's full name is one canonical word
        ("Kompetanseløftet for spesialpedagogikk og inkluderende praksis", "kompetanseløftet"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_ambiguous_ascii_spellings_are_left_alone() -> None:
    assert normalise("for") == "for"
    assert normalise("fristen for BG") == "fristen for beslutningsgrunnlag"


def test_ordinary_words_are_not_bent_into_domain_words() -> None:
    assert normalise("barnehageplass skolestart lønn") == "barnehageplass skolestart lønn"


def test_stem_reduces_inflections_to_one_form() -> None:
    assert stem("fristene") == stem("frist")
    assert stem(normalise("ramma")) == stem("rammen")
    assert stem("nettverkene") == stem("nettverk")


def test_everyday_words_are_known() -> None:
    common = common_stems()
    assert {stem("hvor"), stem("gjelder"), stem("senest")} <= common
    assert stem("karakterene") not in common
