"""Document's derived views: built once on first access, dropped by release(), rebuilt equal.

document.py has its own lock-free ``cached_property`` (the standard one takes a lock
around every first access on Python 3.11); these tests pin the behaviour callers rely on.
"""

from __future__ import annotations

import functools

from mtcheck.document import Document

TEXT = "The Kremlin said on Monday that talks in Moscow would go on.\nPeskov added: “We shall see.”\n"

VIEWS = ("_token_table", "token_set", "tokens", "sentence_bounds", "sentences", "initial_offsets",
         "headline_lines", "line_starts")


def test_views_are_computed_once_and_kept_on_the_instance():
    doc = Document.from_text(TEXT)
    for name in VIEWS:
        first = getattr(doc, name)
        assert name in doc.__dict__, name          # stored: later reads skip the descriptor
        assert getattr(doc, name) is first, name   # the very same object, not a recomputation


def test_release_drops_token_views_and_they_come_back_equal():
    doc = Document.from_text(TEXT)
    before = {name: getattr(doc, name) for name in VIEWS}
    doc.release()
    for name in ("_token_table", "token_set", "tokens", "sentence_bounds", "sentences", "initial_offsets",
                 "headline_lines"):
        assert name not in doc.__dict__, name
    assert doc.line_starts is before["line_starts"]   # reporters keep positions
    for name, value in before.items():
        assert getattr(doc, name) == value, name


def test_each_document_has_its_own_views():
    a, b = Document.from_text("One story here."), Document.from_text("Another story there.")
    assert a.token_words == ["One", "story", "here"]
    assert b.token_words == ["Another", "story", "there"]


def test_views_match_the_standard_cached_property():
    """The same values as functools.cached_property would give (a subclass that puts the
    standard descriptor back over each view)."""
    std = {name: functools.cached_property(Document.__dict__[name].func) for name in VIEWS}
    for name, prop in std.items():
        prop.__set_name__(None, name)
    Standard = type("Standard", (Document,), std)
    mine, theirs = Document.from_text(TEXT), Standard.from_text(TEXT)
    for name in VIEWS:
        assert getattr(mine, name) == getattr(theirs, name), name


def test_class_access_gives_the_descriptor_with_its_docstring():
    assert "Sentence spans" in (Document.sentences.__doc__ or "")
