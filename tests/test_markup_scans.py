"""comment_spans and block_spans find exactly what the regexes <!--.*?--> and
<(script|style|code|pre)\\b.*?</\\1\\s*> find (those regexes took quadratic time on
unclosed openers: '<!--' * 20000 took 9-16 s to read)."""

from __future__ import annotations

import random
import re

import pytest

from mtcheck.document import Document
from mtcheck.markup import block_spans, comment_spans

# the regexes the scans replaced: the reference they must agree with
_HTML_BLOCK = re.compile(r"<(script|style|code|pre)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

_PIECES = ["<!--", "-->", "<!-->", "--", ">", "<", "-", "text ", "\n", "<pre>", "</pre>", "</PRE >", "<Pre class='x'>",
           "<prefix>", "<script>", "</script>", "<style>", "</style >", "<code>", "</code>", "</cod>", " ", "a"]


@pytest.mark.parametrize("seed", range(300))
def test_the_linear_scans_find_what_the_regexes_find(seed):
    rnd = random.Random(seed)
    text = "".join(rnd.choice(_PIECES) for _ in range(rnd.randrange(1, 60)))
    assert list(comment_spans(text)) == [m.span() for m in _HTML_COMMENT.finditer(text)], text
    assert list(block_spans(text)) == [m.span() for m in _HTML_BLOCK.finditer(text)], text


def test_many_unclosed_openers_are_read_and_blank_nothing():
    """Unclosed openers are no comment or code element: they stay (as before) and the
    article after them is prose."""
    text = "<!--" * 20000 + "<pre>" * 20000 + "<p>Story.</p>"
    doc = Document.from_text(text, "a.html", "html")
    assert doc.prose.startswith("<!--<!--") and doc.prose.rstrip().endswith("Story.")
    assert list(comment_spans(text)) == [] and list(block_spans(text)) == []


def test_a_closed_comment_and_block_are_blanked():
    text = "<p>One.</p><!-- mtcheck note --><pre>code here</PRE><p>Two.</p>"
    prose = Document.from_text(text, "a.html", "html").prose
    assert "note" not in prose and "code here" not in prose
    assert "One." in prose and "Two." in prose
