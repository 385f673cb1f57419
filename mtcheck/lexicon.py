"""English word lexicon with Zipf frequencies, loaded from a shipped artifact.

Why this module exists: several checks need to know whether a token is an
ordinary English word (to avoid flagging it as a romanized Russian leftover, a
typo, a name variant...) and how common it is.  The data comes from wordfreq
(see ``scripts/build_lexicon.py``), but wordfreq is only a *build-time*
dependency: at run time we read ``mtcheck/data/en_lexicon.tsv.gz`` so the
linter stays light and its answers are pinned to a known data version.

The artifact is parsed once, lazily, on first use (``functools.lru_cache``),
so importing ``mtcheck.lexicon`` costs nothing and a lint run pays the load
(~80-100 ms) only if some check actually asks.

wordfreq splits words at hyphens, so the lexicon has no hyphenated entries:
look up the parts of "well-known", not the compound.

Zipf frequency is log10 of occurrences per billion words: 7 is "the", 4 is a
common word, 2 is rare, 1.2 is roughly the floor of this lexicon.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

__all__ = ["zipf", "is_english", "words", "min_zipf", "normalize", "DEFAULT_MIN_ZIPF"]

_RESOURCE = "en_lexicon.tsv.gz"

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
def _table() -> dict[str, float]:
    """Load and parse the artifact once.

    The file groups words by Zipf value (one line per value, words separated
    by spaces), which lets us build the dict with one ``dict.fromkeys`` per
    bucket -- several times faster than a line per word.
    """
    ref = resources.files(__name__.rpartition(".")[0] or "mtcheck") / "data" / _RESOURCE
    raw = gzip.decompress(ref.read_bytes()).decode("utf-8")
    keys: list[str] = []
    values: list[float] = []
    for line in raw.splitlines():
        if not line or line.startswith("#"):
            continue
        z, _, ws = line.partition("\t")
        bucket = ws.split(" ")
        keys += bucket
        values += [float(z)] * len(bucket)
    # One dict construction (a single insertion per word) is measurably faster
    # than merging a dict per bucket.
    return dict(zip(keys, values))


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (case-insensitive), or 0.0 if it is not in the lexicon."""
    return _table().get(normalize(word), 0.0)


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
    return frozenset(_table())


def min_zipf() -> float:
    """The smallest Zipf value stored: words rarer than this read as 0.0 (unknown)."""
    return min(_table().values())
