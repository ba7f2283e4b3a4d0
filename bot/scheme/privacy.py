"""The personal data guard: no personal data about children goes into a form.

Text with a Norwegian national identity number (fødselsnummer or D-nummer: 11 digits whose two
check digits are valid) is refused. Text that looks like it names a child ("eleven Ola",
"Kari (7 år)") gets a warning: names cannot be told apart from place names with certainty,
so the person decides.
"""

from __future__ import annotations

import re

from bot.scheme.models import Localized

_ID_NUMBER = re.compile(r"(?<!\d)(\d{6})[ .]?(\d{5})(?!\d)")
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


def contains_national_id(text: str) -> bool:
    """True when the text holds a valid national identity number (with or without a space)."""
    return any(is_national_id(a + b) for a, b in _ID_NUMBER.findall(text))


def mentions_child_by_name(text: str) -> bool:
    """True when the text looks like it names a child (a warning, not a refusal)."""
    return _CHILD_NAMED.search(text) is not None
