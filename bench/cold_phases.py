"""Phase times of a one-article lint in fresh processes (issue 6, cold start).

Why: the cold target (`mtcheck lint FILE` no slower than codespell) is dominated by
one-time work — imports, loading rules, each rule's prepare() and the first article's
checks (pattern compilation, first table lookups).  A single fresh process is noisy on a
shared machine, so this runs N fresh interpreters and prints the median of each phase
and of each rule's first prepare and first check.

    python bench/cold_phases.py [FILE] [--n 7] [--top 12] [--cache]

Run with PYTHONDONTWRITEBYTECODE unset and ``python -m compileall -q mtcheck`` done,
else every process recompiles the modules.  ``--cache`` keeps the disk caches on
(the default measures ``--no-cache`` as the benchmark does: the parsed-rule and memo
caches under ~/.cache/mtcheck are still used, as in the CLI).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
import typer, mtcheck.cli
t_typer = time.perf_counter()
from mtcheck.runner import Runner, RunOptions
from mtcheck.checks import get_kind, KIND_NEEDS
t1 = time.perf_counter()
r = Runner(RunOptions(use_cache=USE_CACHE)); rules = r.all_rules()
item = r.read(PATH)
l = r.linter_for(item.config)
t2 = time.perf_counter()
per = {}
for rule in l.rules_for(item.config, item.path):
    if rule.kind in KIND_NEEDS:
        continue
    a = time.perf_counter(); st = l.prepare(rule); b = time.perf_counter()
    list(get_kind(rule.kind).check(item.doc, rule, st, l.ctx)); c = time.perf_counter()
    per[rule.code] = (b - a, c - b)
t3 = time.perf_counter()
print(json.dumps({"cli imports (typer + mtcheck.cli)": t_typer - t0,
                  "runner imports": t1 - t_typer,
                  "runner + rules + config + read": t2 - t1,
                  "prepare (all rules)": sum(p for p, _ in per.values()),
                  "first checks (all rules)": sum(c for _, c in per.values()),
                  "total in process": t3 - t0,
                  "rules": per}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default="seeds/003_89b6859ef618faba.txt")
    ap.add_argument("--n", type=int, default=7)
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--cache", action="store_true", help="use the findings cache")
    args = ap.parse_args()
    code = CHILD.replace("USE_CACHE", repr(args.cache)).replace("PATH", repr(args.file))
    runs = []
    for _ in range(args.n):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout))
    print(f"{args.file}: median of {args.n} fresh processes (ms)")
    for key in runs[0]:
        if key != "rules":
            vals = [1e3 * r[key] for r in runs]
            print(f"  {key:36s} {statistics.median(vals):7.1f}   (min {min(vals):.1f})")
    codes = runs[0]["rules"]
    med = {c: (statistics.median(1e3 * r["rules"][c][0] for r in runs),
               statistics.median(1e3 * r["rules"][c][1] for r in runs)) for c in codes}
    print(f"  per rule, first prepare + first check (top {args.top} of {len(med)}):")
    for c, (p, k) in sorted(med.items(), key=lambda kv: -sum(kv[1]))[:args.top]:
        print(f"    {c:6s} prepare {p:6.2f}  check {k:6.2f}")


if __name__ == "__main__":
    main()
