"""English word lexicon with Zipf frequencies, loaded from a shipped artifact.

Why this module exists: several checks need to know whether a token is an
ordinary English word (to avoid flagging it as a romanized Russian leftover, a
typo, a name variant...) and how common it is.  The data comes from wordfreq
(see ``scripts/build_lexicon.py``), but wordfreq is only a *build-time*
dependency: at run time we read ``mtcheck/data/en_lexicon.wt`` so the
linter stays light and its answers are pinned to a known data version.

The artifact is a :mod:`mtcheck.wordtable` file (sorted keys + uint16 Zipf x 100),
memory-mapped on first use and searched by bisection: importing
``mtcheck.lexicon`` costs nothing, the first lookup well under a millisecond,
and no 250k-entry dict is ever built (that cost ~130 ms and ~20 MB per
process).  Answers are memoized per process, so a repeated word is a dict hit.

wordfreq splits words at hyphens, so the lexicon has no hyphenated entries:
look up the parts of "well-known", not the compound.

Zipf frequency is log10 of occurrences per billion words: 7 is "the", 4 is a
common word, 2 is rare, 1.2 is roughly the floor of this lexicon.
"""
from __future__ import annotations

from functools import lru_cache

from .wordtable import WordTable, load_resource

__all__ = ["zipf", "is_english", "words", "min_zipf", "normalize", "table", "scale", "DEFAULT_MIN_ZIPF"]

_RESOURCE = "en_lexicon.wt"

#: Default Zipf floor for :func:`is_english`.  Below ~1.5 wordfreq's English
#: list is noisy: it contains foreign words, misspellings and names that
#: merely occur in English web text (even a few romanized Russian forms), so
#: "in the lexicon" alone is weak evidence that a token is English.
DEFAULT_MIN_ZIPF = 1.5

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def normalize(word: str) -> str:
    """Return the lookup key for ``word``: lower-cased, curly apostrophes made straight.

    Why: MT output and news copy use typographic apostrophes ("don’t") while
    the lexicon stores ASCII ones, and the lexicon is lower-cased throughout.
    """
    return word.translate(_APOSTROPHES).lower()


@lru_cache(maxsize=1)
def _load() -> tuple[WordTable, float, float]:
    """Map the artifact once: the table, its value scale and its smallest Zipf value."""
    t = load_resource(_RESOURCE)
    scale = float(t.meta["scale"])
    return t["zipf"], scale, t.meta["min_zipf"] / scale


def table() -> WordTable:
    """The lexicon as a sorted :class:`~mtcheck.wordtable.WordTable` (value = Zipf x :func:`scale`).

    For callers that need ranges of words (e.g. every word starting with a prefix)."""
    return _load()[0]


def scale() -> float:
    """Divide a :func:`table` value by this to get the Zipf frequency."""
    return _load()[1]


#: Per-process memo of :func:`zipf` by the word as given (news copy repeats its words).
_MEMO: dict[str, float] = {}
_MEMO_MAX = 1 << 18


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (case-insensitive), or 0.0 if it is not in the lexicon."""
    z = _MEMO.get(word)
    if z is None:
        # The memo also holds lookup keys: "Moscow" (asked by the names check) and
        # "moscow" (asked by the romanized check) cost one table search.  A key is its
        # own normal form, so zipf(key) is the same number.
        key = normalize(word)
        z = _MEMO.get(key)
        if len(_MEMO) >= _MEMO_MAX:
            _MEMO.clear()
        if z is None:
            tab, sc, _ = _load()
            i = tab.index(key)
            z = _MEMO[key] = tab.value(i) / sc if i >= 0 else 0.0
        _MEMO[word] = z
    return z


def is_english(word: str, min_zipf: float = DEFAULT_MIN_ZIPF) -> bool:
    """True if ``word`` is an English word with Zipf frequency >= ``min_zipf``.

    The default floor (1.5) keeps rare-but-real words ("quixotic" 2.3) while
    ignoring the noisy tail of the list; pass a lower value (down to
    :func:`min_zipf`) to accept anything the lexicon has, or a higher one to
    require a common word.
    """
    z = zipf(word)
    return z > 0.0 and z >= min_zipf


def words() -> frozenset[str]:
    """All words in the lexicon (lower-case), e.g. for fuzzy matching or membership tests."""
    return _words_frozen()


@lru_cache(maxsize=1)
def _words_frozen() -> frozenset[str]:
    # Built only if someone asks (~30 ms, ~20 MB): no check does on the lint path.
    return frozenset(table().keys())


def min_zipf() -> float:
    """The smallest Zipf value stored: words rarer than this read as 0.0 (unknown)."""
    return _load()[2]
