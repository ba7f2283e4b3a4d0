"""Parsing one answer to a behovsmelding field, as typed in the dialog or entered in the card.

`parse_answer` returns a Norwegian message instead of raising, so every door shows the same
rules. The personal data guard (`bot.scheme.privacy`) refuses national identity numbers in any
text and warns on what looks like a child's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.scheme.needs import FieldSpec
from bot.scheme.privacy import (
    CHILD_NAME_WARNING,
    ID_NUMBER_REFUSAL,
    contains_national_id,
    mentions_child_by_name,
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_NONE_WORDS = {"nei", "ingen", "-", "nei takk", "ingenting"}


@dataclass(frozen=True)
class Parsed:
    """The outcome of parsing one answer: a value, or a Norwegian error; maybe a warning."""

    value: Any = None
    error: str | None = None
    warning: str | None = None


def parse_answer(spec: FieldSpec, raw: str) -> Parsed:
    """Parse one answer to `spec` as typed in the dialog or entered in the card."""
    text = " ".join(raw.split()) if spec.kind != "long_text" else raw.strip()
    if contains_national_id(text):
        return Parsed(error=ID_NUMBER_REFUSAL)
    if not text or (not spec.required and text.casefold() in _NONE_WORDS):
        return Parsed(value=_empty(spec)) if not spec.required else Parsed(error="Må fylles ut.")
    parser = _PARSERS[spec.kind]
    parsed = parser(spec, text)
    if parsed.error is None and spec.kind in ("text", "long_text") and mentions_child_by_name(text):
        return Parsed(value=parsed.value, warning=CHILD_NAME_WARNING)
    return parsed


def _empty(spec: FieldSpec) -> Any:
    return [] if spec.kind == "choices" else ""


def _text(spec: FieldSpec, text: str) -> Parsed:
    if len(text) < spec.min_length:
        return Parsed(error=f"Skriv minst {spec.min_length} tegn.")
    if len(text) > spec.max_length:
        return Parsed(error=f"Høyst {spec.max_length} tegn (nå {len(text)}).")
    return Parsed(value=text)


def _count(_spec: FieldSpec, text: str) -> Parsed:
    digits = text.replace(" ", "")
    if not digits.isdigit():
        return Parsed(error="Skriv et helt tall, 0 eller mer.")
    if int(digits) > 100_000:
        return Parsed(error="Det tallet er for stort.")
    return Parsed(value=int(digits))


def _choice(spec: FieldSpec, text: str) -> Parsed:
    key = _choice_key(spec, text)
    if key is None:
        options = ", ".join(spec.choices.values())
        return Parsed(error=f"Velg en av: {options}.")
    if spec.kind == "yes_no":
        return Parsed(value=key == "ja")
    return Parsed(value=int(key) if spec.name == "period" else key)


def _choices(spec: FieldSpec, text: str) -> Parsed:
    picked: list[str] = []
    for part in re.split(r"[,;]|\bog\b", text):
        if not part.strip():
            continue
        key = _choice_key(spec, part.strip())
        if key is None:
            return Parsed(error=f"Kjenner ikke igjen «{part.strip()}». Velg fra listen.")
        if key not in picked:
            picked.append(key)
    return Parsed(value=picked) if picked else Parsed(error="Velg minst ett tema.")


def _email(_spec: FieldSpec, text: str) -> Parsed:
    if not _EMAIL.match(text) or len(text) > 200:
        return Parsed(error="Skriv en gyldig e-postadresse, for eksempel navn@kommune.no.")
    return Parsed(value=text)


def _choice_key(spec: FieldSpec, text: str) -> str | None:
    """A choice by key, label (case-insensitive) or 1-based number."""
    answer = text.strip().casefold()
    keys = list(spec.choices)
    if answer.isdigit() and spec.name != "period" and 1 <= int(answer) <= len(keys):
        return keys[int(answer) - 1]
    for key, label in spec.choices.items():
        folded = label.casefold()
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
