"""`mtcheck fix` (and `lint --diff`) print a diff that `patch -p1` and `git apply` apply,
giving the same bytes as `mtcheck fix --write`: for files named through "./", with a
space in their name, with a UTF-8 BOM, in cp1251, with CRLF or lone CR line breaks.
Before, `git apply` refused "a/./x.txt", `patch` cut "my story.txt" at the space, and
the hunks of BOM and cp1251 files failed to match (the diff was UTF-8 without the BOM)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

LINE = "The president Donald trump spoke on Monday."
FILES = {
    "plain.txt": (LINE + "\n").encode(),
    "sub/my story.txt": (LINE + "\n").encode(),
    "bom.txt": b"\xef\xbb\xbf" + (LINE + "\n").encode(),
    "cp1251.txt": ("Москва. " + LINE + "\n").encode("cp1251"),
    "crlf.txt": ("First line.\r\n" + LINE + "\r\n").encode(),
    "cr.txt": ("First line.\r" + LINE + "\r").encode(),
}


def _tree(root):
    for name, data in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def _fixed(cli, tmp_path):
    """What `fix --write` makes of the files: the reference."""
    ref = _tree(tmp_path / "ref")
    for name in FILES:
        enc = ["--encoding", "cp1251"] if name == "cp1251.txt" else []
        r = cli("fix", "--write", "--languagetool", "off", *enc, name, cwd=ref)
        assert r.returncode == 1, r.stderr
    return {name: (ref / name).read_bytes() for name in FILES}


def _diff(cli, root) -> bytes:
    out = b""
    for name in FILES:
        enc = ["--encoding", "cp1251"] if name == "cp1251.txt" else []
        r = cli("fix", "--languagetool", "off", *enc, f"./{name}", cwd=root)
        assert r.returncode == 1, r.stderr
        out += r.stdout
    return out


@pytest.mark.parametrize("tool", ["patch", "git"])
def test_the_diff_applies_and_gives_what_write_gives(cli, tmp_path, tool):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    expected = _fixed(cli, tmp_path)
    work = _tree(tmp_path / "work")
    diff = _diff(cli, work)
    cmd = ["patch", "-p1", "--batch"] if tool == "patch" else ["git", "apply", "--unsafe-paths", "-"]
    r = subprocess.run(cmd, cwd=work, input=diff, capture_output=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert {name: (work / name).read_bytes() for name in FILES} == expected


def test_lint_diff_is_the_same_diff(cli, tmp_path):
    work = _tree(tmp_path / "work")
    a = cli("fix", "--languagetool", "off", "./sub/my story.txt", "./bom.txt", cwd=work)
    b = cli("lint", "--diff", "--languagetool", "off", "./sub/my story.txt", "./bom.txt", cwd=work)
    assert a.stdout == b.stdout and b"--- a/sub/my story.txt\t\n" in a.stdout
