"""MT712 (a line that starts cut off): a line opening in lower case or with ", ; :" is
flagged only where a sentence must begin.  The texts are written for these tests; the
shapes ("n the eve" for "On the eve", ", it is noted that" with its subject gone) are the
ones MT systems produce when they drop a segment's first characters."""

from __future__ import annotations

import textwrap

import pytest

from mtcheck.api import Linter
from mtcheck.checks.linestart import ends_sentence, hard_wrapped, is_name_start
from mtcheck.config import Config
from mtcheck.document import Document

_linter = Linter(Config())


def _found(text: str, path: str = "a.txt") -> list[str]:
    cfg = Config(select=("MT712",), languagetool="off")
    return [text[f.start:f.end] for f in _linter.lint_text(text, path=path, config=cfg)]


# -- one sentence (or paragraph) per line: what MT output looks like -------------------
@pytest.mark.parametrize("line,flagged", [
    ("n the eve of the talks, the ministers met in private.", "n"),
    ("he Kremlin said the talks would resume.", "he"),
    ("the ministers met in private, officials said.", "the"),
    (", it is noted that the ministers met in private.", ", it"),
    ("; however, the ministers met in private.", "; however"),
    (": The ministers met in private.", ": The"),
    ("as Putin said, the talks were useful.", "as"),
    ("de facto, the talks have stopped.", "de"),
])
def test_cut_line_after_a_sentence_is_flagged(line, flagged):
    text = f"The talks ended late on Friday.\n{line}\nThe delegations left on Saturday.\n"
    assert _found(text) == [flagged]


@pytest.mark.parametrize("before", [
    "",                                          # the first line of the text
    "The talks ended late on Friday.\n\n",       # after a blank line
    "Talks In Geneva End Without A Deal\n",      # after a headline
    "TALKS END WITHOUT A DEAL\n",                # after a headline in capitals
    "The talks ended late on Friday!\n",
    "“The talks are over.”\n",
])
def test_paragraph_starts(before):
    assert _found(f"{before}n the eve of the talks, the ministers met in private.\n") == ["n"]


@pytest.mark.parametrize("line", [
    "iPhone sales fell in Russia after the sanctions.",
    "eBay stopped selling to Russian buyers in March.",
    "mRNA vaccines were not approved in Russia.",
    "al-Assad met the Russian envoy on Monday.",
    "de Gaulle visited Moscow in 1944 and 1966.",
    "von der Leyen announced the tenth package.",
    "bin Salman received the Russian delegation.",
    "lenta.ru reported the figures first.",
    "e.g. the ministry of finance, the central bank.",
    "a) the ministry of finance;",
    "iv. the central bank.",
    "www.kremlin.ru published the decree.",
])
def test_lower_case_names_and_labels_are_not_cuts(line):
    assert _found(f"The talks ended late on Friday.\n{line}\n") == []


# -- lines that continue something -------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The talks went on until the\nearly hours of Saturday, the ministry said.\n",
    "He said he had moved to the U.S.\nin 1990, the year the Soviet Union collapsed.\n",
    "The meeting starts at 5 p.m.\nand will end by 9 p.m., the organisers said.\n",
    "“Why?”\nhe asked the reporters.\n",
    "“Go!”\nshe shouted at the crowd.\n",
    "He paused...\nand then went on with the speech.\n",
    "He paused…\nand then went on with the speech.\n",
    "The ministry listed three demands:\na ceasefire, talks and an exchange of prisoners.\n",
    "He named three countries,\nnamely Turkey, Iran and Qatar.\n",
])
def test_continuation_lines_are_not_flagged(text):
    assert _found(text) == []


PROSE = ("The Ministry of Foreign Affairs said on Monday that the talks with Turkey, Iran and Qatar "
         "would resume in Geneva next week. Dmitry Petelin and Anna Kikina greeted the cargo ship from "
         "on board the ISS. The program (State and Me - Ed.) launched in 2020, as well as a portal. "
         "He said the U.S. would not take part, and that the European Union had not been invited. "
         "The company ERVE3S! answered, nonplussed. Sergei Lavrov, Antony Blinken and Wang Yi met in "
         "New Delhi on the sidelines of the G20 meeting and talked for ten minutes.")


@pytest.mark.parametrize("width", [30, 40, 50, 60, 72, 80])
def test_hard_wrapped_prose_is_not_flagged(width):
    text = textwrap.fill(PROSE, width) + "\n\n" + textwrap.fill(PROSE, width) + "\n"
    assert _found(text) == []
    assert hard_wrapped(Document.from_text(text))


def test_hard_wrapped_paragraph_that_starts_cut_is_flagged():
    text = textwrap.fill(PROSE, 60) + "\n\n" + textwrap.fill("n the eve of the talks " + PROSE, 60) + "\n"
    assert _found(text) == ["n"]


def test_one_sentence_per_line_is_not_hard_wrapped():
    text = "\n".join(["Talks In Geneva", "The talks ended late on Friday.",
                      "n the eve of the talks, the ministers met.", "The delegations left on Saturday.",
                      "They will meet again in April."]) + "\n"
    assert not hard_wrapped(Document.from_text(text))


# -- lists, markup and code --------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "He listed three demands.\n- a ceasefire;\n- talks.\n  and the release of prisoners.\n",
    "He listed three demands.\n1. a ceasefire.\n2. talks.\n",
    "He listed three demands.\n* a ceasefire.\n  talks come second.\n",
    "He listed three demands:\n- A ceasefire.\nand the release of prisoners.\n",
])
def test_list_items_and_continuations_are_not_flagged(text):
    assert _found(text) == []
    assert _found(text, "a.md") == []


@pytest.mark.parametrize("text", [
    "The ministry published the data.\n\n```\nnames = load(path)\n```\n",
    "The ministry published the data.\n\n    names = load(path)\n",
    "The ministry published the data.\n\n> an old quotation.\n",
    "The ministry published the data.\n\n# a heading in lower case\n",
    "The ministry published the data.\n\n- a ceasefire\n- talks\n",
])
def test_markdown_code_lists_and_quotes_are_not_flagged(text):
    assert _found(text, "a.md") == []


def test_markdown_paragraph_that_starts_cut_is_flagged():
    assert _found("# Talks\n\nThe talks ended.\n\nn the eve of the talks, they met.\n", "a.md") == ["n"]


def test_html_paragraph_and_list_item():
    html = "<p>The talks ended.</p>\n<p>n the eve of the talks, they met.</p>\n"
    assert _found(html, "a.html") == ["n"]
    assert _found("<p>The talks ended.</p>\n<ul>\n<li>a ceasefire</li>\n</ul>\n", "a.html") == []


# -- the pieces ----------------------------------------------------------------------------
@pytest.mark.parametrize("line,ends", [
    ("The talks ended.", True), ("The talks ended!", True), ("Did they?", True),
    ("“The talks are over.”", True), ("(The talks ended.)", True),
    ("The talks ended", False), ("The talks ended,", False), ("They moved to the U.S.", False),
    ("At 5 p.m.", False), ("Mr.", False), ("J.", False), ("He paused...", False), ("He paused…", False),
    ("“Why?”", False), ("The talks ended:", False),
    ("Inflation rose to 7.5.", True), ("The figures were published by lenta.ru.", True),
    ("He holds a Ph.D.", False), ("(the U.S.)", False),
])
def test_ends_sentence(line, ends):
    assert ends_sentence(line) is ends


class _Gazetteer:
    name_words = frozenset({"hooks", "bell", "the", "Kremlin"})


class _Ctx:
    gazetteer = _Gazetteer()


@pytest.mark.parametrize("word,expected", [
    ("hooks", True),   # a lower-case name of the gazetteer that is not a common English word
    ("the", False),    # a word of multi-word names ("the Netherlands") that every text has
    ("putin", False),  # a lower-cased name is a casing error (MT201), not a name spelt so
])
def test_gazetteer_names_in_lower_case(word, expected):
    doc = Document.from_text(f"{word} wrote about it.\n")
    assert is_name_start(doc, word, len(word), frozenset(), _Ctx()) is expected
