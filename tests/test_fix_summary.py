"""The summary line of `mtcheck fix` / `lint --fix` / `lint --diff` on stderr: printed when
something was (or would be) changed or an input failed, silent when nothing changed
(as ruff and codespell): pre-commit runs the fix hook once per batch of files, and
"fixed 0 problems in 0 files" for every clean batch was noise.  Exit codes unchanged."""

from __future__ import annotations

import pytest

CLEAN = "The weather in Helsinki was fine on Monday.\n"
FIXABLE = "The president Donald trump spoke on Monday.\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "fixable.txt").write_text(FIXABLE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("args", [("fix", "--write"), ("fix",), ("fix", "--diff"), ("lint", "--fix"),
                                  ("lint", "--diff")])
def test_nothing_to_fix_prints_no_summary(cli, files, args):
    r = cli(*args, "--languagetool", "off", str(files / "clean.txt"))
    assert r.returncode == 0, r.stderr
    assert b"problem" not in r.stderr and r.stderr == b"", r.stderr


def test_nothing_to_fix_on_standard_input_prints_only_the_text(cli):
    r = cli("fix", "--languagetool", "off", "-", stdin=CLEAN.encode())
    assert r.returncode == 0 and r.stdout == CLEAN.encode() and r.stderr == b""


def test_a_change_is_still_counted_and_exits_1(cli, files):
    r = cli("fix", "--write", "--languagetool", "off", str(files / "clean.txt"), str(files / "fixable.txt"))
    assert r.returncode == 1
    assert r.stderr.decode().strip() == "mtcheck: fixed 1 problem in 1 file"
    assert (files / "fixable.txt").read_text(encoding="utf-8") == FIXABLE.replace("trump", "Trump")
    r = cli("fix", "--write", "--languagetool", "off", str(files / "fixable.txt"))   # second run: nothing
    assert r.returncode == 0 and r.stderr == b""


def test_an_error_still_prints_the_summary_and_exits_2(cli, files):
    r = cli("fix", "--write", "--languagetool", "off", str(files / "clean.txt"), str(files / "missing.txt"))
    assert r.returncode == 2
    assert b"missing.txt" in r.stderr and b"fixed 0 problems in 0 files" in r.stderr


def test_quiet_silences_the_count(cli, files):
    r = cli("fix", "--write", "-q", "--languagetool", "off", str(files / "fixable.txt"))
    assert r.returncode == 1 and r.stderr == b""
