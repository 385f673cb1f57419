"""How many name-variant clusters mtcheck finds in real Russian->English MT output.

Data: ../shared/data/wmt-ru-en/2023.jsonl.gz (WMT 2023 general test set, 162 documents x
12 systems; see /work/shared/data/README.md).  Each (document, system) row is joined into
one article, one segment per line, and analysed with the built-in rules and gazetteer.
The human reference of each document is analysed the same way as a control: variants
found there are mostly false positives (or the translator's own inconsistency).

Prints clusters per system and overall, then a seeded random sample of clusters for
hand-checking (precision is judged by a person, not by this script).

    python bench/names_wmt.py [--data PATH] [--sample 30] [--seed 3] [--domain news]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "wmt-ru-en" / "2023.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--domain", default=None, help="only this domain (news, reviews, manuals)")
    args = ap.parse_args()

    from mtcheck.checks import CheckContext
    from mtcheck.document import Document
    from mtcheck.names.clusters import analyze
    from mtcheck.names.keys import NameRules
    from mtcheck.rules import load_rules

    ruleset = load_rules()
    ctx = CheckContext(ruleset=ruleset)
    rules = NameRules.from_ruleset(ruleset)
    gaz = ctx.gazetteer

    rows = [json.loads(line) for line in gzip.open(args.data, "rt", encoding="utf-8")]
    if args.domain:
        rows = [r for r in rows if r["domain"] == args.domain]
    per_system: Counter[str] = Counter()
    flags_per_system: Counter[str] = Counter()
    gender_per_system: Counter[str] = Counter()
    words_per_system: Counter[str] = Counter()
    docs_per_system: Counter[str] = Counter()
    found: list[tuple[str, str, object, str]] = []
    refs_done: set[str] = set()
    t0 = time.perf_counter()
    for r in rows:
        items = [(r["system"], r["mt_sentences"])]
        if r["doc"] not in refs_done:
            refs_done.add(r["doc"])
            items.append(("(reference)", r["ref_sentences"]))
        for system, sentences in items:
            text = "\n".join(s.strip() for s in sentences)
            doc = Document.from_text(text, f"{r['doc']}:{system}")
            result = analyze(doc, gaz, rules)
            docs_per_system[system] += 1
            words_per_system[system] += doc.word_count()
            for g in result.groups:
                if all(f.gender for f in g.flags):
                    gender_per_system[system] += 1   # MT602 (info): Lavrov/Lavrova pairs
                    continue
                per_system[system] += 1
                flags_per_system[system] += len(g.flags)
                found.append((r["doc"], system, g, text))
    elapsed = time.perf_counter() - t0

    print(f"{len(rows)} MT rows + {len(refs_done)} references analysed in {elapsed:.1f}s\n")
    print("clusters = names written 2+ ways (MT601); m/f = masculine/feminine pairs (MT602, info)")
    print(f"{'system':<16} {'docs':>5} {'kwords':>7} {'clusters':>9} {'flags':>6} {'m/f':>4} {'clusters/10kw':>14}")
    for system in sorted(docs_per_system, key=lambda s: (s == "(reference)", s)):
        kw = words_per_system[system] / 1000
        print(f"{system:<16} {docs_per_system[system]:>5} {kw:>7.1f} {per_system[system]:>9} "
              f"{flags_per_system[system]:>6} {gender_per_system[system]:>4} "
              f"{per_system[system] / kw * 10 if kw else 0:>14.2f}")
    mt = [f for f in found if f[1] != "(reference)"]
    print(f"\nMT total: {len(mt)} clusters, {sum(len(g.flags) for _d, _s, g, _t in mt)} flagged spellings, "
          f"{sum(v for k, v in gender_per_system.items() if k != '(reference)')} m/f pairs")
    kinds = Counter(k for _d, _s, g, _t in mt for k in (g.kinds or {"romanization"}))
    print("evidence kinds:", dict(kinds))

    rng = random.Random(args.seed)
    sample = rng.sample(mt, min(args.sample, len(mt)))
    print(f"\nSample of {len(sample)} clusters (seed {args.seed}) for hand-checking:")
    for n, (doc_id, system, g, text) in enumerate(sample, 1):
        flag = next(f for f in g.flags if not f.gender)
        o = flag.occ
        ctx_s = text[max(0, o.start - 50):o.end + 30].replace("\n", " / ")
        fixes = ",".join(sorted({f.fix or "none" for f in g.flags if not f.gender}))
        print(f"{n:>2}. {doc_id} [{system}] {g.summary} -> {g.canonical} (fix {fixes}; {g.source})")
        print(f"      …{ctx_s}…")


if __name__ == "__main__":
    main()
