"""Is this lower-case word an ordinary English word (not only a name)?

Backed by ``data/en_common.txt.gz`` (built by scripts/build_common_words.py from
lemminflect's lexicon, which lists common nouns, verbs and adjectives but no proper
nouns).  Casing checks use it to leave "trump card", "fine china" and "roast turkey"
alone while still flagging "russia" or "lavrov".
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    ref = resources.files("mtcheck") / "data" / "en_common.txt.gz"
    with ref.open("rb") as raw:
        text = gzip.decompress(raw.read()).decode("utf-8")
    return frozenset(text.split("\n", 1)[1].split())  # first line is the provenance header


def is_common_word(word: str) -> bool:
    """True when *word* (any case) has an ordinary-word reading in English."""
    return word.lower() in _words()
