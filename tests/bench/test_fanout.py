"""The benchmark's own checks, small: every channel gets one post, even through 429s."""

from __future__ import annotations

from bot.bench.fanout import BenchConfig, benchmark, describe
from bot.reminders.sender import Rate, RateLimits


async def test_every_channel_gets_exactly_one_post() -> None:
    config = BenchConfig(
        targets=40,
        limits=RateLimits(per_tenant=(Rate(400, 1.0),)),
        enforced=Rate(500, 1.0),
    )

    result = await benchmark(config)

    assert (result.sent, result.posts, result.duplicates, result.lost) == (40, 40, 0, 0)
    assert result.states == {"sent": 40}
    assert "duplicates:     0" in describe(result)


async def test_a_sender_faster_than_teams_allows_is_throttled_yet_loses_nothing() -> None:
    config = BenchConfig(
        targets=30,
        limits=RateLimits(per_tenant=(Rate(1000, 1.0),)),  # ignores Teams' limit on purpose
        enforced=Rate(15, 1.0),
    )

    result = await benchmark(config)

    assert result.throttled > 0
    assert (result.sent, result.posts, result.duplicates, result.lost) == (30, 30, 0, 0)
