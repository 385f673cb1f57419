"""Markup: what of a Markdown or HTML article is not prose, and the prose view that
blanks it.

Why a module of its own: the Document (document.py) needs only the result, the prose
view and the markup spans; how Markdown and HTML are read grows with every construct
recognised (front matter, fences, indented code, comments, tags, entities).
"""

from __future__ import annotations

import re
from functools import partial
from typing import Iterable, Iterator, NamedTuple

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
# not prose (the title was linted and fixed).  (``\r?$``: a CRLF file's line ends in a CR.)
_MD_LINK_DEF = re.compile(r"""^ {0,3}\[[^\]\n]+\]:[ \t]*\S+(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*\r?$""",
                          re.MULTILINE)
_MD_MARKERS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|>[ \t]?|[-*+][ \t]|\d+[.)][ \t])", re.MULTILINE)
_MD_EMPH = re.compile(r"[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}|!?\[|\]")
_HTML_BLOCK_OPEN = re.compile(r"<(script|style|code|pre)\b", re.IGNORECASE)
_HTML_BLOCK_CLOSE: dict[str, re.Pattern[str]] = {}   # name -> its closing tag, compiled when first met


def comment_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each ``<!-- ... -->``: the matches of ``<!--.*?-->`` (DOTALL), in
    linear time.

    Why not that regex: at each "<!--" that no "-->" closes it scans to the end of the
    text, so a file of many unclosed openers took quadratic time ('<!--' * 20000, 80 KB:
    9-16 s to read).  Once one opener is unclosed, no later one can be closed either."""
    i = 0
    while True:
        start = text.find("<!--", i)
        if start < 0:
            return
        end = text.find("-->", start + 4)
        if end < 0:
            return
        yield start, end + 3
        i = end + 3


def block_spans(text: str) -> Iterator[tuple[int, int]]:
    r"""(start, end) of each script/style/code/pre element: the matches of
    ``<(script|style|code|pre)\b.*?</\1\s*>`` (DOTALL, IGNORECASE), in linear time: an
    unclosed ``<pre>`` made that regex scan to the end again at every later ``<pre>``;
    once a name has no closing tag after one opener, it has none after the later ones."""
    unclosed: set[str] = set()
    pos = 0
    while True:
        m = _HTML_BLOCK_OPEN.search(text, pos)
        if m is None:
            return
        name = m.group(1).lower()
        closing = _HTML_BLOCK_CLOSE.get(name)
        if closing is None:
            closing = _HTML_BLOCK_CLOSE[name] = re.compile(rf"</{name}\s*>", re.IGNORECASE)
        close = None if name in unclosed else closing.search(text, m.end())
        if close is None:
            unclosed.add(name)
            pos = m.start() + 1
            continue
        yield m.start(), close.end()
        pos = close.end()
# A tag; quoted attribute values may hold "<" and ">" ('title="Profit > 5%"': the tag
# ended there, and the rest of the attribute was linted and "fixed" as prose).
_HTML_TAG = re.compile(r"""</?[A-Za-z][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>""")
_HTML_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]+);")
# Tags that start a new line when a browser lays the page out (block elements, <br>, <hr>)
_HTML_BREAKING = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|tfoot|caption|"
    r"blockquote|section|article|header|footer|aside|nav|main|figure|figcaption|address|"
    r"details|summary|body|html|head|title)\b", re.IGNORECASE)


def _blank(chars: list[str], start: int, end: int) -> None:
    """Replace chars[start:end] with spaces, keeping newlines so lines stay put."""
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


# --- Markdown indented code blocks (CommonMark 4.4) ------------------------------------
# A list item's marker and the spaces after it: its content starts where they end.
_MD_ITEM = re.compile(r"([-*+]|\d{1,9}[.)])([ \t]*)")
# Lines after which a paragraph is not open (an indented line there starts a code block):
# an ATX heading, a thematic break or a setext underline.
_MD_CLOSES_PARAGRAPH = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|([-*_=])(?:[ \t]*\1){2,}[ \t]*$|=+[ \t]*$)")


def _columns(line: str) -> tuple[int, int]:
    """(index, column) of the first non-blank character of *line*; a tab advances to the
    next multiple of 4, as CommonMark counts indentation."""
    col = 0
    for i, ch in enumerate(line):
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            return i, col
    return len(line), col


def indented_code(text: str) -> list[tuple[int, int]]:
    """The indented code blocks of Markdown *text* (fences, comments and front matter
    already blanked), as (start, end) offsets: runs of lines indented 4 columns past the
    innermost open list item's content, that begin where no paragraph is open (the start,
    after a blank line, a heading or a rule).  An indented line inside a paragraph is a
    continuation, and "- item" + blank line + "    more" is the item's second paragraph
    (its content starts at column 2): news copy indents for both, and neither is code.

    Why a line walk and not a pattern: whether a line is code depends on the list items
    open above it, which a regular expression cannot count."""
    blocks: list[tuple[int, int]] = []
    items: list[int] = []          # content columns of the open list items, innermost last
    open_ok = True                 # no paragraph open: an indented line would start code
    after_blank = True
    code: list[int] | None = None  # [start, end, base column] of the block being read
    pos = 0
    for raw in text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        line = raw.rstrip("\r")
        idx, col = _columns(line)
        if idx == len(line):                   # blank: a code block may go on after it
            open_ok = after_blank = True
            continue
        if code is not None:
            if col >= code[2] + 4:
                code[1] = start + len(line)
                continue
            blocks.append((code[0], code[1]))
            code = None
        if after_blank:                        # a less indented line leaves the items
            while items and col < items[-1]:
                items.pop()
        base = items[-1] if items else 0
        if open_ok and col >= base + 4:
            code = [start, start + len(line), base]
            continue
        m = _MD_ITEM.match(line, idx)
        if m and (m.end() == len(line) or m.group(2)):
            while items and items[-1] > col:
                items.pop()
            marker_end = col + len(m.group(1))
            gap = _columns(line[m.start(2):] + "x")[1] if m.group(2) else 0
            # content after 5+ spaces is code inside the item: its content is 1 column in
            items.append(marker_end + (gap if 1 <= gap <= 4 and m.end() < len(line) else 1))
        open_ok = _MD_CLOSES_PARAGRAPH.match(line) is not None
        after_blank = False
    if code is not None:
        blocks.append((code[0], code[1]))
    return blocks


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

    def blank_spans(found: Iterable[tuple[int, int]], kind: str) -> None:
        for start, end in found:
            _blank(chars, start, end)
            spans.append(Span(start, end, kind))

    if fmt == "markdown":
        blank_all(_MD_FRONT, "front-matter", text)
        blank_all(_MD_FENCE, "code", text)
        # comments and indented code are read with the fences blanked: a comment or an
        # indented line inside a fence is the fence's code
        blank_spans(comment_spans("".join(chars) if spans else text), "comment")
        if "]:" in text:
            blank_all(_MD_LINK_DEF, "link", text)
        current = "".join(chars)
        # (a code block's first line starts with 4 spaces or a tab)
        if "\n    " in current or "\n\t" in current or current.startswith(("    ", "\t")):
            for start, end in indented_code(current):
                _blank(chars, start, end)
                spans.append(Span(start, end, "code"))
            current = "".join(chars)
        for rx, kind in ((_MD_INLINE_CODE, "code"), (_HTML_TAG, "tag"), (_MD_LINK_TARGET, "link"),
                         (_MD_MARKERS, "marker"), (_MD_EMPH, "emphasis")):
            blank_all(rx, kind, current)
            current = "".join(chars)
    else:
        blank_spans(block_spans(text), "code")
        blank_spans(comment_spans(text), "comment")
        current = "".join(chars)
        for m in _HTML_TAG.finditer(current):
            _blank(chars, m.start(), m.end())
            spans.append(Span(m.start(), m.end(), "tag"))
            # A block tag ends a line in the prose view, as on the page: in HTML written
            # on one line ("<p>Story.</p><p>READ MORE: x</p>", a CMS export) line rules
            # (^/$: boilerplate lines, datelines, cut line starts) saw one long line and
            # never fired.  Only the view changes: positions come from the text's lines.
            if _HTML_BREAKING.match(current, m.start()):
                chars[m.start()] = "\n"
        current = "".join(chars)
        blank_all(_HTML_ENTITY, "entity", current)
    spans.sort(key=lambda s: (s.start, s.end))
    return "".join(chars), spans
