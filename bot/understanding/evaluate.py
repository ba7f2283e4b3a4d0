"""How well the recogniser does on the labelled benchmark (data/benchmark.yaml).

Run it: `.venv/bin/laget eval qa` or `.venv/bin/python -m bot.understanding.evaluate` (prints
the figures and the misses); add `--set heldout` for the held-out set (data/heldout.yaml).
The benchmark is written separately from the training examples, as staff would write: bokmål,
nynorsk, typos, abbreviations, lower case, no punctuation, and near-domain questions the bot must
not answer. Only an "answer" band with the right intent counts as correct; a right top intent in
the "suggest" band is reported separately. Out-of-scope questions must never get an "answer".

The benchmark is also the development set: training examples were added while watching it. The
held-out set is written after a round of changes, in the same file format, and scored once: it
is never tuned on, so it is the honest figure for questions nobody has seen.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from bot.understanding.intents import DATA_DIR, Intent
from bot.understanding.recognizer import Recognition, Recognizer

BENCHMARK_FILE = DATA_DIR / "benchmark.yaml"
HELDOUT_FILE = DATA_DIR / "heldout.yaml"
SETS = {"benchmark": BENCHMARK_FILE, "heldout": HELDOUT_FILE}  # the labelled sets, by name


class Case(BaseModel):
    """One labelled benchmark question, with the entities it names (when it names any)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    q: str
    intent: Intent
    step: str | None = None
    network: str | None = None


class _BenchmarkFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cases: list[Case]


@dataclass(frozen=True)
class Miss:
    """A benchmark question the recogniser got wrong (or was unsure of)."""

    case: Case
    got: Recognition


@dataclass(frozen=True)
class EvalReport:
    """The figures for one run over the benchmark."""

    in_scope: int
    out_of_scope: int
    answered_right: float  # in scope: band "answer" and the right intent
    top1_right: float  # in scope: right top intent in band "answer" or "suggest"
    confident_out_of_scope: float  # out of scope: band "answer"
    fallback_rate: float  # in scope: band "fallback"
    entities_right: float | None  # of the cases with labelled entities (None: there are none)
    p50_ms: float
    p95_ms: float
    misses: list[Miss]

    def summary(self) -> str:
        """The figures on a few lines (English: this is a developer report)."""
        return "\n".join(
            [
                f"in scope: {self.in_scope}, out of scope: {self.out_of_scope}",
                f"correct answers in scope (band answer + right intent): {self.answered_right:.1%}",
                f"right top intent, answer or suggest band: {self.top1_right:.1%}",
                f"confident answers to out-of-scope: {self.confident_out_of_scope:.1%}",
                f"fallback rate in scope: {self.fallback_rate:.1%}",
                "entities right: "
                + ("n/a" if self.entities_right is None else f"{self.entities_right:.1%}"),
                f"latency p50 {self.p50_ms:.2f} ms, p95 {self.p95_ms:.2f} ms",
            ]
        )


def load_benchmark(path: Path = BENCHMARK_FILE) -> list[Case]:
    """The labelled questions of `path` (default: the benchmark; `SETS` names the others)."""
    with path.open(encoding="utf-8") as file:
        return _BenchmarkFile.model_validate(yaml.safe_load(file)).cases


def evaluate(recognizer: Recognizer, cases: Sequence[Case]) -> EvalReport:
    """Run every case through `recognizer` and compute the figures (see `EvalReport`)."""
    inside = outside = answered = top1 = confident = fallback = 0
    with_entities = entities_right = 0
    latencies: list[float] = []
    misses: list[Miss] = []
    for case in cases:
        started = time.perf_counter()
        got = recognizer.recognize(case.q)
        latencies.append((time.perf_counter() - started) * 1000)
        if case.step is not None or case.network is not None:
            with_entities += 1
            network = got.entities.network.id if got.entities.network else None
            step_ok = case.step is None or got.entities.step_id == case.step
            entities_right += step_ok and (case.network is None or network == case.network)
        if case.intent is Intent.OUT_OF_SCOPE:
            outside += 1
            confident += got.band == "answer"
            if got.band == "answer":
                misses.append(Miss(case, got))
            continue
        inside += 1
        right = got.intent is case.intent
        answered += right and got.band == "answer"
        top1 += right and got.band != "fallback"
        fallback += got.band == "fallback"
        if not (right and got.band == "answer"):
            misses.append(Miss(case, got))
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return EvalReport(
        in_scope=inside,
        out_of_scope=outside,
        answered_right=answered / max(inside, 1),
        top1_right=top1 / max(inside, 1),
        confident_out_of_scope=confident / max(outside, 1),
        fallback_rate=fallback / max(inside, 1),
        entities_right=entities_right / with_entities if with_entities else None,
        p50_ms=cuts[49],
        p95_ms=cuts[94],
        misses=misses,
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Build the recogniser for the default region, run a labelled set, print the figures."""
    import argparse  # noqa: PLC0415  (only the command line needs it)

    from bot.scheme import load_region  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="python -m bot.understanding.evaluate")
    parser.add_argument("--set", choices=sorted(SETS), default="benchmark", dest="cases")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    recognizer = Recognizer(load_region())
    build_ms = (time.perf_counter() - started) * 1000
    report = evaluate(recognizer, load_benchmark(SETS[args.cases]))
    for miss in report.misses:
        top = ", ".join(f"{i.value} {p:.2f}" for i, p in miss.got.intents[:3])
        print(f"MISS [{miss.case.intent.value}] {miss.case.q!r} → {miss.got.band}: {top}")  # noqa: T201
    print(report.summary())  # noqa: T201
    print(f"model build {build_ms:.0f} ms")  # noqa: T201


if __name__ == "__main__":
    main()
