"""``mtcheck lint``: options, then Runner → reporters → exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from .findings import Severity

FORMAT_HELP = "Output format: text (default), json (the v1 contract), github (workflow annotations), sarif (2.1.0), html (one self-contained page for editors; use with -o report.html)."


def lint(
    paths: List[str] = typer.Argument(..., help="Files or directories to lint ('-' reads standard input).",
                                      show_default=False),
    output_format: str = typer.Option("text", "--format", "--output-format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file instead of stdout."),
    select: Optional[List[str]] = typer.Option(None, "--select", "-s",
                                               help="Only these rules: codes (MT201), prefixes (MT2), categories (casing) or names; comma-separated or repeated."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", "-i", help="Skip these rules (same forms as --select)."),
    fail_level: Optional[str] = typer.Option(None, "--fail-level", help="Lowest severity that makes the exit status 1: info, warning (default) or error. Without it each file's findings are judged by the fail-level of its own config."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings (input errors still exit 2)."),
    statistics: bool = typer.Option(False, "--statistics", help="Also count the findings per rule (text: a table after the findings; json: a top-level 'statistics' list; github, sarif: the table on stderr; html: always shown)."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this config file instead of discovering pyproject.toml/.mtcheck.toml."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Decode inputs with this encoding (e.g. cp1251) instead of UTF-8/UTF-16 detection."),
    max_file_size: Optional[int] = typer.Option(None, "--max-file-size", help="Skip files larger than this many bytes (default 5 MB; 0 = no limit; not negative)."),
    extensions: Optional[List[str]] = typer.Option(None, "--extensions", help="File extensions to pick up when walking directories (default .txt,.md,.markdown,.html,.htm)."),
    entities: Optional[List[str]] = typer.Option(None, "--entities", help="Extra gazetteer file(s) (kind: gazetteer), e.g. one written by `mtcheck entities --learn`."),
    rules_dir: Optional[List[str]] = typer.Option(None, "--rules-dir", help="Extra directory of rule YAML files."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Hide findings recorded in this baseline file."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Record all current findings in this file and exit 0."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour the text output (default: only on a terminal)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes for many files (default: all cores). Output is identical to --jobs 1."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse findings for unchanged files (keyed by content, version, config and rules)."),
    cache_dir: Optional[str] = typer.Option(None, "--cache-dir", help="Where the cache lives (default .mtcheck_cache; safe to delete)."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr: --progress always, --no-progress never (default: for 20+ files when stderr is a terminal and the report is text or goes to a file with -o; never under pre-commit)."),
    score: bool = typer.Option(False, "--score", help="Also give each article's fluency score (text: after the findings; json: a 'score' field per file; sarif: 'fluencyScore' in each file's run.artifacts[] properties; html: always shown; github: not shown, a notice says so)."),
    source: Optional[str] = typer.Option(None, "--source", help="Russian original (a file, or a directory paired by file name): enables the source-mismatch checks (MT9xx)."),
    languagetool: Optional[str] = typer.Option(None, "--languagetool", help="LanguageTool for the MT8xx rules: a server URL (http://localhost:8081), 'local', 'off', or 'auto' (default: $MTCHECK_LANGUAGETOOL_URL, else a local install, else skip with one notice). Any other value is a usage error."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes in place first, then report what is left (as `mtcheck fix --write`, then lint). A file that cannot be read, fixed or written is reported and makes the exit status 2; the others are still fixed and reported."),
    diff: bool = typer.Option(False, "--diff", help="Only print the fixes as a unified diff and change nothing; exit 1 if there is any, 0 with --exit-zero (as `mtcheck fix`). Prints no report, so --format (other than text), --output, --statistics, --score, --baseline and --write-baseline are refused with it."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff (refused without either): also the unsafe fixes (approximate name matches; review them)."),
) -> None:
    from .cli import fail, print_notices, split_list, use_color, write_output
    from .config import ConfigError, check_overrides
    from .report import FORMATS
    from .rules import RuleError
    from .runner import RunOptions, Runner
    from .selectors import check_run_selectors, configs_used
    from .suppress import Baseline, BaselineError

    fmt = output_format.lower()
    if fmt not in FORMATS:
        raise fail(f"unknown --format {output_format!r}: use one of {', '.join(FORMATS)}")
    _check_fix_flags(fix, diff, unsafe_fixes, "-" in paths, {
        f"--format {fmt}": fmt != "text", "--output": output is not None, "--statistics": statistics,
        "--score": score, "--baseline": baseline is not None, "--write-baseline": write_baseline is not None})
    overrides = {
        "select": split_list(select), "ignore": split_list(ignore), "encoding": encoding,
        "max_file_size": max_file_size, "entities": tuple(entities) if entities else None,
        "rule_dirs": tuple(rules_dir) if rules_dir else None,
        "languagetool": languagetool,
        "extensions": tuple(e if e.startswith(".") else "." + e for e in split_list(extensions) or ()) or None,
    }
    if fail_level is not None:
        try:
            overrides["fail_level"] = Severity.parse(fail_level)
        except ValueError as exc:
            raise fail(f"--fail-level: {exc}") from None
    try:
        check_overrides(overrides)   # before standard input is read (Runner checks again)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    stdin_text = None
    if "-" in paths:
        stdin_text = sys.stdin.buffer.read()
    options = {}
    if source is not None:
        from .checks.source import SourceError, load_sources
        try:
            options["source_texts"] = load_sources(source, encoding)
        except SourceError as exc:
            raise fail(str(exc)) from None
    fix_errors = 0
    stdin_result = None
    try:
        post = None
        if fmt == "json" and not score and write_baseline is None:
            from .report.json_report import entry_text
            post = entry_text   # each file's JSON is rendered where it is linted
        runner = Runner(RunOptions(config_file=config, overrides=overrides, options=options,
                                   baseline=None if write_baseline else baseline,
                                   jobs=jobs, use_cache=cache, cache_dir=cache_dir, post=post))
        file_paths = [p for p in paths if p != "-"]
        items = runner.files(file_paths) if file_paths else []
        all_rules = check_run_selectors(runner, configs_used(runner, items, stdin_text is not None), overrides)
        if fix or diff:
            from .commands.fix import run_fixes
            # --fix: only the files found (lint reports the missing ones, once, below)
            todo = items if diff else [(p, err) for p, err in items if not err]
            tally = run_fixes(runner, [p for p, _ in todo], write=fix, unsafe=unsafe_fixes, files=todo)
            if diff:
                print_notices(runner)
                if tally.noteworthy:
                    typer.echo(tally.summary(False), err=True)
                raise typer.Exit(2 if tally.errors else (1 if tally.changed_files and not exit_zero else 0))
            if tally.noteworthy:
                typer.echo(tally.summary(True), err=True)
            # An input --fix could not read, write or settle is an error at the end (exit
            # 2), but the other files are still linted and reported: "then reports what is left".
            fix_errors = tally.errors
        results = _run_with_progress(runner, file_paths, progress, fmt, items, output) if file_paths else []
        if stdin_text is not None:
            stdin_result = runner.lint_stdin(stdin_text)
            results.append(stdin_result)
    except (ConfigError, RuleError, BaselineError) as exc:
        raise fail(str(exc)) from None

    print_notices(runner)
    errors = fix_errors or any(r.error for r in results)

    if write_baseline is not None:
        data = Baseline.build([(r.path, r.doc, r.findings) for r in results if r.doc is not None], write_baseline)
        import json
        write_output(json.dumps(data, indent=2) + "\n", write_baseline)
        n = sum(len(v) for v in data["files"].values())
        typer.echo(f"mtcheck: wrote baseline with {sum(len(r.findings) for r in results)} findings "
                   f"({n} distinct) to {write_baseline}", err=True)
        raise typer.Exit(2 if errors else 0)

    from .report.lint_report import lint_report
    rendered, notes = lint_report(fmt, results, rules=all_rules, color=use_color(color) if output is None else False,
                                  statistics=statistics, score=score)
    write_output(rendered, output)
    for note in notes:   # --statistics / --score where the format has no place for them
        typer.echo(note, err=True)
    if fmt != "text":
        for r in results:
            if r.error:
                typer.echo(f"mtcheck: error: {r.path}: {r.error}", err=True)

    if errors:
        raise typer.Exit(2)

    def fails(r) -> bool:
        """Whether *r* has a finding at or above the fail-level of its own config."""
        cfg = runner.config_for(".") if r is stdin_result else runner.config_for(r.path, is_file=True)
        return any(f.severity.rank >= cfg.fail_level.rank for f in r.findings)

    if not exit_zero and any(fails(r) for r in results if r.findings):
        raise typer.Exit(1)
    raise typer.Exit(0)


def _check_fix_flags(fix: bool, diff: bool, unsafe_fixes: bool, stdin: bool, report_flags: dict[str, bool]) -> None:
    """Refuse flag combinations that would be silently ignored (a usage error, exit 2):
    --diff prints a diff instead of a report, so the report's options have nothing to
    act on; --unsafe-fixes means nothing without --fix or --diff."""
    from .cli import fail

    if fix and diff:
        raise fail("--fix changes the files and --diff only shows the changes: give one of the two")
    if unsafe_fixes and not (fix or diff):
        raise fail("--unsafe-fixes applies with --fix or --diff only (or use `mtcheck fix --unsafe`)")
    if (fix or diff) and stdin:
        raise fail("--fix and --diff work on files; for standard input use `mtcheck fix -`")
    given = [flag for flag, on in report_flags.items() if on]
    if diff and given:
        raise fail(f"--diff prints a diff, not a report: {', '.join(given)} cannot be used with it "
                   "(use --fix to apply the fixes and get the report)")


def _run_with_progress(runner, paths, flag, fmt, files, output=None):
    """Lint with a progress bar on stderr when that is wanted (see progress.wanted);
    *files* is ``runner.files(paths)``, walked once by the caller.  A machine-readable
    report on standard output (JSON, SARIF, GitHub annotations, HTML) gets no bar unless
    --progress asks for one: whoever reads it is usually a program; written to a file
    with -o, the bar is shown as for text."""
    from .progress import for_report

    bar = for_report(flag, len(files), fmt != "text", output is not None)
    try:
        return runner.lint_all(paths, progress=bar.step, files=files)
    finally:
        bar.close()
