"""The benchmark: large enough, kept apart from the training examples, and its targets met."""

from __future__ import annotations

from collections import Counter

from rapidfuzz import fuzz

from bot.understanding.evaluate import evaluate, load_benchmark
from bot.understanding.intents import Intent, load_examples
from bot.understanding.normalise import normalise
from bot.understanding.recognizer import Recognizer


def test_the_benchmark_is_large_and_covers_every_intent() -> None:
    cases = load_benchmark()
    counts = Counter(case.intent for case in cases)

    assert len(cases) >= 260
    assert set(counts) == set(Intent)
    assert counts[Intent.OUT_OF_SCOPE] >= 50


def test_no_benchmark_question_is_a_near_duplicate_of_a_training_example() -> None:
    examples = [example.text for example in load_examples()]
    close = [
        (case.q, example)
        for case in load_benchmark()
        for example in examples
        if fuzz.ratio(case.q.casefold(), example.casefold()) >= 90
        or fuzz.ratio(normalise(case.q), normalise(example)) >= 90
    ]

    assert close == []


def test_the_benchmark_targets_are_met(recognizer: Recognizer) -> None:
    report = evaluate(recognizer, load_benchmark())

    assert report.answered_right >= 0.95, report.summary()
    assert report.confident_out_of_scope <= 0.02, report.summary()
    assert report.entities_right is not None and report.entities_right >= 0.95, report.summary()
    assert report.in_scope + report.out_of_scope == len(load_benchmark())
