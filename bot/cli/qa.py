"""`laget qa misses` (questions the bot missed, for review) and `laget eval qa` (the benchmark)."""

from __future__ import annotations

import argparse
import time
from typing import Any

from rich.console import Console
from rich.table import Table

from bot.scheme import RegionData, load_region
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.migrate import upgrade_async
from bot.store.qa import QaLog
from bot.understanding.evaluate import SETS, evaluate, load_benchmark
from bot.understanding.recognizer import Recognizer


def add_commands(commands: Any) -> None:
    """Register `laget qa misses` and `laget eval qa`."""
    qa = commands.add_parser("qa", help="spørsmål og svar").add_subparsers(
        dest="qa_command", required=True
    )
    misses = qa.add_parser("misses", help="spørsmål boten ikke klarte, til gjennomgang")
    misses.add_argument("--limit", type=int, default=100)
    evaluate_parser = commands.add_parser("eval", help="mål kvaliteten").add_subparsers(
        dest="eval_command", required=True
    )
    model = commands.add_parser("model", help="spørsmålsgjenkjenneren").add_subparsers(
        dest="model_command", required=True
    )
    model.add_parser(
        "build",
        help="tilpass modellen og legg den i hurtiglageret (LAGET_MODEL_DIR), så serveren "
        "starter uten scikit-learn",
    )
    eval_qa = evaluate_parser.add_parser("qa", help="kjør spørsmålssettet og skriv tallene")
    eval_qa.add_argument(
        "--set",
        choices=sorted(SETS),
        default="benchmark",
        dest="cases",
        help="benchmark (utviklingssettet, standard) eller heldout (holdt utenfor, kjøres én gang)",
    )


async def run_misses(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """List the missed questions, newest first."""
    await upgrade_async(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        found = await QaLog(engine).misses(limit=args.limit)
    finally:
        await engine.dispose()
    if not found:
        console.print("Ingen bommede spørsmål er registrert.")
        return 0
    table = Table(title="Spørsmål boten ikke klarte")
    for column in ("Tid", "Spørsmål", "Tolket som", "Sikkerhet", "Hvorfor"):
        table.add_column(column, overflow="fold")
    for asked in found:
        why = "👎" if asked.feedback == "down" else ("ingen passet" if asked.missed else "fallback")
        table.add_row(
            f"{asked.asked_at:%Y-%m-%d %H:%M}",
            asked.text or "(fjernet: inneholdt et fødselsnummer)",
            asked.intent,
            f"{asked.score:.2f}",
            why,
        )
    console.print(table)
    return 0


def run_eval(region: RegionData, console: Console, cases: str = "benchmark") -> int:
    """Train, run a labelled set (`SETS`: the benchmark or the held-out set), print the
    figures; exit 1 when a target is missed."""
    started = time.perf_counter()
    recognizer = Recognizer(region)
    build_ms = (time.perf_counter() - started) * 1000
    console.print(f"spørsmålssett: {cases} ({SETS[cases].name})")
    report = evaluate(recognizer, load_benchmark(SETS[cases]))
    for miss in report.misses:
        top = ", ".join(f"{i.value} {p:.2f}" for i, p in miss.got.intents[:3])
        console.print(f"bom [{miss.case.intent.value}] {miss.case.q!r} → {miss.got.band}: {top}")
    console.print(report.summary())
    console.print(f"modellbygging: {build_ms:.0f} ms")
    met = (
        report.answered_right >= 0.95
        and report.confident_out_of_scope <= 0.02
        and report.p95_ms < 30
    )
    console.print("Målene er nådd." if met else "Et mål er IKKE nådd.")
    return 0 if met else 1


async def run_model(_args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """`laget model build`: the recogniser's model fitted (or found) and kept in its cache."""
    with console.status("Tilpasser modellen …"):
        recognizer = Recognizer(load_region(settings.data_dir))
    console.print(f"Modellen ligger i {recognizer.cache_path}.", soft_wrap=True)
    return 0
