"""Measured speed and scale: Laget against a bare Bot Framework echo bot, in one run.

    python -m bot.bench                 # the whole suite (about 6 minutes on 2 cores)
    python -m bot.bench --no-postgres   # without the PostgreSQL runs (contention, 2 processes)

Everything goes through the real HTTP door: each bot is an aiohttp server on 127.0.0.1 in its
own process (Laget from `bot.app.create_app`, the echo bot from `bot.bench.echo`), and the load
comes from a client process (`bot.bench.load`) posting activities with `deliveryMode:
expectReplies`. The suite measures:

1. start-up: a fresh `laget serve` process (on a migrated SQLite database, the recogniser's
   model already built) until GET /healthz answers 200, three times;
2. turn cost: Q&A (bokmål and nynorsk alternately, and bokmål only) and behovsmelding dialog
   turns, 1 and 16 clients, Laget and echo interleaved;
3. memory: Laget's resident memory at idle and up to 10 000 turns;
4. a profile of Laget's Q&A hot path (pyinstrument), and of the echo bot's for comparison;
5. state under contention: 50 conversations × 20 turns at once, on SQLite and PostgreSQL,
   every reply and every stored dialog checked;
6. two Laget processes on one PostgreSQL database against one: Q&A throughput, and nothing
   lost (every reply, every question logged);
7. reminder fan-out: `bot.bench.fanout` (500 channels, Teams' limits enforced).

It prints a table and writes its sections of docs/benchmarks.md (between the markers).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.bench.fanout import BenchConfig, BenchResult, benchmark
from bot.bench.hot_path import ProfileSummary
from bot.bench.load import LoadClient, LoadResult, Plan, Scenario, TurnOutcome, percentile
from bot.bench.report import Machine, render_table, update_docs
from bot.bench.server import LoggedErrors, MachineTimes, ServerProcess, ServerSpec, cpu_seconds
from bot.needs.form import FIELDS
from bot.store.db import create_engine
from bot.store.migrate import upgrade_async
from bot.store.needs import NeedsReports
from bot.store.state import StateStore
from bot.store.tables import qa_questions

DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
PROJECT = Path(__file__).resolve().parents[2]
DOCS = PROJECT / "docs" / "benchmarks.md"
PROG = ".venv/bin/python -m bot.bench"
LAGET = (sys.executable, "-m", "bot.cli.main")  # the `laget` console script's module
STARTUP_TIMEOUT = 60.0  # seconds a `laget serve` gets to answer /healthz with 200


@dataclass(frozen=True)
class SuiteConfig:
    """How much load each part gets (the defaults are the recorded run)."""

    clients: int = 16  # concurrent clients of the "many clients" runs
    single_turns: int = 300  # turns of each one-client run
    concurrent_turns: int = 100  # turns per client of each many-clients run
    dialog_single_turns: int = 210  # 10 reports step by step
    dialog_concurrent_turns: int = 84  # per client: 4 reports
    warmup_turns: int = 21  # per client (2 clients), per scenario, not measured
    profile_turns: int = 60  # per client, Q&A with `clients` clients, profiled
    contention_conversations: int = 50
    contention_turns: int = 20
    memory_turns: int = 10_000  # turns Laget has served when memory is read last
    memory_step: int = 1_000  # turns between readings
    startup_runs: int = 3  # fresh `laget serve` processes timed to their first 200 on /healthz
    scale_turns: int = 60  # per client (`clients` of them), Q&A, one and two processes
    postgres_url: str | None = DEFAULT_POSTGRES
    fanout: BenchConfig = field(default_factory=BenchConfig)


@dataclass(frozen=True)
class TurnFigures:
    """One bot, one scenario, one number of clients."""

    bot: str  # "Laget" or "echo"
    scenario: Scenario
    clients: int
    turns: int
    p50: float  # seconds, turns of the measured kind (Q&A or dialog answers)
    p95: float
    throughput: float  # turns per second, every turn of the run
    cpu_per_turn: float  # server CPU seconds per turn (all of the process's threads)
    errors: int
    failures: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ContentionFigures:
    """Many conversations at once on one database."""

    database: str
    conversations: int
    turns_each: int
    turns: int = 0
    seconds: float = 0.0
    p95: float = 0.0
    slowest: float = 0.0
    server_errors: int = 0  # HTTP 5xx
    failed_turns: int = 0  # any turn without its expected reply
    lost: int = 0  # conversations whose stored dialog or draft is not where it should be
    corrupted: int = 0  # drafts holding answers they were not given
    logged: LoggedErrors = field(default_factory=LoggedErrors)
    failures: list[str] = field(default_factory=list)
    note: str = ""  # why it did not run

    @property
    def clean(self) -> bool:
        """Zero errors of any kind."""
        return not self.note and not (
            self.server_errors or self.failed_turns or self.lost or self.corrupted
        )


@dataclass(frozen=True)
class MemoryFigures:
    """Laget's resident memory against the turns it has served."""

    idle: int  # bytes, after start, before the first turn
    samples: list[tuple[int, int]]  # (turns served, bytes)
    turns: int = 0  # turns of the memory runs themselves
    errors: int = 0  # of those, turns without their expected reply

    def at(self, turns: int) -> tuple[int, int]:
        """The first reading at or after `turns` (the last one if none)."""
        return next((s for s in self.samples if s[0] >= turns), self.samples[-1])


@dataclass(frozen=True)
class StartupFigures:
    """Seconds from spawning `laget serve` to the first 200 on /healthz, one per run."""

    runs: list[float] = field(default_factory=list)
    note: str = ""  # why a run failed (the runs before it are kept)

    @property
    def median(self) -> float:
        """The median run (0 when none finished)."""
        return statistics.median(self.runs) if self.runs else 0.0


@dataclass(frozen=True)
class ScalePhase:
    """The Q&A load on one database, served by one or more Laget processes."""

    processes: int
    turns: int
    seconds: float
    p95: float  # seconds, Q&A turns
    server_cpu: float  # CPU seconds, every Laget process together
    client_cpu: float  # CPU seconds of the load client's process
    machine_busy: float  # share of all cores' time that was busy (anyone's work)

    @property
    def throughput(self) -> float:
        """Turns per second over the phase."""
        return self.turns / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class ScaleFigures:
    """One Laget process on a PostgreSQL database, then two on the same database."""

    clients: int
    turns_each: int
    phases: list[ScalePhase] = field(default_factory=list)  # one process, then two
    sent: int = 0  # Q&A turns posted, warm-ups included
    stored: int = 0  # rows in qa_questions afterwards
    server_errors: int = 0  # HTTP 5xx
    failed_turns: int = 0  # any turn without its expected reply
    logged: LoggedErrors = field(default_factory=LoggedErrors)  # by every Laget process
    failures: list[str] = field(default_factory=list)
    note: str = ""  # why it did not run

    @property
    def ratio(self) -> float:
        """Throughput with two processes over throughput with one (0 when not measured)."""
        if len(self.phases) < 2 or not self.phases[0].throughput:
            return 0.0
        return self.phases[1].throughput / self.phases[0].throughput

    @property
    def clean(self) -> bool:
        """Nothing lost: every reply came, no 5xx, no error logged, every question stored."""
        return (
            not self.note
            and not (self.server_errors or self.failed_turns or self.logged.count)
            and self.stored == self.sent
        )


@dataclass(frozen=True)
class ProfileRun:
    """A profiled Q&A load on one bot."""

    bot: str
    turns: int
    cpu: float  # server CPU seconds during the run, all threads
    summary: ProfileSummary


@dataclass(frozen=True)
class SuiteResult:
    """Everything one run measured."""

    config: SuiteConfig
    machine: Machine
    date: str
    command: str
    seconds: float
    turns: list[TurnFigures]
    contention: list[ContentionFigures]
    startup: StartupFigures
    scale: ScaleFigures
    fanout: BenchResult
    memory: MemoryFigures
    profiles: list[ProfileRun]
    logged: LoggedErrors  # what Laget's server logged at ERROR during the speed and memory runs

    def figures(self, bot: str, scenario: str, clients: int) -> TurnFigures:
        """The turn figures of one bot, scenario and number of clients."""
        return next(
            f for f in self.turns if (f.bot, f.scenario, f.clients) == (bot, scenario, clients)
        )


class _Served:
    """A server and the turns it has served so far (for the memory readings)."""

    def __init__(self, name: str, process: ServerProcess) -> None:
        self.name = name
        self.process = process
        self.turns = 0


def _measure(client: LoadClient, served: _Served, plan: Plan) -> tuple[LoadResult, float]:
    """Run a plan against a server; the result and the server's CPU seconds it took."""
    before = served.process.cpu_seconds()
    result = client.run(plan)
    served.turns += result.turns
    return result, served.process.cpu_seconds() - before


def _turn_figures(served: _Served, plan: Plan, result: LoadResult, cpu: float) -> TurnFigures:
    kind = "dialog" if plan.scenario == "dialog" else "qa"
    latencies = result.latencies.get(kind, [])
    return TurnFigures(
        bot=served.name,
        scenario=plan.scenario,
        clients=plan.clients,
        turns=result.turns,
        p50=percentile(latencies, 0.5),
        p95=percentile(latencies, 0.95),
        throughput=result.throughput,
        cpu_per_turn=cpu / result.turns if result.turns else 0.0,
        errors=result.errors,
        failures=result.failures,
    )


class _Prefixes:
    """Unique conversation and user id prefixes, one per plan."""

    def __init__(self) -> None:
        self._run = f"b{os.getpid()}x{time.time_ns() % 10**8}"
        self._count = 0

    def __call__(self) -> str:
        self._count += 1
        return f"{self._run}-{self._count}"


def _speed(
    config: SuiteConfig, client: LoadClient, laget: _Served, echo: _Served, prefix: _Prefixes
) -> list[TurnFigures]:
    """Part 2: turn cost, echo and Laget interleaved at each level of load."""
    scenarios: tuple[Scenario, ...] = ("qa", "qa_nb", "dialog")
    for served in (echo, laget):
        for scenario in scenarios:
            plan = Plan(served.process.url, scenario, 2, config.warmup_turns, prefix())
            _measure(client, served, replace(plan, echo=served is echo))
    runs: list[tuple[Scenario, int, int]] = [
        ("qa", 1, config.single_turns),
        ("qa", config.clients, config.concurrent_turns),
        ("qa_nb", 1, config.single_turns),
        ("qa_nb", config.clients, config.concurrent_turns),
        ("dialog", 1, config.dialog_single_turns),
        ("dialog", config.clients, config.dialog_concurrent_turns),
    ]
    figures = []
    for scenario, clients, turns in runs:
        for served in (echo, laget):
            plan = Plan(served.process.url, scenario, clients, turns, prefix(), echo=served is echo)
            result, cpu = _measure(client, served, plan)
            figures.append(_turn_figures(served, plan, result, cpu))
    return figures


def _profile(
    config: SuiteConfig, client: LoadClient, served: _Served, prefix: _Prefixes
) -> ProfileRun:
    """Part 4: the Q&A load once more, with the profiler on in the server."""
    served.process.ask("profile-start")
    plan = Plan(
        served.process.url,
        "qa",
        config.clients,
        config.profile_turns,
        prefix(),
        echo=served.name == "echo",
    )
    result, cpu = _measure(client, served, plan)
    summary: ProfileSummary = served.process.ask("profile-stop")
    return ProfileRun(served.name, result.turns, cpu, summary)


def _memory(
    config: SuiteConfig, client: LoadClient, laget: _Served, prefix: _Prefixes, idle: int
) -> MemoryFigures:
    """Part 3: Q&A and dialog load in steps until Laget has served `memory_turns`."""
    samples = [(laget.turns, laget.process.rss_bytes())]
    per_client = max(1, config.memory_step // config.clients)
    step = turns = errors = 0
    while laget.turns < config.memory_turns:
        scenario: Scenario = "qa" if step % 2 == 0 else "dialog"
        plan = Plan(
            laget.process.url, scenario, config.clients, per_client, prefix(), rotate_every=10
        )
        result = client.run(plan)
        laget.turns += result.turns
        turns, errors = turns + result.turns, errors + result.errors
        samples.append((laget.turns, laget.process.rss_bytes()))
        step += 1
    return MemoryFigures(idle=idle, samples=samples, turns=turns, errors=errors)


async def _verify(url: str, outcomes: list[TurnOutcome], turns: int) -> tuple[int, int, list[str]]:
    """Check every contention conversation's stored dialog and draft; (lost, corrupted, why)."""
    answered = max(0, min(turns - 2, len(FIELDS)))
    active = 2 <= turns < len(FIELDS) + 2  # the dialog is still waiting for an answer
    lost = corrupted = 0
    why: list[str] = []
    engine = create_engine(url)
    try:
        reports, states = NeedsReports(engine), StateStore(engine)
        for outcome in outcomes:
            report = await reports.get(outcome.report) if outcome.report else None
            if report is None or report.author_id != outcome.user or report.step != answered:
                lost += 1
                why.append(f"{outcome.conversation}: draft {outcome.report} missing or behind")
                continue
            expected = _identity_answers(outcome.number, answered)
            if any(report.answers.get(name) != value for name, value in expected.items()):
                corrupted += 1
                why.append(f"{outcome.conversation}: draft {report.id} has other answers")
                continue
            key = f"msteams/conversations/{outcome.conversation}"
            stored = (await states.read([key])).get(key)
            stack = json.loads(stored.data).get("DialogState", {}) if stored else {}
            dialogs = json.dumps(stack.get("_dialog_stack", []))
            if active and f'"report": {report.id}' not in dialogs:
                lost += 1
                why.append(f"{outcome.conversation}: dialog state lost")
    finally:
        await engine.dispose()
    return lost, corrupted, why


def _identity_answers(number: int, answered: int) -> dict[str, object]:
    """The answers that tell one contention conversation's draft from the others'."""
    names = [spec.name for spec in FIELDS[:answered]]
    expected: dict[str, object] = {
        "owner": f"Benkemark kommune {number}",
        "participants": 100 + number,
    }
    return {name: value for name, value in expected.items() if name in names}


def _contention(
    config: SuiteConfig, client: LoadClient, database: str, url: str, prefix: _Prefixes
) -> ContentionFigures:
    """Part 5: every conversation at once on a fresh database, then check what was stored."""
    process = ServerProcess(ServerSpec("laget", url))
    try:
        plan = Plan(
            process.url,
            "contention",
            config.contention_conversations,
            config.contention_turns,
            prefix(),
        )
        result = client.run(plan)
        logged = process.errors()
    finally:
        process.stop()
    lost, corrupted, why = asyncio.run(_verify(url, result.outcomes, plan.turns))
    latencies = [value for values in result.latencies.values() for value in values]
    return ContentionFigures(
        database=database,
        conversations=plan.clients,
        turns_each=plan.turns,
        turns=result.turns,
        seconds=result.seconds,
        p95=percentile(latencies, 0.95),
        slowest=max(latencies, default=0.0),
        server_errors=result.server_errors,
        failed_turns=result.errors,
        lost=lost,
        corrupted=corrupted,
        logged=logged,
        failures=(result.failures + why)[:5],
    )


def _bench_database(url: str, part: str = "") -> str:
    """The URL of a database of the run's own (one per `part`), beside the one in `url`."""
    name = f"laget_bench_{os.getpid()}" + (f"_{part}" if part else "")
    return make_url(url).set(database=name).render_as_string(False)


def _postgres(url: str, statement: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE) on the server of `url`."""

    async def run() -> None:
        engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as connection:
                await connection.execute(text(statement))
        finally:
            await engine.dispose()

    asyncio.run(run())


Figures = TypeVar("Figures")


def _on_fresh_postgres(
    server: str | None, part: str, run: Callable[[str], Figures], skipped: Callable[[str], Figures]
) -> Figures:
    """`run(url)` on a PostgreSQL database created for it and dropped after it; `skipped(why)`
    when there is no PostgreSQL to run on."""
    if not server:
        return skipped("not run (no PostgreSQL URL given)")
    url = _bench_database(server, part)
    name = make_url(url).database
    try:
        _postgres(server, f'CREATE DATABASE "{name}"')
    except Exception as error:  # any driver error: there is no PostgreSQL to measure
        return skipped(f"not run (PostgreSQL unavailable: {type(error).__name__})")
    try:
        return run(url)
    finally:
        _postgres(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _contention_postgres(
    config: SuiteConfig, client: LoadClient, prefix: _Prefixes
) -> ContentionFigures:
    """Part 5 on PostgreSQL, in a database created for the run and dropped after it."""
    empty = ContentionFigures(
        "PostgreSQL", config.contention_conversations, config.contention_turns
    )
    return _on_fresh_postgres(
        config.postgres_url,
        "",
        lambda url: _contention(config, client, "PostgreSQL", url, prefix),
        lambda why: replace(empty, note=why),
    )


def _scale_phase(
    client: LoadClient, plan: Plan, servers: list[ServerProcess]
) -> tuple[ScalePhase, LoadResult]:
    """Run the plan; its figures with the CPU the servers, the client and the machine spent."""
    machine, load = MachineTimes.now(), cpu_seconds(client.pid)
    served = sum(server.cpu_seconds() for server in servers)
    result = client.run(plan)
    busy = MachineTimes.now().busy_share(machine)
    return ScalePhase(
        processes=len(servers),
        turns=result.turns,
        seconds=result.seconds,
        p95=percentile(result.latencies.get("qa", []), 0.95),
        server_cpu=sum(server.cpu_seconds() for server in servers) - served,
        client_cpu=cpu_seconds(client.pid) - load,
        machine_busy=busy,
    ), result


async def _stored_questions(url: str) -> int:
    """Rows in qa_questions."""
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            query = select(func.count()).select_from(qa_questions)
            return int((await connection.execute(query)).scalar_one())
    finally:
        await engine.dispose()


def _merged(logs: list[LoggedErrors]) -> LoggedErrors:
    return LoggedErrors(
        count=sum(log.count for log in logs),
        first=[text for log in logs for text in log.first][:3],
    )


def _scale(config: SuiteConfig, client: LoadClient, prefix: _Prefixes, url: str) -> ScaleFigures:
    """Part 6: the Q&A load on one Laget process, then split between two on the same database;
    every reply checked, and every question counted in the database afterwards."""
    asyncio.run(upgrade_async(url))  # before either process: they would both migrate
    results: list[LoadResult] = []
    phases: list[ScalePhase] = []
    servers = [ServerProcess(ServerSpec("laget", url))]
    try:
        for count in (1, 2):
            if count == 2:
                servers.append(ServerProcess(ServerSpec("laget", url)))
            warm = Plan(servers[-1].url, "qa", 2, config.warmup_turns, prefix())
            results.append(client.run(warm))
            urls = tuple(server.url for server in servers)
            plan = Plan(urls[0], "qa", config.clients, config.scale_turns, prefix())
            phase, result = _scale_phase(client, replace(plan, more_urls=urls[1:]), servers)
            phases.append(phase)
            results.append(result)
        logged = _merged([server.errors() for server in servers])
    finally:
        for server in servers:
            server.stop()
    stored = asyncio.run(_stored_questions(url))  # after the servers stopped: nothing pending
    return ScaleFigures(
        clients=config.clients,
        turns_each=config.scale_turns,
        phases=phases,
        sent=sum(result.turns for result in results),
        stored=stored,
        server_errors=sum(result.server_errors for result in results),
        failed_turns=sum(result.errors for result in results),
        logged=logged,
        failures=[text for result in results for text in result.failures][:5],
    )


def _scale_postgres(config: SuiteConfig, client: LoadClient, prefix: _Prefixes) -> ScaleFigures:
    """Part 6, in a PostgreSQL database created for it and dropped after it."""
    return _on_fresh_postgres(
        config.postgres_url,
        "scale",
        lambda url: _scale(config, client, prefix, url),
        lambda why: ScaleFigures(config.clients, config.scale_turns, note=why),
    )


def _laget_command(folder: Path, environment: dict[str, str], *arguments: str) -> None:
    """Run one `laget` command to its end (it must succeed)."""
    done = subprocess.run(
        [*LAGET, *arguments],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        raise RuntimeError(f"laget {' '.join(arguments)} failed ({done.returncode}): {said[0]}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy for loopback


def _healthy(port: int) -> bool:
    """GET /healthz answers 200."""
    try:
        with _DIRECT.open(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return int(response.status) == 200
    except OSError:  # refused (not listening yet), 503, timeout
        return False


def _start_once(folder: Path, environment: dict[str, str], log: Path) -> float:
    """Seconds from spawning `laget serve` to its first 200 on /healthz; it is stopped after."""
    port = _free_port()
    command = [*LAGET, "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("ab") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=folder, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        while not _healthy(port):
            if process.poll() is not None:
                raise RuntimeError(f"`laget serve` ended with {process.returncode}")
            if time.perf_counter() - started > STARTUP_TIMEOUT:
                raise RuntimeError(f"no 200 on /healthz within {STARTUP_TIMEOUT:.0f} s")
            time.sleep(0.005)
        return time.perf_counter() - started
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _startup(config: SuiteConfig, folder: Path) -> StartupFigures:
    """Part 1: `laget serve` started afresh `startup_runs` times, each on a fresh SQLite
    database migrated beforehand (`laget db upgrade`), with the recogniser's model built
    beforehand (`laget model build`), as `make run` does."""
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            [str(PROJECT), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    }
    log = folder / "serve.log"
    runs: list[float] = []
    try:
        _laget_command(folder, environment, "model", "build")
        for number in range(config.startup_runs):
            database = f"sqlite+aiosqlite:///{folder / f'start-{number}.db'}"
            fresh = {**environment, "LAGET_DATABASE_URL": database}
            _laget_command(folder, fresh, "db", "upgrade")
            runs.append(_start_once(folder, fresh, log))
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        said = log.read_text(errors="replace").strip().splitlines()[-1:] if log.exists() else []
        return StartupFigures(
            runs, f"{error}" + (f" (last logged: {said[0][:200]})" if said else "")
        )
    return StartupFigures(runs)


STAGES = 8


def _quiet(_stage: int, _what: str) -> None:
    """No progress output (tests)."""


def stderr_progress(stage: int, what: str) -> None:
    """«laget bench: [3/8] memory over 10 000 turns ...» on stderr, as each part begins."""
    sys.stderr.write(f"laget bench: [{stage}/{STAGES}] {what} ...\n")
    sys.stderr.flush()


def run_suite(
    config: SuiteConfig,
    *,
    command: str = PROG,
    progress: Callable[[int, str], None] = _quiet,
) -> SuiteResult:
    """Run every part of the suite once and return the figures; `progress` hears of each part."""
    started = time.perf_counter()
    machine = Machine.here()  # with the load average before the run
    prefix = _Prefixes()
    client = LoadClient()
    try:
        with tempfile.TemporaryDirectory(prefix="laget-bench-") as folder:
            progress(1, f"start-up of `laget serve` to /healthz, {config.startup_runs} runs")
            startup = _startup(config, Path(folder))
            sqlite = f"sqlite+aiosqlite:///{Path(folder) / 'laget.db'}"
            laget = _Served("Laget", ServerProcess(ServerSpec("laget", sqlite)))
            try:
                echo = _Served("echo", ServerProcess(ServerSpec("echo")))
                try:
                    idle = laget.process.rss_bytes()
                    progress(
                        2, f"turn cost: Laget and the echo bot, 1 and {config.clients} clients"
                    )
                    turns = _speed(config, client, laget, echo, prefix)
                    progress(3, f"memory over {config.memory_turns} turns")
                    memory = _memory(config, client, laget, prefix, idle)
                    logged = laget.process.errors()
                    progress(4, "profile of the Q&A hot path")
                    profiles = [  # after the memory readings: the profiler needs memory too
                        _profile(config, client, laget, prefix),
                        _profile(config, client, echo, prefix),
                    ]
                finally:
                    echo.process.stop()
            finally:
                laget.process.stop()
            contention_sqlite = f"sqlite+aiosqlite:///{Path(folder) / 'contention.db'}"
            progress(5, "contention on SQLite")
            sqlite_contention = _contention(config, client, "SQLite", contention_sqlite, prefix)
            progress(6, "contention on PostgreSQL")
            contention = [sqlite_contention, _contention_postgres(config, client, prefix)]
            progress(7, "one and two Laget processes on one PostgreSQL database")
            scale = _scale_postgres(config, client, prefix)
    finally:
        client.close()
    progress(8, f"reminder fan-out to {config.fanout.targets} channels")
    fanout = asyncio.run(benchmark(config.fanout))
    return SuiteResult(
        config=config,
        machine=machine,
        date=datetime.now(UTC).date().isoformat(),
        command=command,
        seconds=time.perf_counter() - started,
        turns=turns,
        contention=contention,
        startup=startup,
        scale=scale,
        fanout=fanout,
        memory=memory,
        profiles=profiles,
        logged=logged,
    )


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Laget against a bare Bot Framework echo bot: speed, contention, memory.",
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("LAGET_TEST_POSTGRES_URL", DEFAULT_POSTGRES),
        help="PostgreSQL server for the contention and two-process runs (their databases are "
        "created and dropped)",
    )
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL runs")
    parser.add_argument("--docs", type=Path, default=DOCS, help="the file to update")
    parser.add_argument("--no-docs", action="store_true", help="only print the table")
    parser.add_argument("--memory-turns", type=int, default=SuiteConfig.memory_turns)
    return parser


def main(argv: Sequence[str] | None = None, *, prog: str = PROG) -> int:
    """Run the suite, print the table, update docs/benchmarks.md; 0 when every target is met.

    `prog` is how the command was called (it is recorded with the figures): `laget bench`
    passes its own name.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser(prog).parse_args(argv)
    config = SuiteConfig(
        postgres_url=None if args.no_postgres else args.postgres_url,
        memory_turns=args.memory_turns,
    )
    command = " ".join([prog, shlex.join(argv)]).strip()
    result = run_suite(config, command=command, progress=stderr_progress)
    table, met = render_table(result)
    sys.stdout.write(table + "\n")
    if not args.no_docs:
        update_docs(args.docs, result)
        sys.stdout.write(f"\nUpdated {args.docs}.\n")
    return 0 if met else 1
