"""The per-article text scans behind Document's token and sentence views, and the
per-token list loops of the capitalization and repetition checks, in Python; ``SCAN``
is the implementation in use: the C module ``mtcheck._textscan`` when it is built, this
module otherwise.  (The C module also holds the word tables' key search, whose Python
version is WordTable's own: wordtable.py, and the romanized model's back-off walk,
whose Python version is romanized._logprob_direct.)

Why two: every article of a run needs its tokens, sentences and sentence starts, and
several checks then walk every token (initial capitals, words written both ways, the
tokens of a word set, a word equal to the one k places on).  In Python these were
regex passes and C-level maps with a list, an int or a string per token: ~20% of the
instructions a ``--jobs`` worker spends on the bench corpus.  The C module does the
same work one code point or one list item at a time and allocates only the results.
The functions here are the definition it must match (tests/test_textscan.py compares
both on random and real text), and what runs where no C compiler was found at install
time, or when ``MTCHECK_PURE_PYTHON=1`` asks for it.

(The literal search, ``literal_table``/``literals_in``, is the one exception: without
the C module checks/literals.py uses an Aho-Corasick automaton, and the Python version
here is the definition the tests compare the C search with.)
"""

from __future__ import annotations

import os
import re
import sys
from itertools import accumulate, compress, count
from operator import eq, itemgetter, not_
from typing import Any, Collection

#: The C module's API version this file expects (``TEXTSCAN_API`` in _textscan.c).
API = 7

#: A word token: letters (``[^\W\d_]``: alphanumeric, not a decimal digit, not "_"),
#: joined by single hyphens or apostrophes ("state-of-the-art", "don't", "O’Neil").
#: Possessive repeats (no backtracking state kept per letter and per hyphen part) and a
#: first letter on its own (the engine then skips gaps by a character-set test): the
#: same matches as the plain [^\W\d_]+(?:[-'’][^\W\d_]+)*, since nothing follows the
#: repeats (tests compare them).  The group's repetition is greedy, not possessive: the
#: re of some Python 3.11 releases gets a possessive group repetition wrong (on Debian's
#: 3.11.2, "a--b" gave the token "a-").
TOKEN = re.compile(r"[^\W\d_][^\W\d_]*+(?:[-'’][^\W\d_]++)*")
_TOKEN_SPLIT = re.compile(r"([^\W\d_][^\W\d_]*+(?:[-'’][^\W\d_]++)*)")
#: _TOKEN_SPLIT for pure-ASCII prose (most copy), where ``[^\W\d_]`` is exactly
#: ``[A-Za-z]``: the explicit class runs ~30% faster than the Unicode category test.
_TOKEN_SPLIT_ASCII = re.compile(r"([A-Za-z][A-Za-z]*+(?:['-][A-Za-z]++)*)")
#: A sentence end: terminal punctuation, closing quotes or brackets, then space and a
#: capital or digit on the same line (lines never hold \r or \n: the whole text can be
#: scanned at once with the same result as each line on its own).
SENT_END = re.compile(r"[.!?…]+[\"”’»)\]]*(?=[^\S\r\n]+[\"“«(\[]?[A-Z0-9А-ЯЁ])")
#: The word before a sentence end ("Mr", "U.S"): abbreviations end no sentence.
LAST_WORD = re.compile(r"([\w.]+)$")
# An opening quote or bracket, or a colon, dash or ellipsis and a space, then the letter.
# Written to begin with one character class (the regex engine then skips ahead to the
# candidates quickly); the look-behinds tell which opener it was.  Same letters as
# (?:["“«(]|[:;–—]\s|\.\.\.\s|…\s)\s*([^\W\d_])  (a test checks).
AFTER_OPENER = re.compile(r"[\"“«(:;–—….](?:(?<=[\"“«(])|(?<=[:;–—…])\s|(?<=\.\.\.)\s)\s*([^\W\d_])")
_LOWER4 = re.compile(r"[a-z]{4}")   # inside a word of 4+ letters that is not all caps


def tokens(prose: str) -> tuple[list[int], list[int], list[str], list[str]]:
    """Starts, ends, texts and lower-cased texts of every TOKEN in *prose*, as parallel
    lists.  split() with the token as a group alternates gap, word, gap ...: the running
    sum of the lengths gives every word's start and end (no match objects at all)."""
    parts = (_TOKEN_SPLIT_ASCII if prose.isascii() else _TOKEN_SPLIT).split(prose)
    words = parts[1::2]
    bounds = list(accumulate(map(len, parts)))
    return bounds[0:-1:2], bounds[1::2], words, list(map(str.lower, words))


def sentence_bounds(prose: str, line_starts: list[int], line_ends: list[int],
                    abbrev: Collection[str]) -> tuple[list[int], list[int]]:
    """Starts and ends of the sentences of *prose*, split at terminal punctuation
    followed by a space and a capital, and at line ends; never after an abbreviation in
    *abbrev* ("Mr.", "U.S.": compared lower-cased, without trailing dots) or an initial.
    Each sentence runs from its first to its last non-space character.

    The candidate ends of the whole text come from one scan (SENT_END: the space after
    an end never crosses a line break, as in a scan of each line alone); most lines
    have none and are one sentence."""
    starts: list[int] = []
    ends: list[int] = []
    found = [(m.start(), m.end()) for m in SENT_END.finditer(prose)]
    k, n_found = 0, len(found)
    for ls, le in zip(line_starts, line_ends):
        pos = le - len(prose[ls:le].lstrip())   # the first non-space character
        if pos >= le:
            continue
        while k < n_found and found[k][0] < le:
            m_start, m_end = found[k]
            k += 1
            word = LAST_WORD.search(prose, pos, m_start)
            w = word.group(1).lower().rstrip(".") if word else ""
            if w in abbrev or (len(w) == 1 and w.isalpha()):
                continue
            starts.append(pos)
            ends.append(m_end)
            pos = le - len(prose[m_end:le].lstrip())
        end = pos + len(prose[pos:le].rstrip())
        if end > pos:
            starts.append(pos)
            ends.append(end)
    return starts, ends


def initial_offsets(prose: str, sentence_starts: list[int], sentence_ends: list[int]) -> frozenset[int]:
    """Offsets of the tokens whose capital letter says nothing: the first token of each
    sentence, and the first letter after an opening quote, a colon or a dash."""
    out = set()
    for s, e in zip(sentence_starts, sentence_ends):
        m = TOKEN.search(prose, s, e)
        if m:
            out.add(m.start())
    out.update(m.start(1) for m in AFTER_OPENER.finditer(prose))
    return frozenset(out)


def headline_lines(prose: str, line_starts: list[int], line_ends: list[int]) -> frozenset[int]:
    """The 1-based numbers of the lines written in headline/title case or all caps
    (their capitals are style): of a line's tokens of four letters or more, at least
    three in four capitalized, or all in capitals; a line that ends with a full stop is
    a sentence, and counts only in all caps (one with a lower-case run of four letters
    is never looked at)."""
    out = set()
    for line, (s, e) in enumerate(zip(line_starts, line_ends), 1):
        seg = prose[s:e]
        sentence = seg.rstrip().endswith(".")
        if sentence and _LOWER4.search(seg):
            continue   # a sentence with a lower-case word: never all caps (the common case)
        words = [t for t in TOKEN.findall(prose, s, e) if len(t) > 3]
        if len(words) < 2:
            continue
        if sentence:
            if all(w.isupper() for w in words):   # a sentence: only all caps counts
                out.add(line)
            continue
        caps = sum(map(str.isupper, map(itemgetter(0), words)))
        if caps / len(words) >= 0.75 or all(w.isupper() for w in words):
            out.add(line)
    return frozenset(out)


# -- the capitalization checks' token-list work --------------------------------------

def upper_initials(words: list[str]) -> list[bool]:
    """For each (non-empty) word, whether its first character is upper case."""
    return list(map(str.isupper, map(itemgetter(0), words)))


def mixed_initials(lows: list[str], capital: list[bool]) -> set[str]:
    """The strings of *lows* found both where *capital* is true and where it is false."""
    return set(compress(lows, capital)).intersection(compress(lows, map(not_, capital)))


def indices_in(items: list[str], members: Collection[str], more: Collection[str] | None = None) -> list[int]:
    """Indices of the *items* in *members*, in order; with *more*, an index comes once
    for each of the two that holds its item."""
    idx = list(compress(range(len(items)), map(members.__contains__, items)))
    if more is not None:
        idx = sorted(idx + list(compress(range(len(items)), map(more.__contains__, items))))
    return idx


# -- repeated words -------------------------------------------------------------------

def equal_at(items: list[str], k: int) -> list[int]:
    """The indices i, in order, at which ``items[i] == items[i + k]`` (k >= 1)."""
    if k < 1:
        raise ValueError("equal_at(): k must be at least 1")
    return list(compress(count(), map(eq, items, items[k:])))


def literal_table(literals: Collection[str]) -> tuple[str, ...]:
    """A search table of *literals* for :func:`literals_in` (here: the literals)."""
    return tuple(literals)


def literals_in(table: tuple[str, ...], text: str) -> frozenset[str]:
    """The literals of *table* (:func:`literal_table`) that occur in *text*."""
    return frozenset(s for s in table if s in text)


def _choose() -> Any:
    """The C module when it is built, of this version, and not refused by the
    environment; else this module."""
    import sys
    if os.environ.get("MTCHECK_PURE_PYTHON", "") not in ("", "0"):
        return sys.modules[__name__]
    try:
        from . import _textscan
    except ImportError:
        return sys.modules[__name__]
    if getattr(_textscan, "API", None) != API:   # a stale build left in a source checkout
        return sys.modules[__name__]
    return _textscan


SCAN: Any = _choose()
#: The C module when it is the one in use, else None: what the modules with a C path of
#: their own (wordtable, checks/literals, romanized) ask.
NATIVE: Any = None if SCAN is sys.modules[__name__] else SCAN
