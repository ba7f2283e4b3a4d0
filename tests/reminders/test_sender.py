"""The sender classifies what Teams answers, honours Retry-After, backs off and gives up."""

from __future__ import annotations

import json
from collections import deque

import pytest

from bot.reminders.channel import ChannelError
from bot.reminders.sender import Rate, RateLimits, RetryPolicy, Sender, classify

FAST = RateLimits(per_conversation=(Rate(1000, 1.0, burst=500),), per_tenant=(Rate(1000, 1.0),))
CHAT = json.dumps({"conversation": {"id": "a:kari", "tenantId": "t"}})
NEW_CHAT = json.dumps({"conversation": {"id": "a:kari-2", "tenantId": "t"}})
CARD = json.dumps({"type": "AdaptiveCard"})


class ScriptedChannel:
    """Answers posts with the scripted errors in turn, then with activity ids."""

    def __init__(self, *errors: ChannelError) -> None:
        self.errors = deque(errors)
        self.posts: list[str] = []
        self.recreated: list[str] = []
        self.gone: set[str] = set()

    async def post(self, reference_json: str, card_json: str) -> str:
        conversation = json.loads(reference_json)["conversation"]["id"]
        self.posts.append(conversation)
        if conversation in self.gone:
            raise ChannelError("deleted", status=404, code="ConversationNotFound")
        if self.errors:
            raise self.errors.popleft()
        return f"activity-{len(self.posts)}"

    async def update(self, reference_json: str, activity_id: str, card_json: str) -> None:
        if self.errors:
            raise self.errors.popleft()

    async def recreate(self, reference_json: str) -> str:
        self.recreated.append(reference_json)
        return NEW_CHAT


class Sleeps:
    """Records the waits the sender asks for, without waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def sender(channel: ScriptedChannel, sleeps: Sleeps, **policy: float) -> Sender:
    return Sender(
        channel,
        limits=FAST,
        policy=RetryPolicy(**policy),  # type: ignore[arg-type]
        sleep=sleeps,
        jitter=lambda: 1.0,
    )


def throttled(retry_after: float | None = 2) -> ChannelError:
    return ChannelError("slow down", status=429, retry_after=retry_after, code="Throttled")


async def test_a_post_is_sent_and_its_activity_id_kept() -> None:
    outcome = await sender(ScriptedChannel(), Sleeps()).deliver(CHAT, CARD)

    assert (outcome.state, outcome.activity_id, outcome.requests) == ("sent", "activity-1", 1)


async def test_429_waits_as_long_as_teams_says_then_delivers_once() -> None:
    channel, sleeps = ScriptedChannel(throttled(2), throttled(3), throttled(1)), Sleeps()

    outcome = await sender(channel, sleeps).deliver(CHAT, CARD)

    assert outcome.state == "sent" and outcome.requests == 4
    assert sleeps.waits == [2, 3, 1]


async def test_5xx_and_412_back_off_exponentially_with_a_cap() -> None:
    errors = [ChannelError("busy", status=s) for s in (503, 502, 504, 412, 503)]
    channel, sleeps = ScriptedChannel(*errors), Sleeps()

    outcome = await sender(channel, sleeps, base_delay=1.0, max_delay=4.0).deliver(CHAT, CARD)

    assert outcome.state == "sent"
    assert sleeps.waits == [1.0, 2.0, 4.0, 4.0, 4.0]  # jitter 1.0 = the full ceiling


async def test_a_long_wait_is_handed_back_to_the_worker() -> None:
    channel, sleeps = ScriptedChannel(throttled(120)), Sleeps()

    outcome = await sender(channel, sleeps, max_inline_wait=30).deliver(CHAT, CARD)

    assert (outcome.state, outcome.retry_in, outcome.requests) == ("throttled", 120, 1)
    assert sleeps.waits == []


async def test_after_the_cap_it_fails() -> None:
    channel, sleeps = ScriptedChannel(*(throttled(1) for _ in range(10))), Sleeps()

    outcome = await sender(channel, sleeps, max_attempts=4).deliver(CHAT, CARD, previous_attempts=1)

    assert outcome.state == "failed" and outcome.requests == 3
    assert outcome.error is not None and "gave up after 4 attempts" in outcome.error


async def test_403_is_blocked_and_not_retried() -> None:
    blocked = ChannelError("blocked", status=403, code="MessageWritesBlocked")
    channel = ScriptedChannel(blocked)

    outcome = await sender(channel, Sleeps()).deliver(CHAT, CARD, personal=True)

    assert (outcome.state, outcome.requests) == ("blocked", 1)
    assert channel.posts == ["a:kari"]


async def test_404_in_a_personal_chat_recreates_it_once() -> None:
    channel = ScriptedChannel()
    channel.gone.add("a:kari")

    outcome = await sender(channel, Sleeps()).deliver(CHAT, CARD, personal=True)

    assert outcome.state == "sent" and outcome.new_reference == NEW_CHAT
    assert channel.posts == ["a:kari", "a:kari-2"] and len(channel.recreated) == 1


async def test_404_again_after_recreating_gives_up() -> None:
    channel = ScriptedChannel()
    channel.gone |= {"a:kari", "a:kari-2"}

    outcome = await sender(channel, Sleeps()).deliver(CHAT, CARD, personal=True)

    assert outcome.state == "gone" and len(channel.recreated) == 1


async def test_404_in_a_channel_is_gone_without_recreating() -> None:
    channel = ScriptedChannel()
    channel.gone.add("a:kari")

    outcome = await sender(channel, Sleeps()).deliver(CHAT, CARD, personal=False)

    assert outcome.state == "gone" and channel.recreated == []


async def test_a_lost_answer_is_unknown_and_never_retried() -> None:
    lost = ChannelError("timeout", maybe_delivered=True)
    channel = ScriptedChannel(lost)

    outcome = await sender(channel, Sleeps()).deliver(CHAT, CARD)

    assert (outcome.state, channel.posts) == ("unknown", ["a:kari"])


@pytest.mark.parametrize(
    ("error", "state"),
    [
        (ChannelError("x", status=429), "throttled"),
        (ChannelError("x", status=412), "throttled"),
        (ChannelError("x", status=502), "throttled"),
        (ChannelError("refused"), "unreachable"),  # never reached Teams: retried, named so
        (ChannelError("x", status=403), "blocked"),
        (ChannelError("x", status=404), "gone"),
        (ChannelError("x", status=400), "failed"),
        (ChannelError("x", status=500), "failed"),
        (ChannelError("lost", maybe_delivered=True), "unknown"),
    ],
)
def test_classification(error: ChannelError, state: str) -> None:
    assert classify(error) == state


def test_a_rate_must_leave_room_for_its_burst() -> None:
    with pytest.raises(ValueError, match="burst"):
        Rate(5, 1.0, burst=5)
