"""Casing rules in context: surnames that are also English words (MT201), phrases
compared whole (MT205), institution names cased the Russian way (MT202).

Each case is a short story, linted as one article with only the rule under test."""

from __future__ import annotations

import pytest

from mtcheck.api import Linter
from mtcheck.config import Config
from mtcheck.fix import apply_fixes

_linter = Linter(Config())


def _found(code: str, text: str) -> list[str]:
    return [text[f.start:f.end] for f in _linter.lint_text(text, config=Config(select=(code,)))
            if f.rule == code]


# --- MT201: a lower-case surname that is also a common word --------------------------
@pytest.mark.parametrize("text", [
    "Prime Minister Theresa May said the party may lose seats.",
    "Theresa May spoke. The prime minister may not attend the summit.",
    "Theresa May spoke. The party may have lost its majority.",
    "CIA Director William Burns said a guard was treated for burns.",
    "Vice President Mike Pence paid 90 pence for a coffee.",
    "Gordon Brown ate brown bread at the meeting.",
    "Elon Musk smelled of musk, a witness said.",
    "Donald Trump said he would not play his trump card yet.",
    "Donald Trump arrived. Putin met with the trump administration.",
])
def test_common_word_surname_used_as_the_word_is_not_flagged(text):
    assert _found("MT201", text) == []


@pytest.mark.parametrize("text, flagged", [
    ("Donald Trump won. President trump said he would stay.", ["trump"]),
    ("Donald Trump arrived. It was the first summit since trump took office.", ["trump"]),
    ("Donald Trump landed. As trump arrived, the crowd cheered.", ["trump"]),
    ("Theresa May spoke. Later may said she would resign.", ["may"]),
    ("William Burns spoke. Director burns said the talks went well.", ["burns"]),
    ("The talks of Vladimir Putin and Donald trump ended.", ["Donald trump"]),
    ("Reporters asked theresa may about the vote.", ["theresa may"]),
    # not a common word: flagged wherever it stands
    ("He met lavrov on Monday.", ["lavrov"]),
])
def test_surname_in_name_context_is_flagged(text, flagged):
    assert _found("MT201", text) == flagged


def test_unsafe_fixes_leave_the_common_word_alone():
    """The reported damage: --unsafe-fixes rewrote "the party may lose" to "May"."""
    text = ("Prime Minister Theresa May said the party may lose seats. "
            "Later may said she would stay.\n")
    findings = _linter.lint_text(text, config=Config(select=("MT201",)))
    fixed, _ = apply_fixes(text, findings, unsafe=True)
    assert fixed == ("Prime Minister Theresa May said the party may lose seats. "
                     "Later May said she would stay.\n")


def test_surname_before_a_title_is_flagged():
    """The seed's Russian genitive word for word: 'the election trump President'."""
    text = "Donald Trump won. It was the first summit since the election trump President of the United States."
    assert _found("MT201", text) == ["trump"]


# --- MT202: a known institution with its generic noun in lower case ------------------
@pytest.mark.parametrize("text, flagged", [
    ("He appealed to the European court of Human Rights in Strasbourg.", ["European court of Human Rights"]),
    ("The law was struck down by the Constitutional court.", ["Constitutional court"]),
    ("The bill now goes to the Federation council.", ["Federation council"]),
    ("A case was opened by the Investigative committee of Russia.", ["Investigative committee of Russia"]),
    ("A US State department spokesman declined to comment.", ["US State department"]),
    ("The Central bank of Russia raised its key rate.", ["Central bank of Russia"]),
    ("The Russian Central bank raised its key rate.", ["Russian Central bank"]),
])
def test_institution_with_a_lower_case_noun_after_a_name_capital(text, flagged):
    assert _found("MT202", text) == flagged


@pytest.mark.parametrize("text", [
    "The Foreign and Defence ministries issued a joint statement.",
    "The central bank raised its key rate, and the constitutional court ruled.",
    "The Russian central bank raised its key rate.",
    "Constitutional court judges met on Tuesday.",      # a sentence start says nothing
    "The European commission said the talks would go on.",
    "Republican party leaders met in Florida.",
    "The Communist party of China met in Beijing.",
    "The Russian Orthodox church and the Black Sea fleet held a service.",
    "The chairman of the Joint Chiefs of Staff spoke.",
    "The supreme leader of Iran spoke.",
])
def test_house_styles_and_plurals_are_not_flagged(text):
    assert _found("MT202", text) == []


# --- MT205: whole phrases only -------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The Moscow City Court upheld the verdict. The Moscow city authorities said the decision was final.",
    "The European Commission proposed new rules. A European commission of inquiry was set up later.",
    "Florida Governor Ron DeSantis spoke. The incumbent Florida governor is popular.",
    "The Irkutsk Region is large. Irkutsk region officials agreed.",
    "The Head of Serpukhov Sergey Nikitenko spoke. The head of Serpukhov Sergey Nikitenko left.",
])
def test_part_of_a_longer_phrase_is_not_compared(text):
    assert _found("MT205", text) == []


@pytest.mark.parametrize("text, flagged", [
    ("The Security Council met on Monday. Later the security Council adopted the text.", ["security Council"]),
    ("The UN Security Council met. Later the UN security Council voted.", ["security Council"]),
    ("Donald Trump and the Security Council met. The security Council agreed.", ["security Council"]),
    ("The Moscow City Court upheld the verdict. Later the Moscow city Court said so.", ["Moscow city Court"]),
    ("The Irkutsk Region is large. The Irkutsk region needs roads.", ["Irkutsk region"]),
    # a name inside a longer one across "of" is still a whole phrase
    ("The Governor of the Irkutsk Region spoke. The Irkutsk region is large.", ["Irkutsk region"]),
    ("The Anadolu Agency reported it. The Anadolu agency notes that aid arrived.", ["Anadolu agency"]),
    ("The European Court of Human Rights ruled. The European court said nothing more.", ["European court"]),
])
def test_the_same_whole_phrase_cased_two_ways_is_flagged(text, flagged):
    assert _found("MT205", text) == flagged


def test_surname_inside_an_earlier_finding_is_skipped_for_every_repeat():
    """The lower-case surname of a full-name finding ("Donald trump") is not reported a
    second time, however often the name repeats; each repeat is one finding.  (The test
    for "inside an earlier finding" scanned every finding per word: quadratic, 17 s for
    10,000 repeats; now a bisection.)"""
    from mtcheck.api import Linter
    from mtcheck.config import Config
    text = "Donald trump said it. " * 3000 + "Later trump said more.\n"
    found = Linter(Config(select=("MT201",), languagetool="off")).lint_text(text)
    assert len(found) == 3001
    assert all(text[f.start:f.end] == "Donald trump" for f in found[:3000])
    assert text[found[-1].start:found[-1].end] == "trump"
