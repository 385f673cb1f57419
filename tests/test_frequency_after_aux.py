"""MT706 after a perfect auxiliary: "the court has three times rejected the appeal" is
native English (the adverbial in mid position, after the auxiliary); only the bare finite
verb ("the board four times raised the fee") follows Russian order.  None of the 5
WMT 2023 MT-output hits has an auxiliary before the number."""

from __future__ import annotations

import pytest

from conftest import rule_findings


def found(text: str) -> list[str]:
    return [text[f.start:f.end] for f in rule_findings("MT706", text)]


@pytest.mark.parametrize("text", [
    "The court has three times rejected the appeal.\n",
    "Regulators have several times fined the bank.\n",
    "By then the council had four times raised the fee.\n",
])
def test_frequency_after_a_perfect_auxiliary_is_english(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text,span", [
    ("In 2019 the board four times raised the fee.\n", "four times raised"),
    ("The organization several times ignored the instructions of the inspectorate.\n",
     "several times ignored"),
])
def test_bare_finite_verb_after_the_frequency_is_still_reported(text: str, span: str) -> None:
    assert found(text) == [span]
