"""Every card Laget sends is valid Adaptive Card 1.5 and renders cleanly in Teams' host config.

The cards come from Laget itself (see `catalogue`). Each is checked against the official 1.5
JSON schema and Teams' 28 KB limit, then parsed and rendered by the `adaptivecards` 3.0.6
renderer with the Teams light host config in Chromium, from a page on 127.0.0.1 (e2e/cards.html);
any parse warning or validation failure fails the test. Screenshots go to artifacts/cards/.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.settings import Settings
from cards.renderer import MAX_CARD_BYTES
from tests.activities import Client
from tests.conftest import StartBot
from tests.e2e import tools
from tests.e2e.catalogue import NamedCard, conversation_cards, grant_roles, reminder_cards
from tests.e2e.conftest import Chromium
from tests.fake_teams import FakeTeams

# Laget's templates (cards/templates/*.json.j2); the catalogue makes cards with each of them.
TEMPLATES = {"welcome", "choice", "facts", "bars", "form", "reminder"}


@pytest.fixture
async def laget_cards(start_bot: StartBot, settings: Settings, teams: FakeTeams) -> list[NamedCard]:
    """Every card Laget sends, numbered in order: a whole conversation's, then the reminders."""
    # No delivery worker in the server: the catalogue delivers after each turn itself.
    quiet = settings.model_copy(update={"delivery_interval": 0})
    bot = await start_bot(quiet)
    await grant_roles(settings)

    async def start_at(moment: dt.datetime) -> Client:  # the same app and database, later
        return await start_bot(quiet, clock=lambda: moment)

    found = [*await conversation_cards(bot, teams, start_at), *reminder_cards()]
    return [NamedCard(f"{n:02d}-{named.name}", named.card) for n, named in enumerate(found, 1)]


def schema() -> dict[str, Any]:
    """The official Adaptive Card 1.5 schema, with Teams' root `msteams` extension allowed."""
    loaded: dict[str, Any] = json.loads(
        files("adaptive_cards").joinpath("schemas/schema-1.5.json").read_text()
    )
    loaded["definitions"]["AdaptiveCard"]["properties"]["msteams"] = {"type": "object"}
    return loaded


def test_the_catalogue_knows_every_template() -> None:
    """A new template must be added to the catalogue's conversation (and then to this list)."""
    found = {path.name.removesuffix(".json.j2") for path in tools.TEMPLATES_DIR.glob("*.json.j2")}

    assert found == TEMPLATES


async def test_every_card_is_valid_adaptive_card_1_5_within_the_size_limit(
    laget_cards: list[NamedCard],
) -> None:
    validator = jsonschema.Draft6Validator(schema())
    problems: list[str] = []
    for named in laget_cards:
        size = len(json.dumps(named.card, ensure_ascii=False).encode())
        if size > MAX_CARD_BYTES:
            problems.append(f"{named.name}: {size} bytes, over Teams' {MAX_CARD_BYTES}")
        if named.card.get("version") != "1.5":
            problems.append(f"{named.name}: version {named.card.get('version')!r}, not 1.5")
        problems += [
            f"{named.name}: {error.message} at /{'/'.join(map(str, error.absolute_path))}"
            for error in validator.iter_errors(named.card)
        ]

    kinds = {element["type"] for named in laget_cards for element in _elements(named.card)}
    assert {"FactSet", "ColumnSet", "Input.Text", "Input.ChoiceSet", "Input.Toggle"} <= kinds
    assert not problems, "\n".join(problems)


def _elements(node: Any) -> list[dict[str, Any]]:
    """Every element of a card (body items, columns' items, nested containers)."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "type" in node:
            found.append(node)
        for value in node.values():
            found += _elements(value)
    elif isinstance(node, list):
        for item in node:
            found += _elements(item)
    return found


@pytest.fixture
async def render_page() -> AsyncIterator[str]:
    """The render page and the pinned npm packages, served from 127.0.0.1."""
    for needed in (tools.ADAPTIVECARDS, tools.TEAMS_HOST_CONFIG, tools.MARKDOWN_IT):
        tools.npm_file(needed)

    async def index(_: web.Request) -> web.FileResponse:
        return web.FileResponse(tools.E2E / "cards.html")

    app = web.Application()
    app.router.add_get("/", index)
    app.router.add_static("/adaptivecards/", tools.NODE_MODULES / "adaptivecards")
    app.router.add_static("/designer/", tools.DESIGNER)
    app.router.add_static("/markdown-it/", tools.NODE_MODULES / "markdown-it")
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("/"))
    finally:
        await server.close()


@dataclass(frozen=True)
class Rendered:
    """What the renderer said about one card."""

    name: str
    events: list[str]  # parse warnings and validation failures
    layout: list[str]  # numbered lists made from text, button titles cut off


async def render_all(
    chromium: Chromium, page_url: str, laget_cards: list[NamedCard], shots: Path | None
) -> list[Rendered]:
    """Render each card in Teams light, one after another; screenshot each into `shots`."""
    host_config = json.loads(tools.TEAMS_HOST_CONFIG.read_text())
    context = await chromium.context(width=640, height=900)
    page = await context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    await page.goto(page_url)
    await page.wait_for_function("window.rendererReady === true")
    results: list[Rendered] = []
    for named in laget_cards:
        result: dict[str, Any] = await page.evaluate(
            "([card, config]) => window.renderCard(card, config)", [named.card, host_config]
        )
        events = [
            f"{e['event']}: {e['message']}" for e in [*result["parse"], *result["validation"]]
        ]
        if not result["rendered"]:
            events.append("the renderer produced nothing")
        results.append(Rendered(named.name, events, result["layout"]))
        if shots is not None:
            await page.locator("#frame").screenshot(path=shots / f"{named.name}.png")
    await context.close()
    assert not page_errors, page_errors
    assert not chromium.blocked, f"requests that left 127.0.0.1: {chromium.blocked}"
    return results


async def test_every_card_renders_in_teams_light_without_warnings(
    chromium: Chromium, render_page: str, laget_cards: list[NamedCard]
) -> None:
    rendered = await render_all(chromium, render_page, laget_cards, tools.artifacts("cards"))

    problems = [f"{r.name}: {event}" for r in rendered for event in r.events]
    assert len(rendered) == len(laget_cards)
    assert not problems, "\n".join(problems)


async def test_no_card_is_laid_out_differently_from_what_it_says(
    chromium: Chromium, render_page: str, laget_cards: list[NamedCard]
) -> None:
    rendered = await render_all(chromium, render_page, laget_cards, None)

    problems = [f"{r.name}: {problem}" for r in rendered for problem in r.layout]
    assert not problems, "\n".join(problems)
