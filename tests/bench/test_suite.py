"""The whole suite on tiny numbers: every part runs, nothing fails, the report has every section.

Only that the harness works is checked here; there are no timing assertions.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.bench.fanout import BenchConfig
from bot.bench.report import BEGIN, END, render_table, sections, update_docs
from bot.bench.suite import SuiteConfig, SuiteResult, run_suite
from bot.cli.main import main as cli
from bot.reminders.sender import Rate, RateLimits

TINY = SuiteConfig(
    clients=2,
    single_turns=3,
    concurrent_turns=2,
    dialog_single_turns=4,
    dialog_concurrent_turns=3,
    warmup_turns=2,
    profile_turns=3,
    contention_conversations=2,
    contention_turns=4,
    memory_turns=40,
    memory_step=10,
    startup_runs=1,
    scale_turns=3,
    postgres_url=os.environ.get("LAGET_TEST_POSTGRES_URL"),  # its own database, dropped after
    fanout=BenchConfig(
        targets=10, limits=RateLimits(per_tenant=(Rate(400, 1.0),)), enforced=Rate(500, 1.0)
    ),
)
SECTIONS = (
    "## Speed and scale",
    "### Turn cost",
    "### Start-up",
    "### State under contention",
    "### Two processes on one PostgreSQL database",
    "### Reminder fan-out",
    "### Memory",
    "### Where the time goes",
)


PROGRESS: list[tuple[int, str]] = []


@pytest.fixture(scope="module")
def result() -> SuiteResult:
    def heard(stage: int, what: str) -> None:
        PROGRESS.append((stage, what))

    return run_suite(TINY, command="python -m bot.bench --tiny", progress=heard)


def test_each_part_is_announced_as_it_begins(result: SuiteResult) -> None:
    assert [stage for stage, _ in PROGRESS] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert "/healthz" in PROGRESS[0][1]
    assert "PostgreSQL" in PROGRESS[5][1] and "PostgreSQL" in PROGRESS[6][1]


def test_every_turn_is_answered_as_expected(result: SuiteResult) -> None:
    assert {(f.bot, f.scenario, f.clients) for f in result.turns} == {
        (bot, scenario, clients)
        for bot in ("Laget", "echo")
        for scenario in ("qa", "qa_nb", "dialog")
        for clients in (1, 2)
    }
    assert [f.failures for f in result.turns if f.errors] == []
    assert all(f.turns > 0 and f.p50 > 0 and f.throughput > 0 for f in result.turns)


def test_contention_keeps_every_dialog(result: SuiteResult) -> None:
    sqlite = result.contention[0]
    assert sqlite.database == "SQLite"
    assert sqlite.turns == 2 * 4
    assert sqlite.clean, sqlite.failures
    postgres = result.contention[1]
    assert postgres.clean or postgres.note.startswith("not run"), postgres.failures


def test_laget_serve_is_timed_from_spawn_to_its_first_200(result: SuiteResult) -> None:
    assert result.startup.note == ""
    assert len(result.startup.runs) == 1
    assert 0 < result.startup.median < 60


def test_two_processes_on_one_postgres_database_lose_nothing(result: SuiteResult) -> None:
    scale = result.scale
    if scale.note:
        assert scale.note.startswith("not run"), scale.note
        return
    assert [phase.processes for phase in scale.phases] == [1, 2]
    assert all(phase.turns == 2 * 3 and phase.throughput > 0 for phase in scale.phases)
    assert scale.sent == 2 * 3 * 2 + 2 * 2 * 2  # the two runs and the two warm-ups
    assert scale.clean, (scale.failures, scale.logged, scale.stored, scale.sent)
    assert scale.ratio > 0


def test_fanout_memory_and_profile_are_measured(result: SuiteResult) -> None:
    assert (result.fanout.sent, result.fanout.duplicates, result.fanout.lost) == (10, 0, 0)
    assert result.memory.idle > 0
    assert result.memory.samples[-1][0] >= 40
    assert [run.bot for run in result.profiles] == ["Laget", "echo"]


def test_the_report_has_every_section_and_replaces_its_own(
    result: SuiteResult, tmp_path: Path
) -> None:
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\n## Reminder fan-out (issue: deadline reminders)\n\nkept\n")

    update_docs(docs, result)
    update_docs(docs, result)

    written = docs.read_text()
    assert written.count(BEGIN) == written.count(END) == 1
    assert "## Reminder fan-out (issue: deadline reminders)\n\nkept" in written
    for heading in SECTIONS:
        assert heading in written
    assert "python -m bot.bench --tiny" in written
    block = written.split(BEGIN, 1)[1]
    assert all(len(line) <= 100 for line in block.splitlines() if not line.startswith("|"))
    assert result.machine.cpu in sections(result)
    table, _met = render_table(result)
    for measure in (
        "Q&A turn (nb/nn), 1 client: p50",
        "Q&A turn (nb only), 1 client: server CPU per turn",
        "Dialog turn, 2 clients: throughput",
        "Start to first 200 on /healthz (median of 1)",
    ):
        assert measure in table
    assert "Contention, SQLite" in table and "Reminder fan-out" in table
    assert "Memory growth" in table and "Two processes, one PostgreSQL database" in table


def test_the_command_line_explains_itself(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli(["bench", "--help"])

    assert exit_.value.code == 0
    assert "laget bench" in capsys.readouterr().out
