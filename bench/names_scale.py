"""Clustering speed and memory at corpus scale: 100k synthetic-but-realistic mentions.

Mentions are surnames of the gazetteer's people (rules/entities.yml) plus a few thousand
surnames recombined from them (stem of one, suffix of another), drawn with a
Zipf-like frequency (a few names everywhere, most names rare), each written with random
romanization changes of the kind real copy shows (y/i/j, kh/h, x/ks, ts/tz, doubled
letters, -sky/-skiy/-ski, ye-/e-) and, for a share of them, a transliterated Russian case
ending (-a, -u, -om, -e, -ym for men's surnames; -oi, -u, -ai for women's).  All mentions
are clustered as one pool with mtcheck.names.matching.cluster_spellings (the corpus-size
path: equal keys, case endings, rapidfuzz process.cdist for the leftovers).

Reports: time to fold 100k mentions into keys, time to cluster, peak memory
(tracemalloc) and, because the truth is known, cluster purity (share of clusters whose
spellings all come from one surname) and recall (share of surnames whose variants all
landed in one cluster).

    python bench/names_scale.py [--mentions 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SWAPS = [("y", "i"), ("i", "y"), ("y", "j"), ("kh", "h"), ("ks", "x"), ("x", "ks"), ("ts", "tz"),
         ("sky", "skiy"), ("sky", "ski"), ("iy", "y"), ("ye", "e")]
MASC_ENDINGS = ["a", "u", "om", "e", "ym"]
FEM_ENDINGS = ["oi", "u", "ai", "oy"]


def variant(name: str, rng: random.Random) -> str:
    """One realistic misspelling/romanization of *name* (may be the name itself)."""
    out = name
    for a, b in rng.sample(SWAPS, k=rng.choice([0, 0, 1, 1, 2])):
        if a in out.lower():
            i = out.lower().index(a)
            rep = b if not out[i].isupper() else b.capitalize()
            out = out[:i] + rep + out[i + len(a):]
    if rng.random() < 0.05 and len(out) > 4:   # a doubled consonant
        i = rng.randrange(1, len(out) - 1)
        if out[i] in "bcdfgklmnprstvz":
            out = out[:i] + out[i] + out[i:]
    return out


def inflect(name: str, rng: random.Random) -> str:
    if rng.random() > 0.25:
        return name
    if name.endswith("a"):   # women's surnames: Petrova -> Petrovoi, Petrovu
        return name[:-1] + rng.choice(FEM_ENDINGS)
    if name[-1] in "vn":     # men's: Petrov -> Petrova, Petrovu, Petrovym
        return name + rng.choice(MASC_ENDINGS)
    return name


def build(n: int, seed: int, synthetic: int):
    from mtcheck.checks import CheckContext
    from mtcheck.rules import load_rules

    rng = random.Random(seed)
    gaz = CheckContext(ruleset=load_rules()).gazetteer
    real = sorted({e.name.split()[-1] for e in gaz.section("people") if len(e.name.split()) > 1})
    # A real archive names thousands of rare people: add surnames recombined from the
    # gazetteer's (a stem of one + the suffix of another: "Kol" + "chenko").
    stems = sorted({w[: max(3, len(w) // 2)] for w in real if w.isalpha()})
    tails = sorted({w[len(w) // 2:] for w in real if w.isalpha() and len(w) >= 6})
    made = {rng.choice(stems) + rng.choice(tails) for _ in range(synthetic)}
    surnames = sorted(set(real) | made)
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(surnames))]
    rng.shuffle(surnames)
    picks = rng.choices(surnames, weights=weights, k=n)
    return [(inflect(variant(s, rng), rng), s) for s in picks], surnames


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--synthetic", type=int, default=8000, help="recombined surnames added to the gazetteer's")
    args = ap.parse_args()

    from mtcheck.lexicon import zipf
    from mtcheck.names.keys import NameRules
    from mtcheck.names.matching import Spelling, cluster_spellings

    mentions, surnames = build(args.mentions, args.seed, args.synthetic)
    rules = NameRules.builtin()
    zipf("warm")  # load the lexicon outside the timings

    tracemalloc.start()
    t0 = time.perf_counter()
    counts: Counter[str] = Counter()
    truth: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, int] = {}
    for i, (spelling, true) in enumerate(mentions):
        counts[spelling] += 1
        truth[spelling][true] += 1
        first.setdefault(spelling, i)
    spellings = [Spelling(s, rules.key(s), c, zipf(s), False, first[s]) for s, c in counts.items()]
    t_fold = time.perf_counter() - t0
    t1 = time.perf_counter()
    clusters = cluster_spellings(spellings, rules)
    t_cluster = time.perf_counter() - t1
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    # quality against the known truth (label = majority true surname of a spelling)
    label = {sp.text: truth[sp.text].most_common(1)[0][0] for sp in spellings}
    pure = sum(1 for c in clusters if len({label[spellings[i].text] for i in c.members}) == 1)
    where: dict[str, set[int]] = defaultdict(set)
    for ci, c in enumerate(clusters):
        for i in c.members:
            where[label[spellings[i].text]].add(ci)
    seen = [s for s in where]
    complete = sum(1 for s in seen if len(where[s]) == 1)
    multi = sum(1 for c in clusters if len(c.members) > 1)

    print(f"mentions:            {len(mentions):,} ({len(spellings):,} distinct spellings of "
          f"{len(seen):,} surnames)")
    print(f"fold to keys:        {t_fold:.2f} s")
    print(f"cluster:             {t_cluster:.2f} s  ({len(clusters):,} clusters, {multi:,} with 2+ spellings)")
    print(f"peak memory:         {peak / 1e6:.1f} MB (tracemalloc, folding + clustering)")
    print(f"purity:              {pure / len(clusters):.3f} of clusters hold one surname")
    print(f"recall:              {complete / len(seen):.3f} of surnames end up in a single cluster")


if __name__ == "__main__":
    main()
