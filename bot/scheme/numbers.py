"""Whole numbers as Norwegians type them: «12», «1 300», «1 300 000» (spaces between groups).

Every number a person types (a count in the behovsmelding, a choice by its number, a count in
an imported CSV) is read here, so all of them accept the same and refuse the same. Only the
digits 0-9 count: superscripts, other scripts' digits and fractions are not a number someone
meant to type, and Python's `int` would read some of them or fail on others.
"""

from __future__ import annotations

import re

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
