"""``mtcheck fix``'s command line: its Typer signature, the one definition of its options.

Why a module of its own: the body (:func:`mtcheck.commands.fix.fix`) must be importable
without typer, for the fast path (mtcheck.fastpath), which parses the common command
lines with a table derived from this signature (mtcheck/fastpath_spec.py, checked
against it by a test and by a checksum of this file at run time).  After editing an
option here, run ``python -m mtcheck.fastpath_gen``.
"""

from __future__ import annotations

from typing import List, Optional

import typer

from . import fix as fix_body

HELP = (
    "Fix what lint reports, where a fix is known.\n\n"
    "By default prints a unified diff and changes nothing; --write edits the files in "
    "place (atomically, keeping encoding, BOM and newline style). Only safe fixes are "
    "applied unless --unsafe is given (name variants matched approximately, surnames that "
    "are also English words). Fixes are re-applied until the text is stable, so a second "
    "run changes nothing. '-' reads standard input and writes the fixed text to standard output.\n\n"
    "Exit status: 0 nothing to fix, 1 something was (or would be) changed, 2 usage, config "
    "or input error."
)


def fix_cmd(
    paths: List[str] = typer.Argument(..., help="Files or directories to fix ('-' reads standard input).",
                                      show_default=False),
    write: bool = typer.Option(False, "--write", "-w", help="Edit the files in place instead of printing a diff."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff and change nothing (the default; as ruff's --diff)."),
    unsafe: bool = typer.Option(False, "--unsafe", help="Also apply unsafe fixes (review the diff first)."),
    select: Optional[List[str]] = typer.Option(None, "--select", "-s", help="Only these rules (as in lint)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", "-i", help="Skip these rules (as in lint)."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this config file instead of discovering one."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Decode inputs with this encoding (written back the same way)."),
    max_file_size: Optional[int] = typer.Option(None, "--max-file-size", help="Skip files larger than this many bytes."),
    extensions: Optional[List[str]] = typer.Option(None, "--extensions", help="File extensions to pick up when walking directories."),
    entities: Optional[List[str]] = typer.Option(None, "--entities", help="Extra gazetteer file(s) (kind: gazetteer)."),
    rules_dir: Optional[List[str]] = typer.Option(None, "--rules-dir", help="Extra directory of rule YAML files."),
    languagetool: Optional[str] = typer.Option(None, "--languagetool", help="LanguageTool for the MT8xx rules: a server URL, 'local', 'off' or 'auto' (as in lint)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print no summary on standard error."),
) -> None:
    fix_body.fix(**locals())   # (first statement: locals() is exactly the parameters)


def register(app: typer.Typer) -> None:
    app.command("fix", help=HELP)(fix_cmd)
