"""Is this lower-case word an ordinary English word (not only a name)?

Backed by ``data/en_common.wt`` (built by scripts/build_common_words.py from
lemminflect's lexicon, which lists common nouns, verbs and adjectives but no proper
nouns).  Casing checks use it to leave "trump card", "fine china" and "roast turkey"
alone while still flagging "russia" or "lavrov".  The file is a keys-only
:mod:`mtcheck.wordtable`, memory-mapped on first use; answers are memoized per process.
"""

from __future__ import annotations

from functools import lru_cache

from .wordtable import WordTable, load_resource


@lru_cache(maxsize=1)
def _words() -> WordTable:
    return load_resource("en_common.wt")["words"]


_MEMO: dict[str, bool] = {}


def is_common_word(word: str) -> bool:
    """True when *word* (any case) has an ordinary-word reading in English."""
    hit = _MEMO.get(word)
    if hit is None:
        hit = _MEMO[word] = word.lower() in _words()
        if len(_MEMO) >= 1 << 18:
            _MEMO.clear()
    return hit
