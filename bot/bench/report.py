"""The suite's figures as a table, the targets checked, and the sections of docs/benchmarks.md.

The generated sections sit between two markers in the document; a new run replaces them and
leaves everything else (the other benchmarks, the written analysis) as it is.
"""

from __future__ import annotations

import math
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.bench.fanout import describe as describe_fanout
from bot.bench.hot_path import ProfileSummary

if TYPE_CHECKING:
    from bot.bench.suite import SuiteResult

BEGIN = "<!-- bench:begin (written by `python -m bot.bench`; edits inside are overwritten) -->"
END = "<!-- bench:end -->"
MIB = 1024 * 1024

# The targets (issue 17: turn cost, start-up, memory, scale-out).
QA_RATIO = 2.5  # Q&A turn, 1 client: server CPU per turn and p50, at most this × the echo bot's
DIALOG_RATIO = 4.0  # the same for a dialog turn
P95_MAX = 0.060  # seconds, Q&A and dialog turns with many clients (one process, SQLite)
THROUGHPUT_SHARE = 0.4  # with many clients, of the echo bot's
IDLE_MEMORY_MAX = 150 * MIB  # VmRSS after start, before the first turn
MEMORY_FLAT = 0.03  # growth from 5 000 to 10 000 turns, as a share of the memory at 5 000
STARTUP_MAX = 1.5  # seconds from spawning `laget serve` to the first 200 on /healthz (median)
SCALE_RATIO = 1.6  # two processes on one PostgreSQL database against one, throughput
# Kept from the issue before (measured speed and scale).
FANOUT_SHARE = 0.9  # of Teams' allowed rate

# The turn scenarios: their label, and the ratio to the echo bot a turn may cost (1 client).
SCENARIOS = (
    ("qa", "Q&A turn (nb/nn)", QA_RATIO),
    ("qa_nb", "Q&A turn (nb only)", QA_RATIO),
    ("dialog", "Dialog turn", DIALOG_RATIO),
)
SCENARIO_NAMES = {
    "qa": "Q&A, nb/nn",
    "qa_nb": "Q&A, nb only",
    "dialog": "dialog answer",
    "contention": "contention",
}


@dataclass(frozen=True)
class Machine:
    """Where the figures were measured (from /proc)."""

    cpu: str
    cores: int
    memory: int  # bytes
    load: float = 0.0  # the 1-minute load average when the run began (others' work)

    @classmethod
    def here(cls) -> Machine:
        """This machine, as /proc describes it."""
        cpu = "unknown CPU"
        for line in _read("/proc/cpuinfo").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = 0
        for line in _read("/proc/meminfo").splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
        return cls(
            cpu=cpu, cores=len(os.sched_getaffinity(0)), memory=memory, load=os.getloadavg()[0]
        )

    def describe(self) -> str:
        """One line: CPU model, cores, memory."""
        return (
            f"{self.cpu}, {self.cores} cores, {self.memory / 2**30:.1f} GiB memory; "
            f"load average {self.load:.2f} when the run began"
        )


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


@dataclass(frozen=True)
class Row:
    """One line of the summary table."""

    measure: str
    laget: str
    echo: str = "—"
    ratio: str = "—"
    target: str = ""
    met: bool | None = None  # None: no target

    def cells(self) -> list[str]:
        verdict = "" if self.met is None else ("met" if self.met else "**missed**")
        return [self.measure, self.laget, self.echo, self.ratio, self.target, verdict]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _mib(size: int) -> str:
    return f"{size / MIB:.1f} MiB"


def _ratio(laget: float, echo: float) -> float:
    """Laget's figure over the echo bot's: infinite when only the echo's is 0, NaN when both
    are (a target on it is then missed: nothing was measured)."""
    if echo:
        return laget / echo
    return math.inf if laget else math.nan


def _times(ratio: float) -> str:
    return "—" if math.isnan(ratio) else f"{ratio:.2f}×"


def _turn_rows(result: SuiteResult, scenario: str, label: str, limit: float) -> list[Row]:
    """One client: p50 and server CPU per turn at most `limit` × the echo bot's. Many clients:
    p95 under P95_MAX, throughput at least THROUGHPUT_SHARE of the echo bot's."""
    many = result.config.clients
    rows = []
    for clients in (1, many):
        laget, echo = (
            result.figures("Laget", scenario, clients),
            result.figures("echo", scenario, clients),
        )
        who = f"{label}, {clients} client{'s' if clients > 1 else ''}"
        single = clients == 1
        p50_ratio = _ratio(laget.p50, echo.p50)
        cpu_ratio = _ratio(laget.cpu_per_turn, echo.cpu_per_turn)
        share = laget.throughput / echo.throughput if echo.throughput else 0.0
        ratio_target = f"≤ {limit:g}×"
        rows.append(
            Row(
                f"{who}: p50",
                _ms(laget.p50),
                _ms(echo.p50),
                _times(p50_ratio),
                ratio_target if single else "",
                p50_ratio <= limit if single else None,
            )
        )
        rows.append(
            Row(
                f"{who}: p95",
                _ms(laget.p95),
                _ms(echo.p95),
                _times(_ratio(laget.p95, echo.p95)),
                "" if single else f"< {P95_MAX * 1000:.0f} ms",
                None if single else laget.p95 < P95_MAX,
            )
        )
        rows.append(
            Row(
                f"{who}: throughput",
                f"{laget.throughput:.1f}/s",
                f"{echo.throughput:.1f}/s",
                f"{share:.0%}",
                "" if single else f"≥ {THROUGHPUT_SHARE:.0%}",
                None if single else share >= THROUGHPUT_SHARE,
            )
        )
        rows.append(
            Row(
                f"{who}: server CPU per turn",
                _ms(laget.cpu_per_turn),
                _ms(echo.cpu_per_turn),
                _times(cpu_ratio),
                ratio_target if single else "",
                cpu_ratio <= limit if single else None,
            )
        )
        errors = laget.errors + echo.errors
        rows.append(
            Row(f"{who}: failed turns", str(laget.errors), str(echo.errors), "", "0", errors == 0)
        )
    return rows


def _startup_rows(result: SuiteResult) -> list[Row]:
    startup = result.startup
    runs = ", ".join(f"{seconds:.2f}" for seconds in startup.runs)
    measure = f"Start to first 200 on /healthz (median of {len(startup.runs)})"
    if startup.note or not startup.runs:
        laget = f"failed: {startup.note}" + (f" (runs: {runs} s)" if runs else "")
        return [Row(measure, laget, target=f"≤ {STARTUP_MAX} s", met=False)]
    return [
        Row(
            measure,
            f"{startup.median:.2f} s (runs: {runs} s)",
            target=f"≤ {STARTUP_MAX} s",
            met=startup.median <= STARTUP_MAX,
        )
    ]


def _scale_rows(result: SuiteResult) -> list[Row]:
    scale = result.scale
    name = "Two processes, one PostgreSQL database"
    if scale.note:
        return [Row(name, scale.note, target=f"≥ {SCALE_RATIO}×, nothing lost", met=None)]
    throughputs = " → ".join(
        f"{phase.throughput:.1f}/s ({phase.processes} process{'es' if phase.processes > 1 else ''})"
        for phase in scale.phases
    )
    return [
        Row(
            f"{name}: Q&A throughput, {scale.clients} clients",
            f"{throughputs}: {scale.ratio:.2f}×",
            target=f"≥ {SCALE_RATIO}× one process",
            met=scale.ratio >= SCALE_RATIO,
        ),
        Row(
            f"{name}: nothing lost",
            f"{scale.server_errors} 5xx, {scale.failed_turns} failed turns, "
            f"{scale.logged.count} errors logged, {scale.stored} of {scale.sent} questions stored",
            target="0 / 0 / 0 / all",
            met=scale.clean,
        ),
    ]


def summary_rows(result: SuiteResult) -> list[Row]:
    """Every figure that counts, with its target where it has one."""
    rows: list[Row] = []
    for scenario, label, limit in SCENARIOS:
        rows.extend(_turn_rows(result, scenario, label, limit))
    rows.extend(_startup_rows(result))
    for contention in result.contention:
        name = f"Contention, {contention.database}"
        if contention.note:
            rows.append(Row(name, contention.note, target="0 errors", met=None))
            continue
        rows.append(
            Row(
                f"{name}: {contention.conversations} conversations × {contention.turns_each} turns",
                f"{contention.server_errors} 5xx, {contention.failed_turns} failed turns, "
                f"{contention.lost} lost, {contention.corrupted} corrupted",
                target="0 / 0 / 0 / 0",
                met=contention.clean,
            )
        )
    fanout = result.fanout
    rows.append(
        Row(
            f"Reminder fan-out, {fanout.targets} channels",
            f"{fanout.send_rate:.1f}/s of {fanout.allowed_rate:.0f}/s "
            f"({fanout.share_of_allowed:.0%}), {fanout.duplicates} duplicates, {fanout.lost} lost",
            target=f"≥ {FANOUT_SHARE:.0%}, 0 / 0",
            met=fanout.share_of_allowed >= FANOUT_SHARE
            and fanout.duplicates == 0
            and fanout.lost == 0,
        )
    )
    rows.extend(_memory_rows(result))
    rows.extend(_scale_rows(result))
    return rows


def memory_growth(result: SuiteResult) -> tuple[tuple[int, int], tuple[int, int], float]:
    """The readings near 5 000 and 10 000 turns (half and all) and the growth between."""
    total = result.config.memory_turns
    middle, last = result.memory.at(total // 2), result.memory.samples[-1]
    return middle, last, (last[1] - middle[1]) / middle[1] if middle[1] else 0.0


def _memory_rows(result: SuiteResult) -> list[Row]:
    middle, last, growth = memory_growth(result)
    return [
        Row(
            "Memory (VmRSS) at idle",
            _mib(result.memory.idle),
            target=f"≤ {IDLE_MEMORY_MAX / MIB:.0f} MiB",
            met=result.memory.idle <= IDLE_MEMORY_MAX,
        ),
        Row(
            "Memory runs: failed turns",
            f"{result.memory.errors} of {result.memory.turns}",
            target="0",
            met=result.memory.errors == 0,
        ),
        Row(f"Memory after {middle[0]} turns", _mib(middle[1])),
        Row(f"Memory after {last[0]} turns", _mib(last[1])),
        Row(
            f"Memory growth, {middle[0]} → {last[0]} turns",
            f"{(last[1] - middle[1]) / MIB:+.1f} MiB ({growth:+.1%})",
            target=f"flat (< {MEMORY_FLAT:.0%})",
            met=growth < MEMORY_FLAT,
        ),
    ]


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(cells) + " |" for cells in rows)
    return "\n".join(lines)


def render_table(result: SuiteResult) -> tuple[str, bool]:
    """The summary table (Markdown) and whether every target was met."""
    rows = summary_rows(result)
    header = ["measure", "Laget", "echo bot", "Laget / echo", "target", ""]
    met = all(row.met is not False for row in rows)
    return _markdown(header, [row.cells() for row in rows]), met


def _turn_details(result: SuiteResult) -> str:
    header = [
        "bot",
        "turns",
        "clients",
        "turns run",
        "p50",
        "p95",
        "throughput",
        "CPU/turn",
        "failed",
    ]
    rows = []
    for f in result.turns:
        rows.append(
            [
                f.bot,
                SCENARIO_NAMES[f.scenario],
                str(f.clients),
                str(f.turns),
                _ms(f.p50),
                _ms(f.p95),
                f"{f.throughput:.1f}/s",
                _ms(f.cpu_per_turn),
                str(f.errors),
            ]
        )
    failures = [
        f"- {f.bot} {f.scenario} ×{f.clients}: {text}"
        for f in result.turns
        for text in f.failures[:2]
    ]
    failures.extend(f"- Laget's server logged: {text}" for text in result.logged.first)
    logged = (
        f"\n\nLaget's server logged {result.logged.count} errors during these runs and the "
        "memory runs."
    )
    return (
        _markdown(header, rows)
        + logged
        + ("\n\nFirst failures:\n" + "\n".join(failures) if failures else "")
    )


def _contention_details(result: SuiteResult) -> str:
    parts = []
    for c in result.contention:
        if c.note:
            parts.append(f"- **{c.database}**: {c.note}.")
            continue
        parts.append(
            f"- **{c.database}**: {c.turns} turns in {c.seconds:.1f} s "
            f"({c.turns / c.seconds if c.seconds else 0:.1f}/s, p95 {_ms(c.p95)}, "
            f"slowest {_ms(c.slowest)}); "
            f"{c.server_errors} HTTP 5xx, {c.failed_turns} turns without the expected reply, "
            f"{c.lost} lost and {c.corrupted} corrupted dialog states; "
            f"{c.logged.count} errors logged by the server."
        )
        parts.extend(f"  - {text}" for text in c.logged.first[:2] + c.failures[:2])
    return "\n".join(parts)


def _startup_details(result: SuiteResult) -> str:
    startup = result.startup
    runs = ", ".join(f"{seconds:.2f} s" for seconds in startup.runs) or "none"
    figures = f"Runs: {runs}; median {startup.median:.2f} s."
    if startup.note:
        figures += f" A run failed: {startup.note}."
    return figures


def _scale_details(result: SuiteResult) -> str:
    scale = result.scale
    if scale.note:
        return f"{scale.note[:1].upper()}{scale.note[1:]}."
    parts = []
    for phase in scale.phases:
        per_turn = phase.server_cpu / phase.turns if phase.turns else 0.0
        processes = f"{phase.processes} process{'es' if phase.processes > 1 else ''}"
        parts.append(
            f"- **{processes}**: {phase.turns} turns in {phase.seconds:.1f} s "
            f"({phase.throughput:.1f}/s, p95 {_ms(phase.p95)}); Laget used "
            f"{phase.server_cpu:.1f} s of CPU ({_ms(per_turn)} per turn), the load client "
            f"{phase.client_cpu:.1f} s; "
            f"the machine's cores were {phase.machine_busy:.0%} busy."
        )
    parts.append(
        f"- **Nothing lost**: {scale.server_errors} HTTP 5xx, {scale.failed_turns} turns without "
        f"the expected reply, {scale.logged.count} errors logged by the servers; qa_questions "
        f"holds {scale.stored} rows for {scale.sent} Q&A turns sent. Two processes do "
        f"{scale.ratio:.2f}× the throughput of one."
    )
    parts.extend(f"  - {text}" for text in scale.logged.first[:2] + scale.failures[:2])
    return "\n".join(parts) + "\n\n" + _scale_cores(result)


def _scale_cores(result: SuiteResult) -> str:
    """What the machine's cores allow a second process to add, said plainly."""
    cores = result.machine.cores
    phases = result.scale.phases
    shared = (
        f"This machine has {cores} cores, and the load client, the Laget processes and "
        "PostgreSQL all run on them."
    )
    if not phases or not phases[0].machine_busy:
        return shared
    busy = phases[0].machine_busy
    if busy < 1 / SCALE_RATIO:
        return (
            f"{shared} With one Laget process the cores were {busy:.0%} busy, so there was "
            "room for a second."
        )
    return (
        f"{shared} With one Laget process they were already {busy:.0%} busy (anyone's work, "
        "this run's or another's), so a second process had little spare CPU to use: the ratio "
        "measures what the cores had left more than how Laget scales, and the "
        f"{SCALE_RATIO:g}× target cannot be judged fairly on this machine. That needs a core "
        "per process, with the load client and PostgreSQL elsewhere. Figures from one run "
        "each drift with the machine's other work."
        + (
            " What this run does show is that two processes on one database lose nothing."
            if result.scale.clean
            else ""
        )
    )


def _memory_details(result: SuiteResult) -> str:
    memory = result.memory
    readings = ", ".join(f"{turns}: {size / MIB:.0f}" for turns, size in memory.samples)
    return (
        f"Readings (turns served: MiB): idle: {memory.idle / MIB:.0f}, {readings}. The memory "
        f"runs themselves: {memory.turns} turns, {memory.errors} without the expected reply."
    )


def _shares(title: str, shares: list[tuple[str, float, float]]) -> str:
    rows = [[name, f"{seconds:.2f} s", f"{share:.0%}"] for name, seconds, share in shares]
    return f"{title}\n\n" + _markdown(["where", "time", "share of busy"], rows)


def _profile_details(result: SuiteResult) -> str:
    parts = []
    for run in result.profiles:
        summary: ProfileSummary = run.summary
        heading = f"**{run.bot}**, {run.turns} Q&A turns with {result.config.clients} clients"
        if summary.note:
            parts.append(f"{heading}: no profile ({summary.note}).")
            continue
        per_turn = summary.busy / run.turns if run.turns else 0.0
        parts.append(
            f"{heading}: main thread busy {summary.busy:.1f} s of {summary.wall:.1f} s "
            f"({_ms(per_turn)} per turn); the whole process used {run.cpu:.1f} s of CPU "
            f"({_ms(run.cpu / run.turns if run.turns else 0.0)} per turn; the rest is other "
            "threads, such as aiosqlite's)."
        )
        parts.append(
            _shares(
                "Stages (inclusive, outermost call):",
                [(s.name, s.seconds, s.share) for s in summary.stages],
            )
        )
        parts.append(
            _shares(
                "Self time by package:", [(s.name, s.seconds, s.share) for s in summary.packages]
            )
        )
        parts.append(
            _shares(
                "Self time by function:",
                [(f"`{s.name}`", s.seconds, s.share) for s in summary.functions],
            )
        )
    return "\n\n".join(parts)


def sections(result: SuiteResult) -> str:
    """The generated Markdown sections (without the markers)."""
    table, _met = render_table(result)
    config = result.config
    return "\n\n".join(
        [
            "## Speed and scale (issue: measured speed and scale)",
            f"`{result.command}` — {result.date}, {result.seconds / 60:.1f} min",
            f"Machine: {result.machine.describe()} (from /proc). Each bot is an aiohttp server "
            "in its own process on 127.0.0.1; the load comes from a client process posting "
            "Teams-shaped activities with `deliveryMode: expectReplies` to `/api/messages`. "
            "The baseline is a bare botbuilder echo bot (`bot/bench/echo.py`) on the same "
            "adapter (`LagetAdapter`, in-memory state), measured in the same run, interleaved "
            "with Laget. Laget runs on SQLite here, as `laget serve` does by default, except "
            "in the PostgreSQL runs.",
            f"The targets are issue 17's: with one client, a Q&A turn's server CPU and p50 at "
            f"most {QA_RATIO:g}× the echo bot's (both Q&A scenarios), a dialog turn's at most "
            f"{DIALOG_RATIO:g}×; with {config.clients} clients in one process on SQLite, p95 "
            f"under {P95_MAX * 1000:.0f} ms and throughput at least {THROUGHPUT_SHARE:.0%} of "
            f"the echo bot's; start to the first 200 on /healthz at most {STARTUP_MAX:g} s "
            f"(median); memory at most {IDLE_MEMORY_MAX / MIB:.0f} MiB at idle and flat over "
            f"{config.memory_turns} turns; two processes on one PostgreSQL database at least "
            f"{SCALE_RATIO:g}× the throughput of one, with nothing lost. The contention and "
            "fan-out targets are kept from the issue before.",
            table,
            "### Turn cost",
            f"Q&A (nb/nn): «Hva er rammen til Fosen?» and «Kva tid er fristen for "
            f"avgjerdsgrunnlaget?» alternately for the same user, so every turn changes the "
            f"user's stored language (bokmål, nynorsk). Q&A (nb only): «Hva er rammen til "
            f"Fosen?» and «Når er fristen for beslutningsgrunnlaget?», a user who keeps to "
            f"bokmål. Each Q&A reply must show its answer («Rammen til Fosen», «Frist: …»), "
            f"not a fallback. Dialog: the behovsmelding step by step "
            f"(«ny behovsmelding», the «Steg for steg» button as a card submit, then 19 "
            f"answers; a new user for each report); p50/p95 are of the answers, throughput "
            f"counts every turn. One client: {config.single_turns} turns of each Q&A scenario, "
            f"{config.dialog_single_turns} dialog turns; {config.clients} clients: "
            f"{config.concurrent_turns} Q&A and {config.dialog_concurrent_turns} dialog turns "
            f"each. Server CPU per turn is the server process's user+system time "
            f"(/proc/<pid>/stat, all threads) over the turns.",
            _turn_details(result),
            "### Start-up",
            "`laget serve` (`python -m bot.cli.main serve`, the module of the `laget` console "
            f"script) spawned afresh {config.startup_runs} times, "
            "each time on a fresh SQLite database migrated just before by `laget db upgrade`, "
            "with the recogniser's model built once before the runs by `laget model build` (as "
            "`make run` does). The clock runs from spawning the process to the first 200 on "
            "GET /healthz, polled every 5 ms; the target is on the median.",
            _startup_details(result),
            "### State under contention",
            f"{config.contention_conversations} conversations × {config.contention_turns} turns "
            "at once on a fresh database: «ny behovsmelding», «Steg for steg», then answers, "
            "each conversation with its own answers. Every reply must ask the next question; "
            "afterwards each draft must be at the right step with its own answers, and each "
            "conversation's stored dialog must still point at its draft.",
            _contention_details(result),
            "### Two processes on one PostgreSQL database",
            f"{config.clients} clients × {config.scale_turns} Q&A (nb/nn) turns on a "
            "PostgreSQL database created for the run and migrated first: once against one "
            "Laget process, then split between two Laget processes on the same database "
            "(the clients alternate between them; the second process is warmed up first, as "
            "the first was). Nothing may be lost: every turn must get its expected reply, "
            "with no HTTP 5xx and no error logged by either server, and qa_questions must "
            "hold one row for every Q&A turn sent (warm-ups included), counted after the "
            "servers stopped.",
            _scale_details(result),
            "### Reminder fan-out",
            f"`bot.bench.fanout` with {result.fanout.targets} channels, in the same run "
            "(see «Reminder fan-out» above for the set-up).",
            "```\n" + describe_fanout(result.fanout) + "\n```",
            "### Memory",
            "Laget's VmRSS (/proc/<pid>/status) after start, then while it serves Q&A and "
            "dialog turns (the speed runs first, then steps of Q&A and dialog load with "
            f"{config.clients} clients).",
            _memory_details(result),
            "### Where the time goes (profile of the Q&A hot path)",
            "pyinstrument sampling the server's main thread (1 ms) during a Q&A load; shares "
            "are of the busy time (time waiting in the event loop's `select` left out).",
            _profile_details(result),
        ]
    )


def wrap(markdown: str, width: int = 100) -> str:
    """Prose and list items wrapped at `width`, as the rest of the document is; tables, code
    blocks and headings as they are."""
    lines, in_code = [], False
    for line in markdown.split("\n"):
        if line.startswith("```"):
            in_code = not in_code
        if in_code or line.startswith(("|", "#", "```")) or len(line) <= width:
            lines.append(line)
            continue
        bullet = len(line) - len(line.lstrip(" ")) + (2 if line.lstrip().startswith("- ") else 0)
        lines.append(
            textwrap.fill(
                line,
                width,
                subsequent_indent=" " * bullet,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines)


def update_docs(path: Path, result: SuiteResult) -> None:
    """Write the generated sections into the document, replacing those of an earlier run."""
    block = f"{BEGIN}\n{wrap(sections(result))}\n{END}"
    current = path.read_text() if path.exists() else "# Benchmarks\n"
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        updated = head + block + tail
    else:
        updated = current.rstrip("\n") + "\n\n" + block + "\n"
    temporary = path.with_suffix(".md.tmp")
    temporary.write_text(updated)
    temporary.replace(path)
