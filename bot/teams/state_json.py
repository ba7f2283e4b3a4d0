"""Bot state as JSON: the very text jsonpickle writes, without jsonpickle's generic machinery.

`SqlStorage` keeps conversation and user state as jsonpickle's JSON (`unpicklable=True,
make_refs=False`), as the SDK's own storages do, because dialog state holds SDK objects.
jsonpickle probes every object for the pickle protocol, handlers and references, which made it a
visible share of each turn. What Laget stores has few shapes, and for those this module writes
the same text and reads back the same objects, directly:

- plain JSON values: `dict` (str keys), `list`, `str`, `int`, `float` (NaN too), `bool`, `None`;
- the dialog stack (`DialogState`, `DialogInstance`), a prompt's `PromptOptions` and the
  activities in it (`Activity`, `Attachment`, `SuggestedActions`, `CardAction`), which
  jsonpickle writes as `{"py/object": "module.Class", **instance.__dict__}` and restores as
  `cls.__new__(cls)` followed by `setattr` for each attribute;
- the schema's string enums in an activity (`ActivityTypes`, `InputHints`, ...), which
  jsonpickle writes through `__reduce_ex__` as
  `{"py/reduce": [{"py/type": "module.Enum"}, {"py/tuple": [value]}]}` and restores as
  `Enum(value)`.

Anything else goes to jsonpickle whole: tuples, sets, bytes, datetimes, other classes, subclasses
of dict, list, str, int or float, dict keys that are not `str` or start with "py/" (jsonpickle
drops some of those and reads others as tags), attributes named `__x`, cycles, very deep
nesting; on reading, any other tag ("py/id", "py/tuple" or "py/set" of data, another
"py/reduce", an unknown "py/object", ...) and text that `json` cannot read. The fast path is
also off unless jsonpickle's JSON backend has its default options and, once per process, a
sample holding every supported class and enum member comes out of both paths the same.

`fast_encode` and `fast_decode` raise `Unsupported` where the fallback would be needed, so
tests can tell the paths apart; a test fixture compares both with jsonpickle on every state
write and read of the test suite.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from enum import Enum
from functools import cache
from typing import Any

import jsonpickle
from botbuilder.dialogs import DialogInstance, DialogState, PromptOptions
from botbuilder.schema import (
    ActionTypes,
    Activity,
    ActivityImportance,
    ActivityTypes,
    Attachment,
    AttachmentLayoutTypes,
    CardAction,
    DeliveryModes,
    EndOfConversationCodes,
    InputHints,
    RoleTypes,
    SuggestedActions,
    TextFormatTypes,
)

OBJECT = "py/object"
REDUCE = "py/reduce"
TYPE = "py/type"
TUPLE = "py/tuple"
TAG = "py/"

# Classes written as {"py/object": name, **__dict__}; enums written through __reduce_ex__.
OBJECT_CLASSES: tuple[type, ...] = (
    DialogState,
    DialogInstance,
    PromptOptions,
    Activity,
    Attachment,
    SuggestedActions,
    CardAction,
)
ENUM_CLASSES: tuple[type[Enum], ...] = (
    ActivityTypes,
    InputHints,
    AttachmentLayoutTypes,
    TextFormatTypes,
    ActivityImportance,
    DeliveryModes,
    EndOfConversationCodes,
    ActionTypes,
    RoleTypes,
)

_ENUM_SET = frozenset(ENUM_CLASSES)
_SCALARS = frozenset({str, int, float, bool, type(None)})
# Instance attributes jsonpickle treats specially (on writing or on reading).
_SPECIAL_ATTRIBUTES = frozenset({"_jsonpickle_exclude", "default_factory"})
# Deeper than this (or a cycle) goes to jsonpickle; real dialog state is about 20 levels deep.
_MAX_DEPTH = 100


class Unsupported(Exception):
    """A value the fast path does not write or read exactly as jsonpickle does."""


def _name(cls: type) -> str:
    """jsonpickle's name for a class (`util.importable_name`)."""
    return f"{cls.__module__}.{cls.__qualname__}"


_OBJECT_NAMES: dict[type, str] = {cls: _name(cls) for cls in OBJECT_CLASSES}
_OBJECT_BY_NAME: dict[str, Any] = {name: cls for cls, name in _OBJECT_NAMES.items()}
_ENUM_BY_NAME: dict[str, type[Enum]] = {_name(cls): cls for cls in ENUM_CLASSES}


def _enum_form(member: Enum) -> dict[str, Any]:
    value = member.value
    if type(value) is not str:
        raise Unsupported(f"{type(member).__name__} has a value that is not a str")
    return {REDUCE: [{TYPE: _name(type(member))}, {TUPLE: [value]}]}


# (enum class, member name) -> its JSON form; members of str enums compare equal across classes.
_ENUM_FORMS: dict[tuple[type, str], dict[str, Any]] = {
    (cls, member.name): _enum_form(member) for cls in ENUM_CLASSES for member in cls
}


# Writing


def encode(item: Any) -> str:
    """`jsonpickle.encode(item, unpicklable=True, make_refs=False)`, the same text, faster."""
    try:
        return fast_encode(item)
    except Unsupported:
        return str(jsonpickle.encode(item, unpicklable=True, make_refs=False))


def fast_encode(item: Any) -> str:
    """jsonpickle's text for an item of the supported shapes; `Unsupported` for anything else."""
    if not _enabled():
        raise Unsupported("jsonpickle is configured or behaves differently")
    return _dumps(_flat(item, 0))


def _dumps(flat: Any) -> str:
    # What jsonpickle's default backend calls: json.dumps(obj, sort_keys=False).
    return json.dumps(flat, sort_keys=False)


def _flat(value: Any, depth: int) -> Any:
    """`value` as jsonpickle flattens it (plain containers are reused when nothing changes)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if depth >= _MAX_DEPTH:
        raise Unsupported("too deep, or a cycle")
    if kind is dict:
        return _flat_dict(value, depth + 1)
    if kind is list:
        return _flat_list(value, depth + 1)
    name = _OBJECT_NAMES.get(kind)
    if name is not None:
        return _flat_object(value, name, depth + 1)
    if kind in _ENUM_SET:
        return _ENUM_FORMS[kind, value.name]
    raise Unsupported(kind.__qualname__)


def _flat_dict(items: dict[Any, Any], depth: int) -> dict[str, Any]:
    out: dict[str, Any] | None = None
    for key, value in items.items():
        if type(key) is not str or key.startswith(TAG):
            raise Unsupported(f"dict key {key!r}")
        if type(value) in _SCALARS:
            continue
        flat = _flat(value, depth)
        if flat is not value:
            if out is None:
                out = dict(items)
            out[key] = flat
    return items if out is None else out


def _flat_list(items: list[Any], depth: int) -> list[Any]:
    out: list[Any] | None = None
    for index, value in enumerate(items):
        if type(value) in _SCALARS:
            continue
        flat = _flat(value, depth)
        if flat is not value:
            if out is None:
                out = list(items)
            out[index] = flat
    return items if out is None else out


def _flat_object(instance: Any, name: str, depth: int) -> dict[str, Any]:
    attributes = vars(instance)
    if not attributes.keys() <= _PLAIN_ATTRIBUTES[type(instance)]:
        _check_attributes(type(instance), attributes)
    out: dict[str, Any] = {OBJECT: name}
    out.update(attributes)
    for key, value in attributes.items():
        if type(value) not in _SCALARS:
            out[key] = _flat(value, depth)
    return out


# Attribute names known to be written as they are and read back by a plain store in __dict__.
_PLAIN_ATTRIBUTES: dict[type, frozenset[str]] = {cls: frozenset({OBJECT}) for cls in OBJECT_CLASSES}


def _check_attributes(cls: type, names: Iterable[Any]) -> None:
    """Learn `names` as plain attributes of `cls`, or raise `Unsupported`.

    jsonpickle writes an instance's __dict__ as it is, except keys it drops or reads back as
    tags ("py/..."), renames on reading ("__x") or treats specially; it reads the others back
    with setattr, which is a store in __dict__ unless the class intercepts it.
    """
    if any("__setattr__" in vars(base) for base in cls.__mro__[:-1]):
        raise Unsupported(f"{cls.__qualname__} has its own __setattr__")
    for name in names:
        if name == OBJECT:
            continue
        if type(name) is not str or name.startswith(("__", TAG)) or name in _SPECIAL_ATTRIBUTES:
            raise Unsupported(f"attribute {name!r}")
        if _is_data_descriptor(cls, name):
            raise Unsupported(f"{cls.__qualname__}.{name} is a data descriptor")
    _PLAIN_ATTRIBUTES[cls] = _PLAIN_ATTRIBUTES[cls] | set(names)


def _is_data_descriptor(cls: type, name: str) -> bool:
    for base in cls.__mro__:
        if name in vars(base):
            kind = type(vars(base)[name])
            return hasattr(kind, "__set__") or hasattr(kind, "__delete__")
    return False


# Reading


def decode(text: str) -> Any:
    """`jsonpickle.decode(text)`, an equal object, faster."""
    try:
        return fast_decode(text)
    except Unsupported:
        return jsonpickle.decode(text)


def fast_decode(text: str) -> Any:
    """What jsonpickle reads from text of the supported shapes; `Unsupported` for anything else."""
    if not _enabled():
        raise Unsupported("jsonpickle is configured or behaves differently")
    if type(text) is not str or text.startswith("\ufeff"):  # json.loads would raise or convert
        raise Unsupported("not a str of JSON")
    try:
        if not _may_hold_tags(text):
            return json.loads(text)
        return _reader().read(text)
    except ValueError as error:  # not JSON (jsonpickle then tries its other backends)
        raise Unsupported("not JSON") from error


def _may_hold_tags(text: str) -> bool:
    """Whether a key of `text` may start with "py/": literally, or with p, y or / escaped."""
    return "py/" in text or "\\u007" in text or "\\u002" in text or "\\/" in text


_local = threading.local()


def _reader() -> _Reader:
    reader: _Reader | None = getattr(_local, "reader", None)
    if reader is None:
        reader = _local.reader = _Reader()
    return reader


class _EnumClass:
    """An enum's "py/type", waiting for the "py/reduce" around it."""

    __slots__ = ("cls",)

    def __init__(self, cls: type[Enum]) -> None:
        self.cls = cls


class _EnumValue:
    """An enum's "py/tuple" of its value, waiting for the "py/reduce" around it."""

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value


class _Reader:
    """Reads tagged JSON with an object hook, which gets JSON objects innermost first.

    One per thread: the decoder is made once, and `pending` counts enum parts of one read.
    """

    def __init__(self) -> None:
        self.pending = 0
        self._decoder = json.JSONDecoder(object_hook=self.hook)

    def read(self, text: str) -> Any:
        self.pending = 0
        value = self._decoder.decode(text)
        if self.pending:  # a "py/type" or "py/tuple" that was not an enum's
            raise Unsupported("tag outside an enum")
        return value

    def hook(self, found: dict[str, Any]) -> Any:
        for key in found:
            if key.startswith(TAG):
                return self._tagged(found)
        return found

    def _tagged(self, found: dict[str, Any]) -> Any:
        if OBJECT in found:
            return self._object(found)
        if len(found) != 1:
            raise Unsupported("tags")
        if TYPE in found:
            cls = _ENUM_BY_NAME.get(found[TYPE]) if type(found[TYPE]) is str else None
            if cls is None:
                raise Unsupported("py/type")
            self.pending += 1
            return _EnumClass(cls)
        if TUPLE in found:
            values = found[TUPLE]
            if type(values) is not list or len(values) != 1 or type(values[0]) is not str:
                raise Unsupported("py/tuple")
            self.pending += 1
            return _EnumValue(values[0])
        if REDUCE in found:
            return self._enum(found[REDUCE])
        raise Unsupported("tag")

    def _enum(self, reduced: Any) -> Enum:
        if type(reduced) is not list or len(reduced) != 2:
            raise Unsupported("py/reduce")
        cls, args = reduced
        if type(cls) is not _EnumClass or type(args) is not _EnumValue:
            raise Unsupported("py/reduce")
        self.pending -= 2
        try:
            member = cls.cls(args.value)
        except ValueError as error:  # not a member: the fallback raises as jsonpickle does
            raise Unsupported("enum value") from error
        return member

    def _object(self, found: dict[str, Any]) -> Any:
        name = found[OBJECT]
        cls = _OBJECT_BY_NAME.get(name) if type(name) is str else None
        if cls is None:
            raise Unsupported(f"py/object {name!r}")
        if not found.keys() <= _PLAIN_ATTRIBUTES[cls]:
            _check_attributes(cls, found)
        instance = cls.__new__(cls)
        del found[OBJECT]
        vars(instance).update(found)  # what jsonpickle's setattr per attribute does here
        return instance


# When the fast path is on


def _enabled() -> bool:
    return _backend_is_default() and _agrees_with_jsonpickle()


_DEFAULT_BACKEND = jsonpickle.backend.JSONBackend()


def _backend_is_default() -> bool:
    """jsonpickle writes with the stdlib json and its default options (no sort_keys...)."""
    backend = jsonpickle.backend.json
    default = _DEFAULT_BACKEND
    return bool(
        backend._backend_names[:1] == ["json"]  # noqa: SLF001  (jsonpickle's own settings)
        and backend._encoder_options == default._encoder_options  # noqa: SLF001
        and backend._decoder_options == default._decoder_options  # noqa: SLF001
    )


@cache
def _agrees_with_jsonpickle() -> bool:
    """Once per process: a sample of every supported shape gives jsonpickle's text, and
    reading that text gives what jsonpickle reads (compared by jsonpickle's own encoding)."""
    sample = _sample()
    expected = str(jsonpickle.encode(sample, unpicklable=True, make_refs=False))
    try:
        written = _dumps(_flat(sample, 0))
        read = _Reader().read(expected)
    except Exception:  # whatever fails here (an SDK class with __slots__...) turns it off
        return False
    again = jsonpickle.encode(read, unpicklable=True, make_refs=False)
    return written == expected and again == expected


def _sample() -> dict[str, Any]:
    card = {"type": "AdaptiveCard", "body": [{"type": "TextBlock", "text": "Å ø", "wrap": True}]}
    action = CardAction(type=ActionTypes.im_back, title="Ja", value="ja")
    prompt = Activity(
        type=ActivityTypes.message,
        text="(1 av 19) Spørsmål?",
        input_hint=InputHints.expecting_input,
        attachment_layout=AttachmentLayoutTypes.list,
        attachments=[
            Attachment(content_type="application/vnd.microsoft.card.adaptive", content=card)
        ],
        suggested_actions=SuggestedActions(actions=[action]),
    )
    options = PromptOptions(prompt=prompt, retry_prompt=prompt)
    inner = DialogState([DialogInstance("prompt", {"options": options, "state": {}})])
    outer = DialogInstance("dialog", {"dialogs": inner, "values": {"n": 1.5, "ok": None}})
    return {
        "DialogState": DialogState([outer]),
        "enums": [member for cls in ENUM_CLASSES for member in cls],
    }
