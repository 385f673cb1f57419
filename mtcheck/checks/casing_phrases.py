"""The work behind CaseConsistency (MT205): which words are at stake, and the search for
phrases cased two ways around the few tokens that can hold a finding.

casing.py keeps the kind and its pre-check (``_may_mix``); this module holds what they
call, so that the pre-check can be forced open in a test without copying the search.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import compress
from typing import Any

from .. import textscan


def capitals(doc: Any) -> list[bool]:
    """Which tokens of *doc* begin with an upper-case letter, kept in ``doc.memo``."""
    got = doc.memo.get("casing.capital")
    if got is None:
        got = doc.memo["casing.capital"] = textscan.SCAN.upper_initials(doc.token_words)
    return got


def at_stake(doc: Any, connectors: frozenset[str]) -> tuple[set[str], list[bool], list[int]]:
    """The lower-cased words written with an upper-case initial somewhere in *doc* and
    with another initial elsewhere (a lower-case one, or a caseless letter: a few words
    too many, for a test that only needs to keep every word that matters), connectors
    left out (no finding without such a word); which tokens have an upper-case initial,
    and their indices.  (A process-wide memo of token texts was tried: classifying an
    article's new words cost more than the maps it saved, in a single pass.)"""
    lows = doc.token_lows
    capital = capitals(doc)
    stake = textscan.SCAN.mixed_initials(lows, capital)
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
    sent_ends = doc.sentence_bounds[1]
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

    def is_whole(i: int, j: int, title: bool) -> bool:
        return whole(doc, i, j, title, capital, conn)

    # The mixed phrases around the lower-case tokens: every phrase (i..j) that holds
    # token k (i > k - max_words, since a phrase has at most max_words tokens).
    candidates: dict[tuple[int, int], str] = {}
    for k in lowered:
        for i in range(max(0, k - max_words + 1), k + 1):
            for j in spans(i):
                if j >= k and (i, j) not in candidates and classify(i, j) == "mixed" and is_whole(i, j, False):
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
            if key in wanted and classify(i, j) == "title" and is_whole(i, j, True):
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


_INDEFINITE = frozenset(("a", "an"))


def whole(doc: Any, i: int, j: int, title: bool, capital: list[bool], conn: list[bool]) -> bool:
    """Is the phrase of tokens i..j a whole phrase, not part of a longer one?  MT205
    compares whole phrases only: "Moscow City" inside "Moscow City Court" is not the
    "Moscow city" of "the Moscow city authorities", nor is "European Commission" the
    "European commission" of "a European commission of inquiry".

    Either side: no capitalized word right before it (a sentence-initial one or an
    acronym says nothing: "UN Security Council" holds the name "Security Council"), nor
    right after it, with only spaces between: the name would go on ("City Court" in
    "Moscow City Court", "Florida Governor" in "Florida Governor Ron DeSantis").  A
    name may be part of a longer one across "of" ("Irkutsk Region" in "the Governor of
    the Irkutsk Region") and may be followed by its complement ("European Court" of
    "European Court of Human Rights"): each ends in its head noun.  The mixed side besides:
    not followed by "of" and a lower-case word ("commission of inquiry"), and, ending
    in a lower-case word, not after "a"/"an" (a common noun: "a European commission")
    nor followed by a word that can only be a noun ("Moscow city authorities").  (A
    capital after a lower-case word, "a harbour Board", is a mix wherever it stands.)
    Runs only for the few phrases a finding could hold."""
    words, lows, prose, starts, ends = doc.token_words, doc.token_lows, doc.prose, doc.token_starts, doc.token_ends
    initial = doc.initial_offsets
    n = len(words)

    def joined(a: int, b: int) -> bool:
        """Only spaces between tokens a and b = a + 1."""
        return 0 <= a and b < n and not prose[ends[a]:starts[b]].strip()

    # leftwards
    k = i - 1
    if joined(k, i):
        if not title and lows[k] in _INDEFINITE and words[j][0].islower():
            return False   # "a European commission": a common noun, not the name
        if capital[k] and not conn[k] and starts[k] not in initial and not words[k].isupper():
            return False
    # rightwards
    k = j + 1
    if joined(j, k):
        if capital[k] and not conn[k]:
            return False
        if not title:
            if lows[k] == "of":
                m = k + 1
                if joined(k, m) and lows[m] == "the":
                    m += 1
                if joined(m - 1, m) and not conn[m] and words[m][0].islower():
                    return False   # "a European commission of inquiry"
            elif words[j][0].islower() and words[k][0].islower():
                if _only_noun(words[k]):
                    return False   # "the Moscow city authorities"
    return True


def _only_noun(word: str) -> bool:
    """A word that can only be a noun: "authorities", "officials", "administration";
    not "notes" or "needs", whose singular is also a verb ("the agency notes")."""
    from ..wordclass import BASE_VERB, NOUN_ONLY, PLURAL_NOUN
    if NOUN_ONLY[word]:
        return True
    if not PLURAL_NOUN[word]:
        return False
    stems = [word[:-1]]
    if word.endswith("es"):
        stems.append(word[:-2])
    if word.endswith("ies"):
        stems.append(word[:-3] + "y")
    return not any(BASE_VERB[s] for s in stems)
