"""One recogniser for the whole test session: building it takes about a second."""

from __future__ import annotations

import pytest

from bot.scheme import RegionData, load_region
from bot.understanding.knowledge import KnowledgeBase
from bot.understanding.recognizer import Recognizer


@pytest.fixture(scope="session")
def region() -> RegionData:
    """The embedded default region (Trøndelag)."""
    return load_region()


@pytest.fixture(scope="session")
def recognizer(region: RegionData) -> Recognizer:
    """The recogniser built from the shipped training examples."""
    return Recognizer(region)


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    """The shipped knowledge base."""
    return KnowledgeBase()
