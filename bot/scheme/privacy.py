"""The personal data guard: no personal data about children goes into Laget.

Text with a Norwegian national identity number (fødselsnummer, D- or H-nummer: 11 digits whose
two check digits are valid) is refused, however it is written: with a hyphen, dots, spaces or
slashes between groups of digits, with invisible characters inside, or in other digit scripts
(fullwidth, superscript, Arabic-Indic …). The channel layer asks `contains_national_id` about
every piece of free text of a turn before anything is stored, logged, relayed or shown.

Text that looks like it names a child ("eleven Ola", "Kari (7 år)") gets a warning: names cannot
be told apart from place names with certainty, so the person decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from bot.scheme.models import Localized

# Groups of ASCII digits joined by at most three separator characters (spaces of any kind,
# hyphens and dashes, dots, slashes, underscores, colons): «241275-10071», «241 275 100 71».
_CHAIN = re.compile(r"\d+(?:[\s\-\u2010-\u2015\u2212./_:]{1,3}\d+)*")
_GROUP = re.compile(r"\d+")
ID_LENGTH = 11
# Every character NFKC turns into (or keeps as) a decimal digit: digits of any script (\d),
# super- and subscripts, fractions, circled and parenthesised numbers, and the CJK squared
# numbers and dates. Listed from the Unicode tables once (every code point checked), so text
# without any of them skips the per-character normalisation.
_DIGIT_LIKE = re.compile(
    "[\\d\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u2079\u2080-\u2089\u2150-\u215f\u2189"
    "\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32cb\u3358-\u3370\u3378\u3379"
    "\u339f-\u33a6\u33a8\u33af\u33e0-\u33fe\U0001f100-\U0001f10a]"
)
_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_NAME = r"[A-ZÆØÅ][a-zæøåé]+(?:-[A-ZÆØÅ][a-zæøåé]+)?"
_CHILD_NAMED = re.compile(
    rf"\b(?i:eleven|elev|barnet|barn|gutten|jenta|guten|sønnen|sonen|datteren|dottera|dattera)"
    rf"\s+{_NAME}"
    rf"|\b{_NAME},?\s+\(?\d{{1,2}}\s*år\b"
    rf"|\b{_NAME}\s+(?:i|på)\s+\d{{1,2}}\.\s*(?:klasse|trinn)\b"
)

ID_NUMBER_REFUSAL = Localized(
    nb="Teksten inneholder noe som ser ut som et fødselsnummer. Personopplysninger om barn skal "
    "ikke skrives i behovsmeldingen. Fjern nummeret og prøv igjen.",
    nn="Teksten inneheld noko som ser ut som eit fødselsnummer. Personopplysningar om barn skal "
    "ikkje skrivast i behovsmeldinga. Fjern nummeret og prøv igjen.",
)
CHILD_NAME_WARNING = Localized(
    nb="Teksten ser ut til å nevne et barn ved navn. Behovsmeldingen skal ikke inneholde "
    "personopplysninger om barn: beskriv behovet uten navn.",
    nn="Teksten ser ut til å nemne eit barn ved namn. Behovsmeldinga skal ikkje innehalde "
    "personopplysningar om barn: skildre behovet utan namn.",
)


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    remainder = sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    check = (11 - remainder) % 11
    return None if check == 10 else check


def is_national_id(number: str) -> bool:
    """True for 11 digits with valid check digits (fødselsnummer, D-nummer, H-nummer)."""
    if len(number) != 11 or not number.isdigit():
        return False
    digits = [int(c) for c in number]
    k1 = _check_digit(digits[:9], _K1)
    if k1 is None or k1 != digits[9]:
        return False
    k2 = _check_digit(digits[:10], _K2)
    return k2 is not None and k2 == digits[10]


def _plain_digits(text: str) -> tuple[str, list[int]]:
    """Every decimal digit as ASCII, invisible (format) characters removed; and for each
    character of the result, the index of the character of `text` it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, original in enumerate(text):
        for char in unicodedata.normalize("NFKC", original):
            if unicodedata.category(char) == "Cf":  # zero-width space, soft hyphen, joiners
                continue
            digit = None if "0" <= char <= "9" else unicodedata.decimal(char, None)
            out.append(char if digit is None else str(digit))
            origin.append(index)
    return "".join(out), origin


def national_id_spans(text: str) -> list[tuple[int, int]]:
    """Where in `text` national identity numbers stand, however they are written.

    Within each chain of digit groups, every run of whole groups that adds up to 11 digits is
    checked, so «241275 10071 og 12345678» is found and a longer number is not cut apart.
    """
    if not contains_digit_like(text):  # most text: no digit of any script, nothing to do
        return []
    plain, origin = _plain_digits(text)
    spans: list[tuple[int, int]] = []
    for chain in _CHAIN.finditer(plain):
        groups = list(_GROUP.finditer(chain.group()))
        for first in range(len(groups)):
            digits = ""
            for last in range(first, len(groups)):
                digits += groups[last].group()
                if len(digits) >= ID_LENGTH:
                    break
            if len(digits) == ID_LENGTH and is_national_id(digits):
                begin = chain.start() + groups[first].start()
                end = chain.start() + groups[last].end()
                spans.append((origin[begin], origin[end - 1] + 1))
    return spans


def contains_digit_like(text: str) -> bool:
    """True when some character of `text` is, or normalises to, a decimal digit."""
    return _DIGIT_LIKE.search(text) is not None


def contains_national_id(text: str) -> bool:
    """True when the text holds a valid national identity number, however it is written."""
    return bool(national_id_spans(text))


REDACTED = "[fjernet]"


def redact_national_ids(text: str) -> str:
    """`text` with every national identity number replaced by «[fjernet]»."""
    merged: list[tuple[int, int]] = []
    for begin, end in sorted(national_id_spans(text)):
        if merged and begin <= merged[-1][1]:  # overlapping windows of one chain
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((begin, end))
    for begin, end in reversed(merged):
        text = text[:begin] + REDACTED + text[end:]
    return text


def mentions_child_by_name(text: str) -> bool:
    """True when the text looks like it names a child (a warning, not a refusal)."""
    return _CHILD_NAMED.search(text) is not None


def free_texts(value: Any, depth: int = 0) -> Iterator[str]:
    """Every string inside a message's text or a card's submitted data (nested at most 20 deep)."""
    if isinstance(value, str):
        yield value
    elif depth < 20 and isinstance(value, dict):
        for item in value.values():
            yield from free_texts(item, depth + 1)
    elif depth < 20 and isinstance(value, list):
        for item in value:
            yield from free_texts(item, depth + 1)


def holds_national_id(*values: Any) -> bool:
    """True when any string in the values (text, card data) holds a national identity number."""
    return any(contains_national_id(text) for value in values for text in free_texts(value))
