"""Standard input ('-') is reported where it stands among the arguments, in every command.

Before: ``lint a.txt - b.txt`` and ``score`` reported <stdin> last, ``fix`` wrote it first,
whatever its place; every other input follows the argument order.
"""

from __future__ import annotations

import json

import pytest

from conftest import run_cli

STDIN = b"The talks in USA ended on Friday.\n"


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "a.txt").write_text("Donald trump spoke in Moscow.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The talks in USA ended on Monday.\n", encoding="utf-8")
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "c.txt").write_text("He met Donald trump.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("args, order", [
    (["a.txt", "-", "b.txt"], ["a.txt", "<stdin>", "b.txt"]),
    (["-", "a.txt"], ["<stdin>", "a.txt"]),
    (["a.txt", "b.txt", "-"], ["a.txt", "b.txt", "<stdin>"]),
    # a folder counts its files; a file named again (after '-') is still reported once, first
    (["d", "a.txt", "-", "d/c.txt", "b.txt"], ["d/c.txt", "a.txt", "<stdin>", "b.txt"]),
])
@pytest.mark.parametrize("command", ["lint", "score"])
def test_json_reports_follow_the_arguments(articles, command, args, order):
    run = run_cli(command, "--languagetool", "off", "--format", "json", *args, cwd=articles, stdin=STDIN)
    assert run.returncode in (0, 1), run.stderr.decode()
    paths = [f["path"].replace("\\", "/") for f in json.loads(run.stdout)["files"]]
    assert paths == order


def test_fix_writes_standard_input_between_the_files_diffs(articles):
    run = run_cli("fix", "--languagetool", "off", "--unsafe", "--diff", "a.txt", "-", "b.txt",
                  cwd=articles, stdin=STDIN)
    out = run.stdout.decode()
    fixed_stdin = "The talks in the USA ended on Friday.\n"
    assert out.index("+++ b/a.txt") < out.index(fixed_stdin) < out.index("+++ b/b.txt"), out
