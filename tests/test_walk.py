"""Which files a directory argument stands for (api.iter_files)."""

from __future__ import annotations

import os
from mtcheck.records import replace

from mtcheck.api import iter_files
from mtcheck.config import Config


def _tree(root):
    for rel in ["a.txt", "B.TXT", "c.md", "d.json", "e.html", ".hidden/f.txt", "node_modules/g.txt",
                "sub/h.txt", "sub/drafts/i.txt", "sub/j.markdown", "k.txt.bak"]:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")


def _names(root, cfg):
    return [p[len(str(root)) + 1:] for p, err in iter_files([str(root)], cfg) if err is None]


def test_walk_picks_extensions_in_sorted_order(tmp_path):
    _tree(tmp_path)
    # a folder's own files (sorted) come before its subfolders'; hidden folders,
    # node_modules and other extensions are skipped; the extension test ignores case
    assert _names(tmp_path, Config()) == ["B.TXT", "a.txt", "c.md", "e.html", "sub/h.txt", "sub/j.markdown",
                                          "sub/drafts/i.txt"]


def test_walk_excludes_by_path_and_by_name(tmp_path):
    _tree(tmp_path)
    by_path = replace(Config(), exclude=(f"{tmp_path.as_posix()}/sub/drafts/*",))
    assert "sub/drafts/i.txt" not in _names(tmp_path, by_path) and "sub/h.txt" in _names(tmp_path, by_path)
    by_name = replace(Config(), exclude=("*.md", "h.txt"))
    got = _names(tmp_path, by_name)
    assert "c.md" not in got and "sub/h.txt" not in got and "a.txt" in got and "sub/j.markdown" in got
    only_md = replace(Config(), extensions=(".MD",))
    assert _names(tmp_path, only_md) == ["c.md"]


def test_walked_paths_are_spelled_as_before(tmp_path, monkeypatch):
    """Paths under a folder argument are joined to its pathlib spelling ('./a/' -> 'a/x.txt'):
    they are the keys of baselines and the paths of every report."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "x.txt").write_text("x")
    (tmp_path / "a" / "b" / "y.txt").write_text("y")
    monkeypatch.chdir(tmp_path)
    for arg in ["a", "a/", "./a", "./a//"]:
        assert [p for p, _ in iter_files([arg], Config())] == [os.path.join("a", "x.txt"), os.path.join("a", "b", "y.txt")]


def test_a_fifo_in_a_walked_folder_is_skipped_by_the_command(tmp_path, cli):
    """The runner walks folders with each folder's own config (mtcheck.walk): a FIFO named
    like an article there was opened and blocked the run until something wrote to it."""
    import os
    import sys
    if not hasattr(os, "mkfifo") or sys.platform == "win32":
        import pytest
        pytest.skip("no FIFOs here")
    (tmp_path / "a.txt").write_text("Donald trump said so.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "sub").mkdir()
    os.mkfifo(tmp_path / "sub" / "c.txt")
    r = cli("lint", "--languagetool", "off", "--no-cache", "--jobs", "1", str(tmp_path))
    assert r.returncode == 1 and "a.txt:1:1: MT201" in r.stdout.decode()
    assert "b.txt" not in r.stdout.decode() and "c.txt" not in r.stdout.decode()


def test_subfolders_in_sorted_depth_first_order(tmp_path):
    for rel in ["b/x.txt", "a/z/y.txt", "a/w.txt", "a/b/v.txt", "c.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    assert _names(tmp_path, Config()) == ["c.txt", "a/w.txt", "a/b/v.txt", "a/z/y.txt", "b/x.txt"]


def test_a_very_deep_tree_is_walked(tmp_path):
    """A tree 1,100 folders deep ended the walk (and `mtcheck lint`) in a RecursionError
    traceback, exit status 1 (which means "findings")."""
    chain = [tmp_path / "deep"]
    for _ in range(1100):
        chain.append(chain[-1] / "a")
    for folder in chain:
        folder.mkdir()
    leaf = chain[-1] / "x.txt"
    leaf.write_text("x", encoding="utf-8")
    try:
        assert _names(tmp_path, Config()) == ["deep" + "/a" * 1100 + "/x.txt"]
    finally:
        # removed here, bottom up: shutil.rmtree recurses, and pytest's clean-up of old
        # temporary folders would fail on this one in a later session
        leaf.unlink()
        for folder in reversed(chain):
            folder.rmdir()
