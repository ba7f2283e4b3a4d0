"""The `expectReplies` body as JSON without msrest's Serializer, where the result is identical.

msrest serialises every reply through a generic, validating walk (about a tenth of a Q&A turn's
time). Bot Framework's schema models are plain: each attribute has a JSON key and a type, none
is flattened, read-only or XML. `expected_replies` walks the same attribute maps for what
Laget's replies hold (text, cards as dicts, accounts, dates, lists of models) and gives up,
raising `Unsupported`, on anything else, so the caller falls back to msrest. A test compares the
two on every reply the card catalogue makes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import Enum
from typing import Any

from msrest.serialization import Model

_BASIC = {"str", "bool", "int", "float"}


class Unsupported(Exception):
    """A value this walk does not handle exactly as msrest does."""


def expected_replies(activities: Sequence[Model]) -> dict[str, Any]:
    """`ExpectedReplies(activities=…).serialize()`, the same dict, faster."""
    return {"activities": [_model(activity, "Activity") for activity in activities]}


def _model(value: Any, type_name: str) -> dict[str, Any]:
    if not isinstance(value, Model) or type(value).__name__ != type_name:
        raise Unsupported(type_name)
    validation = getattr(value, "_validation", {}) or {}
    out: dict[str, Any] = {}
    for attr, spec in type(value)._attribute_map.items():  # noqa: SLF001  (msrest's schema)
        readonly = validation.get(attr, {}).get("readonly", False)
        if spec["key"] in ("", None) or "." in spec["key"] or readonly:
            raise Unsupported(attr)
        found = getattr(value, attr, None)
        if found is None:
            continue
        out[spec["key"]] = _typed(found, spec["type"])
    return out


def _typed(value: Any, type_name: str) -> Any:  # noqa: PLR0911  (one return per type)
    if type_name == "str":
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, str):
            return value
        raise Unsupported(type_name)
    if type_name in _BASIC:
        expected = {"bool": bool, "int": int, "float": float}[type_name]
        if type(value) is not expected:
            raise Unsupported(type_name)
        return value
    if type_name == "iso-8601":
        return _iso(value)
    if type_name == "object":
        return _object(value)
    if type_name.startswith("[") and type_name.endswith("]"):
        if not isinstance(value, list):
            raise Unsupported(type_name)
        if any(item is None for item in value):
            raise Unsupported(type_name)  # msrest keeps a None item as null
        return [_typed(item, type_name[1:-1]) for item in value]
    if type_name == "{object}":
        if not isinstance(value, dict):
            raise Unsupported(type_name)
        return {_key(k): _object(v) for k, v in value.items()}
    return _model(value, type_name)


def _object(value: Any) -> Any:
    """msrest's `serialize_object` for JSON-like values (no models, no dates inside)."""
    if value is None or isinstance(value, bool | str):
        return value
    if type(value) in (int, float):
        return value
    if isinstance(value, dict):
        return {_key(k): _object(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_object(item) for item in value]
    raise Unsupported(type(value).__name__)


def _key(key: Any) -> str:
    if not isinstance(key, str) or isinstance(key, Enum):
        raise Unsupported("key")
    return key


def _iso(value: Any) -> str:
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise Unsupported("iso-8601")  # msrest warns and treats it as UTC: leave it to msrest
    utc = value.utctimetuple()
    if not 1 <= utc.tm_year <= 9999:
        raise Unsupported("iso-8601")
    micro = str(value.microsecond).rjust(6, "0").rstrip("0").ljust(3, "0")
    return (
        f"{utc.tm_year:04}-{utc.tm_mon:02}-{utc.tm_mday:02}T"
        f"{utc.tm_hour:02}:{utc.tm_min:02}:{utc.tm_sec:02}.{micro}Z"
    )
