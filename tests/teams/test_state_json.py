"""Bot state written and read without jsonpickle's generic walk: jsonpickle's very text, and
objects equal to jsonpickle's reading, for every shape Laget stores; anything else falls back."""

from __future__ import annotations

import copy
import json
import math
from collections import OrderedDict, defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum, IntEnum
from typing import Any

import jsonpickle
import pytest
from botbuilder.core import CardFactory, MessageFactory
from botbuilder.dialogs import DialogInstance, DialogState, PromptOptions
from botbuilder.dialogs.choices import Choice, ListStyle
from botbuilder.schema import (
    ActionTypes,
    Activity,
    ActivityTypes,
    AttachmentLayoutTypes,
    CardAction,
    InputHints,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.teams import state_json
from bot.teams.state_json import (
    ENUM_CLASSES,
    OBJECT_CLASSES,
    Unsupported,
    decode,
    encode,
    fast_decode,
    fast_encode,
)
from tests.activities import Client, activity, post, say, texts
from tests.needs.test_needs_report import button


def pickled(value: Any) -> str:
    """What SqlStorage wrote before: jsonpickle's text."""
    return str(jsonpickle.encode(value, unpicklable=True, make_refs=False))


def differences(made: Any, expected: Any, path: str = "item") -> list[str]:  # noqa: PLR0911
    """Where two decoded values differ: types all the way down, each object's attributes in
    order, each dict's keys in order, enum members and classes by identity, NaN as NaN."""
    if type(made) is not type(expected):
        return [f"{path}: {type(made).__name__} is not {type(expected).__name__}"]
    if isinstance(made, Enum | type):
        return [] if made is expected else [f"{path}: {made!r} is not {expected!r}"]
    if isinstance(made, dict) or hasattr(made, "__dict__"):
        mine, theirs = (made, expected) if isinstance(made, dict) else (vars(made), vars(expected))
        if list(mine) != list(theirs):
            return [f"{path}: keys {list(mine)} != {list(theirs)}"]
        return [d for key in mine for d in differences(mine[key], theirs[key], f"{path}.{key}")]
    if isinstance(made, list | tuple):
        if len(made) != len(expected):
            return [f"{path}: {len(made)} items, not {len(expected)}"]
        return [
            d
            for index, (one, other) in enumerate(zip(made, expected, strict=True))
            for d in differences(one, other, f"{path}[{index}]")
        ]
    if isinstance(made, float) and math.isnan(made):
        return [] if math.isnan(expected) else [f"{path}: nan != {expected!r}"]
    return [] if made == expected else [f"{path}: {made!r} != {expected!r}"]


def assert_fast_and_same(item: Any) -> None:
    """The fast path takes `item`, writes jsonpickle's text and reads back jsonpickle's objects
    (which equal `item`)."""
    text = fast_encode(item)
    assert text == pickled(item)
    assert encode(item) == text
    read = fast_decode(text)
    assert differences(read, jsonpickle.decode(text)) == []
    assert differences(read, item) == []
    assert differences(decode(text), read) == []


# Realistic items


def adaptive_card(title: str, choices: list[str]) -> dict[str, Any]:
    """A choice card as Laget renders them (plain JSON with non-ASCII text)."""
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": [
            {
                "type": "TextBlock",
                "text": title,
                "size": "Medium",
                "weight": "Bolder",
                "wrap": True,
            },
            *(
                {
                    "type": "ActionSet",
                    "spacing": "Small",
                    "actions": [
                        {
                            "type": "Action.Submit",
                            "title": label,
                            "data": {"action": "ask", "text": label},
                        }
                    ],
                }
                for label in choices
            ),
        ],
    }


def profile_dialog_state() -> dict[str, Any]:
    """Conversation state with the profile dialog asking for the workplace inside another
    dialog: three dialog states deep, a card prompt, a retry prompt, waterfall values."""
    prompt = MessageFactory.attachment(
        CardFactory.adaptive_card(adaptive_card("Hvor jobber du?", ["Barnehage", "Skole", "PPT"]))
    )
    prompt.text = "Hvor jobber du?"
    retry = MessageFactory.text("Velg en av arbeidsplassene over, eller skriv «avbryt».")
    options = PromptOptions(prompt=prompt, retry_prompt=retry)
    steps = DialogInstance(
        "steps",
        {
            "options": {},
            "values": {"workplace": "skole", "tall": [1, 2.5, -3], "ja": True},
            "instanceId": "2624f208-ec94-11f1-84d7-02fc00000001",
            "stepIndex": 1,
        },
    )
    inner = DialogState([DialogInstance("workplace", {"options": options, "state": {}}), steps])
    profile = DialogInstance("ProfileDialog", {"dialogs": inner})
    outer = DialogState([DialogInstance("Wrapper", {"dialogs": DialogState([profile])})])
    return {"DialogState": outer}


def suggested_actions_state() -> dict[str, Any]:
    """A prompt with suggested actions (CardAction enums) and a retry prompt shared with it."""
    prompt = MessageFactory.suggested_actions(
        [CardAction(type=ActionTypes.im_back, title="Ja", value="ja"), CardAction(title="Nei")],
        "Vil du sende inn?",
        input_hint=InputHints.expecting_input,
    )
    options = PromptOptions(prompt=prompt, retry_prompt=prompt, number_of_attempts=2)
    return {"DialogState": DialogState([DialogInstance("confirm", {"options": options})])}


SHARED: list[Any] = [1, {"k": "v"}]
REALISTIC: dict[str, Any] = {
    "empty": {},
    "qa conversation": {"DialogState": DialogState()},
    "qa user": {
        "profile": {
            "workplace": "skole",
            "municipality": "Ørland",
            "network_id": None,
            "lang": "nn",
            "basis_network": "fosen",
        }
    },
    "nested dialog stack": profile_dialog_state(),
    "suggested actions": suggested_actions_state(),
    "nan and infinity": {"values": {"x": math.nan, "y": math.inf, "z": -math.inf, "n": 1e300}},
    "shared list": {"a": SHARED, "b": [SHARED, SHARED]},
    "plain dict keys": {"__dict__": 1, "default_factory": 2, "json://3": 3, "p/y": 4, "": 5},
    "every enum member": {"members": [member for cls in ENUM_CLASSES for member in cls]},
}


@pytest.mark.parametrize("name", list(REALISTIC))
def test_realistic_items_take_the_fast_path_and_match_jsonpickle(name: str) -> None:
    assert_fast_and_same(REALISTIC[name])


def test_every_supported_class_is_in_the_realistic_items() -> None:
    text = json.dumps([pickled(item) for item in REALISTIC.values()])
    for cls in OBJECT_CLASSES:
        assert f"{cls.__module__}.{cls.__qualname__}" in text, cls


async def test_the_state_of_a_behovsmelding_in_progress_matches_jsonpickle(
    bot: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[Any] = []
    read: list[str] = []
    encode_checked, decode_checked = state_json.encode, state_json.decode  # the suite's checks

    def capture_encode(item: Any) -> str:
        written.append(copy.deepcopy(item))
        return encode_checked(item)

    def capture_decode(text: str) -> Any:
        read.append(text)
        return decode_checked(text)

    monkeypatch.setattr(state_json, "encode", capture_encode)
    monkeypatch.setattr(state_json, "decode", capture_decode)

    started = await say(bot, "ny behovsmelding")
    assert "(1 av 19)" in texts(await post(bot, activity(value=button(started, "Steg for steg"))))
    assert "(2 av 19)" in texts(await say(bot, "Ørland kommune"))  # a choice card
    assert "(3 av 19)" in texts(await say(bot, "Kommunal"))

    in_dialog = [item for item in written if "NeedsReportDialog" in pickled(item)]
    with_card = [item for item in in_dialog if "Attachment" in pickled(item)]
    assert in_dialog
    assert with_card
    inner = with_card[0]["DialogState"].dialog_stack[0].state["dialogs"].dialog_stack
    assert [instance.id for instance in inner] == ["needs_answer", "needs_steps"]
    assert isinstance(inner[0].state["options"].prompt, Activity)
    for item in written:
        assert_fast_and_same(item)
    assert any("NeedsReportDialog" in text for text in read)
    for text in read:
        assert differences(fast_decode(text), jsonpickle.decode(text)) == []


# Unusual items: the whole item goes to jsonpickle


class Plain:
    def __init__(self) -> None:
        self.x = 1


class WithState:
    def __init__(self) -> None:
        self.x = 1

    def __getstate__(self) -> dict[str, int]:
        return {"y": self.x}

    def __setstate__(self, state: dict[str, int]) -> None:
        self.x = state["y"]


class WithSlots:
    __slots__ = ("x",)

    def __init__(self) -> None:
        self.x = 1

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WithSlots) and other.x == self.x

    def __hash__(self) -> int:
        return hash(self.x)


class Label(str):
    """A str subclass (jsonpickle writes it as an object)."""


class Ratio(float):
    """A float subclass."""


class Size(IntEnum):
    SMALL = 1


def _cycle() -> list[Any]:
    looped: list[Any] = [1]
    looped.append(looped)
    return looped


def _deep(levels: int) -> list[Any]:
    root: list[Any] = []
    node = root
    for _ in range(levels):
        node.append([])
        node = node[0]
    return root


def _odd_attribute() -> DialogInstance:
    instance = DialogInstance("x", {})
    # An attribute jsonpickle writes as it is but renames on reading (to _DialogInstance__secret).
    setattr(instance, "__secret", 1)
    return instance


UNUSUAL: dict[str, Any] = {
    "tuple": {"t": (1, "a")},
    "enum value in a tuple": {"t": ("message",)},
    "set": {"s": {1, 2}},
    "frozenset": {"s": frozenset({"a"})},
    "bytes": {"b": b"\x00\xff"},
    "datetime": {"when": datetime(2026, 11, 22, 9, 0, tzinfo=UTC)},
    "date": {"day": date(2027, 2, 1)},
    "decimal": {"d": Decimal("1.10")},
    "int key": {1: "one"},
    "None key": {None: "none"},
    "tuple key": {("a", 1): 2},
    "enum key": {ActivityTypes.message: 1},
    "reserved key (dropped by jsonpickle)": {"py/object": "x", "kept": 1},
    "tag key (read back as bytes)": {"py/b64": "AAEC"},
    "tuple tag key": {"py/tuple": [1]},
    "ordered dict": {"o": OrderedDict(a=1)},
    "defaultdict": {"d": defaultdict(list, a=[1])},
    "str subclass": {"s": Label("x")},
    "float subclass": {"r": Ratio(0.5)},
    "int enum": {"size": Size.SMALL},
    "dialogs enum": {"style": ListStyle.in_line},
    "other class": {"p": Plain()},
    "getstate": {"g": WithState()},
    "slots": {"s": WithSlots()},
    "choices": {"o": PromptOptions(prompt=MessageFactory.text("?"), choices=[Choice("a")])},
    "activity with a timestamp": {
        "a": Activity(type=ActivityTypes.message, timestamp=datetime(2026, 1, 1, tzinfo=UTC))
    },
    "odd attribute": {"i": _odd_attribute()},
    "cycle": {"c": _cycle()},
    "too deep": {"d": _deep(120)},
    "function": {"f": len},
    "type": {"t": int},
    "top-level tuple": (1, 2),
}


@pytest.mark.parametrize("name", list(UNUSUAL))
def test_unusual_items_fall_back_to_jsonpickle(name: str) -> None:
    item = UNUSUAL[name]
    with pytest.raises(Unsupported):
        fast_encode(item)
    text = encode(item)
    assert text == pickled(item)
    assert_read_alike(text)


def assert_read_alike(text: str) -> None:
    """`decode` reads `text` as jsonpickle does, or fails as jsonpickle fails."""
    try:
        expected = jsonpickle.decode(text)
    except Exception as error:  # jsonpickle cannot read it: decode must fail the same way
        with pytest.raises(type(error)):
            decode(text)
        return
    assert differences(decode(text), expected) == []


def test_a_shared_object_is_written_twice_as_jsonpickle_does_without_references() -> None:
    prompt = MessageFactory.text("Hvilken kommune?")
    item = {"DialogState": DialogState([DialogInstance("a", {"options": prompt, "again": prompt})])}
    assert_fast_and_same(item)
    assert "py/id" not in fast_encode(item)


ACTIVITY_TYPES = "botbuilder.schema._connector_client_enums.ActivityTypes"
DIALOG_STATE = "botbuilder.dialogs.dialog_state.DialogState"

UNUSUAL_TEXTS: dict[str, str] = {
    "references (make_refs)": str(jsonpickle.encode({"a": SHARED, "b": SHARED})),
    "old py/ref": '{"a": {"k": 1}, "b": {"py/ref": "/a"}}',
    "py/tuple": '{"t": {"py/tuple": [1, 2]}}',
    "py/tuple of a str outside an enum": '{"t": {"py/tuple": ["message"]}}',
    "py/type outside an enum": f'{{"t": {{"py/type": "{ACTIVITY_TYPES}"}}}}',
    "py/set": '{"s": {"py/set": [1]}}',
    "py/type of another class": '{"t": {"py/type": "builtins.int"}}',
    "py/reduce of another kind": pickled({"d": datetime(2026, 1, 1, tzinfo=UTC)}),
    "py/reduce with state": (
        f'{{"py/reduce": [{{"py/type": "{ACTIVITY_TYPES}"}}, {{"py/tuple": ["message"]}}, {{}}]}}'
    ),
    "unknown py/object": pickled({"p": Plain()}),
    "py/object with py/state": pickled({"g": WithState()}),
    "py/object with __x": f'{{"py/object": "{DIALOG_STATE}", "__x": 1}}',
    "py/object with default_factory": f'{{"py/object": "{DIALOG_STATE}", "default_factory": 1}}',
    "py/object with another tag": f'{{"py/object": "{DIALOG_STATE}", "py/seq": []}}',
    "py/object of a missing class": '{"py/object": "not.a.Class", "x": 1}',
    "py/b64": '{"py/b64": "AAEC"}',
    "yaml, not json": "a: 1",
    "empty dict and list": '[{}, [], ""]',
}


@pytest.mark.parametrize("name", list(UNUSUAL_TEXTS))
def test_unusual_texts_are_read_as_jsonpickle_reads_them(name: str) -> None:
    text = UNUSUAL_TEXTS[name]
    if name != "empty dict and list":
        with pytest.raises(Unsupported):
            fast_decode(text)
    assert differences(decode(text), jsonpickle.decode(text)) == []


def test_an_enum_value_that_is_no_member_raises_as_in_jsonpickle() -> None:
    text = f'{{"py/reduce": [{{"py/type": "{ACTIVITY_TYPES}"}}, {{"py/tuple": ["nope"]}}]}}'
    with pytest.raises(ValueError, match="nope"):
        jsonpickle.decode(text)
    with pytest.raises(ValueError, match="nope"):
        decode(text)


def test_escaped_tag_keys_are_read_as_tags() -> None:
    """JSON may escape letters: "p\\u0079/object" is "py/object" to jsonpickle too."""
    for text in (
        f'{{"p\\u0079/object": "{DIALOG_STATE}", "_dialog_stack": []}}',
        f'{{"\\u0070y\\/object": "{DIALOG_STATE}", "_dialog_stack": []}}',
        '{"py\\u002ftuple": [1]}',
    ):
        assert differences(decode(text), jsonpickle.decode(text)) == []
    assert isinstance(fast_decode(f'{{"p\\u0079/object": "{DIALOG_STATE}"}}'), DialogState)


def test_a_changed_jsonpickle_configuration_turns_the_fast_path_off() -> None:
    item = REALISTIC["qa user"]
    backend = jsonpickle.backend.json
    options = copy.deepcopy(backend._encoder_options)  # noqa: SLF001
    try:
        jsonpickle.set_encoder_options("json", sort_keys=True)
        with pytest.raises(Unsupported):
            fast_encode(item)
        assert encode(item) == pickled(item)
    finally:
        backend._encoder_options = options  # noqa: SLF001
    assert fast_encode(item) == pickled(item)


# Properties


PLAIN_KEYS = (
    st.text(max_size=6) | st.sampled_from(["py", "p/y", "__dict__", "default_factory", "json://1"])
).filter(lambda key: not key.startswith("py/"))
# Keys jsonpickle drops ("py/object", "py/tuple", "py/id": reserved) or reads as a tag ("py/b64").
TAG_KEYS = st.sampled_from(["py/object", "py/tuple", "py/id", "py/b64", "py/"])
KEYS = PLAIN_KEYS | TAG_KEYS
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8)
)


def state_values(keys: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """What dialog state holds: JSON values, dialog stacks, prompts with their activities."""
    json_like = st.recursive(
        SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
        max_leaves=20,
    )
    activities = st.builds(
        Activity,
        type=st.sampled_from(ActivityTypes),
        text=st.none() | st.text(max_size=8),
        input_hint=st.none() | st.sampled_from(InputHints),
        attachment_layout=st.none() | st.sampled_from(AttachmentLayoutTypes),
        value=json_like,
    )
    return st.recursive(
        SCALARS | activities,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(keys, inner, max_size=3)
            | st.builds(
                DialogInstance, st.text(max_size=6), st.dictionaries(keys, inner, max_size=3)
            )
            | st.builds(
                DialogState, st.lists(st.builds(DialogInstance, st.text(max_size=4)), max_size=2)
            )
            | st.builds(PromptOptions, prompt=activities, retry_prompt=st.none() | activities)
        ),
        max_leaves=12,
    )


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.dictionaries(PLAIN_KEYS, state_values(PLAIN_KEYS), max_size=4))
def test_any_state_of_the_supported_shapes_takes_the_fast_path_both_ways(
    item: dict[str, Any],
) -> None:
    assert_fast_and_same(item)


@PROPERTY
@given(st.dictionaries(KEYS, state_values(KEYS), max_size=4))
def test_any_state_is_written_as_jsonpickle_writes_it_and_read_back_alike(
    item: dict[str, Any],
) -> None:
    """Keys starting with "py/" inside user data do not fool the fast path: jsonpickle drops
    the reserved ones and reads "py/b64" back as bytes, and so does `encode` then `decode`."""
    expected = pickled(item)
    assert encode(item) == expected
    assert_read_alike(expected)


TAG_NAMES = st.sampled_from(
    [ACTIVITY_TYPES, DIALOG_STATE, "botbuilder.dialogs.dialog_instance.DialogInstance"]
    + ["builtins.int", "not.a.Class", "tests.teams.test_state_json.Plain"]
)
# No "py/id" here: jsonpickle resolves it to any object read so far, cycles included.
TAGGED_KEYS = KEYS.filter(lambda key: key != "py/id")
TAGGED = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(TAGGED_KEYS, inner, max_size=3)
        | st.builds(lambda name: {"py/type": name}, TAG_NAMES)
        | st.builds(lambda items: {"py/tuple": items}, st.lists(inner, max_size=2))
        | st.builds(lambda items: {"py/reduce": items}, st.lists(inner, max_size=3))
        | st.builds(
            lambda name, attributes: {"py/object": name, **attributes},
            TAG_NAMES,
            st.dictionaries(
                st.sampled_from(["id", "state", "_dialog_stack", "x"]), inner, max_size=2
            ),
        )
    ),
    max_leaves=12,
)


@PROPERTY
@given(TAGGED)
def test_any_tagged_json_is_read_as_jsonpickle_reads_it(value: Any) -> None:
    assert_read_alike(json.dumps(value))
