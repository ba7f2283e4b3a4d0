"""The held-out set: every intent in it, kept apart from the training examples, and scored by
`laget eval qa --set heldout` (its figure is recorded in docs/benchmarks.md, never a target here:
a test that demanded a number would invite tuning on it)."""

from __future__ import annotations

from collections import Counter

import pytest
from rapidfuzz import fuzz

from bot.cli.main import main
from bot.settings import Settings
from bot.understanding.evaluate import HELDOUT_FILE, SETS, load_benchmark
from bot.understanding.intents import Intent, load_examples
from bot.understanding.normalise import normalise


def test_the_heldout_set_covers_every_intent_in_both_languages() -> None:
    cases = load_benchmark(SETS["heldout"])
    counts = Counter(case.intent for case in cases)

    assert SETS["heldout"] == HELDOUT_FILE
    assert 60 <= len(cases) <= 100
    assert set(counts) == set(Intent)
    assert counts[Intent.OUT_OF_SCOPE] >= 10
    assert any(q.startswith(("kva ", "kven ", "korleis ")) for q in (c.q for c in cases))


def test_no_heldout_question_is_a_near_duplicate_of_a_training_example() -> None:
    examples = [example.text for example in load_examples()]
    close = [
        (case.q, example)
        for case in load_benchmark(HELDOUT_FILE)
        for example in examples
        if fuzz.ratio(case.q.casefold(), example.casefold()) >= 90
        or fuzz.ratio(normalise(case.q), normalise(example)) >= 90
    ]

    assert close == []


@pytest.mark.parametrize(
    ("chosen", "shown"), [([], "benchmark.yaml"), (["--set", "heldout"], "heldout.yaml")]
)
def test_laget_eval_qa_scores_the_chosen_set(
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    chosen: list[str],
    shown: str,
) -> None:
    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)

    main(["eval", "qa", *chosen])

    printed = capsys.readouterr().out
    assert f"({shown})" in printed
    cases = load_benchmark(SETS["heldout" if chosen else "benchmark"])
    inside = sum(case.intent is not Intent.OUT_OF_SCOPE for case in cases)
    assert f"in scope: {inside}, out of scope: {len(cases) - inside}" in printed
