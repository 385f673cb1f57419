"""Whole ``python -m mtcheck`` processes: the common ``lint`` and ``fix`` command lines
run without importing typer (or click), and print, write and exit exactly as the Typer
path does (``MTCHECK_NO_FASTPATH=1``); help and usage errors are still Typer's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

SEED = SEEDS / "003_89b6859ef618faba.txt"   # findings, some with a safe fix (MT601)
CLEAN = "The minister said the talks would resume on Monday.\n"


def _run(args: list[str], *, fast: bool, cwd: Path, stdin: bytes | None = None):
    """(exit status, stdout, stderr without the import lines, the modules imported) of
    ``python -X importtime -m mtcheck ARGS``."""
    env = {k: v for k, v in os.environ.items() if k not in ("MTCHECK_LANGUAGETOOL_URL", "MTCHECK_NO_FASTPATH")}
    env["NO_COLOR"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if not fast:
        env["MTCHECK_NO_FASTPATH"] = "1"
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "mtcheck", *args], cwd=cwd, env=env,
                       input=stdin, capture_output=True, timeout=300)
    lines = r.stderr.splitlines(keepends=True)
    timing = [line for line in lines if line.startswith(b"import time:")]
    modules = {line.rsplit(b"|", 1)[-1].strip().decode() for line in timing}
    return r.returncode, r.stdout, b"".join(line for line in lines if not line.startswith(b"import time:")), modules


def _framework(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in ("typer", "click")}


@pytest.fixture
def work(tmp_path) -> Path:
    shutil.copy(SEED, tmp_path / "art.txt")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


FAST = [
    ["lint", "--no-color", "--languagetool", "off", "art.txt"],                      # the pre-commit hook
    ["lint", "--no-cache", "--languagetool", "off", "clean.txt"],
    ["lint", "--no-cache", "--languagetool", "off", "missing.txt", "clean.txt"],
    ["lint", "--no-cache", "--languagetool=off", "--format", "json", "art.txt", "clean.txt"],
    ["lint", "--no-cache", "--languagetool", "off", "--statistics", "-"],
    ["lint", "--no-cache", "--languagetool", "off", "--diff", "art.txt"],
    ["lint", "--no-cache", "--languagetool", "off", "--format", "bogus", "art.txt"],
    ["lint", "--no-cache", "--languagetool", "off", "--fail-level", "error", "--exit-zero", "-s", "MT6", "art.txt"],
    ["lint", "--no-cache", "--languagetool", "off", "-o", "report.txt", "art.txt"],
    ["lint", "--no-cache", "--languagetool", "off", "--score", "--statistics", "--format", "json", "art.txt"],
    ["lint", "--no-cache", "--languagetool", "off", "--score", "--statistics", "-f", "github", "art.txt"],
    ["fix", "--languagetool", "off", "art.txt", "clean.txt"],
    ["fix", "--languagetool", "off", "-"],
    ["fix", "--write", "--diff", "art.txt"],
]


@pytest.mark.parametrize("args", FAST, ids=" ".join)
def test_common_command_lines_skip_typer_and_behave_the_same(work, args):
    stdin = SEED.read_bytes() if "-" in args else None
    fast = _run(args, fast=True, cwd=work, stdin=stdin)
    fast_report = (work / "report.txt").read_bytes() if "report.txt" in args else None
    typer = _run(args, fast=False, cwd=work, stdin=stdin)
    assert _framework(fast[3]) == set(), "the fast path imported typer/click"
    assert "mtcheck.fastpath_spec" in fast[3] and "mtcheck.fastpath_spec" not in typer[3]
    assert "typer" in typer[3]   # (so the check above can tell)
    assert fast[:3] == typer[:3]
    if fast_report is not None:
        assert fast_report == (work / "report.txt").read_bytes() and b"MT601" in fast_report


def test_fix_write_edits_the_same_way(tmp_path):
    """The pre-commit fix hook, in two copies of one tree: same files, output, status."""
    runs = []
    for fast in (True, False):
        tree = tmp_path / ("fast" if fast else "typer")
        tree.mkdir()
        shutil.copy(SEED, tree / "art.txt")
        (tree / "clean.txt").write_text(CLEAN, encoding="utf-8")
        code, out, err, modules = _run(["fix", "--write", "--languagetool", "off", "art.txt", "clean.txt"],
                                       fast=fast, cwd=tree)
        assert bool(_framework(modules)) is not fast
        runs.append((code, out, err, (tree / "art.txt").read_bytes(), (tree / "clean.txt").read_bytes()))
    assert runs[0] == runs[1]
    assert runs[0][0] == 1 and runs[0][3] != SEED.read_bytes()   # it did fix something
    assert b"fixed" in runs[0][2]


@pytest.mark.parametrize("args,says", [
    (["lint", "--jobs", "0", "art.txt"], b"Invalid value for '--jobs'"),
    (["lint", "--no-color"], b"Missing argument 'paths'"),
    (["lint", "--no-such-option", "art.txt"], b"No such option: --no-such-option"),
    (["fix", "-wx", "art.txt"], b"No such option: -x"),
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_usage_errors_are_typers_own(work, args, says):
    fast = _run(args, fast=True, cwd=work)
    typer = _run(args, fast=False, cwd=work)
    assert fast[:3] == typer[:3]
    assert fast[0] == 2 and says in fast[2]
    assert "typer" in fast[3]   # refused: Typer parsed it


@pytest.mark.parametrize("args,teaches", [
    (["lint", "--help"], [b"Report machine-translation artifacts", b"--no-color", b"--languagetool", b"--fix",
                          b"--select", b"Exit status"]),
    (["lint", "art.txt", "-h"], [b"Report machine-translation artifacts", b"--format"]),
    (["fix", "-h"], [b"Fix what lint reports", b"--write", b"--unsafe", b"--quiet"]),
    (["--help"], [b"lint", b"fix", b"rules", b"Lint machine-translated English news copy"]),
], ids=lambda v: " ".join(v) if isinstance(v, list) and isinstance(v[0], str) else None)
def test_help_still_works_and_teaches(work, args, teaches):
    fast = _run(args, fast=True, cwd=work)
    assert fast[0] == 0 and fast[2] == b""
    assert b"Usage:" in fast[1] and all(t in fast[1] for t in teaches)
    assert fast[:3] == _run(args, fast=False, cwd=work)[:3]


ECHO = r"""
import sys, typer
from mtcheck.console import echo
for m in ["plain", "esc \x1b[31mred\x1b[0m and \x1b[1;2m", "bad name \udcff.txt", "ünïcödé — «quotes»", ""]:
    echo(m, err=True); sys.stderr.write("|\n"); typer.echo(m, err=True); sys.stderr.write("#\n")
"""


@pytest.mark.parametrize("encoding", [None, "ascii", "latin-1"])
def test_console_echo_writes_what_typer_echo_writes(encoding):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONIOENCODING", None)
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    r = subprocess.run([sys.executable, "-c", ECHO], capture_output=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    pairs = [chunk.split(b"|\n") for chunk in r.stderr.split(b"#\n")[:-1]]
    assert len(pairs) == 5
    for ours, theirs in pairs:
        assert ours == theirs
    assert b"\x1b" not in pairs[1][0]   # (a pipe is no terminal: the escapes are removed)
    if encoding == "ascii":             # Click re-wraps an ASCII stream as UTF-8: so did echo
        assert "ünïcödé".encode() in pairs[3][0]
