"""MT405 and inline enumerators: '1) Deviled, 2) Scotch' and 'a) the budget' close no
bracket, and native copy writes them (a Cleveland.com food column, 2014).  Each ')' was
reported as 'closing ')' with no opening '('' (five findings in one sentence)."""

from __future__ import annotations

import pytest

from conftest import rule_findings


def found(text: str) -> list[tuple[int, str]]:
    return [(f.start, f.message) for f in rule_findings("MT405", text)]


@pytest.mark.parametrize("text", [
    "Our favorite ways to eat eggs are: 1) Deviled, 2) Scotch, 3) Scrambled.\n",
    "The plan has two parts: a) the budget and b) the staff.\n",
    "The reasons:\n1) the weather\n2) the cost\n",
    "The stages were i) design; ii) testing; iii) launch.\n",
])
def test_enumerators_are_not_unopened_brackets(text: str) -> None:
    assert found(text) == []


def test_a_bracket_closed_after_a_number_still_pairs() -> None:
    assert found("The plan (see figure 1) was approved.\n") == []


@pytest.mark.parametrize("text,mark", [
    # a word, not a label, before the bracket: MT dropped the opening one
    ("The kids loved the natural slides for children)\n", ")"),
    # a label glued to the next word is no enumerator
    ("The score was 2)3 at half time.\n", ")"),
])
def test_unopened_bracket_after_a_word_is_still_reported(text: str, mark: str) -> None:
    assert found(text) == [(text.index(mark), "closing ')' with no opening '('")]


@pytest.mark.parametrize("text, want", [
    # a Russian-style smiley carried into a translated review: one slip, one finding
    ("The staff were great, we will come again)))\n", [(40, "closing ')))' with no opening '('")]),
    ("Thanks to the doctor)) And to the nurses)\n",
     [(20, "closing '))' with no opening '('"), (40, "closing ')' with no opening '('")]),
    # closers apart are separate slips
    ("It ended) and then) again.\n",
     [(8, "closing ')' with no opening '('"), (18, "closing ')' with no opening '('")]),
])
def test_a_run_of_lone_closing_brackets_is_one_finding(text, want):
    assert found(text) == want
