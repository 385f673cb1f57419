"""Where does `mtcheck lint` spend its time?  A profiler, not guesses.

    python bench/profile_lint.py                 # whole corpus, top 25 by cumulative time
    python bench/profile_lint.py --n 200 --top 40 --sort tottime
    python bench/profile_lint.py --startup       # cold start: imports and rule loading
    python bench/profile_lint.py --memory --n 300  # what holds memory (tracemalloc)

Profiles the library path the CLI takes (Runner → Linter.lint_file for every article
of the bench corpus, then the JSON reporter) in one process under cProfile, and splits
the wall time into phases: start-up (imports), rules (loading + preparing every rule),
and linting.  The full profile is saved to bench/out/lint.prof for snakeviz/pstats.

--startup runs ``python -X importtime`` on the CLI module in a fresh process and lists
the slowest imports (cumulative), i.e. what one cold ``mtcheck lint FILE`` pays before
reading the file.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
import newsroom_corpus  # noqa: E402


def startup(top: int) -> None:
    r = subprocess.run([sys.executable, "-X", "importtime", "-c", "import mtcheck.cli"],
                       capture_output=True, text=True, cwd=ROOT)
    rows = []
    for line in r.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), len(m.group(3)) // 2, m.group(4)))
    total = max((c for c, _, _, _ in rows), default=0)
    print(f"import mtcheck.cli: {total / 1000:.0f} ms cumulative (python -X importtime)\n")
    print(f"{'cumul ms':>9} {'self ms':>8}  module")
    for cum, self_, depth, name in sorted(rows, reverse=True)[:top]:
        print(f"{cum / 1000:9.1f} {self_ / 1000:8.1f}  {'  ' * depth}{name}")
    # What building the Linter (loading and preparing rules) costs once imports are done.
    code = ("import time; t=time.perf_counter(); import mtcheck.cli, mtcheck.api as a; t1=time.perf_counter();"
            "l=a.Linter(); t2=time.perf_counter(); [l.prepare(r) for r in l.ruleset.rules]; t3=time.perf_counter();"
            "l.lint_text('Short text.'); t4=time.perf_counter();"
            "print(f'imports {1e3*(t1-t):.0f} ms, load rules {1e3*(t2-t1):.0f} ms, '"
            "f'prepare rules {1e3*(t3-t2):.0f} ms, first lint {1e3*(t4-t3):.0f} ms')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    print("\nfresh process: " + (r.stdout.strip() or r.stderr.strip()[-400:]))


def _prepared():
    """A Runner as the CLI builds it, and its Linter with every selected rule prepared."""
    from mtcheck.runner import RunOptions, Runner
    runner = Runner(RunOptions())
    cfg = runner.config_for(".")
    linter = runner.linter_for(cfg)
    for rule in linter.rules_for(cfg):
        linter.prepare(rule)
    return runner, linter


def corpus(n: int, top: int, sort: str) -> None:
    paths = [str(p) for p in newsroom_corpus.build(n)]
    t0 = time.perf_counter()
    prof = cProfile.Profile()
    prof.enable()
    from mtcheck.report import render
    t1 = time.perf_counter()
    runner, linter = _prepared()
    t2 = time.perf_counter()
    results = [linter.lint_file(p, runner.config_for(p)) for p in paths]
    t3 = time.perf_counter()
    render("json", results)
    t4 = time.perf_counter()
    prof.disable()
    n_find = sum(len(r.findings) for r in results)
    print(f"{len(paths)} articles, {n_find} findings (profiled, so slower than a real run)")
    print(f"imports {1e3 * (t1 - t0):.0f} ms | rules load+prepare {1e3 * (t2 - t1):.0f} ms | "
          f"lint {t3 - t2:.2f} s ({len(paths) / (t3 - t2):.0f} articles/s) | JSON report {1e3 * (t4 - t3):.0f} ms\n")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    prof.dump_stats(out / "lint.prof")
    s = io.StringIO()
    pstats.Stats(prof, stream=s).strip_dirs().sort_stats(sort).print_stats(top)
    print(s.getvalue())
    # Per rule: which checks cost the most (one extra timed pass, no profiler).
    from mtcheck.checks import get_kind
    from mtcheck.document import Document
    docs = [Document.from_text(r.doc.text, r.path) for r in results if r.doc is not None]
    for d in docs:   # shared derived views are paid once per document, not by the first rule
        for attr in ("line_starts", "tokens", "sentences", "initial_offsets", "headline_lines"):
            getattr(d, attr, None)
    rules = [(rule, get_kind(rule.kind), linter.prepare(rule)) for rule in linter.rules_for(runner.config_for("."))]
    spent = {rule.code: 0.0 for rule, _, _ in rules}
    for d in docs:   # document by document, rules in lint order, as lint_document runs them,
        for rule, kind, state in rules:   # so work shared between rules is charged to the first
            t = time.perf_counter()
            kind.check(d, rule, state, linter.ctx)
            spent[rule.code] += time.perf_counter() - t
    total = sum(spent.values())
    kinds = {rule.code: rule.kind for rule, _, _ in rules}
    print(f"check time per rule over the corpus (documents pre-built; total {total:.2f} s; work "
          "shared by several rules is charged to the first that runs):")
    for code, c in sorted(spent.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {c:7.3f} s  {100 * c / total:5.1f} %  {code:7} {kinds[code]}")


def memory(n: int, top: int) -> None:
    """What holds memory after linting ``n`` articles the way the CLI does (results kept
    until the report is written): tracemalloc's top allocation sites, and the RSS."""
    import resource
    import tracemalloc

    paths = [str(p) for p in newsroom_corpus.build(n)]
    # First without tracing (tracemalloc's own bookkeeping inflates RSS): RSS by phase
    # in a fresh process, to separate fixed costs (models, tables) from per-article growth.
    code = ("import sys\n"
            "def rss():\n"
            "    return int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20\n"
            "out = [f'start {rss():.0f}']\n"
            "import mtcheck.cli\n"
            "from mtcheck.runner import RunOptions, Runner\n"
            "out.append(f'imports {rss():.0f}')\n"
            "r = Runner(RunOptions()); c = r.config_for('.'); l = r.linter_for(c)\n"
            "[l.prepare(x) for x in l.rules_for(c)]\n"
            "out.append(f'rules {rss():.0f}')\n"
            "paths = sys.argv[1:]\n"
            "res = [l.lint_file(paths[0], r.config_for(paths[0]))]\n"
            "out.append(f'first article {rss():.0f}')\n"
            "res += [l.lint_file(p, r.config_for(p)) for p in paths[1:]]\n"
            "out.append(f'all {len(paths)} articles {rss():.0f}')\n"
            "print('RSS (MB) after: ' + ' | '.join(out))\n")
    r = subprocess.run([sys.executable, "-c", code, *paths], capture_output=True, text=True, cwd=ROOT)
    print((r.stdout.strip() or r.stderr.strip()[-600:]) + "\n")
    tracemalloc.start(1)
    runner, linter = _prepared()
    after_rules = tracemalloc.take_snapshot()
    results = [linter.lint_file(p, runner.config_for(p)) for p in paths]
    snap = tracemalloc.take_snapshot()
    cur, peak = tracemalloc.get_traced_memory()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(results)} articles: traced now {cur / 2**20:.0f} MB, traced peak {peak / 2**20:.0f} MB, "
          f"process peak RSS {rss:.0f} MB (tracing adds overhead)\n")
    print("largest allocation sites after loading and preparing the rules:")
    for st in after_rules.statistics("lineno")[:top // 2]:
        print(f"  {st.size / 2**20:8.1f} MB  {st.count:8d} blocks  {st.traceback}")
    print("\ngrowth while linting (what scales with the corpus):")
    for st in snap.compare_to(after_rules, "lineno")[:top]:
        print(f"  {st.size_diff / 2**20:+8.1f} MB  {st.count_diff:+8d} blocks  {st.traceback}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="corpus size (default 1000)")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime…)")
    ap.add_argument("--startup", action="store_true", help="profile cold start instead of the corpus")
    ap.add_argument("--memory", action="store_true", help="where memory goes (tracemalloc) instead of time")
    a = ap.parse_args()
    if a.startup:
        startup(a.top)
    elif a.memory:
        memory(a.n, a.top)
    else:
        corpus(a.n, a.top, a.sort)


if __name__ == "__main__":
    main()
