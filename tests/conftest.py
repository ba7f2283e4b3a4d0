"""Shared fixtures: databases (SQLite always, PostgreSQL when configured) and the HTTP door."""

from __future__ import annotations

import copy
import math
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from msrest.serialization import Model
from sqlalchemy import text

from bot.scheme import load_region
from bot.scheme.roles import RoleAssignment
from bot.settings import Settings
from bot.store import reminder_tables as _reminder_tables  # noqa: F401  (dropped on reset too)
from bot.store.db import create_engine
from bot.store.migrate import upgrade_async
from bot.store.roles import RolesRepository
from bot.store.tables import metadata
from bot.teams.server import create_app
from bot.understanding.recognizer import Recognizer
from tests.activities import COORDINATOR, Client
from tests.fake_teams import FakeTeams, fake_teams

POSTGRES_ENV = "LAGET_TEST_POSTGRES_URL"

StartBot = Callable[..., Awaitable[Client]]

# 22 November 2026, 10:00 in Oslo: the beslutningsgrunnlag is next due 1 February 2027.
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def postgres_url() -> str:
    """The test PostgreSQL URL; skips without one, but fails under CI, where it must run."""
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"{POSTGRES_ENV} is not set, and PostgreSQL tests must run in CI")
    pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (e.g. postgresql+asyncpg://…/test)")


async def reset_postgres(url: str) -> None:
    """Drop every Laget table, so each test starts from an empty database."""
    engine = create_engine(url)
    async with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            await connection.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
        await connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    await engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite database file for one test."""
    return f"sqlite+aiosqlite:///{tmp_path / 'laget.db'}"


@pytest.fixture(params=["sqlite", "postgres"])
async def database_url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    """Each database Laget supports, empty."""
    if request.param == "sqlite":
        return sqlite_url
    url = postgres_url()
    await reset_postgres(url)
    return url


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    """Local settings: authentication off, a fresh SQLite database."""
    return Settings.from_environ({"LAGET_DATABASE_URL": sqlite_url, "LAGET_REMINDER_INTERVAL": "0"})


@pytest.fixture(scope="session")
def recognizer() -> Recognizer:
    """The question recogniser for the embedded region, trained once for the whole run."""
    return Recognizer(load_region())


@pytest.fixture
async def start_bot(recognizer: Recognizer) -> AsyncIterator[StartBot]:
    """Start Laget on a loopback port; every started bot is stopped after the test."""
    clients: list[Client] = []

    async def start(settings: Settings, clock: Callable[[], datetime] = lambda: NOW) -> Client:
        app = create_app(settings, clock=clock, recognizer=recognizer)
        client: Client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        clients.append(client)
        return client

    yield start
    for client in clients:
        await client.close()


@pytest.fixture
async def bot(start_bot: StartBot, settings: Settings) -> Client:
    """Laget on SQLite, serving HTTP on 127.0.0.1."""
    return await start_bot(settings)


@pytest.fixture
async def teams() -> AsyncIterator[FakeTeams]:
    """A fake Teams (Bot Connector) on 127.0.0.1 that records what the bot posts."""
    async with fake_teams() as running:
        yield running


@pytest.fixture
async def fosen_coordinator(settings: Settings) -> str:
    """Kari Koordinator as Fosen's coordinator in the test database; her Azure AD object id."""
    await upgrade_async(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        role = RoleAssignment(aad_object_id=COORDINATOR, role="coordinator", network_id="fosen")
        await RolesRepository(engine).grant(role, name="Kari Koordinator")
    finally:
        await engine.dispose()
    return COORDINATOR


@pytest.fixture(autouse=True)
def replies_json_equals_msrest(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `expectReplies` body made without msrest in any test must equal msrest's own:
    each HTTP turn of the suite (the card catalogue included) checks `replies_json`."""
    from botbuilder.schema import ExpectedReplies  # noqa: PLC0415

    from bot.teams import adapter  # noqa: PLC0415
    from bot.teams.replies_json import expected_replies as fast  # noqa: PLC0415

    def checked(activities: Any) -> Any:
        made = fast(activities)  # raises Unsupported where msrest must do it
        assert made == ExpectedReplies(activities=list(activities)).serialize()
        return made

    monkeypatch.setattr(adapter, "expected_replies", checked)


@pytest.fixture(autouse=True)
def activity_json_equals_msrest(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every activity read without msrest in any test must equal msrest's own, attribute by
    attribute: each HTTP turn of the suite checks `activity_json`."""
    from botbuilder.schema import Activity  # noqa: PLC0415

    from bot.teams import adapter  # noqa: PLC0415
    from bot.teams.activity_json import activity_from_json as fast  # noqa: PLC0415

    def checked(body: dict[str, Any]) -> Any:
        before = copy.deepcopy(body)
        made = fast(body)  # raises Unsupported where msrest must do it
        assert body == before, "activity_json changed the request body"
        expected = Activity().deserialize(body)
        assert made.serialize() == expected.serialize()
        assert model_differences(made, expected, containers(body)) == []
        return made

    monkeypatch.setattr(adapter, "activity_from_json", checked)


def containers(value: Any) -> set[int]:
    """The ids of every dict and list in a JSON value (which of them a model shares)."""
    found: set[int] = set()
    pending = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            found.add(id(node))
            pending += node.values()
        elif isinstance(node, list):
            found.add(id(node))
            pending += node
    return found


def model_differences(  # noqa: PLR0911  (one return per kind of value)
    made: Any, expected: Any, shared: set[int], path: str = "activity"
) -> list[str]:
    """Where two values read from the same body differ: the type of every value, each model's
    attributes (its `additional_properties` too), a datetime's offset and time zone class, and
    whether a dict or list is the body's own or a copy. Empty if they are the same."""
    if type(made) is not type(expected):
        return [f"{path}: {type(made).__name__} is not {type(expected).__name__}"]
    if isinstance(made, dict | list) and (id(made) in shared) != (id(expected) in shared):
        return [f"{path}: one is the body's own {type(made).__name__}, the other a copy"]
    if isinstance(made, Model):
        return model_differences(vars(made), vars(expected), shared, path)
    if isinstance(made, dict):
        if made.keys() != expected.keys():
            return [f"{path}: keys {sorted(map(str, made.keys() ^ expected.keys()))} differ"]
        return [
            difference
            for key in made
            for difference in model_differences(made[key], expected[key], shared, f"{path}.{key}")
        ]
    if isinstance(made, list):
        if len(made) != len(expected):
            return [f"{path}: {len(made)} items, not {len(expected)}"]
        return [
            difference
            for index, (one, other) in enumerate(zip(made, expected, strict=True))
            for difference in model_differences(one, other, shared, f"{path}[{index}]")
        ]
    if isinstance(made, datetime):
        same = (
            made == expected
            and repr(made) == repr(expected)
            and type(made.tzinfo) is type(expected.tzinfo)
            and made.utcoffset() == expected.utcoffset()
            and made.tzname() == expected.tzname()
        )
    elif isinstance(made, float) and math.isnan(made):
        same = math.isnan(expected)
    else:
        same = made == expected
    return [] if same else [f"{path}: {made!r} != {expected!r}"]


@pytest.fixture(autouse=True)
def state_json_equals_jsonpickle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bot state written or read in any test must be jsonpickle's: the same JSON text on
    writing, and on reading an object of the same type that jsonpickle writes exactly as it
    writes its own reading (so the same classes, attributes and values all the way down)."""
    import jsonpickle  # noqa: PLC0415

    from bot.teams import state_json  # noqa: PLC0415

    encode, decode = state_json.encode, state_json.decode

    def pickled(value: Any) -> str:
        return str(jsonpickle.encode(value, unpicklable=True, make_refs=False))

    def checked_encode(item: Any) -> str:
        made = encode(item)
        assert made == pickled(item)
        return made

    def checked_decode(text: str) -> Any:
        made = decode(text)
        expected = jsonpickle.decode(text)
        assert type(made) is type(expected)
        assert pickled(made) == pickled(expected)
        return made

    monkeypatch.setattr(state_json, "encode", checked_encode)
    monkeypatch.setattr(state_json, "decode", checked_decode)
