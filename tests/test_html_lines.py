"""HTML block tags end lines in the prose view, as they do on the page: an article
exported as one line of HTML ("<p>…</p><p>READ MORE: …</p>") is linted like the same
article with one paragraph per line (before, its line rules never fired)."""

from __future__ import annotations

import html

import pytest

from conftest import SEEDS
from mtcheck.api import Linter
from mtcheck.document import Document


def _findings(text: str) -> list:
    linter = Linter()
    doc = Document.from_text(text, "a.html", "html")
    return linter.lint_document(doc, linter.rules_for(linter.config, "a.html"))


def _paragraphs(path, sep: str) -> str:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return "<html><body>" + sep.join(f"<p>{html.escape(ln, quote=False)}</p>" for ln in lines) + "</body></html>"


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_one_line_html_is_linted_like_one_paragraph_per_line(seed):
    spread = _findings(_paragraphs(seed, "\n"))
    packed = _findings(_paragraphs(seed, ""))
    assert spread, "the seed has findings"
    assert sorted((f.rule, f.message) for f in packed) == sorted((f.rule, f.message) for f in spread)


def test_a_scraped_line_in_one_line_html_is_found_where_it_is():
    text = ("<html><body><h1>Talks</h1><p>The talks ended on Friday.</p>"
            "<p>READ MORE: Another story about something</p></body></html>")
    found = [f for f in _findings(text) if f.rule == "MT301"]
    assert len(found) == 1
    assert text[found[0].start:found[0].end] == "READ MORE: Another story about something"
    doc = Document.from_text(text, "a.html", "html")
    assert doc.position(found[0].start) == (1, text.index("READ") + 1)


def test_inline_tags_do_not_break_lines():
    """A link inside a sentence is not a line of its own: no scraped-line finding."""
    text = '<p>The ministry said so on Friday <a href="/x">read more: the statement</a> and left.</p>'
    assert not [f for f in _findings(text) if f.rule == "MT301"]
    prose = Document.from_text(text, "a.html", "html").prose
    line = next(ln for ln in prose.split("\n") if "read more" in ln)
    assert "The ministry said" in line and "and left." in line


def test_br_and_block_tags_put_line_breaks_in_the_prose_view_only():
    text = "<div>One.<br>Two.</div><p>Three.</p>"
    doc = Document.from_text(text, "a.html", "html")
    assert len(doc.prose) == len(text)
    assert [ln.strip() for ln in doc.prose.split("\n") if ln.strip()] == ["One.", "Two.", "Three."]
    assert doc.line_count == 1   # positions still count the file's own lines
