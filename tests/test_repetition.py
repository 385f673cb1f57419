"""The repetition kind (MT714 repeated-phrase): a unit of two to four words said twice in
a row on one line, found over the document's token table instead of a back-reference
regex (which cost 0.3-0.5 ms an article on the bench corpus)."""

from __future__ import annotations

import pytest

from conftest import rule_findings


def found(text: str) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.replacements[0]) for f in rule_findings("MT714", text)]


@pytest.mark.parametrize("text, want", [
    ("He said that said that the talks were useful.", [("said that said that", "said that")]),
    ("It was caught on camera on camera.", [("on camera on camera", "on camera")]),
    ("A dispatcher of the production department of the production department left.",
     [("of the production department of the production department", "of the production department")]),
    ("Lithuania sent guns - Teller Report Teller Report", [("Teller Report Teller Report", "Teller Report")]),
])
def test_repeated_phrase_is_reported_with_one_copy_as_the_fix(text, want):
    assert found(text) == want


@pytest.mark.parametrize("text", [
    "They talked for hours and hours and hours.",       # a chain of three is English
    "The war went on and on and on.",
    "He rebuilt it step by step by step.",
    "He had had enough of the the talks.",              # one word: left to LanguageTool
    "The crowd laughed: ha ha ha ha.",                  # one word over and over
    "He said that\nsaid that the talks were useful.",    # two lines
    "He said that, said that again.",                   # punctuation between the copies
    "Read it at https://example.org/said/that/said/that today.",
    "Nothing repeats in this sentence at all.",
])
def test_not_a_repeated_phrase(text):
    assert found(text) == []


def test_two_repeats_in_one_article_and_no_overlap():
    text = "Police said that said that the road was closed. It was seen on camera on camera."
    assert [t for t, _ in found(text)] == ["said that said that", "on camera on camera"]


def test_bad_unit_lengths_fail_the_rule_file(tmp_path):
    from mtcheck.rules import RuleError, load_rules
    from mtcheck.checks import CheckContext, get_kind

    (tmp_path / "r.yml").write_text(
        "rules:\n  - code: XY901\n    name: rep\n    category: garbled\n    severity: info\n"
        "    kind: repetition\n    min_words: 4\n    max_words: 2\n    message: m\n    why: w\n"
        "    examples:\n      bad: ['one two one two']\n      good: ['one two']\n",
        encoding="utf-8")
    with pytest.raises(RuleError, match="min_words"):
        rule = next(r for r in load_rules(extra_dirs=(str(tmp_path),)).rules if r.code == "XY901")
        get_kind("repetition").prepare(rule, CheckContext())
