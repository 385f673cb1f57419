"""Sentence spans: the one-scan splitter (Document.sentences) agrees with splitting each
line on its own, which is the definition (the scan of a line cannot see past its end)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck import document as d
from mtcheck import textscan

_END_PER_LINE = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s+[\"“«(\[]?[A-Z0-9А-ЯЁ])")


def _per_line(doc: d.Document) -> list[tuple[int, int]]:
    out = []
    prose = doc.prose
    for _, ls, le in doc.lines():
        pos = le - len(prose[ls:le].lstrip())
        if pos >= le:
            continue
        for m in _END_PER_LINE.finditer(prose, pos, le):
            word = textscan.LAST_WORD.search(prose, pos, m.start())
            w = word.group(1).lower().rstrip(".") if word else ""
            if w in d._ABBREV or (len(w) == 1 and w.isalpha()):
                continue
            out.append((pos, m.end()))
            pos = le - len(prose[m.end():le].lstrip())
        end = pos + len(prose[pos:le].rstrip())
        if end > pos:
            out.append((pos, end))
    return out


def _spans(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in d.Document.from_text(text, "a.txt", "text").sentences]


def test_examples():
    text = ("MOSCOW, July 21. / TASS. Mr. Lavrov said so. It was “done.” Then\n"
            "a new line! Another? Yes… Fine.\r\n\r\n   Indented. U.S. talks. A. Smith came.\n\u2028x. Y\n")
    assert _spans(text) == _per_line(d.Document.from_text(text, "a.txt", "text"))
    assert (0, len("MOSCOW, July 21. / TASS.")) in _spans("MOSCOW, July 21. / TASS. Next one.")


_PIECES = ["Word", "word", " ", "  ", ".", "!", "?", "…", "”", "\"", "»", ")", "«", "(", "A", "7", "Я", "mr",
           "U.S", "\n", "\r\n", "\r", "\t", "\u2028", "\x0c", "\u00a0", "etc", "x"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_one_scan_equals_per_line(text):
    assert _spans(text) == _per_line(d.Document.from_text(text, "a.txt", "text"))
