"""Incoming activities read without msrest's Deserializer, where the result is identical.

`Activity().deserialize(body)` walks the JSON through msrest's generic machinery (key
extractors, copied attribute descriptions, XML checks), which costs far more than the plain
models it builds. Bot Framework's schema models are plain: each attribute has one JSON key and
a type, none is flattened, polymorphic, read-only or constant. `activity_from_json` walks the
same attribute maps and does what msrest does for JSON as Teams sends it:

- a model is built with every attribute of its map as a keyword (None when the key is missing
  or null), and keys the map does not know become its `additional_properties`, values as they
  are in the body (not copied);
- "str", "bool" and "int" take a value of exactly that JSON type (msrest would convert others,
  e.g. a number into text: that is left to msrest);
- "iso-8601" text is parsed by msrest's own `Deserializer.deserialize_iso`;
- "object" values are copied as msrest copies them (new dicts and lists, the same scalars);
- "[T]" lists and "{T}" dicts of the above, null items staying None.

Anything else (a text where a model is expected, a dict where a list is, a type or a shape not
listed here, nesting too deep to walk) raises `Unsupported`, and the caller falls back to
msrest, which then reads it or refuses it as before. tests/conftest.py compares the two on
every HTTP turn of the test suite.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cache, partial
from typing import Any

from botbuilder.schema import Activity
from msrest.exceptions import DeserializationError  # type: ignore[attr-defined]
from msrest.serialization import Deserializer, Model


class Unsupported(Exception):
    """A value this walk does not read exactly as msrest does."""


Reader = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class _Plan:
    """How msrest reads one model: its class, every attribute as None, and per JSON key the
    attribute it fills and the reader of its value."""

    model: type[Model]
    empty: dict[str, None]
    fields: dict[str, tuple[str, Reader]]


def activity_from_json(body: dict[str, Any]) -> Activity:
    """`Activity().deserialize(body)`, an equal Activity, faster; Unsupported where unsure."""
    try:
        activity = _model(body, "Activity")
    except RecursionError as error:
        raise Unsupported("nested too deeply") from error
    if not isinstance(activity, Activity):
        raise Unsupported("Activity")
    return activity


@cache
def _classes() -> dict[str, type]:
    """The classes msrest resolves type names against (botbuilder.schema's namespace)."""
    found: dict[str, type] = Activity._infer_class_models()  # noqa: SLF001  (msrest's own lookup)
    return found


@cache
def _plan(type_name: str) -> _Plan:
    model = _classes().get(type_name)
    if not isinstance(model, type) or issubclass(model, Enum) or not issubclass(model, Model):
        raise Unsupported(type_name)  # an enum (msrest makes members of it) or no model at all
    if model.__dict__.get("_subtype_map"):
        raise Unsupported(type_name)  # polymorphic: msrest picks a subclass
    validation = getattr(model, "_validation", None) or {}
    if any(rule.get("readonly") or rule.get("constant") for rule in validation.values()):
        raise Unsupported(type_name)
    fields: dict[str, tuple[str, Reader]] = {}
    for attribute, spec in model._attribute_map.items():  # noqa: SLF001  (msrest's schema)
        key, kind = spec.get("key"), spec.get("type")
        if attribute == "additional_properties" or not isinstance(key, str) or not key:
            raise Unsupported(attribute)
        if "." in key or "\\" in key or key in fields or not isinstance(kind, str) or not kind:
            raise Unsupported(attribute)  # flattened, escaped or repeated keys
        fields[key] = (attribute, _reader(kind))
    return _Plan(model, dict.fromkeys(attribute for attribute, _ in fields.values()), fields)


def _model(data: Any, type_name: str) -> Model:
    """msrest's `_deserialize`: each attribute from its key (None if missing or null), keys the
    map does not know into `additional_properties` (as they are, only if there are any)."""
    if type(data) is not dict:
        raise Unsupported(type_name)  # msrest refuses a non-mapping: all but a dict go to it
    plan = _plan(type_name)
    attributes: dict[str, Any] = plan.empty.copy()
    extra: dict[str, Any] = {}
    for key, value in data.items():
        field = plan.fields.get(key)
        if field is None:
            extra[key] = value
        elif value is not None:
            attributes[field[0]] = field[1](value)
    made = plan.model(**attributes)
    if extra:
        made.additional_properties = extra
    return made


def _reader(kind: str) -> Reader:  # noqa: PLR0911  (one return per type)
    """What reads a non-null value of one attribute-map type, as msrest's `deserialize_data`."""
    if kind == "str":
        return partial(_exactly, str, kind)
    if kind == "bool":
        return partial(_exactly, bool, kind)
    if kind == "int":
        return partial(_exactly, int, kind)
    if kind == "object":
        return _json
    if kind == "iso-8601":
        return _iso
    if kind[0] == "[" and kind[-1] == "]":
        return partial(_list, _reader(kind[1:-1]), kind)
    if kind[0] == "{" and kind[-1] == "}":
        return partial(_dict, _reader(kind[1:-1]), kind)
    if kind in _classes():
        return partial(_model, type_name=kind)  # its plan is made when first met
    return partial(_unsupported, kind)  # msrest's other types (long, date, duration, …)


def _list(read: Reader, kind: str, value: Any) -> list[Any]:
    if type(value) is not list:
        raise Unsupported(kind)
    return [None if item is None else read(item) for item in value]


def _dict(read: Reader, kind: str, value: Any) -> dict[Any, Any]:
    if type(value) is not dict:
        raise Unsupported(kind)  # msrest also reads a list of {"key", "value"} pairs
    return {key: None if item is None else read(item) for key, item in value.items()}


def _unsupported(kind: str, value: Any) -> Any:
    raise Unsupported(kind)


def _exactly(expected: type, kind: str, value: Any) -> Any:
    """A JSON scalar msrest keeps as it is (str(x), bool(x), int(x) return x itself)."""
    if type(value) is not expected:
        raise Unsupported(kind)  # msrest converts it (1 → "1", "true" → True, True → 1)
    return value


def _json(value: Any) -> Any:
    """msrest's `deserialize_object` for values JSON holds: dicts and lists copied."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is float or kind is bool:
        return value
    if kind is dict:
        return {key: _json(item) for key, item in value.items()}
    if kind is list:
        return [_json(item) for item in value]
    raise Unsupported(kind.__name__)  # msrest converts a subclass or refuses other types


def _iso(value: Any) -> Any:
    if type(value) is not str:
        raise Unsupported("iso-8601")
    try:
        return Deserializer.deserialize_iso(value)  # type: ignore[no-untyped-call]
    except DeserializationError as error:
        raise Unsupported("iso-8601") from error  # msrest refuses it the same way
