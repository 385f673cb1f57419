"""Build mtcheck/data/en_wordclass.wt: what each English word form *can* be.

Why a built artifact: the garbled-syntax checks need, per word, its possible parts of
speech and inflections ("arrested" can only be a past participle/past tense; "contacts"
is a plural noun; "farce" is only a noun, plural "farces").  lemminflect ships exactly
that lexicon, but loading it (and numpy, which it imports) costs about a second per run.
Precomputing the few word classes the checks ask about keeps ``mtcheck lint`` fast and
makes lemminflect a build-time dependency only.

Output: a :mod:`mtcheck.wordtable` file (memory-mapped at run time, no parsing) with two
tables: ``classes``, word -> bit mask over the class names listed in the metadata (bit i
= ``meta["classes"][i]``), and ``plurals``, keys-only, ``singular<TAB>plural``: a
singular's plural is the one key in the prefix range of ``singular<TAB>``.
Deterministic (sorted keys).

Usage: python scripts/build_wordclass.py
"""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

import lemminflect
from lemminflect import getAllInflections, getAllLemmas

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from mtcheck.wordtable import write_tables  # noqa: E402

OUT = REPO / "mtcheck" / "data" / "en_wordclass.wt"

#: Bit order of the class mask (the runtime reads it from the artifact's metadata).
CLASSES = ("VERB_ONLY", "HAS_NOUN", "NOUN_ONLY", "PLURAL_NOUN", "PARTICIPLE_ONLY",
           "PAST_VERB_ONLY", "PAST_VERB", "BASE_VERB")


def forms(word: str, readings: dict, upos: str, tag: str) -> bool:
    """Is *word* the *tag* form of one of its lemmas?  lemminflect lists VBN only where it
    differs from VBD ("taken"/"took"); for regular verbs the past form serves as both."""
    for lemma in readings.get(upos, ()):
        infl = getAllInflections(lemma, upos=upos)
        if word in infl.get(tag, ()) or (tag == "VBN" and "VBN" not in infl and word in infl.get("VBD", ())):
            return True
    return False


def main() -> None:
    src = os.path.join(os.path.dirname(lemminflect.__file__), "resources", "lemma_lu.csv.gz")
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        words = sorted({line.split(",", 1)[0] for line in fh if line[:1].isalpha()})
    classes: dict[str, list[str]] = {k: [] for k in CLASSES}
    plurals: list[tuple[str, str]] = []
    for w in words:
        if not w.isalpha() or not w.islower():
            continue
        r = dict(getAllLemmas(w))
        if not r:
            continue
        pos = set(r)
        if pos <= {"VERB", "AUX"}:
            classes["VERB_ONLY"].append(w)
        if "NOUN" in pos:
            classes["HAS_NOUN"].append(w)
        if pos == {"NOUN"}:
            classes["NOUN_ONLY"].append(w)
        lemmas = r.get("NOUN", ())
        if lemmas and w not in lemmas and forms(w, r, "NOUN", "NNS"):
            classes["PLURAL_NOUN"].append(w)
        if pos <= {"VERB"} and forms(w, r, "VERB", "VBN"):
            classes["PARTICIPLE_ONLY"].append(w)
        if pos <= {"VERB"} and forms(w, r, "VERB", "VBD"):
            classes["PAST_VERB_ONLY"].append(w)
        if forms(w, r, "VERB", "VBD"):
            classes["PAST_VERB"].append(w)
        if forms(w, r, "VERB", "VB"):
            classes["BASE_VERB"].append(w)
        if w in lemmas:
            for p in getAllInflections(w, upos="NOUN").get("NNS", ()):
                if p != w:
                    plurals.append((w, p))
                    break
    masks: dict[str, int] = {}
    for bit, k in enumerate(CLASSES):
        for w in classes[k]:
            masks[w] = masks.get(w, 0) | 1 << bit
    plural_of = dict(plurals)  # one plural per singular (the first lemminflect lists)
    meta = {"source": f"English word classes from lemminflect {lemminflect.__version__} (scripts/build_wordclass.py)",
            "classes": list(CLASSES)}
    size = write_tables(OUT, {"classes": (list(masks), list(masks.values()), "B"),
                              "plurals": ([f"{s}\t{p}" for s, p in plural_of.items()], None, None)}, meta)
    print(f"wrote {OUT}: {size} bytes; " + ", ".join(f"{k} {len(v)}" for k, v in classes.items())
          + f", PLURAL {len(plural_of)}")


if __name__ == "__main__":
    main()
