"""Typed payloads of card buttons, validated where they arrive.

Buttons are `Action.Submit` with a `data` object carrying an `action` discriminator. (Teams'
imBack/messageBack use an `msteams` key, which the Agents Playground cannot submit.)
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError


class AskPayload(BaseModel):
    """Say `text` to the bot, as if typed."""

    model_config = ConfigDict(extra="ignore")

    action: Literal["ask"]
    text: str = Field(min_length=1, max_length=500)


Payload = AskPayload
_ADAPTER: TypeAdapter[Payload] = TypeAdapter(Payload)


class PayloadError(ValueError):
    """A card submitted something Laget does not recognise (or no longer supports)."""


def parse_payload(value: Any) -> Payload:
    """Validate a card submit's `value`; raises PayloadError for anything unknown."""
    try:
        return _ADAPTER.validate_python(value)
    except ValidationError as error:
        raise PayloadError(str(error)) from error


def ask(text: str) -> dict[str, Any]:
    """The `data` of a button that says `text`."""
    return AskPayload(action="ask", text=text).model_dump()
