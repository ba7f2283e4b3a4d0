"""The recogniser: every intent from a fresh bokmål and nynorsk phrasing, entities, bands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.scheme import RegionData
from bot.understanding.evaluate import load_benchmark
from bot.understanding.intents import Example, Intent, load_examples
from bot.understanding.model import CHAR_NGRAMS, WORD_NGRAMS
from bot.understanding.normalise import stem
from bot.understanding.recognizer import Day, Recognizer

# Phrasings that are in neither the training examples nor the benchmark.
FRESH: dict[Intent, tuple[str, str]] = {
    Intent.DEADLINE: (
        "når må partnerskapet ha sendt inn beslutningsgrunnlaget sitt",
        "kva tid skal avgjerdsgrunnlaget vere hos samarbeidsforum",
    ),
    Intent.NEXT_DEADLINE: ("hvilken frist er det vi må rekke nå", "kva frist må me rekke no"),
    Intent.CALENDAR: ("jeg vil se hele årshjulet", "eg vil sjå heile årshjulet"),
    Intent.DAYS_LEFT: (
        "hvor mange dager er det igjen før innstillingen",
        "kor mange dagar er det att før innstillinga",
    ),
    Intent.FRAME: ("hvor mye penger får Skaun", "kor mykje pengar får Skaun"),
    Intent.COUNTY_FRAMES: ("vis rammen til hvert nettverk", "vis ramma til kvart nettverk"),
    Intent.FIXED_POSTS: (
        "hvor mye er satt av til koordinering i nettverkene",
        "kor mykje er sett av til koordinering i nettverka",
    ),
    Intent.MONEY_DISTRIBUTION: (
        "hvordan blir midlene fordelt mellom nettverkene",
        "korleis blir midlane fordelte mellom nettverka",
    ),
    Intent.FELLESTILTAK: (
        "hvor stor del av pengene går til fellestiltak",
        "kor stor del av pengane går til fellestiltak",
    ),
    Intent.JOINT_MEASURES: (
        "fortell meg om inkluderingsanalysen",
        "fortel meg om inkluderingsanalysen",
    ),
    Intent.WHO_DOES_WHAT: (
        "hva gjør samarbeidsforum i ordningen",
        "kva gjer samarbeidsforum i ordninga",
    ),
    Intent.COORDINATOR_TASKS: (
        "hva er oppgavene til koordinatoren vår",
        "kva er oppgåvene til koordinatoren vår",
    ),
    Intent.CONDITIONS: (
        "hvilke kriterier må beslutningsgrunnlaget oppfylle",
        "kva kriterium må avgjerdsgrunnlaget oppfylle",
    ),
    Intent.TARGET_GROUP: ("hvem er målgruppen for satsingen", "kven er målgruppa for satsinga"),
    Intent.FIVE_PARTS: (
        "hvilke fem deler har kompetanseløftet",
        "kva fem delar har kompetanseløftet",
    ),
    Intent.TOPICS: ("kan vi velge språkvansker som tema", "kan me velje språkvanskar som tema"),
    Intent.ALLOWED_USE: (
        "hva kan vi bruke midlene til",
        "kva kan me bruke midlane til",
    ),
    Intent.EGENANDEL: ("må kommunen ha egenandel", "må kommunen ha eigenandel"),
    Intent.PRIVATE_OWNERS: (
        "kan private barnehager være med i kompetanseløftet",
        "kan private barnehagar vere med i kompetanseløftet",
    ),
    Intent.REKOM_DEKOM: (
        "hva er forskjellen på Rekom og kompetanseløftet",
        "kva er skilnaden på Rekom og kompetanseløftet",
    ),
    Intent.GOALS: ("hva er målet med ordningen", "kva er målet med ordninga"),
    Intent.NEEDS_REPORT: (
        "hva er det en behovsmelding skal inneholde",
        "kva er det ei behovsmelding skal innehalde",
    ),
    Intent.DECISION_BASIS: (
        "hva er egentlig et beslutningsgrunnlag for noe",
        "kva er eigentleg eit avgjerdsgrunnlag for noko",
    ),
    Intent.HOW_TO_APPLY: ("hvor sender vi søknad om midler", "kvar sender me søknad om midlar"),
    Intent.UH_PARTNER: (
        "må vi ha et universitet med i partnerskapet",
        "må me ha eit universitet med i partnarskapet",
    ),
    Intent.SCHOOL_ABSENCE: (
        "kan kompetanseløftet gi penger til tiltak mot skolefravær",
        "kan kompetanseløftet gje pengar til tiltak mot skulefråvær",
    ),
    Intent.WITHIN_FRAME: (
        "kan vi bruke mer penger enn rammen vår",
        "kan me bruke meir pengar enn ramma vår",
    ),
    Intent.HELP: ("hva kan du hjelpe oss med", "kva kan du hjelpe oss med"),
    Intent.GREETING: ("hallo og god morgen", "hei og god morgon"),
    Intent.SET_NETWORK: ("jeg jobber i Skaun kommune", "eg jobbar i Skaun kommune"),
    Intent.UNKNOWN_ANSWER: (
        "når blir tilskuddet betalt ut til oss",
        "når blir tilskotet betalt ut til oss",
    ),
}


def test_every_in_scope_intent_has_fresh_phrasings() -> None:
    assert set(FRESH) == set(Intent) - {Intent.OUT_OF_SCOPE}


@pytest.mark.parametrize("intent", list(FRESH), ids=lambda i: i.value)
def test_each_intent_is_recognised_in_bokmaal_and_nynorsk(
    recognizer: Recognizer, intent: Intent
) -> None:
    bokmaal, nynorsk = FRESH[intent]
    nb = recognizer.recognize(bokmaal)
    nn = recognizer.recognize(nynorsk)

    assert (nb.intent, nb.band) == (intent, "answer"), nb.intents[:3]
    assert (nn.intent, nn.band) == (intent, "answer"), nn.intents[:3]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kva tid er fristen for avgjerdsgrunnlaget?", "nn"),
        ("Kor mykje får me?", "nn"),
        ("Kven er målgruppa?", "nn"),
        ("Når er fristen for beslutningsgrunnlaget?", "nb"),
        ("Hvor mye får vi?", "nb"),
        ("frist BG", "nb"),
    ],
)
def test_answers_in_the_form_the_user_writes(recognizer: Recognizer, text: str, lang: str) -> None:
    assert recognizer.recognize(text).lang == lang


def test_a_network_is_found_by_a_member_municipality(recognizer: Recognizer) -> None:
    found = recognizer.recognize("Hvor mye får Ørland?")

    assert found.intent is Intent.FRAME
    assert found.entities.network is not None
    assert found.entities.network.id == "fosen"
    assert found.entities.place == "Ørland"


def test_an_unknown_place_is_kept_but_no_network_is_guessed(recognizer: Recognizer) -> None:
    found = recognizer.recognize("Hvor mye får Bergen?")

    assert found.intent is Intent.FRAME
    assert found.entities.network is None
    assert found.entities.place == "Bergen"


@pytest.mark.parametrize(
    ("text", "step_id"),
    [
        ("når er fristen for BG", "beslutningsgrunnlag"),
        ("kva tid er fristen for avgjerdsgrunnlaget", "beslutningsgrunnlag"),
        ("frist behovsmelding", "behovsmelding"),
        ("når må innstillingen sendes", "innstilling"),
        ("når kommer vedtaket", "vedtak"),
        ("når skal vi rapportere", "rapportering"),
        ("når bør egenvurderingen være ferdig", "egen-vurdering"),
    ],
)
def test_the_step_is_an_entity(recognizer: Recognizer, text: str, step_id: str) -> None:
    found = recognizer.recognize(text)

    assert found.intent is Intent.DEADLINE
    assert found.entities.step_id == step_id


def test_year_and_day_are_entities(recognizer: Recognizer) -> None:
    found = recognizer.recognize("hvor mange dager er det til 1. februar 2027")

    assert found.intent is Intent.DAYS_LEFT
    assert found.entities.year == 2027
    assert found.entities.date == Day(1, 2, 2027)
    assert recognizer.recognize("frist 15.3").entities.date == Day(15, 3)
    assert recognizer.recognize("frist 31.2").entities.date is None


@pytest.mark.parametrize(
    "text",
    [
        "fristen for å søke barnehageplass",
        "når er skolestart",
        "lønn for lærere",
        "når er fristen for å søke om permisjon",
        "hvor mye koster SFO i Malvik",
    ],
)
def test_near_domain_questions_fall_back(recognizer: Recognizer, text: str) -> None:
    found = recognizer.recognize(text)

    assert found.band == "fallback", found.intents[:3]


def test_a_suggestion_offers_in_scope_intents_and_the_closest_example(
    recognizer: Recognizer,
) -> None:
    found = recognizer.recognize("frister og rammer")

    assert Intent.OUT_OF_SCOPE not in found.suggestions()
    assert len(found.suggestions()) == 3
    assert found.matched in {e.text for e in load_examples() if e.intent is found.intent}
    assert [p for _, p in found.intents] == sorted((p for _, p in found.intents), reverse=True)


def test_set_network_needs_the_asker_and_a_place(recognizer: Recognizer) -> None:
    assert recognizer.recognize("vi hører til Fosen").intent is Intent.SET_NETWORK
    assert recognizer.recognize("hvem er ordfører i Fosen").intent is not Intent.SET_NETWORK


def test_it_can_be_built_from_other_examples(region: RegionData) -> None:
    examples = [
        Example(text, intent, "nb")
        for intent, texts in {
            Intent.DEADLINE: ["når er fristen for beslutningsgrunnlaget", "frist innstilling"],
            Intent.GOALS: ["hva er målet", "hvorfor finnes ordningen"],
            Intent.OUT_OF_SCOPE: ["hva blir været", "når er skolestart"],
        }.items()
        for text in texts
    ]
    small = Recognizer(region, examples)

    assert small.recognize("frist for beslutningsgrunnlag").intent is Intent.DEADLINE


def test_the_language_core_imports_no_channel_code() -> None:
    code = (
        "import sys, bot.understanding.recognizer, bot.understanding.knowledge, "
        "bot.understanding.evaluate; "
        "assert not any(m.split('.')[0] in ('botbuilder', 'aiohttp') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_gets_a_ranked_verdict(recognizer: Recognizer, text: str) -> None:
    found = recognizer.recognize(text)

    scores = [p for _, p in found.intents]
    assert scores == sorted(scores, reverse=True)
    assert abs(sum(scores) - 1) < 1e-6
    assert len(found.intents) == len(Intent)
    assert found.band in {"answer", "suggest", "fallback"}
    assert found.lang in {"nb", "nn"}


def test_one_message_gets_exactly_the_features_sklearn_would_give(
    recognizer: Recognizer, region: RegionData
) -> None:
    # The hand-applied TF-IDF of a single message must equal sklearn's transform, or the
    # classifier would see other numbers than it was trained on.
    from scipy.sparse import hstack  # type: ignore[import-untyped]  # noqa: PLC0415
    from sklearn.feature_extraction.text import (  # type: ignore[import-untyped]  # noqa: PLC0415
        TfidfVectorizer,
    )

    prepare = recognizer._prepare  # noqa: SLF001  (white-box: two transforms)
    trained = [prepare(example.text)[0] for example in load_examples()]
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True)
    words = TfidfVectorizer(
        analyzer="word", ngram_range=WORD_NGRAMS, sublinear_tf=True, token_pattern=r"\S+"
    )
    chars.fit(trained)
    words.fit([stem(text) for text in trained])
    assert chars.vocabulary_ == recognizer.model.chars
    texts = [example.text for example in load_examples()]
    texts += [case.q for case in load_benchmark()]
    texts += ["", "!!!", "ærlig talt, hvem vet?", "x" * 300]
    for text in texts:
        prepared = prepare(text)[0]
        expected = hstack(
            [chars.transform([prepared]), words.transform([stem(prepared)])], format="csr"
        ).toarray()[0]
        columns, values = recognizer.model.features(prepared, stem(prepared))
        actual = np.zeros(recognizer.model.width)
        actual[columns] = values
        assert np.allclose(actual, expected, atol=1e-12), text


def test_a_cached_model_gives_the_same_verdicts_and_serving_needs_no_sklearn(
    recognizer: Recognizer, region: RegionData, tmp_path: Path
) -> None:
    code = (
        "import sys; from bot.scheme import load_region; "
        "from bot.understanding.recognizer import Recognizer; "
        "r = Recognizer(load_region()); "
        "print(r.recognize('når er fristen for beslutningsgrunnlaget?').intent.value); "
        "print(any(m.split('.')[0] in ('sklearn', 'scipy') for m in sys.modules)); "
        "print('numpy' in sys.modules)"
    )
    env = {**os.environ, "LAGET_MODEL_DIR": str(tmp_path)}
    first = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    )
    assert first.stdout.split() == ["deadline", "True", "True"]  # no file yet: fitted, cached
    assert len(list(tmp_path.glob("recognizer-*.model"))) == 1
    second = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    )
    assert second.stdout.split() == ["deadline", "False", "False"]  # read from the file
    fresh = Recognizer(region, cache=False)
    for case in load_benchmark():
        cached, fitted = recognizer.recognize(case.q), fresh.recognize(case.q)
        assert [i for i, _ in cached.intents] == [i for i, _ in fitted.intents], case.q
        assert np.allclose([p for _, p in cached.intents], [p for _, p in fitted.intents])
        assert (cached.band, cached.matched) == (fitted.band, fitted.matched), case.q
