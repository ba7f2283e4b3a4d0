"""Free text in a spreadsheet cell: never read as a formula (OWASP: CSV injection).

Shared by every export (behovsmeldinger, beslutningsgrunnlag). Plain strings only: the
spreadsheet libraries stay in the exports that use them.
"""

from __future__ import annotations

# What makes a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: str) -> bool:
    """True when a spreadsheet would read `value` as a formula if it were typed in."""
    return value.startswith(FORMULA_START)


def csv_text(value: str) -> str:
    """A CSV cell Excel shows as text: one that would start a formula gets a leading apostrophe.

    «=HYPERLINK(...)» from an owner must not run on the coordinator's machine, and an answer
    written as a list («- tidlig innsats») would otherwise show as #NAVN?. Numbers are written
    as numbers and never pass through here (a negative amount stays a number).
    """
    return f"'{value}" if looks_like_formula(value) else value
