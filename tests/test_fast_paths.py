"""The fast paths give the answers of the plain definitions they replace.

Document views are built from parallel lists and C-level maps, pattern rules skip
articles that lack the literals a match needs, and checks visit only candidate tokens.
Each test states the plain definition and compares.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.api import Linter
from mtcheck.checks.prefilter import required_core, required_literals
from mtcheck.document import Document

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _plain_tokens(doc: Document) -> list[tuple[int, int]]:
    """Word tokens by definition: regex matches that overlap no protected span."""
    return [m.span() for m in _TOKEN.finditer(doc.prose)
            if not any(p.start < m.end() and m.start() < p.end for p in doc.protected)]


@pytest.mark.parametrize("text", [
    "See https://example.com/a-b and www.tass.ru today, or write to press@kremlin.ru.",
    "Follow @tass_agency and #Moscow2024 news; it's well-known (e.g. rock'n'roll).",
    "Ends with a link:http://x.org/y",
    "",
    "Только кириллица здесь, and English.",
])
def test_token_lists_match_the_definition(text):
    doc = Document.from_text(text)
    want = _plain_tokens(doc)
    assert [(t.start, t.end) for t in doc.tokens] == want
    assert list(zip(doc.token_starts, doc.token_ends)) == want
    assert doc.token_words == [text[s:e] for s, e in want]
    assert doc.token_lows == [text[s:e].lower() for s, e in want]


@given(st.text(alphabet="ab '-#@/.:w\n", max_size=60))
@settings(max_examples=300, deadline=None)
def test_token_lists_match_the_definition_on_random_text(text):
    doc = Document.from_text(text)
    assert list(zip(doc.token_starts, doc.token_ends)) == _plain_tokens(doc)


def test_lines_end_before_every_kind_of_line_break():
    doc = Document.from_text("one\r\ntwo\rthree\n\nfour\r\r\nfive")
    got = [(n, doc.text[s:e]) for n, s, e in doc.lines()]
    assert got == [(1, "one"), (2, "two"), (3, "three"), (4, ""), (5, "four"), (6, ""), (7, "five")]
    assert [doc.line_span(n) for n, _, _ in doc.lines()] == [(s, e) for _, s, e in doc.lines()]


def test_headline_lines():
    doc = Document.from_text("Russia And China Sign New Deal\n"
                             "RUSSIA AND CHINA SIGN A DEAL.\n"
                             "Russia and China signed a deal on Monday.\n"
                             "Moscow Says Talks Were Useful.\n")
    assert doc.headline_lines == frozenset({1, 2})


# -- literal pre-checks of pattern rules -------------------------------------------------

def test_required_literals_of_simple_patterns():
    assert set(required_literals(r"\bread (?:also|more)\b")) == {
        frozenset({"read also", "read more"}), frozenset({"read "}), frozenset({"also", "more"})}
    assert set(required_literals(r"\bread\s+(?:also|more)\b")) == {frozenset({"read"}), frozenset({"also", "more"})}
    assert required_literals(r"(?<=\S)[ ]{2,}(?=\S)") == [frozenset({"  "})]
    assert required_literals(r"Kremlin|EU", fold=False) == [frozenset({"Kremlin", "EU"})]
    assert required_literals(r"Kremlin|EU") == [frozenset({"kremlin", "eu"})]
    assert required_literals(r"(?<=[”»])said") == [frozenset({"said"}), frozenset({"”", "»"})]
    # consecutive pieces with few possible strings are multiplied out
    # (and each piece is a need of its own: a cheaper first test)
    assert set(required_literals(r"\b(?:said|noted) (?:in|at)\b")) == {
        frozenset({"said in", "said at", "noted in", "noted at"}), frozenset({"said", "noted"})}
    assert set(required_literals(r"colou?r")) == {frozenset({"color", "colour"}), frozenset({"colo"})}
    assert required_literals(r"x{2,}y") == [frozenset({"xx"})]


def test_needs_that_nearly_every_article_meets_are_not_kept():
    # "in"/"at" (as substrings, in almost every text), ", " and the commonest words
    # filter nothing: they would only fill the one-pass index with matches
    needs = required_literals(r"\b(?:in|at|with) (?:Moscow|Kyiv)\b", fold=False)
    assert frozenset({"in", "at", "with"}) not in needs and frozenset({"Moscow", "Kyiv"}) in needs
    assert frozenset({"in Moscow", "in Kyiv", "at Moscow", "at Kyiv", "with Moscow", "with Kyiv"}) in needs
    assert frozenset({", ", "the "}) not in required_literals(r"(?:, |the )said")
    # a letter before a space ("s " of "officials said") is in every article too; a dash
    # before one is not (it stays a need of the dash attribution)
    assert required_literals(r"s [a-z]+ed in", fold=False) == [frozenset({"ed in"})]
    assert required_literals(r"[-–] [a-z]+ed in", fold=False) == [frozenset({"ed in"}), frozenset({"- ", "– "})]
    # a branch takes each alternative's best need that is not one of them
    assert required_literals(r"(?<=[(\[])[ \t]+(?=\w)|[ \t]+(?=[)\]])", fold=False) == [
        frozenset({"(", "[", ")", "]"})]


def test_required_literals_claim_nothing_when_unsure():
    assert required_literals(r"said|\w+") == []            # one alternative needs no literal
    assert required_literals(r"said|\w+ed") == [frozenset({"said", "ed"})]
    assert required_literals(r"said|\w+d") == []             # "d" alone skips nothing: no need
    assert required_literals(r"(?:read )?more") == [frozenset({"more"})]   # implies the longer need
    assert required_literals(r"x?y*") == []
    assert required_literals(r"(unclosed") is None
    assert required_literals(r"[[:alpha:]]+:") is None       # POSIX class: read differently
    assert required_literals(r"(?:Kyiv){e<=1}") is None      # fuzzy matching
    assert required_literals(r"\p{Cyrillic}+") is None       # regex-only syntax


_PIECES = ["said", "Said", "SAID", " ", "  ", "in", "”", '"', ",", ".", "..", "UN", "under", "the",
           "Kremlin", "kremlin", "ß", "SS", "ſ", "-", "\n", "read also", "a", "colo", "u", "r", "noted",
           "at", "According", "according", "to the ", "results", "x", "y", "b", "cd", "e", "\t", "EU", "White House",
           "«", "Kim", "Jong", "-UN", "UN,", " of ", "of", "...", "…", "ABC", "Ab", "\u00a0"]
_PATTERNS = [r"\b(?:said|told) in\b", r"(?<=[”\"][ \t]*)said", r"\bUN\b|Kremlin", r"(?<=\S)[ ]{2,}(?=\S)",
             r"(?:^|(?<=[.!?]\s))In the \w+", r"read (?:also|more)", r"stra(?:ss|ß)e", r"[,;]\.|\.\.(?!\.)",
             r"colou?r", r"(?:said|noted) (?:in|at)\b", r"\b(?:[Aa]ccording|[Ff]ollowing) to the (?:results|x)",
             r"x{2,}y", r"a(?:b|cd)?e", r"[”\"][ \t]*[–—-][ \t]+(?:said|noted)", r"(?:the |a )?b{1,3}e",
             r"\b(?:Kremlin|UN|EU|White House)\b", r"(?:[”\"«]|EU|UN|Kremlin) (?:said|in)",
             r"(?<![\w-])[A-Z][a-z]+\s[A-Z][a-z]+-(?P<caps>[A-Z]{2,})(?![\w-])",
             r"\b[a-z]+ of (?:the |a )?[a-z]+ of [a-z]+\b",
             r"(?P<w>[^\W\d_]{2,})(?:\.\.\.|…)(?=[ \t]+[A-Z][A-Z-]{2,}(?:[ \t][A-Z]{2,})*,)",
             r"(?<=[.!?] )(?:In|At) [A-Z]\w+ (?:said|noted)",
             r"(?<=[(\[])[ \t]+(?=[^\s)\]])|(?<=[^\s(\[])[ \t]+(?=[)\]])", r"(?:in|at|the) (?:UN|Kim)"]


@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from(_PATTERNS), st.booleans())
@settings(max_examples=400, deadline=None)
def test_a_pattern_that_matches_passes_its_pre_check(pieces, pattern, ignorecase):
    """Soundness: whenever the regex matches a text, the literal pre-check lets it through."""
    from mtcheck.checks.phrases import _Pattern

    text = "".join(pieces)
    pat = _Pattern(pattern, ignorecase, rule=None)
    if pat.rx.search(text):
        assert pat.may_match(Document.from_text(text)), (pattern, text, pat.needs)


_CORE_PATTERNS = [r"\b(?:in|of|and)\s++(?=[A-Z])(?:USA|United\s+States|UN)(?=\s*[.,]|\s+[A-Z])",
                  r"(?<![\w-])[A-Z][a-z]+\s[A-Z][a-z]+-(?P<caps>[A-Z]{2,})(?![\w-])",
                  r"(?P<w>[^\W\d_]{2,})(?:\.\.\.|…)(?=[ \t]+[A-Z][A-Z-]{2,}(?:[ \t][A-Z]{2,})*,)",
                  r"(?:said|noted),?[\s,]+(?:in|at)\s+(?:Moscow|UN)\b", r"(?<=said)\s+(?=in\b)in\s+(?:Moscow|UN)"]
_CORE_PIECES = ["in", "of", "and", "USA", "United", "States", "UN", "Moscow", "said", "noted", "Kim", "Jong",
                "-UN", "Ab", "ABC", "...", "…", ",", ".", "”", '"', "-", "—", " ", "\t", "\n", "\u00a0",
                "\u2028", "\u3000", "\x1c", "\x85", "x"]


@given(st.lists(st.sampled_from(_CORE_PIECES), max_size=12), st.sampled_from(_CORE_PATTERNS))
@settings(max_examples=500, deadline=None)
def test_a_pattern_that_matches_holds_a_match_of_its_core(pieces, pattern):
    """Soundness of the core scan (a standard-library regex that may use \\s for regex's
    \\s, and may run on past a look-ahead): wherever the rule's regex matches, so does it."""
    core = required_core(pattern)
    assert core is not None, pattern
    text = "".join(pieces)
    if regex.search(pattern, text, regex.MULTILINE):
        assert re.search(core, text, re.MULTILINE), (pattern, core, text)


def test_shipped_pattern_rules_pass_their_own_bad_examples():
    linter = Linter()
    for rule in linter.ruleset.rules:
        if rule.kind not in ("existence", "substitution"):
            continue
        state = linter.prepare(rule)
        pats = state.patterns if rule.kind == "existence" else [item[0] for item in state]   # (pattern, right, wrong)
        for text in rule.examples.get("bad", []):
            doc = Document.from_text(text)
            for p in pats:
                if p.rx.search(doc.prose):
                    assert p.may_match(doc), (rule.code, p.pattern, text)


def test_patterns_compile_only_when_an_article_may_match():
    linter = Linter()
    rule = next(r for r in linter.ruleset.rules if r.code == "MT709")
    rule._state = None
    state = linter.prepare(rule)
    assert all(p._rx is None for p in state.patterns)
    linter.lint_document(Document.from_text("Nothing to see here.\n"), [rule])
    assert all(p._rx is None for p in state.patterns)
    found = linter.lint_document(Document.from_text('"We will go," he said in a statement.\n'), [rule])
    assert any(p._rx is not None for p in state.patterns)
    assert found == [] or all(f.rule == "MT709" for f in found)


# -- balance of quotes ---------------------------------------------------------------------

def test_quotation_continued_over_paragraphs_with_crlf():
    linter = Linter()
    rules = [r for r in linter.ruleset.rules if r.code == "MT405"]
    text = "“First paragraph of a long quote.\r\n“Second paragraph, closed.”\r\n"
    assert linter.lint_document(Document.from_text(text), rules) == []
    unclosed = "He said: “never closed.\r\n\r\nNext block.\r\n"
    found = linter.lint_document(Document.from_text(unclosed), rules)
    assert [(f.start, f.end) for f in found] == [(9, 10)]


def test_regex_module_agrees_on_literals_it_shares_with_re():
    """The pre-check reads patterns with the standard library; the rules run on ``regex``.
    For the plain syntax the pre-check accepts, both find the same matches."""
    for p in _PATTERNS:
        if "(?<=[”" in p or "(?<=[.!?]" in p:
            continue   # a variable-width look-behind: the standard library cannot run it
        for text in ["he said in Moscow", "”  said", "UN and the Kremlin", "In the end", "..,", "colour",
                     "xxxy", "noted at", "ae ace"]:
            assert [m.span() for m in re.finditer(p, text)] == [m.span() for m in regex.finditer(p, text)]


_PLAIN_OPENER = re.compile(r"(?:[\"“«(]|[:;–—]\s|\.\.\.\s|…\s)\s*([^\W\d_])")


@given(st.text(alphabet='ab A."“«(:;–—…\n\r', max_size=40))
@settings(max_examples=500, deadline=None)
def test_opener_letters_match_the_plain_pattern(text):
    from mtcheck.textscan import AFTER_OPENER as _AFTER_OPENER

    assert [m.start(1) for m in _AFTER_OPENER.finditer(text)] == \
        [m.start(1) for m in _PLAIN_OPENER.finditer(text)]


@given(st.text(alphabet="ab A. \n\r", max_size=40))
@settings(max_examples=300, deadline=None)
def test_lines_agree_with_line_span(text):
    doc = Document.from_text(text)
    assert [(s, e) for _, s, e in doc.lines()] == [doc.line_span(n) for n in range(1, doc.line_count + 1)]
    assert all(not doc.text[s:e].count("\n") and not doc.text[s:e].count("\r") for _, s, e in doc.lines())


def test_required_core_is_a_stretch_both_engines_read_alike():
    assert required_core(r"(?<![\w-])[A-Z][a-z]+\s[A-Z][a-z]+-(?P<caps>[A-Z]{2,})(?![\w-])") == \
        r"\-(?:(?:[A-Z]){2,})"
    # a lookahead's simple beginning may end the stretch; \w, \d, \S and "." never enter it
    assert required_core(r"\w{2,}(?:\.\.\.|…)(?=[ \t]+[A-Z]{2,}\S)") == r"(?:\.\.\.|…)(?:[\ \	]){1,}(?:[A-Z]){2,}"
    # ... or the stretch goes on past it: what follows matches where the lookahead did
    assert required_core(r"\b(?:in|of)\s+(?=[A-Z])(?:USA|Kremlin)\b") == r"(?:in|of)(?:\s){1,}(?:USA|Kremlin)"
    assert required_core(r"(?:in|of)[^\s]+(?=[A-Z])(?:USA|Kremlin)") is None   # a negated \s is not a superset
    assert required_core(r"(?:\w+)+ of \w+") is None          # only a plain string: the literal needs test it
    assert required_core(r"(?:a[b-d]+)+x") is None             # nested repeats: no stdlib scan without a timeout
    assert required_core(r"[[:alpha:]]+-[A-Z]{2}") is None     # read differently by the two engines


def test_stdlib_space_class_holds_every_regex_space():
    """A core may scan with the standard library's \\s where the pattern has regex's:
    that is a necessary condition only if every character regex calls a space, re
    does too (it adds U+001C-U+001F, which str.isspace() accepts).  Checked over all of
    Unicode, so that a change in either engine's tables is caught here."""
    chars = "".join(map(chr, range(0x110000)))
    regex_spaces = set(regex.findall(r"\s", chars))
    re_spaces = set(re.findall(r"\s", chars))
    assert regex_spaces and regex_spaces <= re_spaces


def _ignored_reference(prose: str, ignore: tuple[str, ...]) -> frozenset[int]:
    """MT405's ignored offsets by definition: every character of every occurrence."""
    return frozenset(i for seq in ignore if seq for at in range(len(prose))
                     if prose.startswith(seq, at) for i in range(at, at + len(seq)))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=":;=()-'[]\"a ", max_size=40),
       st.lists(st.text(alphabet=":;=()-'[]a", max_size=4), max_size=6))
def test_balance_ignored_offsets_are_every_occurrence(prose, ignore):
    """The scan per first character (punctuation._ignored) finds every occurrence of
    every sequence, overlapping ones and sequences that share a beginning included."""
    from mtcheck.checks.punctuation import _ignored, by_first_char
    assert _ignored(prose, by_first_char(tuple(ignore))) == _ignored_reference(prose, tuple(ignore))
