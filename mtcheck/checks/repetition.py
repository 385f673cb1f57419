"""Phrases said twice in a row: "said that said that", "on camera on camera".

Neural MT sometimes emits a stretch of output twice, and word-by-word translation
doubles Russian paired words ("и там, и там" as "and there and there").  A repeated unit
of ``min_words`` to ``max_words`` words, the two copies on one line with only blanks
between their words, is reported with the first copy as an (unsafe) fix.

Why a kind and not a pattern: a back-reference pattern (``(\\w+ \\w+) \\1``) has no
literal to pre-check, so the regex engine starts a match at every word of every article:
0.3-0.5 ms an article on the bench corpus, a third of all the other rules together.  The
document's token table is already built; comparing token *i* with token *i + k* over it
costs a few microseconds, and almost no article gets past that.

An emphatic chain of three ("hours and hours and hours", "on and on and on", "step by
step by step") is English, not a doubled segment: a repeat preceded by the unit's last
word or followed by its first is part of such a chain and is not reported.

A unit of one word ("the the", "The the", "to to") is compared without case (a doubled
word at a sentence start keeps one capital), must be letters, and is left alone when
both copies are capitalized (names: "Bora Bora", "Duran Duran") or when the word is in
the rule's ``allow`` list (English doubles such as "had had", "that that").
"""

from __future__ import annotations

from typing import Any

from .. import textscan
from ..document import Document
from ..findings import Finding
from . import ListOf


class Repetition:
    PARAMS = {
        "min_words": (int, False),   # the shortest unit reported (default 2: one word is a typo matter)
        "max_words": (int, False),   # the longest unit looked for (default 4)
        "allow": (ListOf(str), False),   # one-word units that English doubles ("had", "that")
        "min_zipf": ((float, int), False),   # one-word units rarer than this are not reported
    }
    FIELDS: frozenset[str] = frozenset()

    def prepare(self, rule: Any, ctx: Any) -> tuple[int, int, frozenset[str], float]:
        from ..rules import RuleError

        lo = int(rule.params.get("min_words") or 2)
        hi = int(rule.params.get("max_words") or 4)
        if not 1 <= lo <= hi:
            raise RuleError(f"{rule.at('min_words')}: {rule.code}: need 1 <= min_words <= max_words, "
                            f"got {lo} and {hi}")
        allow = frozenset(w.lower() for w in rule.params.get("allow") or ())
        return lo, hi, allow, float(rule.params.get("min_zipf") or 0)

    def check(self, doc: Document, rule: Any, state: tuple[int, int, frozenset[str], float],
              ctx: Any) -> list[Finding]:
        lo, hi, allow, min_zipf = state
        words = doc.token_words
        starts, ends, prose = doc.token_starts, doc.token_ends, doc.prose
        found: list[tuple[int, int, int]] = []   # (start, end, end of the first copy)
        if lo == 1:
            found.extend(_doubled_words(doc, allow, min_zipf))
            lo = 2
        if len(doc.token_set) == len(words) or lo > hi:
            return _report(rule, prose, found)   # no word occurs twice: no longer unit repeats
        for k in range(lo, hi + 1):
            # a unit of k words repeats at i only if word i comes back k words later
            for i in textscan.SCAN.equal_at(words, k):
                j, end = i + k, i + 2 * k
                if end > len(words) or words[i:j] != words[j:end] or len(set(words[i:j])) == 1:
                    continue   # no repeat, or one word over and over ("ha ha ha ha")
                if not all(_blank(prose, ends[x], starts[x + 1]) for x in range(i, end - 1)):
                    continue
                if i and words[i - 1] == words[j - 1] and _blank(prose, ends[i - 1], starts[i]):
                    continue   # "... hours [and hours and hours]": a chain of three
                if end < len(words) and words[end] == words[i] and _blank(prose, ends[end - 1], starts[end]):
                    continue   # "[hours and hours and] hours ...": a chain of three
                if not doc.is_protected(starts[i], ends[end - 1]):
                    found.append((starts[i], ends[end - 1], ends[j - 1]))
        return _report(rule, prose, found)


def _doubled_words(doc: Document, allow: frozenset[str], min_zipf: float) -> list[tuple[int, int, int]]:
    """One word twice in a row on a line, case aside ("the the", "The the"): (start, end,
    end of the first copy) of each.  Not a chain of three ("ha ha ha"), not a word that
    is not all letters ("10 10"), not two capitalized copies (a name: "Bora Bora"), not
    an allowed word ("had had"), not a word rarer than *min_zipf*: English writes rare
    reduplicated names in lower case ("ylang ylang", "mahi mahi", "beri beri")."""
    lows = doc.token_lows
    words, starts, ends, prose = doc.token_words, doc.token_starts, doc.token_ends, doc.prose
    n = len(lows)
    out = []
    for i in textscan.SCAN.equal_at(lows, 1):
        low = lows[i]
        if low in allow or not low.isalpha() or not _blank(prose, ends[i], starts[i + 1]):
            continue
        if words[i][:1].isupper() and words[i + 1][:1].isupper():
            continue
        if (i and lows[i - 1] == low and _blank(prose, ends[i - 1], starts[i])) or \
                (i + 2 < n and lows[i + 2] == low and _blank(prose, ends[i + 1], starts[i + 2])):
            continue
        if min_zipf and _zipf(low) < min_zipf:
            continue
        if not doc.is_protected(starts[i], ends[i + 1]):
            out.append((starts[i], ends[i + 1], ends[i]))
    return out


def _zipf(word: str) -> float:
    from ..lexicon import zipf   # (only for a doubled word: most articles have none)
    return zipf(word)


def _report(rule: Any, prose: str, found: list[tuple[int, int, int]]) -> list[Finding]:
    """The repeats as findings: where two overlap, the earlier (then shorter) one."""
    out: list[Finding] = []
    taken = -1   # repeats found at two lengths overlap: the earlier (then shorter) one is reported
    for s, e, first in sorted(found):
        if s >= taken:
            taken = e
            out.append(rule.finding(s, e, prose[s:e], replacements=(prose[s:first],)))
    return out


def _blank(prose: str, a: int, b: int) -> bool:
    """Is prose[a:b] one or more spaces or tabs (the two words are adjacent on one line)?"""
    return b > a and not prose[a:b].strip(" \t")
