"""Fixtures for the domain core: the embedded default region, loaded once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.scheme.loader import DEFAULT_DATA_DIR, load_region
from bot.scheme.models import RegionData


@pytest.fixture(scope="session")
def region() -> RegionData:
    """The embedded Trøndelag data (session-scoped, so hypothesis tests may use it)."""
    return load_region(None)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the embedded data directory."""
    target = tmp_path / "trondelag"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target
