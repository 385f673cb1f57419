"""A file named twice (``a.txt a.txt``, ``dir dir/a.txt``, ``./a.txt a.txt``, a symlink
and its target) is one input: linted, counted, scored and read for names once, in
first-seen order and spelt as first named (walk.unique, used by Runner.files).  Its
findings used to appear twice and the summary counted them twice."""

from __future__ import annotations

import json
import os

import pytest

from mtcheck.walk import unique

OFF = ("--languagetool", "off", "--no-cache")
A = "The talks of Vladimir Putin ended.\nREAD MORE: Another story entirely\n"      # MT301 once
B = "Donald trump met the press on Monday.\n"                                       # MT201 once


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "d" / "b.txt").write_text(B, encoding="utf-8")
    return tmp_path


def _json(r):
    assert r.returncode in (0, 1), r.stderr.decode()
    return json.loads(r.stdout)


def test_unique_keeps_the_first_spelling_in_first_seen_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("x")
    items = [("./a.txt", None), ("b.txt", None), ("a.txt", None), ("sub/../a.txt", None),
             (str(tmp_path / "b.txt"), None), ("gone.txt", "no such file"), ("./gone.txt", "no such file")]
    assert unique(items) == [("./a.txt", None), ("b.txt", None), ("gone.txt", "no such file")]
    assert unique([("a.txt", None)]) == [("a.txt", None)] and unique([]) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_unique_treats_a_symlink_and_its_target_as_one_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("x")
    try:
        os.symlink("real/a.txt", "link.txt")
        os.symlink("real", "alias", target_is_directory=True)
    except OSError:
        pytest.skip("cannot create symbolic links here")
    got = unique([("link.txt", None), ("real/a.txt", None), ("alias/a.txt", None), ("real/../link.txt", None)])
    assert got == [("link.txt", None)]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_links_in_a_folder_of_many_files_are_found_from_its_listing(tmp_path, monkeypatch):
    """Past a few files of one folder, unique reads which are links from one listing
    (no lstat per file): links to files of the folder, and to files elsewhere, are still
    their targets; a name the listing lacks is tested on its own."""
    from mtcheck import walk
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "other.txt").write_text("x")
    for i in range(12):
        (tmp_path / "d" / f"{i:02}.txt").write_text("x")
    try:
        os.symlink("03.txt", "d/link-in.txt")
        os.symlink("../other.txt", "d/link-out.txt")
    except OSError:
        pytest.skip("cannot create symbolic links here")
    names = [f"d/{i:02}.txt" for i in range(12)] + ["d/link-in.txt", "d/link-out.txt", "d/late.txt", "other.txt"]
    listings = []
    real_scandir = os.scandir

    class Listing(list):   # the folder as listed, then a link made that the listing lacks
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def scandir(p):
        listings.append(p)
        with real_scandir(p) as it:
            entries = Listing(it)
        os.symlink("05.txt", "d/late.txt")
        return entries

    monkeypatch.setattr(walk.os, "scandir", scandir)
    got = unique([(n, None) for n in names])
    assert got == [(n, None) for n in names[:12]] + [("d/link-out.txt", None)]
    assert listings == ["d"]   # the folder was listed once, and used


def test_lint_counts_a_file_named_twice_once(tree, cli):
    one = _json(cli("lint", *OFF, "--format", "json", "d/a.txt", cwd=tree))
    twice = _json(cli("lint", *OFF, "--format", "json", "./d/a.txt", "d/a.txt", "d/a.txt", cwd=tree))
    assert [f["path"] for f in twice["files"]] == ["./d/a.txt"]   # as first written
    assert twice["summary"] == one["summary"] == {"files": 1, "findings": 1, "by_category": {"boilerplate": 1}}
    assert twice["files"][0]["findings"] == one["files"][0]["findings"]


def test_a_folder_and_a_file_in_it_are_walked_once_in_first_seen_order(tree, cli):
    data = _json(cli("lint", *OFF, "--format", "json", "d/b.txt", "d", "d/a.txt", cwd=tree))
    assert [f["path"] for f in data["files"]] == ["d/b.txt", os.path.join("d", "a.txt")]
    assert data["summary"]["files"] == 2 and data["summary"]["findings"] == 2
    text = cli("lint", *OFF, "d", "d/a.txt", "d/b.txt", cwd=tree).stdout.decode()
    assert text.count("MT301") == 1 and text.count("MT201") == 1
    assert text.splitlines()[-1].startswith("Found 2 findings in 2 files")


def test_a_missing_file_named_twice_is_one_error(tree, cli):
    r = cli("lint", *OFF, "nope.txt", "./nope.txt", "d/a.txt", cwd=tree)
    assert r.returncode == 2
    assert r.stdout.decode().count("nope.txt: error:") == 1
    assert "Found 1 finding in 2 files; 1 file could not be read" in r.stdout.decode()


def test_score_and_entities_read_a_file_named_twice_once(tree, cli):
    scored = _json(cli("score", "--format", "json", "--languagetool", "off", "d", "d/a.txt", cwd=tree))
    assert [f["path"] for f in scored["files"]] == [os.path.join("d", "a.txt"), os.path.join("d", "b.txt")]
    names = _json(cli("entities", "--format", "json", "--all", "d/a.txt", "d", cwd=tree))
    assert names["files"] == 2
    counts = {n["canonical"]: n["count"] for n in names["names"]}
    assert counts.get("Vladimir Putin") == 1 and counts.get("Donald Trump") == 1


def test_fix_diff_shows_a_file_named_by_folder_and_name_once(tree, cli):
    r = cli("fix", "--languagetool", "off", "d", "./d/b.txt", cwd=tree)
    assert r.returncode == 1, r.stderr
    assert r.stdout.decode().count("@@ -1 +1 @@") == 1 and b"would fix 1 problem in 1 file" in r.stderr


def test_standard_input_named_twice_is_read_and_reported_once(tree, cli):
    """'-' twice names one input, as a file named twice does: read once (a second read
    of the stream would find it empty), one entry.  Not a usage error: nothing about the
    run is ambiguous, and the other commands treat repeats the same way."""
    data = _json(cli("lint", *OFF, "--format", "json", "-", "-", cwd=tree, stdin=B.encode()))
    assert [f["path"] for f in data["files"]] == ["<stdin>"] and data["summary"]["findings"] == 1
    fixed = cli("fix", "--languagetool", "off", "-", "-", cwd=tree, stdin=B.encode())
    assert fixed.stdout.decode() == B.replace("trump", "Trump")
