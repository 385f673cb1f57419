"""``mtcheck score``: the fluency score per article (and per sentence or line), plus
sacrebleu's reference metrics with ``--ref``.

Argument parsing and printing only; the numbers come from mtcheck.score and
mtcheck.metrics.  Exit status: 0, or 1 when ``--min`` is given and a file scores below
it, or 2 on usage or input errors.
"""

from __future__ import annotations

import itertools
from functools import partial
from pathlib import Path
from typing import Any, List, Optional

import typer

JSON_VERSION = 1

HELP = (
    "Score how fluent articles read: 0-100, higher is better.\n\n"
    "The score starts at 100 and loses points for each kind of finding (per 100 words, "
    "weighted by category and severity) and for lexical signals (unknown words, romanized "
    "Russian, doubled words, run-on sentences). `--format json` lists every component.\n\n"
    "With --ref REF (a file, or a directory, paired by path below it) it adds sacrebleu's BLEU, "
    "chrF++, TER and case-sensitive TER, per article and per aligned line.\n\n"
    "Exit status: 0, 1 when a file scores below --min, 2 on usage or input errors."
)


def score_cmd(
    paths: List[str] = typer.Argument(..., help="Files or directories to score ('-' reads standard input).",
                                      show_default=False),
    output_format: str = typer.Option("text", "--format", "-f", help="text (default), json, or html (the lint report with scores; use -o)."),
    lines: bool = typer.Option(False, "--lines", help="Treat each line as one segment (one sentence per line)."),
    minimum: Optional[float] = typer.Option(None, "--min", help="Exit 1 when an article scores below this."),
    ref: Optional[str] = typer.Option(None, "--ref", help="Reference translation: a file, or a directory: each file takes the one at its path below it, else of its name."),
    source: Optional[str] = typer.Option(None, "--source", help="Source (Russian original): a file, or a directory paired as --ref; enables the source-mismatch checks."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this config file instead of discovering one."),
    select: Optional[List[str]] = typer.Option(None, "--select", "-s", help="Only these rules count (as in `mtcheck lint`)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", "-i", help="These rules do not count (as in `mtcheck lint`)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Decode inputs (and references) with this encoding."),
    segments: int = typer.Option(5, "--show", help="In text output, how many of the lowest-scoring segments to show (0: none, -1: all); with --lines, the lowest-scoring lines, listed in line order."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes for many files (default: all cores); results identical to --jobs 1."),
    languagetool: Optional[str] = typer.Option(None, "--languagetool", help="LanguageTool for the MT8xx findings the score counts: a server URL, 'local', 'off', or 'auto' (as in `mtcheck lint`)."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr: --progress always, --no-progress never (default: for 20+ files when stderr is a terminal and the report is text or goes to a file with -o; never under pre-commit)."),
) -> None:
    from ..console import fail, print_notices, split_list, write_output
    from ..config import ConfigError
    from ..rules import RuleError
    from ..runner import RunOptions, Runner
    from ..progress import for_report
    from ..score import score_document

    fmt = output_format.lower()
    if fmt not in ("text", "json", "html"):
        raise fail(f"unknown --format {output_format!r}: use text, json or html")
    options: dict[str, Any] = {}
    if source is not None:
        from ..checks.source import SourceError, load_sources
        try:
            options["source_texts"] = load_sources(source, encoding)
        except SourceError as exc:
            raise fail(str(exc)) from None
    stdin_data = None
    if "-" in paths:
        import sys
        stdin_data = sys.stdin.buffer.read()
    try:
        overrides = {"encoding": encoding, "select": split_list(select), "ignore": split_list(ignore),
                     "languagetool": languagetool}
        post = partial(score_post, lines=lines, render_json=(fmt == "json" and ref is None))
        runner = Runner(RunOptions(config_file=config, overrides=overrides, options=options, jobs=jobs,
                                   post=post))
        file_paths = [p for p in paths if p != "-"]
        items = runner.files(file_paths) if file_paths else []
        runner.settle(items)   # config and rule errors now, before any output
        from ..selectors import check_run_selectors, configs_used
        check_run_selectors(runner, configs_used(runner, items, stdin_data is not None), overrides)
        # a JSON or HTML report on stdout gets no bar unless asked, as in lint
        bar = for_report(progress, len(items), fmt != "text", output is not None)
        stream = runner.iter_all(file_paths, progress=bar.step, files=items)
        first = next(stream, None)   # the first file: what is left to load loads now
    except (ConfigError, RuleError) as exc:
        raise fail(str(exc)) from None
    # standard input where '-' stands among the arguments (files before it, then it, then the rest)
    named = itertools.chain([first] if first is not None else [], stream)
    before = runner.stdin_position(paths) if stdin_data is not None else 0
    results = itertools.chain(itertools.islice(named, before),
                              (runner.lint_stdin(d) for d in ([stdin_data] if stdin_data is not None else [])),
                              named)

    tally = {"errors": 0, "below": False}

    def entries():
        """Each readable input's report entry, in input order, as its result comes."""
        for r in results:
            if r.error or r.doc is None:
                if r.error:
                    tally["errors"] += 1
                    bar.clear()
                    typer.echo(f"mtcheck: error: {r.path}: {r.error}", err=True)
                yield r, None, None   # (the HTML report lists unreadable inputs too)
                continue
            if r.extra is not None:   # scored where it was linted (a worker, with --jobs)
                (res, raw), r.extra = r.extra, None
                res.doc, res.findings = r.doc, list(r.findings)
            else:                     # standard input
                res, raw = score_document(r.doc, r.findings, lines=lines), None
            entry: dict[str, Any] = {"path": r.path, "result": res}
            if ref is not None:
                try:
                    entry["reference"] = _reference(r.path, r.doc.text, ref, encoding)
                except _RefError as exc:
                    tally["errors"] += 1
                    bar.clear()
                    typer.echo(f"mtcheck: error: {r.path}: {exc}", err=True)
            if minimum is not None and res.score < minimum:
                tally["below"] = True
            yield r, entry, raw

    try:
        if fmt == "json":
            # Streamed: each article's entry is rendered (in its worker, with --jobs), written
            # and dropped as its turn comes; the JSON of 1,000 scored articles is ~40 MB.
            from ..report.jsontext import Items, Raw, Writer
            writer = Writer()

            def rendered():
                for r, entry, raw in entries():
                    if entry is not None:
                        r.doc.release()
                        yield raw if raw is not None else Raw(writer.value(_file_json(entry), 2))

            text = itertools.chain(writer.chunks(_json(Items(rendered()), minimum)), ["\n"])
            try:
                write_output(text, output)
            except (ConfigError, RuleError) as exc:   # settled above: only an unforeseen case
                raise fail(str(exc)) from None
            bar.close()
            print_notices(runner)
        elif fmt == "text":
            # Streamed too: each article's lines are independent of the others'.
            def pieces():
                empty = True
                for r, entry, _raw in entries():
                    if entry is not None:
                        empty = False
                        bar.clear()   # (the bar is redrawn at the next file)
                        yield _text([entry], minimum, segments, lines)
                        r.doc.release()
                if empty:
                    yield _text([], minimum, segments, lines)

            write_output(pieces(), output)
            bar.close()
            print_notices(runner)
        else:   # html: one page laid out from the whole run
            results_list, files = [], []
            for r, entry, _raw in entries():
                results_list.append(r)
                if entry is not None:
                    files.append(entry)
            bar.close()
            print_notices(runner)
            from ..report.html import render_html
            write_output(render_html(results_list, title="mtcheck fluency report",
                                     scores={f["path"]: f["result"] for f in files},
                                     references={f["path"]: f["reference"] for f in files if "reference" in f}),
                         output)
    finally:
        bar.close()
    if tally["errors"]:
        raise typer.Exit(2)
    raise typer.Exit(1 if tally["below"] else 0)


class _RefError(Exception):
    pass


def _reference(path: str, text: str, ref: str, encoding: str | None):
    """Pair ``path`` with its reference (``ref`` itself, or the file below the folder
    ``ref`` whose path is the longest trailing part of ``path``: mtcheck/pairing.py) and score."""
    from ..metrics import reference_metrics
    from ..pairing import pair
    from ..source import InputError, SkipFile, read_source

    ref_path = Path(ref)
    if ref_path.is_dir():
        folder = ref_path
        tail = pair(path, lambda t: (folder / t).is_file())
        ref_path = folder / (tail or Path(path).name)
    if not ref_path.is_file():
        raise _RefError(f"no reference file {ref_path}")
    try:
        src = read_source(ref_path, encoding, 0)
    except (InputError, SkipFile) as exc:
        raise _RefError(f"reference {ref_path}: {exc}") from None
    if not src.text.strip():   # BLEU, chrF and TER are undefined against nothing
        raise _RefError(f"reference {ref_path} is empty: nothing to score against")
    out = reference_metrics(text, src.text)
    return {"path": str(ref_path), "metrics": out}


def _json(files: Any, minimum: float | None) -> dict[str, Any]:
    from ..score import MIN_WORDS, SEVERITY_FACTOR, WEIGHTS

    return {
        "version": JSON_VERSION,
        "files": files,
        "weights": {k: {"weight": w.weight, "cap": w.cap, "why": w.why} for k, w in WEIGHTS.items()},
        "severity_factor": SEVERITY_FACTOR,
        "min_words": MIN_WORDS,
        "min": minimum,
    }


_WRITER: Any = None


def score_post(result: Any, lines: bool, render_json: bool) -> tuple[Any, Any]:
    """Runner post-hook: score one linted file (in the worker that linted it) and, for
    JSON without --ref, render its report entry there too.  The Document and findings
    are not sent back with the score: the parent has them already."""
    global _WRITER
    from ..score import score_document

    res = score_document(result.doc, result.findings, lines=lines)
    raw = None
    if render_json:
        from ..report.jsontext import Raw, Writer
        if _WRITER is None:
            _WRITER = Writer()
        raw = Raw(_WRITER.value(_file_json({"path": result.path, "result": res}), 2))
    res.doc, res.findings = None, []
    return res, raw


def _file_json(f: dict[str, Any]) -> dict[str, Any]:
    """One article's entry in the JSON report."""
    d = {"path": f["path"], **f["result"].to_dict(with_text=False)}
    if "reference" in f:
        d["reference"] = {"path": f["reference"]["path"], **f["reference"]["metrics"].to_dict()}
    return d


def _text(files: list[dict[str, Any]], minimum: float | None, show: int, lines: bool) -> str:
    out: list[str] = []
    for f in files:
        res = f["result"]
        doc = res.doc
        flag = "  (below --min)" if minimum is not None and res.score < minimum else ""
        out.append(f"{f['path']}: {res.score:.1f}/100 ({res.words} words){flag}")
        lost = sorted((c for c in res.components.values() if c.penalty > 0), key=lambda c: -c.penalty)
        for c in lost:
            out.append(f"  -{c.penalty:5.1f}  {c.name:<16} {c.value:6.2f} per 100 words x {c.weight:g}"
                       if c.name != "long-sentence" else
                       f"  -{c.penalty:5.1f}  {c.name:<16} {c.value:6.2f}% of words x {c.weight:g}")
        segs = res.segments
        if lines:
            per_line = {}
            if "reference" in f:
                per_line = {row["line"]: row for row in f["reference"]["metrics"].lines}
            if show >= 0:   # the lowest-scoring lines (--show), in line order
                keep = {id(s) for s in sorted(segs, key=lambda s: (s.score, s.index))[:show]}
                segs = [s for s in segs if id(s) in keep]
            for s in segs:
                row = per_line.get(s.line)
                extra = (f"  (chrF++ {row['chrf++']:.1f}, BLEU {row['bleu']:.1f}, TER {row['ter']:.1f})"
                         if row else "")
                out.append(f"  line {s.line}: {s.score:.1f}{extra}")
        elif show and segs:
            worst = sorted(segs, key=lambda s: (s.score, s.index))
            worst = [s for s in worst if s.score < 100][: (None if show < 0 else show)]
            if worst:
                out.append("  lowest sentences:")
            for s in worst:
                snippet = " ".join(doc.text[s.start:s.end].split())
                if len(snippet) > 90:
                    snippet = snippet[:89] + "…"
                out.append(f"    {s.line:>4}: {s.score:5.1f}  {snippet}")
        if "reference" in f:
            m = f["reference"]["metrics"]
            out.append(f"  reference {f['reference']['path']}:")
            for name, ms in m.article.items():
                out.append(f"    {name:<10} {ms.score:7.2f}  {ms.signature}")
            if m.note:
                out.append(f"    note: {m.note}")
    return "\n".join(out) + "\n"


def register(app: typer.Typer) -> None:
    app.command("score", help=HELP)(score_cmd)
