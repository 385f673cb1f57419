"""Letters written as HTML character references, decoded for the script checks.

Why: a scraper or a CMS export may write Cyrillic as references ("&#1063;&#1080;",
"&#x427;", "&CHcy;").  A browser shows them as Cyrillic, so the untranslated text is
there for the reader, but the prose view blanks HTML references as markup (and in
Markdown they are ampersands and digits), so the script checks never saw it.

The view here is the prose (and the text) with each reference to a letter replaced by
that letter, plus the map back to the original offsets: a finding on the view reports
the reference run itself, so line:col and the JSON span point at the references.  It is
built only for Markdown/HTML that holds "&#" or a Cyrillic named reference ("...cy;"),
and only when a script check asks: other documents pay one substring test.
"""

from __future__ import annotations

import bisect
import html
import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .document import Document

# A numeric reference, or a named reference of a Cyrillic letter (HTML5: "&Acy;",
# "&iocy;", "&SHCHcy;", ...): other named references are left alone.
_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{1,6}cy);")


class DecodedView(NamedTuple):
    """The prose and text with letter references decoded, and where each decoded letter
    came from: ``at[k]`` its offset in the view, ``ends[k]`` the end of its reference in
    the original (the offsets of everything between are shifted, not changed)."""

    prose: str
    text: str
    at: list[int]
    ends: list[int]

    def original(self, offset: int) -> int:
        """The original offset of view offset *offset* (a start or an end: the letter
        of a reference starts at the reference's "&", and ends after its ";")."""
        k = bisect.bisect_left(self.at, offset) - 1   # the last letter before *offset*
        if k < 0:
            return offset
        return self.ends[k] + offset - self.at[k] - 1


def decoded_view(doc: "Document") -> DecodedView | None:
    """The view of *doc* with its letter references decoded; None when it has none (the
    checks then read ``doc.prose`` as before)."""
    text = doc.text
    if doc.fmt == "text" or ("&#" not in text and "cy;" not in text):
        return None
    if doc.fmt == "html":   # the references of the text content are the "entity" markup
        refs = [(s.start, s.end) for s in doc.markup if s.kind == "entity"]
    else:                   # Markdown keeps them in the prose (code is blanked there)
        refs = [m.span() for m in _REF.finditer(doc.prose)]
    prose_parts: list[str] = []
    text_parts: list[str] = []
    at: list[int] = []
    ends: list[int] = []
    pos = shift = 0
    for start, end in refs:
        ref = text[start:end]
        if not _REF.fullmatch(ref):
            continue
        letter = html.unescape(ref)
        if len(letter) != 1 or not letter.isalpha() or letter.isascii():
            continue   # "&#65;" is a Latin A: nothing for the script checks
        prose_parts.append(doc.prose[pos:start])
        text_parts.append(text[pos:start])
        prose_parts.append(letter)
        text_parts.append(letter)
        at.append(start - shift)
        ends.append(end)
        shift += end - start - 1
        pos = end
    if not at:
        return None
    prose_parts.append(doc.prose[pos:])
    text_parts.append(text[pos:])
    return DecodedView("".join(prose_parts), "".join(text_parts), at, ends)
