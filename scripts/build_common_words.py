"""Build mtcheck/data/en_common.wt: English words that are *common words* (not names).

Why: a frequency list cannot tell "turkey" the bird from "Turkey" the country, because
it folds case.  lemminflect ships a lexicon of English lemmas and inflections with parts
of speech (nouns, verbs, adjectives…) and no proper nouns; a word listed there has a
common-word reading, so a lower-case "trump" or "china" may be legitimate while a
lower-case "russia" never is.  lemminflect is a build-time dependency only.

Output: a keys-only :mod:`mtcheck.wordtable` file (memory-mapped at run time: no set of
60k strings is built per process).

Usage: python scripts/build_common_words.py
"""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

import lemminflect

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from mtcheck.wordtable import write_tables  # noqa: E402

OUT = REPO / "mtcheck" / "data" / "en_common.wt"
KEEP = {"noun", "verb", "adj", "adv", "aux", "adp", "pron", "det", "cconj", "sconj", "intj", "num", "part"}


def main() -> None:
    src = os.path.join(os.path.dirname(lemminflect.__file__), "resources", "lemma_lu.csv.gz")
    words: set[str] = set()
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split(",")
            if len(parts) >= 3 and parts[1] in KEEP and parts[0].isalpha() and parts[0].islower():
                words.add(parts[0])
                words.update(w for w in parts[2].split("/") if w.isalpha() and w.islower())
    meta = {"source": f"English common words (lemmas and inflections) from lemminflect {lemminflect.__version__}"}
    size = write_tables(OUT, {"words": (sorted(words), None, None)}, meta)
    print(f"wrote {OUT} ({len(words)} words, {size} bytes)")


if __name__ == "__main__":
    main()
