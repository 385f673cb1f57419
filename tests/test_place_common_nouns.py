"""MT203 and place names inside common nouns: "brussels sprouts", "lima beans" and "a
panama hat" are lower case in dictionaries and in native food and fashion copy; the rule
listed them as lower-cased place names (and its safe fix would have capitalized them)."""

from __future__ import annotations

import pytest

from conftest import rule_findings


def found(text: str) -> list[str]:
    return [text[f.start:f.end] for f in rule_findings("MT203", text)]


@pytest.mark.parametrize("text", [
    "He roasted brussels sprouts for dinner.\n",
    "Add the lima beans and stir.\n",
    "He wore a panama hat and a linen suit.\n",
    "The drawings were done in india\nink on paper.\n",   # the phrase may run over a line break
])
def test_place_name_inside_a_common_noun_is_not_reported(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text,word", [
    ("The ministers met in brussels on Monday.\n", "brussels"),
    ("The brussels summit ended late.\n", "brussels"),
    ("Flights to lima were cancelled.\n", "lima"),
])
def test_the_city_itself_is_still_reported(text: str, word: str) -> None:
    assert found(text) == [word]
