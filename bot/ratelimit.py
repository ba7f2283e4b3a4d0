"""A per-user limit on expensive actions (new drafts, questions sent to coordinators).

A sliding window per user, in memory: each instance limits on its own, which is enough to stop
a runaway client or a stuck button from flooding coordinators or the database.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from bot.scheme import Localized

TOO_OFTEN = Localized(
    nb="Du har gjort dette mange ganger på kort tid. Vent litt, og prøv igjen.",
    nn="Du har gjort dette mange gonger på kort tid. Vent litt, og prøv igjen.",
)


class UserRateLimit:
    """At most `limit` actions per user within `window` seconds."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._limit = limit
        self._window = window
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}

    def allow(self, user_id: str) -> bool:
        """Count one action for the user; False (and not counted) when over the limit."""
        now = self._clock()
        recent = self._seen.setdefault(user_id, deque())
        while recent and now - recent[0] >= self._window:
            recent.popleft()
        if len(recent) >= self._limit:
            return False
        recent.append(now)
        self._forget_idle(now)
        return True

    def _forget_idle(self, now: float) -> None:
        """Drop users with nothing in the window, so memory stays bounded."""
        if len(self._seen) < 1000:
            return
        for user, times in list(self._seen.items()):
            if not times or now - times[-1] >= self._window:
                del self._seen[user]
