#!/usr/bin/env python3
"""The article score on real news: seeds vs clean human English, and WMT23 ru→en systems.

    python bench/score_wmt.py [--jobs 2]

Prints (1) the score of the two seed articles and the mean/min of the 80 clean English
news documents in ``shared/data/clean-en/`` (the issue's acceptance check: both seeds
below the clean average, the TASS seed clearly below the Sputnik one), and (2) for the
54 news documents of ``shared/data/wmt-ru-en/2023.jsonl.gz``, each MT system's mean
article score next to its corpus chrF++ against the human reference, with the Pearson
correlation over systems.  The reference itself is scored too (it should come out on top
or near it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared" / "data"


def _scores(texts: list[str]) -> list[float]:
    from mtcheck.api import Linter
    from mtcheck.score import score_text

    linter = Linter()
    return [score_text(t, linter=linter).score for t in texts]


def score_all(texts: list[str], jobs: int) -> list[float]:
    if jobs <= 1:
        return _scores(texts)
    from multiprocessing import Pool
    with Pool(jobs) as pool:
        parts = pool.map(_scores, [texts[i::jobs] for i in range(jobs)])
    out: list = [None] * len(texts)
    for i, part in enumerate(parts):
        out[i::jobs] = part
    return out


def pearson(x: list[float], y: list[float]) -> float:
    mx, my = statistics.mean(x), statistics.mean(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()

    seeds = sorted((REPO / "seeds").glob("*.txt"))
    clean = [d for f in sorted((SHARED / "clean-en").glob("*.txt"))
             for d in f.read_text(encoding="utf-8").split("\n\n") if d.strip()]
    rows = [json.loads(line) for line in gzip.open(SHARED / "wmt-ru-en" / "2023.jsonl.gz", "rt", encoding="utf-8")]
    news = [r for r in rows if r["domain"] == "news"]
    refs: dict[str, str] = {}
    for r in news:
        refs.setdefault(r["doc"], "\n".join(s.replace("\n", " ") for s in r["ref_sentences"]))
    texts = ([s.read_text(encoding="utf-8") for s in seeds] + clean
             + ["\n".join(s.replace("\n", " ") for s in r["mt_sentences"]) for r in news] + list(refs.values()))
    scores = score_all(texts, args.jobs)
    k = len(seeds)
    seed_scores, clean_scores = scores[:k], scores[k:k + len(clean)]
    mt_scores = scores[k + len(clean):k + len(clean) + len(news)]
    ref_scores = scores[k + len(clean) + len(news):]

    print("Seeds and clean human news")
    for s, v in zip(seeds, seed_scores):
        print(f"  {s.name:<32} {v:6.1f}")
    print(f"  clean-en ({len(clean)} docs) mean      {statistics.mean(clean_scores):6.1f}  "
          f"(min {min(clean_scores):.1f}, share >= 90: {sum(v >= 90 for v in clean_scores) / len(clean_scores):.0%})")

    from sacrebleu.metrics import CHRF
    chrf = CHRF(word_order=2)
    by_sys: dict[str, list[float]] = defaultdict(list)
    hyp: dict[str, list[str]] = defaultdict(list)
    ref: dict[str, list[str]] = defaultdict(list)
    for r, v in zip(news, mt_scores):
        by_sys[r["system"]].append(v)
        hyp[r["system"]].extend(r["mt_sentences"])
        ref[r["system"]].extend(r["ref_sentences"])
    table = sorted(((s, statistics.mean(v), chrf.corpus_score(hyp[s], [ref[s]]).score) for s, v in by_sys.items()),
                   key=lambda t: -t[2])
    print(f"\nWMT23 ru→en news ({len(refs)} documents): mean article score per system")
    print(f"  {'system':<16} {'score':>6} {'chrF++':>7}")
    print(f"  {'[reference]':<16} {statistics.mean(ref_scores):6.1f} {'':>7}")
    low = [(d, v) for d, v in zip(refs, ref_scores) if v < 50]
    if low:
        rest = [v for v in ref_scores if v >= 50]
        print(f"  {'[reference]*':<16} {statistics.mean(rest):6.1f} {'':>7}  * without "
              + ", ".join(f"{d} ({v:.0f})" for d, v in low) + " (reference documents scoring below 50)")
    for s, v, c in table:
        print(f"  {s:<16} {v:6.1f} {c:7.1f}")
    print(f"  Pearson(score, chrF++) over {len(table)} systems: "
          f"{pearson([t[1] for t in table], [t[2] for t in table]):.3f}")
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
