"""Reading one answer to a beslutningsgrunnlag field, typed in a step or entered in a card.

`parse_answer` returns a Norwegian message (bokmål or nynorsk) at the field instead of raising,
so both doors keep the same rules. Amounts are read the way people write them
(`bot.scheme.numbers.parse_kroner`); months as «mars 2027», «03.2027» or «2027-03». The
personal-data guard refuses national identity numbers and warns on what looks like a child's
name in every free-text field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.decision_basis.form import MONTHS, BasisField
from bot.scheme.models import Lang, Localized
from bot.scheme.numbers import (
    AMOUNT_PROBLEMS,
    AmountProblem,
    parse_kroner,
    parse_position,
    parse_whole_number,
)
from bot.scheme.privacy import (
    CHILD_NAME_WARNING,
    ID_NUMBER_REFUSAL,
    contains_national_id,
    mentions_child_by_name,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NONE_WORDS = {"nei", "ingen", "-", "nei takk", "ingenting", "inga", "ikkje noko", "ikke noe"}
_ALL_WORDS = {"alle", "alle kommunene", "alle kommunane", "hele nettverket", "heile nettverket"}

REQUIRED = Localized(nb="Må fylles ut.", nn="Må fyllast ut.")
TOO_SHORT = Localized(nb="Skriv minst {min} tegn.", nn="Skriv minst {min} teikn.")
TOO_LONG = Localized(nb="Høyst {max} tegn (nå {now}).", nn="Høgst {max} teikn (no {now}).")
UNKNOWN_CHOICE = Localized(
    nb="Kjenner ikke igjen «{part}». Velg fra listen.",
    nn="Kjenner ikkje att «{part}». Vel frå lista.",
)
PICK_ONE_OR_MORE = Localized(nb="Velg minst ett svar.", nn="Vel minst eitt svar.")
NOT_A_COUNT = Localized(
    nb="Skriv et helt tall, 0 eller mer.", nn="Skriv eit heilt tal, 0 eller meir."
)
# «ca 150», «omtrent 150»: an estimate is a number all the same.
_ABOUT = re.compile(r"^(?:ca\.?|cirka|omtrent|om lag|rundt|anslagsvis)\s+", re.IGNORECASE)
NOT_A_MONTH = Localized(
    nb="Skriv måned og år, for eksempel «mars 2027».",
    nn="Skriv månad og år, til dømes «mars 2027».",
)
MONTH_OUT_OF_RANGE = Localized(
    nb="Velg en måned mellom {first} og {last}.", nn="Vel ein månad mellom {first} og {last}."
)
# Short forms and nynorsk spellings people write for months.
_MONTH_WORDS = {
    **{name: number for number, name in enumerate(MONTHS, 1)},
    **{name[:3]: number for number, name in enumerate(MONTHS, 1)},
    "sept": 9,
    "des": 12,
}
_MONTH_TEXT = re.compile(r"^([a-zæøå]+)\.?(?:\s+(\d{4}))?$")
_MONTH_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{4})$|^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class Parsed:
    """The outcome of reading one answer: a value, or a Norwegian error; maybe a warning."""

    value: Any = None
    error: str | None = None
    warning: str | None = None


def length(text: str) -> int:
    """A text's length as Teams counts it in a card input (UTF-16 units: an emoji is 2)."""
    return len(text.encode("utf-16-le")) // 2


def parse_answer(  # noqa: PLR0911  (one return per kind of field)
    spec: BasisField, raw: str, lang: Lang, *, year: int, members: tuple[str, ...] = ()
) -> Parsed:
    """Read one answer to `spec`; `year` is the grant year (a month without a year is in it),
    `members` the network's municipalities (for the participating owners)."""
    raw = _CONTROL.sub("", raw.replace("\r\n", "\n")).replace("\r", "\n")
    text = raw.strip() if spec.kind == "long_text" else " ".join(raw.split())
    if contains_national_id(text):
        return Parsed(error=ID_NUMBER_REFUSAL.get(lang))
    if not text or (not spec.required and text.casefold() in _NONE_WORDS):
        return Parsed(error=REQUIRED.get(lang)) if spec.required else Parsed(value=_empty(spec))
    if spec.kind == "money":
        return _money(text, lang)
    if spec.kind == "month":
        return _month(text, lang, year)
    if spec.kind == "count":
        return _count(text, lang)
    if spec.kind == "choices":
        return _choices(spec.choice_labels("nb"), spec.choice_labels("nn"), text, lang)
    if spec.kind == "owners":
        return _owners(members, text, lang)
    parsed = _text(spec, text, lang)
    if parsed.error is None and mentions_child_by_name(text):
        return Parsed(value=parsed.value, warning=CHILD_NAME_WARNING.get(lang))
    return parsed


def _empty(spec: BasisField) -> Any:
    return [] if spec.kind in ("choices", "owners") else ""


def _text(spec: BasisField, text: str, lang: Lang) -> Parsed:
    if len(text) < spec.min_length:
        return Parsed(error=TOO_SHORT.get(lang).format(min=spec.min_length))
    if length(text) > spec.max_length:
        return Parsed(error=TOO_LONG.get(lang).format(max=spec.max_length, now=length(text)))
    return Parsed(value=text)


def _money(text: str, lang: Lang) -> Parsed:
    try:
        return Parsed(value=parse_kroner(text))
    except AmountProblem as problem:
        return Parsed(error=AMOUNT_PROBLEMS[problem.kind].get(lang))


def _count(text: str, lang: Lang) -> Parsed:
    number = parse_whole_number(_ABOUT.sub("", text))
    if number is None or number > 1_000_000:
        return Parsed(error=NOT_A_COUNT.get(lang))
    return Parsed(value=number)


def _month(text: str, lang: Lang, year: int) -> Parsed:
    folded = text.casefold().strip()
    numeric = _MONTH_NUMERIC.fullmatch(folded)
    named = _MONTH_TEXT.fullmatch(folded)
    if numeric:
        month = int(numeric.group(1) or numeric.group(4))
        found_year = int(numeric.group(2) or numeric.group(3))
    elif named and named.group(1) in _MONTH_WORDS:
        month = _MONTH_WORDS[named.group(1)]
        found_year = int(named.group(2)) if named.group(2) else year
    else:
        return Parsed(error=NOT_A_MONTH.get(lang))
    if not 1 <= month <= 12:
        return Parsed(error=NOT_A_MONTH.get(lang))
    first, last = year - 1, year + 3  # the scheme's plans run a few years (seed 003: 2024-2026)
    if not first <= found_year <= last:
        return Parsed(
            error=MONTH_OUT_OF_RANGE.get(lang).format(
                first=f"januar {first}", last=f"desember {last}"
            )
        )
    return Parsed(value=f"{found_year:04d}-{month:02d}")


def _choices(nb: dict[str, str], nn: dict[str, str], text: str, lang: Lang) -> Parsed:
    picked: list[str] = []
    keys = list(nb)
    for part in re.split(r"[,;]|\bog\b", text):
        answer = part.strip().casefold()
        if not answer:
            continue
        key = _choice_key(keys, nb, nn, answer)
        if key is None:
            return Parsed(error=UNKNOWN_CHOICE.get(lang).format(part=part.strip()))
        if key not in picked:
            picked.append(key)
    return Parsed(value=picked) if picked else Parsed(error=PICK_ONE_OR_MORE.get(lang))


def _choice_key(keys: list[str], nb: dict[str, str], nn: dict[str, str], answer: str) -> str | None:
    position = parse_position(answer, len(keys))
    if position is not None:
        return keys[position]
    for key in keys:
        for folded in (nb[key].casefold(), nn[key].casefold()):
            if answer in (key, folded) or (len(answer) >= 3 and folded.startswith(answer)):
                return key
    return None


def _owners(members: tuple[str, ...], text: str, lang: Lang) -> Parsed:
    if text.casefold() in _ALL_WORDS:
        return Parsed(value=list(members))
    labels = {member: member for member in members}
    parsed = _choices(labels, labels, text, lang)
    if parsed.error is not None:
        return parsed
    return Parsed(value=[m for m in members if m in parsed.value])  # in the network's order
