"""Which of many literal strings an article holds, found in one pass.

Why: the pattern rules' pre-checks (needs.Need) each ask whether an article holds
one of a few alternatives: ~45 tests an article over ~720 strings, which as separate
substring searches cost a 1,000-article run ~0.1-0.2 ms per article.  One pass that
reports every string an article holds makes each test one set operation.

The pass is the C module's ``literals_in`` (textscan.py, _textscan.c) where it is built:
a bitmap test of each position's first code points, then a comparison of the few
strings that begin there.  It costs ~30 µs an article in a lint run, against ~55 µs
for an Aho-Corasick DFA (``ahocorasick_rs``), which is faster in a tight loop (~13 µs)
but whose ~0.4 MB of tables are out of the CPU cache again by the next article; and its
table takes ~30 µs to build, so it answers from a process's first article.

Without the C module the DFA is used, built once a process has seen needs.COLD_USES
articles (importing and building it cost ~5 ms, which a one-article run should not
pay): until then :meth:`LiteralIndex.present` answers None and the tests search
substrings; without ``ahocorasick_rs`` they always do.  Every way, the answers are the
same: a string is reported exactly when it occurs.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, Iterable

from .. import textscan
from .needs import COLD_USES

__all__ = ["LiteralIndex", "PLAIN", "FOLDED", "one_pass"]

_COLD = -1   # a memo entry for an article seen while the process was cold

#: The C module (textscan.SCAN) when it is in use: its literal search (literals_in) then
#: answers from a process's first article; None without it (Aho-Corasick once warm).
_NATIVE: Any = textscan.NATIVE


class LiteralIndex:
    """The literal strings tests have registered, and which of them an article holds."""

    __slots__ = ("key", "literals", "version", "_find", "_articles", "_cold_uses")

    def __init__(self, key: str, cold_uses: int = COLD_USES) -> None:
        self.key = key                  # where an article's answer is kept in doc.memo
        self.literals: set[str] = set()
        self.version = 0                # bumped when strings are added: answers go stale
        self._find: Callable[[str], frozenset[str]] | None = None   # text -> the literals it holds
        self._articles = 0
        self._cold_uses = cold_uses

    def register(self, strings: Iterable[str]) -> None:
        new = set(strings) - self.literals
        if new:
            self.literals |= new
            self.version += 1
            self._find = None

    def present(self, doc: Any, text: str) -> frozenset[str] | None:
        """The registered strings *text* (an article's text, or its case fold) holds,
        kept in ``doc.memo`` for the other tests; None while the process is cold."""
        got = doc.memo.get(self.key)
        if got is not None:
            if got[0] == self.version:
                return got[1]
            if got[0] == _COLD:
                return None
        find = self._find
        if find is None:
            self._articles += 1
            find = self._find = self._build()
            if find is None:
                doc.memo[self.key] = (_COLD, None)
                return None
        found = find(text)
        doc.memo[self.key] = (self.version, found)
        return found

    def _build(self) -> Callable[[str], frozenset[str]] | None:
        """The search for the strings registered now (:func:`one_pass`): at once with
        the C module, else once the process has seen cold_uses articles; None until
        then, or without any search (substring tests then, for good)."""
        if _NATIVE is None and self._articles <= self._cold_uses:
            return None
        find = one_pass(self.literals)
        if find is None:   # pragma: no cover - ahocorasick-rs is a declared dependency
            self._cold_uses = 1 << 62
        return find


def one_pass(strings: Iterable[str]) -> Callable[[str], frozenset[str]] | None:
    """A search for every one of *strings* a text holds, in one pass: the C module's
    (``literals_in``; its table builds in ~30 µs), else an Aho-Corasick automaton
    (importing and building it cost ~5 ms); None without ``ahocorasick_rs`` either.
    Both report exactly the strings that occur, overlapping ones included."""
    ordered = sorted(strings)
    if _NATIVE is not None:
        return partial(_NATIVE.literals_in, _NATIVE.literal_table(ordered))
    try:
        from ahocorasick_rs import AhoCorasick
    except ImportError:   # pragma: no cover - a declared dependency
        return None
    # A DFA with the patterns stored: 15.7 -> 6.5 µs per article for the ~470 plain
    # literals of the built-in rules (bench corpus), for ~3 ms of building once per
    # process and ~0.4 MB; the answers are the same whichever automaton finds them.
    try:
        from ahocorasick_rs import Implementation
        ac = AhoCorasick(ordered, implementation=Implementation.DFA, store_patterns=True)
    except (ImportError, TypeError):   # pragma: no cover - an ahocorasick-rs without the choice
        ac = AhoCorasick(ordered)
    return lambda text: frozenset(ac.find_matches_as_strings(text, overlapping=True))


#: Strings looked for as written, and case-folded strings looked for in the case fold.
PLAIN = LiteralIndex("literals.plain")
FOLDED = LiteralIndex("literals.folded")
