"""Text as it may be stored: no NUL or other control characters, no lone surrogates.

JSON lets a client send "\u0000" or half of a surrogate pair; PostgreSQL refuses the first in
text columns and no database encodes the second, so either would fail a turn where it is saved.
The channel layer cleans every string of an incoming message with `clean` before any feature
sees it. Line breaks and tabs stay.
"""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
MAX_DEPTH = 20


def clean_text(text: str) -> str:
    """`text` without control characters (but line breaks and tabs) and lone surrogates."""
    return _SURROGATE.sub("", _CONTROL.sub("", text))


def clean(value: Any, depth: int = 0) -> Any:
    """A copy of a message's text or card data with every string cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if depth >= MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return {clean_text(str(k)): clean(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(item, depth + 1) for item in value]
    return value
