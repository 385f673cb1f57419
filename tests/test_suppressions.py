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


def test_write_baseline_with_statistics_counts_what_went_in(tmp_path, cli):
    """--statistics was ignored with --write-baseline (no report is written): it now
    prints the per-rule table of the baselined findings on stderr; stdout stays empty."""
    (tmp_path / "a.txt").write_text(CASING + "\n" + CASING + "\n")
    r = cli("lint", "--no-cache", "--languagetool", "off", "--write-baseline", "b.json", "--statistics", "a.txt",
            cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == b""
    data = json.loads((tmp_path / "b.json").read_text())
    assert sum(data["files"]["a.txt"].values()) == 2
    table = [line.split() for line in r.stderr.decode().splitlines() if line.split()[:1] and line.split()[0].isdigit()]
    assert {row[1]: int(row[0]) for row in table} == {"MT201": 2}, r.stderr
    plain = cli("lint", "--no-cache", "--languagetool", "off", "--write-baseline", "c.json", "a.txt", cwd=tmp_path)
    assert not any(line[:1].isdigit() for line in plain.stderr.decode().splitlines())


# -- directives inside multi-line comments (in-process: no CLI needed) ------------------------
@pytest.fixture(scope="module")
def linter():
    from mtcheck.api import Linter
    return Linter()


def _lines(linter, text: str, path: str = "s.md") -> list[tuple[int, str]]:
    from mtcheck.document import Document
    doc = Document.from_text(text, path)
    return [(doc.position(f.start)[0], f.rule) for f in linter.lint_text(text, path) if f.rule == "MT201"]


@pytest.mark.parametrize("path", ["s.md", "s.html"])
@pytest.mark.parametrize("comment", [
    "<!--\n  mtcheck: ignore MT201\n-->",
    "<!-- The quote is kept as the agency wrote it.\n     mtcheck: ignore MT201 -->",
    "<!-- Kept as written. mtcheck: ignore MT201 -->",
    "<!--\nmtcheck: ignore lowercase-proper-name, MT3\n-->",
])
def test_ignore_in_a_comment_of_several_lines_silences_the_line_after_it(linter, path, comment):
    """The directive's own line (inside the comment) was silenced, not the line after."""
    text = f"{comment}\n\n{CASING}\n{CASING}\n"
    n = comment.count("\n")
    assert _lines(linter, text, path) == [(n + 4, "MT201")]


def test_disable_and_enable_in_comments_of_several_lines(linter):
    text = (f"<!--\n  Legal asked us to keep these quotes.\n  mtcheck: disable=MT201\n-->\n{CASING}\n"
            f"<!--\n  mtcheck: enable=MT201\n-->\n{CASING}\n")
    assert _lines(linter, text) == [(9, "MT201")]


@pytest.mark.parametrize("comment", [
    # prose that mentions mtcheck: "casing" is a category, the rest is not a code list
    "<!-- Note to editors: mtcheck: ignore the casing warnings on this quote, they are intended. -->",
    "<!-- We ran mtcheck: disable casing checks next time? -->",
    "<!--\n  Remember that mtcheck: ignore casing here is only for quotes.\n-->",
])
def test_a_comment_that_only_mentions_mtcheck_is_not_a_directive(linter, comment):
    text = f"{comment}\n{CASING}\n"
    assert _lines(linter, text) == [(comment.count("\n") + 2, "MT201")]


def test_a_comment_after_text_ignores_its_own_line(linter):
    text = f"{CASING} <!--\n  mtcheck: ignore MT201\n-->\n{CASING}\n"
    assert _lines(linter, text) == [(4, "MT201")]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_bare_ignore_silences_its_own_line_not_the_next(tmp_path, cli, newline):
    """The directive's codes ran on over the line break: a bare 'mtcheck: ignore' took
    the next line's words for codes (its own line stayed loud) and silenced that whole
    next line as part of the directive."""
    f = tmp_path / "t.txt"
    f.write_bytes(newline.join([f"{CASING} mtcheck: ignore", CASING, f"{CASING} mtcheck: disable", CASING,
                                "mtcheck: enable", CASING, ""]).encode())
    assert _found(cli, f) == [(2, "MT201"), (6, "MT201")]


@pytest.mark.parametrize("path", ["s.md", "s.html"])
@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_directives_in_comments_of_several_lines_with_cr_line_breaks(linter, path, newline):
    """In a CR-only file (classic Mac, or a CMS export) the comment's own lines were one
    line to the directive pattern (its ^ and $ know only LF), so a directive on a line
    of its own inside a comment was never found and the line after stayed loud."""
    text = newline.join(["<!--", "  Kept as written.", "  mtcheck: ignore MT201", "-->", CASING,
                         "<!--", "mtcheck: disable=MT201", "-->", CASING,
                         "<!--", "mtcheck: enable=MT201", "-->", CASING, ""])
    assert _lines(linter, text, path) == [(13, "MT201")]
