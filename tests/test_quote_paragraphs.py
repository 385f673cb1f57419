"""MT405 across blank lines: a quotation that runs over several paragraphs re-opens in
each one and closes only in the last.  Copy laid out with blank lines between paragraphs
(most pages, Markdown, the BBC's own text) was judged paragraph by paragraph, so every
paragraph but the last of such a quotation was reported as 'never closed'."""

from __future__ import annotations

import pytest

from conftest import rule_findings


def found(text: str) -> list[tuple[int, str]]:
    return [(f.start, f.message) for f in rule_findings("MT405", text)]


@pytest.mark.parametrize("op,cl", [('"', '"'), ("“", "”"), ("«", "»")])
def test_quotation_continued_into_next_paragraph_is_not_reported(op: str, cl: str) -> None:
    text = (f"The plan was welcomed.\n\n{op}We would like to see a plan. Then you know where you stand.\n\n"
            f"{op}Otherwise, people make agreements which fall apart,{cl} he said.\n")
    assert found(text) == []


def test_three_paragraph_quotation_is_not_reported() -> None:
    text = ('He said: "The first part.\n\n"The second part.\n\n'
            '"The last part," he added.\n')
    assert found(text) == []


def test_open_quote_before_a_paragraph_without_a_quote_is_still_reported() -> None:
    text = 'The mayor said: "We will rebuild the bridge.\n\nWork starts in May.\n'
    assert found(text) == [(text.index('"'), 'this " quotation is never closed')]


def test_closing_mark_without_opening_is_still_reported_before_a_quoted_paragraph() -> None:
    text = 'The causes are being investigated."\n\n"The crew is safe," the agency said.\n'
    assert found(text) == [(text.index('"'), 'closing " with no opening "')]


def test_only_the_outer_curly_quotation_runs_on() -> None:
    # the inner “ was never closed: the continuation explains the outer one only
    text = "He said: “We saw the “new plan.\n\n“It failed,” he added.\n"
    assert found(text) == [(text.index("“new"), "opening '“' is never closed")]
