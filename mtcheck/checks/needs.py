"""The per-article tests of a pattern rule's needs (see prefilter.py for how the needs are
read off a pattern): an article that fails one cannot match the pattern, so its regex
need not run.

Each test is cheap and answers "may match" until it has earned its cost: a standard
library scan is compiled only after COLD_USES articles (a one-article run never pays
for it), and a core scan that rules almost nothing out is retired.
"""

from __future__ import annotations

import re
from typing import Any

from .prefilter import _FREQUENT_START, _MEMO, core_cost

# Articles a process tests before compiling a test's standard library regex.  Compiling
# one costs 0.1-0.5 ms, more than the scan saves on a few articles: a one-article run
# (pre-commit, an editor) should not pay it, a 1,000-article run compiles after these.
COLD_USES = 8
#: A core scan is retired when, over its first RETIRE_AFTER articles, it ruled out
#: fewer than one in RETIRE_BELOW (see CoreNeed).
RETIRE_AFTER, RETIRE_BELOW = 64, 20


class Need:
    """Alternatives one of which an article must hold.  A few are tested as substrings;
    many that begin with rarer characters (capitals, quotes) by one scan of a standard
    library regex of them all, which skips to those characters quickly."""

    __slots__ = ("alts", "alt_set", "index", "cost", "one_scan", "_rx", "_uses")

    def __init__(self, alts: frozenset[str], index: Any = None) -> None:
        self.alts = tuple(sorted(alts, key=lambda a: (-len(a), a)))
        self.alt_set = frozenset(alts)
        #: a literals.LiteralIndex that finds all tests' strings in one pass, once warm
        self.index = index
        if index is not None:
            index.register(alts)
        self._rx: re.Pattern[str] | None = None
        self.one_scan = len(alts) >= 4 and not any(a[0] in _FREQUENT_START for a in alts)
        self.cost = 3 if self.one_scan else len(alts)
        self._uses = 0

    def holds(self, doc: Any, text: str) -> bool:
        """Does *text* (the article *doc*'s text or its case fold) hold an alternative?"""
        if self.index is not None:
            present = self.index.present(doc, text)
            if present is not None:
                return not self.alt_set.isdisjoint(present)
        return self.found(text)

    def found(self, text: str) -> bool:
        if self.one_scan:
            if self._rx is None:
                if self._uses < COLD_USES:   # the same answer as the scan, without compiling
                    self._uses += 1
                    return any(map(text.__contains__, self.alts))
                self._rx = re.compile("|".join(map(re.escape, self.alts)))
            return self._rx.search(text) is not None
        return any(map(text.__contains__, self.alts))   # C-level loop


class CoreNeed:
    """A stretch of the pattern that the standard library matches exactly as ``regex``
    does (literals, explicit classes, groups and repeats of those): an article without
    a match of it cannot match the pattern.  One fast scan, compiled once COLD_USES
    articles have asked (until then it answers "may match").

    A scan that has failed in almost none of the first RETIRE_AFTER articles it saw is
    retired (it answers "may match" from then on): it runs after the pattern's literal
    needs, which often say the same already (the month names of a date pattern, the
    verbs of an attribution), and then costs 2-5 µs an article for nothing."""

    __slots__ = ("source", "cost", "_rx", "_uses", "_seen", "_failed")

    def __init__(self, source: str) -> None:
        self.source = source
        self.cost = _MEMO.get(("core-cost", source), lambda: core_cost(source))
        self._rx: re.Pattern[str] | None = None
        self._uses = 0
        self._seen = 0      # articles scanned ...
        self._failed = 0    # ... and those the scan ruled out

    def holds(self, doc: Any, text: str) -> bool:
        return self.found(text)

    def found(self, text: str) -> bool:
        rx = self._rx
        if rx is None:
            if self._uses < COLD_USES:
                # Not tested yet: "may match" is always a sound answer (the pattern itself
                # then decides), and cheaper than compiling this scan for a few articles.
                self._uses += 1
                return True
            rx = self._rx = re.compile(self.source)
        seen = self._seen
        if seen >= RETIRE_AFTER:
            if self._failed * RETIRE_BELOW < seen:
                return True   # retired: it rules out fewer than 1 in RETIRE_BELOW articles
        else:
            self._seen = seen + 1
        if rx.search(text) is None:
            self._failed += 1
            return False
        return True
