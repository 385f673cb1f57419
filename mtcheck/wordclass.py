"""Word classes of English words out of context, for the garbled-syntax checks.

Why not a tagger: the well-kept taggers (spaCy, flair, NLTK's perceptron) need a model
downloaded at run time, which mtcheck must never do.  lemminflect ships a lexicon of
every part of speech a word can have and every inflection of a lemma; the syntax checks
only need such "possible readings" -- a pattern fires when a word *can only* be, say, a
past participle -- so an ambiguity class per word is enough, and exact where a
statistical tagger would guess.

The classes are precomputed from lemminflect by scripts/build_wordclass.py into
``data/en_wordclass.wt`` (word -> class bit mask, plus singular -> plural), a
:mod:`mtcheck.wordtable` file that is memory-mapped on first use (well under a
millisecond, no per-word objects): importing lemminflect and its lexicon at run time
cost about a second per ``mtcheck lint``, parsing a text artifact into sets ~40 ms.
Each word's mask, and each (class, word) answer, is memoized per process.
"""

from __future__ import annotations

from functools import lru_cache

from .wordtable import WordTable, load_resource

__all__ = ["is_verb_only", "has_noun_reading", "is_plural_noun", "is_participle_only", "is_past_verb_only",
           "is_noun_only", "is_past_verb", "plural_of", "countable", "is_base_verb", "ClassMemo",
           "VERB_ONLY", "HAS_NOUN", "PLURAL_NOUN", "PARTICIPLE_ONLY", "PAST_VERB_ONLY", "PAST_VERB",
           "BASE_VERB", "NOUN_ONLY"]


@lru_cache(maxsize=1)
def _data() -> tuple[WordTable, WordTable, dict[str, int]]:
    """The class table, the plural table and each class name's bit."""
    t = load_resource("en_wordclass.wt")
    return t["classes"], t["plurals"], {c: 1 << i for i, c in enumerate(t.meta["classes"])}


#: Per-process memo: word as given -> class bit mask (0 for an unknown word).
_MASKS: dict[str, int] = {}


def _mask(word: str) -> int:
    m = _MASKS.get(word)
    if m is None:
        classes = _data()[0]
        i = classes.index(word.lower())
        m = classes.value(i) if i >= 0 else 0
        if len(_MASKS) >= 1 << 18:
            _MASKS.clear()
        _MASKS[word] = m
    return m


class ClassMemo(dict):
    """Per-process memo of one class: ``memo[word]`` is True if *word* can be / is only
    that class.  A dict subclass that fills itself on a miss, so a hit is one C-level
    subscript: the syntax checks ask about the same few thousand words in every article,
    and a function call per question cost more than the answer."""

    def __init__(self, cls: str) -> None:
        super().__init__()
        self.cls = cls

    def __missing__(self, word: str) -> bool:
        if len(self) >= 1 << 16:
            self.clear()
        got = self[word] = bool(_mask(word) & _data()[2][self.cls])
        return got


VERB_ONLY = ClassMemo("VERB_ONLY")
HAS_NOUN = ClassMemo("HAS_NOUN")
PLURAL_NOUN = ClassMemo("PLURAL_NOUN")
PARTICIPLE_ONLY = ClassMemo("PARTICIPLE_ONLY")
PAST_VERB_ONLY = ClassMemo("PAST_VERB_ONLY")
PAST_VERB = ClassMemo("PAST_VERB")
BASE_VERB = ClassMemo("BASE_VERB")
NOUN_ONLY = ClassMemo("NOUN_ONLY")


def is_verb_only(word: str) -> bool:
    """Known only as a verb or auxiliary ("was", "made"): it starts a new clause."""
    return VERB_ONLY[word]


def has_noun_reading(word: str) -> bool:
    return HAS_NOUN[word]


def is_plural_noun(word: str) -> bool:
    """A regular noun plural ("contacts", "talks"), not a singular in -s ("news", "series")."""
    return PLURAL_NOUN[word]


def is_participle_only(word: str) -> bool:
    """A past participle the lexicon knows as nothing else (no noun or adjective reading).

    "arrested", "detained" qualify; "injured" (also an adjective) and "accused" (also a
    noun) do not -- English already uses those as nouns ("the injured").
    """
    return PARTICIPLE_ONLY[word]


def is_past_verb_only(word: str) -> bool:
    """A past-tense verb form with no noun or adjective reading ("made", "discussed")."""
    return PAST_VERB_ONLY[word]


def is_past_verb(word: str) -> bool:
    """Can be a past-tense verb, whatever else it can be ("increased" is also an adjective)."""
    return PAST_VERB[word]


def is_base_verb(word: str) -> bool:
    """Can be a bare infinitive ("send", "release")."""
    return BASE_VERB[word]


def is_noun_only(word: str) -> bool:
    """A noun the lexicon knows under no other part of speech ("farce", "development")."""
    return NOUN_ONLY[word]


@lru_cache(maxsize=4096)
def plural_of(word: str) -> str | None:
    """The regular plural of a singular noun, if the lexicon has one different from it."""
    plurals = _data()[1]
    lo, hi = plurals.prefix_range(word.lower() + "\t")
    return plurals.key(lo).partition("\t")[2] if lo < hi else None


def countable(word: str, max_gap: float = 1.5) -> bool:
    """Heuristic: a noun is countable if its plural is in common use.

    Mass nouns have no plural in running text ("nonsense", "news") or a rare one
    ("interference" 4.0 vs "interferences" 2.2 in Zipf units); count nouns keep their
    plural within ~1.5 Zipf of the singular ("farce" 3.3, "farces" 2.1).  Frequencies
    come from mtcheck's shipped English lexicon (wordfreq), so no corpus is needed.
    """
    from .lexicon import zipf

    plural = plural_of(word)
    if not plural:
        return False
    zs, zp = zipf(word), zipf(plural)
    return zs > 0 and zp > 0 and zs - zp <= max_gap
