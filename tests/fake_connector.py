"""A fake Bot Connector on 127.0.0.1 that records what the bot sends."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


class FakeConnector:
    """Accepts replies and new activities, remembering each one."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self.url = ""

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities", self._send)
        app.router.add_post("/v3/conversations/{conversation}/activities/{reply_to}", self._send)
        return app

    async def _send(self, request: web.Request) -> web.Response:
        body = await request.json()
        body["_conversation"] = request.match_info["conversation"]
        self.sent.append(body)
        return web.json_response({"id": f"sent-{next(self._ids)}"})


@asynccontextmanager
async def fake_connector() -> AsyncIterator[FakeConnector]:
    """Run a FakeConnector for the duration of the block; `url` is its service URL."""
    connector = FakeConnector()
    server = TestServer(connector.app(), host="127.0.0.1")
    await server.start_server()
    connector.url = str(server.make_url("/")).rstrip("/") + "/"
    try:
        yield connector
    finally:
        await server.close()
