"""Inline suppression directives and baselines (mtcheck/suppress.py), at their edges."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import SEEDS

CASING = "Donald trump met the press."
BOTH = "Donald trump met the press. The Minister of foreign Affairs spoke."


def _found(cli, path, cwd=None) -> list[tuple[int, str]]:
    r = cli("lint", "--no-cache", "--languagetool", "off", "--format", "json", str(path), cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    return [(f["line"], f["rule"]) for f in json.loads(r.stdout)["files"][0]["findings"]]


def test_ignore_with_codes_silences_only_those_codes_on_its_line(tmp_path, cli):
    """It silenced every rule on the directive's line."""
    f = tmp_path / "t.txt"
    f.write_text(f"{CASING} mtcheck: ignore MT101\n{CASING} mtcheck: ignore MT201\n{CASING} mtcheck: ignore\n")
    assert _found(cli, f) == [(1, "MT201")]


@pytest.mark.parametrize("comment", ["<!--mtcheck: disable=MT201-->", "<!-- mtcheck: disable=MT201 -->",
                                     "<!--  mtcheck: disable = MT201  -->"])
def test_comment_spacing_does_not_matter(tmp_path, cli, comment):
    """Without spaces the code was read as 'MT201--' and matched nothing."""
    f = tmp_path / "s.md"
    f.write_text(f"{CASING}\n{comment}\n\n{CASING}\n<!--mtcheck: ignore MT201-->\n{CASING}\n")
    assert _found(cli, f) == [(1, "MT201")]


def test_enable_of_a_subset_re_enables_only_that_subset(tmp_path, cli):
    f = tmp_path / "a.md"
    f.write_text(f"<!-- mtcheck: disable -->\n{BOTH}\n<!-- mtcheck: enable=MT202 -->\n{BOTH}\n"
                 f"<!-- mtcheck: enable -->\n{BOTH}\n")
    assert _found(cli, f) == [(4, "MT202"), (6, "MT201"), (6, "MT202")]
    f.write_text(f"<!-- mtcheck: disable=MT201,MT202 -->\n{BOTH}\n<!-- mtcheck: enable=MT201 -->\n{BOTH}\n"
                 f"<!-- mtcheck: enable=MT202 -->\n{BOTH}\n")
    assert _found(cli, f) == [(4, "MT201"), (6, "MT201"), (6, "MT202")]
    # rule names and categories work as codes do
    f.write_text(f"<!-- mtcheck: disable=casing -->\n{BOTH}\n<!-- mtcheck: enable=lowercase-proper-name -->\n"
                 f"{BOTH}\n")
    assert _found(cli, f) == [(4, "MT201")]


def test_a_baseline_applies_from_any_directory(tmp_path, cli):
    """Its keys were relative to the directory it was written from."""
    archive = tmp_path / "archive"
    archive.mkdir()
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, archive / p.name)
    r = cli("lint", "--no-cache", "--languagetool", "off", "--write-baseline", "base.json", "archive", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads((tmp_path / "base.json").read_text())
    assert data["version"] == 2 and all(k.startswith("archive/") for k in data["files"])
    for cwd, base, target in ((tmp_path, "base.json", "archive"), (archive, "../base.json", "."),
                              (tmp_path.parent, str(tmp_path / "base.json"), str(archive))):
        r = cli("lint", "--no-cache", "--languagetool", "off", "--baseline", base, target, cwd=cwd)
        assert r.returncode == 0 and b"Found 0 findings" in r.stdout, (cwd, r.stdout[-300:])
    # a new finding is still reported
    (archive / "new.txt").write_text(CASING + "\n")
    r = cli("lint", "--no-cache", "--languagetool", "off", "--baseline", "../base.json", ".", cwd=archive)
    assert r.returncode == 1 and b"new.txt:1:" in r.stdout


def test_a_version_1_baseline_still_reads_as_before(tmp_path, cli):
    """Version 1 files name paths relative to the current directory."""
    (tmp_path / "a.txt").write_text(CASING + "\n")
    r = cli("lint", "--no-cache", "--languagetool", "off", "--write-baseline", "b.json", "a.txt", cwd=tmp_path)
    data = json.loads((tmp_path / "b.json").read_text())
    data["version"] = 1
    (tmp_path / "b.json").write_text(json.dumps(data))
    r = cli("lint", "--no-cache", "--languagetool", "off", "--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert r.returncode == 0 and b"Found 0 findings" in r.stdout
