"""The one card renderer: view-model + Jinja2 template -> Adaptive Card JSON (version 1.5).

Only this module imports jinja2. Templates are found next to this module, and every value is
interpolated with `tojson`, so text from users or data can never break the card's JSON. Text
that Teams reads as Markdown (TextBlocks, facts) goes through `literal` first, so a date or a
step number at its start stays text instead of becoming a numbered list.
"""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from cards.markdown import literal
from cards.payloads import ask
from cards.views import CardView

MAX_CARD_BYTES = 28 * 1024  # Teams refuses larger card messages
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"


class CardTooLarge(ValueError):
    """The rendered card would exceed Teams' size limit."""


class CardRenderer:
    """Renders the templates in cards/templates."""

    def __init__(self) -> None:
        self._env = Environment(
            loader=PackageLoader("cards", "templates"),
            undefined=StrictUndefined,
            autoescape=False,  # output is JSON, escaped value by value with tojson
            keep_trailing_newline=True,
            auto_reload=False,  # templates ship with the code: no file check on every render
        )
        self._env.globals["ask"] = ask
        self._env.filters["literal"] = literal

    def render(self, view: CardView) -> dict[str, Any]:
        """Render the view's template (`templates/<view.template>.json.j2`) with its fields."""
        template = view.template
        source = self._env.get_template(f"{template}.json.j2").render(**dict(view))
        card: dict[str, Any] = json.loads(source)
        size = len(json.dumps(card, ensure_ascii=False).encode())
        if size > MAX_CARD_BYTES:
            raise CardTooLarge(f"card {template} is {size} bytes, over {MAX_CARD_BYTES}")
        return card
