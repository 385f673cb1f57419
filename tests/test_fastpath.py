"""The typer-free fast path (mtcheck/fastpath.py) hands the command bodies exactly what
Typer hands them, refuses every command line it does not fully understand, maps what a
body raises as Typer does, and reads a table that is the one derived from the live
Click commands.  (Whole processes: tests/test_fastpath_cli.py.)"""

from __future__ import annotations

import errno
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from mtcheck import cli, fastpath, fastpath_gen
from mtcheck.console import Exit
from mtcheck.fastpath_spec import SPEC


def test_committed_table_is_the_one_derived_from_the_typer_commands():
    derived = fastpath_gen.derive()
    assert derived == SPEC, (f"mtcheck/fastpath_spec.py is stale (an option of lint or fix changed): "
                             f"run `{fastpath_gen.REGENERATE}` and commit the result")
    assert set(SPEC["commands"]) == {"lint", "fix"}   # neither left to Typer for good


def test_a_stale_table_is_not_used(monkeypatch, fast_env):
    assert fastpath.plan(["lint", "a.txt"]) is not None
    monkeypatch.setitem(SPEC["commands"]["lint"], "checksum", "0" * 16)
    assert fastpath.plan(["lint", "a.txt"]) is None


@pytest.fixture
def fast_env(monkeypatch, tmp_path):
    """plan() as in a real process (pytest's captured streams are not the interpreter's
    own, which the fast path requires), in an empty folder with a few files."""
    monkeypatch.setattr(fastpath, "_plain_streams", lambda: True)
    monkeypatch.delenv(fastpath.ENV_OFF, raising=False)
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.md", "exists.json"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    (tmp_path / "dir").mkdir()
    return tmp_path


def _typed(value: Any) -> Any:
    """*value* with the type of every part, so that [] != (), "1" != 1, 1 != True and
    Path("a") != "a" in the comparisons."""
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_typed(v) for v in value])
    return (type(value).__name__, value)


def _capture(monkeypatch, command: str) -> list[dict[str, Any]]:
    """Replace *command*'s body (the function both paths call) by a recorder."""
    module, function = SPEC["commands"][command]["body"]
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(f"{module}.{function}", lambda **kwargs: calls.append(kwargs))
    return calls


def _via_typer(monkeypatch, command: str, argv: list[str]) -> dict[str, Any] | None:
    calls = _capture(monkeypatch, command)
    cli.register_commands()
    try:
        typer.main.get_command(cli.app).main([command, *argv], prog_name="mtcheck", standalone_mode=False)
    except Exception:   # noqa: BLE001 - a usage error: the body was not called
        return None
    assert len(calls) <= 1
    return calls[0] if calls else None   # (none: --help)


def _via_fastpath(monkeypatch, command: str, argv: list[str]) -> dict[str, Any] | None:
    calls = _capture(monkeypatch, command)
    planned = fastpath.plan([command, *argv])
    if planned is None:
        return None
    body, kwargs = planned
    body(**kwargs)
    assert calls == [kwargs]
    return kwargs


LINT = [
    ["a.txt"], ["a.txt", "b.md", "dir"], ["-"], ["a.txt", "-", "b.md"], ["dir/", "a.txt", "a.txt"],
    ["--no-color", "--languagetool", "off", "a.txt", "b.md"],          # the pre-commit hook
    ["--format", "json", "a.txt"], ["--format=json", "a.txt"], ["--output-format", "sarif", "a.txt"],
    ["-f", "github", "a.txt"], ["--format", "json", "--format", "text", "a.txt"],
    ["--output", "r.json", "a.txt"], ["--output=r.json", "a.txt"], ["-o", "exists.json", "a.txt"],
    ["-o", "dir", "a.txt"],
    ["--select", "MT2", "--select=MT6,MT1", "-s", "casing", "a.txt"], ["--select=", "a.txt"],
    ["--ignore=MT601", "-i", "MT3", "a.txt"], ["--ignore", "MT1", "a.txt"],
    ["--fail-level", "error", "a.txt"], ["--fail-level=bogus", "a.txt"],
    ["--exit-zero", "--statistics", "--score", "a.txt"], ["--fix", "--unsafe-fixes", "a.txt"],
    ["--diff", "a.txt"],
    ["--config", "pyproject.toml", "--encoding=cp1251", "a.txt"], ["--config=a=b.toml", "a.txt"],
    ["--config", "", "a.txt"], ["--encoding", "utf-8", "a.txt"],
    ["--max-file-size", "0", "a.txt"], ["--max-file-size=5000000", "a.txt"], ["--max-file-size", "007", "a.txt"],
    ["--extensions", "txt,md", "--extensions=.html", "a.txt"],
    ["--entities", "g1.yml", "--entities=g2.yml", "a.txt"], ["--rules-dir", "r1", "--rules-dir=r2", "a.txt"],
    ["--baseline", "b.json", "a.txt"], ["--write-baseline=wb.json", "a.txt"], ["--write-baseline", "exists.json", "a.txt"],
    ["--color", "a.txt"], ["--no-color", "a.txt"], ["--color", "--no-color", "a.txt"], ["--no-color", "--color", "a.txt"],
    ["--jobs", "1", "a.txt"], ["-j", "4", "a.txt"], ["--jobs=2", "a.txt"], ["-j", "12", "-j", "3", "a.txt"],
    ["--cache", "a.txt"], ["--no-cache", "a.txt"], ["--cache-dir", "/tmp/cache", "a.txt"], ["--cache-dir=.c", "a.txt"],
    ["--progress", "a.txt"], ["--no-progress", "a.txt"],
    ["--source", "ru.txt", "a.txt"], ["--source=ru", "a.txt"],
    ["--languagetool", "off", "a.txt"], ["--languagetool=http://localhost:8081", "a.txt"],
    ["a.txt", "--no-color", "b.md", "--languagetool", "off", "-"],     # options among the paths
    ["статья.txt", "a b.txt", "", "a.txt"],
]

FIX = [
    ["a.txt"], ["a.txt", "b.md", "dir"], ["-"],
    ["--write", "--languagetool", "off", "a.txt", "b.md"],              # the pre-commit hook
    ["-w", "a.txt"], ["--diff", "a.txt"], ["--unsafe", "a.txt"], ["--write", "--diff", "a.txt"],
    ["--select", "MT6", "-s", "MT1", "--select=MT2", "a.txt"], ["--ignore", "MT601", "-i", "MT3", "--ignore=x", "a.txt"],
    ["--config", "c.toml", "a.txt"], ["--config=c.toml", "a.txt"], ["--encoding=cp1251", "a.txt"],
    ["--encoding", "utf-16", "a.txt"], ["--max-file-size", "10", "a.txt"], ["--max-file-size=0", "a.txt"],
    ["--extensions", "md", "--extensions=txt", "a.txt"], ["--entities", "g.yml", "--entities=h.yml", "a.txt"],
    ["--rules-dir", "r", "--rules-dir=s", "a.txt"], ["--languagetool=off", "a.txt"],
    ["--quiet", "a.txt"], ["-q", "a.txt"], ["a.txt", "-q", "-w", "b.md", "-"],
]


@pytest.mark.parametrize("command,argv", [("lint", a) for a in LINT] + [("fix", a) for a in FIX],
                         ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_the_body_gets_what_typer_gives_it(monkeypatch, fast_env, command, argv):
    typer_kwargs = _via_typer(monkeypatch, command, argv)
    assert typer_kwargs is not None, "Typer refused a command line the test expects it to take"
    fast_kwargs = _via_fastpath(monkeypatch, command, argv)
    assert fast_kwargs is not None, "the fast path refused it"
    assert list(fast_kwargs) == list(typer_kwargs)
    assert _typed(fast_kwargs) == _typed(typer_kwargs)


def test_every_option_is_exercised():
    """The vectors above name every option string of both commands at least once."""
    for command, vectors in (("lint", LINT), ("fix", FIX)):
        used = {arg.partition("=")[0] for argv in vectors for arg in argv if arg.startswith("-")}
        assert set(SPEC["commands"][command]["options"]) <= used


REFUSED = [
    [], ["--help"], ["-h"], ["a.txt", "--help"], ["a.txt", "-h"], ["--help", "a.txt"],
    ["--nope", "a.txt"], ["-x", "a.txt"], ["--selec", "MT2", "a.txt"], ["--SELECT", "MT2", "a.txt"],
    ["--", "a.txt"], ["a.txt", "--", "b.md"], ["-s2", "a.txt"], ["-s=MT2", "a.txt"], ["-iq", "a.txt"],
    ["a.txt", "--select"], ["a.txt", "-s"], ["--select", "--ignore", "a.txt"], ["--select", "-", "a.txt"],
    ["--select=-x", "a.txt"], ["--max-file-size", "abc", "a.txt"], ["--max-file-size", "-1", "a.txt"],
    ["--max-file-size", " 5", "a.txt"], ["--max-file-size", "1_000", "a.txt"], ["--max-file-size", "٣", "a.txt"],
    ["--max-file-size", "", "a.txt"], ["--max-file-size=", "a.txt"],
]
LINT_REFUSED = REFUSED + [
    ["--no-color"], ["--languagetool", "off"], ["--jobs", "0", "a.txt"], ["--jobs", "abc", "a.txt"],
    ["-j", "-1", "a.txt"], ["-j2", "a.txt"], ["-fjson", "a.txt"], ["-f=json", "a.txt"], ["--jobs", "2.0", "a.txt"],
    ["--no-color=1", "a.txt"], ["--color=yes", "a.txt"], ["--fix=true", "a.txt"], ["--output", "", "a.txt"],
    ["--output=", "a.txt"], ["--output", "-", "a.txt"], ["--form", "json", "a.txt"], ["--version", "a.txt"],
]
FIX_REFUSED = REFUSED + [["--write"], ["-wq", "a.txt"], ["-qw", "a.txt"], ["-w1", "a.txt"], ["--write=yes", "a.txt"],
                         ["--quiet", "--nope", "a.txt"], ["--jobs", "2", "a.txt"], ["-j", "2", "a.txt"]]


@pytest.mark.parametrize("command,argv", [("lint", a) for a in LINT_REFUSED] + [("fix", a) for a in FIX_REFUSED],
                         ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_what_it_does_not_fully_understand_is_left_to_typer(monkeypatch, fast_env, command, argv):
    assert _via_fastpath(monkeypatch, command, argv) is None


TYPER_ERRORS = [["lint", "--jobs", "0", "a.txt"], ["lint", "--jobs", "abc", "a.txt"], ["lint", "--no-color"],
                ["lint", "--nope", "a.txt"], ["lint", "a.txt", "--format"], ["lint", "--no-color=1", "a.txt"],
                ["lint", "--help"], ["lint", "a.txt", "-h"], ["fix", "--write=yes", "a.txt"], ["fix", "--jobs", "2", "a.txt"],
                ["fix", "-w"], ["fix", "-x", "a.txt"]]


@pytest.mark.parametrize("argv", TYPER_ERRORS, ids=" ".join)
def test_help_and_usage_errors_stay_typers(monkeypatch, fast_env, argv):
    """A command line Typer answers with help or an error is one the fast path refuses,
    so the user sees Typer's own text (tests/test_fastpath_cli.py checks a few)."""
    assert _via_typer(monkeypatch, argv[0], argv[1:]) is None
    assert _via_fastpath(monkeypatch, argv[0], argv[1:]) is None


def test_other_commands_and_settings_are_left_to_typer(monkeypatch, fast_env):
    for argv in (["rules"], ["score", "a.txt"], ["entities", "a.txt"], ["--version"], ["--help"], [],
                 ["config"], ["LINT", "a.txt"]):
        assert fastpath.plan(argv) is None
    assert fastpath.plan(["lint", "a.txt"]) is not None
    monkeypatch.setenv(fastpath.ENV_OFF, "1")
    assert fastpath.plan(["lint", "a.txt"]) is None
    monkeypatch.delenv(fastpath.ENV_OFF)
    monkeypatch.setenv("_MTCHECK_COMPLETE", "bash_complete")   # Typer's shell completion
    assert fastpath.plan(["lint", "a.txt"]) is None


def test_only_the_interpreters_own_streams_count_as_plain(monkeypatch, tmp_path):
    """A stream Click's echo would re-wrap (ASCII, or not the interpreter's own text
    stream) makes plan() step aside; a UTF-8 one is plain."""
    import io
    monkeypatch.delenv(fastpath.ENV_OFF, raising=False)
    monkeypatch.delenv("_MTCHECK_COMPLETE", raising=False)

    def stream(encoding: str) -> io.TextIOWrapper:
        return io.TextIOWrapper(open(tmp_path / encoding, "wb"), encoding=encoding, errors="backslashreplace")

    monkeypatch.setattr(sys, "stdout", stream("utf-8"))
    monkeypatch.setattr(sys, "stderr", stream("utf-8"))
    assert fastpath._plain_streams()
    assert fastpath.plan(["lint", "a.txt"]) is not None
    for bad in (stream("ascii"), io.StringIO()):
        monkeypatch.setattr(sys, "stderr", bad)
        assert not fastpath._plain_streams()
        assert fastpath.plan(["lint", "a.txt"]) is None
    monkeypatch.setattr(sys, "stderr", stream("utf-8"))
    monkeypatch.setattr(sys, "stdout", None)
    assert not fastpath._plain_streams()


def _boom(exc: BaseException | None):
    def body(**kwargs: Any) -> None:
        if exc is not None:
            raise exc
    return body


@pytest.mark.parametrize("exc", [None, Exit(1), Exit(2), EOFError(), KeyboardInterrupt(),
                                 BrokenPipeError(errno.EPIPE, "Broken pipe")],
                         ids=["returns", "Exit1", "Exit2", "EOFError", "KeyboardInterrupt", "EPIPE"])
def test_a_body_ends_as_under_typer(monkeypatch, capsys, exc):
    """What a body raises becomes the exit status (and stderr) Typer's _main makes of it."""
    monkeypatch.setattr(sys, "stdout", sys.stdout)   # (EPIPE replaces both: put them back after)
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    module, function = SPEC["commands"]["lint"]["body"]
    monkeypatch.setattr(f"{module}.{function}", _boom(exc))
    cli.register_commands()
    with pytest.raises(SystemExit) as by_typer:
        typer.main.get_command(cli.app).main(["lint", "a.txt"], prog_name="mtcheck")
    typer_streams = type(sys.stdout).__name__, type(sys.stderr).__name__
    typer_err = capsys.readouterr().err
    monkeypatch.setattr(sys, "stdout", sys.stdout.wrapped if hasattr(sys.stdout, "wrapped") else sys.stdout)
    monkeypatch.setattr(sys, "stderr", sys.stderr.wrapped if hasattr(sys.stderr, "wrapped") else sys.stderr)
    with pytest.raises(SystemExit) as by_fastpath:
        fastpath.call(_boom(exc), {})
    fast_streams = type(sys.stdout).__name__, type(sys.stderr).__name__
    assert by_fastpath.value.code == by_typer.value.code
    assert capsys.readouterr().err == typer_err
    assert ("Pacif" in fast_streams[0]) == ("Pacif" in typer_streams[0]) == isinstance(exc, BrokenPipeError)


def test_exit_is_typers_exit_for_callers():
    exc = Exit(2)
    assert isinstance(exc, SystemExit) and exc.code == exc.exit_code == 2


def test_the_table_parser_follows_clicks_rules_on_its_own():
    """parse() alone (no Typer): defaults, last value wins, lists add up, Path values."""
    lint = SPEC["commands"]["lint"]
    got = fastpath.parse(lint, ["-j", "3", "x", "--select", "A", "-s", "B", "--no-cache", "-o", "out"], ("-h",))
    assert got["paths"] == ["x"] and got["jobs"] == 3 and got["select"] == ["A", "B"]
    assert got["cache"] is False and got["output"] == Path("out") and got["ignore"] is None
    assert got["output_format"] == "text" and list(got) == list(lint["defaults"])
    assert fastpath.parse(lint, ["x", "-h"], ("-h",)) is None
    assert fastpath.parse(lint, ["x", "--jobs", "0"], ("-h",)) is None
