"""MT104: romanized Russian left in English copy, as the linter reports it."""

from __future__ import annotations

import pytest

from mtcheck.api import Linter
from mtcheck.config import Config

from conftest import SEEDS


def mt104(text: str, entities: tuple[str, ...] = ()) -> list[str]:
    linter = Linter(Config(select=("MT104",), entities=entities, languagetool="off"))
    return [text[f.start:f.end] for f in linter.lint_text(text) if f.rule == "MT104"]


def messages(text: str) -> list[str]:
    linter = Linter(Config(select=("MT104",), languagetool="off"))
    return [f.message for f in linter.lint_text(text) if f.rule == "MT104"]


def test_seed_leftover_is_flagged():
    text = (SEEDS / "003_89b6859ef618faba.txt").read_text(encoding="utf-8")
    assert mt104(text) == ["dipvedomstva"]


def test_seed_000_has_no_romanized_leftover():
    text = (SEEDS / "000_38480385f09d1fd0.txt").read_text(encoding="utf-8")
    assert mt104(text) == []


def test_message_gives_the_russian_word_when_known():
    assert messages("The decision was announced by the vedomstvo on Monday.") == [
        "'vedomstvo' looks like untranslated Russian (ведомство)"]


def test_message_without_back_transliteration_has_no_gloss():
    msgs = messages("The reply came from the dipvedomstvo yesterday.")
    assert msgs and "(" not in msgs[0]


@pytest.mark.parametrize("text", [
    "Her quixotic, sesquipedalian prose won the prize.",          # rare English words
    "The oblast governor met the siloviki and a babushka.",       # established loanwords
    "Sales at Pravitelstvo Holdings rose and pravitelstvo shares fell.",  # a name elsewhere
    "Soobshchilov arrived late.",                                  # capitalized, never lower-case: a name
    "See https://example.ru/pravitelstvo/soobshchili for details.",  # protected URL
    "Posts tagged #soobshchili spread fast.",                     # protected hashtag
    "PRAVITELSTVO SAID NOTHING.",                                 # all capitals
])
def test_not_flagged(text):
    assert mt104(text) == []


def test_gazetteer_names_are_never_flagged(tmp_path):
    gaz = tmp_path / "names.yml"
    gaz.write_text("kind: gazetteer\npeople:\n  - name: Igor Zayavlenie\n", encoding="utf-8")
    text = "The officials zayavlenie and soobshchili met."
    assert mt104(text) == ["zayavlenie", "soobshchili"]
    assert mt104(text, (str(gaz),)) == ["soobshchili"]


def test_capitalized_leftover_is_flagged_when_also_written_lower_case():
    text = "Soobshchili officials. Later they soobshchili again."
    assert mt104(text) == ["Soobshchili", "soobshchili"]


def test_hyphenated_compound_part_is_judged():
    assert mt104("The pro-pravitelstvo camp won.") == ["pravitelstvo"]


def test_verdicts_remembered_across_articles_keep_name_evidence_per_article():
    """The model's verdict on a word is memoized per process; whether the word is a name
    is not: each article's own capitals decide, in any order of articles."""
    linter = Linter(Config(select=("MT104",), languagetool="off"))

    def run(text: str) -> list[str]:
        return [text[f.start:f.end] for f in linter.lint_text(text) if f.rule == "MT104"]

    as_name = "Sales at Pravitelstvo Holdings rose."       # capitalized mid-sentence: a name
    as_leftover = "The pravitelstvo said it would act."     # lower case: a leftover
    capital_too = "Pravitelstvo again. The pravitelstvo said so."
    assert run(as_name) == []
    assert run(as_leftover) == ["pravitelstvo"]
    assert run(as_name) == []
    assert run(capital_too) == ["Pravitelstvo", "pravitelstvo"]
    assert run(as_leftover) == ["pravitelstvo"]
