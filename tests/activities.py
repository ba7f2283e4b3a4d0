"""Bot Framework activities as Teams sends them, and helpers to post them over HTTP."""

from __future__ import annotations

import uuid
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient

TENANT = "tenant-trondelag"
BOT_ID = "28:laget-bot"
# Kari Koordinator's Azure AD object id; the `coordinator` fixture makes her Fosen's coordinator.
COORDINATOR = "6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f"
Client = TestClient[web.Request, web.Application]

SERVICE_URL = "http://127.0.0.1:9/unused"  # expectReplies: replies come back in the body


def activity(
    kind: str = "message",
    *,
    text: str | None = None,
    value: Any = None,
    conversation: str = "a:personal-1",
    conversation_type: str = "personal",
    user: str = "29:user-1",
    expect_replies: bool = True,
    service_url: str = SERVICE_URL,
    aad: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A Teams-shaped activity; the tenant arrives in channelData, as Teams sends it."""
    body: dict[str, Any] = {
        "type": kind,
        "id": str(uuid.uuid4()),
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": user, "name": "Kari Nordmann", "aadObjectId": aad or "aad-" + user},
        "recipient": {"id": BOT_ID, "name": "Laget"},
        "conversation": {
            "id": conversation,
            "conversationType": conversation_type,
            "tenantId": TENANT,
        },
        "channelData": {"tenant": {"id": TENANT}},
        "locale": "nb-NO",
        "timestamp": "2026-11-23T09:00:00.000Z",
    }
    if text is not None:
        body["text"] = text
    if value is not None:
        body["value"] = value
    if expect_replies:
        body["deliveryMode"] = "expectReplies"
    body.update(extra)
    return body


async def post(client: Client, body: dict[str, Any]) -> list[dict[str, Any]]:
    """POST an expectReplies activity and return the bot's replies (asserting HTTP 200)."""
    response = await client.post("/api/messages", json=body)
    assert response.status == 200, await response.text()
    replies: list[dict[str, Any]] = (await response.json())["activities"]
    return replies


async def say(client: Client, text: str, **kwargs: Any) -> list[dict[str, Any]]:
    """Send a message and return the replies."""
    return await post(client, activity(text=text, **kwargs))


def texts(replies: list[dict[str, Any]]) -> str:
    """Every reply's text and every string shown in its cards, one per line, for assertions."""
    parts: list[str] = []
    for reply in replies:
        parts.append(reply.get("text") or "")
        for attachment in reply.get("attachments") or []:
            parts += _strings(attachment.get("content"))
    return "\n".join(parts)


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for key, value in node.items() if key != "data" for s in _strings(value)]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def cards(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The Adaptive Cards among the replies."""
    return [
        attachment["content"]
        for reply in replies
        for attachment in reply.get("attachments") or []
        if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive"
    ]


def actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    """A card's buttons in the order shown: those in its body (ActionSets), then its actions."""
    found = [
        action
        for element in card.get("body", [])
        if element.get("type") == "ActionSet"
        for action in element["actions"]
    ]
    return found + list(card.get("actions", []))


async def install_chat(
    client: Client, *, conversation: str, service_url: str, aad: str, user: str = "29:coordinator"
) -> None:
    """Laget is added to someone's 1:1 chat, as Teams announces it (with their Entra id)."""
    body = activity(
        "conversationUpdate",
        membersAdded=[{"id": BOT_ID}],
        conversation=conversation,
        user=user,
        service_url=service_url,
    )
    body["from"]["aadObjectId"] = aad
    await post(client, body)
