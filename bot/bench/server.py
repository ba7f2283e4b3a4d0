"""A bot under test in its own process: Laget or the echo bot, on 127.0.0.1.

The parent starts `serve` in a spawned process and talks to it over a pipe: the process sends
its port once it serves, then answers commands (start and stop the profiler, report logged
errors, stop). Its memory and CPU time are read by the parent from /proc/<pid>/.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from aiohttp import web

from bot.bench.hot_path import PROJECT, PROJECT_PACKAGES, ProfileSummary, summarise

Kind = Literal["laget", "echo"]
START_TIMEOUT = 120.0  # seconds: imports, migrations and the recogniser's training


@dataclass(frozen=True)
class ServerSpec:
    """Which bot to serve, on which database (Laget only)."""

    kind: Kind
    database_url: str = ""


@dataclass
class LoggedErrors:
    """Log records at ERROR or above in the server (a failed turn logs one)."""

    count: int = 0
    first: list[str] = field(default_factory=list)


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.errors = LoggedErrors()

    def emit(self, record: logging.LogRecord) -> None:
        self.errors.count += 1
        if len(self.errors.first) < 3:
            cause = ""
            if record.exc_info and record.exc_info[1] is not None:
                error = record.exc_info[1]
                cause = f": {type(error).__name__}: {str(error).splitlines()[0][:160]}"
                cause += _where(error.__traceback__)
            self.errors.first.append(f"{record.name}: {record.getMessage()}{cause}")


def _where(trace: TracebackType | None) -> str:
    """The innermost frames of Laget's own code in a traceback («at file:line function»)."""
    ours = []
    for frame, line in traceback.walk_tb(trace):
        path = Path(frame.f_code.co_filename)
        if path.is_relative_to(PROJECT) and path.relative_to(PROJECT).parts[0] in PROJECT_PACKAGES:
            ours.append(f"{path.relative_to(PROJECT)}:{line} {frame.f_code.co_name}")
    return f" (at {' < '.join(reversed(ours[-3:]))})" if ours else ""


def _app(spec: ServerSpec) -> web.Application:
    from bot.settings import Settings  # noqa: PLC0415  (imported in the server process only)

    settings = Settings.from_environ(
        {"LAGET_DATABASE_URL": spec.database_url, "LAGET_REMINDER_INTERVAL": "0"}
    )
    if spec.kind == "echo":
        from bot.bench.echo import create_echo_app  # noqa: PLC0415

        return create_echo_app(settings)
    from bot.teams.server import create_app  # noqa: PLC0415

    return create_app(settings)  # trains the recogniser at start, as `laget serve` does


def serve(pipe: Connection, spec: ServerSpec) -> None:
    """The server process: serve on a free loopback port until told to stop."""
    asyncio.run(_serve(pipe, spec))


async def _serve(pipe: Connection, spec: ServerSpec) -> None:
    counter = _ErrorCounter()
    root = logging.getLogger()
    root.handlers[:] = [counter]  # no log output: the suite reports what was logged
    root.setLevel(logging.WARNING)
    runner = web.AppRunner(_app(spec))  # aiohttp's defaults, as `laget serve` (run_app) has
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    pipe.send(runner.addresses[0][1])
    profiler: Any = None
    try:
        while True:
            command = await asyncio.to_thread(pipe.recv)
            if command == "stop":
                break
            if command == "errors":
                pipe.send(counter.errors)
            elif command == "profile-start":
                profiler = _start_profiler()
                pipe.send(profiler is not None)
            elif command == "profile-stop":
                pipe.send(_stop_profiler(profiler))
                profiler = None
    finally:
        await runner.cleanup()


def _start_profiler() -> Any:
    try:
        from pyinstrument import Profiler  # noqa: PLC0415  (a dev dependency)
    except ImportError:
        return None
    profiler = Profiler(interval=0.001, async_mode="disabled")  # the whole main thread
    profiler.start()
    return profiler


def _stop_profiler(profiler: Any) -> ProfileSummary:
    if profiler is None:
        return ProfileSummary.unavailable(
            "pyinstrument is not installed (pip install pyinstrument)"
        )
    session = profiler.stop()
    return summarise(session.root_frame())


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process `pid` (all its threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class MachineTimes:
    """The whole machine's CPU time so far (the first line of /proc/stat), in clock ticks."""

    busy: int
    total: int

    @classmethod
    def now(cls) -> MachineTimes:
        """The counters as they are now (zeros where /proc/stat cannot be read)."""
        try:
            first = Path("/proc/stat").read_text().splitlines()[0].split()
        except (OSError, IndexError):
            return cls(0, 0)
        ticks = [int(value) for value in first[1:9]]  # user … steal (guest is in user)
        idle = ticks[3] + ticks[4]  # idle, iowait
        return cls(sum(ticks) - idle, sum(ticks))

    def busy_share(self, since: MachineTimes) -> float:
        """The share of all cores' time that was busy between `since` and these counters."""
        total = self.total - since.total
        return (self.busy - since.busy) / total if total > 0 else 0.0


class ServerProcess:
    """A running bot process and its pipe."""

    def __init__(self, spec: ServerSpec) -> None:
        context = multiprocessing.get_context("spawn")
        self.spec = spec
        self._pipe, theirs = context.Pipe()
        self._process = context.Process(target=serve, args=(theirs, spec), daemon=True)
        self._process.start()
        if not self._pipe.poll(START_TIMEOUT):
            self.stop()
            raise RuntimeError(f"the {spec.kind} server did not start")
        self.port: int = self._pipe.recv()

    @property
    def url(self) -> str:
        """Where activities are posted."""
        return f"http://127.0.0.1:{self.port}/api/messages"

    @property
    def pid(self) -> int:
        """The server's process id."""
        pid = self._process.pid
        if pid is None:
            raise RuntimeError("the server process has not started")
        return pid

    def rss_bytes(self) -> int:
        """Resident memory (VmRSS in /proc/<pid>/status)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmRSS in /proc")

    def cpu_seconds(self) -> float:
        """User and system CPU time of the whole process (all threads) so far."""
        return cpu_seconds(self.pid)

    def ask(self, command: str) -> Any:
        """Send a command and wait for its answer."""
        self._pipe.send(command)
        if not self._pipe.poll(START_TIMEOUT):
            raise RuntimeError(f"the {self.spec.kind} server did not answer {command!r}")
        return self._pipe.recv()

    def errors(self) -> LoggedErrors:
        """What the server has logged at ERROR so far."""
        errors: LoggedErrors = self.ask("errors")
        return errors

    def stop(self) -> None:
        """Stop the server and wait for its process to end."""
        if self._process.is_alive():
            with contextlib.suppress(BrokenPipeError, OSError):
                self._pipe.send("stop")
            self._process.join(30)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
