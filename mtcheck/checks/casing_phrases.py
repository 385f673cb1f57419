"""The work behind CaseConsistency (MT205): which words are at stake, and the search for
phrases cased two ways around the few tokens that can hold a finding.

casing.py keeps the kind and its pre-check (``_may_mix``); this module holds what they
call, so that the pre-check can be forced open in a test without copying the search.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import compress
from operator import itemgetter, not_
from typing import Any


def capitals(doc: Any) -> list[bool]:
    """Which tokens of *doc* begin with an upper-case letter, kept in ``doc.memo``.

    In all-ASCII prose a token begins with an ASCII letter (Document's ASCII token
    pattern), and such a word sorts before "a" exactly when that letter is a capital
    (A-Z < a-z): one C-level comparison per token instead of taking the first letter
    and testing its case."""
    got = doc.memo.get("casing.capital")
    if got is None:
        words = doc.token_words
        if doc.prose.isascii():
            got = list(map("a".__gt__, words))
        else:
            got = list(map(str.isupper, map(itemgetter(0), words)))
        doc.memo["casing.capital"] = got
    return got


def at_stake(doc: Any, connectors: frozenset[str]) -> tuple[set[str], list[bool], list[int]]:
    """The lower-cased words written with an upper-case initial somewhere in *doc* and
    with another initial elsewhere (a lower-case one, or a caseless letter: a few words
    too many, for a test that only needs to keep every word that matters), connectors
    left out (no finding without such a word); which tokens have an upper-case initial,
    and their indices.  C-level maps and one set intersection.  (A process-wide memo of
    token texts was tried: classifying an article's new words cost more than the maps
    it saved, in a single pass.)"""
    lows = doc.token_lows
    capital = capitals(doc)
    stake = set(compress(lows, capital)).intersection(compress(lows, map(not_, capital)))
    if not stake:
        return stake, capital, []
    stake.difference_update(connectors)
    return stake, capital, list(compress(range(len(lows)), capital))


def mixed_phrases(doc: Any, lowered: list[int], max_words: int,
                  connectors: frozenset[str], is_shout: Any) -> list[tuple[int, int, str, str]]:
    """(start, end, phrase, title) of every phrase holding one of the *lowered* tokens
    that is mixed here and a title elsewhere, longest first at a start, never
    overlapping: the findings of CaseConsistency, given a superset of the lower-case
    tokens they can hold.

    Mixed phrases first, titles second: every mixed phrase that matters holds a content
    word in lower case that the title capitalizes, so the phrases around the *lowered*
    tokens are the only mixed candidates; titles are then collected only for the
    candidates' keys (the first title of a key, in text order, gives the replacement, as
    when every title was collected)."""
    words, lows = doc.token_words, doc.token_lows
    n_tok = len(words)
    capital = capitals(doc)
    conn = list(map(connectors.__contains__, lows))
    prose, starts, ends = doc.prose, doc.token_starts, doc.token_ends
    initial, headlines = doc.initial_offsets, doc.headline_lines
    sent_ends = [s.end for s in doc.sentences]
    shout: dict[int, bool] = {}

    def capped(k: int) -> bool:
        """Capitalized, not shouted ("Moscow", not "MOSCOW")."""
        if not capital[k]:
            return False
        if not words[k].isupper():
            return True   # a lower-case letter somewhere: not all caps
        if k not in shout:
            shout[k] = is_shout(words[k])
        return not shout[k]

    span_memo: dict[int, list[int]] = {}
    class_memo: dict[tuple[int, int], str] = {}

    def spans(i: int) -> list[int]:
        """spans_of(i), memoized: neighbouring candidates share their starts."""
        got = span_memo.get(i)
        if got is None:
            got = span_memo[i] = spans_of(i)
        return got

    def spans_of(i: int) -> list[int]:
        """Ends j of the phrases (2..max_words tokens) starting at token i."""
        k = bisect_right(sent_ends, starts[i])
        if k >= len(sent_ends) or conn[i]:
            return []
        s_end = sent_ends[k]
        if headlines and doc.position(starts[i])[0] in headlines:
            return []
        out = []
        for n in range(2, max_words + 1):
            j = i + n - 1
            if j >= n_tok or ends[j] > s_end or prose[ends[j - 1]:starts[j]].strip():
                break
            if not conn[j]:
                out.append(j)
        return out

    def classify(i: int, j: int) -> str:
        """classify_of(i, j), memoized (both passes ask about the same phrases)."""
        got = class_memo.get((i, j))
        if got is None:
            got = class_memo[(i, j)] = classify_of(i, j)
        return got

    def classify_of(i: int, j: int) -> str:
        """"title", "mixed" or "" for the phrase of tokens i..j (i is never a connector).

        Content words are the non-connectors; the informative ones leave out a first
        word whose capital says nothing (a sentence start)."""
        first = starts[i] in initial
        content = caps = lows_ = 0
        all_capital = True
        for k in range(i, j + 1):
            if conn[k]:
                continue
            content += 1
            all_capital = all_capital and capital[k]
            if k == i and first:
                continue
            caps += capped(k)
            lows_ += words[k][0].islower()
        if content < 2 or not caps:
            return ""  # neither a title nor a mixed phrase
        if not lows_ and caps >= 2 and caps == content - first and all_capital:
            return "title"
        return "mixed" if lows_ else ""

    # The mixed phrases around the lower-case tokens: every phrase (i..j) that holds
    # token k (i > k - max_words, since a phrase has at most max_words tokens).
    candidates: dict[tuple[int, int], str] = {}
    for k in lowered:
        for i in range(max(0, k - max_words + 1), k + 1):
            for j in spans(i):
                if j >= k and (i, j) not in candidates and classify(i, j) == "mixed":
                    candidates[(i, j)] = " ".join(lows[i:j + 1])
    if not candidates:
        return []
    wanted = set(candidates.values())
    heads = {key.split(" ", 1)[0] for key in wanted}
    titles: dict[str, str] = {}
    # A title's first word is capitalized, and so is its next word that is not a
    # connector: start from a capital followed by a capital or a connector.
    for i in compress(range(n_tok - 1), map(heads.__contains__, lows)):
        if not capital[i] or not (capital[i + 1] or conn[i + 1]):
            continue
        j = i + 1
        while j < n_tok and j < i + max_words and conn[j]:
            j += 1
        if j >= n_tok or j >= i + max_words or not capital[j]:
            continue
        for j in spans(i):
            key = " ".join(lows[i:j + 1])
            if key in wanted and classify(i, j) == "title":
                titles.setdefault(key, prose[starts[i]:ends[j]])
    hits = sorted(((starts[i], ends[j], prose[starts[i]:ends[j]], titles[key])
                   for (i, j), key in candidates.items() if key in titles),
                  key=lambda h: (h[0], -(h[1] - h[0])))
    out, last_end = [], -1
    for hit in hits:
        if hit[0] >= last_end:   # the longest phrase at a position, never overlapping
            out.append(hit)
            last_end = hit[1]
    return out
