"""Russian and Ukrainian romanizations of one given name (rules/romanization.yml,
``given_name_pairs``): "Vladimir Zelensky" and "Volodymyr Zelensky" in one story are one
man written two ways (MT601), while "Vladimir Putin" and "Volodymyr Zelensky" are two men.
The names here are test text, not rule data: the table lists given names only.
"""

from __future__ import annotations

import pytest

from mtcheck.api import Linter
from mtcheck.config import Config
from mtcheck.names.keys import NameRules

LINTER = Linter(Config(select=("MT6",), languagetool="off"), {"languagetool": "off"})
RULES = NameRules.builtin()


def flagged(text: str) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.replacements[0]) for f in LINTER.lint_text(text) if f.rule == "MT601"]


@pytest.mark.parametrize("russian, ukrainian", [
    ("Vladimir", "Volodymyr"), ("Aleksandr", "Oleksandr"), ("Alexei", "Oleksiy"),
    ("Sergey", "Serhiy"), ("Dmitri", "Dmytro"), ("Nikolay", "Mykola"), ("Elena", "Olena"),
])
def test_pair_forms_share_a_given_name_key(russian, ukrainian):
    assert RULES.given_key(russian) == RULES.given_key(ukrainian)
    assert RULES.key(russian) != RULES.key(ukrainian)   # surnames and places are not paired


def test_one_person_with_both_romanizations_is_flagged():
    text = ("Mayor Oleksandr Kovalenko spoke on Monday. Aleksandr Kovalenko said the road "
            "would reopen. Kovalenko added nothing.")
    assert flagged(text) == [("Aleksandr", "Oleksandr")]


def test_gazetteer_person_takes_the_gazetteer_given_name():
    text = "President Vladimir Zelensky spoke on Monday. Volodymyr Zelensky said the talks would go on."
    assert flagged(text) == [("Vladimir", "Volodymyr")]


@pytest.mark.parametrize("text", [
    "Vladimir Putin met Volodymyr Zelensky on Monday. Putin and Zelensky spoke for an hour.",
    "Sergei Ivanchuk and Serhiy Tkachuk signed the deal.",
])
def test_pair_forms_before_different_surnames_are_two_people(text):
    assert flagged(text) == []


def test_pairs_are_data():
    rules = NameRules.from_data([{"fold": [["[jy]", "i"]], "given_name_pairs": [["Ivan", "Ioann"]]}])
    assert rules.given_key("Ioann") == rules.given_key("Ivan") == "ivan"
    assert NameRules.from_data([{"fold": [["[jy]", "i"]]}]).given_key("Ioann") == "ioann"


def test_precheck_lets_a_paired_given_name_through():
    """The cheap "no names written two ways" precheck must not skip a story whose only
    variant is a given-name pair: the two keys differ, so it needs the pair mark."""
    from mtcheck.document import Document
    from mtcheck.gazetteer import Gazetteer
    from mtcheck.names.precheck import may_have_groups
    from mtcheck.rules import load_rules

    doc = Document.from_text("Mayor Mykola Hrytsenko spoke. Nikolai Hrytsenko left.\n", "<t>", "text")
    assert may_have_groups(doc, Gazetteer.from_ruleset(load_rules()), RULES)
