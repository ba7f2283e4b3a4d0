"""The profile summary: busy time split by package, function and hot-path stage."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.bench import hot_path as profile
from bot.bench.hot_path import package_of, summarise


def test_code_is_placed_in_its_package() -> None:
    assert package_of(str(Path(profile.__file__))) == "bot.bench"
    assert package_of("/x/.venv/lib/python3.11/site-packages/sqlalchemy/engine/base.py") == (
        "sqlalchemy"
    )
    assert package_of(str(Path(sys.base_prefix, "lib", "python3.11", "json", "x.py"))) == (
        "stdlib json"
    )
    assert package_of("<built-in>") == "<built-in>"


def _busy() -> int:
    return sum(len(str(n)) for n in range(200_000))


def test_a_profile_is_boiled_down_to_shares_of_busy_time() -> None:
    pyinstrument = pytest.importorskip("pyinstrument")
    profiler = pyinstrument.Profiler(interval=0.001, async_mode="disabled")
    profiler.start()
    _busy()
    session = profiler.stop()

    summary = summarise(session.root_frame())

    assert summary.busy > 0
    assert summary.packages and summary.functions
    assert any("_busy" in share.name for share in summary.functions)
    assert sum(share.share for share in summary.packages) <= 1.01


def test_no_samples_says_so() -> None:
    assert summarise(None).note
