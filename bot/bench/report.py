"""The suite's figures as a table, the targets checked, and the sections of docs/benchmarks.md.

The generated sections sit between two markers in the document; a new run replaces them and
leaves everything else (the other benchmarks, the written analysis) as it is.
"""

from __future__ import annotations

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

# The targets (issue: measured speed and scale).
P50_RATIO = 1.5  # Laget's p50 at most this many times the echo bot's
P95_MAX = 0.100  # seconds, with many clients
THROUGHPUT_SHARE = 0.6  # of the echo bot's
FANOUT_SHARE = 0.9  # of Teams' allowed rate
MEMORY_FLAT = 0.03  # growth from 5 000 to 10 000 turns, as a share of the memory at 5 000


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


def _turn_rows(result: SuiteResult, scenario: str, label: str) -> list[Row]:
    many = result.config.clients
    rows = []
    for clients in (1, many):
        laget, echo = (
            result.figures("Laget", scenario, clients),
            result.figures("echo", scenario, clients),
        )
        who = f"{label}, {clients} client{'s' if clients > 1 else ''}"
        p50_ratio = laget.p50 / echo.p50 if echo.p50 else float("inf")
        share = laget.throughput / echo.throughput if echo.throughput else 0.0
        rows.append(
            Row(
                f"{who}: p50",
                _ms(laget.p50),
                _ms(echo.p50),
                f"{p50_ratio:.2f}×",
                f"≤ {P50_RATIO}×",
                p50_ratio <= P50_RATIO,
            )
        )
        p95_target = clients == many
        rows.append(
            Row(
                f"{who}: p95",
                _ms(laget.p95),
                _ms(echo.p95),
                f"{laget.p95 / echo.p95:.2f}×" if echo.p95 else "—",
                f"< {P95_MAX * 1000:.0f} ms" if p95_target else "",
                laget.p95 < P95_MAX if p95_target else None,
            )
        )
        rows.append(
            Row(
                f"{who}: throughput",
                f"{laget.throughput:.1f}/s",
                f"{echo.throughput:.1f}/s",
                f"{share:.0%}",
                f"≥ {THROUGHPUT_SHARE:.0%}",
                share >= THROUGHPUT_SHARE,
            )
        )
        rows.append(
            Row(
                f"{who}: server CPU per turn",
                _ms(laget.cpu_per_turn),
                _ms(echo.cpu_per_turn),
                f"{laget.cpu_per_turn / echo.cpu_per_turn:.2f}×" if echo.cpu_per_turn else "—",
            )
        )
        errors = laget.errors + echo.errors
        rows.append(
            Row(f"{who}: failed turns", str(laget.errors), str(echo.errors), "", "0", errors == 0)
        )
    return rows


def summary_rows(result: SuiteResult) -> list[Row]:
    """Every figure that counts, with its target where it has one."""
    rows = _turn_rows(result, "qa", "Q&A turn") + _turn_rows(result, "dialog", "Dialog turn")
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
    return rows


def memory_growth(result: SuiteResult) -> tuple[tuple[int, int], tuple[int, int], float]:
    """The readings near 5 000 and 10 000 turns (half and all) and the growth between."""
    total = result.config.memory_turns
    middle, last = result.memory.at(total // 2), result.memory.samples[-1]
    return middle, last, (last[1] - middle[1]) / middle[1] if middle[1] else 0.0


def _memory_rows(result: SuiteResult) -> list[Row]:
    middle, last, growth = memory_growth(result)
    return [
        Row("Memory (VmRSS) at idle", _mib(result.memory.idle)),
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
                "Q&A" if f.scenario == "qa" else "dialog answer",
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
            "with Laget. Laget runs on SQLite here, as `laget serve` does by default.",
            table,
            "### Turn cost",
            f"Q&A: «Hva er rammen til Fosen?» and «Kva tid er fristen for "
            f"avgjerdsgrunnlaget?» alternately. Dialog: the behovsmelding step by step "
            f"(«ny behovsmelding», the «Steg for steg» button as a card submit, then 19 "
            f"answers; a new user for each report); p50/p95 are of the answers, throughput "
            f"counts every turn. One client: {config.single_turns} Q&A turns, "
            f"{config.dialog_single_turns} dialog turns; {config.clients} clients: "
            f"{config.concurrent_turns} Q&A and {config.dialog_concurrent_turns} dialog turns "
            f"each. Server CPU per turn is the server process's user+system time "
            f"(/proc/<pid>/stat, all threads) over the turns.",
            _turn_details(result),
            "### State under contention",
            f"{config.contention_conversations} conversations × {config.contention_turns} turns "
            "at once on a fresh database: «ny behovsmelding», «Steg for steg», then answers, "
            "each conversation with its own answers. Every reply must ask the next question; "
            "afterwards each draft must be at the right step with its own answers, and each "
            "conversation's stored dialog must still point at its draft.",
            _contention_details(result),
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
