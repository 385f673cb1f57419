"""Markup: what of a Markdown or HTML article is not prose, and the prose view that
blanks it.

Why a module of its own: the Document (document.py) needs only the result, the prose
view and the markup spans; how Markdown and HTML are read grows with every construct
recognised (front matter, fences, indented code, comments, tags, entities).
"""

from __future__ import annotations

import re
from functools import partial
from typing import NamedTuple

class Span(NamedTuple):
    """A typed offset range.  A named tuple, not a dataclass: a Document holds one per
    word, and a tuple is built three times faster and is a third of the size."""

    start: int
    end: int
    kind: str = ""


# Span from a (start, end, kind) tuple without the Python-level __new__: 2x faster in bulk
_new_span = partial(tuple.__new__, Span)


# --- markup (blanked out of the prose view) -----------------------------------------
# Front matter: YAML between "---" lines, or TOML between "+++" lines (Hugo), only at the
# very start of the file; it may be empty ("---" twice).
_MD_FRONT = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(?:.*?\r?\n)?\1[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_MD_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[^\n]*$", re.DOTALL | re.MULTILINE)
_MD_INLINE_CODE = re.compile(r"`[^`\n]+`")
# An inline link's target: the URL may hold balanced parentheses ("wiki/Mercury_(planet)":
# the target ended at its first ")", and the second was an unbalanced bracket, MT405).
_MD_LINK_TARGET = re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
# A link reference definition, "[1]: https://example.com/x "Title"": URL and title are
# not prose (the title was linted and fixed).
_MD_LINK_DEF = re.compile(r"""^ {0,3}\[[^\]\n]+\]:[ \t]*\S+(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$""",
                          re.MULTILINE)
_MD_MARKERS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|>[ \t]?|[-*+][ \t]|\d+[.)][ \t])", re.MULTILINE)
_MD_EMPH = re.compile(r"[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}|!?\[|\]")
_HTML_BLOCK = re.compile(r"<(script|style|code|pre)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A tag; quoted attribute values may hold "<" and ">" ('title="Profit > 5%"': the tag
# ended there, and the rest of the attribute was linted and "fixed" as prose).
_HTML_TAG = re.compile(r"""</?[A-Za-z][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>""")
_HTML_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


def _blank(chars: list[str], start: int, end: int) -> None:
    """Replace chars[start:end] with spaces, keeping newlines so lines stay put."""
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def prose_view(text: str, fmt: str) -> tuple[str, list[Span]]:
    """Blank the non-prose parts of Markdown/HTML (same length, newlines kept)."""
    if fmt == "text":
        return text, []
    chars = list(text)
    spans: list[Span] = []

    def blank_all(rx: re.Pattern[str], kind: str, src: str | None = None) -> None:
        for m in rx.finditer(src if src is not None else "".join(chars)):
            _blank(chars, m.start(), m.end())
            spans.append(Span(m.start(), m.end(), kind))

    if fmt == "markdown":
        blank_all(_MD_FRONT, "front-matter", text)
        blank_all(_MD_FENCE, "code", text)
        blank_all(_HTML_COMMENT, "comment", text)
        if "]:" in text:
            blank_all(_MD_LINK_DEF, "link", text)
        current = "".join(chars)
        for rx, kind in ((_MD_INLINE_CODE, "code"), (_HTML_TAG, "tag"), (_MD_LINK_TARGET, "link"),
                         (_MD_MARKERS, "marker"), (_MD_EMPH, "emphasis")):
            blank_all(rx, kind, current)
            current = "".join(chars)
    else:
        blank_all(_HTML_BLOCK, "code", text)
        blank_all(_HTML_COMMENT, "comment", text)
        current = "".join(chars)
        blank_all(_HTML_TAG, "tag", current)
        current = "".join(chars)
        blank_all(_HTML_ENTITY, "entity", current)
    spans.sort(key=lambda s: (s.start, s.end))
    return "".join(chars), spans
