#!/usr/bin/env python3
"""Source-aware checks (MT9xx) on real WMT23 ru→en data: reference vs MT systems.

    python bench/source_wmt.py [--domain news] [--show N]

For every (document, system) of ``shared/data/wmt-ru-en/2023.jsonl.gz`` the Russian
source sentences are compared line by line with the human reference and with each MT
system's output.  The reference should be nearly clean; the weakest systems (lowest
chrF++ against the reference, printed alongside) should not be.  Figures are MT9xx
findings per 100 segments, per rule.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data" / "wmt-ru-en" / "2023.jsonl.gz"
CODES = ("MT901", "MT902", "MT903", "MT904")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--domain", default="news", help="news, reviews, manuals or all")
    ap.add_argument("--show", type=int, default=0, help="print this many example findings per system")
    args = ap.parse_args(argv)

    from sacrebleu.metrics import CHRF

    from mtcheck.api import Linter
    from mtcheck.config import Config

    rows = [json.loads(line) for line in gzip.open(args.data, "rt", encoding="utf-8")]
    if args.domain != "all":
        rows = [r for r in rows if r["domain"] == args.domain]
    linter = Linter(Config(select=("source-mismatch",)))
    counts: dict[str, Counter] = defaultdict(Counter)
    segs: Counter = Counter()
    hyps: dict[str, list[str]] = defaultdict(list)
    refs: dict[str, list[str]] = defaultdict(list)
    examples: dict[str, list[str]] = defaultdict(list)
    done_ref: set[str] = set()
    for r in rows:
        src = "\n".join(s.replace("\n", " ") for s in r["source_sentences"])
        outputs = [(r["system"], r["mt_sentences"])]
        if r["doc"] not in done_ref:
            done_ref.add(r["doc"])
            outputs.append(("[reference]", r["ref_sentences"]))
        for system, sents in outputs:
            text = "\n".join(s.replace("\n", " ") for s in sents)
            linter.ctx.options["source_texts"] = {"*": src}
            found = linter.lint_text(text, path=f"{r['doc']}.txt")
            segs[system] += len(sents)
            for f in found:
                counts[system][f.rule] += 1
                if len(examples[system]) < args.show:
                    examples[system].append(f"{f.rule} {f.message} | {text[f.start:f.end][:100]}")
            if system != "[reference]":
                hyps[system].extend(sents)
                refs[system].extend(r["ref_sentences"])
    chrf = CHRF(word_order=2)
    score = {s: chrf.corpus_score(hyps[s], [refs[s]]).score for s in hyps}
    score["[reference]"] = 100.0
    print(f"MT9xx findings per 100 segments, domain={args.domain}")
    print(f"{'system':<16} {'chrF++':>6} {'segs':>6} " + " ".join(f"{c:>6}" for c in CODES) + f" {'all':>6}")
    for s in sorted(segs, key=lambda s: -score[s]):
        per = [100 * counts[s][c] / segs[s] for c in CODES]
        print(f"{s:<16} {score[s]:6.1f} {segs[s]:6d} " + " ".join(f"{v:6.2f}" for v in per)
              + f" {sum(per):6.2f}")
    for s, ex in examples.items():
        if not ex:
            continue
        print(f"\n{s}:")
        for e in ex:
            print("  " + e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
