"""The C text scanner (mtcheck/_textscan.c) gives exactly what its Python definition
(mtcheck/textscan.py) gives, and mtcheck picks the right one.

The C module is compiled at install time when a C compiler is there (hatch_build.py);
where one is, these tests insist that it was built and is the one in use, so that a
broken build cannot leave the suite testing only the Python scanner.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck import document, textscan
from mtcheck.document import Document

ROOT = Path(__file__).resolve().parent.parent

try:
    from mtcheck import _textscan as C
except ImportError:   # no compiler at install time: only the Python scanner exists
    C = None


def _compiler() -> str | None:
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    return shutil.which(cc)


needs_c = pytest.mark.skipif(C is None and _compiler() is None,
                             reason="no C compiler here, so the C scanner was not built")

# Every character class the scans tell apart: ASCII and other letters (Latin, Cyrillic,
# Greek, CJK), the token joiners, decimal digits (not letters) and other digits and
# numerals (letters to `[^\W\d_]`: "²", "Ⅻ"), a combining mark, "_", sentence ends and
# closers, openers, capitals that may open a sentence (Latin, Cyrillic, Ё), spaces that do
# and do not end a line (NBSP, U+2028, U+001C, vertical tab), the opener punctuation, and
# the junctions where a sentence may end (and lines of capitals for the headline test).
PIECES = ["a", "b", "Z", "é", "ß", "İ", "ж", "Д", "Ё", "ё", "Ω", "中", "-", "'", "’", "5", "٣", "²", "Ⅻ",
          "\u0301", "_", ".", "...", "!", "?", "…", '"', "”", "»", ")", "]", "“", "«", "(", "[", ":", ";",
          "–", "—", " ", "  ", "\t", "\n", "\r\n", "\r", "\u00a0", "\u2028", "\x1c", "\x0b",
          "Mr", "mr", "U.S", "etc", "A", "x", "7", "Q",
          # and the junctions that decide a sentence end or an opener, drawn whole
          ". ", "? ", "! ", "… ", ".” ", ".) ", ". «", ": ", " – ", "... ",
          "MOSCOW", "Talks", "ǅemal", "ДУМА", "ab’CD", "word",
          # what undecodable bytes become (lone surrogates), astral letters and emoji, NUL
          "\udcff", "\U0001d400", "\U0001f600", "\x00"]

texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def _real_texts() -> list[str]:
    """The articles and text samples of the repository, whole and paragraph by paragraph."""
    out = []
    for folder in ("seeds", "tests/data"):
        for p in sorted((ROOT / folder).rglob("*")):
            if p.is_file() and p.suffix in (".txt", ".md", ".html"):
                text = p.read_text(encoding="utf-8", errors="replace")
                out.append(text)
                out.extend(part for part in text.split("\n\n") if part.strip())
    return out


def _same_everywhere(text: str) -> None:
    doc = Document.from_text(text, "a.txt", "text")
    prose = doc.prose
    assert C.tokens(prose) == textscan.tokens(prose), text
    args = (prose, doc.line_starts, doc._line_ends, document._ABBREV)
    bounds = textscan.sentence_bounds(*args)
    assert C.sentence_bounds(*args) == bounds, text
    assert C.initial_offsets(prose, *bounds) == textscan.initial_offsets(prose, *bounds), text
    lines = (prose, doc.line_starts, doc._line_ends)
    assert C.headline_lines(*lines) == textscan.headline_lines(*lines), text
    _same_token_lists(*textscan.tokens(prose)[2:])


def _same_token_lists(words: list[str], lows: list[str]) -> None:
    """The capitalization helpers, on an article's tokens."""
    capital = textscan.upper_initials(words)
    assert C.upper_initials(words) == capital, words
    assert C.mixed_initials(lows, capital) == textscan.mixed_initials(lows, capital), words
    some, other = set(lows[::3]), frozenset(lows[1::4] + ["zzz"])
    assert C.indices_in(lows, some) == textscan.indices_in(lows, some), words
    assert C.indices_in(lows, some, other) == textscan.indices_in(lows, some, other), words
    for k in (1, 2, 3, 4):
        assert C.equal_at(words, k) == textscan.equal_at(words, k), (words, k)
        assert C.equal_at(lows, k) == textscan.equal_at(lows, k), (lows, k)


@needs_c
def test_the_c_scanner_is_built_and_in_use():
    assert C is not None, "a C compiler is here, but mtcheck._textscan was not built: reinstall (pip install -e .)"
    assert C.API == textscan.API
    if os.environ.get("MTCHECK_PURE_PYTHON", "") in ("", "0"):
        assert textscan.SCAN is C


@needs_c
@settings(max_examples=3000, deadline=None)
@given(texts)
def test_c_and_python_scans_agree_on_random_text(text):
    _same_everywhere(text)


@needs_c
def test_c_and_python_scans_agree_on_real_copy():
    real = _real_texts()
    assert len(real) > 20
    rnd = random.Random(7)
    for text in real:
        _same_everywhere(text)
        for _ in range(3):   # pieces cut anywhere: lines and tokens broken in the middle
            a, b = sorted(rnd.randrange(len(text) + 1) for _ in range(2))
            _same_everywhere(text[a:b])


@needs_c
def test_c_scan_examples_a_reader_can_check():
    prose = "Mr. Lavrov met U.S. envoys. “Talks,” he said: the state-of-the-art don’t-stop x--y ДипВедомства-2."
    starts, ends, words, lows = C.tokens(prose)
    assert words == ["Mr", "Lavrov", "met", "U", "S", "envoys", "Talks", "he", "said", "the",
                     "state-of-the-art", "don’t-stop", "x", "y", "ДипВедомства"]
    assert lows[-1] == "дипведомства" and lows[0] == "mr"
    assert [prose[s:e] for s, e in zip(starts, ends)] == words
    doc = Document.from_text(prose)
    s, e = C.sentence_bounds(prose, doc.line_starts, doc._line_ends, document._ABBREV)
    assert [prose[a:b] for a, b in zip(s, e)] == [
        "Mr. Lavrov met U.S. envoys.", "“Talks,” he said: the state-of-the-art don’t-stop x--y ДипВедомства-2."]
    firsts = C.initial_offsets(prose, s, e)
    assert sorted(prose[i:i + 4] for i in firsts) == ["Mr. ", "Talk", "the "]


@needs_c
@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["Moscow", "moscow", "MOSCOW", "ǅemal", "İzmir", "ßa", "Élan", "élan", "ωmega",
                                 "Ωmega", "中国", "Ⅻx", "x", "X"]), max_size=30))
def test_c_and_python_token_list_helpers_agree(words):
    _same_token_lists(words, [w.lower() for w in words])


@needs_c
def test_token_list_helper_examples():
    words = ["The", "Security", "Council", "and", "the", "security", "council", "ǅemal"]
    lows = [w.lower() for w in words]
    assert C.upper_initials(words) == [True, True, True, False, False, False, False, False]   # ǅ: title case
    assert C.mixed_initials(lows, C.upper_initials(words)) == {"the", "security", "council"}
    assert C.indices_in(lows, {"the"}) == [0, 4]
    assert C.indices_in(lows, {"the"}, frozenset({"the", "and"})) == [0, 0, 3, 4, 4]
    with pytest.raises(IndexError):
        C.upper_initials(["a", ""])
    said = ["he", "said", "that", "said", "that", "the", "the", "talks"]
    assert C.equal_at(said, 1) == [5]
    assert C.equal_at(said, 2) == [1, 2]
    assert C.equal_at(said, 9) == []
    for impl in (C, textscan):
        with pytest.raises(ValueError):
            impl.equal_at(said, 0)


@needs_c
def test_headline_examples():
    text = ("RUSSIA AND TURKEY SIGN A DEAL.\n"            # all caps sentence: a headline
            "Putin And Erdogan Meet In Sochi\n"            # title case, no full stop
            "Putin and Erdogan met in Sochi on Monday.\n"  # a sentence
            "The Talks Were Long.\n"                       # title case sentence: not one
            "ǅemal Bijedić Visits Mostar\n"                # a title-case letter (ǅ) is no capital
            "Ok\n"                                          # fewer than two long words
            "ПУТИН И ЭРДОГАН ВСТРЕТИЛИСЬ\n")                # Cyrillic capitals
    doc = Document.from_text(text)
    got = C.headline_lines(doc.prose, doc.line_starts, doc._line_ends)
    assert got == textscan.headline_lines(doc.prose, doc.line_starts, doc._line_ends)
    assert got == {1, 2, 5, 7}


@needs_c
def test_c_scan_refuses_wrong_arguments_with_type_errors():
    with pytest.raises(TypeError):
        C.tokens(b"bytes")
    with pytest.raises(TypeError):
        C.sentence_bounds("text", (0,), [4], frozenset())
    with pytest.raises(TypeError):
        C.sentence_bounds("text", [0], [4], ["mr"])
    with pytest.raises(TypeError):
        C.initial_offsets("text", [0], None)
    with pytest.raises(TypeError):
        C.upper_initials(("a",))
    with pytest.raises(TypeError):
        C.indices_in(["a"], ["a"])
    with pytest.raises(TypeError):
        C.mixed_initials(["a"], (True,))


# -- word-table search ------------------------------------------------------------------

_TABLE_ALPHABET = "abz'-\néöжя\U0001f600"


def _table(keys: list[str]):
    from mtcheck import wordtable
    blob = wordtable.dump_tables({"t": (keys, None, None)})
    return wordtable.loads(blob)["t"]


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.sets(st.text(alphabet=_TABLE_ALPHABET.replace("\n", ""), max_size=6), max_size=80),
       st.lists(st.text(alphabet=_TABLE_ALPHABET + "\udcff", max_size=7), max_size=40))
def test_c_and_python_table_search_agree(keys, probes):
    """sorted_index: the C bisection gives the rank WordTable's Python search (what runs
    without the C module) gives, for every key, absent words around them (prefixes,
    extensions, newlines) and lone surrogates (which neither can encode: both raise
    UnicodeEncodeError)."""
    from mtcheck import wordtable
    t = _table(sorted(keys))
    saved, wordtable._NATIVE_INDEX = wordtable._NATIVE_INDEX, None
    try:
        for p in sorted(keys) + probes + [k + "a" for k in keys] + [k[:-1] for k in keys] + ["", "\uffff"]:
            try:
                want = t.index(p)
            except UnicodeEncodeError:
                with pytest.raises(UnicodeEncodeError):
                    C.sorted_index(t._buf, t._off, p)
                continue
            assert C.sorted_index(t._buf, t._off, p) == want, p
            assert want == (sorted(keys, key=lambda k: k.encode()).index(p) if p in keys else -1)
    finally:
        wordtable._NATIVE_INDEX = saved


def _model(lp: dict[str, int], bow: dict[str, int], floor: int):
    """A character n-gram model (romanized._LM) over word tables built from dicts."""
    from mtcheck import romanized as rz, wordtable
    tabs = wordtable.loads(wordtable.dump_tables({
        "lp": (list(lp), list(lp.values()), "h"), "bow": (list(bow), list(bow.values()), "h")}))
    return rz._LM(rz._Memo(tabs["lp"], None), rz._Memo(tabs["bow"], 0), floor)


_GRAMS = "ab^$é中\U0001f600"


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(alphabet=_GRAMS, min_size=1, max_size=4), st.integers(-30000, 0), max_size=60),
       st.dictionaries(st.text(alphabet=_GRAMS, max_size=3), st.integers(-3000, 3000), max_size=30),
       st.integers(1, 4), st.lists(st.text(alphabet=_GRAMS, max_size=9), min_size=1, max_size=8))
def test_c_ngram_walk_matches_the_python_definition(lp, bow, order, texts):
    """ngram_logprob: the C back-off walk gives romanized._logprob_direct's integers on
    random models (n-grams of 1- to 4-byte UTF-8 characters, the empty context's
    back-off weight included) of every order up to 4, over texts shorter and longer than
    the order."""
    from mtcheck import romanized as rz
    lm = _model(lp, bow, -9999)
    lp_view, bow_view = lm.views
    for text in texts:
        assert C.ngram_logprob(lp_view, bow_view, lm.floor, order, text) == rz._logprob_direct(lm, order, text), text


@needs_c
def test_c_ngram_walk_examples_and_bad_arguments():
    """Worked examples (the longest n-gram found wins; each missed context adds its
    back-off weight; an unseen character costs the floor) and arguments it refuses."""
    lm = _model({"a": -10, "b": -20, "ab": -5, "xab": -1}, {"a": -2, "xa": -3, "": -7}, -100)
    lp, bow = lm.views
    assert C.ngram_logprob(lp, bow, -100, 2, "ab") == -5          # "b" after "a": the bigram
    assert C.ngram_logprob(lp, bow, -100, 3, "xab") == -1         # the trigram "xab"
    assert C.ngram_logprob(lp, bow, -100, 2, "bb") == -20         # "bb" missing, context "b" has no weight: "b"
    assert C.ngram_logprob(lp, bow, -100, 3, "aab") == -5         # "aab" missing, "aa" has no weight: "ab"
    assert C.ngram_logprob(lp, bow, -100, 3, "xaq") == -3 - 2 - 7 - 100   # nothing: every weight, then the floor
    assert C.ngram_logprob(lp, bow, -100, 2, "xab") == -10 - 5    # windows "xa" ("x" has no weight: "a"), "ab"
    assert C.ngram_logprob(lp, bow, -100, 3, "ab") == 0           # shorter than the order: no window
    with pytest.raises(TypeError):
        C.ngram_logprob(lp, bow, -100, 3)                         # too few arguments
    with pytest.raises(TypeError):
        C.ngram_logprob(lp, bow, -100, 3, b"ab")                  # the text is a str
    with pytest.raises(TypeError):
        C.ngram_logprob(lp[:2], bow, -100, 3, "ab")               # (buf, offsets, values)
    with pytest.raises(TypeError):
        C.ngram_logprob((lp[0], lp[1], bytes(lp[2])), bow, -100, 3, "ab")   # int16 values only
    with pytest.raises(ValueError):
        C.ngram_logprob(lp, bow, -100, 0, "ab")                   # an order of at least 1
    with pytest.raises(UnicodeEncodeError):
        C.ngram_logprob(lp, bow, -100, 3, "a\udcffb")             # a lone surrogate


@needs_c
def test_c_table_search_examples_and_bad_arguments():
    from array import array
    from mtcheck import wordtable
    t = _table(["zebra", "apple", "école", "mango"])      # stored in UTF-8 byte order
    assert [C.sorted_index(t._buf, t._off, w) for w in ("apple", "mango", "zebra", "école")] == [0, 1, 2, 3]
    assert [C.sorted_index(t._buf, t._off, w) for w in ("appl", "apples", "", "Apple", "z")] == [-1] * 5
    empty = _table([])
    assert C.sorted_index(empty._buf, empty._off, "a") == -1
    if textscan.SCAN is C:   # (not under MTCHECK_PURE_PYTHON=1)
        assert wordtable._NATIVE_INDEX is C.sorted_index   # what WordTable.index uses
    with pytest.raises(TypeError):
        C.sorted_index(t._buf, t._off, b"apple")               # a key is a str
    with pytest.raises(TypeError):
        C.sorted_index(t._buf, bytes(t._off), "apple")         # offsets of format 'I' only
    with pytest.raises(TypeError):
        C.sorted_index(t._buf, t._off)
    with pytest.raises(ValueError):                            # an offset past the buffer
        C.sorted_index(b"ab\n", array("I", [0, 3, 99]), "b")
    with pytest.raises(ValueError):                            # offsets out of order
        C.sorted_index(b"ab\ncd\n", array("I", [3, 0, 6]), "ab")


# -- literal search ------------------------------------------------------------------------

# Literals and texts from a small alphabet, so that literals share first code points,
# overlap, contain each other and occur often: every branch of the C search (one, two,
# three or more code points; a bucket of several; found again) is taken.  Code points of
# every string kind (1, 2 and 4 bytes) and lone surrogates are in it.
_LIT_ALPHABET = ["a", "b", " ", "ab", "ba", "é", "ж", "—", "\U0001f600", "\udcff", "\x00", "\n", "th", "the "]
_lits = st.lists(st.lists(st.sampled_from(_LIT_ALPHABET), max_size=4).map("".join), max_size=40)


@needs_c
@settings(max_examples=800, deadline=None)
@given(_lits, st.lists(st.sampled_from(_LIT_ALPHABET), max_size=40).map("".join))
def test_c_and_python_literal_search_agree(literals, text):
    """literals_in: the C search finds exactly the literals that occur in the text (the
    Python definition: ``s in text``), as the very objects given, the empty one always."""
    got = C.literals_in(C.literal_table(literals), text)
    assert got == textscan.literals_in(textscan.literal_table(literals), text)
    assert all(any(s is x for x in literals) for s in got)


@needs_c
def test_c_literal_search_on_real_copy():
    """The built-in rules' own literals over real copy, whole and cut anywhere."""
    from mtcheck.checks import literals as lit
    from mtcheck.rules import load_rules
    from mtcheck.checks import get_kind
    for rule in load_rules().rules:   # registers every pattern rule's literals
        if rule.kind in ("existence", "substitution"):
            get_kind(rule.kind).prepare(rule, None)
    rnd = random.Random(3)
    for index in (lit.PLAIN, lit.FOLDED):
        table = sorted(index.literals)
        assert len(table) > 50
        c_table = C.literal_table(table)
        for text in _real_texts():
            a, b = sorted(rnd.randrange(len(text) + 1) for _ in range(2))
            for t in (text, text.casefold(), text[a:b]):
                assert C.literals_in(c_table, t) == {s for s in table if s in t}


@needs_c
def test_c_literal_search_examples_and_bad_arguments():
    table = C.literal_table(["of the", "the", "he", '"', "Кремль", "😀", "", "zz"])
    assert C.literals_in(table, 'One of the "Кремль" 😀') == {"of the", "the", "he", '"', "Кремль", "😀", ""}
    assert C.literals_in(table, "") == {""}
    assert C.literals_in(table, "Th") == {""}                      # case matters
    assert C.literals_in(C.literal_table([]), "text") == frozenset()
    assert C.literals_in(C.literal_table(("ab", "b")), "xab") == {"ab", "b"}   # any sequence
    with pytest.raises(TypeError):
        C.literal_table(["a", b"b"])                               # literals are str
    with pytest.raises(TypeError):
        C.literal_table(5)
    with pytest.raises(TypeError):
        C.literals_in(table, b"of the")                            # a text is str
    with pytest.raises(ValueError):
        C.literals_in(("of the",), "of the")                       # a table from literal_table only


def test_python_scanner_when_asked_or_when_the_build_is_stale(monkeypatch):
    import types
    monkeypatch.setenv("MTCHECK_PURE_PYTHON", "1")
    assert textscan._choose() is textscan
    monkeypatch.delenv("MTCHECK_PURE_PYTHON")
    stale = types.ModuleType("mtcheck._textscan")
    stale.API = textscan.API + 1
    monkeypatch.setitem(sys.modules, "mtcheck._textscan", stale)
    monkeypatch.setattr(sys.modules["mtcheck"], "_textscan", stale, raising=False)
    assert textscan._choose() is textscan


def test_documents_give_the_same_views_with_either_scanner(monkeypatch):
    texts_ = _real_texts()[:40] + ["Hello, @user see https://x.com/a-b. Next one’s here!\nЯ тут. (Quote) ok"]
    with_default = []
    for text in texts_:
        d = Document.from_text(text, "a.md", "markdown")
        with_default.append((d.token_starts, d.token_ends, d.token_words, d.token_lows,
                             [(s.start, s.end) for s in d.sentences], d.initial_offsets))
    monkeypatch.setattr(textscan, "SCAN", textscan)
    for text, want in zip(texts_, with_default):
        d = Document.from_text(text, "a.md", "markdown")
        got = (d.token_starts, d.token_ends, d.token_words, d.token_lows,
               [(s.start, s.end) for s in d.sentences], d.initial_offsets)
        assert got == want


def test_lint_output_is_the_same_with_the_python_scanner(tmp_path):
    """End to end: the seeds and the test articles give the same JSON report either way."""
    inputs = [str(ROOT / "seeds"), str(ROOT / "tests" / "data" / "clean_en_sample.txt"),
              str(ROOT / "tests" / "data" / "score" / "wmt23_mt.txt")]
    cmd = [sys.executable, "-m", "mtcheck", "lint", "--format", "json", "--no-cache", "--jobs", "1",
           "--languagetool", "off", "--exit-zero", *inputs]
    runs = []
    for pure in ("0", "1"):
        env = {**os.environ, "MTCHECK_PURE_PYTHON": pure}
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
        assert out.returncode == 0, out.stderr
        runs.append(json.loads(out.stdout))
    assert runs[0] == runs[1]
    assert sum(len(f["findings"]) for f in runs[0]["files"]) > 20
