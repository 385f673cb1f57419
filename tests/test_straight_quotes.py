"""MT405 with straight quotes across lines: a quotation MT left open is no longer paired
with the next quote of the story, lines later (which hid the error, or reported it at an
innocent quote); the shape of a straight mark (' "Word' opens, 'word." ' closes) tells."""

from __future__ import annotations

import pytest

from conftest import rule_findings


def found(text: str) -> list[tuple[int, str]]:
    return [(f.start, f.message) for f in rule_findings("MT405", text)]


def test_two_quotes_left_open_are_both_reported():
    # an even number of marks: counting them paired the two opening marks, and said nothing
    text = 'The mayor said: "We will rebuild the bridge.\nThe governor replied: "We will pay for it.\nWork starts in May.\n'
    assert found(text) == [(text.index('"We will r'), 'this " quotation is never closed'),
                           (text.index('"We will p'), 'this " quotation is never closed')]


def test_open_quote_is_reported_where_it_opens_not_at_a_later_title():
    text = 'The mayor said: "We will rebuild the bridge.\nThe plan, called "New Crossing", was approved.\n'
    assert found(text) == [(text.index('"We'), 'this " quotation is never closed')]


def test_closing_mark_whose_opening_was_dropped():
    text = 'The causes are being investigated."\nThe agency added: "The crew is safe."\n'
    assert found(text) == [(text.index('"'), 'closing " with no opening "')]


@pytest.mark.parametrize("text", [
    # a quotation of several sentences, one per line, closed on the last
    '"We will rebuild the bridge.\nWe will pay for it," the mayor said.\n',
    # a quoted name inside it: its close is followed by the close of the outer quotation
    '"Many complaints are justified.\nWe are fixing the "Safe Street" cameras," the mayor said.\n',
    # the news convention: each paragraph re-opens the quotation, the last one closes it
    '"We will rebuild the bridge.\n"We will pay for it," the mayor said.\n',
    # quotes that open and close on their lines
    'He called it "a farce".\nShe said "no" twice.\n',
])
def test_balanced_quotations_are_not_reported(text):
    assert found(text) == []
