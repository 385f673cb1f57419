"""Speed and memory of mtcheck against proselint and codespell, side by side in one run.

    python bench/speed.py                 # everything, prints a table (and bench/out/speed.md)
    python bench/speed.py --reps 5 --corpus-reps 1 --quick

(a) one article, cold process: ``mtcheck lint`` vs ``proselint check`` vs ``codespell`` on
    the same file, several runs each (interleaved, so drift hits all tools alike), median
    wall time.  Uses hyperfine when it is installed, else subprocess timing.
(b) the 1,000-article corpus (bench/newsroom_corpus.py): mtcheck vs proselint (codespell
    as a reference), articles/s and peak memory.  Peak memory comes from one extra run of
    each command (sampling slows the run it watches, so timed runs are not sampled),
    sampled every 10 ms with psutil and given two ways: the largest single process (RSS), and the sum over the
    whole process tree (PSS, so pages shared by forked workers count once): what a
    machine must have free when --jobs starts workers.  wait4's
    ru_maxrss is not used when psutil is there: on Linux it also counts the memory the
    forked child held before exec, i.e. this script's own size.
(c) ``mtcheck entities`` on the corpus, when that command exists.

Targets (issue 6): (a) mtcheck no slower than codespell; (b) throughput ≥ 10× proselint's
on 2 cores, peak memory < 200 MB for 1,000 articles.  Timing lives here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
import newsroom_corpus  # noqa: E402

ARTICLE = ROOT / "seeds" / "003_89b6859ef618faba.txt"


# -- tools ------------------------------------------------------------------------------------
def tool(name: str) -> list[str] | None:
    """The command for a console script: next to this Python first (the venv), then PATH."""
    local = Path(sys.executable).with_name(name)
    if local.is_file():
        return [str(local)]
    found = shutil.which(name)
    return [found] if found else None


def mtcheck_cmd() -> list[str]:
    return tool("mtcheck") or [sys.executable, "-m", "mtcheck.cli"]


def help_text(cmd: list[str]) -> str:
    r = subprocess.run(cmd + ["--help"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    return r.stdout + r.stderr if r.returncode == 0 else ""


def lint_flags(help_: str, jobs: int | None, cache: bool) -> list[str]:
    """Flags for a fair batch run: no report formatting cost beyond JSON, no progress bar,
    no cache unless asked, an explicit job count when the option exists."""
    flags = ["--exit-zero", "--format", "json"]
    if "--no-progress" in help_:
        flags.append("--no-progress")
    if not cache and "--no-cache" in help_:
        flags.append("--no-cache")
    if jobs is not None and "--jobs" in help_:
        flags += ["--jobs", str(jobs)]
    return flags


# -- measuring one process ----------------------------------------------------------------------
@dataclass
class Run:
    wall: float
    rc: int
    maxrss_mb: float            # largest single process (sampled; wait4 ru_maxrss without psutil)
    tree_peak_mb: float | None  # sampled sum of PSS over the process tree (None without psutil)


def _tree_rss(proc) -> tuple[int, int]:
    """(largest single RSS, sum of PSS) over ``proc`` and its descendants, in bytes.

    The tree figure sums PSS (proportional set size: pages shared between forked
    workers counted once overall), so it is what the run really occupies; RSS is used
    where PSS cannot be read."""
    rss, pss = [], []
    try:
        procs = [proc] + proc.children(recursive=True)
    except Exception:  # noqa: BLE001 - the process went away between samples
        return 0, 0
    for p in procs:
        try:
            full = p.memory_full_info()
            rss.append(full.rss)
            pss.append(getattr(full, "pss", full.rss))
        except Exception:  # noqa: BLE001
            try:
                m = p.memory_info().rss
                rss.append(m)
                pss.append(m)
            except Exception:  # noqa: BLE001
                pass
    return max(rss, default=0), sum(pss)


def run(cmd: list[str], sample: bool = False, cwd: Path = ROOT) -> Run:
    """Run ``cmd`` with output discarded; wall time, exit code and memory from wait4."""
    stop = threading.Event()
    peak = [0, 0]   # largest process, whole tree
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd,
                         env={**os.environ, "NO_COLOR": "1"})
    sampler = None
    if sample:
        try:
            import psutil
            ps = psutil.Process(p.pid)

            def loop() -> None:
                while not stop.is_set():
                    one, tree = _tree_rss(ps)
                    peak[0], peak[1] = max(peak[0], one), max(peak[1], tree)
                    stop.wait(0.01)
            sampler = threading.Thread(target=loop, daemon=True)
            sampler.start()
        except Exception:  # noqa: BLE001 - psutil missing: report the single-process figure only
            sampler = None
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    stop.set()
    if sampler is not None:
        sampler.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1, 65):   # 1/65: findings (mtcheck/proselint, codespell)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace")[-600:]
        print(f"warning: {' '.join(cmd[:3])}… exited {p.returncode}: {tail}", file=sys.stderr)
    if sampler is not None:
        return Run(wall, p.returncode, peak[0] / 2**20, peak[1] / 2**20)
    # Without psutil: wait4's ru_maxrss, which on Linux also counts the memory the
    # forked child had before exec (this script's own RSS): an upper bound.
    return Run(wall, p.returncode, usage.ru_maxrss / 1024, None)


def hyperfine(cmds: dict[str, list[str]], reps: int) -> dict[str, list[float]] | None:
    exe = shutil.which("hyperfine")
    if not exe:
        return None
    import shlex
    with tempfile.NamedTemporaryFile(suffix=".json") as fh:
        args = [exe, "-N", "--warmup", "1", "--runs", str(reps), "-i", "--export-json", fh.name, "--style", "none"]
        for name, cmd in cmds.items():
            args += ["-n", name, shlex.join(cmd)]
        if subprocess.run(args, stdout=subprocess.DEVNULL, cwd=ROOT).returncode != 0:
            return None
        data = json.load(open(fh.name))
    return {r["command"]: r["times"] for r in data["results"]}


def timed(cmds: dict[str, list[str]], reps: int, sample: bool = False) -> dict[str, list[Run]]:
    """Each command ``reps`` times, interleaved, after one untimed warm-up run each.

    With *sample*, one more run of each command under the memory sampler gives the
    memory figures.  No timed run is sampled: psutil reads every process's
    /proc/PID/smaps every 10 ms on the same two cores, which slowed ``mtcheck lint
    --jobs 2`` (three processes) by ~24% and proselint (one) by ~5% when they were."""
    for cmd in cmds.values():
        run(cmd)
    out: dict[str, list[Run]] = {k: [] for k in cmds}
    for _ in range(reps):
        for name, cmd in cmds.items():
            out[name].append(run(cmd))
    if sample:
        for name, cmd in cmds.items():
            mem = run(cmd, sample=True)
            out[name] = [replace(r, maxrss_mb=mem.maxrss_mb, tree_peak_mb=mem.tree_peak_mb) for r in out[name]]
    return out


# -- the machine ------------------------------------------------------------------------------
def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                break
    except OSError:
        pass
    versions = {}
    for name, cmd in (("proselint", tool("proselint")), ("codespell", tool("codespell"))):
        if cmd:
            r = subprocess.run(cmd + (["version"] if name == "proselint" else ["--version"]),
                               capture_output=True, text=True)
            versions[name] = (r.stdout + r.stderr).strip().splitlines()[-1] if (r.stdout + r.stderr).strip() else "?"
    r = subprocess.run(mtcheck_cmd() + ["--version"], capture_output=True, text=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return {"cpus (nproc)": str(os.cpu_count()), "cpu": cpu, "memory": mem,
            "load average at start (1/5/15 min)": load,
            "python": platform.python_version(), "os": platform.platform(),
            "mtcheck": r.stdout.strip() + (f" (git {commit.stdout.strip()})" if commit.returncode == 0 else ""),
            **versions}


# -- the three comparisons ----------------------------------------------------------------------
def article_cold(reps: int) -> list[dict]:
    mt_help = help_text(mtcheck_cmd() + ["lint"])
    cmds = {"mtcheck lint": mtcheck_cmd() + ["lint", "--exit-zero"]
            + (["--no-cache"] if "--no-cache" in mt_help else []) + [str(ARTICLE)]}
    for name, cmd in (("proselint check", tool("proselint")), ("codespell", tool("codespell"))):
        if cmd:
            cmds[name] = cmd + (["check"] if name.startswith("proselint") else []) + [str(ARTICLE)]
    # The floor: interpreter + CLI imports, no rules, no text.  lint minus this = real work.
    cmds["mtcheck --version (start-up floor)"] = mtcheck_cmd() + ["--version"]
    hf = hyperfine(cmds, reps)
    res = None if hf else timed(cmds, reps)
    rows = []
    for name in cmds:
        times = hf[name] if hf else [r.wall for r in res[name]]
        row = {"tool": name, "times": times, "median_s": statistics.median(times), "min_s": min(times),
               "method": "hyperfine" if hf else "subprocess"}
        rows.append(row)
    return rows


def corpus_runs(paths: list[Path], reps: int, jobs_list: list[int]) -> list[dict]:
    corpus_dir = paths[0].parent
    mt = mtcheck_cmd()
    mt_help = help_text(mt + ["lint"])
    cmds: dict[str, list[str]] = {}
    if "--jobs" in mt_help:
        for j in jobs_list:
            cmds[f"mtcheck lint --jobs {j}"] = mt + ["lint"] + lint_flags(mt_help, j, cache=False) + [str(corpus_dir)]
    else:
        cmds["mtcheck lint"] = mt + ["lint"] + lint_flags(mt_help, None, cache=False) + [str(corpus_dir)]
    if tool("proselint"):
        cmds["proselint check"] = tool("proselint") + ["check", str(corpus_dir)]
    if tool("codespell"):
        cmds["codespell (reference)"] = tool("codespell") + [str(corpus_dir)]
    res = timed(cmds, reps, sample=True)
    if "--no-cache" in mt_help:   # a second run over unchanged files, as in CI or pre-commit
        with tempfile.TemporaryDirectory() as cache:
            warm = mt + ["lint"] + lint_flags(mt_help, None, cache=True)
            if "--cache-dir" in mt_help:
                warm += ["--cache-dir", cache]
            res["mtcheck lint, warm cache"] = []
            for _ in range(reps):
                # Fill right before timing: rule files edited in between would change the key.
                run(warm + [str(corpus_dir)])
                res["mtcheck lint, warm cache"].append(run(warm + [str(corpus_dir)]))
            mem = run(warm + [str(corpus_dir)], sample=True)   # memory: its own run (see timed)
            res["mtcheck lint, warm cache"] = [replace(r, maxrss_mb=mem.maxrss_mb, tree_peak_mb=mem.tree_peak_mb)
                                               for r in res["mtcheck lint, warm cache"]]
    return _rows(res, len(paths))


def entities_runs(paths: list[Path], reps: int) -> tuple[list[dict], str]:
    mt = mtcheck_cmd()
    h = help_text(mt + ["entities"])
    if not h:
        return [], "`mtcheck entities` is not available in this checkout: skipped."
    cmd = mt + ["entities"] + (["--format", "json"] if "--format" in h else []) \
        + (["--no-progress"] if "--no-progress" in h else []) + [str(paths[0].parent)]
    cmds = {"mtcheck entities": cmd}
    # Not one of the comparisons, but the same corpus through the other --jobs
    # command: lint plus a score per sentence, ~40 MB of JSON.
    sh = help_text(mt + ["score"])
    if sh:
        cmds["mtcheck score (lint + fluency score)"] = mt + ["score", "--format", "json"] \
            + (["--no-cache"] if "--no-cache" in sh else []) + [str(paths[0].parent)]
    return _rows(timed(cmds, reps, sample=True), len(paths)), ""


def _rows(res: dict[str, list[Run]], n: int) -> list[dict]:
    rows = []
    for name, runs in res.items():
        wall = statistics.median(r.wall for r in runs)
        trees = [r.tree_peak_mb for r in runs if r.tree_peak_mb is not None]
        rows.append({"tool": name, "median_s": wall, "articles_per_s": n / wall,
                     "maxrss_mb": max(r.maxrss_mb for r in runs),
                     "tree_peak_mb": max(trees) if trees else None, "runs": [asdict(r) for r in runs]})
    return rows


# -- report -----------------------------------------------------------------------------------
def markdown(m: dict, a: list[dict], b: list[dict], c: list[dict], c_note: str, corpus: dict, reps: tuple) -> str:
    L = ["| machine | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in m.items()]
    codespell = next((r for r in a if r["tool"] == "codespell"), None)
    L += ["", f"**(a) One article, cold process** — `{ARTICLE.relative_to(ROOT)}` "
          f"({ARTICLE.stat().st_size:,} bytes), median of {reps[0]} runs ({a[0]['method']} timing)", "",
          "| tool | median | min | × codespell |", "|---|---:|---:|---:|"]
    for r in a:
        ratio = f"{r['median_s'] / codespell['median_s']:.2f}×" if codespell else "–"
        L.append(f"| {r['tool']} | {r['median_s'] * 1000:.0f} ms | {r['min_s'] * 1000:.0f} ms | {ratio} |")
    prose = next((r for r in b if r["tool"] == "proselint check"), None)
    L += ["", f"**(b) Corpus** — {corpus['articles']:,} articles, {corpus['words']:,} words, "
          f"{corpus['bytes'] / 1e6:.2f} MB (bench/newsroom_corpus.py), median of {reps[1]} runs "
          "(memory: one more run under a 10 ms sampler, so that sampling slows no timed run)", "",
          "| tool | wall | articles/s | × proselint | peak RSS, largest process | peak PSS, process tree |",
          "|---|---:|---:|---:|---:|---:|"]
    for r in b + c:
        ratio = f"{r['articles_per_s'] / prose['articles_per_s']:.2f}×" if prose else "–"
        tree = f"{r['tree_peak_mb']:.0f} MB" if r["tree_peak_mb"] is not None else "–"
        L.append(f"| {r['tool']} | {r['median_s']:.2f} s | {r['articles_per_s']:.0f} | {ratio} | "
                 f"{r['maxrss_mb']:.0f} MB | {tree} |")
    if c_note:
        L += ["", f"(c) {c_note}"]
    L += ["", "**Targets**", ""] + [f"- {t}" for t in targets(a, b)]
    return "\n".join(L) + "\n"


def targets(a: list[dict], b: list[dict]) -> list[str]:
    out = []
    mt_a = next(r for r in a if r["tool"] == "mtcheck lint")
    cs = next((r for r in a if r["tool"] == "codespell"), None)
    if cs:
        ok = mt_a["median_s"] <= cs["median_s"]
        out.append(f"one article cold ≤ codespell: {mt_a['median_s'] * 1000:.0f} ms vs {cs['median_s'] * 1000:.0f} ms "
                   f"→ {'met' if ok else 'NOT met'} ({mt_a['median_s'] / cs['median_s']:.2f}×)")
    prose = next((r for r in b if r["tool"] == "proselint check"), None)
    mts = [r for r in b if r["tool"].startswith("mtcheck lint") and "warm" not in r["tool"]]
    best = max(mts, key=lambda r: r["articles_per_s"]) if mts else None
    if prose and best:
        x = best["articles_per_s"] / prose["articles_per_s"]
        out.append(f"corpus throughput ≥ 10× proselint on {os.cpu_count()} cores: {x:.2f}× ({best['tool']}) "
                   f"→ {'met' if x >= 10 else 'NOT met'}")
    if best:
        peak = max(r["tree_peak_mb"] or r["maxrss_mb"] for r in mts)
        out.append(f"peak memory < 200 MB for 1,000 articles: {peak:.0f} MB (worst mtcheck lint run, process tree) "
                   f"→ {'met' if peak < 200 else 'NOT met'}")
    return out


def precompile() -> None:
    """Byte-compile mtcheck's modules, as pip does for an installed (non-editable) package.

    An editable checkout has no .pyc files, and with PYTHONDONTWRITEBYTECODE set (as on
    the reference machine) every process would recompile ~40 modules (~55 ms), a cost
    proselint and codespell, installed by pip, never pay.
    """
    import importlib.util
    spec = importlib.util.find_spec("mtcheck")
    if spec and spec.submodule_search_locations:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run([sys.executable, "-m", "compileall", "-q", *spec.submodule_search_locations],
                       stdout=subprocess.DEVNULL, env=env, check=False)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=30,
                    help="runs per tool for (a) (default 30: medians of 10 moved between 0.80x and 1.06x "
                         "codespell on this machine within an hour, codespell itself by +-15%%)")
    ap.add_argument("--corpus-reps", type=int, default=5, help="runs per tool for (b) and (c) (default 5)")
    ap.add_argument("--n", type=int, default=1000, help="corpus size (default 1000)")
    ap.add_argument("--jobs", default=f"1,{os.cpu_count() or 1}", help="mtcheck --jobs values to time (default 1,nproc)")
    ap.add_argument("--quick", action="store_true", help="3 runs for (a), 1 for (b)/(c)")
    args = ap.parse_args()
    if args.quick:
        args.reps, args.corpus_reps = 3, 1
    jobs = sorted({int(j) for j in args.jobs.split(",") if j.strip()})

    precompile()
    m = machine()
    paths = newsroom_corpus.build(args.n)
    corpus = newsroom_corpus.stats(paths)
    print(f"corpus: {corpus}", file=sys.stderr)
    print("(a) one article, cold…", file=sys.stderr)
    a = article_cold(args.reps)
    print("(b) corpus…", file=sys.stderr)
    b = corpus_runs(paths, args.corpus_reps, jobs)
    print("(c) entities…", file=sys.stderr)
    c, c_note = entities_runs(paths, args.corpus_reps)
    if hasattr(os, "getloadavg"):   # other work on the machine skews absolute times, not the ratios much
        m["load average at end (1/5/15 min)"] = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    md = markdown(m, a, b, c, c_note, corpus, (args.reps, args.corpus_reps))
    OUT.mkdir(exist_ok=True)
    (OUT / "speed.md").write_text(md, encoding="utf-8")
    (OUT / "speed.json").write_text(json.dumps({"machine": m, "corpus": corpus, "article": a, "corpus_runs": b,
                                                "entities": c, "entities_note": c_note}, indent=2), encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
