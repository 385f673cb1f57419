"""MT202 and a lower-case title after a name that modifies it: "the US secretary of
state, Antony Blinken" is Guardian and BBC house style (job titles in lower case), not
the Russian way of casing a name ("Secretary of state", "foreign Ministry")."""

from __future__ import annotations

import pytest

from conftest import rule_findings


def found(text: str) -> list[str]:
    return [text[f.start:f.end] for f in rule_findings("MT202", text)]


def test_lower_case_title_after_a_country_acronym_is_a_house_style() -> None:
    assert found("The US secretary of state, Antony Blinken, arrived in Kyiv.\n") == []


@pytest.mark.parametrize("text,span", [
    ("He met US Secretary of state Antony Blinken.\n", "US Secretary of state"),
    ("He met U.S. Secretary of state Michael Pompeo.\n", "U.S. Secretary of state"),
    ("In December the UN security Council adopted a resolution.\n", "UN security Council"),
])
def test_a_capitalized_title_with_a_lower_case_part_is_still_reported(text: str, span: str) -> None:
    assert found(text) == [span]
