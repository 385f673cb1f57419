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


def doubled(text: str) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.replacements[0]) for f in rule_findings("MT715", text)]


@pytest.mark.parametrize("text, want", [
    ("The minister said the the talks would go on.", [("the the", "the")]),
    ("The the minister arrived.", [("The the", "The")]),          # case aside, first copy kept
    ("He went to to Moscow and and Kyiv.", [("to to", "to"), ("and and", "and")]),
    ("Crowds filled the the\tsquare.", [("the the", "the")]),     # a tab is a blank too
])
def test_a_doubled_word_is_reported_with_one_copy_as_the_fix(text, want):
    assert doubled(text) == want


@pytest.mark.parametrize("text", [
    "He had had enough.",                 # the rule's allow list
    "From there there is a view of the bay.",
    "Bora Bora and Walla Walla.",          # two capitals: a name
    "The crowd chanted ha ha ha.",         # a chain of three
    "The oil of ylang ylang.",             # a rare reduplicated name (min_zipf)
    "The score was 10 10.",                # not letters
    "He said the.\nThe talks ended.",      # not on one line
    "See https://example.com/the the",     # the first copy is in a URL
])
def test_english_doubles_names_and_chains_are_not_reported(text):
    assert doubled(text) == []


def test_a_doubled_word_is_reported_once_with_languagetool_on():
    """MT715 replaces LanguageTool's ENGLISH_WORD_REPEAT_RULE (MT801 skips it), so a run
    with both reports "the the" once, and without LanguageTool it is still reported."""
    from lt_server import LTServer

    from mtcheck.api import Linter
    from mtcheck.config import Config
    text = "The minister said the the talks would go on.\n"
    with LTServer() as srv:
        lt_only = Linter(Config(select=("MT8",), languagetool=srv.url)).lint_text(text)
        both = Linter(Config(select=("MT8", "MT715"), languagetool=srv.url)).lint_text(text)
    assert lt_only == []
    assert [(f.rule, text[f.start:f.end]) for f in both] == [("MT715", "the the")]


def test_allow_and_min_zipf_are_rule_data(tmp_path):
    """A newsroom can extend the rule in YAML: its own allow list and frequency floor."""
    from mtcheck.api import Linter
    from mtcheck.config import Config
    (tmp_path / "house.yml").write_text(
        "rules:\n"
        "  - code: HS715\n    name: doubled-word-house\n    category: garbled\n    severity: warning\n"
        "    kind: repetition\n    min_words: 1\n    max_words: 1\n    allow: [the]\n    min_zipf: 0\n"
        "    message: \"'{text}': a word doubled\"\n"
        "    why: >\n      House rule: doubled words, except the ones the house allows; rare words too.\n"
        "    examples:\n      bad: [\"It smelled of ylang ylang.\"]\n      good: [\"the the\"]\n",
        encoding="utf-8")
    linter = Linter(Config(select=("HS715",), rule_dirs=(str(tmp_path),)))
    found = [(f.rule, f.start, f.end) for f in linter.lint_text("the the; ylang ylang")]
    assert found == [("HS715", 9, 20)]
