"""Card messages: one way to turn a card view-model into a Bot Framework message."""

from __future__ import annotations

from botbuilder.core import CardFactory, MessageFactory
from botbuilder.schema import Activity

from cards.renderer import CardRenderer
from cards.views import CardView


def card_message(cards: CardRenderer, view: CardView, text: str | None = None) -> Activity:
    """A message holding the rendered card; `text` becomes its fallback and summary."""
    card = cards.render(view)
    if text:
        card["fallbackText"] = text
    message = MessageFactory.attachment(CardFactory.adaptive_card(card))
    message.summary = (text or str(getattr(view, "title", ""))).split("\n", 1)[0][:200]
    return message
