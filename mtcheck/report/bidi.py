"""Bidirectional control characters, made visible and inert in the HTML report.

Why: U+202E (RIGHT-TO-LEFT OVERRIDE) and its kin reorder the text that follows them
when a browser lays it out ("Trojan source"): an article, a file name or a message that
quotes one can make the report show words in another order than the file holds, and
hide what a finding is about.  The editor should see that such a character is there.

In text content each control becomes ``<span class="bidi" data-cp="U+202E" title=...>``
holding the character itself in a ``hidden`` span: a hidden element is not laid out, so
the character cannot reorder anything, while the page's text content (what the report's
offsets and tests read, and what copy-and-paste of the whole text gives) is still the
article's text, character for character.  The stylesheet shows ``⟨U+202E⟩`` in its place.
In attributes (tooltips, titles), where no element can stand, the character is replaced
by the same ``⟨U+202E⟩`` text.
"""

from __future__ import annotations

import re
import unicodedata

#: The marks (LRM, RLM and ALM, the Arabic letter mark: as invisible, and as able to move
#: digits and punctuation, as RLM), the embeddings and overrides (LRE RLE PDF LRO RLO),
#: the isolates (LRI RLI FSI PDI)
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")

CSS = (".bidi::before{content:\"\\27E8\" attr(data-cp) \"\\27E9\";font:600 .75em/1 ui-monospace,Menlo,Consolas,"
       "monospace;color:#8a1c1c;background:#fde7e7;border:1px solid #c62828;border-radius:3px;padding:0 .15em;"
       "unicode-bidi:isolate;direction:ltr}")


def _label(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _element(m: re.Match[str]) -> str:
    ch = m.group(0)
    cp = _label(ch)
    name = unicodedata.name(ch, cp).lower()
    return (f'<span class="bidi" data-cp="{cp}" title="{cp} {name}: a bidirectional control character, '
            f'shown here instead of reordering the text"><span hidden>&#x{ord(ch):X};</span></span>')


def mark_bidi(escaped: str) -> str:
    """*escaped* (HTML-escaped text content) with each bidi control wrapped as above.
    Text without one (nearly all: the test is one regex scan, after a cheaper ASCII
    test) is returned as it is."""
    if escaped.isascii() or not _BIDI.search(escaped):
        return escaped
    return _BIDI.sub(_element, escaped)


def plain_bidi(text: str) -> str:
    """*text* with each bidi control replaced by "⟨U+202E⟩", for attribute values and
    other places where no element can stand."""
    if text.isascii() or not _BIDI.search(text):
        return text
    return _BIDI.sub(lambda m: f"\u27e8{_label(m.group(0))}\u27e9", text)
