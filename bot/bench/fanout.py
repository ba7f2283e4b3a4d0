"""Benchmark: one reminder to each of N channels, against a fake Teams that enforces the limits.

    python -m bot.bench.fanout --targets 500

The fake Bot Connector runs in its own process on 127.0.0.1 (Teams is not in ours either) and
answers 429 (Retry-After: 1) whenever a sliding window is exceeded: 50 requests per second per
tenant, and Teams' per-conversation limits. Everything else is real: SQLite outbox, worker,
sender (aiolimiter), TeamsChannel over botbuilder's CloudAdapter.
It reports the achieved send rate against the allowed one, the 429s, and checks that every
channel got exactly one post (no duplicate, none lost).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing
import sys
import tempfile
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from aiohttp import ClientSession, web
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

from bot.reminders.card import ReminderCards
from bot.reminders.model import ConversationRecord
from bot.reminders.progress import StoredProgress
from bot.reminders.rules import load_rules
from bot.reminders.sender import TEAMS_PER_CONVERSATION, Rate, RateLimits, Sender
from bot.reminders.targets import StoredTargets
from bot.reminders.worker import ReminderWorker
from bot.scheme.calendar import OSLO
from bot.scheme.loader import load_region
from bot.store.channel_links import ChannelLinks
from bot.store.completions import Completions
from bot.store.db import create_engine
from bot.store.outbox import Outbox
from bot.store.references import ConversationReferences
from bot.store.reminder_tables import reminders
from bot.store.roles import RolesRepository
from bot.store.tables import metadata
from bot.teams.proactive import TeamsChannel

# The 7-day reminder of the beslutningsgrunnlag (due 1 February 2027).
MOMENT = dt.datetime(2027, 1, 25, 9, 0, tzinfo=OSLO)
TENANT = "tenant-bench"


@dataclass
class SlidingWindow:
    """At most `count` accepted requests in any `period` seconds."""

    count: int
    period: float
    times: deque[float] = field(default_factory=deque)

    def admits(self, now: float) -> bool:
        """True if one more request at `now` stays within the window."""
        while self.times and self.times[0] <= now - self.period:
            self.times.popleft()
        return len(self.times) < self.count

    def add(self, now: float) -> None:
        self.times.append(now)


class LimitedTeams:
    """A fake Bot Connector that enforces rate limits and records accepted posts."""

    def __init__(self, per_tenant: Rate, per_conversation: Sequence[Rate]) -> None:
        self.accepted: list[tuple[str, float]] = []
        self.throttled = 0
        self._global = SlidingWindow(per_tenant.count, per_tenant.period)
        self._per_conversation = per_conversation
        self._windows: dict[str, list[SlidingWindow]] = {}

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities", self._post)
        app.router.add_get("/_stats", self._stats)
        return app

    async def _stats(self, _request: web.Request) -> web.Response:
        return web.json_response({"accepted": self.accepted, "throttled": self.throttled})

    async def _post(self, request: web.Request) -> web.Response:
        conversation = request.match_info["conversation"]
        await request.read()
        now = asyncio.get_running_loop().time()
        windows = self._windows.setdefault(
            conversation, [SlidingWindow(r.count, r.period) for r in self._per_conversation]
        )
        if not all(window.admits(now) for window in (self._global, *windows)):
            self.throttled += 1
            return web.json_response(
                {"error": {"code": "Throttled", "message": "too many requests"}},
                status=429,
                headers={"Retry-After": "1"},
            )
        for window in (self._global, *windows):
            window.add(now)
        self.accepted.append((conversation, now))
        return web.json_response({"id": f"activity-{len(self.accepted)}"}, status=201)


@dataclass(frozen=True)
class BenchResult:
    """What a benchmark run achieved."""

    targets: int
    sent: int
    posts: int
    duplicates: int
    lost: int
    throttled: int
    seconds: float  # the whole pass: plan, write, claim, send, record
    send_rate: float  # accepted posts per second, first to last
    allowed_rate: float
    states: dict[str, int]

    @property
    def share_of_allowed(self) -> float:
        """The send rate as a share of the allowed rate (0.9 = 90 %)."""
        return self.send_rate / self.allowed_rate


class _Config:
    APP_ID = ""  # authentication off: the fake connector needs no token
    APP_PASSWORD = ""
    APP_TYPE = "MultiTenant"
    APP_TENANTID = ""


@dataclass(frozen=True)
class BenchConfig:
    """How to run the benchmark."""

    targets: int = 500
    limits: RateLimits = field(default_factory=RateLimits)  # what the sender keeps
    enforced: Rate = field(default_factory=lambda: Rate(50, 1.0))  # what the fake enforces
    concurrency: int = 16
    batch_size: int = 100


async def benchmark(config: BenchConfig | None = None) -> BenchResult:
    """Send one reminder to each of `targets` channels and measure (see the module docstring)."""
    config = config or BenchConfig()
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    fake = context.Process(target=_serve, args=(theirs, config.enforced), daemon=True)
    fake.start()
    try:
        port = await asyncio.to_thread(ours.recv)
        with tempfile.TemporaryDirectory() as folder:
            return await _run(config, f"http://127.0.0.1:{port}/", Path(folder))
    finally:
        ours.send("stop")
        await asyncio.to_thread(fake.join, 30)


def _serve(pipe: Connection, enforced: Rate) -> None:
    """The fake Teams process: serve on a free loopback port until told to stop."""

    async def serve() -> None:
        teams = LimitedTeams(enforced, TEAMS_PER_CONVERSATION)
        runner = web.AppRunner(teams.app(), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        pipe.send(runner.addresses[0][1])
        await asyncio.to_thread(pipe.recv)
        await runner.cleanup()

    asyncio.run(serve())


async def _run(config: BenchConfig, service_url: str, folder: Path) -> BenchResult:
    engine = create_engine(f"sqlite+aiosqlite:///{folder / 'bench.db'}")
    try:
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        region = load_region(None)
        rules = load_rules(region)
        references, links = ConversationReferences(engine), ChannelLinks(engine)
        channels = [f"19:bench-{n:04d}@thread.tacv2" for n in range(config.targets)]
        for n, conversation in enumerate(channels):
            await references.store(_channel(conversation, service_url))
            await links.link(region.network_ids[n % len(region.network_ids)], conversation, "bench")
        targets = StoredTargets(region, references, RolesRepository(engine), links)
        adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(_Config()))
        worker = ReminderWorker(
            region=region,
            rules=rules,
            targets=targets,
            progress=StoredProgress(region, Completions(engine)),
            references=targets,
            outbox=Outbox(engine),
            sender=Sender(TeamsChannel(adapter, ""), limits=config.limits),
            cards=ReminderCards(region, rules),
            batch_size=config.batch_size,
            concurrency=config.concurrency,
        )
        loop = asyncio.get_running_loop()
        started = loop.time()
        report = await worker.run_once(MOMENT)
        seconds = loop.time() - started
        async with engine.connect() as connection:
            rows = (await connection.execute(reminders.select())).mappings().all()
        async with ClientSession() as session, session.get(f"{service_url}_stats") as response:
            stats = await response.json()
    finally:
        await engine.dispose()
    accepted: list[tuple[str, float]] = [(c, at) for c, at in stats["accepted"]]
    per_channel = Counter(conversation for conversation, _ in accepted)
    times = [at for _, at in accepted]
    span = max(times) - min(times) if len(times) > 1 else 0.0
    return BenchResult(
        targets=config.targets,
        sent=report["sent"],
        posts=len(accepted),
        duplicates=sum(n - 1 for n in per_channel.values() if n > 1),
        lost=sum(1 for conversation in channels if per_channel[conversation] == 0),
        throttled=int(stats["throttled"]),
        seconds=seconds,
        send_rate=(len(times) - 1) / span if span else 0.0,
        allowed_rate=config.enforced.count / config.enforced.period,
        states=dict(Counter(row["state"] for row in rows)),
    )


def _channel(conversation_id: str, service_url: str) -> ConversationRecord:
    reference = {
        "bot": {"id": "28:laget-bench", "name": "Laget"},
        "conversation": {"id": conversation_id, "conversationType": "channel", "tenantId": TENANT},
        "channelId": "msteams",
        "serviceUrl": service_url,
    }
    return ConversationRecord(
        conversation_id=conversation_id,
        conversation_type="channel",
        service_url=service_url,
        bot_id="28:laget-bench",
        reference=reference,
        tenant_id=TENANT,
    )


def describe(result: BenchResult) -> str:
    """The figures, one per line."""
    return "\n".join(
        [
            f"targets:        {result.targets} channels",
            f"sent:           {result.sent} (posts accepted by the fake Teams: {result.posts})",
            f"duplicates:     {result.duplicates}",
            f"lost:           {result.lost}",
            f"429 answers:    {result.throttled}",
            f"send rate:      {result.send_rate:.1f}/s of {result.allowed_rate:.0f}/s allowed"
            f" ({result.share_of_allowed:.0%})",
            f"whole pass:     {result.seconds:.2f} s (plan, write, claim, send, record)",
            f"outbox states:  {result.states}",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m bot.bench.fanout`: run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--targets", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args(argv)
    config = BenchConfig(targets=args.targets, concurrency=args.concurrency)
    result = asyncio.run(benchmark(config))
    sys.stdout.write(describe(result) + "\n")
    ok = result.duplicates == 0 and result.lost == 0 and result.share_of_allowed >= 0.9
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
