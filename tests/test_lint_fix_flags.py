"""`lint --fix` reports what is left even when one input cannot be read, and flag
combinations lint would silently ignore are usage errors (exit 2)."""

from __future__ import annotations

import json

import pytest

FIXABLE = "The leader met Donald trump on Monday.\n"                 # MT201, safe fix
LEFT = "The leader met Donald trump.\nЧитайте так же\n"              # MT201 fixed, MT101 left
OFF = ("--languagetool", "off", "--no-cache")


@pytest.fixture
def desk(tmp_path):
    d = tmp_path / "desk"
    d.mkdir()
    (d / "a.txt").write_text(FIXABLE, encoding="utf-8")
    (d / "b.txt").write_bytes(b"\xff\xfe\xff\x00 not any encoding we detect \xc3")
    (d / "c.txt").write_text(LEFT, encoding="utf-8")
    return d


def test_lint_fix_reports_what_is_left_when_an_input_is_unreadable(desk, cli):
    r = cli("lint", "--fix", *OFF, str(desk))
    out, err = r.stdout.decode(), r.stderr.decode()
    assert r.returncode == 2, err                              # because of b.txt, at the end
    assert (desk / "a.txt").read_text() == "The leader met Donald Trump on Monday.\n"
    assert (desk / "c.txt").read_text() == LEFT.replace("trump", "Trump")
    assert f"{desk / 'c.txt'}:2:1: MT101 " in out and "MT201" not in out   # what is left, reported
    assert f"{desk / 'b.txt'}: error:" in out and "fixed 2 problems in 2 files" in err
    # the same in JSON, every input present
    (desk / "c.txt").write_text(LEFT, encoding="utf-8")
    r = cli("lint", "--fix", "--format", "json", *OFF, str(desk))
    files = {f["path"].rsplit("/", 1)[1]: f for f in json.loads(r.stdout)["files"]}
    assert r.returncode == 2 and files["b.txt"]["error"] and files["a.txt"]["findings"] == []
    assert [f["rule"] for f in files["c.txt"]["findings"]] == ["MT101"]


def test_lint_fix_reports_a_missing_input_once(desk, cli):
    r = cli("lint", "--fix", *OFF, str(desk / "c.txt"), str(desk / "nope.txt"))
    assert r.returncode == 2 and b"MT101" in r.stdout
    assert (r.stdout + r.stderr).count(b"nope.txt") == 1


@pytest.mark.parametrize("flags, named", [
    (("--format", "json"), "--format json"), (("-f", "sarif"), "--format sarif"), (("-o", "report.txt"), "--output"),
    (("--statistics",), "--statistics"), (("--score",), "--score"), (("--write-baseline", "b.json"), "--write-baseline"),
    (("--baseline", "b.json"), "--baseline")])
def test_diff_refuses_report_options(desk, cli, flags, named):
    r = cli("lint", "--diff", *OFF, *flags, str(desk / "a.txt"), cwd=desk)
    err = r.stderr.decode()
    assert r.returncode == 2 and f"--diff prints a diff, not a report: {named} cannot" in err, err
    assert r.stdout == b"" and not (desk / flags[-1]).exists()
    assert (desk / "a.txt").read_text() == FIXABLE


def test_diff_still_takes_text_format_and_exit_zero(desk, cli):
    r = cli("lint", "--diff", "--format", "text", *OFF, str(desk / "a.txt"))
    assert r.returncode == 1 and b"+++ " in r.stdout
    r = cli("lint", "--diff", "--exit-zero", *OFF, str(desk / "a.txt"))
    assert r.returncode == 0 and b"+++ " in r.stdout


def test_unsafe_fixes_needs_fix_or_diff(desk, cli):
    r = cli("lint", "--unsafe-fixes", *OFF, str(desk / "a.txt"))
    assert r.returncode == 2 and b"--unsafe-fixes" in r.stderr and r.stdout == b""
    assert cli("lint", "--diff", "--unsafe-fixes", *OFF, str(desk / "a.txt")).returncode == 1


def test_help_documents_the_choices(cli):
    text = " ".join(cli("lint", "--help", env={"COLUMNS": "400"}).stdout.decode().split())
    assert "--statistics, --score, --baseline and --write-baseline are refused" in text
    assert "refused without either" in text
