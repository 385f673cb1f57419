"""Which of many literal strings an article holds, found in one pass.

Why: the pattern rules' pre-checks (needs.Need) each ask whether an article holds
one of a few alternatives: ~40 tests over ~300 strings, which as separate substring
searches cost a 1,000-article run ~0.1-0.2 ms per article.  An Aho-Corasick automaton of
all the strings (``ahocorasick_rs``, compiled Rust) reports every one an article holds
in one pass (~35 µs for all of them); each test is then one set operation.

A one-article run never builds it (importing and building cost ~2 ms): while a process
has seen fewer than needs.COLD_USES articles, :meth:`LiteralIndex.present` answers
None and the tests search substrings as before.  Without ``ahocorasick_rs`` they always
do.  Either way the answers are the same: a string is reported exactly when it occurs.
"""

from __future__ import annotations

from typing import Any, Iterable

from .needs import COLD_USES

__all__ = ["LiteralIndex", "PLAIN", "FOLDED"]

_COLD = -1   # a memo entry for an article seen while the process was cold


class LiteralIndex:
    """The literal strings tests have registered, and which of them an article holds."""

    __slots__ = ("key", "literals", "version", "_ac", "_articles", "_cold_uses")

    def __init__(self, key: str, cold_uses: int = COLD_USES) -> None:
        self.key = key                  # where an article's answer is kept in doc.memo
        self.literals: set[str] = set()
        self.version = 0                # bumped when strings are added: answers go stale
        self._ac: Any = None
        self._articles = 0
        self._cold_uses = cold_uses

    def register(self, strings: Iterable[str]) -> None:
        new = set(strings) - self.literals
        if new:
            self.literals |= new
            self.version += 1
            self._ac = None

    def present(self, doc: Any, text: str) -> frozenset[str] | None:
        """The registered strings *text* (an article's text, or its case fold) holds,
        kept in ``doc.memo`` for the other tests; None while the process is cold."""
        got = doc.memo.get(self.key)
        if got is not None:
            if got[0] == self.version:
                return got[1]
            if got[0] == _COLD:
                return None
        if self._ac is None:
            self._articles += 1
            if self._articles <= self._cold_uses or not self._build():
                doc.memo[self.key] = (_COLD, None)
                return None
        found = frozenset(self._ac.find_matches_as_strings(text, overlapping=True))
        doc.memo[self.key] = (self.version, found)
        return found

    def _build(self) -> bool:
        try:
            from ahocorasick_rs import AhoCorasick
        except ImportError:   # pragma: no cover - a declared dependency; substring tests then
            self._cold_uses = 1 << 62
            return False
        # A DFA with the patterns stored: 15.7 -> 6.5 µs per article for the ~470 plain
        # literals of the built-in rules (bench corpus), for ~3 ms of building once per
        # process and ~0.4 MB; the answers are the same whichever automaton finds them.
        try:
            from ahocorasick_rs import Implementation
            self._ac = AhoCorasick(sorted(self.literals), implementation=Implementation.DFA, store_patterns=True)
        except (ImportError, TypeError):   # pragma: no cover - an ahocorasick-rs without the choice
            self._ac = AhoCorasick(sorted(self.literals))
        return True


#: Strings looked for as written, and case-folded strings looked for in the case fold.
PLAIN = LiteralIndex("literals.plain")
FOLDED = LiteralIndex("literals.folded")
