"""`laget chat`: talk to the bot in a terminal, with the same logic and database.

Each message goes through the adapter exactly as an HTTP request with
`deliveryMode: expectReplies` would, minus HTTP. Cards are shown as text: numbered buttons,
and a card's inputs are asked one by one before its button is pressed.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from botbuilder.schema import (
    Activity,
    ActivityTypes,
    ChannelAccount,
    ConversationAccount,
    DeliveryModes,
)

from bot.app import Laget
from cards.renderer import CONTENT_TYPE
from cards.text import CardButton, CardInput, TextCard, card_to_text

CHANNEL_ID = "laget-chat"
SERVICE_URL = "http://127.0.0.1/laget-chat"  # never called: replies come back in the response

Write = Callable[[str], None]
Read = Callable[[str], Awaitable[str]]


class ChatClient:
    """One user's conversation with the bot, in process."""

    def __init__(self, laget: Laget, user: str = "terminal", aad: str | None = None) -> None:
        self._laget = laget
        self.aad_object_id = aad or chat_object_id(user)
        self._user = ChannelAccount(
            id=f"chat-user:{user}", name=user, aad_object_id=self.aad_object_id
        )
        self._conversation = ConversationAccount(
            id=f"laget-chat:{user}", conversation_type="personal"
        )
        self.name = user
        self.last_card: TextCard | None = None

    async def send(
        self, text: str | None = None, value: dict[str, Any] | None = None
    ) -> list[Activity]:
        """Send a message (or a card submit) and return the bot's replies."""
        activity = Activity(
            type=ActivityTypes.message,
            id=str(uuid.uuid4()),
            channel_id=CHANNEL_ID,
            service_url=SERVICE_URL,
            from_property=self._user,
            recipient=ChannelAccount(id="laget", name="Laget"),
            conversation=self._conversation,
            text=text,
            value=value,
            locale="nb-NO",
            timestamp=datetime.now(UTC),
            delivery_mode=DeliveryModes.expect_replies,
        )
        response = await self._laget.adapter.process_serialized(
            "", activity, self._laget.bot.on_turn
        )
        body = response.body if response is not None else {}
        replies = [Activity().deserialize(item) for item in body.get("activities", [])]
        cards = [card for reply in replies for card in _cards(reply)]
        self.last_card = cards[-1] if cards else None
        return replies


def chat_object_id(user: str) -> str:
    """The Azure AD object id a terminal user stands in with: stable per name, so a role can be
    granted to it (`laget roles grant coordinator <id> --network fosen`)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"laget-chat:{user}"))


def render_reply(activity: Activity) -> str:
    """A reply as terminal text: its text, then each card."""
    parts = [activity.text] if activity.text and not _cards(activity) else []
    parts += [card.render() for card in _cards(activity)]
    return "\n".join(parts)


def _cards(activity: Activity) -> list[TextCard]:
    return [
        card_to_text(attachment.content)
        for attachment in activity.attachments or []
        if attachment.content_type == CONTENT_TYPE and isinstance(attachment.content, dict)
    ]


async def fill_inputs(inputs: list[CardInput], read: Read, write: Write) -> dict[str, str]:
    """Ask a card's inputs one by one; a choice is picked by number (several: «1,3») or typed;
    Enter keeps what the field holds (shown in brackets)."""
    values: dict[str, str] = {}
    for field in inputs:
        if field.choices:
            write("\n".join(f"    {n}. {title}" for n, (title, _) in enumerate(field.choices, 1)))
        now = f" [{_shown(field)}]" if field.value else ""
        answer = (await read(f"  {field.label}{now}: ")).strip()
        if not answer:
            values[field.id] = field.value
            continue
        if field.choices:
            answer = ",".join(_choice(field, part.strip()) for part in answer.split(","))
        values[field.id] = answer
    return values


def _choice(field: CardInput, answer: str) -> str:
    """A choice's value from its number (anything else as typed)."""
    if answer.isdigit() and 1 <= int(answer) <= len(field.choices):
        return field.choices[int(answer) - 1][1]
    return answer


def _shown(field: CardInput) -> str:
    """A field's value as the person reads it (a choice by its title)."""
    titles = {value: title for title, value in field.choices}
    return (
        ", ".join(titles.get(part, part) for part in field.value.split(","))
        if titles
        else field.value
    )


async def press(client: ChatClient, button: CardButton, read: Read, write: Write) -> None:
    """Press a card button: fill the card's inputs, then submit its data."""
    if button.data is None:
        write(f"(Lenken åpnes ikke her: {button.url})" if button.url else "(Ikke støttet her.)")
        return
    inputs = client.last_card.inputs if client.last_card else []
    value = {**button.data, **await fill_inputs(inputs, read, write)}
    for reply in await client.send(value=value):
        write(render_reply(reply))


async def repl(client: ChatClient, read: Read, write: Write) -> None:
    """The interactive loop; a number presses the last card's button, "/slutt" ends."""
    write(
        "Skriv til Laget. Et tall trykker på en knapp i siste kort; i et skjema beholder Enter "
        "verdien i klammer. «/slutt» avslutter."
    )
    write(
        f"Du er {client.name} med Azure AD-id {client.aad_object_id}. Gi deg en rolle med "
        f"«laget roles grant coordinator {client.aad_object_id} --network fosen» (eller admin)."
    )
    while True:
        try:
            line = (await read("> ")).strip()
        except EOFError:
            return
        if line in ("/slutt", "/quit", "/exit"):
            return
        buttons = client.last_card.buttons if client.last_card else []
        if line.isdigit() and 1 <= int(line) <= len(buttons):
            await press(client, buttons[int(line) - 1], read, write)
            continue
        if line:
            for reply in await client.send(text=line):
                write(render_reply(reply))


async def read_stdin(prompt: str) -> str:
    """`input()` without blocking the event loop."""
    return await asyncio.to_thread(input, prompt)
