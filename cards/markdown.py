"""Text shown as written in Teams, where a TextBlock's or a fact's text is Markdown.

Teams turns a text that starts with a number, a full stop and a space into a numbered list:
"1. februar 2027" shows as a list item "februar 2027", "3. Beslutningsgrunnlag" as item 3.
The renderer escapes that full stop ("1\\. februar 2027"), which Teams shows as "1. februar
2027"; whatever reads a rendered card as plain text (`laget chat`) removes the escape again.
Only the start of a text is escaped: a list further down (a knowledge answer listing the four
criteria after a line of introduction) is meant as a list.
"""

from __future__ import annotations

import re

# A number, a full stop and white space (or nothing) at the very start of a text.
_LIST_START = re.compile(r"\A(\s*\d+)\.(?=\s|\Z)")
_ESCAPED_START = re.compile(r"\A(\s*\d+)\\\.(?=\s|\Z)")


def literal(text: str) -> str:
    """`text` with a leading "<number>. " escaped, so Teams does not make it a numbered list."""
    return _LIST_START.sub(r"\1\\.", text)


def unescape(text: str) -> str:
    """The text a reader sees: `literal` undone."""
    return _ESCAPED_START.sub(r"\1.", text)
