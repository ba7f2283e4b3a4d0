"""Text shown as written in Teams, where a TextBlock's or a fact's text is Markdown.

Teams turns a text that starts with a number, a full stop and a space into a numbered list:
"1. februar 2027" shows as a list item "februar 2027", "3. Beslutningsgrunnlag" as item 3.
The renderer escapes that full stop ("1\\. februar 2027"), which Teams shows as "1. februar
2027"; whatever reads a rendered card as plain text (`laget chat`) removes the escape again.
Only the start of a text is escaped: a list further down (a knowledge answer listing the four
criteria after a line of introduction) is meant as a list.

Text that one person wrote and another reads (an owner's name, a question, a coordinator's
answer) is different: nothing in it may become a link, emphasis or a list, so `verbatim`
escapes every character Markdown gives a meaning to. View-models call it on such text.
"""

from __future__ import annotations

import re

# A number, a full stop and white space (or nothing) at the very start of a text.
_LIST_START = re.compile(r"\A(\s*\d+)\.(?=\s|\Z)")
_ESCAPED_START = re.compile(r"\A(\s*\d+)\\\.(?=\s|\Z)")
# What makes Markdown anywhere in a line (emphasis, code, links) and what makes it at a line's
# start (headings, quotes, lists); other punctuation stays as it is, so the card stays small.
_INLINE = re.compile(r"([\\`*_\[\]()~<>])")
_LINE_START = re.compile(r"^(\s*)(#|>|[-+](?=\s))", re.MULTILINE)
_LINE_NUMBER = re.compile(r"^(\s*\d+)\.(?=\s|$)", re.MULTILINE)
_ESCAPED = re.compile(r"\\([\\`*_\[\]()~<>#+\-.])")


def literal(text: str) -> str:
    """`text` with a leading "<number>. " escaped, so Teams does not make it a numbered list."""
    return _LIST_START.sub(r"\1\\.", text)


def verbatim(text: str) -> str:
    """Another person's text, shown as typed: every Markdown character escaped."""
    escaped = _INLINE.sub(r"\\\1", text)
    return _LINE_NUMBER.sub(r"\1\\.", _LINE_START.sub(r"\1\\\2", escaped))


def unescape(text: str) -> str:
    """The text a reader sees: `literal` and `verbatim` undone."""
    return _ESCAPED.sub(r"\1", _ESCAPED_START.sub(r"\1.", text))
