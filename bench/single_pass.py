"""Per-article cost of each rule in ONE pass over the bench corpus, as the CLI lints.

    python bench/single_pass.py              # median of 3 runs, a fresh process each
    python bench/single_pass.py --runs 1 --profile bench/out/single_pass.prof
    python bench/single_pass.py --cpu --worker   # what one of two --jobs 2 workers does
    python bench/single_pass.py --cpu --worker --article-major   # ... linting article by article

Why not profile_lint.py: that re-lints warm, so every per-process memo (lexicon and
n-gram lookups, name keys) is already filled and per-rule times come out 2-3x too low.
Here each run is a fresh process that lints the first article (loading everything once,
as the parent of a parallel run does), freezes the collector as forked workers do, then
reads, lints and releases each of the other articles once, a chunk of 32 at a time, rule by
rule as the CLI does (``--article-major``: one article after another); every rule's
prepare+check is timed on its own.  "read" is reading, decoding and building the Document; "other" is
suppressions, dedupe and sorting.

``--worker`` lints only the ~500 articles one worker of a ``--jobs 2`` run gets.  Each
worker fills its own memos, so it meets more words for the first time per article than
a serial run does over all 999: its per-article cost is higher on a quiet machine too.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from glob import glob
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 32   # files linted together (mtcheck.runner.BATCH; the largest chunk of a --jobs run)


def worker_share(paths: list[str], chunk: int = 32) -> list[str]:
    """The articles one of two ``--jobs 2`` workers lints: every other chunk of *chunk*
    (the pool hands chunks out in turn; which worker gets which varies, the count not)."""
    return [p for i, p in enumerate(paths) if (i // chunk) % 2 == 0]


def one_run(profile: str | None, cpu: bool = False, worker: bool = False,
            article_major: bool = False) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from mtcheck.api import _dedupe
    from mtcheck.checks import KIND_NEEDS, get_kind
    from mtcheck.runner import RunOptions, Runner
    from mtcheck.suppress import apply_suppressions

    try:   # what the command does at start (mtcheck/__main__.py), where the checkout has it
        from mtcheck import rxtimeout
        rxtimeout.use_alarm()
    except ImportError:
        pass
    runner = Runner(RunOptions(use_cache=False, overrides={"languagetool": "off"}))
    paths = sorted(glob(str(ROOT / "bench/out/corpus/*.txt")))
    runner.lint_one(paths[0])
    gc.freeze()  # as in the forked workers of a parallel run
    todo = worker_share(paths[1:]) if worker else paths[1:]
    times: dict[str, float] = {}
    # CPU time of this process (--cpu) is less disturbed by other load on the machine
    # than wall time, at ~0.5 us more per reading.
    clock = time.process_time if cpu else time.perf_counter
    prof = None
    if profile:
        import cProfile
        prof = cProfile.Profile()
        prof.enable()
    t_all = clock()
    # As the CLI lints (Runner.lint_many, Linter.lint_documents): a chunk of files at a
    # time, each rule over the chunk's articles before the next rule; with
    # --article-major, one article after another (the CLI before session 15).
    step = 1 if article_major else CHUNK
    for c in range(0, len(todo), step):
        items = []
        for p in todo[c:c + step]:
            t0 = clock()
            item = runner.read(p)
            times["read"] = times.get("read", 0.0) + clock() - t0
            if item.doc is not None:
                items.append(item)
        if not items:
            continue
        linter = runner.linter_for(items[0].config)
        options = linter.ctx.options
        found: list[list] = [[] for _ in items]
        for rule in linter.rules_for(items[0].config, items[0].path):
            need = KIND_NEEDS.get(rule.kind)
            if need is not None and not options.get(need):
                continue
            t0 = clock()
            state = linter.prepare(rule)
            check = get_kind(rule.kind).check
            for item, findings in zip(items, found):
                findings.extend(check(item.doc, rule, state, linter.ctx))
            times[rule.code] = times.get(rule.code, 0.0) + clock() - t0
        t0 = clock()
        for item, findings in zip(items, found):
            findings = apply_suppressions(item.doc, _dedupe(findings))
            findings.sort(key=lambda f: f.sort_key)
            item.doc.release()
        times["other"] = times.get("other", 0.0) + clock() - t0
    times["TOTAL"] = clock() - t_all
    if prof is not None:
        prof.disable()
        prof.dump_stats(profile)
    n = len(todo)
    return {k: 1e3 * v / n for k, v in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", help="write a cProfile of the pass here (use with --runs 1)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--top", type=int, default=12, help="rules listed by cost")
    ap.add_argument("--cpu", action="store_true", help="CPU time of the process instead of wall time")
    ap.add_argument("--article-major", action="store_true",
                    help="lint one article after another (all rules), as the CLI did before "
                         "session 15, instead of rule by rule over chunks of 32")
    ap.add_argument("--worker", action="store_true",
                    help="lint only one --jobs 2 worker's share (every other chunk of 32), cold, "
                         "as that worker does: its per-process memos start empty")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(one_run(args.profile, args.cpu, args.worker, args.article_major)))
        return
    runs = []
    for _ in range(args.runs):
        cmd = [sys.executable, __file__, "--child"] + (["--profile", args.profile] if args.profile else []) \
            + (["--cpu"] if args.cpu else []) + (["--worker"] if args.worker else []) \
            + (["--article-major"] if args.article_major else [])
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    keys = sorted(runs[0], key=lambda k: -statistics.median(r.get(k, 0.0) for r in runs))
    n = len(glob(str(ROOT / 'bench/out/corpus/*.txt'))) - 1
    if args.worker:
        n = len(worker_share(list(range(n))))
    print(f"{'CPU' if args.cpu else 'wall'} ms per article, single pass over {n} "
          f"articles{' (one worker' + chr(39) + 's share)' if args.worker else ''}, median of {len(runs)} fresh processes")
    rest = 0.0
    shown = 0
    for k in keys:
        med = statistics.median(r.get(k, 0.0) for r in runs)
        if k in ("TOTAL", "read", "other") or shown < args.top:
            print(f"  {k:8s} {med:7.3f}")
            shown += k not in ("TOTAL", "read", "other")
        else:
            rest += med
    print(f"  {'rest':8s} {rest:7.3f}  (the other rules together)")


if __name__ == "__main__":
    main()
