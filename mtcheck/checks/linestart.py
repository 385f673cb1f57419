"""Where a line must begin a sentence, and which lower-case words may begin one: the
``sentence_start`` and ``not_name`` filters of the pattern kinds (see phrases._Filters).

Why: MT that loses the first characters of a segment leaves a line that opens in lower
case or with a comma ("n the eve of the talks ...", ", it is noted that ...").  A line
that opens so is only suspicious where a sentence has to begin: at the start of the text,
after a blank line, after a line that ends a sentence (one sentence or paragraph per
line) or after a headline.  Hard-wrapped text continues its sentences on the next line,
lists continue their items, and some names are written in lower case (iPhone, de Gaulle):
none of that is a cut.

Imported only by a rule that uses one of the filters, and only when it has a match.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import _ABBREV, Document

# A list item: a bullet, "1." / "1)", "a)" / "(a)" / "iv)" (only with a bracket: "A. Smith"
# opens a sentence).
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•‣▪◦][ \t]|\d{1,3}[.)][ \t]|\(?(?:[a-z]|[ivx]{1,4})\)[ \t])")
# What may close a sentence after its full stop, and the quotes among them.
_CLOSERS = "\"”’»)]"
_QUOTES = ("\"", "”", "’", "»")
_OPENERS = "\"“‘«(["
# HTML elements whose text is a list item or table cell, not a paragraph
_HTML_ITEM = re.compile(r"<(?:li|dt|dd|td|th|option|caption|figcaption)\b", re.IGNORECASE)


def ends_sentence(line: str) -> bool:
    """Does *line* (a line's prose) end a sentence?  Not after an ellipsis (the sentence
    may go on), not after a quoted question or exclamation ('"Why?"' + 'he asked'), not
    after an abbreviation or an initial ("U.S.", "p.m.", "Mr.", "J.").

    String operations, not a regex search: a search for an end-anchored pattern tries
    every position of the line, and hard_wrapped asks this of every line of a text."""
    text = line.rstrip()
    body = text.rstrip(_CLOSERS)
    if not body or body[-1] not in ".!?…":
        return False
    if body[-1] == "…" or body.endswith(".."):
        return False
    if body[-1] in "?!":
        return text[len(body):len(body) + 1] not in _QUOTES
    head = body[:-1]
    if head[-1:] in ("!", "?"):
        return True
    word = head[max(head.rfind(" "), head.rfind("\t")) + 1:].lstrip(_OPENERS).lower()
    if word in _ABBREV or (len(word) == 1 and word.isalpha()):
        return False
    # "U.S.", "p.m.", "Ph.D.": letters and dots (not "7.5." nor "lenta.ru.")
    return not ("." in word and all(len(part) <= 2 and part.isalpha() for part in word.split(".")))


def _line_prose(doc: Document, line: int) -> str:
    s, e = doc.line_span(line)
    return doc.prose[s:e]


_LIST_REACH = 40


def _in_list(doc: Document, line: int) -> bool:
    """Is *line* part of a list item that starts above it (an indented or lazy
    continuation line)?  The lines above, up to a blank line, are read as written
    (Markdown's list markers are blanked out of the prose); at most _LIST_REACH of them,
    so that a long indented text costs no walk to its top per line."""
    j = line - 1
    while j >= max(1, line - _LIST_REACH):
        s, e = doc.line_span(j)
        text = doc.text[s:e]
        if not text.strip():
            return False
        if _LIST_ITEM.match(text):
            return True
        if text[:1] not in (" ", "\t"):
            return False
        j -= 1
    return False


_LOWER_START = re.compile(r"[ \t]*[a-z]")


def hard_wrapped(doc: Document) -> bool:
    """Is the text hard-wrapped (its sentences run on over line breaks)?  Yes when, of the
    lines followed by another line of the same paragraph, at least 3 and a quarter run a
    sentence on (the line ends none and the next opens in lower case), or at least 3 and
    half end no sentence.  Text with one sentence or paragraph per line has few such lines,
    even from a poor MT system (a cut line follows a finished sentence).  Kept in the
    article's memo."""
    got = doc.memo.get("linestart.wrapped")
    if got is None:
        prose = doc.prose
        pairs = cont = open_ = 0
        prev = ""
        for _line, s, e in doc.lines():
            cur = prose[s:e]
            if cur.strip() and prev.strip():
                pairs += 1
                if not ends_sentence(prev):
                    open_ += 1
                    cont += _LOWER_START.match(cur) is not None
            prev = cur
        got = doc.memo["linestart.wrapped"] = (cont >= 3 and 4 * cont >= pairs) or (open_ >= 3 and 2 * open_ >= pairs)
    return got


def _is_title(doc: Document, line: int) -> bool:
    """Is *line* a title that stands on its own (a new paragraph follows it)?  A line in
    capitals; in text that is not hard-wrapped, also one in headline case (a wrapped line
    of prose can be a run of capitalised names: "... Dmitry Petelin and Anna Kikina")."""
    if line not in doc.headline_lines:
        return False
    text = _line_prose(doc, line)
    if text.upper() != text and hard_wrapped(doc):
        return False
    if line == 1:
        return True
    above = _line_prose(doc, line - 1)
    return not above.strip() or ends_sentence(above) or line - 1 in doc.headline_lines


def _starts_paragraph(doc: Document, line: int) -> bool:
    """Must a sentence begin at *line*, judged by the line above it?  After a blank line
    or a title; after a line that ends a sentence, unless the text is hard-wrapped (there a
    line ends at a full stop by chance, and the next may go on after "Ed.)" or "ERVE3S!")."""
    if line <= 1:
        return True
    prev = _line_prose(doc, line - 1)
    if not prev.strip():
        return True
    if ends_sentence(prev):
        return not hard_wrapped(doc)
    return _is_title(doc, line - 1)


def begins_sentence(doc: Document, start: int) -> bool:
    """Is *start*, the first character of its line's prose, where a sentence must begin?

    No when the line continues a sentence (the line above does not end one), continues
    a list item, or is not plain prose (a Markdown list item, heading, quotation or
    indented code block; an HTML list item or table cell)."""
    line = doc.position(start)[0]
    ls = doc.line_starts[line - 1]
    if doc.fmt != "text":
        lead = doc.text[ls:start]
        if lead != doc.prose[ls:start]:   # markup before the first letter
            if doc.fmt == "markdown" or _HTML_ITEM.search(lead):
                return False
        if doc.fmt == "markdown" and (lead.startswith("\t") or lead.startswith("    ")):
            return False
    if _in_list(doc, line):
        return False
    return _starts_paragraph(doc, line)


# A word with a capital or a digit after its first letter: iPhone, eBay, mRNA, al-Assad
_INNER_CAP = re.compile(r".[\w'’.-]*[A-Z0-9]")
# A dot between letters: an abbreviation or a site's name ("e.g.", "a.m.", "lenta.ru")
_INNER_DOT = re.compile(r"\w\.\w")
_LABEL = re.compile(r"[a-z]|[ivx]{1,4}")   # "a." / "iv." opening a list item
_NEXT_WORDS = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")


def is_name_start(doc: Document, word: str, end: int, particles: frozenset[str], ctx: Any) -> bool:
    """May *word* (ending at offset *end*) open a sentence in lower case?  A name or
    brand spelt so (iPhone, eBay, al-Assad; a lower-case-initial name of the gazetteer
    that is not an ordinary English word), a name particle before a capitalised name
    ("de Gaulle", "von der Leyen", "bin Salman"), an abbreviation or a site's name
    ("e.g.", "lenta.ru"), or a list label ("a)", "iv.")."""
    if _INNER_CAP.match(word) or _INNER_DOT.search(word):
        return True
    prose = doc.prose
    bare = word.rstrip(".'’-")
    if prose[end:end + 1] == ")" or (word.endswith(".") and _LABEL.fullmatch(bare)):
        return True   # "a) ...", "iv. ..."
    if bare in particles:
        pos = end
        while True:
            m = _NEXT_WORDS.match(prose, pos)
            if m is None:
                break
            nxt = m.group(1)
            if nxt[:1].isupper():
                return True
            if nxt not in particles:
                break
            pos = m.end()
    if ctx is not None and bare in ctx.gazetteer.name_words:
        from ..lexicon import zipf
        if zipf(bare) < 4.0:   # not "the", "and", "of" of multi-word names
            return True
    return False
