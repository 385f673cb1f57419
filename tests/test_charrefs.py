"""Cyrillic written as HTML character references ("&#1063;", "&#x427;", "&CHcy;") is seen by
the script checks (MT101-MT103), and reported where the references are (charrefs.py)."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.api import Linter
from mtcheck.document import Document

READ_ALSO = "Читайте также"   # in rules/untranslated.yml: "Read also"


def dec(word: str) -> str:
    return "".join(f"&#{ord(c)};" for c in word)


def hexa(word: str) -> str:
    return "".join(f"&#x{ord(c):X};" for c in word)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def _found(linter: Linter, text: str, path: str = "story.html") -> list[tuple[str, tuple[int, int], str, str]]:
    doc = Document.from_text(text, path)
    return [(f.rule, doc.position(f.start), text[f.start:f.end], f.message)
            for f in linter.lint_text(text, path) if f.rule in ("MT101", "MT102", "MT103")]


@pytest.mark.parametrize("encode", [dec, hexa, lambda w: "".join(f"&#X{ord(c):x};" for c in w)])
def test_references_are_reported_where_they_are_written(linter, encode):
    refs = encode("Читайте") + " " + encode("также")
    text = f"<p>Officials said so.</p>\n<p>More: {refs}</p>\n"
    [(rule, pos, flagged, message)] = _found(linter, text)
    assert rule == "MT101" and flagged == refs and pos == (2, 10)
    assert "'Читайте также'" in message and "Read also" in message


def test_named_cyrillic_references_and_literal_letters_in_one_run(linter):
    text = "<p>Ready: &CHcy;&icy;&tcy;&acy;&jcy;&tcy;&iecy; также.</p>\n"
    [(rule, pos, flagged, message)] = _found(linter, text)
    assert rule == "MT101" and pos == (1, 11) and flagged == "&CHcy;&icy;&tcy;&acy;&jcy;&tcy;&iecy; также."
    assert "Read also" in message


def test_offsets_after_a_reference_run_stay_exact(linter):
    text = f"<p>{dec('Москва')} and then Киев, {hexa('Сочи')}.</p>\n<p>Last: Омск</p>\n"
    got = [(pos, flagged, message) for _, pos, flagged, message in _found(linter, text)]
    kiev = text.index("Киев")
    assert got == [((1, 4), dec("Москва"), "untranslated Cyrillic text 'Москва' in English copy"),
                   ((1, kiev + 1), f"Киев, {hexa('Сочи')}.", "untranslated Cyrillic text 'Киев, Сочи.' in English copy"),
                   ((2, 10), "Омск", "untranslated Cyrillic text 'Омск' in English copy")]


def test_a_homoglyph_written_as_a_reference(linter):
    text = f"<p>Talks in M{dec('о')}scow ended.</p>\n"
    [(rule, pos, flagged, message)] = _found(linter, text)
    assert rule == "MT103" and pos == (1, 13) and flagged == f"M{dec('о')}scow" and "'Moscow'" in message


def test_markdown_prose_but_not_markdown_code(linter):
    text = f"He said {dec('Читайте')}.\n\n`{dec('Читайте')}` is how the feed writes it.\n"
    assert [(pos, flagged) for _, pos, flagged, _ in _found(linter, text, "story.md")] == [((1, 9), dec("Читайте") + ".")]


def test_plain_text_and_other_references_are_left_alone(linter):
    assert _found(linter, f"He said {dec('Читайте')}.\n", "story.txt") == []   # shown as written
    text = "<p>Tom &amp; Jerry&#8217;s &nbsp;&#160;&mdash; &#65;BC, &#x3c;tag&#x3E;</p>\n"
    assert _found(linter, text) == []
    assert Document.from_text(text, "story.html").charrefs is None   # no letter outside ASCII
    assert Document.from_text("<p>No references.</p>", "story.html").charrefs is None


_PIECES = st.lists(st.one_of(st.sampled_from(["a", "b ", "\n", "<i>", "</i>", "&amp;", "&#160;", "Ж", " "]),
                             st.sampled_from("ЧиЖжaZ").map(lambda c: f"&#{ord(c)};"),
                             st.sampled_from("ЧиЖжaZ").map(lambda c: f"&#x{ord(c):x};"),
                             st.sampled_from(["&CHcy;", "&zhcy;", "&IOcy;"])), max_size=30)


@settings(max_examples=200, deadline=None)
@given(_PIECES)
def test_the_decoded_view_maps_back_to_every_reference(pieces):
    """Every decoded letter maps to its whole reference; every other character to itself."""
    text = "".join(pieces)
    doc = Document.from_text(text, "story.html")
    view = doc.charrefs
    if view is None:
        assert not any(p.startswith("&") and html.unescape(p).isalpha() and not html.unescape(p).isascii()
                       for p in pieces)
        return
    assert len(view.prose) == len(view.text)
    pos = 0
    i = 0
    for p in pieces:
        letter = html.unescape(p)
        if p.startswith("&") and len(letter) == 1 and letter.isalpha() and not letter.isascii():
            assert view.text[i] == letter and view.prose[i] == letter
            assert (view.original(i), view.original(i + 1)) == (pos, pos + len(p))
            i += 1
        else:
            for k, ch in enumerate(p):
                assert view.text[i] == ch and view.original(i) == pos + k
                i += 1
        pos += len(p)
    assert i == len(view.text) and view.original(i) == len(text)
