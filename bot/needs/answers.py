"""Parsing one answer to a behovsmelding field, as typed in the dialog or entered in the card.

`parse_answer` returns a Norwegian message (bokmål or nynorsk) instead of raising, so every door
shows the same rules. A choice is recognised by its label in either written form. The personal
data guard (`bot.scheme.privacy`) refuses national identity numbers in any text and warns on
what looks like a child's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.needs.form import FieldSpec
from bot.scheme.models import Lang, Localized
from bot.scheme.numbers import parse_position, parse_whole_number
from bot.scheme.privacy import (
    CHILD_NAME_WARNING,
    ID_NUMBER_REFUSAL,
    contains_national_id,
    mentions_child_by_name,
)

# Control characters (a paste from another program) other than line breaks and tabs: they show
# as nothing, and a spreadsheet refuses them. They are removed before anything else is checked.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_NONE_WORDS = {"nei", "ingen", "-", "nei takk", "ingenting", "inga", "ikkje noko", "ikke noe"}

REQUIRED = Localized(nb="Må fylles ut.", nn="Må fyllast ut.")
TOO_SHORT = Localized(nb="Skriv minst {min} tegn.", nn="Skriv minst {min} teikn.")
TOO_LONG = Localized(nb="Høyst {max} tegn (nå {now}).", nn="Høgst {max} teikn (no {now}).")
NOT_A_COUNT = Localized(
    nb="Skriv et helt tall, 0 eller mer.", nn="Skriv eit heilt tal, 0 eller meir."
)
TOO_LARGE = Localized(nb="Det tallet er for stort.", nn="Det talet er for stort.")
PICK_ONE = Localized(nb="Velg en av: {options}.", nn="Vel ein av: {options}.")
UNKNOWN_CHOICE = Localized(
    nb="Kjenner ikke igjen «{part}». Velg fra listen.",
    nn="Kjenner ikkje att «{part}». Vel frå lista.",
)
PICK_A_TOPIC = Localized(nb="Velg minst ett tema.", nn="Vel minst eitt tema.")
NOT_AN_EMAIL = Localized(
    nb="Skriv en gyldig e-postadresse, for eksempel navn@kommune.no.",
    nn="Skriv ei gyldig e-postadresse, til dømes namn@kommune.no.",
)


@dataclass(frozen=True)
class Parsed:
    """The outcome of parsing one answer: a value, or a Norwegian error; maybe a warning."""

    value: Any = None
    error: str | None = None
    warning: str | None = None


def parse_answer(spec: FieldSpec, raw: str, lang: Lang = "nb") -> Parsed:
    """Parse one answer to `spec` as typed in the dialog or entered in the card.

    `lang` is the language of the messages; the value does not depend on it.
    """
    raw = _CONTROL.sub("", raw.replace("\r\n", "\n")).replace("\r", "\n")
    text = " ".join(raw.split()) if spec.kind != "long_text" else raw.strip()
    if contains_national_id(text):
        return Parsed(error=ID_NUMBER_REFUSAL.get(lang))
    if not text or (not spec.required and text.casefold() in _NONE_WORDS):
        if spec.required:
            return Parsed(error=REQUIRED.get(lang))
        return Parsed(value=_empty(spec))
    parser = _PARSERS[spec.kind]
    parsed = parser(spec, text, lang)
    if parsed.error is None and spec.kind in ("text", "long_text") and mentions_child_by_name(text):
        return Parsed(value=parsed.value, warning=CHILD_NAME_WARNING.get(lang))
    return parsed


def _empty(spec: FieldSpec) -> Any:
    return [] if spec.kind == "choices" else ""


def length(text: str) -> int:
    """The length of a text as Teams counts it in a card input (UTF-16 units: an emoji is 2).

    The card's maxLength and the dialog then allow the same, and a report at every limit
    still fits in one card (Teams refuses cards over 28 KB).
    """
    return len(text.encode("utf-16-le")) // 2


def cut(text: str, limit: int) -> str:
    """`text` cut to at most `limit` as `length` counts (never in the middle of an emoji)."""
    return text.encode("utf-16-le")[: 2 * limit].decode("utf-16-le", errors="ignore")


def _text(spec: FieldSpec, text: str, lang: Lang) -> Parsed:
    if len(text) < spec.min_length:
        return Parsed(error=TOO_SHORT.get(lang).format(min=spec.min_length))
    if length(text) > spec.max_length:
        return Parsed(error=TOO_LONG.get(lang).format(max=spec.max_length, now=length(text)))
    return Parsed(value=text)


# «ca 150», «omtrent 150», «rundt 150»: an estimate is a number all the same.
_ABOUT = re.compile(r"^(?:ca\.?|cirka|omtrent|om lag|rundt|anslagsvis|ca)\s+", re.IGNORECASE)


def _count(_spec: FieldSpec, text: str, lang: Lang) -> Parsed:
    number = parse_whole_number(_ABOUT.sub("", text))
    if number is None:
        return Parsed(error=NOT_A_COUNT.get(lang))
    if number > 100_000:
        return Parsed(error=TOO_LARGE.get(lang))
    return Parsed(value=number)


def _choice(spec: FieldSpec, text: str, lang: Lang) -> Parsed:
    key = _choice_key(spec, text)
    if key is None:
        options = ", ".join(spec.choice_labels(lang).values())
        return Parsed(error=PICK_ONE.get(lang).format(options=options))
    if spec.kind == "yes_no":
        return Parsed(value=key == "ja")
    return Parsed(value=int(key) if spec.name == "period" else key)


def _choices(spec: FieldSpec, text: str, lang: Lang) -> Parsed:
    picked: list[str] = []
    for part in re.split(r"[,;]|\bog\b", text):
        if not part.strip():
            continue
        key = _choice_key(spec, part.strip())
        if key is None:
            return Parsed(error=UNKNOWN_CHOICE.get(lang).format(part=part.strip()))
        if key not in picked:
            picked.append(key)
    return Parsed(value=picked) if picked else Parsed(error=PICK_A_TOPIC.get(lang))


def _email(_spec: FieldSpec, text: str, lang: Lang) -> Parsed:
    if not _EMAIL.match(text) or len(text) > 200:
        return Parsed(error=NOT_AN_EMAIL.get(lang))
    return Parsed(value=text)


def _choice_key(spec: FieldSpec, text: str) -> str | None:
    """A choice by key, label in either written form (case-insensitive) or 1-based number."""
    answer = text.strip().casefold()
    keys = list(spec.choices)
    position = parse_position(answer, len(keys))
    if position is not None and spec.name != "period":
        return keys[position]
    for key, label in spec.choices.items():
        for folded in (label.nb.casefold(), label.nn.casefold()):
            if answer in (key, folded) or (len(answer) >= 3 and folded.startswith(answer)):
                return key
    return None


_PARSERS = {
    "text": _text,
    "long_text": _text,
    "count": _count,
    "choice": _choice,
    "yes_no": _choice,
    "choices": _choices,
    "email": _email,
}
