"""Connector and user-token clients built once per app id and service URL, not per turn.

CloudAdapter (botbuilder 4.17.1) builds a new `ConnectorClient` and a new user-token client for
every incoming activity and every proactive send: msrest configuration, a retry policy,
credentials and a user agent each time, about 1.7 ms of CPU per turn on a 2-core machine
(profile in docs/benchmarks.md), which the reply needs only to post when the activity is not
`expectReplies`. The clients hold no per-turn state (credentials cache their own tokens), so
they are kept here and reused, as the SDK's older BotFrameworkAdapter did. The cache is bounded:
one entry per (app id, service URL, audience) seen, and Teams uses a handful of service URLs.
"""

from __future__ import annotations

from typing import Any

from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (
    AuthenticateRequestResult,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)
from botframework.connector.auth._built_in_bot_framework_authentication import (
    _BuiltinBotFrameworkAuthentication,
)

MAX_CLIENTS = 64  # more distinct service URLs than this start the cache afresh
CONNECT_RETRIES = 1  # urllib3 waits before the second retry only


class _Clients:
    """The shared, bounded store of built clients."""

    def __init__(self) -> None:
        self.connectors: dict[tuple[str, str, str], ConnectorClient] = {}
        self.user_tokens: dict[str, UserTokenClient] = {}

    def remember(self, store: dict[Any, Any], key: Any, client: Any) -> None:
        if len(store) >= MAX_CLIENTS:
            store.clear()
        store[key] = client


class _ReusingFactory(ConnectorFactory):  # type: ignore[misc]
    """A ConnectorFactory that hands out the same client for the same service URL."""

    def __init__(self, inner: ConnectorFactory, clients: _Clients) -> None:
        self._inner = inner
        self._clients = clients
        self._app_id = str(getattr(inner, "_app_id", "") or "")

    async def create(self, service_url: str, audience: str | None = None) -> ConnectorClient:
        key = (self._app_id, service_url, audience or "")
        client = self._clients.connectors.get(key)
        if client is None:
            client = await self._inner.create(service_url, audience)
            # msrest retries a failed connection 3 times with 0.8 s backoff (5.6 s for an
            # unreachable service URL, paid by whoever waits for it). One quick retry is
            # kept; the reminder sender retries further on its own schedule.
            client.config.retry_policy.retries = CONNECT_RETRIES
            self._clients.remember(self._clients.connectors, key, client)
        return client


class ReusingAuthentication(ConfigurationBotFrameworkAuthentication):  # type: ignore[misc]
    """ConfigurationBotFrameworkAuthentication whose clients are built once and reused."""

    def __init__(self, configuration: Any) -> None:
        super().__init__(configuration)
        self._clients = _Clients()

    async def authenticate_request(
        self, activity: Activity, auth_header: str
    ) -> AuthenticateRequestResult:
        result: AuthenticateRequestResult = await super().authenticate_request(
            activity, auth_header
        )
        if result.connector_factory is not None:
            result.connector_factory = _ReusingFactory(result.connector_factory, self._clients)
        return result

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        inner = super().create_connector_factory(claims_identity)
        return _ReusingFactory(inner, self._clients)

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        app_id = str(_BuiltinBotFrameworkAuthentication.get_app_id(claims_identity) or "")
        client = self._clients.user_tokens.get(app_id)
        if client is None:
            client = await super().create_user_token_client(claims_identity)
            self._clients.remember(self._clients.user_tokens, app_id, client)
        return client
