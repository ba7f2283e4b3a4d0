"""Whole numbers as Norwegians type them: «12», «1 300», «1 300 000» (spaces between groups).

Every number a person types (a count in the behovsmelding, a choice by its number, a count in
an imported CSV) is read here, so all of them accept the same and refuse the same. Only the
digits 0-9 count: superscripts, other scripts' digits and fractions are not a number someone
meant to type, and Python's `int` would read some of them or fail on others.
"""

from __future__ import annotations

import re

from bot.scheme.models import Localized

MAX_DIGITS = 12  # more than any count, total or amount in the scheme
# Digits, in groups of three after the first when spaced (a space, a no-break or thin space).
_SPACED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+")
_PLAIN = re.compile(r"[0-9]+")


def parse_whole_number(text: str) -> int | None:
    """The whole number 0 or more that `text` is, or None (not a number, or absurdly long)."""
    candidate = text.strip()
    if not (_PLAIN.fullmatch(candidate) or _SPACED.fullmatch(candidate)):
        return None
    digits = re.sub(r"\D", "", candidate)
    if len(digits) > MAX_DIGITS:
        return None
    return int(digits)


def parse_position(text: str, count: int) -> int | None:
    """A 1-based choice among `count` options typed as its number, as a 0-based index."""
    number = parse_whole_number(text)
    if number is None or not 1 <= number <= count:
        return None
    return number - 1


# Amounts of money as people write them: «1 200 000», «1.200.000», «kr 1 200 000,-»,
# «1,2 mill.», «1200000 kroner». Whole kroner only: øre and negatives are refused by name.
_CURRENCY = re.compile(r"^(?:kr\.?|nok)\s*|\s*(?:kr\.?|kroner|nok)$")
_NO_ORE = re.compile(r"\s*(?:,-|,–|\.-|,00|\.00)$")
_DOTTED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_MILLIONS = re.compile(r"^([0-9]+)(?:[,.]([0-9]+))?\s*(?:mill\.?|millioner|million|mnok|mill kr)$")
_SIGNS = ("-", "−", "–")


class AmountProblem(Exception):
    """Why a text is not an amount of whole kroner: "negative", "ore", "too_large" or "nonsense"."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


# Why an amount was refused, as said at the field (keys of AmountProblem.kind).
AMOUNT_PROBLEMS = {
    "negative": Localized(
        nb="Beløpet kan ikke være negativt. Skriv 0 eller mer.",
        nn="Beløpet kan ikkje vere negativt. Skriv 0 eller meir.",
    ),
    "ore": Localized(
        nb="Skriv hele kroner, uten øre (for eksempel «1 200 000»).",
        nn="Skriv heile kroner, utan øre (til dømes «1 200 000»).",
    ),
    "too_large": Localized(nb="Det beløpet er for stort.", nn="Det beløpet er for stort."),
    "nonsense": Localized(
        nb="Skriv et beløp i hele kroner, for eksempel «400 000», «kr 1 200 000,-» eller "
        "«1,2 mill.».",
        nn="Skriv eit beløp i heile kroner, til dømes «400 000», «kr 1 200 000,-» eller "
        "«1,2 mill.».",
    ),
}


def parse_kroner(text: str) -> int:
    """The whole kroner `text` names, 0 or more; raises AmountProblem saying why not."""
    candidate = " ".join(text.casefold().split())
    if candidate.startswith(_SIGNS) or any(f"kr {s}" in candidate for s in _SIGNS):
        raise AmountProblem("negative")
    for _ in range(2):  # «kr 1 200 000,-» and «1 200 000,- kr»
        candidate = _NO_ORE.sub("", _CURRENCY.sub("", candidate).strip()).strip()
    if candidate.startswith(_SIGNS):
        raise AmountProblem("negative")
    millions = _MILLIONS.fullmatch(candidate)
    if millions:
        whole, fraction = millions.group(1), millions.group(2) or ""
        if len(fraction) > 6 or len(whole) > 6:
            raise AmountProblem("ore" if len(fraction) > 6 else "too_large")
        return int(whole) * 1_000_000 + int(fraction.ljust(6, "0") or "0")
    if _DOTTED.fullmatch(candidate):
        candidate = candidate.replace(".", "")
    if re.fullmatch(r"[0-9 \u00a0\u202f\u2009]+[,.][0-9]{1,2}", candidate):
        raise AmountProblem("ore")
    number = parse_whole_number(candidate)
    if number is None:
        raise AmountProblem("too_large" if re.fullmatch(r"[0-9 ]{13,}", candidate) else "nonsense")
    if number > 10**10:
        raise AmountProblem("too_large")
    return number
