"""Shortcuts of the single-pass speed work give the answers of what they replace.

Each test computes the plain definition next to the shortcut and compares.
"""

from __future__ import annotations

import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.document import Document

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@given(st.text(alphabet=string.printable + "AZaz'-", max_size=80))
@settings(max_examples=400, deadline=None)
def test_ascii_token_split_equals_the_unicode_definition(text):
    """Pure-ASCII prose is split with [A-Za-z] instead of [^\\W\\d_]: same tokens,
    digits and underscores included as separators."""
    doc = Document.from_text(text)
    want = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(doc.prose)
            if not any(p.start < m.end() and m.start() < p.end for p in doc.protected)]
    assert list(zip(doc.token_starts, doc.token_ends, doc.token_words)) == want
