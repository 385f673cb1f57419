"""One scan of a Document's tokens shared by all its capitalization rules (MT201-203).

Each capitalization rule looks for its gazetteer forms at the tokens that begin one
(``by_first``: first word -> forms).  Done rule by rule, every rule maps every token
through its own table and then slices the text after each candidate; news copy has a
"the" every few words, and the three built-in rules did that work three times over.
Here the first rule to check a Document scans its tokens once against the union of all
rules' first words and surnames, and reads, after each such token, the next n
characters (n: the shortest form, in any rule, that begins with that word), lower-cased:
its *key*.  A rule's candidates are then the tokens whose key begins one of its forms
(one set lookup per token, C-level), which is exact as a pre-test: a form that matches
at a token begins with that token's key (below), so no candidate is lost; a key that
begins some other form only costs a look.  Function words that begin a few forms ("The
Kremlin", "To Lam") are not scanned for at all unless the lower-cased text holds one of
those forms: "the" alone is a tenth of an article's tokens.
"""

from __future__ import annotations

import weakref
from itertools import compress
from operator import add, or_
from typing import Any

from .. import textscan
from . import literals


class Shared:
    """Every capitalization index built in this process (held weakly), the union of
    their first words and surnames (``watched``), and per first word its key length.

    Never changed once documents use it: building an index installs a new one, and the
    Document memos and heads sets made with an older one are known by identity and
    remade (the key lengths may have shrunk).  The union is made when the first
    Document needs it, once for all the rules prepared by then (a cold run prepares
    three), not at each prepare()."""

    def __init__(self, indexes: weakref.WeakSet) -> None:
        self.indexes = indexes
        # the same, as plain weak references (iterating a WeakSet is a Python generator)
        self.refs = [weakref.ref(ix) for ix in indexes]
        self.watched: set[str] | None = None   # made by ready()
        self.indexes_alive: list[Any] = []     # made by ready(): the live indexes
        # function word -> its forms, lower-cased (all ASCII): its tokens are looked at
        # only in a text that holds one of them, lower-cased
        self.rare: dict[str, tuple[str, ...]] = {}
        self.length: dict[str, int] = {}
        # a search for all their forms at once (text -> the forms it holds), and each
        # form's function word: made at once with the C module's literal search, else an
        # Aho-Corasick automaton after COLD_TEXTS texts (a one-article run does not pay
        # its building)
        self.rare_ac: tuple[Any, dict[str, str]] | None = None
        self.plus: dict[frozenset[str], set[str]] = {}   # watched | some function words
        self.texts = 0

    def present(self, low: str) -> frozenset[str]:
        """The function words of ``rare`` one of whose forms *low* holds.

        One pass finds every form at once: the C module's literal search (as for the
        pattern rules' pre-checks, checks/literals.py), or else, after a process's first
        COLD_TEXTS texts (form by form, each a substring test), an Aho-Corasick automaton
        (2.6 µs per article in a tight loop, against 7.3 for a scan per function word:
        "the", "to", "al", "el", "a", "la").  All find the same: every form the text
        holds, overlapping ones included."""
        ac = self.rare_ac
        if ac is None:
            self.texts += 1
            if (literals._NATIVE is None and self.texts <= COLD_TEXTS) or not self._build_ac():
                return frozenset([first for first, forms in self.rare.items() if any(f in low for f in forms)])
            ac = self.rare_ac
        find, first_of = ac
        found = find(low)
        return frozenset(map(first_of.__getitem__, found)) if found else frozenset()

    def _build_ac(self) -> bool:
        first_of = {form: first for first, forms in self.rare.items() for form in forms}
        find = literals.one_pass(first_of)
        if find is None:   # pragma: no cover - no search at all: substring tests for good
            self.texts = -(1 << 62)
            return False
        self.rare_ac = (find, first_of)
        return True

    def live(self) -> list[Any]:
        return [ix for ix in map(weakref.ref.__call__, self.refs) if ix is not None]

    def ready(self) -> set[str]:
        """Make ``watched`` and ``rare`` (the function words whose forms, in every
        index, are all ASCII and which are nobody's surname).  Holds the live indexes
        until the next index is built (a new Shared)."""
        live = self.indexes_alive = self.live()
        named = set().union(*(ix.surnames.keys() for ix in live))
        for first in FUNCTION_WORDS.difference(named):
            forms = [f for ix in live if first in ix.by_first for f in ix.by_first[first]]
            if forms and all(f.form.isascii() for f in forms):
                lowered = {f.lower for f in forms}
                # a form that holds another is found only where that one is
                self.rare[first] = tuple(sorted(f for f in lowered
                                                if not any(g != f and g in f for g in lowered)))
        watched = named.union(*(ix.by_first.keys() for ix in live))
        watched.difference_update(self.rare)
        self.watched = watched
        return watched

    def n(self, first: str) -> int:
        """The key length of *first*: its shortest form in any live index, or 0 when
        one of its forms is not ASCII.  In ASCII, lower-casing a matching text works
        letter by letter (a text that lower-cases to an ASCII form is as long as the
        form), so the first n characters of a match lower-case to the form's first n;
        elsewhere lengths may change, and the key tells nothing."""
        got = self.length.get(first)
        if got is None:
            forms = []
            for ix in self.indexes_alive:
                if first in ix.by_first:
                    forms.extend(ix.by_first[first])
            got = min(len(f.form) for f in forms) if forms and all(f.form.isascii() for f in forms) else 0
            self.length[first] = got
        return got


#: Texts searched form by form before the function words' automaton is built.
COLD_TEXTS = 3

_SHARED = Shared(weakref.WeakSet())

#: Function words that begin a few forms ("The Kremlin", "To Lam"): a token scan would
#: stop at every "the" of an article, so these are looked for as whole forms instead.
#: Set by casing.py (its CONNECTORS).
FUNCTION_WORDS: frozenset[str] = frozenset()


def register(index: Any) -> None:
    """Take in a new capitalization index (anything with ``by_first`` and ``surnames``
    dicts): a new Shared with it."""
    global _SHARED
    live = weakref.WeakSet(_SHARED.indexes)
    live.add(index)
    _SHARED = Shared(live)


class View:
    """A Document's watched tokens: indices, lower-cased texts, keys."""

    __slots__ = ("shared", "idx", "firsts", "keys", "distinct")

    def __init__(self, shared: Shared, idx: list[int], firsts: list[str], keys: list[str],
                 distinct: frozenset[str]) -> None:
        self.shared = shared
        self.idx = idx            # token indices, in text order
        self.firsts = firsts      # their lower-cased texts
        self.keys = keys          # the next n characters from each, lower-cased
        self.distinct = distinct  # frozenset(firsts)


def view(doc: Any) -> View:
    """The Document's View (kept in ``doc.memo``; remade if an index was built since)."""
    got = doc.memo.get("casing.scan")
    if got is not None and got.shared is _SHARED:
        return got
    shared = _SHARED
    watched = shared.watched if shared.watched is not None else shared.ready()
    lows = doc.token_lows
    low = ascii_lower(doc.prose)
    present = shared.present(low) if shared.rare else None
    if present and shared.rare_ac is not None:
        # past the first texts: the union with these function words, made once per
        # combination (a few); before, a second pass (no ~20 us copy in a one-article run)
        watched = shared.plus.get(present) or shared.plus.setdefault(present, watched | present)
        present = None
    idx = textscan.SCAN.indices_in(lows, watched, present or None)
    firsts = list(map(lows.__getitem__, idx))
    length = shared.length
    distinct = frozenset(firsts)
    for first in distinct.difference(length):
        shared.n(first)
    at = list(map(doc.token_starts.__getitem__, idx))
    upto = map(add, at, map(length.__getitem__, firsts))
    # (the ASCII lower case is as long as the text; a key matters only where an ASCII
    # form matches, and there it is the text's lower case: see ascii_lower)
    keys = list(map(low.__getitem__, map(slice, at, upto)))
    got = doc.memo["casing.scan"] = View(shared, idx, firsts, keys, distinct)
    return got


def ascii_lower(text: str) -> str:
    """*text* lower-cased, but for the characters that do not lower-case to one ASCII
    character, which become "?": the rare function words' forms are ASCII, and each
    holds where the text lower-cases to it, so it is part of this string too.

    Why: lower-casing non-ASCII text goes through the Unicode tables character by
    character (most copy has a curly quote somewhere), ASCII text is lowered a machine
    word at a time.  Where a form matches, the text is as long as the form (each
    character lower-cases to one character, and ASCII letters only come from ASCII
    letters and the KELVIN SIGN, which becomes "K" first: the only such character, a
    test checks all of Unicode), so the match is made of ASCII and KELVIN SIGN only.
    Other characters may give "?" where the full lower case gave something else: no
    ASCII form matched there."""
    if text.isascii():
        return text.lower()
    if "\u212a" in text:
        text = text.replace("\u212a", "K")
    return text.encode("ascii", "replace").decode("ascii").lower()


class Heads:
    """One index's heads: the first n characters (the Shared key length) of each of its
    forms, lower-cased, for the first words met so far; ``always``: first words without
    a usable key (non-ASCII forms, or fewer forms than the ``few`` threshold, which a
    test raises to switch the heads test off), whose tokens are all candidates."""

    def __init__(self, shared: Shared, few: int) -> None:
        self.shared, self.few = shared, few
        self.heads: set[str] = set()
        self.always: set[str] = set()
        self.known: set[str] = set()

    def learn(self, by_first: Any, words: frozenset[str]) -> None:
        for first in words.difference(self.known):
            forms = by_first.get(first)
            if forms:
                n = self.shared.n(first)
                if n and len(forms) >= self.few:
                    self.heads.update(f.lower[:n] for f in forms)
                else:
                    self.always.add(first)
            self.known.add(first)


def candidates(index: Any, doc: Any, few: int) -> tuple[list[int], View]:
    """Tokens of *doc* at which one of *index*'s forms may begin (all those where one
    does begin, in text order, and a few more), and the Document's View."""
    v = view(doc)
    hs = index.heads_view
    if hs is None or hs.shared is not v.shared or hs.few != few:
        hs = index.heads_view = Heads(v.shared, few)
    if not v.distinct <= hs.known:
        hs.learn(index.by_first, v.distinct)
    hit = map(hs.heads.__contains__, v.keys)
    if hs.always:
        hit = map(or_, hit, map(hs.always.__contains__, v.firsts))
    return list(compress(v.idx, hit)), v
