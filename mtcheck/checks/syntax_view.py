"""The per-document view the garbled-syntax detectors share (kind ``syntax``).

Why a module of its own: seven detectors ask the same questions of one article (where
is each anchor word, which sentence holds token k, is the gap between two tokens plain
space), and the answers are built once per article into a :class:`_View` kept in the
Document's memo.  The detectors themselves, and the rule kind, are in ``syntax.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import chain, repeat

from .. import textscan
from ..document import Document

_QUOTE = re.compile(r"[\"“”«»]")
_INNER_PUNCT = re.compile(r"[,;:\"“”«»()–—]")
_END_PUNCT = re.compile(r"[,;:\"“”«»]")
_CLAUSE_PUNCT = re.compile(r"[,;:–—(]")
_DIGIT = re.compile(r"\d")
_ENDS_PHRASE = re.compile(r"\s*[,.;:!?)]")
_CLOSERS = re.compile(r"[\s\"”’»]*")


#: Every word set a detector has asked the positions of (see :meth:`_View.positions`),
#: each with its words as a tuple, and their union: the words one pass over a
#: document's tokens looks for.  Filled on first use, so it holds exactly the anchor
#: lists of the rules this process runs.  Replaced, never changed in place: a view
#: keeps the one it indexed with.
_ANCHOR_SETS: dict[frozenset[str], tuple[str, ...]] = {}
_ANCHOR_WORDS: frozenset[str] = frozenset()


def _register(words: frozenset[str]) -> None:
    global _ANCHOR_SETS, _ANCHOR_WORDS
    _ANCHOR_SETS = {**_ANCHOR_SETS, words: tuple(sorted(words))}
    _ANCHOR_WORDS = _ANCHOR_WORDS | words


class _View:
    """The document's tokens as the detectors see them: parallel lists over all tokens
    (``starts``, ``ends``, ``text``, ``low``), each sentence's first token, and the
    token range of any sentence on request (:meth:`sentence`, :meth:`stop`).

    Built once per document and shared by every syntax rule: one C-level bisection
    per sentence, and nothing that loops over the tokens in Python.  Detectors start from their few *anchor* tokens (:meth:`positions`: one C-level pass
    over the tokens finds every anchor of every syntax rule at once), ask the
    per-process word-class memos of :mod:`mtcheck.wordclass` (one dict subscript each)
    before anything else, and only then look up the candidate's sentence (a bisection)
    and slice the text between tokens (its "gap", to see commas and dashes).
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.prose = doc.prose
        self.starts, self.ends = doc.token_starts, doc.token_ends
        self.text, self.low = doc.token_words, doc.token_lows
        # per sentence: start and end offsets (the Document's lists: read, never changed)
        self.s_starts, self.s_ends = doc.sentence_bounds
        # per sentence: its first token (for a sentence without tokens, the next one's);
        # where its tokens stop is looked up only for the few sentences a detector needs
        self.first: list[int] = list(map(bisect_left, repeat(self.starts), self.s_starts))
        self._heads: dict[int, bool] = {}
        # the anchor index: the word sets it covers, and each anchor word's token indices
        self._indexed: dict[frozenset[str], tuple[str, ...]] = {}
        self._by_word: dict[str, list[int]] = {}

    def positions(self, words: frozenset[str]) -> list[int]:
        """Indices, in text order, of the tokens whose lower-cased text is in *words*.

        The first call per document makes one C-level pass over the tokens for the
        union of every word set ever asked for (:data:`_ANCHOR_WORDS`, a dozen words)
        and files its few hits by word; each call then joins its words' lists.  A set
        not seen before is added to the union and the pass redone (only while the
        first document of a process is checked, or for a rule loaded later).
        The list may be the view's own: read it, do not change it."""
        if words not in self._indexed:
            self._index(words)
        by_word = self._by_word
        found = [by_word[w] for w in self._indexed[words] if w in by_word]
        if len(found) == 1:
            return found[0]
        return sorted(chain.from_iterable(found))

    def _index(self, words: frozenset[str]) -> None:
        if words not in _ANCHOR_SETS:
            _register(words)
        self._indexed, union, low = _ANCHOR_SETS, _ANCHOR_WORDS, self.low
        by_word: dict[str, list[int]] = {}
        for k in textscan.SCAN.indices_in(low, union):
            got = by_word.get(low[k])
            if got is None:
                by_word[low[k]] = [k]
            else:
                got.append(k)
        self._by_word = by_word

    def sentence(self, k: int) -> tuple[int, int, int] | None:
        """(sentence index, its first token, one past its last) for token k, or None
        for a token outside every sentence."""
        si = bisect_right(self.first, k) - 1
        if si < 0:
            return None
        i0 = self.first[si]
        i1 = bisect_right(self.ends, self.s_ends[si], i0)
        return (si, i0, i1) if k < i1 else None

    def stop(self, si: int) -> int:
        """One past the last token of sentence *si* (its first token if it has none)."""
        return bisect_right(self.ends, self.s_ends[si], self.first[si])

    def gap_before(self, k: int, i0: int) -> str:
        """Prose between token k and the previous token of its sentence (or the
        sentence start)."""
        prev = self.ends[k - 1] if k > i0 else self.s_starts[self._sent_of(i0)]
        return self.prose[prev:self.starts[k]]

    def gap_after(self, k: int, i1: int) -> str:
        """Prose up to the next token of the sentence, or to its end for the last."""
        end = self.starts[k + 1] if k + 1 < i1 else self.s_ends[self._sent_of(i1 - 1)]
        return self.prose[self.ends[k]:end]

    def plain(self, k: int, i0: int) -> bool:
        """Only spaces before token k: no punctuation, digits or line break."""
        gap = self.prose[self.ends[k - 1]:self.starts[k]] if k > i0 else self.gap_before(k, i0)
        return gap == " " or _plain(gap)

    def clause_start(self, k: int, i0: int) -> bool:
        if k == i0:
            return True
        gap = self.gap_before(k, i0)
        return bool(_CLAUSE_PUNCT.search(gap)) and not _DIGIT.search(gap)

    def in_headline(self, si: int) -> bool:
        got = self._heads.get(si)
        if got is None:
            doc = self.doc
            got = self._heads[si] = doc.position(self.starts[self.first[si]])[0] in doc.headline_lines
        return got

    def _sent_of(self, k: int) -> int:
        return bisect_right(self.first, k) - 1


def _view(doc: Document) -> _View:
    got = doc.memo.get("syntax.view")
    if got is None:
        got = doc.memo["syntax.view"] = _View(doc)
    return got


def _plain(gap: str) -> bool:
    r"""Only spaces between two tokens: no punctuation, no digits, no line break.

    ``str.isspace`` and the regex ``\s+`` ask the same per-character question
    (tests/test_syntax_speed.py checks every code point); both are false on "".
    """
    return gap.isspace() and "\n" not in gap
