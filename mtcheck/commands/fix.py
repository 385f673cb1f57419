"""``mtcheck fix``: apply the fixes lint suggests (a diff by default, ``--write`` in place).

The body and printing only, typer-free for mtcheck.fastpath (the command line is
fix_cli.py): fixing is mtcheck.fix.fix_text, file walking and config are the Runner's
(the same as ``lint``), writing is source.write_atomic with the file's own encoding, BOM
and newlines, so nothing outside a replaced span changes.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, List, Optional

from ..console import Exit, echo, fail, file_overrides, print_notices

if TYPE_CHECKING:
    import typer


def fix(
    *,
    paths: List[str],
    write: bool,
    diff: bool,
    unsafe: bool,
    select: Optional[List[str]],
    ignore: Optional[List[str]],
    config: Optional[str],
    encoding: Optional[str],
    max_file_size: Optional[int],
    extensions: Optional[List[str]],
    entities: Optional[List[str]],
    rules_dir: Optional[List[str]],
    languagetool: Optional[str],
    quiet: bool,
) -> None:
    """The fix command's body, called with what the command line gave (by Typer through
    mtcheck.commands.fix_cli, or by mtcheck.fastpath): every parameter, converted."""
    from ..config import ConfigError
    from ..rules import RuleError
    from ..runner import RunOptions, Runner
    from ..source import InputError

    if diff and write:
        raise fail("--diff prints the changes and --write makes them: give one of the two")
    overrides = file_overrides(select=select, ignore=ignore, encoding=encoding, max_file_size=max_file_size,
                               entities=entities, rules_dir=rules_dir, languagetool=languagetool,
                               extensions=extensions)
    try:
        runner = Runner(RunOptions(config_file=config, overrides=overrides))
        # selectors of every config the inputs use, as lint checks them (a project's
        # typo is reported when fixed from elsewhere too)
        from ..selectors import check_run_selectors, configs_used
        named = [p for p in paths if p != "-"]
        items = runner.files(named) if named else []
        check_run_selectors(runner, configs_used(runner, items, "-" in paths), overrides)
        tally = run_fixes(runner, paths, write=write, unsafe=unsafe, files=items)
    except (ConfigError, RuleError, InputError) as exc:
        raise fail(str(exc)) from None

    print_notices(runner)
    if not quiet and tally.noteworthy:
        echo(tally.summary(write or "-" in paths), err=True)
    if tally.errors:
        raise Exit(2)
    raise Exit(1 if tally.changed_files else 0)


class Tally:
    """What a fixing pass did: files changed, fixes applied, inputs that failed."""

    __slots__ = ("changed_files", "fixes", "errors")

    def __init__(self) -> None:
        self.changed_files = self.fixes = self.errors = 0

    @property
    def noteworthy(self) -> bool:
        """Whether the summary says anything: a file was (or would be) changed, or an
        input failed.  "fixed 0 problems in 0 files" is not printed, as ruff and
        codespell print nothing when nothing changed: pre-commit runs the fix hook once
        per batch of files and showed that line for every clean batch."""
        return bool(self.changed_files or self.errors)

    def summary(self, done: bool) -> str:
        verb = "fixed" if done else "would fix"
        return (f"mtcheck: {verb} {self.fixes} problem{'s' * (self.fixes != 1)} in {self.changed_files} "
                f"file{'s' * (self.changed_files != 1)}")


def run_fixes(runner, paths: List[str], *, write: bool, unsafe: bool,
              files: list[tuple[str, str | None]] | None = None) -> Tally:
    """Fix every input of *paths* under its own config: in place with *write*, else print
    a unified diff; '-' is standard input, fixed onto standard output.  Problems with
    single inputs are reported on stderr and counted; config and rule errors raise.
    Shared by ``mtcheck fix`` and ``mtcheck lint --fix/--diff``; *files*: the named
    paths as ``runner.files`` lists them, when the caller walked them already."""
    from ..document import format_for_path
    from ..console import stdout_write
    from ..fix import diff_bytes, fix_text
    from ..source import write_atomic

    tally = Tally()
    # '-' is fixed where it stands among the arguments (its output between the files')
    stdin_at = runner.stdin_position(paths) if "-" in paths else -1
    stdin_done = stdin_at < 0

    # A file named twice (or by two paths) is fixed once, as runner.files lists each file
    # once (walk.unique): a second diff of it made the patch unappliable, and a second
    # --write would only re-read what the first wrote.
    for i, item in enumerate(runner.inputs([p for p in paths if p != "-"], files)):
        if i == stdin_at:
            _fix_stdin(runner, unsafe, tally)
            stdin_done = True
        path, cfg, src = item.path, item.config, item.source
        if item.error:
            echo(f"mtcheck: error: {path}: {item.error}", err=True)
            tally.errors += 1
            continue
        if item.notice:
            echo(f"mtcheck: {path}: {item.notice}", err=True)
            continue
        linter = runner.linter_for(cfg)
        res = fix_text(linter, src.text, path, linter.rules_for(cfg, path), unsafe, format_for_path(path))
        if not res.stable:   # nothing is written or shown: the "fixed" text would grow on every run
            _unsettled(path, res)
            tally.errors += 1
            continue
        if not res.changed:
            continue
        if write:
            try:
                write_atomic(path, src.encode(res.text))
            except (OSError, UnicodeEncodeError) as exc:
                echo(f"mtcheck: error: {path}: cannot write: {exc}", err=True)
                tally.errors += 1
                continue   # not fixed: the summary counts only what was written
        else:
            stdout_write(diff_bytes(path, src, res.text))
        tally.changed_files += 1
        tally.fixes += len(res.applied)
    if not stdin_done:   # '-' after every named file, or alone
        _fix_stdin(runner, unsafe, tally)
    sys.stdout.flush()  # the diff before the summary, also when both go to one terminal
    return tally


def _fix_stdin(runner, unsafe: bool, tally: Tally) -> None:
    """'-': standard input fixed onto standard output.  When it cannot be fixed (it does
    not decode, its fixes never settle) the error names <stdin> as any input is named,
    and the input comes out as it came, so a pipeline loses nothing."""
    from ..console import stdout_write
    from ..fix import fix_text
    from ..source import InputError, decode_bytes

    cfg0 = runner.config_for(".")
    data = out = sys.stdin.buffer.read()
    try:
        src = decode_bytes(data, "<stdin>", cfg0.encoding)
    except InputError as exc:
        echo(f"mtcheck: error: <stdin>: {exc}", err=True)
        tally.errors += 1
    else:
        linter = runner.linter_for(cfg0)
        res = fix_text(linter, src.text, "<stdin>", linter.rules_for(cfg0), unsafe, "text")
        if not res.stable:
            _unsettled("<stdin>", res)
            tally.errors += 1
        else:
            out = src.encode(res.text)
            tally.changed_files += res.changed
            tally.fixes += len(res.applied)
    stdout_write(out)


def _unsettled(path: str, res) -> None:
    """Say which rules keep rewriting their own output (a replacement that contains what
    it replaces, such as "UN" -> "UN (United Nations)"), so the user knows what to mend."""
    codes = sorted({f.rule for f in res.remaining if f.replacements})
    which = f" (rule{'s' * (len(codes) != 1)} {', '.join(codes)} still want to change it)" if codes else ""
    echo(f"mtcheck: error: {path}: fixes did not settle after {res.passes} rounds{which}; the file is "
         "left unchanged: a rule's replacement probably contains the text it replaces", err=True)


def register(app: "typer.Typer") -> None:
    """Add ``fix`` to *app* (cli.py's registrar; the Typer signature is fix_cli's)."""
    from .fix_cli import register
    register(app)
