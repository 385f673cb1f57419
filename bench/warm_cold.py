"""How much of a worker's time is first-time work: one worker's share linted several times.

    python bench/warm_cold.py [--passes 3] [--runs 3]

One ``--jobs 2`` worker lints ~512 of the corpus's 1,000 articles (single_pass.worker_share),
each distinct word for the first time in that process: name keys and candidates, the
romanized-Russian model, lexicon and word-class lookups in the mapped tables, patterns
compiled on first use.  Linting the same share again in the same process shows what
an article costs once all of that is memoized: the difference is the first-time work
every worker pays for its own vocabulary (session 8: 0.95-1.07 ms an article on the
first pass, 0.72 ms on the next ones).  CPU time of the process; a fresh process per run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import gc, glob, sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
from mtcheck import rxtimeout
rxtimeout.use_alarm()   # as the command does (mtcheck/__main__.py)
from mtcheck.runner import RunOptions, Runner
from single_pass import worker_share
runner = Runner(RunOptions(use_cache=False, overrides={{"languagetool": "off"}}))
paths = sorted(glob.glob({corpus!r} + "/*.txt"))
runner.lint_one(paths[0])   # what the parent of a parallel run does before it forks
gc.freeze()
share = worker_share(paths[1:])
for _ in range({passes}):
    t = time.process_time()
    for i in range(0, len(share), 32):   # as the CLI lints: a chunk at a time, rule by rule
        runner.lint_many(share[i:i + 32])
    print((time.process_time() - t) / len(share) * 1000)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    corpus = ROOT / "bench/out/corpus"
    if not any(corpus.glob("*.txt")):
        sys.exit("no corpus: run python bench/newsroom_corpus.py first")
    code = CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"), corpus=str(corpus), passes=args.passes)
    print("CPU ms per article, one worker's share (pass 1 = first time in the process)")
    for run in range(args.runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        print(f"run {run + 1}: " + "  ".join(f"pass {i + 1} {float(v):.3f}" for i, v in enumerate(out.split())))


if __name__ == "__main__":
    main()
