"""The worker end to end: database, TeamsChannel (botbuilder) and a fake Teams on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.reminders.model import StoredReminder
from bot.reminders.rules import ReminderRules
from bot.reminders.sender import Rate, RateLimits, Sender
from bot.reminders.targets import OwnerContact
from bot.reminders.worker import ReminderWorker
from bot.scheme.models import RegionData
from bot.store.db import create_engine
from bot.store.outbox import Outbox
from bot.teams.proactive import TeamsChannel
from bot.teams.sdk_clients import ReusingAuthentication
from tests.fake_teams import Fail, FakeTeams, Hang
from tests.reminders.conftest import OWNER_CONTACT, SEVEN_DAYS, World, make_world

FAST = RateLimits(per_conversation=(Rate(1000, 1.0, burst=500),), per_tenant=(Rate(1000, 1.0),))
FOSEN = "19:fosen@thread.tacv2"
FOSEN_2 = "19:fosen-ledere@thread.tacv2"
ROROS = "19:roros@thread.tacv2"
KARI = "a:kari"


class _Config:
    APP_ID = ""
    APP_PASSWORD = ""
    APP_TYPE = "MultiTenant"
    APP_TENANTID = ""


class Sleeps:
    """The waits the sender asks for, recorded instead of slept."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def world(engine: AsyncEngine, region: RegionData, rules: ReminderRules, teams: FakeTeams) -> World:
    return make_world(engine, region, rules, teams.url)


def worker(
    world: World,
    *,
    worker_id: str = "w1",
    outbox: Outbox | None = None,
    sleeps: Sleeps | None = None,
    timeout: float = 10.0,
    batch_size: int = 50,
) -> ReminderWorker:
    adapter = CloudAdapter(ReusingAuthentication(_Config()))  # as LagetAdapter builds it
    channel = TeamsChannel(adapter, "", timeout=timeout)
    return ReminderWorker(
        region=world.region,
        rules=world.rules,
        targets=world.targets,
        progress=world.progress,
        references=world.targets,
        outbox=outbox or world.outbox,
        sender=Sender(channel, limits=FAST, sleep=sleeps or Sleeps()),
        cards=world.cards,
        worker_id=worker_id,
        batch_size=batch_size,
    )


async def only(world: World, conversation_id: str) -> StoredReminder:
    [reminder] = [
        r
        for r in await world.outbox.for_network("fosen")
        if r.target.conversation_id == conversation_id
    ]
    return reminder


def titles(teams: FakeTeams, conversation_id: str) -> list[str]:
    return [
        p.activity["attachments"][0]["content"]["body"][0]["text"]
        for p in teams.posts_to(conversation_id)
    ]


async def test_running_twice_for_the_same_moment_sends_each_reminder_once(
    world: World, teams: FakeTeams
) -> None:
    await world.channel("fosen", FOSEN)
    await world.channel("fosen", FOSEN_2)
    await world.channel("roros", ROROS)
    await world.coordinator("fosen", KARI)
    laget = worker(world)

    first = await laget.run_once(SEVEN_DAYS)
    second = await laget.run_once(SEVEN_DAYS)

    assert (first["planned"], first["written"], first["sent"]) == (4, 4, 4)
    assert (second["planned"], second["written"], second["sent"]) == (4, 0, 0)
    for conversation in (FOSEN, FOSEN_2, ROROS, KARI):
        assert titles(teams, conversation) == ["Påminnelse: Beslutningsgrunnlag"]
    stored = await only(world, FOSEN)
    assert stored.state == "sent" and stored.activity_id == teams.posts_to(FOSEN)[0].activity_id


async def test_two_workers_at_once_send_each_reminder_exactly_once(
    world: World, teams: FakeTeams, database_url: str
) -> None:
    channels = [f"19:kanal-{n}@thread.tacv2" for n in range(24)]
    for n, conversation in enumerate(channels):
        await world.channel(world.region.network_ids[n % 11], conversation)
    engines = [create_engine(database_url) for _ in range(2)]
    try:
        workers = [
            worker(world, worker_id=f"w{n}", outbox=Outbox(e), batch_size=3)
            for n, e in enumerate(engines)
        ]
        reports = await asyncio.gather(*(w.run_once(SEVEN_DAYS) for w in workers))
    finally:
        for e in engines:
            await e.dispose()

    assert sum(r["sent"] for r in reports) == 24
    assert sorted(p.conversation_id for p in teams.posts) == sorted(channels)


async def test_a_crash_between_posting_and_recording_never_duplicates(
    world: World, teams: FakeTeams
) -> None:
    class CrashingOutbox(Outbox):
        async def record_sent(self, reminder: StoredReminder, **kwargs: Any) -> bool:
            raise RuntimeError("the database went away")

    await world.channel("fosen", FOSEN)

    crashed = await worker(world, outbox=CrashingOutbox(world.engine)).run_once(SEVEN_DAYS)
    again = await worker(world, worker_id="w2").run_once(SEVEN_DAYS)
    after_lease = await worker(world, worker_id="w3").run_once(SEVEN_DAYS + dt.timedelta(hours=1))

    assert crashed["error"] == 1 and again["sent"] == 0 and after_lease["expired_leases"] == 1
    assert len(teams.posts_to(FOSEN)) == 1
    stored = await only(world, FOSEN)
    assert stored.state == "unknown"  # kept for review, never re-sent


async def test_a_429_storm_is_retried_after_retry_after_and_delivered_once(
    world: World, teams: FakeTeams
) -> None:
    await world.channel("fosen", FOSEN)
    teams.script(FOSEN, *(Fail(429, retry_after=1, code="Throttled") for _ in range(5)))
    sleeps = Sleeps()

    report = await worker(world, sleeps=sleeps).run_once(SEVEN_DAYS)

    assert report["sent"] == 1 and sleeps.waits == [1.0] * 5
    assert len(teams.posts_to(FOSEN)) == 1 and teams.requests == 6
    stored = await only(world, FOSEN)
    assert (stored.state, stored.attempts) == ("sent", 6)


async def test_a_long_retry_after_is_retried_by_a_later_pass(
    world: World, teams: FakeTeams
) -> None:
    await world.channel("fosen", FOSEN)
    teams.script(FOSEN, Fail(429, retry_after=120, code="Throttled"))
    later = SEVEN_DAYS + dt.timedelta(seconds=120)

    first = await worker(world).run_once(SEVEN_DAYS)
    early = await worker(world).run_once(later - dt.timedelta(seconds=1))
    retried = await worker(world).run_once(later)

    assert (first["throttled"], early["sent"], retried["sent"]) == (1, 0, 1)
    assert len(teams.posts_to(FOSEN)) == 1 and teams.requests == 2


async def test_a_refused_connection_is_recorded_as_unreachable_and_retried(
    engine: AsyncEngine, region: RegionData, rules: ReminderRules
) -> None:
    closed = make_world(engine, region, rules, "http://127.0.0.1:9/")  # nothing listens there
    await closed.channel("fosen", FOSEN)

    report = await worker(closed, sleeps=Sleeps()).run_once(SEVEN_DAYS)

    stored = await only(closed, FOSEN)
    assert report["unreachable"] == 1 and report["throttled"] == 0
    assert stored.state == "unreachable"  # not «throttled»: Teams never said anything
    assert [r.key for r in await closed.outbox.claim("w2", stored.next_attempt_at, 10)] == [
        stored.key
    ]


async def test_403_marks_the_channel_blocked_and_is_not_retried(
    world: World, teams: FakeTeams
) -> None:
    await world.channel("fosen", FOSEN)
    teams.script(FOSEN, Fail(403, code="MessageWritesBlocked"))

    report = await worker(world).run_once(SEVEN_DAYS)
    later = await worker(world).run_once(SEVEN_DAYS + dt.timedelta(days=6))

    assert report["blocked"] == 1 and later["planned"] == 0
    assert teams.requests == 1 and teams.posts == []
    stored = await only(world, FOSEN)
    assert stored.state == "blocked" and stored.last_error is not None
    [link] = await world.links.all()
    assert link.blocked_at is not None
    record = await world.references.get(FOSEN)
    assert record is not None and record.retired_at is not None


async def test_404_on_a_personal_chat_recreates_it_once(world: World, teams: FakeTeams) -> None:
    await world.coordinator("fosen", KARI)
    teams.delete_chat(KARI)

    report = await worker(world).run_once(SEVEN_DAYS)

    assert report["sent"] == 1 and len(teams.created) == 1
    [post] = teams.posts
    assert post.conversation_id.startswith("a:recreated-")
    [stored] = await world.outbox.for_network("fosen")
    assert stored.target.conversation_id == post.conversation_id
    old, new = await world.references.get(KARI), await world.references.get(post.conversation_id)
    assert old is not None and old.retired_at is not None
    assert new is not None and new.retired_at is None
    # The next reminder goes straight to the new chat.
    await worker(world).run_once(SEVEN_DAYS + dt.timedelta(days=6))
    assert len(teams.created) == 1 and len(teams.posts_to(post.conversation_id)) == 2


async def test_a_hung_connector_leaves_the_reminder_unknown_and_unsent(
    world: World, teams: FakeTeams
) -> None:
    await world.channel("fosen", FOSEN)
    teams.script(FOSEN, Hang())

    report = await worker(world, timeout=0.5).run_once(SEVEN_DAYS)
    teams.release.set()
    again = await worker(world).run_once(SEVEN_DAYS + dt.timedelta(hours=2))

    assert report["unknown"] == 1 and again["sent"] == 0
    stored = await only(world, FOSEN)
    assert stored.state == "unknown"


async def test_the_card_is_updated_in_place_when_the_network_is_done(
    world: World, teams: FakeTeams
) -> None:
    await world.channel("fosen", FOSEN)
    await worker(world).run_once(SEVEN_DAYS)
    [posted] = teams.posts

    await world.completions.mark("fosen", "beslutningsgrunnlag", 2027, marked_by="kari")
    report = await worker(world).run_once(SEVEN_DAYS + dt.timedelta(hours=1))
    again = await worker(world).run_once(SEVEN_DAYS + dt.timedelta(days=6))

    assert (report["closed"], again["closed"], again["planned"]) == (1, 0, 0)
    [(conversation, activity_id, body)] = teams.updates
    assert (conversation, activity_id) == (FOSEN, posted.activity_id)
    card = body["attachments"][0]["content"]
    assert card["body"][0]["text"] == "Levert: Beslutningsgrunnlag"
    assert "actions" not in card
    assert len(teams.posts) == 1


async def test_the_card_says_so_when_the_deadline_has_passed(
    world: World, teams: FakeTeams
) -> None:
    await world.channel("fosen", FOSEN)
    await worker(world).run_once(SEVEN_DAYS)

    await worker(world).run_once(dt.datetime(2027, 2, 2, 8, 0, tzinfo=dt.UTC))

    [(_, _, body)] = teams.updates
    assert (
        body["attachments"][0]["content"]["body"][0]["text"]
        == "Fristen er ute: Beslutningsgrunnlag"
    )


async def test_owners_who_have_not_submitted_are_reminded_and_counted(
    world: World, teams: FakeTeams
) -> None:
    await world.channel("fosen", FOSEN)
    await world.personal("a:osen", OWNER_CONTACT)
    world.contacts.append(OwnerContact("fosen", "Osen kommune", OWNER_CONTACT, "Ola Osen"))
    week_before = dt.datetime(2027, 1, 3, 8, 0, tzinfo=dt.UTC)  # behovsmelding due 10 January

    await worker(world).run_once(week_before)
    await world.completions.mark(
        "fosen", "behovsmelding", 2027, marked_by=OWNER_CONTACT, party_id="Osen"
    )
    await worker(world).run_once(dt.datetime(2027, 1, 9, 8, 0, tzinfo=dt.UTC))

    [owner_card] = [p.activity["attachments"][0]["content"] for p in teams.posts_to("a:osen")]
    texts = [block.get("text") for block in owner_card["body"]]
    assert "Osen kan sende en behovsmelding til nettverket (frivillig)." in texts
    first, second = (p.activity["attachments"][0]["content"] for p in teams.posts_to(FOSEN))
    assert "Fra 0 av 4 kommuner har en eier sendt behovsmelding (frivillig)." in [
        b.get("text") for b in first["body"]
    ]
    assert "Fra 1 av 4 kommuner har en eier sendt behovsmelding (frivillig)." in [
        b.get("text") for b in second["body"]
    ]
    # Osen's own card now says it is done.
    assert [
        body["attachments"][0]["content"]["body"][0]["text"] for _, _, body in teams.updates
    ] == ["Levert: Behovsmelding (eventuell)"]


async def test_a_reminder_for_a_target_done_meanwhile_is_cancelled(
    world: World, teams: FakeTeams
) -> None:
    await world.channel("fosen", FOSEN)
    teams.script(FOSEN, Fail(429, retry_after=120))
    await worker(world).run_once(SEVEN_DAYS)
    await world.completions.mark("fosen", "beslutningsgrunnlag", 2027, marked_by="kari")

    report = await worker(world).run_once(SEVEN_DAYS + dt.timedelta(minutes=5))

    assert report["cancelled"] == 1 and teams.posts == []


async def test_the_loop_runs_until_stopped(world: World, teams: FakeTeams) -> None:
    await world.channel("fosen", FOSEN)
    posted = asyncio.Event()

    class Watching(TeamsChannel):
        async def post(self, reference_json: str, card_json: str) -> str:
            activity_id = await super().post(reference_json, card_json)
            posted.set()
            return activity_id

    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(_Config()))
    laget = worker(world)
    laget._sender = Sender(Watching(adapter, ""), limits=FAST)  # noqa: SLF001  (a watched sender)
    laget._clock = lambda: SEVEN_DAYS  # noqa: SLF001  (a fixed clock)
    stop = asyncio.Event()

    task = asyncio.create_task(laget.run(3600, stop))
    await posted.wait()
    stop.set()
    await task

    assert len(teams.posts) == 1
