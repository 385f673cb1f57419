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


def test_lexicon_memo_by_lookup_key_answers_like_a_fresh_lookup():
    """zipf() memoizes by the word and by its normalized key; the cached answer for any
    spelling equals a direct table lookup of the normalized word, whichever spelling
    came first.  (normalize is idempotent, which is what makes sharing sound.)"""
    from mtcheck import lexicon

    tab, scale = lexicon.table(), lexicon.scale()

    def direct(w):
        i = tab.index(lexicon.normalize(w))
        return tab.value(i) / scale if i >= 0 else 0.0

    words = ["Moscow", "moscow", "MOSCOW", "don’t", "don't", "DON’T", "İzmir", "izmir", "Straße",
             "STRASSE", "the", "The", "qwzxv", "Ministry", "ministry"]
    lexicon._MEMO.clear()
    for w in words + words[::-1]:
        assert lexicon.normalize(lexicon.normalize(w)) == lexicon.normalize(w)
        assert lexicon.zipf(w) == direct(w), w
