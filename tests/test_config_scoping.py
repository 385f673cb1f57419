"""Each file is linted under its own config, wherever mtcheck runs from and however the
path is spelled: the nearest config's fail-level and selectors, and patterns (exclude,
per-file-ignores) relative to the folder of the config that defines them.

Before, lint took fail-level and validated selectors from the current directory's config
only, and matched patterns against the path as typed with the current directory's
config, so a project's config half-applied when linted from elsewhere.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mtcheck.config import Config, discover

CASING = "The leader met Donald trump on Monday.\n"          # MT201, a warning
CYRILLIC = "The talks ended.\nЧитайте так же\n"              # MT101, an error
OFF = ("--languagetool", "off", "--no-cache")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _lint_json(cli, *args, cwd):
    r = cli("lint", "--format", "json", *OFF, *args, cwd=cwd)
    assert r.returncode in (0, 1), r.stderr.decode()
    return r, {f["path"]: sorted({x["rule"] for x in f["findings"]}) for f in json.loads(r.stdout)["files"]}


# -- bug 1: fail-level and selectors of the file's own config --------------------------------
def test_fail_level_of_the_files_config_wherever_lint_runs(tmp_path, cli):
    _write(tmp_path / "p" / "stories" / "a.txt", CASING)
    _write(tmp_path / "p" / "pyproject.toml", '[tool.mtcheck]\nfail-level = "error"\n')
    story = tmp_path / "p" / "stories" / "a.txt"
    for args, cwd in ((["stories/a.txt"], tmp_path / "p"), (["p/stories/a.txt"], tmp_path),
                      ([str(story)], tmp_path / "p" / "stories")):
        r = cli("lint", *OFF, *args, cwd=cwd)
        assert r.returncode == 0 and b"MT201" in r.stdout, (args, cwd, r.stderr)
    # the flag still beats every config
    assert cli("lint", *OFF, "--fail-level", "warning", "p/stories/a.txt", cwd=tmp_path).returncode == 1


def test_each_file_is_judged_by_its_own_fail_level(tmp_path, cli):
    _write(tmp_path / "lenient" / ".mtcheck.toml", 'fail-level = "error"\n')
    _write(tmp_path / "lenient" / "a.txt", CASING)
    _write(tmp_path / "strict" / "b.txt", CASING)   # no config: warning
    assert cli("lint", *OFF, "lenient", cwd=tmp_path).returncode == 0
    assert cli("lint", *OFF, "lenient", "strict", cwd=tmp_path).returncode == 1
    assert cli("lint", *OFF, "strict", "lenient", cwd=tmp_path).returncode == 1
    # an error-severity finding fails under the lenient config too
    _write(tmp_path / "lenient" / "c.txt", CYRILLIC)
    assert cli("lint", *OFF, "lenient", cwd=tmp_path).returncode == 1


def test_selector_typo_in_the_files_config_is_reported_from_anywhere(tmp_path, cli):
    _write(tmp_path / "p" / "stories" / "a.txt", CASING)
    py = _write(tmp_path / "p" / "pyproject.toml", '[tool.mtcheck]\nselect = ["casng"]\n')
    for path, cwd in (("p/stories/a.txt", tmp_path), ("stories/a.txt", tmp_path / "p")):
        r = cli("lint", *OFF, path, cwd=cwd)
        err = r.stderr.decode()
        assert r.returncode == 2 and "no rule matches 'casng'" in err and str(py) in err, (cwd, err)
        assert r.stdout == b""
    py.write_text('[tool.mtcheck]\nignore = ["MT201"]\n[tool.mtcheck.per-file-ignores]\n"x/*" = ["MT2O1"]\n')
    r = cli("lint", *OFF, "p/stories/a.txt", cwd=tmp_path)
    assert r.returncode == 2 and "'MT2O1'" in r.stderr.decode()
    # a typo on the command line is reported without a config file's name
    r = cli("lint", *OFF, "--select", "casng", "p/stories/a.txt", cwd=tmp_path)
    assert r.returncode == 2 and "no rule matches 'casng'" in r.stderr.decode() and "toml" not in r.stderr.decode()


def test_fix_and_score_check_the_files_config_selectors_too(tmp_path, cli):
    """fix checked only the current directory's config, score no selectors at all: a
    project's typo went unnoticed (exit 0) when run from elsewhere."""
    _write(tmp_path / "p" / "stories" / "a.txt", CASING)
    py = _write(tmp_path / "p" / "pyproject.toml", '[tool.mtcheck]\nselect = ["casng"]\n')
    for command in ("fix", "score"):
        r = cli(command, "--languagetool", "off", "p/stories/a.txt", cwd=tmp_path)
        err = r.stderr.decode()
        assert r.returncode == 2 and "no rule matches 'casng'" in err and str(py) in err, (command, err)
        r = cli(command, "--languagetool", "off", "--select", "casng", "p/stories/a.txt", cwd=tmp_path)
        assert r.returncode == 2 and "no rule matches 'casng'" in r.stderr.decode(), command


def test_a_config_no_input_uses_is_not_validated(tmp_path, cli):
    """The nearest config wins: a broken selector in the current directory's config does
    not stop the linting of a project that has its own."""
    _write(tmp_path / ".mtcheck.toml", 'select = ["casng"]\n')
    _write(tmp_path / "p" / ".mtcheck.toml", 'select = ["casing"]\n')
    _write(tmp_path / "p" / "a.txt", CASING)
    r, got = _lint_json(cli, "p/a.txt", cwd=tmp_path)
    assert got == {"p/a.txt": ["MT201"]}
    # standard input takes the current directory's config, so there it is reported
    r = cli("lint", *OFF, "-", cwd=tmp_path, stdin=CASING.encode())
    assert r.returncode == 2 and "casng" in r.stderr.decode()


def test_selectors_are_checked_against_the_configs_own_rules(tmp_path, cli):
    """A project's rule-dirs add rules its select names; lint from elsewhere knows them."""
    rules = _write(tmp_path / "p" / "house" / "style.yml", (Path(__file__).parent / "test_cli.py").read_text()
                   .split('USER_RULE = """\\\n', 1)[1].split('"""', 1)[0])
    assert "XY101" in rules.read_text()
    _write(tmp_path / "p" / ".mtcheck.toml", 'select = ["XY"]\nrule-dirs = ["house"]\n')
    _write(tmp_path / "p" / "a.txt", "The delegation arrived in Kiev on Monday.\n")
    for cwd, path in ((tmp_path, "p/a.txt"), (tmp_path / "p", "a.txt")):
        r, got = _lint_json(cli, path, cwd=cwd)
        assert got == {path: ["XY101"]}
    r = cli("lint", *OFF, "--format", "sarif", "p/a.txt", cwd=tmp_path)
    assert "XY101" in [x["id"] for x in json.loads(r.stdout)["runs"][0]["tool"]["driver"]["rules"]]


# -- bug 2: patterns relative to the config's folder ------------------------------------------
def _project(tmp_path: Path) -> Path:
    stories = tmp_path / "stories"
    _write(stories / "pyproject.toml",
           '[tool.mtcheck]\nexclude = ["drafts/*"]\n[tool.mtcheck.per-file-ignores]\n"archive/*" = ["casing"]\n')
    for rel in ("a.txt", "drafts/b.txt", "archive/c.txt", "sub/drafts/d.txt"):
        _write(stories / rel, CASING)
    return stories


def test_exclude_and_per_file_ignores_whatever_the_cwd_and_spelling(tmp_path, cli):
    stories = _project(tmp_path)
    want = {"a.txt": ["MT201"], "archive/c.txt": [], "sub/drafts/d.txt": ["MT201"]}
    for cwd, arg in ((stories, "."), (tmp_path, "stories"), (tmp_path, str(stories)),
                     (stories / "sub", ".."), (tmp_path, "stories/")):
        r, got = _lint_json(cli, arg, cwd=cwd)
        assert {os.path.relpath(cwd / p, stories): v for p, v in got.items()} == want, (cwd, arg, got)
    # a file named on the command line: per-file-ignores apply however it is spelled
    for cwd, arg in ((tmp_path, str(stories / "archive" / "c.txt")), (tmp_path, "stories/archive/c.txt"),
                     (stories / "archive", "c.txt"), (stories / "sub", "../archive/./c.txt")):
        r, got = _lint_json(cli, arg, cwd=cwd)
        assert got == {arg: []}, (cwd, arg)


def test_readme_example_still_works_from_the_project_root(tmp_path, cli):
    stories = _project(tmp_path)
    r, got = _lint_json(cli, "archive", "a.txt", "drafts", cwd=stories)
    assert got == {"archive/c.txt": [], "a.txt": ["MT201"]}


def test_walk_uses_each_folders_nearest_config(tmp_path, cli):
    _write(tmp_path / "desk" / ".mtcheck.toml", 'extensions = ["md"]\nexclude = ["old/*"]\n')
    for rel in ("desk/a.md", "desk/b.txt", "desk/old/c.md", "desk/wire/d.txt", "desk/wire/e.md",
                "desk/wire/old/f.txt", "top.txt"):
        _write(tmp_path / rel, CASING)
    # a nearer config in desk/wire: its own extensions, and its exclude relative to desk/wire
    _write(tmp_path / "desk" / "wire" / ".mtcheck.toml", 'exclude = ["old/*"]\n')
    for cwd, arg in ((tmp_path, "desk"), (tmp_path / "desk" / "wire", "../..")):
        r, got = _lint_json(cli, arg, cwd=cwd)
        names = sorted(os.path.relpath(cwd / p, tmp_path) for p in got)
        want = ["desk/a.md", "desk/wire/d.txt", "desk/wire/e.md"] + (["top.txt"] if arg == "../.." else [])
        assert names == want, (cwd, names)


def test_config_patterns_unit(tmp_path, monkeypatch):
    from mtcheck.config import load_file
    stories = _project(tmp_path)
    cfg = discover(stories / "a.txt")
    assert cfg.root == str(stories.resolve())
    monkeypatch.chdir(tmp_path)
    assert cfg.excludes("stories/drafts/b.txt") and cfg.excludes(str(stories / "drafts" / "b.txt"))
    assert not cfg.excludes("stories/sub/drafts/d.txt") and not cfg.excludes("stories/a.txt")
    assert cfg.ignores_for("stories/archive/c.txt") == ("casing",)
    assert cfg.ignores_for(str(stories / "archive" / "c.txt")) == ("casing",)
    assert cfg.ignores_for("stories/a.txt") == ()
    monkeypatch.chdir(stories / "sub")
    assert cfg.ignores_for("../archive/c.txt") == ("casing",) and cfg.excludes("../drafts/b.txt")
    # outside the config's folder only name and absolute patterns can match
    assert not cfg.excludes(str(tmp_path / "drafts" / "x.txt"))
    from mtcheck.records import replace
    by_name = replace(cfg, exclude=("*.md", f"{tmp_path.as_posix()}/x/*"))
    assert by_name.excludes("../../elsewhere/n.md") and by_name.excludes(str(tmp_path / "x" / "y.txt"))
    # no config file (library callers): the path as given, as before
    assert replace(Config(), exclude=("drafts/*",)).excludes("drafts/x.txt")
    # './' in a pattern means the config's folder
    py = _write(tmp_path / "q" / "c.toml", 'exclude = ["./drafts/*"]\n')
    assert load_file(str(py)).excludes(str(tmp_path / "q" / "drafts" / "x.txt"))


def test_walk_unit(tmp_path):
    from mtcheck.walk import walk
    stories = _project(tmp_path)
    found = [os.path.relpath(f, stories) for f in walk(str(stories), discover)]
    assert found == ["a.txt", "archive/c.txt", "sub/drafts/d.txt"]


# -- the same scoping in `mtcheck entities` -----------------------------------------------
def test_entities_uses_the_inputs_config_for_the_corpus(tmp_path, cli):
    p = tmp_path / "p"
    _write(p / "s" / "a.txt", "Irina Morozkina was detained. Lawyers for Morozkinoi appealed.\n")
    _write(p / "s" / "b.txt", "Irina Morozkyna spoke on Monday.\n")
    _write(p / "house.yml", "kind: gazetteer\npeople:\n  - name: Irina Morozkina\n    aliases: [Irina Morozkyna]\n")
    _write(p / "pyproject.toml", '[tool.mtcheck]\nentities = ["house.yml"]\n')
    inside = json.loads(cli("entities", "--format", "json", "s", cwd=p).stdout)
    outside = json.loads(cli("entities", "--format", "json", "p/s", cwd=tmp_path).stdout)
    assert inside["names"] == json.loads(json.dumps(outside["names"]).replace('"p/s/', '"s/'))
    assert [n["gazetteer"] for n in outside["names"] if n["canonical"] == "Irina Morozkina"] == [True]
