"""MT704 and demonstrative "that": in "she said that meant the deal was dead" the word
"that" is the subject of "meant", not a conjunction before a dropped subject.  Verbs
whose subject is usually a fact (meant, showed, proved...) are listed in the rule's
``demonstrative_verbs``; agent verbs ("noted that made a big step") are still reported."""

from __future__ import annotations

import pytest

from conftest import rule_findings


def found(text: str) -> list[str]:
    return [text[f.start:f.end] for f in rule_findings("MT704", text)]


@pytest.mark.parametrize("text", [
    "She said that meant the deal was dead.\n",
    "Officials said that showed the system worked.\n",
    "He noted that raised the question of funding.\n",
])
def test_demonstrative_that_before_a_fact_verb_is_not_reported(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text,span", [
    ("By the end both leaders noted that made a big step forward.\n", "that made"),
    ("The sides stressed that discussed the issues in detail.\n", "that discussed"),
])
def test_that_clause_without_a_subject_is_still_reported(text: str, span: str) -> None:
    assert found(text) == [span]
