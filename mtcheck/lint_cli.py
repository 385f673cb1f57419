"""``mtcheck lint``'s command line: its Typer signature, the one definition of its options.

Why a module of its own: the body (:func:`mtcheck.lint_cmd.lint`) must be importable
without typer, for the fast path (mtcheck.fastpath), which parses the common command
lines with a table derived from this signature (mtcheck/fastpath_spec.py, checked
against it by a test and by a checksum of this file at run time).  After editing an
option here, run ``python -m mtcheck.fastpath_gen``.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from . import lint_cmd

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
    statistics: bool = typer.Option(False, "--statistics", help="Also count the findings per rule (text: a table after the findings; json: a top-level 'statistics' list; github, sarif: the table on stderr; html: always shown; with --write-baseline: the baselined findings, on stderr)."),
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
    source: Optional[str] = typer.Option(None, "--source", help="Russian original (a file, or a directory: each article takes the file at its path below it, else of its name): enables the source-mismatch checks (MT9xx)."),
    languagetool: Optional[str] = typer.Option(None, "--languagetool", help="LanguageTool for the MT8xx rules: a server URL (http://localhost:8081), 'local', 'off', or 'auto' (default: $MTCHECK_LANGUAGETOOL_URL, else a local install, else skip with one notice). Any other value is a usage error."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes in place first, then report what is left (as `mtcheck fix --write`, then lint). A file that cannot be read, fixed or written is reported and makes the exit status 2; the others are still fixed and reported."),
    diff: bool = typer.Option(False, "--diff", help="Only print the fixes as a unified diff and change nothing; exit 1 if there is any, 0 with --exit-zero (as `mtcheck fix`). Prints no report, so --format (other than text), --output, --statistics, --score, --baseline and --write-baseline are refused with it."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff (refused without either): also the unsafe fixes (approximate name matches; review them)."),
) -> None:
    lint_cmd.lint(**locals())   # (first statement: locals() is exactly the parameters)
