"""A fake Teams Bot Connector on 127.0.0.1 that records posts, updates and new 1:1 chats.

It can be told, per conversation, to answer the next posts with a failure (429 with
Retry-After, 403 MessageWritesBlocked, 404 ConversationNotFound, 5xx) or to hang until the test
releases it, and it can enforce Teams' rate limits with sliding windows (429 when exceeded), as
the benchmark needs. Only requests that Teams would have accepted are recorded as posts.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.bench.fanout import SlidingWindow

TENANT = "tenant-trondelag"
BOT = {"id": "28:laget-bot", "name": "Laget"}


@dataclass(frozen=True)
class Fail:
    """Answer one request with this HTTP status (and Retry-After, and an error code)."""

    status: int
    retry_after: int | None = None
    code: str = "Error"


@dataclass(frozen=True)
class Hang:
    """Hold one request until `FakeTeams.release` is set (the post is recorded as delivered)."""


Script = Fail | Hang


@dataclass(frozen=True)
class Posted:
    """One accepted post."""

    conversation_id: str
    activity_id: str
    activity: dict[str, Any]


class FakeTeams:
    """Records what the bot sends; scripts failures; optionally enforces rate limits."""

    def __init__(
        self,
        *,
        per_conversation: Iterable[tuple[int, float]] = (),
        global_limit: Iterable[tuple[int, float]] = (),
    ) -> None:
        self.url = ""
        self.posts: list[Posted] = []
        self.updates: list[tuple[str, str, dict[str, Any]]] = []
        self.created: list[dict[str, Any]] = []
        self.requests = 0
        self.throttled = 0
        self.release = asyncio.Event()
        self.hanging = asyncio.Event()  # set once a request hangs
        self._scripts: dict[str, deque[Script]] = {}
        self._gone: set[str] = set()
        self._ids = itertools.count(1)
        self._posted = asyncio.Condition()
        self._per_conversation_limits = list(per_conversation)
        self._global = [SlidingWindow(n, p) for n, p in global_limit]
        self._windows: dict[str, list[SlidingWindow]] = {}

    def script(self, conversation_id: str, *responses: Script) -> None:
        """Answer the next requests to this conversation with these responses, in order."""
        self._scripts.setdefault(conversation_id, deque()).extend(responses)

    def delete_chat(self, conversation_id: str) -> None:
        """The user deleted the 1:1 chat: every request to it gets 404 ConversationNotFound."""
        self._gone.add(conversation_id)

    @property
    def sent(self) -> list[dict[str, Any]]:
        """Every accepted post as sent, its conversation id under `_conversation`."""
        return [{**p.activity, "_conversation": p.conversation_id} for p in self.posts]

    async def wait_for_posts(
        self, conversation_id: str, count: int = 1, timeout: float = 10.0
    ) -> list[Posted]:
        """The posts to a conversation once there are `count` (Laget delivers messages to other
        people in the background); fails after `timeout` seconds without them."""
        async with self._posted:
            await asyncio.wait_for(
                self._posted.wait_for(lambda: len(self.posts_to(conversation_id)) >= count),
                timeout,
            )
        return self.posts_to(conversation_id)

    def posts_to(self, conversation_id: str) -> list[Posted]:
        """The accepted posts to one conversation."""
        return [p for p in self.posts if p.conversation_id == conversation_id]

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._post)
        app.router.add_post("/v3/conversations/{conversation}/activities/{reply_to}", self._post)
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._update)
        return app

    async def _post(self, request: web.Request) -> web.Response:
        conversation = request.match_info["conversation"]
        body = await request.json()
        refused = await self._refusal(conversation)
        if refused is not None:
            return refused
        activity_id = f"activity-{next(self._ids)}"
        self.posts.append(Posted(conversation, activity_id, body))
        async with self._posted:
            self._posted.notify_all()
        return web.json_response({"id": activity_id}, status=201)

    async def _update(self, request: web.Request) -> web.Response:
        conversation = request.match_info["conversation"]
        body = await request.json()
        refused = await self._refusal(conversation)
        if refused is not None:
            return refused
        activity_id = request.match_info["activity"]
        self.updates.append((conversation, activity_id, body))
        return web.json_response({"id": activity_id})

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.created.append(body)
        conversation_id = f"a:recreated-{next(self._ids)}"
        return web.json_response({"id": conversation_id}, status=201)

    async def _refusal(self, conversation: str) -> web.Response | None:
        """The failure to answer with, or None to accept (holding hung requests first)."""
        self.requests += 1
        if conversation in self._gone:
            return _error(404, "ConversationNotFound")
        queue = self._scripts.get(conversation)
        if queue:
            scripted = queue.popleft()
            if isinstance(scripted, Hang):
                self.hanging.set()
                await self.release.wait()
                return None
            headers = (
                {} if scripted.retry_after is None else {"Retry-After": str(scripted.retry_after)}
            )
            return _error(scripted.status, scripted.code, headers)
        now = asyncio.get_running_loop().time()
        windows = self._windows.setdefault(
            conversation, [SlidingWindow(n, p) for n, p in self._per_conversation_limits]
        )
        if not all(w.admits(now) for w in (*self._global, *windows)):
            self.throttled += 1
            return _error(429, "Throttled", {"Retry-After": "1"})
        for window in (*self._global, *windows):
            window.add(now)
        return None


def _error(status: int, code: str, headers: dict[str, str] | None = None) -> web.Response:
    body = {"error": {"code": code, "message": f"fake Teams says {status}"}}
    return web.json_response(body, status=status, headers=headers)


def reference(service_url: str, conversation_id: str, *, personal: bool = False) -> dict[str, Any]:
    """A stored conversation reference (as `ConversationReference.serialize()` gives it)."""
    return {
        "activityId": "incoming-1",
        "user": {"id": "29:kari", "name": "Kari Nordmann", "aadObjectId": "aad-kari"},
        "bot": BOT,
        "conversation": {
            "id": conversation_id,
            "conversationType": "personal" if personal else "channel",
            "tenantId": TENANT,
            "isGroup": not personal,
        },
        "channelId": "msteams",
        "serviceUrl": service_url,
    }


@asynccontextmanager
async def fake_teams(
    *,
    per_conversation: Iterable[tuple[int, float]] = (),
    global_limit: Iterable[tuple[int, float]] = (),
) -> AsyncIterator[FakeTeams]:
    """Run a FakeTeams for the duration of the block; `url` is its service URL."""
    teams = FakeTeams(per_conversation=per_conversation, global_limit=global_limit)
    server = TestServer(teams.app(), host="127.0.0.1")
    await server.start_server()
    teams.url = str(server.make_url("/")).rstrip("/") + "/"
    try:
        yield teams
    finally:
        teams.release.set()  # let hung requests finish so the server can close
        await server.close()
