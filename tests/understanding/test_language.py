"""Bokmål or nynorsk: a message's own words first, then what the user wrote last, then Teams."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.understanding.language import (
    choose_language,
    detect_language,
    language_evidence,
    locale_language,
)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hei, kva kan du hjelpe meg med?", "nn"),
        ("Eg vil fylle ut ei ny behovsmelding", "nn"),
        ("mine behovsmeldingar", "nn"),
        ("Hei, hva kan du hjelpe meg med?", "nb"),
        ("Jeg vil fylle ut en ny behovsmelding", "nb"),
        ("mine behovsmeldinger", "nb"),
        ("ja", None),
        ("2", None),
        ("Ny behovsmelding", None),
        ("Ørland kommune", None),
    ],
)
def test_a_message_tells_its_written_form_or_nothing(text: str, lang: str | None) -> None:
    assert language_evidence(text) == lang
    assert detect_language(text) == (lang or "nb")


def test_a_short_answer_keeps_the_last_language_and_a_sentence_changes_it() -> None:
    assert choose_language("ja", "nn", "nb-NO") == "nn"
    assert choose_language(None, "nn", "nb-NO") == "nn"  # a card submit has no text
    assert choose_language("Hva er rammen vår?", "nn", "nn-NO") == "nb"
    assert choose_language("Kva er ramma vår?", "nb", "nb-NO") == "nn"


def test_with_nothing_known_the_teams_locale_decides_and_bokmaal_is_the_default() -> None:
    assert choose_language("hei", None, "nn-NO") == "nn"
    assert choose_language("hei", None, "nb-NO") == "nb"
    assert choose_language("hei", None, None) == "nb"
    assert [locale_language(tag) for tag in ("nn", "nn-NO", "NN_no", "no", "en-US", "")] == [
        "nn",
        "nn",
        "nn",
        "nb",
        "nb",
        "nb",
    ]


def test_the_language_module_imports_no_channel_code() -> None:
    code = (
        "import sys, bot.understanding.language, bot.profile.model, bot.needs.answers; "
        "assert not any(m.split('.')[0] in ('botbuilder', 'aiohttp') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
