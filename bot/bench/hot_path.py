"""Where the server's time goes: a pyinstrument profile boiled down to shares.

The profiler samples the server's main thread, which runs the event loop and so every turn.
Time the loop spends waiting in `select` is idle and left out: shares are of the busy time.
Work in other threads (aiosqlite runs each SQLite call in its own thread) is not in the
profile; the suite reports the process's whole CPU time next to it.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]
PROJECT_PACKAGES = ("bot", "dialogs", "cards")

# The hot path's stages: (label, function, file path suffix). Inclusive time of the outermost
# call; stages overlap where one calls another (reading state happens inside the dialog context).
STAGES: tuple[tuple[str, str, str], ...] = (
    ("whole turn (LagetAdapter.process)", "process", "bot/teams/adapter.py"),
    ("read the request (JSON → Activity)", "_read_activity", "bot/teams/adapter.py"),
    ("recognise the question (Recognizer.recognize)", "recognize", "understanding/recognizer.py"),
    ("… of which TF-IDF and the classes (Model.decisions)", "decisions", "understanding/model.py"),
    ("… of which finding a place (RegionData.find_network)", "find_network", "scheme/models.py"),
    ("build the answer (QaService._answer)", "_answer", "bot/qa/service.py"),
    ("… of which counts from the database (CountsRepository.get)", "get", "store/counts.py"),
    ("log the question (QaLog.record)", "record", "bot/store/qa.py"),
    ("render cards (CardRenderer.render)", "render", "cards/renderer.py"),
    ("send replies (TurnContext.send_activity)", "send_activity", "core/turn_context.py"),
    ("dialog context (DialogSet.create_context)", "create_context", "dialogs/dialog_set.py"),
    ("read state (SqlStorage.read_texts)", "read_texts", "bot/teams/storage.py"),
    ("write state (SqlStorage.write_texts)", "write_texts", "bot/teams/storage.py"),
    ("serialize the reply body (msrest)", "serialize", "msrest/serialization.py"),
)


@dataclass(frozen=True)
class Share:
    """Seconds spent somewhere and their share of the busy time."""

    name: str
    seconds: float
    share: float


@dataclass(frozen=True)
class ProfileSummary:
    """The profile in numbers: packages and functions by self time, stages inclusive."""

    wall: float  # seconds profiled
    busy: float  # main thread not waiting in the event loop's select
    packages: list[Share] = field(default_factory=list)
    functions: list[Share] = field(default_factory=list)
    stages: list[Share] = field(default_factory=list)
    note: str = ""  # why there is no profile, when there is none

    @classmethod
    def unavailable(cls, why: str) -> ProfileSummary:
        """An empty summary that says why it is empty."""
        return cls(wall=0.0, busy=0.0, note=why)


def package_of(file_path: str | None) -> str:
    """A short name for where code lives: a project package, a library or the stdlib."""
    if not file_path or file_path.startswith("<"):
        return "<built-in>"
    path = Path(file_path)
    parts = path.parts
    if "site-packages" in parts:
        rest = parts[parts.index("site-packages") + 1 :]
        return rest[0].removesuffix(".py") if rest else "<site-packages>"
    try:
        relative = path.resolve().relative_to(PROJECT)
    except ValueError:
        relative = None
    if relative is not None and relative.parts[0] in PROJECT_PACKAGES:
        folders = relative.parts[:-1]
        return ".".join(folders[:2]) if folders else relative.parts[0]
    stdlib = Path(sys.base_prefix, "lib", f"python{sys.version_info[0]}.{sys.version_info[1]}")
    try:
        inside = path.relative_to(stdlib).parts
    except ValueError:
        return "<other>"
    return "stdlib " + inside[0].removesuffix(".py")


def _is_idle(frame: Any) -> bool:
    """The event loop waiting for something to do (with everything it calls, e.g. epoll)."""
    return frame.function == "select" and str(frame.file_path or "").endswith("selectors.py")


def _frames(root: Any) -> Iterator[tuple[Any, str]]:
    """Every real frame outside the idle event loop, with the package it counts for.

    A built-in (C) function counts for the package of the Python code that called it.
    """
    stack = [(root, "<built-in>")]
    while stack:
        frame, caller = stack.pop()
        if _is_idle(frame):
            continue
        where = package_of(frame.file_path)
        if where == "<built-in>":
            where = caller
        if not frame.is_synthetic:
            yield frame, where
        stack.extend((child, where) for child in frame.children)


def _idle_time(root: Any) -> float:
    """Seconds spent in the idle event loop."""
    idle, stack = 0.0, [root]
    while stack:
        frame = stack.pop()
        if _is_idle(frame):
            idle += float(frame.time)
        else:
            stack.extend(frame.children)
    return idle


def _function_name(frame: Any, where: str) -> str:
    name = str(frame.function)
    if frame.class_name:
        name = f"{frame.class_name}.{name}"
    if package_of(frame.file_path) == "<built-in>":
        return f"{name} (built-in, from {where})"
    return f"{name} ({where})"


def _stage_times(root: Any) -> dict[str, float]:
    """Inclusive seconds per stage, counting only the outermost call on each path."""
    times: dict[str, float] = defaultdict(float)
    stack: list[tuple[Any, frozenset[str]]] = [(root, frozenset())]
    while stack:
        frame, inside = stack.pop()
        entered = inside
        if not frame.is_synthetic:
            path = str(frame.file_path or "")
            for label, function, suffix in STAGES:
                if frame.function == function and path.endswith(suffix) and label not in inside:
                    times[label] += frame.time
                    entered = entered | {label}
        stack.extend((child, entered) for child in frame.children)
    return times


def summarise(root: Any, *, top: int = 12) -> ProfileSummary:
    """Boil a pyinstrument root frame (`Session.root_frame()`) down to shares of busy time."""
    if root is None:
        return ProfileSummary.unavailable("the profile recorded no samples")
    wall = float(root.time)
    by_package: dict[str, float] = defaultdict(float)
    by_function: dict[str, float] = defaultdict(float)
    for frame, where in _frames(root):
        self_time = float(frame.total_self_time)
        by_package[where] += self_time
        by_function[_function_name(frame, where)] += self_time
    busy = max(wall - _idle_time(root), 1e-9)

    def shares(times: dict[str, float], limit: int) -> list[Share]:
        ranked = sorted(times.items(), key=lambda item: item[1], reverse=True)[:limit]
        return [Share(name, seconds, seconds / busy) for name, seconds in ranked]

    stage_times = _stage_times(root)
    stages = [
        Share(label, stage_times[label], stage_times[label] / busy)
        for label, _function, _suffix in STAGES
        if label in stage_times
    ]
    return ProfileSummary(
        wall=wall,
        busy=busy,
        packages=shares(by_package, top),
        functions=shares(by_function, top),
        stages=stages,
    )
