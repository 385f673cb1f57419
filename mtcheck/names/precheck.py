"""Can a story hold one name written two ways?  An exact, cheap "no" for most stories.

MT601/MT602 report only names written in two or more ways, and 926 of the 999 stories of
the bench corpus have none.  Finding the mentions and clustering them (clusters.analyze)
costs ~0.7 ms a story; this test answers "no group possible" from the story's distinct
tokens in tens of microseconds, so that analyze runs only where it may find something
(75 of the 999 stories, 73 of which have a group).

Why it is exact (never says "no" where analyze finds a group): analyze compares words of
mentions, and every such word is a piece of a token (split at hyphens, possessive
dropped: ``mentions._pieces``) that

* is capitalized, or lower case and a word of the name index (``maybe_name``: known name
  words, tails of known names, particles) — only those can enter a mention;
* is at least MIN_GIVEN_LEN long and not all capitals (plan.words_to_compare drops the others);
* is a known person or place word, or rarer in English than COMMON_ZIPF, or folds to a
  word of some gazetteer form (the only way plan.gazetteer_tail can give it a gazetteer
  spelling) — words_to_compare drops every other word, given names included.

Each test looks at the piece alone, so the answer is memoized per token for the whole
process (tokens recur across stories).  A group needs two such spellings that
cluster_spellings links (given names: two spellings with one key, which it would link
too), and matching.may_link says whether any two may be linked from their keys and Zipf
values alone.  It asks only whether some pair exists, so False over a superset of the
compared words is False over the words themselves.  may_link itself is reached only
when two spellings share a mark (precomputed per token: the key, the stems of its
readings, first and last letters with lengths that can pass the fuzzy cutoff): in most
stories none do, and the test ends in a few set operations.  One more mark is the
gazetteer entry a token's key is a full form of: analyze joins two spellings of one
one-word entry ("Kiev", "Kyiv") whatever their keys, so a shared entry mark answers
"maybe" without may_link; so does a shared given-name pair mark (romanization.yml
``given_name_pairs``: "Vladimir", "Volodymyr"), whose keys differ too.
"""

from __future__ import annotations

from itertools import chain
from operator import itemgetter
from typing import Any

from .index import name_index
from .matching import FUZZY_CUTOFF, FUZZY_MIN_LEN, MAX_OBLIQUE_ZIPF, may_link
from .mentions import COMMON_ZIPF, MIN_GIVEN_LEN, _pieces, word_zipf


class _Memo:
    """Per-process answers per token, valid for one name index and one set of rules."""

    __slots__ = ("tables", "rules", "plain", "found", "cutoff", "gazetteer")
    #: tokens remembered; a long run starts over past this (the bench corpus's 1,000
    #: stories hold ~8,200 plain tokens and ~2,100 with candidates, ~0.6 kB each)
    MAX_PLAIN, MAX_FOUND = 1 << 18, 1 << 14

    def __init__(self, tables: Any = None, rules: Any = None, gazetteer: Any = None) -> None:
        self.tables = tables
        self.rules = rules
        self.gazetteer = gazetteer
        self.plain: set[str] = set()             # tokens with no candidate
        self.found: dict[str, tuple] = {}        # token -> ((lower, Marks), ...)
        self.cutoff = FUZZY_CUTOFF


#: What may_link needs to know of one spelling: (key, Zipf, own marks, probes).  Two
#: spellings can be linked only if they share an own mark (the key, a nominative stem of
#: each, one first and last letter and one length, or a gazetteer entry whose full form
#: the key is) or a probe of one is an own mark of the
#: other: a case ending of a rare key on a stem that is the other's nominative ("n" +
#: stem; "i" + stem for a soft ending, which needs a nominative in -i), or one first and
#: last letter and a length 1 or 2 apart at which fuzz.ratio can pass the cutoff.
Marks = tuple[str, float, tuple[str, ...], tuple[str, ...]]

_OWN, _PROBES = itemgetter(2), itemgetter(3)
_MEMO = _Memo()


def _memo(gazetteer: Any, rules: Any) -> _Memo:
    global _MEMO
    tables = name_index(gazetteer, rules)
    memo = _MEMO
    if (memo.tables is not tables or memo.rules is not rules or len(memo.plain) > _Memo.MAX_PLAIN
            or len(memo.found) > _Memo.MAX_FOUND):
        memo = _MEMO = _Memo(tables, rules, gazetteer)
    return memo


def candidate_spellings(doc: Any, gazetteer: Any, rules: Any) -> dict[str, Marks]:
    """Lower-cased spelling -> (key, marks...) of every word analyze could compare in
    *doc* (a superset: see the module docstring)."""
    memo = _memo(gazetteer, rules)
    plain, found = memo.plain, memo.found
    # the story's distinct tokens: a set shared with other checks (MT104), never changed
    rest = doc.token_set.difference(plain)
    new = rest.difference(found)
    if new:   # tokens new to the process
        maybe = memo.tables.maybe_name
        now_plain = []
        for token in new:
            # a plain lower-case word is never part of a mention (most new tokens)
            got = None
            if not (token.islower() and token not in maybe and token.isalpha()):
                got = _candidates(token, memo)
            if got:
                found[token] = got
            else:
                plain.add(token)
                now_plain.append(token)
        if now_plain:
            rest = rest.difference(now_plain)
    return dict(chain.from_iterable(map(found.__getitem__, rest)))


def may_have_groups(doc: Any, gazetteer: Any, rules: Any) -> bool:
    """False when clusters.analyze cannot find a name written two ways in *doc*."""
    lows = candidate_spellings(doc, gazetteer, rules)
    if len(lows) < 2:
        return False
    entries = lows.values()
    if _no_shared_mark(entries):
        return False
    if _shared_alias(entries):
        return True   # two spellings of one gazetteer entry (clusters._alias_links) or of one paired given name
    return may_link([e[:2] for e in entries], rules)


def _no_shared_mark(entries: Any) -> bool:
    """No two spellings share an own mark, and no probe of one is another's own mark:
    then may_link says False."""
    own = list(chain.from_iterable(map(_OWN, entries)))
    owned = set(own)
    return len(owned) == len(own) and owned.isdisjoint(chain.from_iterable(map(_PROBES, entries)))


def _shared_alias(entries: Any) -> bool:
    """Do two spellings carry one gazetteer-entry mark ("e" + the entry's name) or one
    given-name pair mark ("g" + the pair's key: analyze links the two before one surname,
    which may_link, knowing keys only, cannot tell)?"""
    seen: set[str] = set()
    for e in entries:
        for mark in _OWN(e):
            if mark[0] in "eg":
                if mark in seen:
                    return True
                seen.add(mark)
    return False


def _marks(key: str, zipf: float, rules: Any, cutoff: float, alias: str | None = None) -> Marks:
    """The marks of one spelling (see Marks): what each kind of link in may_link needs.
    (Computed once per token of the process: kept lean.)"""
    own = ["k" + key]   # two spellings with one key
    if alias is not None:
        own.append("e" + alias)   # two spellings the gazetteer resolves to one entry
    if key in rules.given_pair_keys:   # one given name, Russian and Ukrainian (Vladimir/Volodymyr)
        own.append("g" + rules.given_pairs.get(key, key))
    probes: list[str] = []
    rare = zipf < MAX_OBLIQUE_ZIPF
    n = len(key)
    if n >= rules.min_stem:
        noms, splits = rules.readings(key)
        for stem, ending in noms:
            own.append("n" + stem)
            if ending == "i":
                own.append("i" + stem)
        if rare:
            probes = [("i" if soft else "n") + stem for stem, _e, soft in splits]
    if n >= FUZZY_MIN_LEN and " " not in key:
        block = "f" + key[0] + key[-1]
        own.append(block + str(n))
        if rare:
            probes += [block + str(n + d) for d in _fuzzy_offsets(n, cutoff)]
    # A probe of one's own mark matters only if another spelling has the mark too, and
    # then the two share an own mark.
    if probes:
        mine = set(own)
        probes = [p for p in probes if p not in mine]
    return key, zipf, tuple(own), tuple(probes)


_OFFSETS: dict[tuple[int, float], tuple[int, ...]] = {}


def _fuzzy_offsets(n: int, cutoff: float) -> tuple[int, ...]:
    """The other lengths (as n + d) a key of length *n* can have and still pass the fuzzy
    cutoff: fuzz.ratio is at most 100 * (1 - |d| / (2n + d)) (a bound on the indel distance)."""
    got = _OFFSETS.get((n, cutoff))
    if got is None:
        got = _OFFSETS[(n, cutoff)] = tuple(
            d for d in (-2, -1, 1, 2)
            if n + d >= FUZZY_MIN_LEN and 100.0 * (1.0 - abs(d) / (n + n + d)) >= cutoff - 1e-6)
    return got


def _candidates(token: str, memo: _Memo) -> tuple[tuple[str, Marks], ...]:
    """(lower-cased piece, its marks) for each piece of *token* that analyze could compare."""
    tables, rules = memo.tables, memo.rules
    maybe = tables.maybe_name
    out = []
    common = tables.common_plain
    for _s, _e, text, cap, low in _pieces(token):
        if not (cap or low in maybe) or len(text) < MIN_GIVEN_LEN or text.isupper():
            continue
        if low in common and text not in tables.person_place:
            continue   # the test below, answered in advance for common words (index.common_plain)
        zipf = word_zipf(text)   # = word_zipf(low): the lexicon ignores case
        key = rules.key(low)
        if (zipf >= COMMON_ZIPF and text not in tables.person_place
                and not tables.fold_words.issuperset(key.split(" "))):
            continue   # a common English word no gazetteer form can resolve
        i = tables.folded.get(key) if memo.gazetteer is not None else None
        alias = None if i is None else memo.gazetteer.entries[i].name
        out.append((low, _marks(key, zipf, rules, memo.cutoff, alias)))
    return tuple(out)
