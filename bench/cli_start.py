"""Wall time of whole ``python -m mtcheck ...`` processes, variants interleaved.

Why: start-up (imports, the exit path) is what a pre-commit hook or an editor feels, and
only a fresh process shows it whole.  One process is noisy on a shared machine, so the
variants run in turns (A B C, B C A, C A B, ...) and the medians are compared: drift in the
machine's load hits every variant alike, and the order turns each round.

    python bench/cli_start.py [--n 15] [--against DIR] [-- ARGS...]

Variants: this checkout (the typer-free fast path, mtcheck/fastpath.py), this checkout
with MTCHECK_NO_FASTPATH=1 (Typer parses), and with --against another checkout (e.g.
``git archive REV | tar -x -C DIR``).  ARGS default to the benchmark's one-article lint:
``lint --no-cache seeds/003_89b6859ef618faba.txt``.  Each variant runs twice first to
warm its start-up caches (~/.cache/mtcheck), as a user's second run would find them.
Run ``python -m compileall -q mtcheck`` (and in DIR) first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT = ["lint", "--no-cache", os.path.join(ROOT, "seeds", "003_89b6859ef618faba.txt")]


def _once(root: str, args: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mtcheck", *args], cwd=root, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=15, help="rounds (each runs every variant once)")
    ap.add_argument("--against", metavar="DIR", help="another checkout to compare with")
    ap.add_argument("args", nargs="*", help="the mtcheck command line (after --)")
    opts = ap.parse_args()
    args = opts.args or DEFAULT
    base = {k: v for k, v in os.environ.items() if k != "MTCHECK_NO_FASTPATH"}
    variants = {"fast path": (ROOT, {**base, "PYTHONPATH": ROOT}),
                "typer (MTCHECK_NO_FASTPATH=1)": (ROOT, {**base, "PYTHONPATH": ROOT, "MTCHECK_NO_FASTPATH": "1"})}
    if opts.against:
        other = os.path.abspath(opts.against)
        variants["against " + opts.against] = (other, {**base, "PYTHONPATH": other})
    for root, env in variants.values():
        for _ in range(2):
            _once(root, args, env)
    times: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for i in range(opts.n):
        # the order turns every round: the run after another one is systematically
        # slower or faster (caches, clock), which must not favour one variant
        for name in names[i % len(names):] + names[:i % len(names)]:
            root, env = variants[name]
            times[name].append(_once(root, args, env))
    print(f"mtcheck {' '.join(args)}: median wall ms of {opts.n} interleaved rounds")
    ref = statistics.median(times["fast path"])
    for name, ts in times.items():
        med = statistics.median(ts) * 1e3
        print(f"  {name:40s} {med:7.1f}   (min {min(ts) * 1e3:6.1f}, {med - ref * 1e3:+6.1f} vs fast path)")


if __name__ == "__main__":
    main()
