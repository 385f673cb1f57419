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
"""

from __future__ import annotations

from itertools import compress, count
from operator import eq
from typing import Any

from ..document import Document
from ..findings import Finding


class Repetition:
    PARAMS = {
        "min_words": (int, False),   # the shortest unit reported (default 2: one word is a typo matter)
        "max_words": (int, False),   # the longest unit looked for (default 4)
    }
    FIELDS: frozenset[str] = frozenset()

    def prepare(self, rule: Any, ctx: Any) -> tuple[int, int]:
        from ..rules import RuleError

        lo = int(rule.params.get("min_words") or 2)
        hi = int(rule.params.get("max_words") or 4)
        if not 1 <= lo <= hi:
            raise RuleError(f"{rule.at('min_words')}: {rule.code}: need 1 <= min_words <= max_words, "
                            f"got {lo} and {hi}")
        return lo, hi

    def check(self, doc: Document, rule: Any, state: tuple[int, int], ctx: Any) -> list[Finding]:
        lo, hi = state
        words = doc.token_words
        if len(doc.token_set) == len(words):
            return []   # no word occurs twice: nothing can repeat
        starts, ends, prose = doc.token_starts, doc.token_ends, doc.prose
        found: list[tuple[int, int, int]] = []   # (start, end, end of the first copy)
        for k in range(lo, hi + 1):
            # a unit of k words repeats at i only if word i comes back k words later
            for i in compress(count(), map(eq, words, words[k:])):   # (C-level: ~4 us an article)
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
