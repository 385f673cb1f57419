"""``mtcheck lint``'s body: options, then Runner → reporters → exit code.

Typer-free (its command line is mtcheck/lint_cli.py), so that mtcheck.fastpath can run a
plain ``mtcheck lint FILE`` without importing typer (15-19 ms of a ~100 ms run).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

from .findings import Severity


def lint(
    *,
    paths: List[str],
    output_format: str,
    output: Optional[Path],
    select: Optional[List[str]],
    ignore: Optional[List[str]],
    fail_level: Optional[str],
    exit_zero: bool,
    statistics: bool,
    config: Optional[str],
    encoding: Optional[str],
    max_file_size: Optional[int],
    extensions: Optional[List[str]],
    entities: Optional[List[str]],
    rules_dir: Optional[List[str]],
    baseline: Optional[str],
    write_baseline: Optional[Path],
    color: Optional[bool],
    jobs: Optional[int],
    cache: bool,
    cache_dir: Optional[str],
    progress: Optional[bool],
    score: bool,
    source: Optional[str],
    languagetool: Optional[str],
    fix: bool,
    diff: bool,
    unsafe_fixes: bool,
) -> None:
    """The lint command's body, called with what the command line gave (by Typer through
    mtcheck.lint_cli, or by mtcheck.fastpath): every parameter, converted."""
    from .console import Exit, echo, fail, file_overrides, print_notices, use_color, write_output
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
    overrides = file_overrides(select=select, ignore=ignore, encoding=encoding, max_file_size=max_file_size,
                               entities=entities, rules_dir=rules_dir, languagetool=languagetool,
                               extensions=extensions)
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
                    echo(tally.summary(False), err=True)
                raise Exit(2 if tally.errors else (1 if tally.changed_files and not exit_zero else 0))
            if tally.noteworthy:
                echo(tally.summary(True), err=True)
            # An input --fix could not read, write or settle is an error at the end (exit
            # 2), but the other files are still linted and reported: "then reports what is left".
            fix_errors = tally.errors
        results = _run_with_progress(runner, file_paths, progress, fmt, items, output) if file_paths else []
        if stdin_text is not None:
            stdin_result = runner.lint_stdin(stdin_text)
            results.insert(runner.stdin_position(paths), stdin_result)
    except (ConfigError, RuleError, BaselineError) as exc:
        raise fail(str(exc)) from None

    print_notices(runner)
    errors = fix_errors or any(r.error for r in results)

    if write_baseline is not None:
        data = Baseline.build([(r.path, r.doc, r.findings) for r in results if r.doc is not None], write_baseline)
        import json
        write_output(json.dumps(data, indent=2) + "\n", write_baseline)
        n = sum(len(v) for v in data["files"].values())
        echo(f"mtcheck: wrote baseline with {sum(len(r.findings) for r in results)} findings "
             f"({n} distinct) to {write_baseline}", err=True)
        if statistics:   # what went into the baseline, per rule (no report is written)
            from .report.lint_report import statistics_notes
            for line in statistics_notes(results):
                echo(line, err=True)
        raise Exit(2 if errors else 0)

    from .report.lint_report import lint_report
    rendered, notes = lint_report(fmt, results, rules=all_rules, color=use_color(color) if output is None else False,
                                  statistics=statistics, score=score)
    write_output(rendered, output)
    for note in notes:   # --statistics / --score where the format has no place for them
        echo(note, err=True)
    if fmt != "text":
        for r in results:
            if r.error:
                echo(f"mtcheck: error: {r.path}: {r.error}", err=True)

    if errors:
        raise Exit(2)

    def fails(r) -> bool:
        """Whether *r* has a finding at or above the fail-level of its own config."""
        cfg = runner.config_for(".") if r is stdin_result else runner.config_for(r.path, is_file=True)
        return any(f.severity.rank >= cfg.fail_level.rank for f in r.findings)

    if not exit_zero and any(fails(r) for r in results if r.findings):
        raise Exit(1)
    raise Exit(0)


def _check_fix_flags(fix: bool, diff: bool, unsafe_fixes: bool, stdin: bool, report_flags: dict[str, bool]) -> None:
    """Refuse flag combinations that would be silently ignored (a usage error, exit 2):
    --diff prints a diff instead of a report, so the report's options have nothing to
    act on; --unsafe-fixes means nothing without --fix or --diff."""
    from .console import fail

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
