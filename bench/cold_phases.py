"""Phase times of a one-article lint in fresh processes (issue 6, cold start).

Why: the cold target (`mtcheck lint FILE` no slower than codespell) is dominated by
one-time work — imports, loading rules, each rule's prepare() and the first article's
checks (pattern compilation, first table lookups).  A single fresh process is noisy on a
shared machine, so this runs N fresh interpreters and prints the median of each phase
and of each rule's first prepare and first check.

    python bench/cold_phases.py [FILE] [--n 7] [--top 12] [--cache] [--against DIR]

Run with PYTHONDONTWRITEBYTECODE unset and ``python -m compileall -q mtcheck`` done,
else every process recompiles the modules.  ``--cache`` keeps the disk caches on
(the default measures ``--no-cache`` as the benchmark does: the parsed-rule and memo
caches under ~/.cache/mtcheck are still used, as in the CLI).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
try:
    from mtcheck import recache   # what the command does first (mtcheck/__main__.py)
    recache.prime()
except ImportError:               # an older checkout (--against)
    pass
try:
    from mtcheck import gcpause   # and this
    gcpause.pause()
except ImportError:
    pass
try:                              # what `mtcheck lint FILE` does now (mtcheck/fastpath.py)
    from mtcheck import fastpath
    assert fastpath.plan(["lint", PATH]) is not None, "the fast path refused the command line"
except ImportError:               # an older checkout (--against): Typer's path
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
print(json.dumps({"cli (fast path plan | typer + cli)": t_typer - t0,
                  "runner imports": t1 - t_typer,
                  "runner + rules + config + read": t2 - t1,
                  "prepare (all rules)": sum(p for p, _ in per.values()),
                  "first checks (all rules)": sum(c for _, c in per.values()),
                  "total in process": t3 - t0,
                  "rules": per}))
"""


def _run(code: str, root: str | None) -> dict:
    """One fresh interpreter; *root* is another checkout to import mtcheck from."""
    env = dict(os.environ)
    if root:
        env["PYTHONPATH"] = root
        code += f"\nimport mtcheck; assert mtcheck.__file__.startswith({root!r}), mtcheck.__file__"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=env, cwd=root or None)
    return json.loads(out.stdout.splitlines()[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default="seeds/003_89b6859ef618faba.txt")
    ap.add_argument("--n", type=int, default=7)
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--cache", action="store_true", help="use the findings cache")
    ap.add_argument("--against", metavar="DIR",
                    help="another checkout (e.g. `git archive REV | tar -x -C DIR`): run it "
                         "interleaved with this one and print both columns")
    args = ap.parse_args()
    path = os.path.abspath(args.file)
    code = CHILD.replace("USE_CACHE", repr(args.cache)).replace("PATH", repr(path))
    trees = {"this": None}
    if args.against:
        trees = {"against": os.path.abspath(args.against), "this": None}
    runs: dict[str, list[dict]] = {k: [] for k in trees}
    for _ in range(args.n):
        for name, root in trees.items():
            runs[name].append(_run(code, root))
    med = {name: {key: statistics.median(1e3 * r[key] for r in rs) for key in rs[0] if key != "rules"}
           for name, rs in runs.items()}
    print(f"{args.file}: median of {args.n} fresh processes (ms)")
    print(f"  {'phase':36s}" + "".join(f"{name:>10s}" for name in trees))
    for key in med["this"]:
        print(f"  {key:36s}" + "".join(f"{med[name][key]:10.1f}" for name in trees))
    rules = {name: {c: (statistics.median(1e3 * r["rules"][c][0] for r in rs),
                        statistics.median(1e3 * r["rules"][c][1] for r in rs)) for c in rs[0]["rules"]}
             for name, rs in runs.items()}
    this = rules["this"]
    print(f"  per rule, first prepare + first check (top {args.top} of {len(this)}):")
    for c, (p, k) in sorted(this.items(), key=lambda kv: -sum(kv[1]))[:args.top]:
        other = ""
        if "against" in rules and c in rules["against"]:
            other = f"   (against: {sum(rules['against'][c]):6.2f})"
        print(f"    {c:6s} prepare {p:6.2f}  check {k:6.2f}{other}")


if __name__ == "__main__":
    main()
