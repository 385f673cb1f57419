"""Garbled-syntax checks (MT7xx): the seed garbles are caught, ordinary English is not."""

from __future__ import annotations

import pytest

from mtcheck.api import Linter
from mtcheck.config import Config
from mtcheck import wordclass as wc

from conftest import SEEDS

_linter = Linter(Config(select=("garbled",)))


def garbled(text: str) -> list:
    return [f for f in _linter.lint_text(text) if f.category == "garbled"]


def flagged_texts(text: str) -> set[str]:
    return {text[f.start:f.end] for f in garbled(text)}


def test_seed_garbles_are_flagged():
    text = (SEEDS / "003_89b6859ef618faba.txt").read_text(encoding="utf-8")
    findings = garbled(text)
    # The garbled phrases quoted in issue 4: each counts if a finding lies inside it.
    quoted = ["the arrested in USA Russian women", "contacts between the two leaders was held",
              "both leaders noted that made a big step forward", "called farce of the situation",
              "according to the results of a closed-door meeting"]
    hit = []
    for phrase in quoted:
        at = text.index(phrase)
        if any(at <= f.start and f.end <= at + len(phrase) for f in findings):
            hit.append(phrase)
    assert hit == quoted


def test_seed_000_ordinary_sentences_not_garbled():
    text = (SEEDS / "000_38480385f09d1fd0.txt").read_text(encoding="utf-8")
    assert garbled(text) == []


@pytest.mark.parametrize("text,span", [
    ("The sanctions against the detained in Minsk were lifted.", "the detained"),
    ("Meetings of the working group was postponed.", "Meetings of the working group was"),
    ("The ministers stressed that reached an agreement.", "that reached"),
    ("He called tragedy of the century the decision.", "tragedy"),
    ("“The work continues,” – noted in the press service.", "– noted in"),
    ("Officials from United Arab Emirates were present.", "from United Arab Emirates"),
    ("Following to the results of the talks, a memorandum was signed.",
     "Following to the results of the talks"),
    ("They demanded Kyiv to stop the shelling.", "demanded Kyiv to stop"),
    ("The company five times changed its name.", "five times changed"),
    ("Arrived in the city late at night and found no hotel.", "Arrived"),
])
def test_patterns_on_fresh_sentences(text, span):
    assert span in flagged_texts(text), garbled(text)


@pytest.mark.parametrize("text", [
    "The injured were taken to hospital, and the dead were identified.",
    "Talks between the two leaders were held in Geneva.",
    "The number of refugees in the camps was rising.",
    "He said that mattered most, and she agreed that made sense.",
    "She was part of the delegation and became head of the mission.",
    "Investment in the development of the region tripled.",
    "According to the results of the census, the city grew.",
    "Prices rose three times faster than wages.",
    "The reforms demanded the right to vote for all citizens.",
    "EU leaders and UN officials met White House staff in the Netherlands.",
    "The series of talks was a success.",
    "Printed in the city printing house.",
    "Elected in 2019 on a reform ticket, she quickly lost support.",
    "“We will respond,” the ministry said in a statement.",
])
def test_ordinary_english_is_not_flagged(text):
    assert garbled(text) == []


def test_wordclass_readings():
    assert wc.is_participle_only("arrested") and wc.is_participle_only("taken")
    assert not wc.is_participle_only("injured")  # also an adjective
    assert wc.is_plural_noun("contacts") and not wc.is_plural_noun("news")
    assert not wc.is_plural_noun("series")
    assert wc.countable("tragedy") and not wc.countable("nonsense")


def test_unknown_detector_is_a_rule_error(tmp_path):
    from mtcheck.rules import RuleError, load_rules

    (tmp_path / "x.yml").write_text(
        "rules:\n  - code: XX701\n    name: bad-detector\n    category: garbled\n    severity: info\n"
        "    kind: syntax\n    detector: no-such\n    message: m\n    why: w\n"
        "    examples: {bad: [a], good: [b]}\n", encoding="utf-8")
    ruleset = load_rules((str(tmp_path),))
    rule = next(r for r in ruleset.rules if r.code == "XX701")
    from mtcheck.checks import CheckContext, get_kind
    with pytest.raises(RuleError, match="unknown detector"):
        get_kind("syntax").prepare(rule, CheckContext(ruleset=ruleset))
