"""One routing table, assembled from what each feature exposes (as aiogram's `include_routers`).

A feature's Teams side (`dialogs/<feature>/routes.py`) returns a `Router`: the commands it
answers, the button payload types it takes, the phrases it recognises itself (such as «koble
denne kanalen til Fosen»), its dialogs, and, for exactly one feature, the fallback for any other
text. `RoutingTable` joins them and refuses two features claiming the same command or payload,
so the handler only routes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.dialogs import Dialog, DialogContext

from bot.understanding.commands import Command

CommandRoute = Callable[[TurnContext, DialogContext], Awaitable[None]]
PayloadRoute = Callable[[TurnContext, DialogContext, Any], Awaitable[None]]
TextRoute = Callable[[TurnContext, DialogContext, str], Awaitable[None]]
Matcher = Callable[[str], str | None]  # what a phrase names (e.g. a network), or None


@dataclass(frozen=True)
class Router:
    """What one feature answers."""

    commands: Mapping[Command, CommandRoute] = field(default_factory=dict)
    payloads: Mapping[type, PayloadRoute] = field(default_factory=dict)
    phrases: Sequence[tuple[Matcher, TextRoute]] = ()
    dialogs: Sequence[Dialog] = ()
    fallback: TextRoute | None = None


class RoutingTable:
    """Every feature's routes in one table."""

    def __init__(self, routers: Iterable[Router]) -> None:
        self.commands: dict[Command, CommandRoute] = {}
        self.payloads: dict[type, PayloadRoute] = {}
        self.phrases: list[tuple[Matcher, TextRoute]] = []
        self.dialogs: list[Dialog] = []
        fallbacks: list[TextRoute] = []
        for router in routers:
            _merge(self.commands, router.commands, "command")
            _merge(self.payloads, router.payloads, "payload")
            self.phrases.extend(router.phrases)
            self.dialogs.extend(router.dialogs)
            if router.fallback is not None:
                fallbacks.append(router.fallback)
        if len(fallbacks) != 1:
            raise ValueError(f"exactly one feature must answer other text, not {len(fallbacks)}")
        self.fallback = fallbacks[0]

    def payload_route(self, payload: object) -> PayloadRoute | None:
        """The route for a validated button payload."""
        return self.payloads.get(type(payload))

    def phrase_route(self, text: str) -> tuple[TextRoute, str] | None:
        """The route of the first phrase that recognises `text`, and what it named."""
        for matcher, route in self.phrases:
            found = matcher(text)
            if found is not None:
                return route, found
        return None


def _merge(into: dict[Any, Any], routes: Mapping[Any, Any], kind: str) -> None:
    for key, route in routes.items():
        if key in into:
            raise ValueError(f"two features answer the same {kind}: {key!r}")
        into[key] = route
