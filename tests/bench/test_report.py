"""The table's targets (issue 17), checked against made-up figures: no server runs here."""

from __future__ import annotations

from dataclasses import replace

from bot.bench.fanout import BenchConfig, BenchResult
from bot.bench.load import Scenario
from bot.bench.report import MIB, Machine, Row, render_table, sections, summary_rows
from bot.bench.server import LoggedErrors
from bot.bench.suite import (
    ContentionFigures,
    MemoryFigures,
    ScaleFigures,
    ScalePhase,
    StartupFigures,
    SuiteConfig,
    SuiteResult,
    TurnFigures,
)

ECHO_P50 = 0.002
ECHO_CPU = 0.001
ECHO_THROUGHPUT = 1000.0


def _turns(scenario: Scenario, ratio: float, *, p95: float, share: float) -> list[TurnFigures]:
    """Echo and Laget at 1 and 16 clients; Laget's p50 and CPU `ratio` × the echo's (1 client),
    its p95 `p95` and its throughput `share` of the echo's (16 clients)."""
    figures = []
    for clients in (1, 16):
        echo = TurnFigures(
            "echo", scenario, clients, 100, ECHO_P50, ECHO_P50 * 2, ECHO_THROUGHPUT, ECHO_CPU, 0
        )
        laget = replace(
            echo,
            bot="Laget",
            p50=ECHO_P50 * ratio,
            cpu_per_turn=ECHO_CPU * ratio,
            p95=p95,
            throughput=ECHO_THROUGHPUT * share,
        )
        figures += [echo, laget]
    return figures


def _result(
    *,
    qa: float = 2.5,
    qa_nb: float = 2.5,
    dialog: float = 4.0,
    p95: float = 0.059,
    share: float = 0.4,
    idle: int = 150 * MIB,
    startup: StartupFigures | None = None,
    scale: ScaleFigures | None = None,
) -> SuiteResult:
    """A run in which every target is just met, unless told otherwise."""
    one = ScalePhase(1, 960, 6.0, 0.1, 5.0, 1.0, 0.9)
    two = ScalePhase(2, 960, 3.75, 0.1, 5.0, 1.0, 1.0)  # 160/s against 256/s: 1.6×
    return SuiteResult(
        config=SuiteConfig(),
        machine=Machine("Test CPU", 2, 8 * 2**30, 0.5),
        date="2026-12-01",
        command="laget bench --test",
        seconds=60.0,
        turns=_turns("qa", qa, p95=p95, share=share)
        + _turns("qa_nb", qa_nb, p95=p95, share=share)
        + _turns("dialog", dialog, p95=p95, share=share),
        contention=[ContentionFigures("SQLite", 50, 20, turns=1000, seconds=7.0)],
        startup=startup or StartupFigures([1.2, 1.5, 1.6]),
        scale=scale or ScaleFigures(16, 60, [one, two], sent=1960, stored=1960),
        fanout=BenchResult(
            targets=500,
            sent=500,
            posts=500,
            duplicates=0,
            lost=0,
            throttled=0,
            seconds=11.0,
            send_rate=46.0,
            allowed_rate=50.0,
            states={"sent": 500},
        ),
        memory=MemoryFigures(idle=idle, samples=[(5000, 160 * MIB), (10000, 161 * MIB)]),
        profiles=[],
        logged=LoggedErrors(),
    )


def _rows(result: SuiteResult) -> dict[str, Row]:
    return {row.measure: row for row in summary_rows(result)}


def _missed(result: SuiteResult) -> list[str]:
    return [row.measure for row in summary_rows(result) if row.met is False]


def test_figures_just_within_every_target_meet_them_all() -> None:
    result = _result()

    table, met = render_table(result)

    assert _missed(result) == []
    assert met
    assert "**missed**" not in table
    assert BenchConfig().targets == result.fanout.targets


def test_one_client_q_and_a_may_cost_two_and_a_half_times_the_echo_dialog_four() -> None:
    rows = _rows(_result())
    for label in ("Q&A turn (nb/nn)", "Q&A turn (nb only)"):
        for figure in ("p50", "server CPU per turn"):
            row = rows[f"{label}, 1 client: {figure}"]
            assert (row.target, row.ratio, row.met) == ("≤ 2.5×", "2.50×", True)
    assert rows["Dialog turn, 1 client: server CPU per turn"].target == "≤ 4×"

    assert _missed(_result(qa=2.6)) == [
        "Q&A turn (nb/nn), 1 client: p50",
        "Q&A turn (nb/nn), 1 client: server CPU per turn",
    ]
    assert _missed(_result(qa_nb=2.6)) == [
        "Q&A turn (nb only), 1 client: p50",
        "Q&A turn (nb only), 1 client: server CPU per turn",
    ]
    assert _missed(_result(dialog=4.1)) == [
        "Dialog turn, 1 client: p50",
        "Dialog turn, 1 client: server CPU per turn",
    ]


def test_many_clients_need_p95_under_60_ms_and_two_fifths_of_the_echo_throughput() -> None:
    rows = _rows(_result())
    assert rows["Q&A turn (nb only), 16 clients: p95"].target == "< 60 ms"
    assert rows["Dialog turn, 16 clients: throughput"].target == "≥ 40%"

    labels = ("Q&A turn (nb/nn)", "Q&A turn (nb only)", "Dialog turn")
    assert _missed(_result(p95=0.060)) == [f"{label}, 16 clients: p95" for label in labels]
    assert _missed(_result(share=0.39)) == [f"{label}, 16 clients: throughput" for label in labels]


def test_figures_without_a_target_stay_in_the_table() -> None:
    rows = _rows(_result(qa=10.0, p95=1.0, share=0.01))
    for measure in (
        "Q&A turn (nb/nn), 1 client: p95",
        "Q&A turn (nb/nn), 1 client: throughput",
        "Q&A turn (nb/nn), 16 clients: p50",
        "Q&A turn (nb/nn), 16 clients: server CPU per turn",
        "Memory after 5000 turns",
    ):
        assert (rows[measure].target, rows[measure].met) == ("", None)


def test_a_ratio_against_an_echo_figure_of_zero_is_missed_not_met() -> None:
    result = _result()
    turns = [
        replace(f, cpu_per_turn=0.0) if (f.bot, f.clients) == ("echo", 1) else f
        for f in result.turns
    ]
    rows = _rows(replace(result, turns=turns))

    row = rows["Q&A turn (nb/nn), 1 client: server CPU per turn"]
    assert (row.ratio, row.met) == ("inf×", False)


def test_idle_memory_at_most_150_mib() -> None:
    row = _rows(_result())["Memory (VmRSS) at idle"]
    assert (row.target, row.met) == ("≤ 150 MiB", True)

    assert _missed(_result(idle=150 * MIB + 1)) == ["Memory (VmRSS) at idle"]


def test_start_up_is_judged_on_the_median_of_its_runs() -> None:
    measure = "Start to first 200 on /healthz (median of 3)"
    row = _rows(_result(startup=StartupFigures([1.9, 1.5, 1.1])))[measure]
    assert (row.laget, row.target, row.met) == (
        "1.50 s (runs: 1.90, 1.50, 1.10 s)",
        "≤ 1.5 s",
        True,
    )

    assert _missed(_result(startup=StartupFigures([1.9, 1.6, 1.1]))) == [measure]


def test_a_start_up_that_fails_misses_its_target() -> None:
    failed = StartupFigures([1.2], note="`laget serve` ended with 2")

    rows = [row for row in summary_rows(_result(startup=failed)) if "/healthz" in row.measure]

    assert [row.met for row in rows] == [False]
    assert "ended with 2" in rows[0].laget


def test_two_processes_need_1_6_times_one_and_nothing_lost() -> None:
    result = _result()
    rows = _rows(result)
    throughput = rows["Two processes, one PostgreSQL database: Q&A throughput, 16 clients"]
    assert (throughput.target, throughput.met) == ("≥ 1.6× one process", True)
    assert throughput.laget == "160.0/s (1 process) → 256.0/s (2 processes): 1.60×"
    assert rows["Two processes, one PostgreSQL database: nothing lost"].met is True

    slower = replace(result.scale.phases[1], seconds=4.0)  # 240/s: 1.5×
    assert _missed(_result(scale=replace(result.scale, phases=[result.scale.phases[0], slower])))
    lost = "Two processes, one PostgreSQL database: nothing lost"
    for loss in (
        {"stored": 1959},
        {"server_errors": 1},
        {"failed_turns": 1},
        {"logged": LoggedErrors(1, ["bot.teams: turn failed"])},
    ):
        assert _missed(_result(scale=replace(result.scale, **loss))) == [lost], loss


def test_without_postgresql_the_two_process_run_is_shown_as_not_run() -> None:
    skipped = ScaleFigures(16, 60, note="not run (no PostgreSQL URL given)")
    result = _result(scale=skipped)

    rows = [row for row in summary_rows(result) if row.measure.startswith("Two processes")]

    assert [(row.laget, row.met) for row in rows] == [("not run (no PostgreSQL URL given)", None)]
    assert render_table(result)[1]
    assert "Not run (no PostgreSQL URL given)." in sections(result)


def test_the_docs_say_when_the_cores_cap_what_a_second_process_can_add() -> None:
    result = _result()
    busy = replace(result.scale.phases[0], machine_busy=0.95)
    capped = sections(replace(result, scale=replace(result.scale, phases=[busy])))
    roomy = sections(
        replace(result, scale=replace(result.scale, phases=[replace(busy, machine_busy=0.5)]))
    )

    assert "This machine has 2 cores" in capped
    assert "already 95% busy" in capped and "cannot be judged fairly" in capped
    assert "lose nothing" in capped
    assert "room for a second" in roomy
