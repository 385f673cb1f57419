"""Which words of one mention the names analysis compares, and their gazetteer spellings.

Why a module of its own: it is the per-mention half of clusters.analyze (the other half
clusters whole stories), and it depends only on the mention's words, so clusters.analyze
memoizes it per distinct mention (names recur across stories).  names/precheck.py
mirrors its tests to answer "no group possible" without running it.
"""

from __future__ import annotations

from typing import Any

from .index import NameIndex
from .keys import NameRules
from .mentions import COMMON_ZIPF, MIN_GIVEN_LEN, MIN_WORD_LEN, word_zipf

__all__ = ["words_to_compare", "gazetteer_tail"]


def words_to_compare(texts: tuple[str, ...], tables: NameIndex, gazetteer: Any,
                     rules: NameRules) -> tuple[tuple[int, bool, str | None, str | None, bool], ...]:
    """Which words of a mention are compared, last word first, as (word index, given name?,
    gazetteer spelling, gazetteer entry, the surname?).  It depends only on the words, so
    it is worked out once per distinct mention (names recur across stories) and memoized.

    One-letter words (initials) are left out.  The last word is the surname (or place); a
    word before it is compared as a given name when the gazetteer knows it as one or
    resolves the mention.  Capitals-only words, short words and common English words the
    gazetteer does not know are left out too.
    """
    zipf = word_zipf
    known_words = tables.person_place
    given_names = tables.given
    long = [i for i, t in enumerate(texts) if len(t) > 1]
    words = tuple(texts[i] for i in long)
    targets = gazetteer_tail(words, tables, gazetteer, rules)
    out = []
    has_last = False   # the last word is compared: what comes before may be its given name
    for wi in range(len(words) - 1, -1, -1):
        text = words[wi]
        if text.isupper():
            continue
        target, entry = targets.get(wi, (None, None))
        given = has_last and (text in given_names or target is not None)
        # cheap tests first: the length rules drop the word whatever zipf says
        if len(text) < (MIN_GIVEN_LEN if given else MIN_WORD_LEN):
            continue
        if not (target is not None or text in known_words or zipf(text) < COMMON_ZIPF):
            continue
        if text.islower() and target is None and text not in tables.lower_words:
            # the lower-case half of a hyphenated given name ("Lee Jae-yong"): a syllable
            # to keep the mention whole, not a surname to match against others ("yong"
            # is no variant of the "Jong" of Kim Jong-un)
            continue
        surname = not given and wi == len(words) - 1
        out.append((long[wi], given, target, entry, surname))
        if surname:
            has_last = True
    return tuple(out)


def gazetteer_tail(words: tuple[str, ...], tables: NameIndex, gazetteer: Any,
                   rules: NameRules) -> dict[int, tuple[str, str]]:
    """Gazetteer spelling for the words of the longest known tail of a mention.

    "Kremlin spokesman Dmitri Peskov" -> {2: ("Dmitry", "Dmitry Peskov"), 3: ("Peskov", …)}.
    """
    keys = [rules.key(w) for w in words]
    for start in range(len(words)):
        entry = tables.entry(gazetteer, " ".join(keys[start:]))
        if entry is None or (len(words) - start < 2 and entry.section == "people"):
            continue
        canon = entry.name.replace("-", " ").split()
        if len(canon) != len(words) - start:
            # an alias with another shape ("Bill Clinton" for "William Clinton"): accepted as is
            return {start + i: (words[start + i], entry.name) for i in range(len(words) - start)}
        return {start + i: (canon[i], entry.name) for i in range(len(canon))}
    return {}
